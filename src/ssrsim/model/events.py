"""Timed events from the scenario: elections, donor exits, ceasefires, offers, peace deals, arrests,
truth commissions, coups, agreed power sharing, decisions.

Events change conditions; none sets fighter counts or outcomes directly (docs/model.md). A
``set_lever`` event is how an exercise team's decision enters the model from its month on.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict


class EventSchedule:
    """The scenario's events, by month, plus the regular election calendar."""

    def __init__(self, cfg):
        self.by_month = defaultdict(list)
        for event in cfg.events:
            self.by_month[event.month].append(event)
        g = cfg.context.government
        #: Elections of the regular calendar (``election_cycle_months``) that no event lists.
        self.regular_elections = []
        if g.election_cycle_months:
            listed = {e.month for e in cfg.events if e.kind == "election"}
            for month in range(g.first_election_month, cfg.months + 1, g.election_cycle_months):
                if month not in listed:
                    self.by_month[month].append(None)  # a regular election
                    self.regular_elections.append(month)
        # Months with an election, listed or on the calendar, in order: ``election_within`` is asked
        # many times a month, and a bisection answers it without a loop over the months.
        self.election_months = sorted(month for month, events in self.by_month.items()
                                      if any(e is None or e.kind == "election" for e in events))

    def apply(self, model) -> None:
        for event in self.by_month.get(model.month, ()):
            if event is None or event.kind == "election":
                model.log("election", "government", detail=getattr(event, "note", "") or "scheduled")
                model.government.hold_election()
            elif event.kind == "term_limit_bid":
                model.log("term_limit_bid", model.settlement.incumbent.name, detail=event.note)
                model.settlement.term_limit_bid()
            elif event.kind == "set_lever":
                model.set_lever(event.path, event.value)
            elif event.kind == "donor_exit":
                donor = next(d for d in model.donors if d.name == event.target)
                donor.exit()
                model.log("donor_exit", donor.name, detail=event.note)
            elif event.kind == "peace_deal":
                model.peace_deal(next(s for s in model.spoilers if s.name == event.target))
            elif event.kind == "offer":
                model.bargaining.offer(next(s for s in model.spoilers if s.name == event.target))
            elif event.kind == "arrest":
                model.bargaining.arrest(next(s for s in model.spoilers if s.name == event.target))
            elif event.kind == "ceasefire":
                model.ceasefire(next(s for s in model.spoilers if s.name == event.target), int(event.value))
            elif event.kind == "truth_commission":
                model.truth_commission(event.value)
            elif event.kind == "share_power":
                faction = next(f for f in model.settlement.factions if f.name == event.target)
                model.settlement.share(faction, "agreement")
            elif event.kind == "coup_attempt":
                model.scheduled_coup(event.target)

    def election_within(self, month: int, months: int) -> bool:
        """Whether an election (listed or on the calendar) falls in the ``months`` after ``month``."""
        following = bisect_right(self.election_months, month)  # the first election after ``month``
        return following < len(self.election_months) and self.election_months[following] <= month + months
