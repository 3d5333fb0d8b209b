"""``ssrsim plot DIR``: draw a collected sweep's figures."""

from __future__ import annotations

from . import fail, sweep_folder, user_errors


def main(argv: list[str]) -> None:
    folder = sweep_folder("ssrsim plot", "Draw the figures of a collected sweep folder (ssrsim collect).", argv).folder
    from ..sweeps.figures import save_sweep_figures

    try:
        with user_errors():
            paths = save_sweep_figures(folder)
    except FileNotFoundError as e:
        fail(str(e))
    print("\n".join(str(p) for p in paths))
