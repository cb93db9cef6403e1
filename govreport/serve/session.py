"""Serve: `build.py serve` — build into the preview folder, serve it on localhost and reload the browser after every save."""

from __future__ import annotations

import signal
import threading
import time
import traceback
import webbrowser
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from tornado.ioloop import IOLoop

from ..errors import display
from ..i18n import _, ngettext
from . import changes
from .buildprocess import BuildProcess, BuildResult
from .server import PreviewState, ReloadFeed, listen, make_app, start_livereload

WATCH_START_TIMEOUT_S = 10  # setting up inotify takes milliseconds; past this, serve starts anyway


@dataclass(frozen=True)
class ServeOptions:
    content: Path = Path("content")
    host: str = "127.0.0.1"
    port: int = 8000
    open_browser: bool = False
    pdf: bool = False  # the PDF takes seconds to typeset: only when asked (`serve --pdf`)
    preview: Path = Path(".preview")  # git-ignored; never output/, so a deploy never ships the reload script
    templates: Path = Path("templates")
    assets: Path = Path("assets")

    def build_settings(self) -> dict[str, Any]:
        """The preview's BuildOptions, as the build process receives them."""
        paths = {"content": self.content, "out": self.preview, "templates": self.templates, "assets": self.assets}
        return {**{name: str(path) for name, path in paths.items()}, "pdf": self.pdf}

    def watched(self) -> list[Path]:
        return [p.resolve() for p in (self.content, self.templates, self.assets)] + [changes.PACKAGE]


def serve(options: ServeOptions) -> None:
    """The whole session, in order: first build, listen, watch and rebuild; until Ctrl-C."""
    for signum in (signal.SIGINT, signal.SIGTERM):  # Ctrl-C even if started where SIGINT is ignored; `kill` as cleanly
        signal.signal(signum, signal.default_int_handler)
    session = Session(options)
    try:
        session.first_build()
        url = session.listen()
        session.watch()
        click.echo(_("serve: {url} (Ctrl-C to stop)").format(url=url))
        if options.open_browser:
            webbrowser.open(url)
        run_until_stopped(IOLoop.current())
    except KeyboardInterrupt:  # Ctrl-C during the first build, before the server runs
        pass
    finally:
        session.close()
    click.echo(("\n" if session.line_open else "") + _("serve: stopped"))


def run_until_stopped(loop: IOLoop) -> None:
    """Serve until Ctrl-C or `kill`, which stop the loop between two callbacks. Raised as KeyboardInterrupt in the
    middle of one, the signal could be swallowed: tornado's HTTP connection catches every exception of a request."""
    signals = (signal.SIGINT, signal.SIGTERM)
    for signum in signals:
        loop.asyncio_loop.add_signal_handler(signum, loop.stop)  # type: ignore[attr-defined]
    try:
        loop.start()
    finally:
        for signum in signals:  # a second Ctrl-C while closing interrupts as usual
            loop.asyncio_loop.remove_signal_handler(signum)  # type: ignore[attr-defined]
            signal.signal(signum, signal.default_int_handler)


class Session:
    """The build process, the state the browser sees, and the watching thread that joins them."""

    def __init__(self, options: ServeOptions) -> None:
        self.options = options
        self.build_process = BuildProcess(options.build_settings())
        self.state = PreviewState()
        self.feed = ReloadFeed(options.watched())
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None
        self.loop = IOLoop.current()
        self.line_open = False  # the progress line of the first build, to be ended if Ctrl-C comes first

    def first_build(self) -> None:
        """The progress line stays open while the build process starts and builds everything."""
        click.echo(_("serve: building the preview into {preview}/ …").format(preview=self.options.preview), nl=False)
        self.line_open = True
        started = time.perf_counter()
        result = self.build_process.build([])
        self.line_open = False
        seconds = time.perf_counter() - started
        click.echo(
            ngettext(" done in {seconds:.1f} s: {n} file", " done in {seconds:.1f} s: {n} files", result.total).format(
                seconds=seconds, n=result.total
            )
            if result.ok
            else _(" failed:")
        )
        print_problems(result)
        self.publish(result)

    def listen(self) -> str:
        port = listen(make_app(self.state, self.options.preview), self.options.host, self.options.port)
        return f"http://{self.options.host}:{port}/"

    def watch(self) -> None:
        """Returns once the folders are watched, so that a save made after serve says it is ready is built."""
        start_livereload(self.feed)
        ready = threading.Event()
        self.thread = threading.Thread(target=self.rebuild_on_saves, args=(ready,), name="serve-watch", daemon=True)
        self.thread.start()
        ready.wait(WATCH_START_TIMEOUT_S)

    def rebuild_on_saves(self, ready: threading.Event) -> None:
        """In the watching thread: one build a batch of saves, so builds never overlap; results go to the server's thread."""
        for paths in changes.watch_saves(self.options.watched(), self.stop, ready):
            try:
                self.rebuild(paths)
            except Exception:  # keep watching whatever went wrong; the traceback is for whoever mends serve
                traceback.print_exc()

    def rebuild(self, paths: list[Path]) -> None:
        started = time.perf_counter()
        code = [p for p in paths if changes.is_code(p)]
        if code:
            self.build_process.restart()
        if any(changes.is_server_code(p) for p in code):
            names = _(", ").join(display(p) for p in code)
            click.echo(
                _("serve: {names} changed: restart serve to use the new server code").format(names=names), err=True
            )
        result = self.build_process.build(paths)
        self.loop.add_callback(self.publish_and_report, paths, result, time.perf_counter() - started, bool(code))

    def publish_and_report(self, paths: list[Path], result: BuildResult, seconds: float, code: bool) -> None:
        """The terminal's line comes after the browsers are told: once it is printed, the state is the new one."""
        self.publish(result)
        report(paths, result, seconds, code)

    def publish(self, result: BuildResult) -> None:
        """In the server's thread: show problems over the page, or reload the pages (or just the stylesheets) that changed."""
        if not result.ok:
            self.state.problems = result.problems
            self.feed.show_problems(result.problems)
            return
        recovered, self.state.problems = bool(self.state.problems), []
        changed = result.written + result.removed
        if changed or recovered:
            self.state.build += 1
        if recovered or any(not path.endswith(".css") for path in changed):
            self.feed.announce("*")
        else:
            for path in changed:
                self.feed.announce(path)

    def close(self) -> None:
        self.stop.set()
        if self.thread is not None:
            self.thread.join(timeout=5)
        self.build_process.stop()


def report(paths: list[Path], result: BuildResult, seconds: float, code: bool) -> None:
    """One line a rebuild in the terminal; a failed build's problems below it, exactly as the browser shows them."""
    names = _(", ").join(display(p) for p in paths[:3])
    if len(paths) > 3:
        names = ngettext("{names} and {n} more", "{names} and {n} more", len(paths) - 3).format(
            names=names, n=len(paths) - 3
        )
    if result.ok:
        outcome = _("{summary} in {ms} ms").format(summary=summary(result), ms=f"{seconds * 1000:.0f}")
    else:
        outcome = _("build failed; the last good preview is still served:")
    if code:
        outcome = _("code changed, build process restarted; {outcome}").format(outcome=outcome)
    click.echo(f"{time.strftime('%H:%M:%S')} {names}: {outcome}", err=not result.ok)
    print_problems(result)


def summary(result: BuildResult) -> str:
    if not (result.written or result.removed):
        return _("no change to the site")
    written, total, removed = len(result.written), result.total, len(result.removed)
    if removed:
        return _("{written} of {total} files updated, {removed} removed").format(
            written=written, total=total, removed=removed
        )
    return _("{written} of {total} files updated").format(written=written, total=total)


def print_problems(result: BuildResult) -> None:
    for line in result.problems + result.warnings:
        click.echo(line, err=True)
