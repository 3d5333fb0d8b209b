"""A finished run as a page shows it: its run folder, the relapse risks with intervals, its figures.

The run folder is the one ``ssrsim run`` writes (tables, ``config.yaml``, ``manifest.json``, the
four figures and the record of ssrsim's files), so a downloaded zip reads back with
``ssrsim.load_run`` and a refused overwrite protects it as any other. The numbers and figures are
the run layer's own (:mod:`ssrsim.run.analysis`, :mod:`ssrsim.run.figures`): the page shows what
the command line reports. Run folders live in a temporary folder of the server process, removed
when it stops; a user keeps a run by downloading it.
"""

from __future__ import annotations

import atexit
import io
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from itertools import count
from pathlib import Path

import numpy as np
import pandas as pd

from ..config import Config
from ..config.calendar import dates as calendar_dates
from ..run.analysis import relapse_probabilities
from ..run.figures import save_figures, violence_figure
from ..run.files import DPI, command_line
from ..run.results import FIGURE_FILES, Results

#: The years at which a page states the risk of relapse (those within the run's horizon).
YEARS = (5, 10, 20)
#: The run's figures a page shows, by title: files of the run folder, and violence (drawn here).
SHOWN_FIGURES = dict(zip(("Relapse risk", "Public confidence", "Fighters by status"), FIGURE_FILES[:3]))
VIOLENCE = "Violence"

_folders = count(1)
_root: Path | None = None


def runs_root() -> Path:
    """The server's temporary folder of run folders, made at the first run, removed at exit."""
    global _root
    if _root is None:
        _root = Path(tempfile.mkdtemp(prefix="ssrsim-app-"))
        atexit.register(shutil.rmtree, _root, ignore_errors=True)
    return _root


#: The summary's first-event columns of relapse, by the name of their threshold.
RELAPSE = {"relapse_month": "Armed conflict", "war_relapse_month": "War"}


def thresholds(cfg: Config) -> str:
    """What each relapse threshold counts, from ``cfg``: a note for the tables."""
    t = cfg.thresholds
    return (f"Armed conflict: ≥{t.relapse_deaths:,} battle deaths in {t.window_months} months; "
            f"war: ≥{t.war_deaths:,} battle deaths in {t.window_months} months.")


def horizon_label(month: int) -> str:
    """``by 5 years``, ``by 1 year``, ``by 18 months``."""
    if month % 12:
        return f"by {month} months"
    return f"by {month // 12} year{'s' if month != 12 else ''}"


def risk_table(summary: pd.DataFrame, cfg: Config) -> pd.DataFrame:
    """P(relapse) at both thresholds by 5, 10 and 20 years (those within the horizon, else the
    horizon itself), each as ``0.23 (0.12 – 0.39)``: the estimate and its 95% interval."""
    years = [y for y in YEARS if 12 * y <= cfg.months] or [cfg.months / 12]
    rows = []
    for column, name in RELAPSE.items():
        probs = relapse_probabilities(summary, cfg.months, years, column)
        rows.append({"Relapse into": name} | {horizon_label(int(r.month)): f"{r.p:.2f} ({r.lo:.2f} – {r.hi:.2f})"
                                               for r in probs.itertuples()})
    return pd.DataFrame(rows)


def relapsed(summary: pd.DataFrame, column: str, months: int) -> np.ndarray:
    """Whether each replicate (in replicate order) relapsed within ``months``."""
    ordered = summary.sort_values("replicate")
    event = pd.to_numeric(ordered[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return ~np.isnan(event) & (event <= months)


def paired_table(a: Results, b: Results, names: tuple[str, str]) -> pd.DataFrame:
    """Two runs of one seed, replicate by replicate: at each threshold, how many replicates relapsed
    by the horizon under one setting only. With common random numbers a lever's effect shows in
    these discordant pairs, which a difference of two risks with their own intervals blurs."""
    months = a.config.months
    rows = []
    for column, name in RELAPSE.items():
        in_a, in_b = relapsed(a.summary, column, months), relapsed(b.summary, column, months)
        rows.append({"Relapse into": name, f"{names[0]} only": int(np.sum(in_a & ~in_b)),
                     f"{names[1]} only": int(np.sum(in_b & ~in_a)), "both": int(np.sum(in_a & in_b)),
                     "neither": int(np.sum(~in_a & ~in_b))})
    return pd.DataFrame(rows)


def png(figure) -> bytes:
    """A Matplotlib figure as PNG bytes, at the resolution of the run folder's figures."""
    buffer = io.BytesIO()
    figure.savefig(buffer, dpi=DPI, format="png")
    return buffer.getvalue()


@dataclass(frozen=True)
class Outcome:
    """One setting's finished run, as the page shows it."""

    name: str  # the setting's ("Setting A") when two are compared, else the scenario's
    results: Results
    command: str  # the ``ssrsim run`` command that makes the same run folder
    folder: Path
    risks: pd.DataFrame
    figures: dict[str, bytes]

    @property
    def archive_name(self) -> str:
        return f"{self.folder.name}.zip"

    def zipped(self) -> bytes:
        """The run folder as a zip (its files under the folder's name, the record included)."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(self.folder.rglob("*")):
                if path.is_file():
                    archive.write(path, Path(self.folder.name) / path.relative_to(self.folder))
        return buffer.getvalue()


def finish(results: Results, setting: str | None, command: str) -> Outcome:
    """Write ``results`` into a new run folder with its figures, and gather what the page shows.

    ``setting``: its name when two settings are compared; ``command``: the ``ssrsim run`` command
    that makes the same run folder (the manifest and the record name the app as the writer).
    """
    cfg = results.config
    slug = f"_{setting.lower().replace(' ', '_')}" if setting else ""
    folder = runs_root() / f"{next(_folders):03d}_{cfg.name}{slug}"
    with command_line(f"ssrsim app: {command}"):
        results.save(folder, command=f"ssrsim app: {command}")
        save_figures(results.summary, results.timeseries, cfg.months, folder,
                     title=f"ssrsim: {cfg.name} ({cfg.replicates} replicates)", calendar_start=cfg.calendar.start)
    dates = calendar_dates(cfg.calendar.start, cfg.months) if cfg.calendar.start else None
    figures = {title: (folder / file).read_bytes() for title, file in SHOWN_FIGURES.items()}
    figures[VIOLENCE] = png(violence_figure(results.timeseries, dates))
    return Outcome(name=setting or cfg.name, results=results, command=command, folder=folder,
                   risks=risk_table(results.summary, cfg), figures=figures)
