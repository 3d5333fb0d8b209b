"""Parameters of the oversight bodies: growth, detection, and the four bodies' assumed attributes."""

from __future__ import annotations

from pydantic import create_model

from ..fields import KNOCK_OUT, F, Strict, held

_WEIGHT = "Relative weight of the body in the oversight capacity that detects abuses (weights are normalised)"
_REACH = "Share of the public the body's information reaches"
_EXPOSURE = "Exposure to repression: share of its independence lost under full repression"


def _body(name: str, doc: str, weight: float, reach: float, exposure: float) -> type[Strict]:
    """The parameters of one body, with that body's defaults (the parameters page reads them from
    the class, so each body is its own class)."""
    return create_model(
        name, __base__=Strict, __doc__=doc,
        detection_weight=(float, F(weight, 0.05, 1, unit="relative weight", doc=_WEIGHT)),
        reach=(float, F(reach, 0, 1, unit="share", doc=_REACH)),
        exposure=(float, F(exposure, 0, 1, unit="0-1", doc=_EXPOSURE)))


ParliamentParams = _body("ParliamentParams", "The parliamentary committee (funded by the government).", 0.3, 0.3, 0.3)
OmbudsmanParams = _body("OmbudsmanParams", "The ombudsman (funded by the government).", 0.3, 0.2, 0.5)
MediaParams = _body("MediaParams", "Independent media (funded by donors' governance money).", 0.2, 0.9, 1.0)
NgoParams = _body("NgoParams", "Civil-society organisations (funded by donors' governance money).", 0.2, 0.6, 0.8)


class OversightParams(Strict):
    growth_rate: float = F(0.02, 0.0001, 1, study=(0.005, 0.08), unit="per month", source="003:1733 (slow)")
    detection: float = F(0.7, 0, 1, unit="share", source="003:585; 000:43",
                         doc="Share of abuses exposed by fully capable oversight")
    initial_sanction_rate: float = F(0.1, 0, 0.5, unit="share",
                                     doc="Share of abuses sanctioned at month 0 (impunity starts at one minus it)")
    sanction_without_control: float = F(0.3, 0, 1, unit="share", source="003:585 (direction); value assumed",
                                        doc="Share of exposed abuses sanctioned with no civilian control "
                                            "(sanctions = exposed x (this + (1 - this) x civilian control))")
    sanction_rate_speed: float = F(0.1, 0.03, 0.3, unit="per month",
                                   doc="Speed at which sanctions and impunity follow their targets")
    initial_capacity: float = F(0.5, 0, 1, unit="share of oversight_strength",
                                doc="Each body's capacity at the start of a run, as a share of the oversight-strength lever")
    initial_independence_floor: float = F(0.3, 0, 0.4, unit="0-1",
                                          doc="Each body's independence at the start of a run with zero oversight "
                                              "strength (initial_independence_floor + initial_independence_strength "
                                              "must stay at most 1)")
    initial_independence_strength: float = F(0.5, 0, 0.6, unit="per unit of oversight_strength",
                                             doc="Initial independence added per unit of the oversight-strength lever")
    state_half_saturation: float = F(1.5, 0.5, 4.5, unit="US$ million / year",
                                     doc="Government oversight budget giving a state body (parliament, ombudsman) "
                                         "half its attainable funding effect")
    donor_half_saturation: float = F(4.0, 1.3, 12, unit="US$ million / year",
                                     doc="Donors' governance spending giving media and NGOs half their attainable "
                                         "funding effect")
    capacity_without_money: float = F(0.4, 0, 1, unit="share",
                                      doc="Share of the oversight-strength lever a body reaches as capacity without "
                                          "money; the rest grows linearly with funding (weight 1 - this)")
    independence_floor: float = F(0.2, 0, 1, unit="0-1",
                                  doc="Independence target at zero oversight strength; the rest grows linearly "
                                      "with strength (weight 1 - this)")
    independence_without_control: float = F(0.6, 0, 1, unit="share",
                                            doc="Share of a state body's independence kept without civilian control; "
                                                "the rest grows linearly with control (weight 1 - this)")
    independence_rate: float = F(0.05, 0.015, 0.15, unit="per month",
                                 doc="Speed of a body's independence toward its target")
    # Knock-outs of the oversight-strength lever's two channels (docs/validation.md §2).
    strength_fixed_capacity: float | None = F(
        None, 0, 1, unit="oversight strength 0-1", source=KNOCK_OUT,
        doc=held("Oversight strength read by the four bodies' capacity, its starting level and its target",
                 "levers.oversight_strength", "bodies without capacity (0) or with full strength's (1)"))
    strength_fixed_independence: float | None = F(
        None, 0, 1, unit="oversight strength 0-1", source=KNOCK_OUT,
        doc=held("Oversight strength read by the four bodies' independence, its starting level and its target",
                 "levers.oversight_strength", "bodies at the floor of independence (0) or at full strength's (1)"))
    parliament: ParliamentParams = ParliamentParams()
    ombudsman: OmbudsmanParams = OmbudsmanParams()
    media: MediaParams = MediaParams()
    ngos: NgoParams = NgoParams()
