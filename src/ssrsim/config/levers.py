"""The levers: what a government and its partners decide (the four families of the mission).

Political will, oversight strength, how donor money arrives (``funding``) and the pace of DDR
(``ddr``), plus the mandate extension and talks with holdouts that exercise teams ask for. Every
value can be set in a scenario, overridden on the command line, swept, and changed mid-run by a
``set_lever`` event.
"""

from __future__ import annotations

from . import paths
from .fields import F, Strict, allowed


class Funding(Strict):
    annual_envelope: float = F(20.0, 0, 1000, unit="US$ million / year per donor",
                               doc="Each donor's SSR/DDR envelope per year of a cycle")
    cycle_months: int = F(24, 6, 120, unit="months", source="002:55 (short funding cycles)",
                          doc="Length of a donor commitment cycle")
    predictability: float = F(0.8, 0, 1, unit="probability", source="002:55; 003:793",
                              doc="Chance that a donor renews its next cycle on time")
    governance_share: float = F(0.3, 0, 1, unit="share", source="002:59; 003:1755",
                                doc="Share of non-DDR money for oversight/accountability rather than capacity")
    quick_win_share: float = F(0.1, 0, 1, unit="share", source="004:99-101",
                               doc="Share of each envelope spent on visible quick wins")
    substitution: float = F(0.3, 0, 1, unit="0-1", source="003:1754",
                            doc="How readily an impatient donor implements capacity work itself")
    ddr_share: float = F(0.35, 0, 1, unit="share", source="003:1574; 003:1386",
                         doc="Share of each envelope earmarked for DDR and reintegration")
    conditionality: float = F(0.3, 0, 1, unit="probability", source="de Waal 2015 (aid as a rent; direction); value assumed",
                              doc="Chance that a donor suspends its aid when the government represses; the incumbent "
                                  "weighs it before choosing")


class DDR(Strict):
    demobilization_per_month: int = F(600, 0, 20000, unit="fighters / month",
                                      doc="Cantonment intake: fighters leaving armed groups per month")
    reintegration_months: int = F(18, 1, 72, unit="months", source="000:12 (1-2+ years)",
                                  doc="Length of a reintegration programme")
    reintegration_capacity: int = F(8000, 0, 200000, unit="places",
                                    doc="Concurrent places in reintegration programmes")
    integration_share: float = F(0.25, 0, 1, unit="share", source="003:907; 004:7",
                                 doc="Share of cantoned fighters offered integration into the forces")
    cantonment_months: int = F(2, 1, 12, unit="months",
                               doc="Months in cantonment before demobilisation (cantonment: 003:1143)")
    cantonment_capacity: int = F(3000, 0, 100000, unit="places", source="003:1143 (cantonment sites); value assumed",
                                 doc="Places in cantonment sites: more fighters than places crowd them and worsen conditions")
    reinsertion_months: int = F(6, 0, 36, unit="months",
                                doc="Months of reinsertion support after discharge (Burundi paid 18 months' salary)")
    integration_quota: float = F(0.0, 0, 1, unit="share of planned size",
                                 source="Pretoria Protocols 2003 (40% of FDN officers from the movements); 004:7",
                                 doc="Places reserved for integrated ex-combatants in each service, even above its planned size")
    max_faction_share: float = F(1.0, 0.05, 1, unit="share of planned size",
                                 source="Arusha Protocol III; 2005 constitution (no group above 50% of the forces)",
                                 doc="No one faction's integrated members may exceed this share of a service")


class Offer(Strict):
    """The terms the government puts to armed groups, beyond the DDR levers it also offers
    (integration places: ``ddr.integration_share``; the package: ``ddr.reinsertion_months``)."""

    amnesty: float = F(0.5, 0, 1, unit="0-1", source="001:11 (leaders who fear prosecution; direction)",
                       doc="Amnesty offered to armed groups' leaders (0 none, 1 full)")
    guarantor: float = F(0.0, 0, 1, unit="0-1", source="Walter 2002 (third-party guarantees)",
                         doc="Commitment of a third-party guarantor (a mediator or regional power) to monitor and enforce deals")
    posts: float = F(1.0, 0, 1, unit="0-1", source="Hartzell & Hoddie 2003 (political power sharing); ICG 2007 "
                     "(Burundi's government sought the FNL's surrender without posts until 2008)",
                     doc="Posts in government offered to the political wing of an armed group outside it (its patron "
                         "faction): 1 a full power-sharing step with the deal (params.settlement.share_step), 0 none")


class Forces(Strict):
    women_share: float = F(0.1, 0, 0.5, unit="share", source="003:846; UNSC resolution 1325 (2000)",
                           doc="Recruitment target for women in every service: each service's share of women "
                               "moves toward it as personnel turn over (params.forces.women_recruitment_rate)")


class Prevention(Strict):
    """A national architecture for preventing mass atrocities (000, 001). Each acts only through what
    it changes: the chance abuses are reported, investigated and sanctioned, the incumbent's cost of
    repression, the donors' reaction and the forces' conduct, never as a direct cut in risk."""
    commission: float = F(0.0, 0, 1, unit="0-1", source="000:43",
                          doc="A national human-rights commission or ombudsman: its reach into the forces and its "
                              "independence (0: none)")
    early_warning: float = F(0.0, 0, 1, unit="probability", source="001:25-27; 001:34",
                             doc="Early warning linked to a response, with a national focal point: the chance it "
                                 "raises a warning when one-sided violence against a group starts (0: none)")
    training: float = F(0.0, 0, 1, unit="0-1", source="000:35",
                        doc="Human-rights and IHL training of the forces: the share of personnel it aims to reach")


class Levers(Strict):
    political_will: float = F(0.55, 0, 1, unit="0-1", source="003:478; 004:7; 000:15",
                              doc="Genuine national commitment at month 0")
    oversight_strength: float = F(0.4, 0, 1, unit="0-1", source="003:585; 003:605; 000:43",
                                  doc="Strength of parliament, ombudsman, media and NGOs")
    mandate_extension_months: int = F(0, 0, 120, unit="months", source="003:73; 004:3 (missions end before SSR does)",
                                      doc="Months added to the peacekeeping mandate: a request to the Security Council")
    holdout_talks: float = F(1.0, 0, 5, unit="x monthly offer chance", source="assumption: FNL talks in Burundi: IRIN 2009, HRW",
                             doc="Negotiation effort with armed groups: multiplies the monthly chance that the government "
                                 "puts an offer to each (1 = usual effort, 0 = no talks)")
    funding: Funding = Funding()
    ddr: DDR = DDR()
    offer: Offer = Offer()
    forces: Forces = Forces()
    prevention: Prevention = Prevention()


def apply_lever(levers: Levers, path: str, value: float, where: str = "set_lever") -> Levers:
    """A copy of ``levers`` with ``path`` (``levers.a.b``) set to ``value``, validated.

    An integer lever takes ``int(value)``; a path that is not a lever, or a value out of range,
    raises ``ValueError`` naming ``where`` and what is allowed.
    """
    keys = paths.parts(path)[1:]
    data = levers.model_dump()
    current = paths.get(data, keys, paths.MISSING)
    if current is paths.MISSING or isinstance(current, dict) or not keys:
        raise ValueError(f"{where}.path: {path!r} is not a lever")
    paths.assign(data, keys, int(value) if isinstance(current, int) else value)
    try:
        return Levers.model_validate(data)
    except ValueError:
        raise ValueError(f"{where}.value: {path} = {value!r} is out of range "
                         f"({allowed(Levers, keys)})") from None
