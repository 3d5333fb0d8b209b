"""Citizens: a representative sample whose trust in each service is at stake.

Each citizen lives in a province and holds a trust in [0, 1] for the army, the police and the
gendarmerie, a perceived safety, a remembered exposure to violence and abuse, and an employment
status. Trust rises slowly and falls fast; perception counts as much as reality (002:43,
003:1630); unemployment lowers perceived security whatever the forces do (003:646); public
confidence restored is the long-term benchmark (004:54).
"""

from __future__ import annotations

import numpy as np

from .maths import toward


class CitizenPopulation:
    """Array-backed citizens (each standing for many people)."""

    def __init__(self, count: int, provinces, unemployment: float, performance_s: np.ndarray,
                 rng: np.random.Generator):
        self.n = count
        self.province = np.sort(rng.choice(provinces.count, size=count, p=provinces.population))
        # Personal lean (history, group, politics: 002:111) pulls each citizen's judgement.
        # Per-citizen 0-1 quantities are single precision (half the memory traffic each month).
        self.lean = rng.beta(2.0, 3.0, count).astype(np.float32)  # war-time distrust: mean 0.4 (assumption)
        # The war is fresh in memory (assumption: a third of full exposure on average); it fades.
        self.exposure = rng.beta(2.0, 4.0, count).astype(np.float32)
        self.perceived_safety = 1 - self.exposure
        self.employed = rng.random(count) >= unemployment
        # trust[s, i]: citizen i's trust in service s. It has to be rebuilt after the war
        # (assumption): it starts below the judgement the month-0 state gives, at nine tenths
        # of it on average, and rises slowly (docs/model.md).
        judgement = self._target(performance_s, 0.0)
        self.trust = (judgement * rng.beta(9.0, 1.0, size=judgement.shape)).astype(np.float32)
        self.trusting = self.trust.mean(axis=0) >= 0.5  # trusts the sector as a whole
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
        # Jobs churn toward the local unemployment rate (5% of people re-draw each month).
        churn = rng.integers(0, self.n, rng.binomial(self.n, 0.05))
        self.employed[churn] = rng.random(churn.size) >= unemployment_p[prov[churn]]
        self.exposure = toward(self.exposure, violence_p.astype(np.float32)[prov], p.exposure_decay)
        jobless = np.float32(1) - self.employed
        safety = (1 - self.exposure) * (1 - p.unemployment_weight * jobless)
        safety = toward(safety, 1.0, quick_win)  # quick wins are seen (004:101)
        self.perceived_safety = toward(self.perceived_safety, safety, 0.2)
        target = self._target(performance_s, quick_win)
        # Citizens who learn of an abuse by a service lose trust in it (rows sorted by province).
        learned = rng.binomial(self.per_province[:, None], abuse_rate_ps)
        for prov_, service in zip(*np.nonzero(learned)):
            rows = self.first[prov_] + rng.integers(0, self.per_province[prov_], learned[prov_, service])
            target[service, rows] = 0.05
        up, down = np.float32(p.trust_up), np.float32(p.trust_down * (1 - 0.5 * information))
        rate = np.where(target > self.trust, up, down)
        target -= self.trust
        target *= rate
        self.trust += target
        self.trusting = (self.trust[0] + self.trust[1] + self.trust[2]) >= 1.5

    def _target(self, performance_s: np.ndarray, quick_win: float) -> np.ndarray:
        """Each citizen's judgement of each service, ``[service, citizen]``.

        Perception weighs as much as delivered performance (002:43); visible quick wins add
        credibility (004:101); each citizen's lean pulls half of the judgement. The target is
        linear in these, so it is assembled from a per-citizen part and a per-service part.
        """
        credibility = quick_win
        personal = 0.5 * (1 - credibility) * 0.5 * self.perceived_safety + 0.5 * self.lean
        by_service = (0.5 * ((1 - credibility) * 0.5 * performance_s + credibility)).astype(np.float32)
        return personal[None, :] + by_service[:, None]

    def confidence(self) -> tuple[float, np.ndarray]:
        """Share trusting the sector (mean over services) and each service, at 0.5 (004:54)."""
        return float(self.trusting.mean()), (self.trust >= 0.5).mean(axis=1)

    def confidence_by_province(self, provinces: int) -> np.ndarray:
        return np.bincount(self.province, self.trusting, provinces) / np.maximum(self.per_province, 1)
