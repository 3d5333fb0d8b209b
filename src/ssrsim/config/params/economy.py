"""Parameters of the economy: local labour markets and the crowding of idle ex-combatants."""

from __future__ import annotations

from ..fields import F, Strict


class EconomyParams(Strict):
    pass
