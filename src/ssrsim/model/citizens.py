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
from .maths import toward

#: A citizen's sex, as indexed in ``female`` and the kind code (0 a man, 1 a woman).
SEXES = ("man", "woman")


def _sparse_flatnonzero(words: np.ndarray) -> np.ndarray:
    """``np.flatnonzero`` of a sparse boolean array held in 64-bit ``words`` (8 booleans each),
    the same indices in the same order.

    numpy finds a sparse array's few True values one by one, and each costs a mispredicted
    branch (a few percent of a month's 60,000 [service, citizen] pairs meet a service). Here the
    words that hold any are found first, then the True values among their bytes: both searches
    are dense enough for numpy's branch-free loop, and together scan an eighth as much.
    """
    shift = words.itemsize.bit_length() - 1  # a byte's offset in a word: its low bits
    hit = np.flatnonzero(words != 0)
    within = np.flatnonzero(words.take(hit).view(bool))  # byte offsets in the hit words, in order
    flat = hit.take(within >> shift)
    flat <<= shift
    within &= words.itemsize - 1
    flat |= within
    return flat


def _approach(trust: np.ndarray, target: np.ndarray, up: np.float32, down: np.float32,
              scratch: np.ndarray) -> None:
    """``trust += select(target > trust, up, down) * (target - trust)``, bit for bit, in place
    (single precision; ``target`` and ``scratch``, of ``trust``'s shape, are overwritten).

    Trust moves toward the judgement at ``up`` where the judgement is above it, else at ``down``.
    The gap's sign bit says which (the gap is above zero exactly when target > trust, and a gap
    of zero moves nothing at either rate): an arithmetic shift spreads it to a mask that picks
    each rate's bits (as ``select`` does), without a comparison or a temporary array.
    """
    gap = np.subtract(target, trust, out=target)
    sign = np.iinfo(np.int32).bits - 1  # the sign bit's place
    rate = np.right_shift(gap.view(np.int32), sign, out=scratch.view(np.int32))  # -1 below, else 0
    rate &= np.bitwise_xor(up.view(np.int32), down.view(np.int32))
    rate ^= up.view(np.int32)
    gap *= rate.view(np.float32)
    trust += gap


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
        services = len(delivery_sg)
        # Where each [service, citizen] pair reads the month's tables, by flat index (service x
        # citizens + citizen): a meeting's row of ``badly`` [service, kind] and a citizen's row of
        # ``learn`` [service, cell]. They never change, so the few pairs met or told of an abuse
        # gather their row once instead of splitting their index into service and citizen.
        # (32-bit: the tables are a few hundred rows, and the arrays half the size.)
        service = np.arange(services)[:, None]
        self._kind_row = (service * self.kinds.size + self.kind).ravel().astype(np.int32)
        self._cell_row = (service * provinces.count * len(groups) + self.cell).ravel().astype(np.int32)
        self._row_starts = np.arange(services + 1) * count  # a service's pairs start at service x citizens
        # The month's [service, citizen] arrays live in buffers reused each month: the judgement
        # (then its gap to trust), the uniforms (meetings, then news) and scratch for products.
        self._judgement = np.empty((services, count), np.float32)
        self._uniform = np.empty((services, count), np.float32)
        self._scratch = np.empty((services, count), np.float32)
        # The month's comparisons, in a buffer padded to whole 8-byte words (the padding stays
        # False) so that ``_sparse_flatnonzero`` can read it a word at a time. Only the words are
        # kept (a copy of the model copies a view as an array of its own): ``_comparisons`` views them.
        self._mask_words = np.zeros(-(-services * count // 8), np.uint64)
        self._leaning = (None, None)  # lean_weight x lean, for the lean_weight it was computed with
        self._jobs = (None, None)  # 1 - unemployment_weight x jobless, for the weight it was computed with
        # trust[s, i]: citizen i's trust in service s. It has to be rebuilt after the war
        # (assumption): it starts below the judgement the month-0 state gives, at a beta-drawn
        # fraction of it (``initial_trust_shape_a``, ``initial_trust_shape_b``), and rises slowly
        # (docs/model.md).
        judgement = self._target(p, delivery_sg, np.zeros(len(delivery_sg)), out=self._judgement)
        draw = rng.beta(p.initial_trust_shape_a, p.initial_trust_shape_b, size=judgement.shape)
        self.trust = (judgement * draw).astype(np.float32)
        self.trusting = self.trust.mean(axis=0) >= p.trusting_threshold  # trusts the sector as a whole
        self.meetings = np.zeros(len(delivery_sg), np.int64)  # this month, per service
        self.bad_meetings = np.zeros(len(delivery_sg), np.int64)
        # The month's meetings and those that went badly, as flat [service, citizen] indices
        # (service x citizens + citizen), ascending: a record for the validation's individual-level
        # pattern (docs/validation.md §2), read by no term of the model.
        self.met = np.zeros(0, np.intp)
        self.bad = np.zeros(0, np.intp)
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
        # ``toward`` worked in place, one single-precision operation at a time as it does them,
        # with no temporary arrays: exposure moves toward the local violence, safety is
        # (1 - exposure) x (1 - unemployment_weight x jobless), quick wins lift it toward 1 by
        # ``credibility`` (they are seen, 004:101), and perceived safety follows it.
        local_violence -= self.exposure
        local_violence *= p.exposure_decay
        self.exposure += local_violence
        safety = np.subtract(1, self.exposure, out=local_violence)
        safety *= self._job_safety(p.unemployment_weight, churn)
        lift = np.subtract(1.0, safety, out=self._scratch[0])
        lift *= credibility
        safety += lift
        safety -= self.perceived_safety
        safety *= p.safety_perception_rate
        self.perceived_safety += safety
        target = self._target(p, delivery_sg, lent_s, out=self._judgement)
        services = len(target)
        # Meetings: one uniform per citizen and service decides both whether they meet
        # (u < contact) and, given a meeting, whether it goes badly (u < contact x misconduct).
        u = rng.random(dtype=np.float32, out=self._uniform)
        contact = contact_s.astype(np.float32)[:, None]
        badly = (contact_s[:, None] * misconduct_sgx.reshape(services, -1)).astype(np.float32)
        # Meetings are rare: they are handled by their flat index (service x citizens + citizen),
        # found in order, so each service's run of them starts where ``searchsorted`` puts its first pair.
        np.less(u, contact, out=self._comparisons())
        met = _sparse_flatnonzero(self._mask_words)
        if (badly <= contact).all():  # then a meeting that goes badly is a meeting: test only those
            # badly[service, kind] read by flat index: a one-dimensional gather is faster than a 2-D one.
            bad = met[u.ravel().take(met) < badly.take(self._kind_row.take(met))]
        else:
            bad = np.flatnonzero(u < np.take(badly, self.kind, axis=1))
        flat = target.reshape(-1)  # a view: writes go to ``target``
        flat[met] = toward(flat[met], np.float32(1), np.float32(p.fair_meeting_lift))  # good news counts less
        self.meetings = np.diff(met.searchsorted(self._row_starts))
        self.bad_meetings = np.diff(bad.searchsorted(self._row_starts))
        self.met, self.bad = met, bad
        # Citizens who learn of an abuse by a service lose trust in it.
        news = news_ps.T[:, :, None] * (1 + bias_sg)[:, None, :]  # [service, province, group]
        learn = (-np.expm1(-news)).reshape(services, -1).astype(np.float32)
        draw = rng.random(dtype=np.float32, out=self._uniform)  # the meetings' uniforms are spent
        # learned: draw < learn[service, cell]. News is rare too: a draw can only be below its
        # citizen's chance if it is below the service's highest chance, so only those are tested.
        np.less(draw, np.fmax.reduce(learn, axis=1)[:, None], out=self._comparisons())
        below = _sparse_flatnonzero(self._mask_words)
        learned = below[draw.ravel().take(below) < learn.take(self._cell_row.take(below))]
        flat[bad] = np.float32(p.judgement_after_abuse)
        flat[learned] = np.float32(p.judgement_after_abuse)
        # A truth commission's findings: past abuses come to light (all services, this month).
        target[:, self._heard_truth] = p.judgement_after_abuse
        self._heard_truth = np.array([], np.int64)
        up, down = np.float32(p.trust_up), np.float32(p.trust_down * (1 - p.information_damping * information))
        _approach(self.trust, target, up, down, self._scratch)
        # Trusting the sector: mean trust over the services at least the threshold (summed here,
        # service after service, as ``sum(axis=0)`` adds them).
        total = self._scratch[0]
        total[...] = self.trust[0]
        for row in self.trust[1:]:
            total += row
        self.trusting = total >= len(self.trust) * p.trusting_threshold

    def _comparisons(self) -> np.ndarray:
        """The month's comparisons ``[service, citizen]``: a view of ``_mask_words``."""
        shape = self._uniform.shape
        return self._mask_words.view(bool)[: shape[0] * shape[1]].reshape(shape)

    def _job_safety(self, weight: float, churn: np.ndarray) -> np.ndarray:
        """``1 - weight x jobless`` for each citizen (single precision, jobless 1 or 0), what a
        job does to perceived safety. Only the month's churned citizens can change it, so it is
        kept and redone for them alone (in full when the weight differs from the kept one's)."""
        kept_weight, factor = self._jobs
        if factor is None or kept_weight != weight:
            factor = 1 - weight * (np.float32(1) - self.employed)
            self._jobs = (weight, factor)
        else:
            factor[churn] = 1 - weight * (np.float32(1) - self.employed[churn])
        return factor

    def hear_truth(self, share: float, reconciliation: float, rng) -> int:
        """A truth commission reaches a share of citizens: next month they learn of past abuses
        (trust falls), and their war-time distrust is partly lifted (their lean moves toward
        trust by ``reconciliation``), so trust later recovers above where it was (assumed)."""
        heard = np.flatnonzero(rng.random(self.n) < share)
        self.lean[heard] = toward(self.lean[heard], np.float32(1), np.float32(reconciliation))
        self._leaning = (None, None)  # the lean moved
        self._heard_truth = heard
        return heard.size

    def _target(self, p, delivery_sg: np.ndarray, lent_s: np.ndarray, out: np.ndarray) -> np.ndarray:
        """Each citizen's judgement of each service between meetings, ``[service, citizen]``,
        written to ``out``.

        Perception weighs against what the service delivers for the citizen's group
        (``perception_weight``; as much by default, 002:43); the credibility quick wins lend the
        service, ``lent_s``, pulls toward trust (004:101); each citizen's lean pulls a share
        ``lean_weight`` of the judgement.
        """
        # A few numbers a service: plain Python floats (the same double-precision operations as
        # numpy's, in the same order) cost less than numpy's calls on such short arrays.
        assessment = 1 - p.lean_weight
        judged = 1 - p.perception_weight
        lent = lent_s.tolist()
        by_group = np.array([[assessment * ((1 - share) * judged * d + share) for d in row]
                             for share, row in zip(lent, delivery_sg.tolist())], np.float32)
        judgement = self._by_group(by_group, out)
        # Perceived safety weighs (1 - lent_s) in each service's judgement: a row per service.
        safety = np.array([[assessment * p.perception_weight * (1 - share)] for share in lent], np.float32)
        judgement += np.multiply(safety, self.perceived_safety, out=self._scratch)
        judgement += self._leant(p.lean_weight)
        return judgement

    def _leant(self, weight: float) -> np.ndarray:
        """``float32(weight) x lean``, the lean's pull on each judgement, kept until the lean
        moves (a truth commission) or the weight differs: most months it is the same."""
        kept_weight, leant = self._leaning
        if leant is None or kept_weight != weight:
            leant = np.float32(weight) * self.lean
            self._leaning = (weight, leant)
        return leant

    def _by_group(self, by_group: np.ndarray, out: np.ndarray) -> np.ndarray:
        """``by_group[:, group]`` (single precision), the same bits, written to ``out``: each
        service's value for each group, written to the group's members through ``_in_group``."""
        bits = by_group.view(np.int32)  # [service, group]: the float32 values' bits
        first = bits[:, :1]  # the first group's, which every citizen starts from
        judgement = out.view(np.int32)
        if len(self._in_group) == 1:
            judgement[...] = first
            return out
        # Each other group's bits differ from the first's by ``differences``, taken on its members
        # only (the masks are disjoint): a member of group g gets first ^ (g's bits ^ first).
        differences = bits ^ first
        np.bitwise_and(differences[:, -1, None], self._in_group[-1], out=judgement)
        for g in range(1, len(self._in_group) - 1):
            judgement |= differences[:, g, None] & self._in_group[g]
        judgement ^= first
        return out

    def confidence(self) -> tuple[float, np.ndarray]:
        """Share trusting the sector (mean over services) and each service, at ``trusting_threshold`` (004:54)."""
        # Shares as counts over the sample: the values the means of the boolean arrays give (exact
        # integer sums divided by the count), without summing booleans as floats.
        # Row by row: ``count_nonzero`` along an axis sums the booleans as integers, several times
        # slower. One comparison for all services, in the comparisons' buffer.
        trusts = np.greater_equal(self.trust, self._params.trusting_threshold, out=self._comparisons())
        trusting = np.array([np.count_nonzero(row) for row in trusts])
        return float(np.count_nonzero(self.trusting) / self.trusting.size), trusting / self.trust.shape[1]

    def mean_perceived_safety(self) -> float:
        """``float(perceived_safety.mean())``, the same value: numpy's single-precision sum over
        the count in double precision, rounded to single (what ``np.mean`` does for float32),
        without ``np.mean``'s wrappers, which cost more than the sum."""
        safety = self.perceived_safety
        return float(np.float32(float(np.add.reduce(safety)) / safety.size))

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
