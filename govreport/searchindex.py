"""Search index: the rendered pages → a Pagefind bundle under pagefind/, built in a temporary folder, never in output/."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import tempfile
from pathlib import Path

from .cache import CachedFile, Shelf, package_stamp
from .errors import fail
from .han import HAN
from .i18n import _

BUNDLE = "pagefind"
LANGUAGE = "zh-cn"
# Invisible marks in the indexing copy: a word joiner is a word of its own standing for the report's own
# whitespace beside a Han character; a zero-width space keeps Pagefind from ending a block with a full stop.
OWN_SPACE = "\u2060"
ZWSP = "\u200b"
# Han characters (govreport/han.py), as assets/js/search.js splits a query with /\p{Script=Han}/u;
# tests/browser/test_han_agrees.py checks that the browser's set is this one.
HAN_CHARS = HAN
TAG = re.compile(r"<[^>]*>")
# Pagefind adds a full stop after these elements when their text ends in a letter, a digit or one of '")$*.
SENTENCE_END = re.compile(r"</(?:h[1-6]|p|td|div|ul|li|article|section)\s*>", re.IGNORECASE)
# separate_han reads the text as one run, each tag standing as one character: SENTENCE_END as \x01, others \x00.
TAGS = r"[\x00\x01]*"
OWN_SPACE_RUN = re.compile(rf"(?<=[{HAN_CHARS}])({TAGS})(\s+)|(\s+)(?={TAGS}[{HAN_CHARS}])")
HAN_RUN = re.compile(f"[{HAN_CHARS}]+")
SENTENCE_LAST = re.compile(r"(?<=[^\s\x00\x01])(?=\x00*\x01)")
BODY = re.compile(r"<[^>]*\sdata-pagefind-body[\s/>=]")
# Pagefind's own search interfaces; the site has a smaller one of its own (assets/js/search.js).
UNUSED = re.compile(r"^pagefind-(ui|component-ui|modular-ui|highlight)\.")
# Left out of the index, besides what templates mark data-pagefind-ignore: a footnote marker inside a
# phrase (云、数、网、端”[5]神经元) would keep that phrase from being found.
EXCLUDE = ".fn-ref"
PIP_COMMAND = "python3 -m pip install 'pagefind-bin==1.5.2'"


def index_site(files: dict[str, str | bytes]) -> dict[str, bytes | CachedFile]:
    """The Pagefind bundle for every page marked data-pagefind-body, as {output path: bytes, or the cached file}.

    Pagefind's output is a pure function of the pages it reads, so the bundle is kept in the build cache
    under a hash of those pages (and of this module and the Pagefind binary): a build whose marked pages
    did not change skips Pagefind, which is most of a small site's build time.
    """
    # Only marked pages: Pagefind skips the rest anyway once any page is marked, so they need no copy.
    pages = {
        rel: text
        for rel, text in files.items()
        if rel.endswith(".html") and isinstance(text, str) and BODY.search(text)
    }
    shelf, key = Shelf("search"), bundle_key(pages)
    cached = shelf.get(key)
    if cached is not None:
        return cached  # checked when it was made, from these very pages
    made = make_bundle(pages)
    check_page_count(made, sorted(pages))
    shelf.put(key, made)
    return dict(made)


def bundle_key(pages: dict[str, str]) -> str:
    digest = hashlib.blake2b(Path(__file__).read_bytes(), digest_size=20)
    digest.update(HAN_CHARS.encode())  # from han.py and the regex package's Unicode version, not this file
    digest.update(package_stamp("pagefind_bin", "pagefind").encode())
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
            target.write_text(indexing_copy(text), encoding="utf-8")
        run_pagefind(site, bundle)
        return read_bundle(bundle)


def indexing_copy(html: str) -> str:
    """The page as Pagefind is given it: Han characters separated from the element marked data-pagefind-body on.

    Pagefind ignores the text before that element (a page's header and navigation: half its bytes).
    """
    start = BODY.search(html).start()
    return html[:start] + separate_han(html[start:])


def separate_han(html: str) -> str:
    """Make every Han character a word of its own for Pagefind, in the copy of a page only Pagefind reads.

    Pagefind's plain build cuts words at whitespace only (its extended build cuts Chinese with a
    dictionary, but the browser cuts the query with a different one, so 加装电梯 could be missed). So a
    space goes on both sides of every Han character; search.js asks for the query character by character
    and keeps the pages holding the whole phrase. Pagefind stores the page's text with every run of
    whitespace as one space, so the report's own whitespace beside a Han character (tags between them
    or not) gets a word joiner before it as a word of its own: search.js shows that as a space and drops
    the other spaces beside Han characters. Tags and attributes are left as they are.
    """
    tags = TAG.findall(html)
    text = TAG.sub("\x00", SENTENCE_END.sub("\x01", html))
    text = OWN_SPACE_RUN.sub(lambda run: f"{run[1] or ''} {OWN_SPACE}{run[2] or run[3]}", text)
    text = HAN_RUN.sub(lambda run: f" {' '.join(run[0])} ", text)
    # A block whose text ends in a letter or digit would end in Pagefind's "." (局 → 局.); a ZWSP, which
    # Pagefind drops from the stored text, stops that.
    text = SENTENCE_LAST.sub(ZWSP, text)
    return "".join(part + tag for part, tag in zip(re.split(r"[\x00\x01]", text), [*tags, ""]))


def pagefind_executable() -> Path:
    """Pagefind's plain binary, bundled by the pagefind_bin wheel (no download at run time).

    Not the extended build: its Chinese dictionary costs about 0.2 s to load on every build, and
    separate_han already cuts Chinese into characters.
    """
    try:
        from pagefind_bin import get_executable  # type: ignore[import-not-found]
    except ImportError:
        message = _("Pagefind is missing; install the search indexer: {command}").format(command=PIP_COMMAND)
        raise fail(BUNDLE, None, message) from None
    return Path(get_executable())


def run_pagefind(site: Path, bundle: Path) -> None:
    # --force-language: one index for the whole site, whatever a page's lang says; the search page loads it.
    command = [
        str(pagefind_executable()),
        "--site",
        str(site),
        "--output-path",
        str(bundle),
        "--force-language",
        LANGUAGE,
        "--exclude-selectors",
        EXCLUDE,
        "--keep-index-url",
        "--quiet",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        details = (result.stderr or result.stdout).strip()
        message = _("Pagefind failed (exit {code}): {details}").format(code=result.returncode, details=details)
        raise fail(BUNDLE, None, message)


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
        raise fail(
            BUNDLE,
            None,
            _("Pagefind indexed {indexed} pages, but {marked} are marked data-pagefind-body: {paths}").format(
                indexed=indexed, marked=len(marked), paths=_(", ").join(marked)
            ),
        )
