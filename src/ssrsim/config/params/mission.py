"""Parameters of the peacekeeping mission's channels (Fortna 2008): monitoring that makes promises
credible and abuses costly, the confidence to disarm under its eyes, and the protection of
civilians where its troops are. Deterrence is the forces' (``params.forces.deterrence_per_peacekeeper``)."""

from __future__ import annotations

from ..fields import F, Strict

FORTNA = "Fortna 2008 (direction); value assumed"


class MissionParams(Strict):
    monitoring_half_personnel: float = F(5000.0, 500, 50000, unit="troops and observers", source=FORTNA,
                                         doc="Troops and observers at which the mission monitors half of what it "
                                             "could (its guarantee of deals and the cost of abuses under its eyes)")
    disarm_confidence: float = F(0.3, 0, 1, unit="share", source=FORTNA,
                                 doc="Share of the weapons fighters keep back at cantonment that a fully "
                                     "monitoring mission brings in (fear of disarming first falls under its eyes)")
    protection: float = F(0.5, 0, 1, unit="share",
                          source="Hultman, Kathman & Shannon 2013 (more UN troops, fewer civilians killed; direction); "
                                 "value assumed",
                          doc="Share of killings of civilians that troops prevent where they are fully present")
    protection_half_troops: float = F(1000.0, 100, 20000, unit="troops per province",
                                      doc="Troops in a province preventing half of what full protection would")
