"""``ssrsim plot DIR``: draw a collected sweep's figures, or a run folder's."""

from __future__ import annotations

from . import fail, sweep_folder, user_errors


def main(argv: list[str]) -> None:
    folder = sweep_folder("ssrsim plot", "Draw the figures of a collected sweep folder (ssrsim collect), or of a "
                          "run folder (ssrsim run, e.g. one run with figures=false).", argv).folder
    try:
        with user_errors():  # a run folder holds its summary table; a sweep folder its jobs' folders
            paths = run_figures(folder) if (folder / "summary.parquet").is_file() else sweep_figures(folder)
    except FileNotFoundError as e:
        fail(str(e))
    print("\n".join(str(p) for p in paths))


def sweep_figures(folder):
    from ..config.errors import UserError
    from ..sweeps.figures import save_sweep_figures
    from ..sweeps.study import is_study

    if is_study(folder):
        raise UserError(f"{folder} is a sensitivity study: its figures (sensitivity_*.png) are drawn by the "
                        "ssrsim sensitivity command that made it; run that command again (its finished blocks "
                        "are skipped) to draw them again")
    return save_sweep_figures(folder)


def run_figures(folder):
    """A finished run folder's four figures, as ``ssrsim run`` draws them; ssrsim's own figure
    files there are replaced, a user's file of the same name is refused."""
    from ..run.analysis import BANDED
    from ..run.figures import save_run_figures
    from ..run.results import FIGURE_FILES, load_run, read_curves, refuse_theirs

    refuse_theirs(folder, FIGURE_FILES, overwrite=True)
    run = load_run(folder, tables=("summary",))
    return save_run_figures(folder, run.config, run.summary, read_curves(folder / "timeseries.parquet", BANDED))
