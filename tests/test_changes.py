"""serve's watching, without a server: saves come in batches, editors' temporary files never do, moved folders come back."""

from __future__ import annotations

import queue
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from watchfiles import Change

import govreport.site
from govreport.serve.changes import SaveFilter, is_code, is_editor_temp, watch_saves

REPO_ROOT = Path(__file__).resolve().parents[1]
BATCH_TIMEOUT_S = 30


@pytest.mark.parametrize(
    "name",
    [
        ".section-1.md.swp",
        ".section-1.md.swx",
        "section-1.md~",
        ".#section-1.md",
        "#section-1.md#",
        "4913",
        "site.css.tmp",
        ".DS_Store",
    ],
)
def test_editor_temporary_files_are_ignored(name: str) -> None:
    assert is_editor_temp(Path("content/2023") / name)
    assert not SaveFilter()(Change.modified, str(Path("/project/content/2023") / name))


@pytest.mark.parametrize("name", ["section-1.md", "site.css", "page.html", "index.md"])
def test_saved_sources_are_seen(name: str) -> None:
    assert not is_editor_temp(Path(name))
    assert SaveFilter()(Change.modified, f"/project/content/{name}")


def test_only_the_packages_python_files_are_code() -> None:
    assert is_code(Path(govreport.site.__file__))
    assert not is_code(REPO_ROOT / "build.py")
    assert not is_code(Path(govreport.site.__file__).with_suffix(".html"))


@pytest.fixture
def batches(tmp_path: Path) -> Iterator[queue.Queue[list[Path]]]:
    """Batches from watch_saves on tmp_path/content, collected by a thread as serve's watching thread would."""
    (tmp_path / "content").mkdir()
    stop, found = threading.Event(), queue.Queue()

    ready = threading.Event()

    def collect() -> None:
        for batch in watch_saves([tmp_path / "content"], stop, ready):
            found.put(batch)

    thread = threading.Thread(target=collect, daemon=True)
    thread.start()
    assert ready.wait(BATCH_TIMEOUT_S), "the watcher never started"
    yield found
    stop.set()
    thread.join(timeout=10)


def saved_until_seen(batches: queue.Queue[list[Path]], path: Path) -> list[Path]:
    """Save `path` until the watcher reports it (it may still be starting, or watching again), then return that batch."""
    deadline = time.monotonic() + BATCH_TIMEOUT_S
    while time.monotonic() < deadline:
        path.write_text("保存\n", encoding="utf-8")
        try:
            batch = batches.get(timeout=1)
        except queue.Empty:
            continue
        if path in batch:
            return batch
    raise AssertionError(f"{path} was saved but never reported")


def test_a_burst_of_saves_is_one_batch_without_editor_files(tmp_path: Path, batches: queue.Queue[list[Path]]) -> None:
    content = tmp_path / "content"
    saved_until_seen(batches, content / "warm-up.md")
    for name in (".a.md.swp", "a.md~", "a.md", "b.md", "4913"):
        (content / name).write_text("保存\n", encoding="utf-8")
    assert batches.get(timeout=BATCH_TIMEOUT_S) == [content / "a.md", content / "b.md"]


@pytest.mark.parametrize("how", ["moved away and back", "deleted and made again"])
def test_a_watched_folder_that_went_away_is_watched_again(
    tmp_path: Path, batches: queue.Queue[list[Path]], how: str
) -> None:
    content = tmp_path / "content"
    saved_until_seen(batches, content / "warm-up.md")
    if how == "moved away and back":
        content.rename(tmp_path / "elsewhere")
        (tmp_path / "elsewhere").rename(content)
    else:
        shutil.rmtree(content)
        content.mkdir()
    assert saved_until_seen(batches, content / "later.md")
