"""Parameters of the spoilers: attacks, recruitment, resources."""

from __future__ import annotations

from ..fields import F, Strict
from .provenance import CALIBRATED


class SpoilerParams(Strict):
    attack_base: float = F(-5.44, -20, 5, unit="logit / month", source=CALIBRATED,
                           doc="Baseline log-odds that a spoiler's force in a province engages")
    attack_strength: float = F(1.14, 0, 10, unit="logit per log force ratio", source=CALIBRATED,
                           doc="Weight of the spoiler/deterrence ratio on engaging")
    deaths_per_clash: float = F(0.5, 0, 5, unit="deaths per sqrt(fighters)",
                                doc="Scale of a clash's battle deaths")
    min_fighters: int = F(25, 1, 10000, unit="fighters",
                          doc="Smallest local group able to mount an attack")
    youth_recruitment: float = F(2.0, 0, 200, unit="recruits / month at full pull",
                                 source="003:675; 003:132",
                                 doc="Youth recruited per province per month at full pull")
    resource_rate: float = F(0.03, 0, 1, unit="per month", doc="Speed of resource change")
    fighters_per_resource: float = F(2000.0, 1, 1000000, unit="fighters at full resources",
                                     doc="Fighters a spoiler can arm and feed at resources 1")
    reform_threat: float = F(0.6, 0, 1, unit="0-1", source="001:11; 002:63",
                             doc="How much accountability threatens elite spoilers")
    co_optation: float = F(0.03, 0, 1, unit="per month", source="assumption: a modelling choice (spoilers can be co-opted or defeated)",
                           doc="Monthly chance an armed spoiler is co-opted, times will and (1 - resources)")
