"""Parameters of the donors: disbursement, substitution, quick wins, programme costs."""

from __future__ import annotations

from ..fields import F, Strict


class DonorParams(Strict):
    disbursement_lag: int = F(3, 0, 24, unit="months", doc="Months from commitment to first money")
    substitution_decay: float = F(0.06, 0, 1, unit="per month", source="003:1754",
                                  doc="Decay of donor-implemented capacity once money stops")
    quick_win_effect: float = F(0.4, 0, 1, unit="0-1", source="004:101; 003:1704",
                                doc="Confidence boost from quick wins at full spending")
    reintegration_cost: float = F(0.00018, 0, 1, unit="US$ million / participant-month",
                                  source="World Bank ICRs (US$74.8m) and World Bank TDRP (about 23,000 demobilised) for Burundi: about US$180 a month over 18 months")
