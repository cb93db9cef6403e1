"""Files written whole or not at all: written beside the target under a unique name, then renamed over it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """A reader (the preview server, a second import, a build) sees the old file or the new one, never half of one.
    The staging name is unique, so two writers at once never share it; it is hidden and ends in .tmp, so that serve's
    watcher ignores it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, staging = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(staging, path)
    except BaseException:
        Path(staging).unlink(missing_ok=True)
        raise
