"""The model's behavioural parameters (``params.<submodel>.<name>``): rates, weights, thresholds.

Each has a range, a unit and a source, or the word assumed; those fitted to published relapse rates
say so (``CALIBRATED``).
"""

from __future__ import annotations

from .fields import F, Strict

#: Provenance of the assumed values fitted to published relapse rates (docs/validation.md).
CALIBRATED = "assumed; calibrated to Collier, Hoeffler & Söderbom 2008 (docs/validation.md)"


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


class ForceParams(Strict):
    reform_rate: float = F(0.02, 0.0001, 0.3, unit="per month", source="002:55 (slow pace)",
                           doc="Speed of capacity and integrity toward their targets")
    capacity_half_saturation: float = F(5.0, 0.01, 1000, unit="US$ million / year",
                                        doc="Capacity spending giving half the attainable gain")
    abuse_rate: float = F(0.0008, 0, 0.1, unit="abuses per member-month at worst",
                          doc="Abuses by an unchecked, unpaid, predatory force")
    coup_base: float = F(-9.0, -30, 5, unit="logit / month", source="003:708",
                         doc="Baseline log-odds of a coup attempt")
    coup_disaffection: float = F(6.0, 0, 30, unit="logit", source="004:78; 003:708",
                                 doc="Weight of army disaffection on a coup attempt")
    pay_cost: float = F(0.0012, 0, 1, unit="US$ million / member-year",
                        doc="Annual pay per member at full adequacy")
    deterrence_per_peacekeeper: float = F(0.23, 0, 10, unit="soldier-equivalents",
                                            source="003:124 (direction); value calibrated to Collier, Hoeffler & Söderbom 2008 and Suhrke & Samset 2007 (docs/validation.md)")


class CitizenParams(Strict):
    trust_up: float = F(0.02, 0.001, 1, unit="per month", source="004:54; 003:1630",
                        doc="Speed of trust gains (slow)")
    trust_down: float = F(0.15, 0.001, 1, unit="per month", source="assumption: trust falls faster than it rises",
                          doc="Speed of trust losses (fast)")
    unemployment_weight: float = F(0.5, 0, 1, unit="0-1",
                                   source="003:646 (unemployment the gravest threat; value assumed)",
                                   doc="How much being unemployed lowers perceived security")
    exposure_decay: float = F(0.25, 0.01, 1, unit="per month", doc="Fading of remembered violence")


class GovernmentParams(Strict):
    will_rate: float = F(0.03, 0.001, 1, unit="per month", doc="Speed of will toward its drivers")
    election_shock: float = F(0.15, 0, 1, unit="0-1",
                              doc="Size of the political shock of an election")
    repression_threshold: float = F(0.35, 0, 1, unit="will", doc="Below it, exposure brings repression")


class DonorParams(Strict):
    disbursement_lag: int = F(3, 0, 24, unit="months", doc="Months from commitment to first money")
    substitution_decay: float = F(0.06, 0, 1, unit="per month", source="003:1754",
                                  doc="Decay of donor-implemented capacity once money stops")
    quick_win_effect: float = F(0.4, 0, 1, unit="0-1", source="004:101; 003:1704",
                                doc="Confidence boost from quick wins at full spending")
    reintegration_cost: float = F(0.00018, 0, 1, unit="US$ million / participant-month",
                                  source="World Bank ICRs (US$74.8m) and World Bank TDRP (about 23,000 demobilised) for Burundi: about US$180 a month over 18 months")


class OversightParams(Strict):
    growth_rate: float = F(0.02, 0.0001, 1, unit="per month", source="003:1733 (slow)")
    detection: float = F(0.7, 0, 1, unit="share", source="003:585; 000:43",
                         doc="Share of abuses exposed by fully capable oversight")


class Params(Strict):
    fighters: FighterParams = FighterParams()
    spoilers: SpoilerParams = SpoilerParams()
    forces: ForceParams = ForceParams()
    citizens: CitizenParams = CitizenParams()
    government: GovernmentParams = GovernmentParams()
    donors: DonorParams = DonorParams()
    oversight: OversightParams = OversightParams()
