"""Parameters of the fighters: grievance, livelihood and the pull back to arms."""

from __future__ import annotations

from ..fields import F, Strict
from .provenance import CALIBRATED


class FighterParams(Strict):
    grievance_rate: float = F(0.08, 0.001, 1, unit="per month",
                              doc="Speed at which grievance moves toward its status target")
    waiting_grievance: float = F(0.85, 0, 1, unit="0-1", source="004:77; 000:12; 003:132",
                                 doc="Grievance target of a demobilised fighter with no programme")
    remobilization_base: float = F(-7.54, -20, 5, unit="logit / month", source=CALIBRATED,
                           doc="Baseline log-odds of remobilising per month")
    remobilization_grievance: float = F(4.5, 0, 20, unit="logit", source="003:132",
                                        doc="Weight of grievance on remobilisation")
    remobilization_livelihood: float = F(3.0, 0, 20, unit="logit", source="000:12",
                                         doc="Weight of livelihood (a 'place') against remobilisation")
    remobilization_tie: float = F(1.5, 0, 20, unit="logit", doc="Weight of the commander tie")
    livelihood_rate: float = F(0.06, 0.001, 1, unit="per month",
                               doc="Speed at which livelihood moves toward its target")
