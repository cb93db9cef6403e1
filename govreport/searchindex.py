"""Search index: the rendered pages → a Pagefind bundle under pagefind/, built in a temporary folder, never in output/."""
from __future__ import annotations

import hashlib
import json
import re
import subprocess
import tempfile
from pathlib import Path

from .cache import Shelf, package_stamp
from .errors import fail

BUNDLE = "pagefind"
LANGUAGE = "zh-cn"
ZWSP = "\u200b"
# Han characters, as assets/js/search.js splits a query (keep the two lists the same).
HAN = re.compile("[\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
HAN_RUN = re.compile(HAN.pattern + "+")
# A zero-width space next to a real one, even with tags between them.
BESIDE_SPACE = re.compile(f"{ZWSP}(?=(?:<[^>]*>)*\\s)|(?<=\\s)((?:<[^>]*>)*){ZWSP}")
TAG = re.compile(r"(<[^>]*>)")
BODY = re.compile(r"<[^>]*\sdata-pagefind-body[\s/>=]")
# Pagefind's own search interfaces; the site has a smaller one of its own (assets/js/search.js).
UNUSED = re.compile(r"^pagefind-(ui|component-ui|modular-ui|highlight)\.")
# Left out of the index, besides what templates mark data-pagefind-ignore: a footnote marker inside a
# phrase (云、数、网、端”[5]神经元) would keep that phrase from being found.
EXCLUDE = ".fn-ref"
PIP_HINT = "install the search indexer: python3 -m pip install 'pagefind[extended]==1.5.2'"


def index_site(files: dict[str, str | bytes]) -> dict[str, bytes]:
    """The Pagefind bundle for every page marked data-pagefind-body, as {output path: bytes}.

    Pagefind's output is a pure function of the pages it reads, so the bundle is kept in the build cache
    under a hash of those pages (and of this module and the Pagefind binary): a build whose marked pages
    did not change skips Pagefind, which is most of a small site's build time.
    """
    # Only marked pages: Pagefind skips the rest anyway once any page is marked, so they need no copy.
    pages = {rel: text for rel, text in files.items() if rel.endswith(".html") and isinstance(text, str) and BODY.search(text)}
    shelf, key = Shelf("search"), bundle_key(pages)
    out = shelf.get(key)
    if out is None:
        out = make_bundle(pages)
        shelf.put(key, out)
    check_page_count(out, sorted(pages))
    return out


def bundle_key(pages: dict[str, str]) -> str:
    digest = hashlib.blake2b(Path(__file__).read_bytes(), digest_size=20)
    digest.update(package_stamp("pagefind_bin_extended", "pagefind_extended").encode())
    for rel in sorted(pages):
        digest.update(f"\0{rel}\0".encode())
        digest.update(pages[rel].encode())
    return digest.hexdigest()


def make_bundle(pages: dict[str, str]) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory(prefix="govreport-search-") as tmp:
        site, bundle = Path(tmp) / "site", Path(tmp) / BUNDLE
        for rel, text in pages.items():
            target = site / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(separate_han(text), encoding="utf-8")
        run_pagefind(site, bundle)
        return read_bundle(bundle)


def separate_han(html: str) -> str:
    """Put a zero-width space around each Han character of the text (not of tags).

    Pagefind's extended build cuts Chinese into words with a dictionary at build time, but the browser
    cuts the query with its own, different dictionary, so 加装电梯 (indexed as 加装 + 电梯) was not found
    when queried as 加 + 装 + 电梯. Indexing every character as a word, and querying character by
    character, makes both sides agree; search.js then keeps only pages holding the whole phrase.
    The zero-width spaces exist only in this indexing copy; Pagefind drops them from the stored text.
    """
    parts = TAG.split(html)
    parts[::2] = [HAN_RUN.sub(lambda run: ZWSP + ZWSP.join(run.group()) + ZWSP, text) for text in parts[::2]]
    # Next to a real space, a zero-width one would make Pagefind lose that space from the stored text.
    return BESIDE_SPACE.sub(r"\1", "".join(parts).replace(ZWSP + ZWSP, ZWSP))


def pagefind_executable() -> Path:
    """The extended Pagefind binary bundled by the pagefind_bin_extended wheel (no download at run time)."""
    try:
        from pagefind_bin_extended import get_executable  # type: ignore[import-not-found]
    except ImportError:
        raise fail(BUNDLE, None, f"Pagefind's extended build is missing; {PIP_HINT}") from None
    return Path(get_executable())


def run_pagefind(site: Path, bundle: Path) -> None:
    # --force-language: one index for the whole site, whatever a page's lang says; the search page loads it.
    command = [str(pagefind_executable()), "--site", str(site), "--output-path", str(bundle),
               "--force-language", LANGUAGE, "--exclude-selectors", EXCLUDE, "--keep-index-url", "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        details = (result.stderr or result.stdout).strip()
        raise fail(BUNDLE, None, f"Pagefind failed (exit {result.returncode}): {details}")


def read_bundle(bundle: Path) -> dict[str, bytes]:
    return {
        f"{BUNDLE}/{path.relative_to(bundle).as_posix()}": path.read_bytes()
        for path in sorted(bundle.rglob("*"))
        if path.is_file() and not UNUSED.match(path.name)
    }


def check_page_count(bundle: dict[str, bytes], marked: list[str]) -> None:
    """Every page marked data-pagefind-body must be in the index: a silent gap would hide whole pages."""
    entry = json.loads(bundle[f"{BUNDLE}/pagefind-entry.json"])
    indexed = sum(language["page_count"] for language in entry["languages"].values())
    if indexed != len(marked):
        raise fail(BUNDLE, None, f"Pagefind indexed {indexed} pages, but {len(marked)} are marked data-pagefind-body: {', '.join(marked)}")
