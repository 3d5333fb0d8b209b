"""Parameters of the provinces: the network along which violence is felt and spreads."""

from __future__ import annotations

from ..fields import F, Strict


class ProvinceParams(Strict):
    population_concentration: float = F(4.0, 1, 12, unit="Dirichlet concentration",
                                        doc="Concentration of the Dirichlet draw of the provinces' population "
                                            "shares: higher gives more equal provinces (default: moderately unequal)")
    group_concentration: float = F(20.0, 2, 100, unit="Dirichlet concentration",
                                   doc="Concentration of the Dirichlet draw of each province's identity-group shares "
                                       "around the national shares: lower gives more segregated provinces")
