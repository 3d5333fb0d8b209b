"""The strategies the Burundi validation compares, fixed before any run (docs/burundi.md §5).

Why strategies and not levers: the claim under test is that a *team* playing the exercise can
change the outcome, so every strategy is a decision file a team could hand in, built only from
the exercise's menu (``configs/exercise/burundi/exercise.yaml``) and checked by
:func:`ssrsim.exercise.decisions.check_team` exactly as a team's file is: known options, money
within each decision point's budget, political capital within its allowance.

- ``historical``: the decisions actually taken (``configs/exercise/burundi/historical.yaml``);
- ``ddr_first``: fast DDR, broad reintegration and talks with the FNL from the start (an offer
  at once, posts for its party from 2006), with a third of the capacity money moved to DDR while
  the caseload lasts (2004 and 2006); otherwise the historical course;
- ``exclusionary``: the historical money and DDR pace, but no places reserved for the movements
  in the army and police (``integration: open``), military pressure on the FNL without talks or
  offers, oversight left to the government, no prevention programme.

``random_teams`` draws strategies from the same menu with a fixed seed, to show how far the
outcomes spread over what teams could choose; each draw is a checked decision file too.
"""

from __future__ import annotations

import numpy as np

from ...config.errors import UserError
from ...exercise.decisions import Decision, Money, Team, TeamFile, check_team, expired, load_team
from ...exercise.menu import MONEY, historical_track, load_exercise, phases

CASE = "burundi"
#: The fixed seed of the random strategies, and how many are drawn.
RANDOM_SEED = 2014
RANDOM_STRATEGIES = 20

#: Strategy (b): fast DDR + broad reintegration + FNL talks. Families not named at a decision
#: point keep their previous choice (as in every decision file).
DDR_FIRST = {
    "team": "DDR first, FNL talks",
    "exercise": CASE,
    "description": "fast DDR, broad reintegration and talks with the FNL from 2004 (validation strategy b)",
    "decisions": {
        "2004-12": {"money": {"ddr": 44, "capacity": 16, "governance": 8, "quick_wins": 4},
                    "ddr_pace": "fast", "reintegration": "broad", "integration": "arusha",
                    "oversight": "current", "fnl": "offer", "prevention": "none", "inclusion": "as_is",
                    "budget_support": "unconditional", "un_mandate": "as_planned"},
        "2006-12": {"money": {"ddr": 41, "capacity": 21, "governance": 14, "quick_wins": 10},
                    "fnl": "posts"},
        "2008-12": {"money": {"ddr": 12, "capacity": 30, "governance": 16, "quick_wins": 4},
                    "ddr_pace": "steady", "oversight": "support", "fnl": "posts"},
        "2010-12": {"money": {"ddr": 4, "capacity": 40, "governance": 18, "quick_wins": 5},
                    "ddr_pace": "slow", "oversight": "current", "prevention": "commission"},
        "2012-12": {"money": {"ddr": 2, "capacity": 42, "governance": 18, "quick_wins": 5}},
        "2014-12": {"money": {"ddr": 2, "capacity": 26, "governance": 14, "quick_wins": 4}},
    },
}

#: Strategy (c): exclusionary. The historical money and DDR pace, the movements kept out of the
#: forces, the FNL fought and never offered anything, oversight and prevention left undone.
EXCLUSIONARY = {
    "team": "Exclusionary",
    "exercise": CASE,
    "description": "no reserved places, no talks or offers to the FNL, minimal oversight (validation strategy c)",
    "decisions": {
        "2004-12": {"money": {"ddr": 36, "capacity": 24, "governance": 8, "quick_wins": 4},
                    "ddr_pace": "rapid", "reintegration": "standard", "integration": "open",
                    "oversight": "minimal", "fnl": "pressure", "prevention": "none", "inclusion": "as_is",
                    "budget_support": "unconditional", "un_mandate": "as_planned"},
        "2006-12": {"money": {"ddr": 30, "capacity": 32, "governance": 14, "quick_wins": 10},
                    "ddr_pace": "steady"},
        "2008-12": {"money": {"ddr": 12, "capacity": 30, "governance": 16, "quick_wins": 4}},
        "2010-12": {"money": {"ddr": 4, "capacity": 40, "governance": 18, "quick_wins": 5},
                    "ddr_pace": "slow"},
        "2012-12": {"money": {"ddr": 2, "capacity": 42, "governance": 18, "quick_wins": 5}},
        "2014-12": {"money": {"ddr": 2, "capacity": 26, "governance": 14, "quick_wins": 4}},
    },
}

#: The three fixed strategies, in the order of the report: (a), (b), (c).
LABELS = {"historical": "(a) historical", "ddr_first": "(b) DDR first + FNL talks", "exclusionary": "(c) exclusionary"}


def fixed_teams() -> dict[str, Team]:
    """The three fixed strategies as checked teams (a ``UserError`` if the menu no longer allows one)."""
    return {"historical": load_team(historical_track(CASE)),
            "ddr_first": check_team(TeamFile.model_validate(DDR_FIRST), source="validation strategy ddr_first"),
            "exclusionary": check_team(TeamFile.model_validate(EXCLUSIONARY),
                                       source="validation strategy exclusionary")}


def random_teams(n: int = RANDOM_STRATEGIES, seed: int = RANDOM_SEED) -> list[tuple[TeamFile, Team]]:
    """``n`` strategies drawn from the menu with ``seed``: the same draws every time."""
    rng = np.random.default_rng(seed)
    return [random_team(rng, f"Random {i + 1:02d}") for i in range(n)]


def random_team(rng: np.random.Generator, name: str) -> tuple[TeamFile, Team]:
    """One strategy drawn from the menu, decision point by decision point.

    At each point the money is a uniform (Dirichlet) split of the whole budget, rounded down to
    US$0.1m; then the families still open are visited in a random order, and each takes the first
    of its options, in a random order, that keeps the file valid (``check_team``: capital within
    the allowance). Every family has an option that costs nothing, so a draw always succeeds.
    Every family is named at every point, so an option that acts (an offer) acts each time it is
    drawn.
    """
    exercise, cfg = load_exercise(CASE)
    raw = TeamFile(team=name, exercise=CASE, description=f"drawn from the menu (seed {RANDOM_SEED})")
    for phase in phases(exercise, cfg):
        split = rng.dirichlet(np.ones(len(MONEY))) * phase.budget
        money = Money(**{k: float(np.floor(v * 10) / 10) for k, v in zip(MONEY, split)})
        choices: dict[str, str] = {}
        for family in rng.permutation(sorted(exercise.families)):
            family = str(family)
            if expired(exercise.families[family], phase, cfg.calendar.start):
                continue
            for option in rng.permutation(list(exercise.families[family].options)):
                trial = raw.model_copy(deep=True)
                trial.decisions[phase.label] = Decision(money=money, **choices, **{family: str(option)})
                try:
                    check_team(trial, source=name)
                except UserError:  # over the capital allowance: the next option
                    continue
                choices[family] = str(option)
                break
        raw.decisions[phase.label] = Decision(money=money, **choices)
    return raw, check_team(raw, source=name)
