"""Citizens: a representative sample whose trust in each service is at stake.

Each citizen lives in a province and holds a trust in [0, 1] for the army, the police and the
gendarmerie, a perceived safety, a remembered exposure to violence and abuse, and an employment
status. Trust rises slowly and falls fast; perception counts as much as reality (002:43,
003:1630); unemployment lowers perceived security whatever the forces do (003:646); public
confidence restored is the long-term benchmark (004:54).
"""

from __future__ import annotations

import numpy as np

from ..config.params import CitizenParams
from .maths import toward


class CitizenPopulation:
    """Array-backed citizens (each standing for many people)."""

    def __init__(self, count: int, provinces, unemployment: float, performance_s: np.ndarray,
                 rng: np.random.Generator, p: CitizenParams):
        self._params = p  # params.citizens
        self.n = count
        self.province = np.sort(rng.choice(provinces.count, size=count, p=provinces.population))
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
        judgement = self._target(p, performance_s, 0.0)
        draw = rng.beta(p.initial_trust_shape_a, p.initial_trust_shape_b, size=judgement.shape)
        self.trust = (judgement * draw).astype(np.float32)
        self.trusting = self.trust.mean(axis=0) >= p.trusting_threshold  # trusts the sector as a whole
        self.per_province = np.bincount(self.province, minlength=provinces.count)
        self.first = np.concatenate([[0], np.cumsum(self.per_province)[:-1]])  # rows are sorted by province

    def step(self, p, rng, violence_p, abuse_rate_ps, performance_s, unemployment_p, quick_win,
             information) -> None:
        """One month of perception.

        ``violence_p`` local insecurity (0-1), ``abuse_rate_ps`` the chance a citizen of province p
        learns of an abuse by service s this month, ``performance_s`` each service's delivery
        (0-1), ``unemployment_p`` local unemployment, ``quick_win`` visible projects (0-1),
        ``information`` how well oversight bodies inform the public (0-1): informed citizens are
        less disappointed, so trust falls more slowly (expectation management, 004:49).
        """
        prov = self.province
        # Jobs churn toward the local unemployment rate (a share ``job_churn`` re-draws each month).
        churn = rng.integers(0, self.n, rng.binomial(self.n, p.job_churn))
        self.employed[churn] = rng.random(churn.size) >= unemployment_p[prov[churn]]
        self.exposure = toward(self.exposure, violence_p.astype(np.float32)[prov], p.exposure_decay)
        jobless = np.float32(1) - self.employed
        safety = (1 - self.exposure) * (1 - p.unemployment_weight * jobless)
        safety = toward(safety, 1.0, quick_win)  # quick wins are seen (004:101)
        self.perceived_safety = toward(self.perceived_safety, safety, p.safety_perception_rate)
        target = self._target(p, performance_s, quick_win)
        # Citizens who learn of an abuse by a service lose trust in it (rows sorted by province).
        learned = rng.binomial(self.per_province[:, None], abuse_rate_ps)
        for prov_, service in zip(*np.nonzero(learned)):
            rows = self.first[prov_] + rng.integers(0, self.per_province[prov_], learned[prov_, service])
            target[service, rows] = p.judgement_after_abuse
        up, down = np.float32(p.trust_up), np.float32(p.trust_down * (1 - p.information_damping * information))
        rate = np.where(target > self.trust, up, down)
        target -= self.trust
        target *= rate
        self.trust += target
        # Trusting the sector: mean trust over the services at least the threshold (summed here).
        self.trusting = self.trust.sum(axis=0) >= len(self.trust) * p.trusting_threshold

    def _target(self, p, performance_s: np.ndarray, quick_win: float) -> np.ndarray:
        """Each citizen's judgement of each service, ``[service, citizen]``.

        Perception weighs against delivered performance (``perception_weight``; as much by
        default, 002:43); visible quick wins add credibility (004:101); each citizen's lean pulls
        a share ``lean_weight`` of the judgement. The target is linear in these, so it is
        assembled from a per-citizen part and a per-service part.
        """
        credibility = quick_win
        assessment = 1 - p.lean_weight
        personal = (assessment * (1 - credibility) * p.perception_weight * self.perceived_safety
                    + p.lean_weight * self.lean)
        by_service = (assessment * ((1 - credibility) * (1 - p.perception_weight) * performance_s
                                    + credibility)).astype(np.float32)
        return personal[None, :] + by_service[:, None]

    def confidence(self) -> tuple[float, np.ndarray]:
        """Share trusting the sector (mean over services) and each service, at ``trusting_threshold`` (004:54)."""
        return float(self.trusting.mean()), (self.trust >= self._params.trusting_threshold).mean(axis=1)

    def confidence_by_province(self, provinces: int) -> np.ndarray:
        return np.bincount(self.province, self.trusting, provinces) / np.maximum(self.per_province, 1)
