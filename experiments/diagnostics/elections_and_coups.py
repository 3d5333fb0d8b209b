"""Why five elections lower battle deaths in the elections mechanism test (a diagnosis).

    python experiments/diagnostics/elections_and_coups.py [--replicates 40] [--no-threat]

``tests/model/test_mechanisms.py::test_elections_shock_will_legitimacy_and_violence`` asks that
five elections (months 6-30) raise battle deaths by at least 15% over 36 months, with a strong
holdout that gets no offers, on 10 paired replicates. Since the coup-civil war trap
(docs/model.md §6.4) the mean reverses. This script runs the test's two arms on more paired
replicates and splits them by whether either arm relapsed into war, and counts the runs with a
coup attempt in each arm. An election due within a year is one of the threats the incumbent
weighs when it chooses its settlement (docs/model.md §6.3); it answers by co-opting or sharing
with rivals, whose grievance, and so their coups, fall. Without elections more factions plot; a
failed coup's purged personnel take up arms (§6.4) and wars follow. ``--no-threat`` sets
``params.settlement.weight_threat`` to 0 in both arms, so that the incumbent no longer weighs the
threats (an election due among them) when it chooses. Prints one line per arm and the split.
"""

from __future__ import annotations

import argparse

import numpy as np

from ssrsim.config import Config
from ssrsim.model.model import SSRModel


def arms(weight_threat: float | None = None) -> tuple[Config, Config]:
    """The test's arms: the baseline with signatory factions / 5, 2,000 citizens, 36 months, no
    election calendar; holdout_c 1,500 fighters with resources 0.5 and no offers; then five
    scheduled elections."""
    data = Config().model_dump()
    data["months"], data["context"]["citizens"] = 36, 2000
    data["context"]["government"]["election_cycle_months"] = 0
    for f in data["context"]["factions"]:
        if f["in_process"]:
            f["fighters"] //= 5
        if f["name"] == "holdout_c":
            f["fighters"] = 1500
    next(s for s in data["context"]["spoilers"] if s["name"] == "holdout_c")["resources"] = 0.5
    data["params"]["bargaining"]["offer_rate"] = 0.0
    if weight_threat is not None:
        data["params"]["settlement"]["weight_threat"] = weight_threat
    none = Config.model_validate(data)
    data["events"] = [{"month": m, "kind": "election"} for m in (6, 12, 18, 24, 30)]
    return none, Config.model_validate(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=40)
    parser.add_argument("--no-threat", action="store_true", help="the incumbent ignores threats when it chooses")
    args = parser.parse_args()
    rows = {}
    for name, cfg in zip(("no elections", "five elections"), arms(0.0 if args.no_threat else None)):
        out = []
        for r in range(args.replicates):
            tables = SSRModel(cfg, replicate=r).run().tables()
            kinds = tables["events"]["kind"]
            out.append((tables["timeseries"]["battle_deaths"].sum(), (kinds == "coup_attempt").any(),
                        (kinds == "war_relapse").any(), (kinds == "settlement").sum()))
        rows[name] = a = np.array(out, dtype=float)
        print(f"{name:>15}: battle deaths mean {a[:, 0].mean():6.0f}, median {np.median(a[:, 0]):5.0f}; "
              f"runs with a coup attempt {int(a[:, 1].sum())}/{len(a)}, with war {int(a[:, 2].sum())}/{len(a)}; "
              f"settlement choices per run {a[:, 3].mean():.1f}")
    none, votes = rows["no elections"], rows["five elections"]
    more = int((votes[:, 0] > none[:, 0]).sum())
    peace = (none[:, 2] == 0) & (votes[:, 2] == 0)
    print(f"pairs with more battle deaths with elections: {more}/{len(none)}; "
          f"pairs with no war in either arm: {int(peace.sum())}, mean deaths {votes[peace, 0].mean():.0f} "
          f"with elections against {none[peace, 0].mean():.0f} without")


if __name__ == "__main__":
    main()
