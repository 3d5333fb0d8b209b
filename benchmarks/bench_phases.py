#!/usr/bin/env python
"""Where a replicate's time goes: CPU per step of ``SSRModel.step`` and per per-agent update.

Each step method of ``SSRModel`` (and the citizens' and fighters' monthly updates, and the month's clashes) is wrapped
with a ``time.process_time`` timer, and ``--replicates`` replicates of the default scenario run
after one warm-up. The timers add a little to each call, so the shares matter more than the sum.
``--citizens N`` runs the same with N sampled citizens (what does not shrink with the population is
a cost per month); ``--compare-tables`` also runs each replicate with all its monthly tables,
with only the series the validation's arms keep (``SSRModel(..., series=metrics.RECORDED)``) and
with none (``SSRModel(..., tables=False)``, as a study's runs), alternated, without timers.

Usage (it measures and reports, it never fails on a number)::

    python benchmarks/bench_phases.py                      # 3 replicates x 240 months
    python benchmarks/bench_phases.py --citizens 200       # the cost per month
    python benchmarks/bench_phases.py --compare-tables --replicates 4
"""

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # one thread per process, before numpy is imported

import argparse  # noqa: E402
import collections  # noqa: E402
import gc  # noqa: E402
import time  # noqa: E402

import ssrsim  # noqa: E402
from ssrsim.model import SSRModel, citizens, fighters  # noqa: E402
from ssrsim.model import model as model_module  # noqa: E402
from ssrsim.run.runner import release  # noqa: E402

STEPS = ["_fund", "_govern", "_deploy_forces", "_accountability", "_run_ddr", "_remobilize",
         "_spoilers_move", "_recruit_and_fight", "_violence_against_civilians", "_escalate", "_politics",
         "_deals", "_economy", "_perceptions", "_update_indices", "_relapse", "_record"]
#: Per-agent updates and the month's clashes (a function of the model module, timed where the step calls it).
AGENTS = [(citizens.CitizenPopulation, "step"), (fighters.FighterPopulation, "drift"),
          (fighters.FighterPopulation, "remobilizing"), (model_module, "resolve_clashes")]


def label_of(owner, name: str) -> str:
    return f"{owner.__name__}.{name}" if isinstance(owner, type) else name


def timed(spent: collections.Counter, label: str, method):
    def wrapper(*args, **kwargs):
        start = time.process_time()
        out = method(*args, **kwargs)
        spent[label] += time.process_time() - start
        return out
    return wrapper


def run(cfg, replicate: int, tables: bool = True, series: tuple[str, ...] | None = None) -> float:
    start = time.process_time()
    model = SSRModel(cfg, replicate, tables=tables, series=series).run()
    seconds = time.process_time() - start
    release(model)
    gc.collect()
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--replicates", type=int, default=3, help="replicates timed (3)")
    ap.add_argument("--months", type=int, default=240, help="months per replicate (240)")
    ap.add_argument("--citizens", type=int, help="sampled citizens (default: the scenario's)")
    ap.add_argument("--compare-tables", action="store_true", help="also time runs without their monthly tables")
    args = ap.parse_args()
    if args.replicates < 1:
        ap.error("--replicates must be at least 1")
    cfg = ssrsim.compose("baseline", [f"months={args.months}"]
                         + ([f"context.citizens={args.citizens}"] if args.citizens else []))
    if args.compare_tables:  # before the timers are installed
        run(cfg, args.replicates, tables=True)  # warm-up
        from ssrsim.validation.metrics import RECORDED

        pairs = [(run(cfg, r, tables=True), run(cfg, r, series=RECORDED), run(cfg, r, tables=False))
                 for r in range(args.replicates)]
    spent: collections.Counter = collections.Counter()
    originals = {}
    for name in STEPS:
        originals[(SSRModel, name)] = getattr(SSRModel, name)
        setattr(SSRModel, name, timed(spent, name, originals[(SSRModel, name)]))
    for cls, name in AGENTS:
        originals[(cls, name)] = getattr(cls, name)
        setattr(cls, name, timed(spent, label_of(cls, name), originals[(cls, name)]))
    run(cfg, args.replicates)  # warm-up, then forgotten
    spent.clear()
    per = [run(cfg, r) for r in range(args.replicates)]
    for (cls, name), method in originals.items():
        setattr(cls, name, method)
    total = sum(per)
    print(f"baseline, {args.replicates} replicates x {args.months} months, {cfg.context.citizens:,} citizens: "
          f"{total / args.replicates:.3f} s CPU a replicate with the timers ({', '.join(f'{t:.3f}' for t in per)})")
    print("\nsteps of SSRModel.step:")
    for name in sorted(STEPS, key=lambda n: -spent[n]):
        print(f"  {name:30s} {spent[name] / args.replicates:.4f} s  {100 * spent[name] / total:4.1f}%")
    print("per-agent updates and the clashes (inside the steps above):")
    for cls, name in AGENTS:
        label = label_of(cls, name)
        print(f"  {label:30s} {spent[label] / args.replicates:.4f} s  {100 * spent[label] / total:4.1f}%")
    if args.compare_tables:
        full, kept, lean = (sum(p[i] for p in pairs) / len(pairs) for i in (0, 1, 2))
        print(f"\nwith tables {full:.3f} s, the validation's series only {kept:.3f} s ({100 * (1 - kept / full):.0f}% "
              f"less), without (tables=False) {lean:.3f} s ({100 * (1 - lean / full):.0f}% less) a replicate, "
              f"alternated: {[tuple(round(t, 3) for t in p) for p in pairs]}")


if __name__ == "__main__":
    main()
