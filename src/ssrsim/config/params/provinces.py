"""Parameters of the provinces: the network along which violence is felt and spreads."""

from __future__ import annotations

from ..fields import F, Strict


class ProvinceParams(Strict):
    pass
