"""Solara's static files (its JavaScript bundle, styles, fonts) compressed once, not for every page.

Solara's server compresses each response as it sends it, at gzip's slowest level, on the thread
that serves every page. Fetching its JavaScript bundle took 0.17 s the first time and 0.002 s once
kept; twenty team laptops opening their pages at once kept that thread busy with gzip for about
13 s, with every other page waiting (`benchmarks/README.md`, the classroom under load). These files do not change while the app runs:
the first answer for each is kept, compressed as it was sent, and given again to the next browser.

Files the browser asks for that are not shipped with ``solara-assets`` (KaTeX, for mathematics,
which the app never shows) make Solara try to fetch them from the internet on every page; their
"not found" is kept too, so a classroom without internet waits for that once, not per page.
"""

from __future__ import annotations

from starlette.middleware.gzip import GZipMiddleware

#: Where Solara serves files that cannot change while the app runs.
STATIC = ("/_solara/cdn/", "/static/", "/jupyter/nbextensions/")
#: Request headers that would make the answer partial or empty: the kept answer is the whole file.
CONDITIONAL = (b"if-none-match", b"if-modified-since", b"range", b"if-range")
#: Answers kept: the file, or its absence.
KEPT = (200, 404)


class CompressedOnce(GZipMiddleware):
    """Solara's compression, with static files answered from memory after the first time.
    Everything else (pages, live updates) is compressed as before."""

    def __init__(self, app, *args, **kwargs):
        super().__init__(app, *args, **kwargs)
        self.kept: dict[tuple, tuple[dict, bytes]] = {}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith(STATIC):
            return await super().__call__(scope, receive, send)
        headers = dict(scope["headers"])
        key = (scope["path"], scope.get("query_string", b""), b"gzip" in headers.get(b"accept-encoding", b""))
        answer = self.kept.get(key)
        if answer is None:
            answer = await self._ask(scope, receive)
            if answer[0]["status"] in KEPT:
                self.kept[key] = answer
        start, body = answer
        await send(start)
        await send({"type": "http.response.body", "body": body, "more_body": False})

    async def _ask(self, scope, receive) -> tuple[dict, bytes]:
        """Solara's whole answer for ``scope``: its start message and its body."""
        messages = []

        async def keep(message):
            messages.append(message)

        whole = dict(scope, headers=[(k, v) for k, v in scope["headers"] if k.lower() not in CONDITIONAL])
        await super().__call__(whole, receive, keep)
        start = next(m for m in messages if m["type"] == "http.response.start")
        body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
        # sent in one piece from now on, so with its length (a streamed answer came without one)
        headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
        return dict(start, headers=[*headers, (b"content-length", str(len(body)).encode())]), body


def install() -> None:
    """Make ``CompressedOnce`` the compression Solara's server uses. Call before the server's
    module is imported: Solara builds its application, with Starlette's ``GZipMiddleware``, when
    ``solara run`` has set up its settings, so the class is swapped where Solara will look it up."""
    import sys

    import starlette.middleware.gzip as gzip

    if "solara.server.starlette" in sys.modules:
        raise RuntimeError("assets.install() must come before Solara's server is imported")
    gzip.GZipMiddleware = CompressedOnce
