"""Parameters of the country's refugees: flight from violence, returns in calm, and the camps
abroad that back armed groups (Salehyan & Gleditsch 2006; Lischer 2005)."""

from __future__ import annotations

from ..fields import F, Strict


class RegionParams(Strict):
    flight_rate: float = F(0.005, 0, 0.05, unit="share of a province's people per month at tension 1",
                           source="Salehyan & Gleditsch 2006 (refugees flee violence; direction); value assumed",
                           doc="People who flee abroad each month, times the province's tension")
    return_rate: float = F(0.01, 0, 0.1, unit="share of refugees per month",
                           doc="Refugees who come home each month when the country is calm (times 1 - its "
                               "population-weighted tension)")
    camp_backing: float = F(0.3, 0, 1, unit="share",
                            source="Lischer 2005 (Burundian armed groups recruited in Tanzanian camps; direction); "
                                   "value assumed",
                            doc="How far large refugee camps abroad raise armed groups' regional support toward 1")
    camp_half_share: float = F(0.05, 0.005, 0.5, unit="refugees / population",
                               doc="Refugees abroad, as a share of the population, giving half the camps' backing")
    returnee_labour_weight: float = F(0.02, 0, 0.2, unit="job-seekers per returnee",
                                      source="Burundi: returnees' claims to land and work (ICG 2017; direction); "
                                             "value assumed",
                                      doc="Youths' competitors for work per returnee of the last year, counted like "
                                          "idle ex-combatants in the local labour market")
