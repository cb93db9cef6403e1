"""The editor's language.

Every message an editor sees goes through `_()` (or `ngettext()` when it counts something), written in English
with named placeholders filled afterwards: `_("footnote [^{label}] is never defined").format(label=label)`.
The English text is the message's key in the catalogues; never build it with an f-string inside `_()`.
"""

from __future__ import annotations


def _(message: str) -> str:
    """The message in the editor's language."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for a count of n, in the editor's language."""
    return singular if n == 1 else plural


def N_(message: str) -> str:  # noqa: N802 (gettext's own name for it)
    """Marks a message for the catalogue where it is defined (a module constant, a help text) without translating it
    yet: the language is chosen when the command runs, after modules are loaded. Translate it with `_()` where it is used."""
    return message
