"""The one way tests run the command line: `python build.py <args>` in a working folder, as staff run it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD_PY = ROOT / "build.py"


def build_py(
    cwd: Path,
    *args: str,
    env: Mapping[str, str] | None = None,
    python_options: Sequence[str] = (),
    timeout: float | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run this checkout's build.py with `args` in `cwd` and return the finished process (text output captured, stdin closed).

    `env` is added to this process's environment (the session's GOVREPORT_CACHE included); `python_options` go
    before build.py (`-W error`, say). The exit status is not checked: tests assert on it.
    """
    return subprocess.run(
        [sys.executable, *python_options, str(BUILD_PY), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=None if env is None else {**os.environ, **env},
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        check=False,
    )


@dataclass(frozen=True)
class BuiltSite:
    """A site built into `root` by `build.py build`, and that build's finished process."""

    root: Path
    result: subprocess.CompletedProcess[str]


# Invented identifiers (issue 27) for the site settings of a fixture that is about something else, so that its
# build warns about nothing it does not test; tests/test_govsite.py tests the identifiers themselves.
IDENTIFIERS = (
    'publisher: 示例镇人民政府\nsite_id: "9999000001"\nicp: 示ICP备99999999号\n'
    "police_record: 示公网安备 99999999999999号\ncontact:\n  phone: 099-0000 0000\n"
)


def is_placeholder_setting(line: str) -> bool:
    """A warning about a site setting that the repository's content/index.md knowingly leaves a placeholder (the
    identifiers of issue 27 it does not know): every build of the real content gives these."""
    return "content/index.md:" in line and ": is a placeholder: " in line


def is_page_tags_hint(line: str) -> bool:
    """`check`'s note on the page tags a report leaves out (issue 27), for check tests about something else."""
    return ": warning: the page tags " in line


def other_warnings(stderr: str) -> str:
    """A build's stderr without the real content's placeholder settings."""
    return "".join(line for line in stderr.splitlines(keepends=True) if not is_placeholder_setting(line))
