"""The site's identity as a Chinese government site: content/index.md's settings (or, for a 专题 that is one
section of a larger portal, its `part_of:`) → the footer's identifiers and the pages' 政府网站网页设计规范 tags, and
a warning for each identifier that is missing, still a placeholder or of an unlikely shape (never a refusal)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from .errors import Problem
from .i18n import N_, _
from .parse import Parsed

ICP_SITE = "https://beian.miit.gov.cn/"
POLICE_SITE = "https://www.beian.gov.cn/portal/registerSystemInfo?recordcode="
PLACEHOLDER_RE = re.compile(r"待补充|待填|待定|placeholder|todo|xxxx", re.I)
# The identifiers every government site shows, with their labels, a warning for each one missing; 承办单位 is optional.
REQUIRED = {
    "publisher": "主办单位",
    "contact": "联系方式",
    "site_id": "网站标识码",
    "icp": "ICP备案编号",
    "police_record": "公安机关备案号",
}  # and the 党政机关网站标识 (`gov_badge:`), shown when set: a site is given it after the others
# Loose shapes: a value that does not match is shown all the same, with a warning to look again.
SHAPES = {
    "site_id": (re.compile(r"^[A-Za-z0-9]{10}$"), N_("10 letters or digits, such as 3100000001")),
    "icp": (re.compile(r"ICP[备证]\s*\d+号"), N_("such as 沪ICP备12345678号")),
    "police_record": (re.compile(r"\d{14}"), N_("14 digits, such as 沪公网安备 31000000000000号")),
}


@dataclass(frozen=True)
class Identity:
    """Whose site the footer and the page tags name: the site's own settings, or its portal's (`part_of:`)."""

    site_name: str | None
    publisher: str | None
    organizer: str | None
    contact: dict[str, Any] | None
    site_id: str | None
    icp: str | None
    police_record: str | None
    badge_image: str | None
    badge_link: str | None
    portal_url: str | None  # a section of a portal: the breadcrumb's first link

    @property
    def police_link(self) -> str | None:
        digits = "".join(re.findall(r"\d", self.police_record or ""))
        return POLICE_SITE + quote(digits) if digits else None

    @property
    def icp_link(self) -> str:
        return ICP_SITE


def is_placeholder(value: Any) -> bool:
    """Not set, empty, or still the text an editor is to replace (待补充, `placeholder: true`)."""
    if isinstance(value, dict):
        return bool(value.get("placeholder")) or not any(is_set(v) for k, v in value.items() if k != "placeholder")
    return not is_set(value)


def is_set(value: Any) -> bool:
    return value is not None and str(value).strip() != "" and not PLACEHOLDER_RE.search(str(value))


def settings_of(meta: dict[str, Any]) -> dict[str, Any]:
    """The settings the identifiers come from: the portal's when the site is part of one."""
    portal = meta.get("part_of")
    return portal if isinstance(portal, dict) else meta


def site_identity(meta: dict[str, Any]) -> Identity:
    settings, portal = settings_of(meta), isinstance(meta.get("part_of"), dict)
    badge = settings.get("gov_badge") if isinstance(settings.get("gov_badge"), dict) else {}
    contact = settings.get("contact", meta.get("contact"))

    def value(key: str, where: dict[str, Any] = settings) -> str | None:
        return str(where[key]).strip() if is_set(where.get(key)) else None

    return Identity(
        site_name=value("name") if portal else value("site_name", meta),
        publisher=value("publisher"),
        organizer=value("organizer"),
        contact=contact if isinstance(contact, dict) and not is_placeholder(contact) else None,
        site_id=value("site_id"),
        icp=value("icp"),
        police_record=value("police_record"),
        badge_image=value("image", badge) if is_local(badge.get("image")) else None,
        badge_link=value("link", badge),
        portal_url=value("url") if portal else None,
    )


def is_local(path: Any) -> bool:
    """A file of the site's own, not something loaded from another host."""
    return is_set(path) and not urlsplit(str(path)).scheme and not str(path).startswith("//")


def identity_problems(parsed: list[Parsed]) -> list[Problem]:
    """A warning for each identifier content/index.md leaves out, keeps a placeholder in, or gives an odd shape."""
    site = next((item for item in parsed if item.source.rel == "index.md"), None)
    if site is None:  # no site settings at all: a draft folder, nothing to publish under a name yet
        return []
    meta, where = site.meta, site.source.display
    portal = isinstance(meta.get("part_of"), dict)
    settings, prefix = settings_of(meta), "part_of." if portal else ""
    problems = []
    for key, label in REQUIRED.items():
        line = site.meta_lines.get(prefix + key, site.meta_lines.get("part_of", 1) if portal else 1)
        line = site.meta_lines.get(f"{prefix}{key}.placeholder", line)
        problems += setting_problems(where, line, prefix + key, label, settings.get(key))
    badge = settings.get("gov_badge")
    if isinstance(badge, dict) and is_set(badge.get("image")) and not is_local(badge.get("image")):
        line = site.meta_lines.get(prefix + "gov_badge.image", 1)
        message = _(
            "{key}.image: the badge must be a file of this site (such as assets/images/badge.png): the site loads nothing from another host"
        ).format(key=prefix + "gov_badge")
        problems.append(Problem(where, line, message, "warning"))
    return problems


def setting_problems(where: str, line: int, key: str, label: str, value: Any) -> list[Problem]:
    if key.endswith("contact") and isinstance(value, dict) and value.get("placeholder"):
        return [Problem(where, line, placeholder_contact(), "warning")]
    if value is None:
        message = _("{key}: is missing: put the {label} here; the footer of every page shows it").format(
            key=key, label=label
        )
        return [Problem(where, line, message, "warning")]
    if is_placeholder(value):
        message = _("{key}: is a placeholder: put the real {label} here before publishing").format(key=key, label=label)
        return [Problem(where, line, message, "warning")]
    shape = SHAPES.get(key.removeprefix("part_of."))
    if shape and not shape[0].search(str(value)):
        message = _("{key}: {value!r} does not look like a {label} ({shape}): check it").format(
            key=key, value=str(value), label=label, shape=_(shape[1])
        )
        return [Problem(where, line, message, "warning")]
    return []


def placeholder_contact() -> str:
    return _(
        "contact: is a placeholder: put the real phone or e-mail for accessibility problems here and delete `placeholder: true`"
    )


def pub_date(value: Any) -> str | None:
    """发布日期 as the page tag PubDate wants it, `YYYY-MM-DD HH:MM` (a date alone is taken at 00:00)."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d 00:00")
    match = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?", str(value or "").strip())
    if not match:
        return None
    year, month, day, hour, minute = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d} {int(hour or 0):02d}:{minute or '00'}"


def site_domain(base_url: str | None) -> str | None:
    return urlsplit(base_url).netloc or None if base_url else None


# The report's front-matter keys that fill the page tags of its pages (templates/_page_tags.html).
TAG_KEYS = {
    "description": "ColumnDescription",
    "keywords": "ColumnKeywords, Keywords",
    "column_type": "ColumnType",
    "disclosure.published": "PubDate",
    "disclosure.issuer": "ContentSource",
}


def missing_tags(report: Any) -> list[Problem]:
    """For `check`: the page tags a report's pages leave out, and the front-matter keys that would fill them."""
    meta, disclosure = report.meta, report.meta.get("disclosure") or {}
    values = {key: meta.get(key) for key in ("description", "keywords", "column_type")}
    if isinstance(disclosure, dict):
        values.update({f"disclosure.{k}": disclosure.get(k) for k in ("published", "issuer")})
    unset = [key for key in TAG_KEYS if not values.get(key)]
    if not unset:
        return []
    message = _("the page tags {tags} are left out of this report's pages: set {keys} here to fill them").format(
        tags=_(", ").join(TAG_KEYS[k] for k in unset), keys=_(", ").join(f"`{k}:`" for k in unset)
    )
    return [Problem(report.source, 1, message, "warning")]
