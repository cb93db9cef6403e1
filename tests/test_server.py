"""serve's HTTP server (govreport/serve/server.py) and what it relies on in livereload, pinned without a browser:
a page is registered for reloads by its `info` message and told the state at once; every announced build reaches
it (livereload's 3 s guard is off, its 800 ms polling never starts); pages get the reload script as they are sent."""

from __future__ import annotations

import asyncio
import json
import re
import threading
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest
from livereload.handlers import LiveReloadHandler
from tornado.httpclient import AsyncHTTPClient
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.websocket import WebSocketClientConnection, websocket_connect

from govreport.serve.server import PreviewState, ReloadFeed, make_app, start_livereload

TIMEOUT_S = 10


@pytest.fixture
def preview(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text(
        "<!DOCTYPE html><html><head><title>首页</title></head><body>正文</body></html>", encoding="utf-8"
    )
    return tmp_path


@pytest.fixture
def livereload_reset() -> Iterator[None]:
    """livereload keeps its state on the class: leave it as found for the next test."""
    saved = {
        name: getattr(LiveReloadHandler, name)
        for name in ("watcher", "live_css", "_last_reload_time", "DEFAULT_RELOAD_TIME")
    }
    LiveReloadHandler._last_reload_time = None
    yield
    LiveReloadHandler.waiters.clear()
    for name, value in saved.items():
        setattr(LiveReloadHandler, name, value)


async def receive(socket: WebSocketClientConnection) -> dict[str, Any]:
    message = await asyncio.wait_for(socket.read_message(), TIMEOUT_S)
    assert message is not None, "the server closed the socket"
    return json.loads(message)


async def open_page(url: str) -> WebSocketClientConnection:
    """What serve/client/client.js does: hello, then info once the server has said hello."""
    socket = await websocket_connect(url)
    await socket.write_message(
        json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]})
    )
    assert (await receive(socket))["command"] == "hello"
    await socket.write_message(json.dumps({"command": "info", "url": "http://localhost/index.html", "plugins": {}}))
    return socket


def test_reloads_problems_and_the_reload_script(preview: Path, livereload_reset: None) -> None:
    async def scenario() -> None:
        state = PreviewState(build=3, problems=[])
        feed = ReloadFeed([preview])
        start_livereload(feed)
        sockets = bind_sockets(0, "127.0.0.1")
        server = HTTPServer(make_app(state, preview))
        server.add_sockets(sockets)
        base = f"127.0.0.1:{sockets[0].getsockname()[1]}"
        try:
            page = await open_page(f"ws://{base}/livereload")
            assert await receive(page) == {
                "command": "state",
                "build": 3,
                "problems": [],
            }  # registered, and told at once
            for path in ("*", "*", "assets/css/site.css"):  # one after the other: no 3 s guard drops the second
                state.build += 1
                feed.announce(path)
                message = await receive(page)
                assert (message["command"], message["path"]) == ("reload", path)
            feed.show_problems(["content/a.md:3: footnote [^9] is referenced but never defined"])
            assert await receive(page) == {
                "command": "problems",
                "problems": ["content/a.md:3: footnote [^9] is referenced but never defined"],
            }
            html = (await AsyncHTTPClient().fetch(f"http://{base}/index.html")).body.decode("utf-8")
            assert f'data-build="{state.build}" defer></script></head>' in html
            status = json.loads((await AsyncHTTPClient().fetch(f"http://{base}/_serve/status.json")).body)
            assert status == {"build": 6, "problems": []}
            page.close()
        finally:
            server.stop()

    in_a_thread_of_its_own(scenario)


def in_a_thread_of_its_own(scenario: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """An event loop of the test's own: the browser tests' Playwright keeps one running in this thread."""
    failed: list[BaseException] = []
    thread = threading.Thread(target=lambda: run_catching(scenario, failed))
    thread.start()
    thread.join(TIMEOUT_S * 6)
    assert not thread.is_alive(), "the scenario did not finish"
    if failed:
        raise failed[0]


def run_catching(scenario: Callable[[], Coroutine[Any, Any, None]], failed: list[BaseException]) -> None:
    try:
        asyncio.run(scenario())
    except BaseException as err:  # noqa: BLE001 - handed to the test's own thread
        failed.append(err)


def test_the_feed_tells_livereload_not_to_poll(preview: Path) -> None:
    """livereload starts its own 800 ms polling of file times unless the watcher's start() returns True."""
    feed = ReloadFeed([preview])
    assert feed.start(lambda: None) is True
    feed.announce("*")
    assert feed.examine() == ("*", None) and feed.examine() == (None, None)


def test_a_page_names_its_assets_versions_and_the_browser_may_keep_them(tmp_path: Path) -> None:
    """A reload fetches again only what changed: each link to assets/ carries a hash of the file's bytes, and such
        a URL may be kept; the page itself, a link to a missing file, an unversioned asset URL and one naming a version
    the file no longer has are never kept."""
    (tmp_path / "2023" / "part-1").mkdir(parents=True)
    (tmp_path / "assets" / "css").mkdir(parents=True)
    css = tmp_path / "assets" / "css" / "site.css"
    css.write_text("main { color: #111; }\n", encoding="utf-8")
    long_text = "正文" * 40_000  # past tornado's first 64 KiB chunk: the rest of the page is sent as it is
    (tmp_path / "2023" / "part-1" / "section-1.html").write_text(
        '<!DOCTYPE html><html><head><title>一</title><link rel="stylesheet" href="../../assets/css/site.css">'
        '<script src="../../assets/js/gone.js" defer></script></head>'
        f'<body><p>{long_text}</p><img src="../../assets/css/site.css"></body></html>',
        encoding="utf-8",
    )

    async def scenario() -> None:
        sockets = bind_sockets(0, "127.0.0.1")
        server = HTTPServer(make_app(PreviewState(build=1), tmp_path))
        server.add_sockets(sockets)
        base = f"http://127.0.0.1:{sockets[0].getsockname()[1]}/"
        client = AsyncHTTPClient()
        try:
            page = await client.fetch(base + "2023/part-1/section-1.html")
            html = page.body.decode("utf-8")
            first = re.search(r'href="\.\./\.\./assets/css/site\.css\?v=([0-9a-f]+)"', html)
            assert first, html[:400]
            assert 'src="../../assets/js/gone.js" defer' in html  # no such file: sent as written
            assert html.endswith(f'<p>{long_text}</p><img src="../../assets/css/site.css"></body></html>')
            assert page.headers["Cache-Control"] == "no-store"
            kept = await client.fetch(f"{base}assets/css/site.css?v={first.group(1)}")
            assert kept.headers["Cache-Control"] == "max-age=31536000, immutable"
            plain = await client.fetch(f"{base}assets/css/site.css")
            assert plain.headers["Cache-Control"] == "no-store"
            css.write_text("main { color: #000; }\n", encoding="utf-8")  # same size: the hash tells them apart
            again = (await client.fetch(base + "2023/part-1/section-1.html")).body.decode("utf-8")
            second = re.search(r"site\.css\?v=([0-9a-f]+)", again)
            assert second and second.group(1) != first.group(1)
            stale = await client.fetch(f"{base}assets/css/site.css?v={first.group(1)}")  # new bytes, old name
            assert stale.headers["Cache-Control"] == "no-store"
            plain_page = await client.fetch(f"{base}2023/part-1/section-1.html?v={second.group(1)}")
            assert plain_page.headers["Cache-Control"] == "no-store"  # only assets are ever kept
            client_js = re.search(r'src="(/_serve/client\.js\?v=[0-9a-f]+)" data-build="1"', again)
            assert client_js, again[:600]
            served = await client.fetch(base + client_js.group(1).lstrip("/"))
            assert served.headers["Cache-Control"] == "max-age=31536000, immutable"
        finally:
            server.stop()

    in_a_thread_of_its_own(scenario)
