"""Parameters of the dDR: the programme's intake and reinsertion."""

from __future__ import annotations

from ..fields import F, Strict


class DDRParams(Strict):
    pass
