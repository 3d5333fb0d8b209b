"""Citizens: a representative sample whose trust in each service is at stake.

Each citizen lives in a province, belongs to an identity group, is a woman or a man, and holds a
trust in [0, 1] for the army, the police and the gendarmerie, a perceived safety, a remembered
exposure to violence and an employment status.

Trust comes from the conduct citizens meet (procedural justice: Tyler 1990): each month a citizen
meets a service with that service's contact rate (the police often, the army rarely), and the
meeting is fair or goes badly (an abuse or a bribe) by the service's predation, its bias against
the citizen's group, and, for a woman, how few women serve in it (003:846). Between meetings the
citizen judges the service by perceived safety (002:43, 003:1630), by what the service delivers
for the citizen's group (its performance, capacity and integrity together, 002:59, times the
group's representation in it: the quotas of Arusha and Pretoria) and by a personal lean; quick wins lend a credibility that fades (004:101). No
service has a fixed offset: differences between services emerge. Trust rises slowly and falls
fast; public confidence restored is the long-term benchmark (004:54).
"""

from __future__ import annotations

import numpy as np

from ..config.params import CitizenParams
from .maths import select, toward

#: A citizen's sex, as indexed in ``female`` and the kind code (0 a man, 1 a woman).
SEXES = ("man", "woman")


def _service_and_citizen(flat: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``np.divmod(flat, n)`` for flat ids ``flat`` >= 0 (service x ``n`` + citizen), the same
    integers: the floor quotient and what it leaves. numpy divides integers by one divisor
    several times faster than ``divmod`` does, and a multiply and a subtraction are cheap."""
    service = flat // n
    return service, flat - service * n


class CitizenPopulation:
    """Array-backed citizens (each standing for many people)."""

    def __init__(self, count: int, provinces, groups: np.ndarray, unemployment: float, delivery_sg: np.ndarray,
                 rng: np.random.Generator, p: CitizenParams, group_concentration: float):
        self._params = p  # params.citizens
        self.n = count
        self.province = np.sort(rng.choice(provinces.count, size=count, p=provinces.population))
        self.per_province = np.bincount(self.province, minlength=provinces.count)
        self.first = np.concatenate([[0], np.cumsum(self.per_province)[:-1]])  # rows are sorted by province
        # Identity groups: each province's shares scatter around the national ones (assumed).
        self.group = np.empty(count, np.int8)
        for prov_, start in enumerate(self.first):
            shares = rng.dirichlet(group_concentration * groups)
            self.group[start: start + self.per_province[prov_]] = rng.choice(
                len(groups), size=self.per_province[prov_], p=shares)
        self.female = rng.random(count) < p.female_share
        # Codes that index per-month tables without per-citizen arithmetic: the citizen's kind
        # (group and sex) and cell (province and group).
        self.kind = self.group.astype(np.intp) * len(SEXES) + self.female
        # Each group's members as a bit mask (all 32 bits set for a member, else none): the gather
        # ``by_group[:, group]`` is then, bit for bit, the first group's value XOR each other group's
        # difference from it masked to its members (the masks are disjoint and cover everyone). That
        # is a few vectorised passes, cheaper than a gather or a matrix product (which also clears
        # its output).
        self._in_group = -(np.arange(len(groups))[:, None] == self.group).astype(np.int32)
        self.cell = self.province.astype(np.intp) * len(groups) + self.group
        self.kinds = np.bincount(self.kind, minlength=len(SEXES) * len(groups)).reshape(len(groups), len(SEXES))
        # The members of each kind as indicators, one row per kind: trust counted by kind is a
        # product of these rows with each service's row of trusting citizens. In single precision it
        # is exact (sums of ones, up to the largest sample, stay below 2^24).
        self._of_kind = (self.kind == np.arange(self.kinds.size)[:, None]).astype(np.float32)
        # Personal lean (history, group, politics: 002:111) pulls each citizen's judgement.
        # Per-citizen 0-1 quantities are single precision (half the memory traffic each month).
        # War-time distrust: mean lean_shape_a / (lean_shape_a + lean_shape_b) (assumption).
        self.lean = rng.beta(p.lean_shape_a, p.lean_shape_b, count).astype(np.float32)
        # The war is fresh in memory (assumption: exposure_shape_a / (exposure_shape_a +
        # exposure_shape_b) of full exposure on average); it fades.
        self.exposure = rng.beta(p.exposure_shape_a, p.exposure_shape_b, count).astype(np.float32)
        self.perceived_safety = 1 - self.exposure
        self.employed = rng.random(count) >= unemployment
        # trust[s, i]: citizen i's trust in service s. It has to be rebuilt after the war
        # (assumption): it starts below the judgement the month-0 state gives, at a beta-drawn
        # fraction of it (``initial_trust_shape_a``, ``initial_trust_shape_b``), and rises slowly
        # (docs/model.md).
        judgement = self._target(p, delivery_sg, np.zeros(len(delivery_sg)))
        draw = rng.beta(p.initial_trust_shape_a, p.initial_trust_shape_b, size=judgement.shape)
        self.trust = (judgement * draw).astype(np.float32)
        self.trusting = self.trust.mean(axis=0) >= p.trusting_threshold  # trusts the sector as a whole
        self.meetings = np.zeros(len(delivery_sg), np.int64)  # this month, per service
        self.bad_meetings = np.zeros(len(delivery_sg), np.int64)
        self._heard_truth = np.array([], np.int64)

    def step(self, p, rng, violence_p, news_ps, bias_sg, delivery_sg, misconduct_sgx, contact_s, unemployment_p,
             credibility, lent_s, information) -> None:
        """One month of perception.

        ``violence_p`` local insecurity (0-1); ``news_ps`` how much news of abuses by service s
        reaches a citizen of province p this month (from neighbours and media; the chance of
        learning of one is 1 - exp(-news x (1 + bias)), since a service's abuses fall on the
        groups it is biased against, ``bias_sg``); ``delivery_sg`` what
        service s delivers for group g (capacity x representation); ``misconduct_sgx`` the chance a
        meeting with s goes badly for a citizen of group g and sex x (0 man, 1 woman);
        ``contact_s`` the chance of meeting s; ``credibility`` of quick wins (0-1), which moves
        perceived safety; ``lent_s`` the share of it each service draws on in judgements (bounded
        by its conduct);
        ``information`` how well oversight bodies inform the public (0-1): informed citizens are
        less disappointed, so trust falls more slowly (expectation management, 004:49).
        """
        prov = self.province
        # Jobs churn toward the local unemployment rate (a share ``job_churn`` re-draws each month).
        churn = rng.integers(0, self.n, rng.binomial(self.n, p.job_churn))
        self.employed[churn] = rng.random(churn.size) >= unemployment_p[prov[churn]]
        # Rows are sorted by province: each province's value repeated over its rows is the gather
        # ``violence_p[prov]``, without reading an index per citizen.
        local_violence = np.repeat(violence_p.astype(np.float32), self.per_province)
        self.exposure = toward(self.exposure, local_violence, p.exposure_decay)
        jobless = np.float32(1) - self.employed
        safety = (1 - self.exposure) * (1 - p.unemployment_weight * jobless)
        safety = toward(safety, 1.0, credibility)  # quick wins are seen (004:101)
        self.perceived_safety = toward(self.perceived_safety, safety, p.safety_perception_rate)
        target = self._target(p, delivery_sg, lent_s)
        services = len(target)
        # Meetings: one uniform per citizen and service decides both whether they meet
        # (u < contact) and, given a meeting, whether it goes badly (u < contact x misconduct).
        u = rng.random(target.shape, dtype=np.float32)
        contact = contact_s.astype(np.float32)
        badly = (contact_s[:, None] * misconduct_sgx.reshape(services, -1)).astype(np.float32)
        # Meetings are rare: they are handled by their flat index (service x citizens + citizen).
        n = target.shape[1]
        met = np.flatnonzero(u < contact[:, None])
        met_service, met_citizen = _service_and_citizen(met, n)
        if (badly <= contact[:, None]).all():  # then a meeting that goes badly is a meeting: test only those
            # badly[service, kind] read by flat index: a one-dimensional gather is faster than a 2-D one.
            bad = met[u.ravel()[met] < np.take(badly, met_service * badly.shape[1] + self.kind[met_citizen])]
        else:
            bad = np.flatnonzero(u < np.take(badly, self.kind, axis=1))
        target = np.ascontiguousarray(target)
        flat = target.reshape(-1)  # a view: writes go to ``target``
        flat[met] = toward(flat[met], np.float32(1), np.float32(p.fair_meeting_lift))  # good news counts less
        self.meetings = np.bincount(met_service, minlength=services)
        self.bad_meetings = np.bincount(bad // n, minlength=services)
        # Citizens who learn of an abuse by a service lose trust in it.
        news = news_ps.T[:, :, None] * (1 + bias_sg)[:, None, :]  # [service, province, group]
        learn = (-np.expm1(-news)).reshape(services, -1).astype(np.float32)
        draw = rng.random(target.shape, dtype=np.float32)
        # learned: draw < learn[service, cell]. News is rare too: a draw can only be below its
        # citizen's chance if it is below the service's highest chance, so only those are tested.
        below = np.flatnonzero(draw < np.fmax.reduce(learn, axis=1)[:, None])
        below_service, below_citizen = _service_and_citizen(below, n)
        learned = below[draw.ravel()[below] < np.take(learn, below_service * learn.shape[1] + self.cell[below_citizen])]
        flat[bad] = np.float32(p.judgement_after_abuse)
        flat[learned] = np.float32(p.judgement_after_abuse)
        # A truth commission's findings: past abuses come to light (all services, this month).
        target[:, self._heard_truth] = p.judgement_after_abuse
        self._heard_truth = np.array([], np.int64)
        up, down = np.float32(p.trust_up), np.float32(p.trust_down * (1 - p.information_damping * information))
        rate = select(target > self.trust, up, down)
        target -= self.trust
        target *= rate
        self.trust += target
        # Trusting the sector: mean trust over the services at least the threshold (summed here).
        self.trusting = self.trust.sum(axis=0) >= len(self.trust) * p.trusting_threshold

    def hear_truth(self, share: float, reconciliation: float, rng) -> int:
        """A truth commission reaches a share of citizens: next month they learn of past abuses
        (trust falls), and their war-time distrust is partly lifted (their lean moves toward
        trust by ``reconciliation``), so trust later recovers above where it was (assumed)."""
        heard = np.flatnonzero(rng.random(self.n) < share)
        self.lean[heard] = toward(self.lean[heard], np.float32(1), np.float32(reconciliation))
        self._heard_truth = heard
        return heard.size

    def _target(self, p, delivery_sg: np.ndarray, lent_s: np.ndarray) -> np.ndarray:
        """Each citizen's judgement of each service between meetings, ``[service, citizen]``.

        Perception weighs against what the service delivers for the citizen's group
        (``perception_weight``; as much by default, 002:43); the credibility quick wins lend the
        service, ``lent_s``, pulls toward trust (004:101); each citizen's lean pulls a share
        ``lean_weight`` of the judgement.
        """
        assessment = 1 - p.lean_weight
        lent = lent_s[:, None]
        by_group = (assessment * ((1 - lent) * (1 - p.perception_weight) * delivery_sg + lent)).astype(np.float32)
        judgement = self._by_group(by_group)
        # Perceived safety weighs (1 - lent_s) in each service's judgement: a row per service.
        safety = (assessment * p.perception_weight * (1 - lent_s)).astype(np.float32)
        judgement += safety[:, None] * self.perceived_safety[None, :]
        judgement += np.float32(p.lean_weight) * self.lean
        return judgement

    def _by_group(self, by_group: np.ndarray) -> np.ndarray:
        """``by_group[:, group]`` (single precision), the same bits: each service's value for each
        group, written to the group's members through ``_in_group``."""
        bits = by_group.view(np.int32)  # [service, group]: the float32 values' bits
        first = bits[:, :1]  # the first group's, which every citizen starts from
        if len(self._in_group) == 1:
            return np.repeat(first, self.n, axis=1).view(np.float32)
        # Each other group's bits differ from the first's by ``differences``, taken on its members
        # only (the masks are disjoint): a member of group g gets first ^ (g's bits ^ first).
        differences = bits ^ first
        judgement = differences[:, -1, None] & self._in_group[-1]
        for g in range(1, len(self._in_group) - 1):
            judgement |= differences[:, g, None] & self._in_group[g]
        judgement ^= first
        return judgement.view(np.float32)

    def confidence(self) -> tuple[float, np.ndarray]:
        """Share trusting the sector (mean over services) and each service, at ``trusting_threshold`` (004:54)."""
        # Shares as counts over the sample: the values the means of the boolean arrays give (exact
        # integer sums divided by the count), without summing booleans as floats.
        # Row by row: ``count_nonzero`` along an axis sums the booleans as integers, several times slower.
        trusting = np.array([np.count_nonzero(row >= self._params.trusting_threshold) for row in self.trust])
        return float(np.count_nonzero(self.trusting) / self.trusting.size), trusting / self.trust.shape[1]

    def trusting_by_kind(self) -> np.ndarray:
        """Citizens trusting each service, by group and sex: counts ``[service, group, sex]``
        (``kinds`` holds the citizens of each group and sex)."""
        trusting = (self.trust >= self._params.trusting_threshold).astype(np.float32)
        # The counts a weighted bincount of each row gives, as floats (exact: see ``_of_kind``). A
        # matrix-vector product per service: a matrix product of so few rows and columns spends
        # most of its time copying its operands.
        counts = [self._of_kind @ row for row in trusting]
        return np.array(counts, dtype=float).reshape(len(trusting), *self.kinds.shape)

    def confidence_by_province(self, provinces: int) -> np.ndarray:
        # Rows are sorted by province: count each province's slice (the sums a weighted bincount gives).
        trusting = np.array([np.count_nonzero(self.trusting[start: start + count])
                             for start, count in zip(self.first.tolist(), self.per_province.tolist())], dtype=float)
        return trusting / np.maximum(self.per_province, 1)
