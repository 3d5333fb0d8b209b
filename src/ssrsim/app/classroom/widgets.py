"""What both classroom pages need: the credential in the page's address, a live view, small tables.

The facilitator's key and a team's token travel in the page's address (``?key=`` and
``?token=``): a bookmark or a reload brings the same page back, and nothing is stored in the
browser besides. The pages see what others do (a team submitting, the facilitator moving on)
by reading the database again every few seconds: the server holds no state of a session of its
own, so a restarted app serves the same pages.
"""

from __future__ import annotations

import threading
from urllib.parse import parse_qs

import reacton.ipyvuetify as rv
import solara

from .store import Store, default_store

#: How often a page reads the session again (seconds).
REFRESH = 2.0


def query(name: str) -> str:
    """The value of ``name`` in the page address's query (``""`` if absent)."""
    search = solara.use_router().search or ""
    values = parse_qs(search).get(name, [])
    return values[0] if values else ""


def store() -> Store:
    return default_store()


def use_ticks(seconds: float = REFRESH) -> int:
    """A number that grows every ``seconds`` while the component is shown: a render each time."""
    tick, set_tick = solara.use_state(0)

    def start():
        stop = threading.Event()

        def count():
            n = 0
            while not stop.wait(seconds):
                n += 1
                set_tick(n)

        threading.Thread(target=count, daemon=True, name="ssrsim-classroom-refresh").start()
        return stop.set

    solara.use_effect(start, [])
    return tick


@solara.component
def Table(header: list[str], rows: list[list[str]]):
    """A small table of text."""
    with rv.SimpleTable(dense=True):
        with rv.Html(tag="thead"):
            with rv.Html(tag="tr"):
                for column in header:
                    rv.Html(tag="th", children=[column])
        with rv.Html(tag="tbody"):
            for row in rows:
                with rv.Html(tag="tr"):
                    for i, value in enumerate(row):
                        rv.Html(tag="td", children=[str(value)], style_="white-space: nowrap" if i else "")


def points(n: int) -> str:
    return f"{n} point{'s' if n != 1 else ''}"


#: Around a page's content: the layout pads a page only when it has a sidebar.
PAGE_STYLE = {"padding": "12px 24px"}
