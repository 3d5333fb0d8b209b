#!/usr/bin/env python
"""Sweep throughput: 2 workers vs 1 beside a pure-CPU control, per-job overhead, worker memory.

1. **Control.** A numpy loop on a cache-sized array (pure CPU, one thread) is timed alone and
   as two copies in two processes at once: ``control speed-up = 2 × t(one) / t(two at once)``.
   This is what the machine's cores give (about 1.5× on this 2-core machine, not 2×).
2. **Sweep.** The same ``ssrsim run -m`` sweep (``--jobs`` points × ``--replicates``) with
   ``hydra.launcher.n_jobs=1`` and ``=2``, each into a fresh folder. Runs per minute are counted
   over the jobs phase (plan written → last job's marker) and over the whole command.
   ``sweep speed-up = runs/min (2) / runs/min (1)``; the figure of merit is
   ``sweep speed-up / control speed-up`` (target ≥ 0.9: the sweep machinery loses little of
   what the cores offer).
3. **Per-job overhead.** A sweep of tiny jobs (1 replicate × 1 month): its seconds per job minus
   the model's own time for such a job, measured in-process. Also the command's start-up
   (imports and planning, until the plan is written) and the time to write one job's tables.
4. **Memory per worker.** One process runs ``--memory-jobs`` jobs back to back the way a
   launcher's worker does (``sweeps.run_job``: simulate, write, mark) and records its resident
   memory after each. It must stay flat: Mesa 3.3 keeps every finished model reachable through
   ``Agent._ids`` unless ``runner.release`` drops it.
5. **Planning.** ``--plan-points`` values of one lever, as many points over two scenarios, and a
   design of as many rows given as ``+design=point_NNNN`` files (as ``ssrsim sensitivity``
   does), planned in-process as
   ``ssrsim run -m`` plans them before any job starts (expanded, composed and validated).

Usage (run it on a quiet machine; it measures and reports, it never fails on a number)::

    python benchmarks/bench_sweep.py                     # full size (several minutes)
    python benchmarks/bench_sweep.py --jobs 4 --replicates 2 --months 36 --memory-jobs 6   # small
    python benchmarks/bench_sweep.py --json results/bench_sweep.json
"""

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # one thread per process, before numpy is imported

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from concurrent.futures import ProcessPoolExecutor  # noqa: E402
from multiprocessing import get_context  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

MIB = 1024 * 1024
TARGET_RATIO = 0.9


# --------------------------------------------------------------------------- 1. control
def control_work(iterations: int) -> float:
    """A pure-CPU numpy loop (the array fits in cache, so memory bandwidth is not the limit)."""
    x = np.random.default_rng(0).random(16_384)
    start = time.perf_counter()
    for _ in range(iterations):
        x = np.sqrt(x * x + 0.5) % 1.0
    return time.perf_counter() - start


def control_speedup(seconds: float) -> dict:
    """Time the loop alone and two copies at once; the loop is sized to take ``seconds``."""
    probe = 200
    per_iteration = control_work(probe) / probe
    iterations = max(probe, int(seconds / per_iteration))
    ctx = get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:
        list(pool.map(control_work, [probe, probe]))  # start both workers before timing
        one = statistics.median(pool.submit(control_work, iterations).result() for _ in range(2))
        start = time.perf_counter()
        list(pool.map(control_work, [iterations, iterations]))
        two = time.perf_counter() - start
    return {"iterations": iterations, "one_s": one, "two_at_once_s": two, "speedup": 2 * one / two}


# --------------------------------------------------------------------------- 2. sweep
def run_sweep(folder: Path, jobs: int, replicates: int, months: int, n_jobs: int,
              extra: tuple[str, ...] = ()) -> dict:
    """One ``ssrsim run -m`` in a fresh folder: wall seconds, jobs phase, start-up."""
    wills = ",".join(f"{w:.3f}" for w in np.linspace(0.3, 0.7, jobs))
    args = [sys.executable, "-m", "ssrsim.cli", "run", "-m", f"levers.political_will={wills}",
            f"replicates={replicates}", f"months={months}", f"hydra.launcher.n_jobs={n_jobs}",
            f"hydra.sweep.dir={folder}", *extra]
    start = time.time()
    done = subprocess.run(args, capture_output=True, text=True)
    wall = time.time() - start
    if done.returncode != 0:
        raise SystemExit(f"sweep failed:\n{done.stderr[-2000:]}")
    planned = (folder / "sweep.json").stat().st_mtime
    finished = max((folder / str(j) / "job.json").stat().st_mtime for j in range(jobs))
    runs = jobs * replicates
    return {"n_jobs": n_jobs, "jobs": jobs, "replicates": replicates, "months": months,
            "wall_s": wall, "startup_s": planned - start, "jobs_phase_s": finished - planned,
            "runs_per_min": 60 * runs / (finished - planned), "runs_per_min_wall": 60 * runs / wall}


# --------------------------------------------------------------------------- 3. overhead
def in_process_job_seconds(replicates: int, months: int, citizens: int | None = None) -> dict:
    """The model's own time for one job, and the time to write its tables, in this process."""
    from ssrsim.config.compose import compose
    from ssrsim.run.runner import simulate

    overrides = [f"replicates={replicates}", f"months={months}"]
    cfg = compose("baseline", overrides + ([f"context.citizens={citizens}"] if citizens else []))
    simulate(cfg, progress=False)  # warm caches and imports
    start = time.perf_counter()
    results = simulate(cfg, progress=False)
    model_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        results.save(Path(tmp) / "job")
        write_s = time.perf_counter() - start
    return {"model_s": model_s, "write_s": write_s}


# --------------------------------------------------------------------------- 4. memory
def rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def worker_memory(jobs: int, replicates: int, months: int) -> dict:
    """Resident memory of one process running ``jobs`` sweep jobs back to back."""
    import gc

    import mesa

    from ssrsim.config.compose import compose
    from ssrsim.sweeps.jobs import run_job

    samples = []
    with tempfile.TemporaryDirectory() as tmp:
        for j in range(jobs):
            cfg = compose("baseline", [f"replicates={replicates}", f"months={months}",
                                       f"levers.political_will={0.3 + 0.4 * j / max(jobs - 1, 1):.3f}"])
            run_job(cfg, Path(tmp) / str(j), j, [], stream=open(os.devnull, "w"))
            gc.collect()
            samples.append(rss_bytes() / MIB)
        alive = len(mesa.Agent._ids)
    half = samples[len(samples) // 2:]
    slope = float(np.polyfit(range(len(half)), half, 1)[0]) if len(half) > 1 else 0.0
    return {"jobs": jobs, "rss_mib_after_each_job": [round(s, 1) for s in samples],
            "first_mib": samples[0], "last_mib": samples[-1], "max_mib": max(samples),
            "slope_mib_per_job_second_half": slope, "models_still_referenced_by_mesa": alive}


# --------------------------------------------------------------------------- 5. planning
def planning(points: int, folder: Path) -> dict:
    """Plan, in-process as ``ssrsim run -m`` does, a sweep of ``points`` values of one lever, the
    same number of points over two scenarios (a config group), and a sensitivity-style design of
    ``points`` rows (``+design=point_NNNN`` files, two levers each)."""
    from ssrsim.sweeps.plan import plan

    values = [0.1 + 0.8 * i / max(points - 1, 1) for i in range(points)]
    design = folder / "design"
    design.mkdir(parents=True)
    for i, v in enumerate(values):
        (design / f"point_{i:04d}.yaml").write_text(
            f"# @package _global_\nlevers:\n  political_will: {v:.6f}\n  oversight_strength: {1 - v:.6f}\n")
    sweeps = {"values": [f"levers.political_will={','.join(f'{v:.6f}' for v in values)}"],
              "scenarios": ["scenario=baseline,donor_driven",
                            f"levers.political_will={','.join(f'{v:.6f}' for v in values[::2])}"],
              "design": ["+design=" + ",".join(f"point_{i:04d}" for i in range(points)),
                         f"hydra.searchpath=[file://{folder}]"]}
    out = {}
    for kind, args in sweeps.items():
        start = time.perf_counter()
        planned = plan([*args, f"hydra.sweep.dir={folder / f'sweep_{kind}'}"])
        seconds = time.perf_counter() - start
        out[kind] = {"points": len(planned.jobs), "seconds": seconds, "ms_per_point": 1000 * seconds / len(planned.jobs)}
    return out


# --------------------------------------------------------------------------- report
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=8, help="sweep points (default 8)")
    parser.add_argument("--replicates", type=int, default=10, help="replicates per job (default 10)")
    parser.add_argument("--months", type=int, default=240, help="months per replicate (default 240)")
    parser.add_argument("--overhead-jobs", type=int, default=10, help="tiny jobs for the overhead (10)")
    parser.add_argument("--memory-jobs", type=int, default=30, help="jobs run back to back (30)")
    parser.add_argument("--plan-points", type=int, default=1000, help="sweep points planned (1000)")
    parser.add_argument("--json", type=Path, help="also write every number to this file")
    args = parser.parse_args()

    report: dict = {"env": {"python": sys.version.split()[0], "cpus": os.cpu_count(),
                            "load_average_at_start": os.getloadavg()}}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        sweeps = {k: run_sweep(tmp / f"n{k}", args.jobs, args.replicates, args.months, k) for k in (1, 2)}
        one_job_s = sweeps[1]["jobs_phase_s"] / args.jobs
        report["control"] = control_speedup(max(2.0, min(one_job_s * 2, 20.0)))
        tiny = run_sweep(tmp / "tiny", args.overhead_jobs, 1, 1, 1, ("context.citizens=1000",))
        report["planning"] = planning(args.plan_points, tmp / "planned")
    report["sweep"] = sweeps
    speedup = sweeps[2]["runs_per_min"] / sweeps[1]["runs_per_min"]
    report["sweep_speedup"] = speedup
    report["ratio_sweep_over_control"] = speedup / report["control"]["speedup"]
    own = in_process_job_seconds(1, 1, citizens=1000)
    report["overhead"] = {"startup_s": tiny["startup_s"],
                          "per_job_s": tiny["jobs_phase_s"] / args.overhead_jobs - own["model_s"],
                          "tiny_job_model_s": own["model_s"],
                          "write_s_full_job": in_process_job_seconds(args.replicates, args.months)["write_s"]}
    report["memory"] = worker_memory(args.memory_jobs, 2, min(args.months, 60))
    report["env"]["load_average_at_end"] = os.getloadavg()

    c, m, o = report["control"], report["memory"], report["overhead"]
    ok = report["ratio_sweep_over_control"] >= TARGET_RATIO
    print(f"sweep: {args.jobs} jobs x {args.replicates} replicates x {args.months} months")
    for k, s in sweeps.items():
        print(f"  n_jobs={k}: {s['runs_per_min']:7.1f} runs/min over the jobs ({s['jobs_phase_s']:.1f} s), "
              f"{s['runs_per_min_wall']:7.1f} runs/min over the command ({s['wall_s']:.1f} s)")
    print(f"  speed-up 2 vs 1 workers:   {speedup:.2f}x")
    print(f"control (numpy loop): one {c['one_s']:.2f} s, two at once {c['two_at_once_s']:.2f} s, "
          f"speed-up {c['speedup']:.2f}x")
    print(f"ratio sweep / control:       {report['ratio_sweep_over_control']:.2f} "
          f"(target >= {TARGET_RATIO}: {'PASS' if ok else 'FAIL'})")
    print(f"overhead: start-up {o['startup_s']:.2f} s per command; {o['per_job_s']:.2f} s per job "
          f"beyond the model; writing a full job's tables {o['write_s_full_job']:.2f} s")
    for kind, pl in report["planning"].items():
        print(f"planning {pl['points']} points ({kind}): {pl['seconds']:.1f} s ({pl['ms_per_point']:.1f} ms per point)")
    print(f"memory of one worker over {m['jobs']} jobs: {m['first_mib']:.0f} -> {m['last_mib']:.0f} MiB "
          f"(max {m['max_mib']:.0f}; second half {m['slope_mib_per_job_second_half']:+.2f} MiB/job; "
          f"models still held by Mesa: {m['models_still_referenced_by_mesa']})")
    print(f"load average: {report['env']['load_average_at_start'][0]:.2f} at start, "
          f"{report['env']['load_average_at_end'][0]:.2f} at end (another process on the cores skews the ratio)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
