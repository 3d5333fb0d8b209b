"""Which of the Burundi alternative team's choices brings its civilian deaths in 2015-16 (lesson 8)?

    python experiments/lessons/alternative_families.py [--replicates 20] [--workers 2]

Plays the historical track, the alternative team of ``lessons.py`` (``ALTERNATIVE``), and that
team with one family of its choices left out at a time (the family then takes its default), all on
the same seeds, and prints per run the one-sided deaths from 2015-01 to the run's end (months
134-150) by perpetrator, and the mean repression over those months.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
import lessons  # noqa: E402

from ssrsim.exercise.decisions import TeamFile, check_team, load_team  # noqa: E402
from ssrsim.exercise.menu import historical_track  # noqa: E402
from ssrsim.exercise.play import play  # noqa: E402

KILLERS = ("state", "militias", "armed_groups")
FAMILIES = ("ddr_pace", "fnl", "reintegration", "inclusion", "prevention")


def team(choices: dict, name: str):
    """The historical track's money at each point with ``choices`` (a team like ``ALTERNATIVE``)."""
    historical = yaml.safe_load(historical_track("burundi").read_text(encoding="utf-8"))
    decisions = {label: {"money": d["money"], **choices.get(label, {})} for label, d in historical["decisions"].items()}
    return check_team(TeamFile.model_validate({"team": name, "exercise": "burundi", "decisions": decisions}), source=name)


def measure(results) -> str:
    ts = results.timeseries
    window = ts[ts.month.between(134, 150)]
    deaths = window.groupby("replicate")[[f"one_sided_deaths_{k}" for k in KILLERS]].sum().mean()
    return (", ".join(f"{k} {deaths[f'one_sided_deaths_{k}']:.1f}" for k in KILLERS)
            + f"; repression {window['repression'].mean():.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--replicates", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    teams = {"historical track": load_team(historical_track("burundi")),
             "alternative": team(lessons.ALTERNATIVE, "alternative")}
    for family in FAMILIES:
        without = {label: {k: v for k, v in d.items() if k != family} for label, d in lessons.ALTERNATIVE.items()}
        teams[f"alternative without {family}"] = team(without, f"alternative without {family}")
    print(f"one-sided deaths per run, 2015-01 to 2016-05, by perpetrator ({args.replicates} replicates)")
    for name, t in teams.items():
        print(f"{name:36s} {measure(play(t, replicates=args.replicates, workers=args.workers))}", flush=True)


if __name__ == "__main__":
    main()
