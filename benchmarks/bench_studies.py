#!/usr/bin/env python
"""Studies at scale, side by side: what a replicate, a command, a job and a design row cost, and
what a 10,000-run study of the default scenario would take on this machine.

One run measures, one part at a time (the machine has two cores; nothing else should run):

1. **Replicate**: CPU seconds per replicate of the default scenario (240 months, one core), the
   median of ``--replicates``, and its ratio to the reference kernel (``bench_model.py`` in a
   child process, so its peak RSS is the model's alone).
2. **Start-up**: the CPU that ``ssrsim run replicates=1`` spends outside the model: the whole
   command's CPU (a child process, read from ``getrusage``) minus the CPU of the same replicate
   built and run in this process: with figures (as a user runs it) and with ``figures=false``;
   and, for comparison, a process that only reads the run and draws its figures.
3. **Per job**: seconds per job beyond the model, over a sweep of tiny jobs (1 replicate × 1 month)
   on one worker (``bench_sweep.py``'s method).
4. **Planning**: milliseconds per design row before a study's first job, as ``ssrsim sensitivity``
   spends them: a design of ``--plan-points`` rows drawn, every row validated on the base
   configuration, the study written and its blocks planned as a sweep.
5. **Study slice**: ``ssrsim sensitivity --method lhs --n N`` over four levers, one replicate per
   design row, 240 months, two workers, start to finish (``--slice``, default 500 rows). The
   projection to 10,000 runs scales the jobs phase and the collection by 10,000 / N and adds the
   start-up once.
6. **Memory**: peak RSS of the replicate process, and a worker's RSS over ``--memory-jobs`` jobs
   run back to back (flat, or growing by how much per job).

Targets (the studies-at-scale issue): at most 0.3 s of CPU per replicate, and at most a third of
model version 2's time measured the same way (``--v2-seconds``; ``benchmarks/README.md`` gives
it); at most 1.5 s of start-up CPU; a 10,000-run study in under 30 minutes on two cores; a run's
memory under 300 MiB. It reports PASS or FAIL and never exits non-zero for a number.

Usage (several minutes at full size; the slice dominates)::

    python benchmarks/bench_studies.py
    python benchmarks/bench_studies.py --replicates 1 --slice 30 --plan-points 50 --overhead-jobs 4 --memory-jobs 4   # smoke test
    python benchmarks/bench_studies.py --json results/bench_studies.json
"""

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # one thread per process, before numpy is imported

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_sweep  # noqa: E402

STUDY_RUNS = 10_000
LIMITS = {"replicate_cpu_s": 0.3, "startup_cpu_s": 1.5, "study_minutes": 30.0, "peak_rss_mib": 300.0}
#: The slice's design: four levers an analyst would sweep first, over their usual ranges.
SLICE_RANGES = ["levers.political_will=0.1:0.9", "levers.oversight_strength=0.1:0.9",
                "levers.ddr.demobilization_per_month=0:3000", "levers.ddr.reintegration_months=6:48"]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def command(args: list[str]) -> tuple[float, float]:
    """Run ``args`` to completion: (CPU seconds of the child and its children, wall seconds)."""
    cpu0, wall0 = children_cpu(), time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args[:4])} ... failed:\n{done.stderr[-2000:]}")
    return children_cpu() - cpu0, time.perf_counter() - wall0


def replicate(replicates: int, folder: Path) -> dict:
    """``bench_model.py`` in a child process; its JSON."""
    out = folder / "model.json"
    command([sys.executable, str(HERE / "bench_model.py"), "--replicates", str(replicates),
             "--no-tracemalloc", "--json", str(out)])
    return json.loads(out.read_text())


def model_cpu(months: int) -> float:
    """CPU seconds to build and run replicate 0 of the default scenario in this process (warm)."""
    import ssrsim
    from ssrsim.model import SSRModel
    from ssrsim.run.runner import release

    cfg = ssrsim.compose("baseline", [f"months={months}"])
    release(SSRModel(cfg, 0).run(1))  # imports and caches, as the command has them
    start = time.process_time()
    model = SSRModel(cfg, 0).run()
    seconds = time.process_time() - start
    release(model)
    return seconds


def startup(folder: Path) -> dict:
    """CPU of ``ssrsim run replicates=1`` outside the model, with its figures and with them drawn
    again by ``ssrsim``'s own figure code in a child (their share)."""
    run_dir = folder / "run"
    cpu, wall = command([sys.executable, "-m", "ssrsim.cli", "run", "replicates=1", "workers=1",
                         f"hydra.run.dir={run_dir}"])
    inside = model_cpu(240)
    draw = ("from ssrsim.run.figures import save_figures; from ssrsim.run.results import load_run; "
            f"r = load_run({str(run_dir)!r}); "
            f"save_figures(r.summary, r.timeseries, r.config.months, {str(folder)!r}, 'benchmark')")
    figures_cpu, _ = command([sys.executable, "-c", draw])
    bare_cpu, _ = command([sys.executable, "-c", "pass"])
    tables_cpu, _ = command([sys.executable, "-m", "ssrsim.cli", "run", "replicates=1", "workers=1", "figures=false",
                             f"hydra.run.dir={folder / 'tables_only'}"])
    return {"command_cpu_s": cpu, "command_wall_s": wall, "model_cpu_s": inside,
            "outside_model_cpu_s": cpu - inside, "figures_process_cpu_s": figures_cpu,
            "outside_model_without_figures_cpu_s": tables_cpu - inside, "python_start_cpu_s": bare_cpu}


def study_slice(rows: int, folder: Path) -> dict:
    """A Latin-hypercube study of ``rows`` design rows × 1 replicate × 240 months on two workers."""
    out = folder / "slice"
    args = [sys.executable, "-m", "ssrsim.cli", "sensitivity", "--method", "lhs", "--n", str(rows)]
    for r in SLICE_RANGES:
        args += ["--range", r]
    start = time.time()
    cpu, wall = command([*args, "replicates=1", "months=240", "hydra.launcher.n_jobs=2",
                         f"hydra.sweep.dir={out}"])
    planned = (out / "sweep.json").stat().st_mtime
    finished = max(p.stat().st_mtime for p in out.glob("*/job.json"))
    startup_s, jobs_s = planned - start, finished - planned
    after_s = wall - startup_s - jobs_s  # collection, indices and figures
    projected = startup_s + (jobs_s + after_s) * STUDY_RUNS / rows
    return {"rows": rows, "wall_s": wall, "cpu_s": cpu, "startup_s": startup_s, "jobs_phase_s": jobs_s,
            "after_jobs_s": after_s, "seconds_per_run": jobs_s / rows,
            "projected_minutes": projected / 60, "files": sum(1 for p in out.rglob("*") if p.is_file())}


def study_planning(rows: int, folder: Path) -> dict:
    """In-process, as ``ssrsim sensitivity`` does before its first job: a Latin-hypercube design of
    ``rows`` rows over the slice's four levers, the base configuration, every row validated on it,
    the study written, and its blocks planned as a sweep."""
    from ssrsim.config.compose import compose
    from ssrsim.sweeps.designs import design_table, problem, sample
    from ssrsim.sweeps.plan import plan
    from ssrsim.sweeps.sensitivity import ranges_from, with_search_path
    from ssrsim.sweeps.study import block_rows, check_rows, write_study

    start = time.perf_counter()
    prob = problem(ranges_from(SLICE_RANGES))
    design = design_table(prob["names"], sample(prob, "lhs", n=rows, seed=1))
    base = compose("baseline", ["replicates=1"])
    check_rows(base, design)
    names = write_study(folder, design, block_rows(rows), base, {"method": "lhs", "n": rows, "design_seed": 1})
    planned = plan([f"+design={','.join(names)}", "replicates=1",
                    *with_search_path([f"hydra.sweep.dir={folder}"], folder)])
    seconds = time.perf_counter() - start
    return {"rows": rows, "blocks": len(planned.jobs), "seconds": seconds, "ms_per_point": 1000 * seconds / rows}


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def render(r: dict, v2_seconds: float | None) -> str:
    m, s, o, p, sl, mem = r["replicate"], r["startup"], r["per_job"], r["planning"], r["slice"], r["memory"]
    cpu = m["model"]["cpu_total_s"]
    limit = LIMITS["replicate_cpu_s"] if v2_seconds is None else min(LIMITS["replicate_cpu_s"], v2_seconds / 3)
    rss = m["memory"]["peak_rss_mib"]
    rows = [
        ("CPU per replicate (240 months, one core)", f"{cpu:.3f} s", f"<= {limit:.2f} s", verdict(cpu <= limit)),
        ("ratio to the reference kernel", f"{m['ratio_model_over_kernel']:.1f}x", "", ""),
        ("start-up: `ssrsim run` CPU outside the model", f"{s['outside_model_cpu_s']:.2f} s",
         f"<= {LIMITS['startup_cpu_s']} s", verdict(s["outside_model_cpu_s"] <= LIMITS["startup_cpu_s"])),
        ("  the same with figures=false (tables only)", f"{s['outside_model_without_figures_cpu_s']:.2f} s", "", ""),
        ("  a process that only reads the run and draws its figures", f"{s['figures_process_cpu_s']:.2f} s", "", ""),
        ("per-job overhead beyond the model", f"{o['per_job_s']:.2f} s", "", ""),
        (f"planning per design row ({p['rows']:,} rows, {p['blocks']} blocks)", f"{p['ms_per_point']:.2f} ms", "", ""),
        (f"study slice: {sl['rows']} runs on 2 workers", f"{sl['wall_s']:.0f} s ({sl['seconds_per_run']:.2f} s a run)",
         "", ""),
        ("projected 10,000-run study", f"{sl['projected_minutes']:.0f} min",
         f"< {LIMITS['study_minutes']:.0f} min", verdict(sl["projected_minutes"] < LIMITS["study_minutes"])),
        ("files written by the slice", f"{sl['files']:,}", "", ""),
        ("peak RSS of the replicate process", f"{rss:.0f} MiB", f"< {LIMITS['peak_rss_mib']:.0f} MiB",
         verdict(rss < LIMITS["peak_rss_mib"])),
        (f"a worker's RSS over {mem['jobs']} jobs", f"{mem['first_mib']:.0f} -> {mem['last_mib']:.0f} MiB "
         f"({mem['slope_mib_per_job_second_half']:+.2f} MiB a job)", "", ""),
    ]
    width = max(len(row[0]) for row in rows)
    lines = [f"ssrsim {r['env']['ssrsim']} at {r['env']['git']}, {r['env']['date']}; load average "
             f"{r['env']['load_average_at_start']:.2f} at start, {r['env']['load_average_at_end']:.2f} at end", ""]
    lines += [f"{a:<{width}}  {b:<28} {c:<12} {d}".rstrip() for a, b, c, d in rows]
    if v2_seconds is None:
        lines.append("\n(the replicate's target is also a third of model version 2's time: pass --v2-seconds)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--replicates", type=int, default=3, help="replicates timed for the CPU figure (3)")
    ap.add_argument("--slice", type=int, default=500, help="design rows in the study slice (500)")
    ap.add_argument("--plan-points", type=int, default=1000, help="design points planned (1000)")
    ap.add_argument("--overhead-jobs", type=int, default=10, help="tiny jobs for the per-job overhead (10)")
    ap.add_argument("--memory-jobs", type=int, default=20, help="jobs one worker runs back to back (20)")
    ap.add_argument("--v2-seconds", type=float, help="model version 2's CPU per replicate on this machine")
    ap.add_argument("--json", type=Path, help="also write every number to this file")
    args = ap.parse_args(argv)
    for name in ("replicates", "slice", "plan_points", "overhead_jobs", "memory_jobs"):
        if getattr(args, name) < 1:
            ap.error(f"--{name.replace('_', '-')} must be at least 1")

    load0 = os.getloadavg()[0]
    report: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print("1/6 replicate ...", flush=True)
        report["replicate"] = replicate(args.replicates, tmp)
        print("2/6 start-up ...", flush=True)
        report["startup"] = startup(tmp)
        print("3/6 per-job overhead ...", flush=True)
        tiny = bench_sweep.run_sweep(tmp / "tiny", args.overhead_jobs, 1, 1, 1, ("context.citizens=1000",))
        own = bench_sweep.in_process_job_seconds(1, 1, citizens=1000)
        report["per_job"] = {"per_job_s": tiny["jobs_phase_s"] / args.overhead_jobs - own["model_s"],
                             "command_startup_s": tiny["startup_s"], "tiny_job_model_s": own["model_s"]}
        print("4/6 planning ...", flush=True)
        report["planning"] = study_planning(args.plan_points, tmp / "planned")
        print(f"5/6 study slice ({args.slice} runs) ...", flush=True)
        report["slice"] = study_slice(args.slice, tmp)
        print("6/6 a worker's memory ...", flush=True)
        report["memory"] = bench_sweep.worker_memory(args.memory_jobs, 1, 240)
    env = report["replicate"]["env"]
    report["env"] = {**env, "load_average_at_start": load0, "load_average_at_end": os.getloadavg()[0]}
    report["limits"] = LIMITS
    print()
    print(render(report, args.v2_seconds))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
