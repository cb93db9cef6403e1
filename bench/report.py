"""The benchmark's results as Markdown: the machine, four tables and the targets, for the terminal and BENCHMARKS.md."""

from __future__ import annotations

from dataclasses import dataclass, field

from reloading import Reload
from suites import Contender, ScalePoint, SiteWeight, margin_ms
from versus_hugo import HugoPoint, margin

KB = 1000


@dataclass
class Results:
    """Everything one run of bench/run.py found; a part left as None was skipped."""

    machine: list[tuple[str, str]]
    command: str
    load_before: str
    load_after: str = ""
    full: list[Contender] | None = None
    startup: list[Contender] | None = None
    scale: list[ScalePoint] | None = None
    stages: dict[str, list[float]] | None = None
    reload: Reload | None = None
    weights: list[SiteWeight] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    hugo: list[HugoPoint] | None = None
    hugo_name: str = "Hugo"
    own_venvs: bool = True  # govreport in bench/.venv-govreport, not in the interpreter running the script


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" if i == 0 else "--:" for i in range(len(header))) + "|",
    ]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def seconds(s: float) -> str:
    return f"{s:.3f} s"


def kb(n: float) -> str:
    return f"{n / KB:.1f}"


def render(results: Results) -> str:
    parts = [
        f'# Benchmarks\n\nMade by `{results.command}` (see README, "Benchmarks"). Times are medians unless marked; wall '
        "time runs from starting the command to its exit, so Python start-up counts; CPU is user + system time of the "
        "command and any worker processes. "
        + (
            "govreport and MkDocs each run in their own clean virtualenv. "
            if results.own_venvs
            else "govreport runs with the interpreter that ran this script (`--this-python`). "
        )
        + "The machine is "
        "shared: the load average shows how busy it was, and a busy moment shows as a median well above the best run. "
        "KB = 1,000 bytes.",
        machine_section(results),
    ]
    parts += [full_section(results.full, results.startup or [])] if results.full else []
    parts += [scale_section(results.scale, results.stages)] if results.scale else []
    parts += [reload_section(results.reload)] if results.reload else []
    parts += [weight_section(results.weights)] if results.weights else []
    parts += [hugo_section(results)] if results.hugo else []
    parts.append(target_section(results))
    parts += ["## Notes\n\n" + "\n".join(f"- {n}" for n in results.notes)] if results.notes else []
    return "\n\n".join(parts) + "\n"


def machine_section(results: Results) -> str:
    rows = [[k, v] for k, v in results.machine] + [
        ["load average (1, 5, 15 min) before / after", f"{results.load_before} / {results.load_after}"]
    ]
    return "## Machine\n\n" + table(["", ""], rows)


def full_section(contenders: list[Contender], starts: list[Contender]) -> str:
    reference = next((c for c in contenders if c.name.startswith("MkDocs")), None)
    rows = [
        [
            f"{c.name}",
            seconds(c.summary.wall),
            seconds(c.summary.best),
            f"{c.summary.wall / reference.summary.wall:.2f}×" if reference else "–",
            seconds(c.summary.cpu),
            f"{c.summary.rss_mib:.0f} MiB",
            seconds(c.first.wall) if c.first else "–",
        ]
        for c in contenders
    ]
    runs = contenders[0].summary.runs
    head = (
        f"## 1. Full build of the site\n\n{runs} run(s) each, taking turns, after one first run each. The first run is shown "
        "apart: for govreport it starts with an empty build cache (compiled templates, pinyin, the search bundle), so it is a cold build; "
        "the later runs find the cache the first one filled, and its record of the build: with nothing changed since, each sees "
        "that the output is up to date and keeps it (govreport/uptodate.py), as a second build of unchanged content does. "
        "The row with the build cache off does all the work on every run: that is what a build after editing every page costs."
    )
    commands = "\n".join(f"- {c.name}: `{cache_off(c)}{' '.join(short(c.cmd))}`" for c in contenders)
    start_rows = [[c.name, seconds(c.summary.wall), seconds(c.summary.cpu)] for c in starts]
    start_table = (
        (
            "\n\nThe interpreter alone (`python3 -c pass`), part of every figure above, and govreport's interpreter loading the "
            "libraries the project is bound to, before it reads a file:\n\n"
            + table(["interpreter", "wall", "CPU"], start_rows)
        )
        if starts
        else ""
    )
    return (
        head
        + "\n\n"
        + table(
            ["build", "wall (median)", "best of the runs", "× MkDocs-Material", "CPU", "peak RSS", "first run"], rows
        )
        + "\n\n"
        + commands
        + start_table
    )


def cache_off(c: Contender) -> str:
    return "GOVREPORT_CACHE=off " if (c.env or {}).get("GOVREPORT_CACHE") == "off" else ""


def short(cmd: list[str]) -> list[str]:
    """The command as a reader would type it: no temp folders or interpreter paths."""
    out = []
    for i, arg in enumerate(cmd):
        out.append(
            "python3"
            if i == 0
            else "TMP"
            if "/tmp" in arg or "govreport-bench" in arg
            else arg.rsplit("/", 1)[-1]
            if "/" in arg
            else arg
        )
    return out


def scale_section(points: list[ScalePoint], stages: dict[str, list[float]] | None) -> str:
    rows = []
    for i, p in enumerate(points):

        def margin(i: int = i, p: ScalePoint = p, **kind: bool) -> str:
            return f"{margin_ms(points[i - 1], p, **kind):.2f}" if i else "–"

        rows.append(
            [
                str(p.copies),
                str(p.reports),
                f"{p.pages:,}",
                seconds(p.summary.wall),
                seconds(p.summary.best),
                f"{p.summary.wall / p.pages * 1000:.2f}",
                margin(),
                seconds(p.summary.cpu),
                margin(cpu=True),
                f"{p.summary.rss_mib:.0f} MiB",
                seconds(p.fresh.wall),
                margin(fresh=True),
            ]
        )
    head = (
        f"## 2. Scale\n\nN copies of the report (folders `2023-copy-2` … with their own slugs), median of {points[0].summary.runs} "
        "run(s) each, one round after another through all sizes. A *rebuild* follows a one-paragraph edit in the first report "
        "and builds into the previous output, as one does while editing (pages whose bytes did not change are hard-linked "
        "from it); a *new folder* build has no previous output, so every page is a new file. "
        '"At the margin" is the extra time per extra page since the row above. Peak RSS is the largest single process.'
    )
    text = (
        head
        + "\n\n"
        + table(
            [
                "N",
                "reports",
                "HTML pages",
                "rebuild wall",
                "best of the runs",
                "ms/page (average)",
                "ms/page at the margin",
                "CPU",
                "CPU ms/page at the margin",
                "peak RSS",
                "new-folder wall",
                "new-folder ms/page at the margin",
            ],
            rows,
        )
    )
    return text + (stage_table(points[-1], stages) if stages else "")


def stage_table(point: ScalePoint, stages: dict[str, list[float]]) -> str:
    """One instrumented build of the largest size, stage by stage (bench/stages.py)."""
    rows = [
        [f"`{name}`" if "_" in name else name, seconds(wall), f"{wall / point.pages * 1000:.3f}", seconds(cpu)]
        for name, (wall, cpu) in stages.items()
        if wall >= 0.0005
    ]
    total = sum(wall for wall, _ in stages.values())
    rows.append(
        [
            "**total** (from the script's start)",
            seconds(total),
            f"{total / point.pages * 1000:.3f}",
            seconds(sum(cpu for _, cpu in stages.values())),
        ]
    )
    return (
        f"\n\nWhere the time goes at N={point.copies} ({point.pages:,} pages), one instrumented build (`bench/stages.py`). "
        "CPU here is the main process only: pages rendered by worker processes are not in it.\n\n"
        + table(["stage", "wall", "ms/page", "CPU (main process)"], rows)
    )


def reload_section(reload: Reload) -> str:
    if not reload.kinds:
        return f"## 3. Reload under `serve`\n\n{reload.note}"
    rows = [[k.label, f"`{k.file}`", f"{k.median_ms:.0f} ms", f"{k.worst_ms:.0f} ms"] for k in reload.kinds]
    return (
        "## 3. Reload under `serve`\n\nFrom saving a file to the browser showing the change, measured by `bench/reload.py`.\n\n"
        + table(["edit", "file saved", "median", "worst"], rows)
    )


def weight_section(weights: list[SiteWeight]) -> str:
    rows = []
    for w in weights:
        for label, item in ((f"section page `{w.section_rel}`", w.section), (f"average of {w.pages} pages", w.average)):
            rows.append(
                [
                    w.name,
                    label,
                    kb(item.html),
                    kb(item.css),
                    kb(item.js),
                    kb(item.other),
                    kb(item.total),
                    fmt_count(item.requests),
                    fmt_count(item.third_party),
                ]
            )
    sizes = "\n".join(f"- {w.name}: output folder {w.bytes / KB / KB:.2f} MB in {w.files} files" for w in weights)
    head = (
        "## 4. Page weight\n\nA first visit to one page: the HTML and everything it links (stylesheets and what they load, "
        "scripts, icons, images), each gzipped (level 6), in KB. Requests count the page itself."
    )
    return (
        head
        + "\n\n"
        + table(["site", "page", "HTML", "CSS", "JS", "other", "total", "requests", "third-party"], rows)
        + "\n\n"
        + sizes
    )


def fmt_count(n: float) -> str:
    return f"{n:.0f}" if float(n).is_integer() else f"{n:.1f}"


def target_section(results: Results) -> str:
    rows = []
    if results.full and results.full[-1].name.startswith("MkDocs"):
        no_pdf = [c for c in results.full if "--no-pdf" in c.name] or results.full[:1]  # HTML against HTML
        for ours in no_pdf:
            ratio = ours.summary.wall / results.full[-1].summary.wall
            rows.append([f"full build ≤ 0.25 × MkDocs-Material ({ours.name})", f"{ratio:.2f}×", verdict(ratio <= 0.25)])
    if results.scale and len(results.scale) > 1:
        a, b = results.scale[-2], results.scale[-1]
        for kind, fresh in (("rebuild", False), ("new folder", True)):
            ms = margin_ms(a, b, fresh=fresh)
            rows.append(
                [
                    f"≤ 1 ms per page at the margin, {kind} (here {a.pages:,} → {b.pages:,} pages)",
                    f"{ms:.2f} ms",
                    verdict(ms <= 1),
                ]
            )
    if results.reload:
        median = results.reload.median_ms
        rows.append(
            [
                "reload median ≤ 300 ms (the slowest kind of edit)",
                f"{median:.0f} ms" if median is not None else "not measured",
                verdict(median <= 300) if median is not None else "–",
            ]
        )
    if results.weights:
        w = results.weights[0].section
        rows.append(
            [
                "section page ≤ 30 KB gzipped, 0 third-party requests",
                f"{kb(w.total)} KB, {w.third_party} third-party",
                verdict(w.total <= 30 * KB and w.third_party == 0),
            ]
        )
    return "## Targets\n\n" + table(["target", "measured", "met"], rows)


def verdict(ok: bool) -> str:
    return "yes" if ok else "**no**"


HUGO_HEADING = "## 5. Against Hugo"


def hugo_section(results: Results) -> str:
    """Our whole build with the cache off against Hugo's on the same Markdown (bench/versus_hugo.py)."""
    points = results.hugo or []
    rows = [
        [
            str(p.copies),
            f"{p.ours_pages:,}",
            seconds(p.ours.wall),
            seconds(p.ours.cpu),
            f"{p.ours.rss_mib:.0f} MiB",
            f"{p.hugo_pages:,}",
            seconds(p.hugo.wall),
            seconds(p.hugo.cpu),
            f"{p.hugo.rss_mib:.0f} MiB",
            f"{p.ours.wall / p.hugo.wall:.2f}×",
            seconds(p.edited.wall) if p.edited else "–",
            f"{p.edited.wall / p.hugo.wall:.2f}×" if p.edited else "–",
        ]
        for p in points
    ]
    text = (
        f"{HUGO_HEADING}\n\n{results.hugo_name} (Debian's package) builds the same Markdown, N copies of the report made into a "
        "Hugo project by `bench/corpus.py` (`make_hugo_project`) with the small layout in `bench/hugo/layouts/`: the "
        "report's table of contents with each page's subheadings, the page shown marked, breadcrumbs, prev/next across "
        "the report, Goldmark footnotes and a full-text page per report. Each round builds every size with both, taking "
        f"turns, into the previous output; median of {points[0].ours.runs} run(s). Ours: `GOVREPORT_CACHE=off python3 "
        "build.py build --no-pdf --no-search --content C --out O`; Hugo: `hugo --quiet -s P -d O`. Load average "
        f"before / after: {results.load_before} / {results.load_after}.\n\n"
        + table(
            [
                "N",
                "our pages",
                "our build",
                "our CPU",
                "our peak RSS",
                "Hugo pages",
                "Hugo build",
                "Hugo CPU",
                "Hugo peak RSS",
                "ours ÷ Hugo",
                "our rebuild after a one-paragraph edit",
                "rebuild ÷ Hugo",
            ],
            rows,
        )
    )
    last = points[-1]
    if last.edited:
        ratio = last.edited.wall / last.hugo.wall
        text += (
            f"\n\nThe rebuild after a one-paragraph edit (`corpus.edit_paragraph`, untimed, before each run) is our "
            "build into its previous output with the build cache warm, as an editor's next build is: each report whose "
            f"inputs are unchanged takes its pages from that output (govreport/uptodate.py). At N={last.copies}: "
            f"{ratio:.2f}× Hugo's whole build (target ≤ 0.25×: {verdict(ratio <= 0.25)})."
        )
    if len(points) > 1:
        a, b = points[-2], points[-1]
        ours, hugo = margin(a, b, hugo=False), margin(a, b, hugo=True)
        text += (
            f"\n\nMargin per page between N={a.copies} and N={b.copies}: ours {ours:.2f} ms, Hugo {hugo:.2f} ms "
            f"(target: at or below Hugo's: {verdict(ours <= hugo)}). Of CPU time (user + system, every process): "
            f"ours {margin(a, b, False, cpu=True):.2f} ms, Hugo {margin(a, b, True, cpu=True):.2f} ms a page; where "
            "the two are close, the wall-time gap is what each build does on one core only."
        )
    return text


def merge_section(old: str, section: str, heading: str) -> str:
    """old with the section under `heading` replaced by `section`, or put before the targets when it has none."""
    start = old.find(heading)
    if start < 0:
        start = end = old.find("## Targets") if "## Targets" in old else len(old)
    else:
        following = old.find("\n## ", start + len(heading))
        end = following + 1 if following >= 0 else len(old)
    return old[:start] + section.strip() + "\n\n" + old[end:]
