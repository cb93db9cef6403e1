"""A build killed while swapping leaves its staging or old folder beside output/; the next build removes it, but only
one that holds our build marker and whose build is no longer running: never a folder we did not make."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from govreport.write import MARKER, write_site


def dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def leftover(parent: Path, name: str, marked: bool) -> Path:
    folder = parent / name
    folder.mkdir()
    (folder / "index.html").write_text("old", encoding="utf-8")
    if marked:
        (folder / MARKER).write_text("", encoding="utf-8")
    return folder


def test_a_killed_builds_folders_are_removed_but_only_ours(tmp_path: Path) -> None:
    pid = dead_pid()
    removed = [
        leftover(tmp_path, f".output.old-{pid}", marked=True),
        leftover(tmp_path, f".output.building-{pid}-x1y2", marked=True),
    ]
    kept = [
        leftover(tmp_path, f".output.old-{pid + 1_000_000}-mine", marked=False),  # no marker: not ours
        leftover(tmp_path, f".output.building-{pid}-abcd", marked=False),
        leftover(tmp_path, f".output.old-{os.getpid()}", marked=True),  # a build still running
        leftover(tmp_path, f".other.old-{pid}", marked=True),  # beside another output folder
        leftover(tmp_path, ".output.old-notes", marked=True),
    ]
    (tmp_path / f".output.old-{pid + 1}").symlink_to(removed[0].parent / "elsewhere")
    write_site({"index.html": "new"}, tmp_path / "no-assets", tmp_path / "output")
    assert (tmp_path / "output/index.html").read_text(encoding="utf-8") == "new"
    assert [p.exists() for p in removed] == [False, False]
    assert all((p / "index.html").exists() for p in kept)
    assert (tmp_path / f".output.old-{pid + 1}").is_symlink()
    names = {p.name for p in tmp_path.iterdir()}
    assert not any(
        n.startswith((".output.building-", ".output.old-"))
        for n in names - {p.name for p in kept} - {f".output.old-{pid + 1}"}
    )


def test_a_staging_folder_is_marked_from_the_start(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """So that a build killed while filling it leaves a folder the next build knows to be ours."""
    import govreport.write

    seen: list[bool] = []

    def finish(staging: govreport.write.Staging, *args: object) -> None:
        seen.append((staging.root / MARKER).is_file())
        raise KeyboardInterrupt

    monkeypatch.setattr(govreport.write.Staging, "finish", finish)
    try:
        write_site({}, tmp_path / "no-assets", tmp_path / "output")
    except KeyboardInterrupt:
        pass
    assert seen == [True]
