"""Session fixtures: a build cache of the session's own."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CACHE_VARIABLE = "GOVREPORT_CACHE"


@pytest.fixture(scope="session", autouse=True)
def session_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """GOVREPORT_CACHE points at a folder of this session's for every build, in this process and the ones it starts:
    nothing is written into the user's ~/.cache/govreport. Tests that choose their own cache set the variable for their build."""
    folder = tmp_path_factory.mktemp("govreport-cache")
    before = os.environ.get(CACHE_VARIABLE)
    os.environ[CACHE_VARIABLE] = str(folder)
    try:
        yield folder
    finally:
        if before is None:
            os.environ.pop(CACHE_VARIABLE, None)
        else:
            os.environ[CACHE_VARIABLE] = before
