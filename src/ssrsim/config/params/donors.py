"""Parameters of the donors (disbursement, substitution, coordination, quick wins, programme costs,
conditionality) and of the peacekeeping mission's deployment."""

from __future__ import annotations

from ..fields import KNOCK_OUT, F, Strict, held


class DonorParams(Strict):
    disbursement_lag: int = F(3, 0, 24, unit="months", doc="Months from commitment to first money")
    substitution_decay: float = F(0.06, 0, 1, unit="per month", source="003:1754",
                                  doc="Decay of donor-implemented capacity once money stops")
    quick_win_effect: float = F(0.4, 0, 1, unit="0-1", source="004:101; 003:1704",
                                doc="Confidence boost from quick wins at full spending")
    reintegration_cost: float = F(0.00018, 0, 1, study=(4.5e-05, 0.00072), unit="US$ million / participant-month",
                                  source="World Bank ICRs (US$74.8m) and World Bank TDRP (about 23,000 demobilised) for Burundi: about US$180 a month over 18 months")

    # Impatience and substitution
    slow_progress_threshold: float = F(0.02, 0, 0.1, unit="effectiveness-index gain over about a year",
                                       source="002:55 (direction); value assumed",
                                       doc="Below this gain in the effectiveness index, donors judge progress slow")
    frustration_rate: float = F(0.05, 0.01, 0.3, unit="per month",
                                doc="Speed of a donor's frustration toward its urge to drive reform")

    # Routing of disbursed money (SSRModel._route_donor_money)
    aid_efficiency_floor: float = F(0.6, 0, 1, unit="share", source="003:1778; 004:48 (direction); value assumed",
                                    doc="Share of capacity and governance money that works when donors do not "
                                        "coordinate at all (uncoordinated donors duplicate and contradict each other)")
    coordination_efficiency_gain: float = F(0.4, 0, 1, unit="share",
                                            source="003:1778; 004:48 (direction); value assumed",
                                            doc="Share of capacity and governance money that full coordination "
                                                "adds to the floor (floor + gain should stay within 1)")
    governance_half_saturation: float = F(6.0, 2, 18, unit="US$ million / year",
                                          doc="Governance spending giving half the attainable governance level")
    quick_win_half_saturation: float = F(3.0, 1, 9, unit="US$ million / year",
                                         doc="Quick-win spending giving half the attainable quick-win effect "
                                             "and co-optation")
    co_optation_rate: float = F(0.03, 0.01, 0.1, unit="per month", source="004:99 (direction); value assumed",
                                doc="Speed at which the co-optation of predatory actors follows quick-win "
                                    "spending (quick wins lend legitimacy to predatory actors)")

    # Knock-outs of the funding levers' channels (docs/validation.md §2).
    predictability_fixed_renewal: float | None = F(
        None, 0, 1, unit="probability", source=KNOCK_OUT,
        doc=held("Predictability read by the renewal of a donor's cycle at its end, an unrenewed cycle being a "
                 "funding cliff (each donor's predictability_offset is still added, clipped to 0-1)",
                 "levers.funding.predictability", "donors that always renew (1) or never do (0)"))
    envelope_fixed_commitment: float | None = F(
        None, 0, 1000, unit="US$ million / year per donor", source=KNOCK_OUT,
        doc=held("Envelope read by the size of each cycle's commitment (times each donor's envelope_scale)",
                 "levers.funding.annual_envelope", "donors that commit nothing"))

    # Conditionality after a coup
    suspension_after_coup: int = F(12, 0, 36, unit="months",
                                   doc="Months donors suspend disbursements after a successful coup (the AU "
                                       "suspends governments that take power unconstitutionally; that donors "
                                       "pause, and for how long, is assumed)")
    suspension_after_failed_coup: int = F(6, 0, 24, unit="months",
                                          doc="Months donors suspend disbursements after a failed coup attempt")

    # Peacekeeping mission
    deployment_violence_weight: float = F(0.6, 0, 1, unit="share of troops",
                                          doc="Share of peacekeepers deployed where violence was; the rest "
                                              "follow the population")
