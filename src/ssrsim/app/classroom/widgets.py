"""What both classroom pages need: the credential in the page's address, a live view, small tables.

The facilitator's key and a team's token travel in the page's address (``?key=`` and
``?token=``): a bookmark or a reload brings the same page back, and nothing is stored in the
browser besides. The pages see what others do (a team submitting, the facilitator moving on)
by reading the database again every few seconds, and render again when what they read has
changed: the server holds no state of a session of its own, so a restarted app serves the same
pages.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
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


def use_ticks(seconds: float = REFRESH, watch: Callable[[], object] | None = None, active: bool = True,
              on: tuple = ()) -> int:
    """A number that grows while the component is shown and ``active``: a render each time.

    It grows every ``seconds``; with ``watch``, only when ``watch()`` (read every ``seconds``)
    returns something new. ``on``: the values ``watch`` reads with, such as the page's token;
    watching starts again when they change. Reading the database is cheap and rendering a page is
    not: twenty team pages rendered every two seconds kept the server busy
    (``benchmarks/bench_classroom_load.py``)."""
    tick, set_tick = solara.use_state(0)

    def start():
        if not active:
            return None
        stop = threading.Event()

        def read():
            try:
                return watch()
            except Exception:  # noqa: BLE001 -- unreadable now: render, and the page says why
                return object()

        def count():
            n, seen = 0, read() if watch is not None else None
            while not stop.wait(seconds):
                if watch is not None:
                    now = read()
                    if now == seen:
                        continue
                    seen = now
                n += 1
                try:
                    set_tick(n)
                except Exception:
                    if stop.is_set():  # the page closed while it read: nothing left to render
                        return
                    raise

        ticking = threading.Thread(target=count, daemon=True, name="ssrsim-classroom-refresh")
        ticking.start()

        def cleanup():
            # Wait for the thread to end before the page's kernel closes: Solara forgets a thread's
            # kernel when the thread ends, and a thread ending while the server shuts the kernel
            # down raced its bookkeeping (a KeyError and a traceback on Ctrl-C). Bounded, in case
            # the thread waits on the closing page. A tick's own render can run the cleanup too, in
            # the thread itself, which then ends as soon as it returns.
            stop.set()
            if threading.current_thread() is not ticking:
                ticking.join(timeout=seconds)
        return cleanup

    solara.use_effect(start, [active, *on])
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
