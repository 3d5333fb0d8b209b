"""Through which channel do quick wins move public confidence late in a run? (a diagnosis of lesson 4)

    python experiments/diagnostics/quick_win_channels.py [--replicates 40] [--workers 2] [--seed 12345] [set overrides ...]

Quick wins reach citizens two ways: the credibility they lend (``SSRModel.credibility``, which
pulls each service's judgement toward trust as far as its integrity bears it out, and moves
perceived safety), and the co-optation they feed, which lowers the services' integrity
(docs/model.md §8.5). This script runs ``baseline`` for 120 months on the same seeds in six arms:
quick-win share 0 and 0.1 (the default); 0.1 with the credibility fading at the top of its range
(``params.citizens.credibility_decay`` 0.15); 0.1 with no credibility at all
(``params.donors.quick_win_effect`` 0: only co-optation is left); and oversight at 0.2 and 0.75 for
comparison. For each arm it prints the means over months 61-120 of public confidence, the
credibility, the services' mean integrity and perceived safety, and co-optation at month 120;
then the paired gains in confidence against quick-win share 0, and of oversight 0.75 against 0.2,
with their standard errors. Overrides (``key=value``) apply to every arm, under the arm's own;
docs/model.md §8.6 was measured with ``params.citizens.credibility_decay=0.03``, the default
before it.
"""

from __future__ import annotations

import numpy as np
from paired import arguments, paired_runs

MONTHS = 120
LATE = 60  # months after this one are averaged
ARMS = {
    "quick wins 0": ["levers.funding.quick_win_share=0"],
    "quick wins 0.1": [],
    "quick wins 0.1, decay 0.15": ["params.citizens.credibility_decay=0.15"],
    "quick wins 0.1, no credibility": ["params.donors.quick_win_effect=0"],
    "oversight 0.2": ["levers.oversight_strength=0.2"],
    "oversight 0.75": ["levers.oversight_strength=0.75"],
}
GAINS = [("quick wins 0.1", "quick wins 0"), ("quick wins 0.1, decay 0.15", "quick wins 0"),
         ("quick wins 0.1, no credibility", "quick wins 0"), ("oversight 0.75", "oversight 0.2")]


def replicate(overrides: list[str], r: int) -> tuple[float, ...]:
    """One run: late means of confidence, credibility, integrity and perceived safety; co-optation."""
    import ssrsim
    from ssrsim.model import SSRModel

    m = SSRModel(ssrsim.compose("baseline", overrides), r)
    late = []
    while m.month < MONTHS:
        m.step()
        if m.month > LATE:
            late.append((m.public_confidence, m.credibility, np.mean([f.integrity for f in m.forces]),
                         m.perceived_safety))
    return (*np.mean(late, axis=0), m.co_optation)


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("overrides", nargs="*", help="key=value, applied to every arm")
    args = parser.parse_args()
    n = args.replicates
    common = [f"months={MONTHS}", f"seed={args.seed}", *args.overrides]
    rows = paired_runs(replicate, list(ARMS.values()), n, args.workers, common)
    runs = {name: np.array(arm) for name, arm in zip(ARMS, rows)}
    print(f"baseline, {MONTHS} months, {n} paired replicates, seed {args.seed}, means over months {LATE + 1}-{MONTHS}"
          + (f"; every arm with {' '.join(args.overrides)}" if args.overrides else ""))
    for name, arm in runs.items():
        print(f"  {name:32s} confidence {arm[:, 0].mean():.4f}  credibility {arm[:, 1].mean():.4f}  "
              f"integrity {arm[:, 2].mean():.4f}  perceived safety {arm[:, 3].mean():.4f}  "
              f"co-optation at month {MONTHS} {arm[:, 4].mean():.4f}")
    print("paired gains in confidence:")
    for a, b in GAINS:
        gain = runs[a][:, 0] - runs[b][:, 0]
        print(f"  {a} minus {b}: {gain.mean():+.4f} (standard error {gain.std(ddof=1) / np.sqrt(n):.4f})")


if __name__ == "__main__":
    main()
