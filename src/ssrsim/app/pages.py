"""The app's pages and their addresses: what ``ssrsim app`` serves.

    /            the Explore page (:mod:`.explore`)
    /classroom   the facilitator's page of the classroom exercise (:mod:`.classroom.facilitator`)
    /team        a team's page: join with a code, then decide (:mod:`.classroom.team`)

Solara serves a module's ``routes``. Every page shares one layout without navigation tabs:
a team's browser has no business with the facilitator's page, and the facilitator's key guards
it anyway.
"""

from __future__ import annotations

import solara

from . import explore
from .classroom import facilitator, team


@solara.component
def Layout(children=[]):  # noqa: B006 (Solara passes the page as children)
    solara.AppLayout(children=children, navigation=False)


routes = [
    solara.Route(path="/", component=explore.Page, label="Explore", layout=Layout),
    solara.Route(path="classroom", component=facilitator.Page, label="Classroom"),
    solara.Route(path="team", component=team.Page, label="Team"),
]


def prepare() -> None:
    """What the pages load before the first visitor: the Explore page's first scenario."""
    explore.prepare()
