"""Parameters of the economy: local labour markets and the crowding of idle ex-combatants."""

from __future__ import annotations

from ..fields import F, Strict


class EconomyParams(Strict):
    province_spread_shape: float = F(8.0, 2, 30, unit="beta shape (a = b)",
                                     doc="Shape of the symmetric beta from which each province's unemployment "
                                         "relative to the national rate is drawn (normalised to mean 1): the "
                                         "larger, the more alike the provinces")
    max_local_unemployment: float = F(0.95, 0.5, 1, unit="share",
                                      doc="Cap on a province's adult and youth unemployment at month 0")
    crowding_half_saturation: float = F(3000.0, 1000, 10000, unit="idle ex-combatants",
                                        source="003:675 (direction); value assumed",
                                        doc="Idle ex-combatants in a province (demobilised, or reintegrating "
                                            "without funding) that close half the gap between local youth "
                                            "unemployment and 1 in the youth labour market")
