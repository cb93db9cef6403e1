"""The title block: the lines before the salutation (各位代表：) → title, meeting line, date and speaker.

Reports print it in many ways (GB/T 9704 leaves it open): the title on one line or two; the meeting line after
`——`, `――` or `—`, in parentheses or bare, over one line or two, dated `2024年1月9日` or `二〇二四年一月九日`; the
speaker on a line of their own, after the meeting line on the same line, or not at all. Each is found by what it
says, not where it stands. Text pasted from a web page brings the page's own lines too (a breadcrumb, 【字号】,
来源：…, a photo caption ending in 摄): they are left out here, outside the report's own words, and listed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..errors import fail
from ..i18n import _
from ..numbering import counted
from .pagelines import is_page_line
from .read import Left
from .rules import join_lines  # the rules' own join: Latin words keep their space

CN_NUMBER = "〇零一二三四五六七八九十"
DATE_RE = re.compile(
    rf"(\d{{4}}|[{CN_NUMBER}]{{4}})\s*年\s*(\d{{1,2}}|[{CN_NUMBER}]{{1,3}})\s*月\s*(\d{{1,2}}|[{CN_NUMBER}]{{1,3}})\s*日"
)
# A meeting line opens with its date (after a dash or a bracket), or names the meeting and has a date.
MEETING_START_RE = re.compile(rf"^[（(]?\s*[—―─–\-]*\s*{DATE_RE.pattern}")
MEETING_WORDS_RE = re.compile(r"会议|大会|人代会")
# The meeting phrase ends `…会议上`, perhaps closing a bracket; a speaker may follow on the same line.
MEETING_END_RE = re.compile(r"^(.*?上[）)]?)(?:\s+(\S.*))?$")
SALUTATION_RE = re.compile(r"^(?:各位\S{0,10}|\S{0,8}(?:代表|委员|同志们)\S{0,8})[：:]$")
TITLE_MAX_LINES = 3
TITLE_MAX_CHARS = 40
NOT_IN_A_TITLE_RE = re.compile(r"[。！？；，：:]")


@dataclass(frozen=True)
class TitleBlock:
    """What the title block says, and the page lines around it that the import left out."""

    meta: dict[str, object]
    left_out: tuple[Left, ...]


def is_salutation(text: str) -> bool:
    return bool(SALUTATION_RE.match(text))


def read_title_block(numbered: list[tuple[int, str]], path: str) -> TitleBlock:
    """The lines before the salutation, each with its line number → title, meeting, date, speaker."""
    lines = [text for _, text in numbered]
    meeting = meeting_span(lines)
    if meeting is None:
        raise fail(
            path,
            numbered[0][0] if numbered else None,
            _("the title block has no meeting line with a date, such as ——2023年1月5日在…会议上"),
        )
    title = title_span(lines[: meeting.start])
    if not title:
        raise fail(path, numbered[meeting.start][0], _("the title block has no title line above the meeting line"))
    meeting_text, speaker_on_line = split_speaker(join(lines[meeting.start : meeting.stop]))
    after = numbered[meeting.stop :]
    speaker = [text for _, text in after if not is_page_line(text)]
    left = [Left(n, text, _("web page line before the title")) for n, text in numbered[: title.start]]
    left += [Left(n, text, _("web page line in the title block")) for n, text in after if is_page_line(text)]
    meta: dict[str, object] = {
        "title": join(lines[title.start : title.stop]),
        "meeting": meeting_text,
        "date": meeting_date(meeting_text, path, numbered[meeting.start][0]),
    }
    speaker_text = " ".join(filter(None, [speaker_on_line, *speaker]))
    if speaker_text:
        meta["speaker"] = speaker_text
    return TitleBlock(meta, tuple(left))


def meeting_span(lines: list[str]) -> range | None:
    """From the line that opens the meeting phrase through the one that ends it (…会议上), at most three lines."""
    start = next((i for i, line in enumerate(lines) if i and is_meeting_start(line)), None)
    if start is None:
        return None
    stop = next((i + 1 for i in range(start, min(start + 3, len(lines))) if ends_meeting(lines[i])), start + 1)
    return range(start, stop)


def is_meeting_start(line: str) -> bool:
    """Dated and opening as a meeting line does, or naming the meeting; or after a dash, dated or not (the date
    is checked next, so that a missing one is named as such)."""
    if MEETING_START_RE.match(line) or line.startswith(("——", "――", "—")):
        return True
    return bool(MEETING_WORDS_RE.search(line)) and (bool(DATE_RE.search(line)) or line.startswith(("（", "(")))


def ends_meeting(line: str) -> bool:
    return bool(re.search(r"上[）)]?(?:\s|$)", line))


def split_speaker(meeting: str) -> tuple[str, str]:
    """`——…会议上 镇长 王立新` → the meeting phrase and the speaker who follows it on the same line."""
    found = MEETING_END_RE.match(meeting)
    if not found or not found.group(2):
        return meeting, ""
    return found.group(1), found.group(2)


def title_span(lines: list[str]) -> range:
    """The title: the last few short lines above the meeting line that read like a title, not like a web page."""
    start = len(lines)
    while start > 0 and len(lines) - start < TITLE_MAX_LINES and is_title_line(lines[start - 1]):
        if len(join(lines[start - 1 :])) > TITLE_MAX_CHARS:
            break
        start -= 1
    return range(start, len(lines))


def is_title_line(line: str) -> bool:
    return bool(line) and not is_page_line(line) and not NOT_IN_A_TITLE_RE.search(line)


def meeting_date(meeting: str, path: str, line: int) -> dt.date:
    """The date in the meeting line, in Arabic or Chinese numerals, which must be a real day."""
    found = DATE_RE.search(meeting)
    if not found:
        raise fail(path, line, _("the meeting line has no date such as 2023年1月5日"))
    try:
        return dt.date(*(counted(part) for part in found.groups()))
    except ValueError:
        raise fail(
            path, line, _("the meeting line's date {date} is not a real day").format(date=found.group())
        ) from None


def join(lines: list[str]) -> str:
    """Title-block lines a print layout broke rejoin without a space, as Han text does."""
    return join_lines("\n".join(lines)) if lines else ""
