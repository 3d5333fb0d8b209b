#!/usr/bin/env python
"""A prototype of the batched engine: the citizens' monthly update for R replicates as one array program.

Today each replicate is its own model, and its citizens' month (``CitizenPopulation.step``) is a
few dozen numpy calls on arrays of [service, citizen]. ``BatchedCitizens`` holds the citizens of R
replicates in arrays with a leading replicate axis, [replicate, service, citizen], and does the
same month in the same few dozen calls for all R at once: what a batched engine (replicates as
one array program, on CPU or, through an array library such as JAX or CuPy, on a GPU) would do
with every submodel.

Its update is the model's: jobs churn, exposure and perceived safety move toward local violence,
the judgement between meetings (delivery for the citizen's group, safety, lean, quick wins' lent
credibility), meetings that go fairly or badly, news of abuses, trust rising slowly and falling
fast. Its random numbers are drawn for the batch from one generator, not from each replicate's
stream, so it gives the same numbers *in distribution*, not bit for bit: each churned citizen is a
Bernoulli draw where the model draws a binomial count of (possibly repeated) citizens, and the
truth commission's findings are left out (no shipped scenario sets one in these months).
``tests/model/test_batched_prototype.py`` checks the distributions.

The script times, on one core, ``--months`` months of the citizens of ``--replicates`` replicates:
(a) the model's ``CitizenPopulation.step`` replicate after replicate, (b) ``BatchedCitizens.step``
once for all. Both start from the same citizens (built by the model, each replicate's own) and
read the same month's inputs, those the model gave its citizens in its first month. It measures
and reports; it never fails on a number::

    PYTHONPATH=src python benchmarks/batched_citizens.py                      # 20 replicates, 20,000 citizens
    PYTHONPATH=src python benchmarks/batched_citizens.py --citizens 4000 --replicates 40
"""

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # one thread per process, before numpy is imported

import argparse  # noqa: E402
import copy  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

F32 = np.float32


class BatchedCitizens:
    """The citizens of R replicates, stacked: ``trust[r, s, i]`` is citizen i of replicate r's trust in service s."""

    def __init__(self, populations):
        """Stack R ``CitizenPopulation``s of the same size (each replicate's citizens, as its model built them)."""
        first = populations[0]
        self.groups = first._in_group.shape[0]
        self.province = np.stack([c.province for c in populations]).astype(np.intp)
        self.group = np.stack([c.group for c in populations]).astype(np.intp)
        self.kind = np.stack([c.kind for c in populations]).astype(np.intp)
        self.cell = np.stack([c.cell for c in populations]).astype(np.intp)
        self.employed = np.stack([c.employed for c in populations])
        self.exposure = np.stack([c.exposure for c in populations]).astype(F32)
        self.perceived_safety = np.stack([c.perceived_safety for c in populations]).astype(F32)
        self.lean = np.stack([c.lean for c in populations]).astype(F32)
        self.trust = np.stack([c.trust for c in populations]).astype(F32)
        replicates, services, _ = self.trust.shape
        self._r = np.arange(replicates)[:, None, None]  # index helpers for [replicate, service, citizen] gathers
        self._s = np.arange(services)[None, :, None]

    def step(self, p, rng, violence_rp, news_rps, bias_rsg, delivery_rsg, misconduct_rsgx, contact_rs,
             unemployment_rp, credibility_r, lent_rs, information_r) -> None:
        """One month for every replicate: the arguments of ``CitizenPopulation.step``, each with a
        leading replicate axis; ``rng`` one generator for the batch."""
        replicates, services, n = self.trust.shape
        r2 = self._r[:, :, 0]
        # Jobs: a share ``job_churn`` re-draws employment at the local rate.
        churn = rng.random((replicates, n)) < p.job_churn
        redraw = rng.random((replicates, n)) >= unemployment_rp[r2, self.province]
        self.employed = np.where(churn, redraw, self.employed)
        # Exposure follows local violence; safety is (1 - exposure) x (1 - weight x jobless),
        # lifted toward 1 by the quick wins' credibility; perceived safety follows it.
        local = violence_rp[r2, self.province].astype(F32)
        self.exposure += (local - self.exposure) * F32(p.exposure_decay)
        safety = (1 - self.exposure) * (1 - F32(p.unemployment_weight) * (1 - self.employed.astype(F32)))
        safety += (1 - safety) * credibility_r[:, None].astype(F32)
        self.perceived_safety += (safety - self.perceived_safety) * F32(p.safety_perception_rate)
        # The judgement between meetings, [replicate, service, citizen].
        assessment, judged = 1 - p.lean_weight, 1 - p.perception_weight
        lent = lent_rs[:, :, None]
        by_group = (assessment * ((1 - lent) * judged * delivery_rsg + lent)).astype(F32)  # [r, s, g]
        target = by_group[self._r, self._s, self.group[:, None, :]]
        weight = (assessment * p.perception_weight * (1 - lent_rs)).astype(F32)[:, :, None]
        target += weight * self.perceived_safety[:, None, :]
        target += F32(p.lean_weight) * self.lean[:, None, :]
        # Meetings: one uniform decides whether a citizen meets the service and whether it goes badly.
        u = rng.random((replicates, services, n), dtype=F32)
        contact = contact_rs[:, :, None].astype(F32)
        badly = (contact_rs[:, :, None] * misconduct_rsgx.reshape(replicates, services, -1)).astype(F32)
        met = u < contact
        bad = u < badly[self._r, self._s, self.kind[:, None, :]]
        target = np.where(met, target + F32(p.fair_meeting_lift) * (1 - target), target)
        # News of abuses, by province and group.
        news = np.swapaxes(news_rps, 1, 2)[:, :, :, None] * (1 + bias_rsg)[:, :, None, :]  # [r, s, p, g]
        learn = (-np.expm1(-news)).reshape(replicates, services, -1).astype(F32)
        learned = rng.random((replicates, services, n), dtype=F32) < learn[self._r, self._s, self.cell[:, None, :]]
        target[bad | learned] = F32(p.judgement_after_abuse)
        # Trust rises slowly and falls fast (informed citizens are less disappointed).
        up = F32(p.trust_up)
        down = (p.trust_down * (1 - p.information_damping * information_r)).astype(F32)[:, None, None]
        self.trust += np.where(target > self.trust, up, down) * (target - self.trust)
        self.trusting = self.trust.sum(axis=1) >= services * F32(p.trusting_threshold)

    def confidence(self, p) -> np.ndarray:
        """Each replicate's share trusting each service, [replicate, service] (``trusting_threshold``)."""
        return (self.trust >= F32(p.trusting_threshold)).mean(axis=2)


def month_inputs(cfg, replicates: int):
    """Each replicate's citizens as its model built them, and the inputs its model gave them in its
    first month (``CitizenPopulation.step``'s arguments), with the model's parameters."""
    from ssrsim.model import SSRModel, citizens
    from ssrsim.run.runner import release

    populations, inputs = [], []
    original = citizens.CitizenPopulation.step

    def capture(self, *args):
        inputs.append(args[2:])  # after p and rng
        return original(self, *args)

    for r in range(replicates):
        model = SSRModel(cfg, r, tables=False)
        populations.append(copy.deepcopy(model.citizens))
        citizens.CitizenPopulation.step = capture
        try:
            model.step()
        finally:
            citizens.CitizenPopulation.step = original
        release(model)
    return populations, inputs, cfg.params.citizens


def stacked(inputs) -> list[np.ndarray]:
    return [np.stack([np.asarray(x, dtype=float) for x in column]) for column in zip(*inputs)]


def run_each(populations, inputs, p, months: int, seed: int) -> list:
    """The model's update, replicate after replicate (each on its own generator)."""
    runs = [copy.deepcopy(c) for c in populations]
    for r, (c, args) in enumerate(zip(runs, inputs)):
        rng = np.random.default_rng([seed, r])
        for _ in range(months):
            c.step(p, rng, *args)
    return runs


def run_batched(populations, inputs, p, months: int, seed: int) -> BatchedCitizens:
    batch = BatchedCitizens(populations)
    rng = np.random.default_rng([seed, len(populations)])
    args = stacked(inputs)
    for _ in range(months):
        batch.step(p, rng, *args)
    return batch


def main() -> None:
    import ssrsim

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--replicates", type=int, default=20)
    parser.add_argument("--citizens", type=int, default=20000)
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--repeats", type=int, default=3, help="timings taken; the table shows the fastest")
    args = parser.parse_args()
    cfg = ssrsim.compose("baseline", [f"context.citizens={args.citizens}", "months=12"])
    populations, inputs, p = month_inputs(cfg, args.replicates)
    timings = {"each": [], "batched": []}
    for repeat in range(args.repeats):
        for name, run in (("each", run_each), ("batched", run_batched)):
            start = time.process_time()
            result = run(populations, inputs, p, args.months, seed=repeat)
            timings[name].append(time.process_time() - start)
    each, batched = min(timings["each"]), min(timings["batched"])
    print(f"citizens' update, {args.replicates} replicates x {args.citizens:,} citizens x {args.months} months, one core "
          f"(fastest of {args.repeats}):")
    print(f"  the model's update, replicate after replicate: {each:7.2f} s CPU "
          f"({each / args.replicates / args.months * 1000:.2f} ms a replicate-month)")
    print(f"  batched across the replicates:                 {batched:7.2f} s CPU "
          f"({batched / args.replicates / args.months * 1000:.2f} ms a replicate-month)")
    print(f"  batched / model: {batched / each:.2f}")
    final_each = np.stack([c.trust for c in run_each(populations, inputs, p, args.months, seed=0)])
    print(f"  mean trust at the end, by service: model {np.round(final_each.mean(axis=(0, 2)), 4)}, "
          f"batched {np.round(result.trust.mean(axis=(0, 2)), 4)}")


if __name__ == "__main__":
    main()
