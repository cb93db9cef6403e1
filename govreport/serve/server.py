"""Preview server: tornado and livereload serving the preview folder, with the reload script added to pages as they are sent."""

from __future__ import annotations

import errno
import hashlib
import html
import json
import os
import posixpath
import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import click
from livereload.handlers import LiveReloadHandler, StaticFileHandler
from livereload.server import LiveScriptInjector
from livereload.watcher import Watcher
from tornado import web
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from ..i18n import N_, _, language

CLIENT = Path(__file__).resolve().parent / "client"
# The texts go first: scripts with `defer` run in order. `v` names the files' version (see AssetVersions).
CLIENT_TAG = (
    '<script src="/_serve/texts.js?v={version}" defer></script>'
    '<script src="/_serve/client.js?v={version}" data-build="{build}" defer></script>'
)
# A reload fetches again only what changed: a URL that names its file's version may be kept by the browser.
KEEP = "max-age=31536000, immutable"
PORT_TRIES = 20
# The browser client's texts (client.js shows each through its own `_()`), sent in the editor's language.
CLIENT_TEXTS = (
    N_("Build failed: this is the last good preview"),
    N_("Fix the problem and save; the page reloads by itself."),
    N_("Hide"),
)


def no_preview_page() -> str:
    """The page served while there is no good build yet."""
    lang = "zh-CN" if language() == "zh" else "en"
    title = html.escape(_("No preview yet"))
    text = html.escape(_("The first build failed. Fix the problems and save: this page reloads."))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>\n'
        f"<body><main><h1>{title}</h1><p>{text}</p></main></body></html>\n"
    )


def client_texts() -> str:
    """texts.js: the client's texts in the editor's language, with that language's tag for the panel."""
    texts = {"lang": "zh-CN" if language() == "zh" else "en", "texts": {text: _(text) for text in CLIENT_TEXTS}}
    return f"window.govreportServeTexts = {json.dumps(texts, ensure_ascii=False)};\n"


@dataclass
class PreviewState:
    """What the browser is told: the number of the last build that changed the site, and the current problems."""

    build: int = 0
    problems: list[str] = field(default_factory=list)


class ReloadFeed(Watcher):
    """livereload's watcher, told about finished builds instead of polling file times every 800 ms."""

    def __init__(self, roots: list[Path]) -> None:
        super().__init__()
        for root in roots:
            self.watch(str(root))  # recorded for livereload's bookkeeping only; changes.py does the watching
        self.finished: deque[str] = deque()
        self.callback: Callable[[], None] | None = None

    def start(self, callback: Callable[[], None]) -> bool:
        """True tells livereload not to start its polling timer; `callback` sends the next reload."""
        self.callback = callback
        return True

    def examine(self) -> tuple[str | None, None]:
        self.filepath = self.finished.popleft() if self.finished else None
        return self.filepath, None

    def announce(self, path: str) -> None:
        """Reload browsers: `*` for pages, a stylesheet's path to swap just that stylesheet."""
        self.finished.append(path)
        if self.callback:
            self.callback()

    def show_problems(self, problems: list[str]) -> None:
        """Not livereload's protocol: serve's own client shows these over the page, which stays as it was."""
        for waiter in list(LiveReloadHandler.waiters):
            waiter.send_message({"command": "problems", "problems": problems})


class PreviewSocket(LiveReloadHandler):
    """livereload's websocket, which also tells each page the state the moment it starts listening.

    livereload registers a page for reloads when the page sends `info`. Sending the state in that same step, on
    the server's one thread, leaves no gap: a build finished before it is in the state; one finished after it
    reaches the page as a message. (Asked over HTTP instead, a build could finish between the two requests and
    its reload would reach nobody.)"""

    def initialize(self, state: PreviewState) -> None:
        self.state = state

    def on_message(self, message: str | bytes) -> None:
        super().on_message(message)
        if json.loads(message).get("command") == "info" and self in LiveReloadHandler.waiters:
            self.send_message({"command": "state", "build": self.state.build, "problems": self.state.problems})


def start_livereload(feed: ReloadFeed) -> None:
    """livereload's websocket handler, fed by builds rather than by its own 800 ms polling."""
    LiveReloadHandler.watcher, LiveReloadHandler.live_css = feed, True
    # livereload drops a reload less than 3 s after the last one. Builds are already debounced and one at a time
    # here, and a dropped reload would leave the browser on a stale page: no guard at all.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    LiveReloadHandler.start_tasks()


class PreviewFileHandler(StaticFileHandler):
    """A file from the preview folder, not kept by the browser (a reload shows the latest build) unless it is an
    asset asked for by its current version: bytes kept under a version that is not theirs could be shown later,
    when an edit is undone and the page names that version again."""

    def initialize(self, versions: AssetVersions, **kwargs: Any) -> None:
        super().initialize(**kwargs)
        self.versions = versions

    def set_extra_headers(self, path: str) -> None:
        keep(self, self.versions.version(path))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """The site's own 404 page, as a static host would send it; before any good build, a page that waits for one."""
        if status_code != 404:
            return super().write_error(status_code, **kwargs)
        not_found = Path(self.root, "404.html")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(not_found.read_bytes() if not_found.is_file() else no_preview_page())


class StatusHandler(web.RequestHandler):
    """The state as JSON, for tests and tools that wait for the browser to catch up with the last build."""

    def initialize(self, state: PreviewState) -> None:
        self.state = state

    def get(self) -> None:
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps({"build": self.state.build, "problems": self.state.problems}, ensure_ascii=False))


class ClientFileHandler(web.StaticFileHandler):
    def set_extra_headers(self, path: str) -> None:
        keep(self, client_version())


class ClientTextsHandler(web.RequestHandler):
    def get(self) -> None:
        self.set_header("Content-Type", "text/javascript; charset=utf-8")
        keep(self, client_version())
        self.finish(client_texts())


def keep(handler: web.RequestHandler, current: str | None) -> None:
    """A URL whose `v` is the current version of its file may be kept; anything else is asked for again each time."""
    asked = handler.get_query_argument("v", None)
    handler.set_header("Cache-Control", KEEP if asked is not None and asked == current else "no-store")


@cache
def client_version() -> str:
    """The client's files and texts, hashed: the same for the life of this serve, new when either changes."""
    digest = hashlib.blake2b(client_texts().encode("utf-8"), digest_size=8)
    for name in ("client.js", "client.css"):
        digest.update((CLIENT / name).read_bytes())
    return digest.hexdigest()


def make_app(state: PreviewState, preview: Path) -> web.Application:
    """The reload script goes in as each page is sent: the files in the preview folder are exactly what `build` writes."""

    versions = AssetVersions(preview)

    class ClientScript(LiveScriptInjector):
        @property
        def script(self) -> bytes:  # type: ignore[override]
            return CLIENT_TAG.format(version=client_version(), build=state.build).encode()

        def __init__(self, request: Any) -> None:
            super().__init__(request)
            self.path = request.path

        def transform_first_chunk(
            self, status_code: int, headers: Any, chunk: bytes, finishing: bool
        ) -> tuple[int, Any, bytes]:
            """The reload script goes in before </head>, and the links to assets/ name their files' versions; both
            are in the first chunk (tornado sends a file in chunks of 64 KiB), which is all a page's <head> needs."""
            status_code, headers, chunk = super().transform_first_chunk(status_code, headers, chunk, finishing)
            if "html" in headers.get("Content-Type", ""):
                new = versions.mark(chunk, self.path)
                if "Content-Length" in headers:
                    headers["Content-Length"] = str(int(headers["Content-Length"]) + len(new) - len(chunk))
                chunk = new
            return status_code, headers, chunk

    return web.Application(
        [
            (r"/livereload", PreviewSocket, {"state": state}),
            (r"/_serve/status\.json", StatusHandler, {"state": state}),
            (r"/_serve/texts\.js", ClientTextsHandler),
            (r"/_serve/(client\.(?:js|css))", ClientFileHandler, {"path": str(CLIENT)}),
            (
                r"/(.*)",
                PreviewFileHandler,
                {"path": str(preview.resolve()), "default_filename": "index.html", "versions": versions},
            ),
        ],
        transforms=[ClientScript],
        log_function=lambda handler: None,
    )  # the terminal is for builds, not requests


# A page's own links to the site's assets (relative, as build writes them): src="../../assets/css/site.css".
ASSET_URL_RE = re.compile(rb'((?:src|href)=")((?:\.\./)*assets/[^"?#]+)(")')


class AssetVersions:
    """Each preview asset's version (a hash of its bytes), looked up again only when its size, time or inode change.

    Why: `serve` sends every page with no-store, so a reload used to fetch a page's ten stylesheets and scripts
    again, one after the other from the server's one thread: half the time from save to the browser showing the
    change. With ?v=<hash> on each link the browser keeps an asset as long as its URL names the same bytes; an
    edited asset gets a new URL, and the page reloads (a stylesheet is swapped in place under a new URL too)."""

    def __init__(self, preview: Path) -> None:
        self.preview = preview
        self.known: dict[str, tuple[tuple[int, int, int], str]] = {}

    def mark(self, page: bytes, request_path: str) -> bytes:
        folder = posixpath.dirname(request_path.lstrip("/"))

        def versioned(match: re.Match[bytes]) -> bytes:
            rel = posixpath.normpath(posixpath.join(folder, match.group(2).decode("utf-8", "replace")))
            version = self.version(rel)
            return match.group(0) if version is None else match.expand(rb"\1\2?v=" + version.encode() + rb"\3")

        return ASSET_URL_RE.sub(versioned, page)

    def version(self, rel: str) -> str | None:
        """None for a link that leaves the preview or names no file: it is sent as written, and not kept."""
        if rel.startswith("../") or not rel.startswith("assets/"):
            return None
        path = self.preview / rel
        try:
            info = os.stat(path)
            stamp = (info.st_size, info.st_mtime_ns, info.st_ino)
            known = self.known.get(rel)
            if known is None or known[0] != stamp:
                known = (stamp, hashlib.blake2b(path.read_bytes(), digest_size=8).hexdigest())
                self.known[rel] = known
        except OSError:
            return None
        return known[1]


def listen(app: web.Application, host: str, port: int) -> int:
    """Listen on `port`, or the next free one (announced); port 0 takes any free port."""
    for candidate in range(port, port + PORT_TRIES) if port else [0]:
        try:
            sockets = bind_sockets(candidate, address=host)
        except OSError as err:
            if err.errno != errno.EADDRINUSE:
                raise click.ClickException(
                    _("cannot listen on {host}:{port}: {reason}").format(host=host, port=candidate, reason=err.strerror)
                ) from None
            continue
        HTTPServer(app).add_sockets(sockets)
        chosen = int(sockets[0].getsockname()[1])
        if port and chosen != port:
            click.echo(_("serve: port {port} is in use; using {chosen} instead").format(port=port, chosen=chosen))
        return chosen
    raise click.ClickException(
        _("ports {first}-{last} on {host} are all in use; choose another with --port").format(
            first=port, last=port + PORT_TRIES - 1, host=host
        )
    )
