"""Solara's static files compressed once: the second browser gets the first answer from memory,
whole and compressed; pages and failed answers are asked for every time."""

from __future__ import annotations

import asyncio
import gzip

from ssrsim.app.assets import CompressedOnce

BUNDLE = b"console.log('the app');\n" * 2000  # large enough to be compressed


class Inner:
    """An ASGI app that counts what it was asked and answers each path with ``status``."""

    def __init__(self, status: int = 200):
        self.asked: list[dict] = []
        self.status = status

    async def __call__(self, scope, receive, send):
        self.asked.append(scope)
        await send({"type": "http.response.start", "status": self.status,
                    "headers": [(b"content-type", b"text/javascript"), (b"content-length", str(len(BUNDLE)).encode())]})
        await send({"type": "http.response.body", "body": BUNDLE[: len(BUNDLE) // 2], "more_body": True})
        await send({"type": "http.response.body", "body": BUNDLE[len(BUNDLE) // 2:], "more_body": False})


def get(app, path: str, *headers: tuple[bytes, bytes]) -> tuple[dict, bytes]:
    """The answer to a GET of ``path`` from a browser that accepts gzip."""
    scope = {"type": "http", "method": "GET", "path": path, "query_string": b"", "root_path": "",
             "headers": [(b"accept-encoding", b"gzip"), *headers]}
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    return start, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def test_a_static_file_is_compressed_once_and_given_whole_to_every_browser():
    inner = Inner()
    app = CompressedOnce(inner, minimum_size=1000)
    path = "/_solara/cdn/@widgetti/solara-vuetify-app@10.1.1/dist/solara-vuetify-app8.min.js"
    first_start, first = get(app, path)
    second_start, second = get(app, path, (b"if-none-match", b'"abc"'))
    assert len(inner.asked) == 1
    assert gzip.decompress(first) == BUNDLE and second == first
    assert (b"content-encoding", b"gzip") in first_start["headers"] and second_start == first_start
    assert int(dict(first_start["headers"])[b"content-length"]) == len(first)


def test_the_whole_file_is_asked_for_whatever_the_browser_already_has():
    inner = Inner()
    get(CompressedOnce(inner), "/static/main.js", (b"if-none-match", b'"abc"'), (b"range", b"bytes=0-10"))
    assert [k for k, _ in inner.asked[0]["headers"]] == [b"accept-encoding"]


def test_pages_and_failed_answers_are_asked_for_every_time():
    inner = Inner()
    app = CompressedOnce(inner)
    get(app, "/team")
    get(app, "/team")
    failing = Inner(status=500)
    broken = CompressedOnce(failing)
    get(broken, "/static/main.js")
    get(broken, "/static/main.js")
    assert len(inner.asked) == 2 and len(failing.asked) == 2
