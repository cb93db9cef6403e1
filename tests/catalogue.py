"""The Chinese catalogue as the tests read it: what the sources ask to translate, what the catalogue lacks, and an
English message line translated through the catalogue (to know exactly what the Chinese run must print)."""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po

from govreport import i18n

ROOT = Path(__file__).resolve().parent.parent
PO = i18n.CATALOGUES["zh"][0]
CLICK_PO = i18n.CATALOGUES["zh"][1]
METHODS = [("**.py", "python"), ("serve/client/**.js", "javascript")]  # as govreport/locale/babel.cfg says
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils")


@dataclass(frozen=True)
class Wanted:
    """A message the code asks for: its msgid (and plural), and where."""

    msgid: str
    plural: str | None
    where: str


def wanted_in(folder: Path, methods: list[tuple[str, str]] = METHODS) -> list[Wanted]:
    """Every `_()`, `N_()` and `ngettext()` message under `folder` (Babel's extractors, its default keywords)."""
    found = []
    for filename, lineno, message, _comments, _context in extract_from_dir(folder, method_map=methods):
        msgid, plural = (message, None) if isinstance(message, str) else (message[0], message[1])
        found.append(Wanted(msgid, plural, f"{filename}:{lineno}"))
    return found


def wanted_by_click() -> list[Wanted]:
    import click

    folder = Path(click.__file__).parent
    found = []
    for name in CLICK_MODULES:
        path = folder / f"{name}.py"
        for lineno, message, _comments, _context in extract_from_file(
            "python", path, keywords={"_": None, "ngettext": (1, 2)}
        ):
            msgid, plural = (message, None) if isinstance(message, str) else (message[0], message[1])
            found.append(Wanted(msgid, plural, f"click/{name}.py:{lineno}"))
    return found


def read(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f)


def fields(text: str) -> set[str]:
    """The placeholders of a message, as written (`{n}`, `{seconds:.1f}`, `{value!r}`)."""
    names = set()
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            names.add(name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else ""))
    return names


def problems(wanted: Iterable[Wanted], catalog: Catalog, obsolete: bool = True) -> list[str]:
    """What is wrong between the messages the code asks for and the catalogue, one line each, naming the message."""
    out = []
    asked: dict[str, Wanted] = {}
    for want in wanted:
        asked.setdefault(want.msgid, want)
    for msgid, want in asked.items():
        entry = catalog.get(msgid)
        if entry is None:
            out.append(f"{want.where}: no Chinese text for {msgid!r}")
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        plural = entry.id[1] if isinstance(entry.id, tuple) else None
        if entry.fuzzy:
            out.append(f"{want.where}: the Chinese text of {msgid!r} is marked fuzzy (older than its English)")
        elif not all(strings):
            out.append(f"{want.where}: the Chinese text of {msgid!r} is empty")
        elif plural != want.plural:
            out.append(
                f"{want.where}: the plural of {msgid!r} is {want.plural!r} in the code, {plural!r} in the catalogue"
            )
        else:
            english = fields(msgid) | (fields(want.plural) if want.plural else set())
            for text in strings:
                if fields(text) - english or (not want.plural and fields(text) != english):
                    out.append(
                        f"{want.where}: the Chinese text of {msgid!r} has the placeholders {sorted(fields(text))}, "
                        f"the English {sorted(english)}"
                    )
    if obsolete:
        for entry in catalog:
            msgid = entry.id if isinstance(entry.id, str) else entry.id[0]
            if msgid and msgid not in asked:
                out.append(f"{PO.name}: {msgid!r} is in the catalogue but no longer in the code: remove it")
    return out


@cache
def translations() -> list[tuple[re.Pattern[str], list[str], str, bool]]:
    """Each catalogue entry as a pattern matching its English text filled in, the placeholders it captures, its
    Chinese text, and whether it starts with words (not a placeholder): the most specific first."""
    entries = []
    for entry in [*read(PO), *read(CLICK_PO)]:
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        chinese = entry.string[0] if isinstance(entry.string, tuple) else entry.string
        for msgid in ids:
            literal = "".join(text for text, *_ in string.Formatter().parse(msgid))
            if len(literal.strip()) < 3:
                continue  # `{message}` or `, ` alone would match anything
            regex, keys = pattern(msgid)
            entries.append((len(literal), regex, keys, chinese, not msgid.startswith("{")))
    return [entry[1:] for entry in sorted(entries, key=lambda e: -e[0])]


def pattern(msgid: str) -> tuple[re.Pattern[str], list[str]]:
    parts, keys = [], []
    for literal, name, spec, conversion in string.Formatter().parse(msgid):
        parts.append(re.escape(literal))
        if name is not None:
            keys.append(name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else ""))
            parts.append("(.+?)")
    return re.compile("".join(parts) + r"\Z", re.S), keys


PLACE_RE = re.compile(r"^([^\s:]+(?::(?:\d+|[a-z]+ \d+))?): (.*)\Z", re.S)  # `path:line: `, `path: `, `path:page 3: `


def to_chinese(english: str) -> str:
    """The Chinese line the catalogue gives for an English output line: a `path:line: ` prefix stays, `warning: ` and
    the message are translated, and so is each filled-in value that is a message itself."""
    whole = translate(english, words_first=True)
    if whole is not None:
        return whole
    place = PLACE_RE.match(english)
    if place:
        return f"{place.group(1)}: {translate(place.group(2)) or place.group(2)}"
    return translate(english) or english


def translate(text: str, words_first: bool = False) -> str | None:
    """A message that starts with its own words (`warning: {message}`) is tried before one that starts with a
    placeholder, which could swallow those words."""
    ordered = sorted(translations(), key=lambda entry: not entry[3])  # stable: most specific first within each
    for regex, keys, chinese, starts_with_words in ordered:
        if words_first and not starts_with_words:
            continue
        match = regex.match(text)
        if not match:
            continue
        out = chinese
        for key, value in zip(keys, match.groups()):
            out = out.replace("{" + key + "}", translate(value) or value)
        return out
    return None
