"""The justice chain: police, prosecutors, courts and prisons (003:302, 003:833).

An abuse by the security services is sanctioned only if it passes four stages in turn: it is
reported (oversight bodies, and women's reporting, which depends on women serving in the police:
003:846; a human-rights commission reports more, 000:43), investigated (the police's capacity, and
the commission's own inquiries), prosecuted (the courts' capacity and independence,
resisted by an incumbent who fears prosecution: 001:11) and sanctioned (civilian control, above a
floor). Impunity is the share that falls out somewhere along the chain. The courts are a service
without units: their independence erodes under repression and returns when it stops.
"""

from __future__ import annotations

import numpy as np

from .maths import toward

STAGES = ("reported", "investigated", "prosecuted", "sanctioned")


class JusticeChain:
    """The four stages of the chain and the courts' state."""

    def __init__(self, courts):
        self._courts = courts  # context.justice: the levels the courts return to
        self.courts_capacity = courts.courts_capacity
        self.courts_independence = courts.courts_independence
        self.stages = dict.fromkeys(STAGES, 0.0)

    def step(self, p, oversight_capacity: float, police, civilian_control: float, repression: float,
             fear: float, commission: float) -> float:
        """This month's stages; returns the share of abuses sanctioned (their product).

        ``p`` the model's parameters; ``police`` the police service; ``fear`` the incumbent's fear
        of prosecution (0-1); ``commission`` a human-rights commission's reach (0-1), which reports
        and investigates a share of what the chain would miss (000:43).
        """
        jp, op = p.justice, p.oversight
        target = self._courts.courts_independence * (1 - jp.courts_exposure * repression)
        self.courts_independence = toward(self.courts_independence, target, jp.courts_rate)
        # Women report abuse as men do once women serve in the police in numbers (critical mass).
        enough = min(1.0, police.women_share / p.forces.women_critical_share)
        women_reporting = jp.women_reporting_floor + (1 - jp.women_reporting_floor) * enough
        without = op.sanction_without_control
        pp = p.prevention
        reported = op.detection * oversight_capacity * (1 - jp.female_victim_share * (1 - women_reporting))
        investigated = jp.investigation_floor + (1 - jp.investigation_floor) * police.capacity
        self.stages = {
            "reported": 1 - (1 - reported) * (1 - pp.commission_reporting * commission),
            "investigated": 1 - (1 - investigated) * (1 - pp.commission_investigation * commission),
            # Capacity and independence are both needed (their geometric mean).
            "prosecuted": float(np.sqrt(self.courts_capacity * self.courts_independence))
                          * (1 - jp.prosecution_resistance * fear),
            "sanctioned": without + (1 - without) * civilian_control,
        }
        return float(np.prod(list(self.stages.values())))

    @property
    def reach_over_elites(self) -> float:
        """The chance that leaders who lose office are tried and punished (the incumbent's
        prosecution risk, docs/model.md §6.3): the courts' strength (capacity and independence)
        times enforcement (the sanctioned stage). A leader's abuses need no victim's report or
        police investigation to be known, so the first two stages do not enter (assumed)."""
        return float(np.sqrt(self.courts_capacity * self.courts_independence)) * self.stages["sanctioned"]
