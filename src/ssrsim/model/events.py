"""Timed events from the scenario: elections, donor exits, ceasefires, peace deals, coups, decisions.

Events change conditions; none sets fighter counts or outcomes directly (docs/model.md). A
``set_lever`` event is how an exercise team's decision enters the model from its month on.
"""

from __future__ import annotations

from collections import defaultdict


class EventSchedule:
    """The scenario's events, by month, plus the regular election calendar."""

    def __init__(self, cfg):
        self.by_month = defaultdict(list)
        for event in cfg.events:
            self.by_month[event.month].append(event)
        g = cfg.context.government
        if g.election_cycle_months:
            listed = {e.month for e in cfg.events if e.kind == "election"}
            for month in range(g.first_election_month, cfg.months + 1, g.election_cycle_months):
                if month not in listed:
                    self.by_month[month].append(None)  # a regular election

    def apply(self, model) -> None:
        for event in self.by_month.get(model.month, ()):
            if event is None or event.kind == "election":
                model.government.hold_election()
                model.log("election", "government", detail=getattr(event, "note", "") or "scheduled")
            elif event.kind == "set_lever":
                model.set_lever(event.path, event.value)
            elif event.kind == "donor_exit":
                donor = next(d for d in model.donors if d.name == event.target)
                donor.exit()
                model.log("donor_exit", donor.name, detail=event.note)
            elif event.kind == "peace_deal":
                model.peace_deal(next(s for s in model.spoilers if s.name == event.target))
            elif event.kind == "ceasefire":
                model.ceasefire(next(s for s in model.spoilers if s.name == event.target), int(event.value))
            elif event.kind == "coup_attempt":
                model.coup_attempt(forced=True)
