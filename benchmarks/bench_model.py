#!/usr/bin/env python
"""Single-core performance benchmark of the default ``baseline`` scenario.

Times ``SSRModel(cfg, r).run()`` for ``r in range(N)`` (CPU and wall time, build
reported separately), peak memory, agent-steps per second, and a vectorised numpy
reference kernel over the same number of agents and steps, timed right after each
replicate (so each replicate's ratio compares the two at the same speed of the
machine), then prints a table against the performance targets.  See
``benchmarks/README.md``.

Usage::

    PYTHONPATH=src python benchmarks/bench_model.py [--replicates N] [--months M] [--json PATH]

This script only measures and reports; it never fails on a timing (exit code 0
whether the targets pass or not, unless ``--strict`` is given).
"""

# "One core": pin the BLAS / OpenMP thread pools to one thread BEFORE numpy is
# imported anywhere (directly, or indirectly via mesa / ssrsim).
import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import datetime as _dt  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
try:  # work with or without PYTHONPATH=src / an installed package
    import ssrsim  # noqa: F401
except ImportError:  # pragma: no cover - depends on how the script is launched
    sys.path.insert(0, str(ROOT / "src"))

import mesa  # noqa: E402

from ssrsim.config import Config  # noqa: E402
from ssrsim.model import SSRModel  # noqa: E402

MIB = 1024 * 1024
GIB = 1024 * MIB

# Targets from the performance issue.
TARGET_CPU_S = 2.0  # one replicate, one core, CPU seconds (build + run)
CAP_V2_CPU_S = 1.2  # model version 2's cap on the same number (the model-version-2 issue)
GOAL_CPU_S = 0.5  # stretch goal for the same number
TARGET_PEAK_BYTES = 1 * GIB  # peak memory of the process
TARGET_RATIO = 10.0  # model CPU / reference-kernel CPU


# --------------------------------------------------------------------------- helpers
def peak_rss_bytes() -> int:
    """High-water resident set size of this process so far (ru_maxrss).

    Linux reports ru_maxrss in KiB, macOS in bytes.
    """
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(rss) if sys.platform == "darwin" else int(rss) * 1024


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def git_revision() -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, timeout=5)
        rev = out.stdout.strip()
        if not rev:
            return None
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=5).stdout.strip()
        return rev + ("-dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return None


def release_model(model) -> None:
    """Free Mesa's global per-model id cache so replicates do not accumulate memory."""
    mesa.Agent._ids.pop(model, None)


def agents_in(model) -> dict:
    fighters = int(model.fighters.n)
    citizens = int(model.citizens.n)
    mesa_agents = len(model.agents)
    return {"fighters_end": fighters, "citizens": citizens, "mesa_agents": mesa_agents,
            "total": fighters + citizens + mesa_agents}


# --------------------------------------------------------------------------- the model
def time_replicate(cfg: Config, replicate: int) -> dict:
    """CPU and wall time of building and running one replicate."""
    gc.collect()
    c0, w0 = time.process_time(), time.perf_counter()
    model = SSRModel(cfg, replicate)
    c1, w1 = time.process_time(), time.perf_counter()
    model.run()
    c2, w2 = time.process_time(), time.perf_counter()
    out = {
        "replicate": replicate,
        "months": int(model.month) if hasattr(model, "month") else cfg.months,
        "cpu_build_s": c1 - c0, "cpu_run_s": c2 - c1, "cpu_total_s": c2 - c0,
        "wall_build_s": w1 - w0, "wall_run_s": w2 - w1, "wall_total_s": w2 - w0,
        "agents": agents_in(model),
    }
    release_model(model)
    del model
    gc.collect()
    return out


def tracemalloc_peak(cfg: Config, replicate: int = 0) -> dict:
    """Peak bytes traced by tracemalloc while building + running one replicate.

    Counts Python-object and numpy-buffer allocations made during the replicate (numpy
    reports its buffers to tracemalloc); excludes the interpreter, imported modules and
    anything allocated before tracing started.  Tracing slows the run, so it is done
    separately from (after) the timed replicates.
    """
    gc.collect()
    w0 = time.perf_counter()
    tracemalloc.start()
    try:
        model = SSRModel(cfg, replicate)
        model.run()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    wall = time.perf_counter() - w0
    release_model(model)
    del model
    gc.collect()
    return {"replicate": replicate, "peak_bytes": int(peak), "wall_s": wall}


# --------------------------------------------------------------------------- reference kernel
def reference_kernel(n: int, steps: int) -> float:
    """A minimal vectorised agent update; returns the mean state (so work is not elided).

    Each agent reads 4 fixed random neighbours (drawn once), draws one uniform number
    and updates x = clip(0.9 x + 0.1 m + 0.05 [u < 0.05 + 0.5 m] - 0.03, 0, 1),
    m = mean of the neighbours' x.  One Python loop over steps, numpy over agents.
    """
    rng = np.random.default_rng(0)
    neighbours = rng.integers(0, n, size=(n, 4))
    x = rng.random(n)
    for _ in range(steps):
        m = x[neighbours].mean(axis=1)
        u = rng.random(n)
        x = np.clip(0.9 * x + 0.1 * m + 0.05 * (u < 0.05 + 0.5 * m) - 0.03, 0.0, 1.0)
    return float(x.mean())


def time_kernel(n: int, steps: int) -> dict:
    """CPU and wall time of one run of the reference kernel."""
    gc.collect()
    c0, w0 = time.process_time(), time.perf_counter()
    reference_kernel(n, steps)
    return {"agents": n, "steps": steps, "cpu_s": time.process_time() - c0, "wall_s": time.perf_counter() - w0}


# --------------------------------------------------------------------------- report
def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def render(res: dict) -> str:
    m, k, t = res["model"], res["kernel"], res["targets"]
    mem = res["memory"]
    tm = mem.get("tracemalloc_peak_mib")
    rows = [
        ("model CPU s / replicate (build+run, median)", f"{m['cpu_total_s']:.3f}", ""),
        ("  of which build (median)", f"{m['cpu_build_s']:.3f}", ""),
        ("  of which run / stepping (median)", f"{m['cpu_run_s']:.3f}", ""),
        ("model wall s / replicate (build+run, median)", f"{m['wall_total_s']:.3f}", ""),
        ("  of which build (median)", f"{m['wall_build_s']:.3f}", ""),
        ("peak RSS MiB (whole process, ru_maxrss)", f"{mem['peak_rss_mib']:.1f}", ""),
        ("  RSS high-water before first model (imports)", f"{mem['rss_after_imports_mib']:.1f}", ""),
        ("tracemalloc peak MiB (one replicate)", "skipped" if tm is None else f"{tm:.1f}", ""),
        ("agents (fighters end + citizens + Mesa)", f"{m['agents_median']:,}", ""),
        ("agent-steps / s (CPU)", f"{m['agent_steps_per_s']:,.0f}", ""),
        (f"reference kernel CPU s (median of {k['repeats']})", f"{k['cpu_s']:.3f}", ""),
        ("reference kernel agent-steps / s", f"{k['agent_steps_per_s']:,.0f}", ""),
        ("ratio model / kernel (CPU, median over replicates)", f"{res['ratio_model_over_kernel']:.1f}x", ""),
    ]
    targets = [
        ("one replicate <= 2 s CPU (target)", f"{m['cpu_total_s']:.3f} s", verdict(t["cpu_target"])),
        ("one replicate <= 1.2 s CPU (model version 2 cap)", f"{m['cpu_total_s']:.3f} s", verdict(t["cpu_cap_v2"])),
        ("one replicate <= 0.5 s CPU (goal)", f"{m['cpu_total_s']:.3f} s", verdict(t["cpu_goal"])),
        ("peak memory <= 1 GiB (RSS)", f"{mem['peak_rss_mib']:.1f} MiB", verdict(t["memory"])),
        ("within 10x of reference kernel", f"{res['ratio_model_over_kernel']:.1f}x", verdict(t["kernel_ratio"])),
    ]
    w = max(len(r[0]) for r in rows + targets)
    v = max(len(r[1]) for r in rows + targets)
    line = "-" * (w + v + 10)
    out = [
        f"ssrsim benchmark: scenario {res['scenario']!r}, {res['replicates']} replicates x "
        f"{res['months']} months, one core",
        f"{res['env']['cpu_model']} | python {res['env']['python']} | numpy {res['env']['numpy']} "
        f"| mesa {res['env']['mesa']} | {res['env']['date']}",
        line,
        f"{'measure':<{w}}  {'value':>{v}}",
        line,
    ]
    out += [f"{a:<{w}}  {b:>{v}}" for a, b, _ in rows]
    out += [line, f"{'target':<{w}}  {'measured':>{v}}  result", line]
    out += [f"{a:<{w}}  {b:>{v}}  {c}" for a, b, c in targets]
    out.append(line)
    per = ", ".join(f"r{r['replicate']}: {r['cpu_total_s']:.3f}s cpu/{r['wall_total_s']:.3f}s wall, "
                    f"kernel {r['kernel']['cpu_s']:.3f}s ({r['cpu_total_s'] / r['kernel']['cpu_s']:.1f}x)"
                    for r in res["per_replicate"])
    out.append(f"per replicate: {per}")
    if m["cpu_total_s"] > 1.2 * m["wall_total_s"]:
        out.append("warning: CPU time exceeds wall time; something ran on more than one core")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--replicates", type=int, default=3, help="replicates to time (default 3)")
    ap.add_argument("--months", type=int, default=240, help="months per replicate (default 240)")
    ap.add_argument("--no-tracemalloc", action="store_true",
                    help="skip the extra tracemalloc-instrumented replicate")
    ap.add_argument("--json", metavar="PATH", help="also write the numbers to this JSON file")
    ap.add_argument("--strict", action="store_true", help="exit 1 if a target (not the goal) fails")
    args = ap.parse_args(argv)
    if args.replicates < 1:
        ap.error("--replicates must be >= 1")

    cfg = Config(months=args.months)  # default baseline scenario, validated
    rss_imports = peak_rss_bytes()

    per = []
    for r in range(args.replicates):
        timed = time_replicate(cfg, r)
        # The kernel right after the replicate, over as many agents and steps: the machine's speed
        # drifts between runs by more than most changes of the model, and this pairs them.
        timed["kernel"] = time_kernel(timed["agents"]["total"], timed["months"])
        per.append(timed)
    rss_models = peak_rss_bytes()  # before tracemalloc (which adds its own overhead)

    tm = None if args.no_tracemalloc else tracemalloc_peak(cfg, 0)

    med = {key: statistics.median(p[key] for p in per)
           for key in ("cpu_build_s", "cpu_run_s", "cpu_total_s", "wall_build_s", "wall_run_s", "wall_total_s")}
    months = per[0]["months"]
    agents = int(statistics.median(p["agents"]["total"] for p in per))
    steps_per_s = statistics.median(p["agents"]["total"] * p["months"] / p["cpu_total_s"] for p in per)

    kernel = {"repeats": len(per), "cpu_s": statistics.median(p["kernel"]["cpu_s"] for p in per),
              "wall_s": statistics.median(p["kernel"]["wall_s"] for p in per)}
    kernel["agent_steps_per_s"] = agents * months / kernel["cpu_s"]
    ratio = statistics.median(p["cpu_total_s"] / p["kernel"]["cpu_s"] for p in per)

    res = {
        "scenario": cfg.name,
        "replicates": args.replicates,
        "months": months,
        "model": {**med, "agents_median": agents, "agent_steps_per_s": steps_per_s,
                  "cpu_run_only_agent_steps_per_s": agents * months / med["cpu_run_s"]},
        "per_replicate": per,
        "memory": {
            "peak_rss_mib": rss_models / MIB,
            "peak_rss_note": "ru_maxrss high-water of the whole process (interpreter + imports + all "
                             "timed replicates), read before the tracemalloc run and the kernel",
            "rss_after_imports_mib": rss_imports / MIB,
            "tracemalloc_peak_mib": None if tm is None else tm["peak_bytes"] / MIB,
            "tracemalloc_note": "peak bytes traced while building + running replicate 0 only "
                                "(Python objects and numpy buffers; excludes the interpreter and imports)",
            "tracemalloc_wall_s": None if tm is None else tm["wall_s"],
        },
        "kernel": kernel,
        "ratio_model_over_kernel": ratio,
        "targets": {
            "cpu_target": med["cpu_total_s"] <= TARGET_CPU_S,
            "cpu_cap_v2": med["cpu_total_s"] <= CAP_V2_CPU_S,
            "cpu_goal": med["cpu_total_s"] <= GOAL_CPU_S,
            "memory": rss_models <= TARGET_PEAK_BYTES,
            "kernel_ratio": ratio <= TARGET_RATIO,
            "limits": {"cpu_target_s": TARGET_CPU_S, "cpu_cap_v2_s": CAP_V2_CPU_S, "cpu_goal_s": GOAL_CPU_S,
                       "peak_memory_bytes": TARGET_PEAK_BYTES, "kernel_ratio": TARGET_RATIO},
        },
        "env": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "mesa": mesa.__version__,
            "ssrsim": getattr(sys.modules.get("ssrsim"), "__version__", None),
            "git": git_revision(),
            "cpu_model": cpu_model(),
            "cpus_visible": os.cpu_count(),
            "platform": platform.platform(),
            "threads_env": {v: os.environ.get(v) for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                                                            "MKL_NUM_THREADS")},
            "date": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        },
    }

    print(render(res))
    if args.json:
        path = Path(args.json)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(res, indent=2) + "\n")
        print(f"wrote {path}")

    if args.strict and not all(res["targets"][k] for k in ("cpu_target", "cpu_cap_v2", "memory", "kernel_ratio")):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
