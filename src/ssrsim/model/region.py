"""The region: neighbours as scenario time series, and the country's refugees.

Neighbours are not agents. What they lend armed groups (regional support) and whether a beaten
group can slip across a border (sanctuary) are scenario series (``context.region``). The country's
own refugees are endogenous (Salehyan & Gleditsch 2006): people flee provinces in proportion to
their tension and come home when the country is calm. Large camps abroad are recruiting grounds
that back armed groups (Lischer 2005: Burundian groups recruited in Tanzanian camps), and returnees
compete with youths for land and work where they settle. Flows are expected numbers of people at
population scale: they draw no random numbers. Citizens are a sample of those who stay; the sample
is not thinned by flight.
"""

from __future__ import annotations

import numpy as np

from .maths import saturation, toward


def series_value(points, month: int, before: float) -> float:
    """The value of a ``[[month, value], ...]`` series at ``month`` (``before`` its first point)."""
    value = before
    for start, level in points:
        if start > month:
            break
        value = level
    return value


class Region:
    """Regional support and sanctuary this month; refugees abroad, fleeing and returning."""

    def __init__(self, model):
        self.model = model
        self.spec = model.cfg.context.region
        self.refugees = float(self.spec.refugees_abroad)
        self.flight = 0.0  # people who fled this month
        self.returns = 0.0  # people who came home this month
        self.returns_window = np.zeros((12, model.provinces.count))  # returnees by province, last 12 months
        self._set_neighbours()

    def _set_neighbours(self) -> None:
        m = self.model
        base = series_value(self.spec.support, m.month, m.economy.regional_instability)
        rp = m.cfg.params.region
        camps = saturation(self.refugees / m.cfg.context.population, rp.camp_half_share)
        self.support = toward(base, 1.0, rp.camp_backing * camps)
        self.sanctuary = series_value(self.spec.sanctuary, m.month, 0.0)

    def step(self) -> None:
        """Flight from tense provinces, returns to calm ones, then the neighbours' new levels."""
        m = self.model
        rp = m.cfg.params.region
        share = m.provinces.population
        tension = m.violence.tension
        at_home = max(0.0, m.cfg.context.population - self.refugees)
        felt = float(share @ tension)  # the population-weighted tension
        self.flight = rp.flight_rate * felt * at_home
        calm = 1 - felt
        self.returns = self.refugees * rp.return_rate * calm
        settle = share * (1 - tension)
        returned_p = self.returns * settle / settle.sum() if settle.sum() > 0 else np.zeros_like(share)
        self.returns_window[m.month % 12] = returned_p
        self.refugees = max(0.0, self.refugees + self.flight - self.returns)
        self._set_neighbours()

    def returnees_seeking_work(self) -> np.ndarray:
        """Returnees of the last year competing with youths for work, by province (counted like
        idle ex-combatants: ``params.region.returnee_labour_weight`` job-seekers per returnee)."""
        return self.model.cfg.params.region.returnee_labour_weight * self.returns_window.sum(axis=0)
