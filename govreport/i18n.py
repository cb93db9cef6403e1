"""The editor's language: every message in Chinese or English, chosen by the locale, through gettext.

Every message an editor sees goes through `_()` (or `ngettext()` when it counts something), written in English
with named placeholders filled afterwards: `_("footnote [^{label}] is never defined").format(label=label)`.
The English text is the message's key in the catalogue; never build it with an f-string inside `_()`. A message
defined before the language is known (a module constant, a help text) is marked with `N_()` and translated
where it is used.

The Chinese texts are in `locale/zh_CN/LC_MESSAGES/govreport.po`, the catalogue staff and translators edit. The
first run that needs them compiles it into the `.mo` beside it (gettext's own format, with plural forms), and
compiles it again whenever the `.po` changes; where the package folder cannot be written, it is compiled in memory.
English needs no catalogue: its texts are the keys.

The language is, in order: `--lang`, then `GOVREPORT_LANG` (how `--lang` reaches serve's build process), then
the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set (POSIX's order); where none is, the system's own
(Windows' display language, say). `zh…` gives Chinese; anything else, the C locale included, English.
"""

from __future__ import annotations

import gettext
import hashlib
import io
import locale
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

DOMAIN = "govreport"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
# The project's own texts, then click's (Usage:, Options:, …: govreport/cli.py points click's gettext here).
CATALOGUES = {"zh": [LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / f"{domain}.po" for domain in (DOMAIN, "click")]}
LANGUAGES = ("zh", "en")
ENV = "GOVREPORT_LANG"

_translations: gettext.NullTranslations | None = None  # None: not chosen yet (chosen from the locale at first use)
_language = "en"


def _(message: str) -> str:
    """The message in the editor's language."""
    return translations().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for a count of n, in the editor's language (Chinese has one form)."""
    return translations().ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 (gettext's own name for it)
    """Marks a message for the catalogue where it is defined (a module constant, a help text) without translating it
    yet: the language is chosen when the command runs, after modules are loaded. Translate it with `_()` where it is used."""
    return message


def language() -> str:
    """`zh` or `en`: the language messages are in now."""
    translations()
    return _language


def use(lang: str) -> None:
    """Speak `lang` (`zh` or `en`) from now on."""
    global _translations, _language
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    chosen = gettext.NullTranslations()
    for po in reversed(CATALOGUES.get(lang, [])):
        catalogue = load(po)
        catalogue.add_fallback(chosen)
        chosen = catalogue
    _translations, _language = chosen, lang


def translations() -> gettext.NullTranslations:
    if _translations is None:
        use(choose_language())
    assert _translations is not None
    return _translations


def choose_language(environ: Mapping[str, str] | None = None, system: Callable[[], str] | None = None) -> str:
    """The language the locale asks for: see the module's docstring."""
    environ = os.environ if environ is None else environ
    if environ.get(ENV) in LANGUAGES:
        return environ[ENV]
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if environ.get(name):  # POSIX: a variable set to "" counts as unset
            return language_of(environ[name])
    return language_of((system or system_locale)())


def language_of(name: str) -> str:
    """`zh` for a Chinese locale name (`zh_CN.UTF-8`, `zh_TW`, `zh-Hans`, `Chinese (Simplified)_China.936`), else `en`."""
    name = name.strip().lower()
    return "zh" if name.startswith(("zh", "chinese")) else "en"


def system_locale() -> str:
    """The system's own locale where no variable names one: Windows' display language, else Python's locale."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        try:
            import ctypes

            lcid = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
            return locale.windows_locale.get(lcid, "")
        except (AttributeError, OSError):
            pass
    try:
        return locale.getlocale(locale.LC_CTYPE)[0] or ""
    except ValueError:
        return ""


def load(po: Path) -> gettext.GNUTranslations:
    """The catalogue `po`, from the `.mo` compiled from it (compiled now when it is missing or stale)."""
    source = po.read_bytes()
    digest = hashlib.sha256(source).hexdigest()
    mo = po.with_suffix(".mo")
    try:
        compiled = gettext.GNUTranslations(io.BytesIO(mo.read_bytes()))
        if compiled.info().get("project-id-version") == f"{DOMAIN} {digest}":  # else stale: compiled again
            return compiled
    except (OSError, ValueError, KeyError):  # missing, or not a .mo (gettext raises OSError for a bad magic number)
        pass
    data = compile_po(source, digest)
    try:
        partial = mo.with_name(f".{mo.name}.{os.getpid()}")
        partial.write_bytes(data)
        os.replace(partial, mo)
    except OSError:
        pass  # a read-only install: the catalogue is compiled in memory on every run
    return gettext.GNUTranslations(io.BytesIO(data))


def compile_po(source: bytes, digest: str) -> bytes:
    """The `.mo` bytes of a `.po` catalogue, its plural forms kept and its fuzzy entries left out (Babel), with the
    `.po`'s digest as its version (the header gettext reads back)."""
    from babel.messages.mofile import write_mo  # here: only a Chinese run with a changed catalogue needs Babel
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(source), locale="zh_CN")
    catalog.project, catalog.version = DOMAIN, digest
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()
