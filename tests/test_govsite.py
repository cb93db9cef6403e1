"""Issue 27, a Chinese government site: the footer's identifiers, their warnings (and --strict), the page tags of the
政府网站网页设计规范, the description and Open Graph tags, and a site that is one section of a portal (`part_of:`)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from govreport.check import check_content
from govreport.errors import ContentError
from govreport.pdf import why_no_pdf
from govreport.site import BuildOptions, render_files

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden" / "content"  # its index.md has every identifier, invented
BASE = "https://example.org/reports/"
PORTAL = """---
site_name: 示例镇政府工作报告
publisher: 示例镇人民政府
site_id: "9999000001"
part_of:
  name: 示例区人民政府门户网站
  url: https://www.example.org/
  publisher: 示例区人民政府
  site_id: "9999000000"
  icp: 示ICP备88888888号
  police_record: 示公网安备 88888888888888号
  contact:
    phone: 099-1111 1111
---
"""


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(GOLDEN, folder)
    return folder


def build(content: Path, strict: bool = False) -> tuple[dict[str, str], list[str]]:
    options = BuildOptions(content=content, out=content.parent / "out", base_url=BASE, pdf=False, strict=strict)
    files, warnings = render_files(options)
    return {p: str(f) for p, f in files.items() if p.endswith(".html")}, [str(w) for w in warnings]


def footer(page: str) -> str:
    return page[page.index("<footer") :]


def tags(page: str) -> dict[str, str]:
    head = page[: page.index("</head>")]
    return dict(re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)">', head))


def test_every_footer_shows_the_five_identifiers_and_links_the_filings(content: Path) -> None:
    files, warnings = build(content)
    assert warnings == []
    for path, page in files.items():
        end = footer(page)
        for shown in (
            "<li>主办单位：示例镇人民政府</li>",
            "<li>承办单位：示例镇党政办公室</li>",
            "<li>联系电话：099-0000 0000</li>",
            "<li>网站标识码：9999000001</li>",
            '<li><a href="https://beian.miit.gov.cn/">示ICP备99999999号</a></li>',
            '<li><a href="https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=99999999999999">示公网安备 99999999999999号</a></li>',
        ):
            assert shown in end, f"{path}: {shown} not in the footer"


def test_each_missing_identifier_is_a_warning_and_strict_fails(content: Path) -> None:
    (content / "index.md").write_text("---\nsite_name: 示例\nsite_id: 待补充\n---\n", encoding="utf-8")
    where = content / "index.md"
    expected = [
        f"{where}:1: warning: publisher: is missing: put the 主办单位 here; the footer of every page shows it",
        f"{where}:1: warning: contact: is missing: put the 联系方式 here; the footer of every page shows it",
        f"{where}:3: warning: site_id: is a placeholder: put the real 网站标识码 here before publishing",
        f"{where}:1: warning: icp: is missing: put the ICP备案编号 here; the footer of every page shows it",
        f"{where}:1: warning: police_record: is missing: put the 公安机关备案号 here; the footer of every page shows it",
    ]
    files, warnings = build(content)
    assert warnings == expected
    assert "网站标识码" not in footer(files["index.html"])  # a placeholder is never published
    assert sorted(expected) == sorted(str(p) for p in check_content(content) if "index.md" in p.path)
    with pytest.raises(ContentError) as raised:
        build(content, strict=True)
    assert len(raised.value.problems) == 5


def test_an_odd_shape_is_a_warning_and_still_shown(content: Path) -> None:
    index = content / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace('"9999000001"', "99-1"), encoding="utf-8")
    files, warnings = build(content)
    assert warnings == [
        f"{index}:6: warning: site_id: '99-1' does not look like a 网站标识码 (10 letters or digits, such as 3100000001): check it"
    ]
    assert "<li>网站标识码：99-1</li>" in footer(files["index.html"])


def test_a_badge_from_another_host_is_refused_a_local_one_shown(content: Path) -> None:
    index = content / "index.md"
    text = index.read_text(encoding="utf-8").replace("---\n", "", 1)
    remote = "gov_badge:\n  image: https://badge.example.net/red.png\n  link: https://badge.example.net/\n"
    index.write_text("---\n" + remote + text, encoding="utf-8")
    files, warnings = build(content)
    assert "badge.example.net/red.png" not in files["index.html"]
    assert warnings == [
        f"{index}:3: warning: gov_badge.image: the badge must be a file of this site (such as assets/images/badge.png): the site loads nothing from another host"
    ]
    index.write_text("---\n" + remote.replace("https://badge.example.net/red.png", "assets/images/badge.png") + text)
    files, _ = build(content)
    assert (
        '<p class="gov-badge"><a href="https://badge.example.net/"><img src="../assets/images/badge.png" alt="党政机关网站标识"'
        in files["2099/index.html"]
    )


def test_pages_carry_the_design_spec_tags_their_settings_fill(content: Path) -> None:
    files, _ = build(content)
    home, cover = tags(files["index.html"]), tags(files["2099/index.html"])
    assert {k: home[k] for k in ("SiteName", "SiteDomain", "SiteIDCode")} == {
        "SiteName": "示例镇政府工作报告",
        "SiteDomain": "example.org",
        "SiteIDCode": "9999000001",
    }
    assert "ColumnName" not in home and home["og:type"] == "website"
    assert cover["ColumnName"] == "2099 年政府工作报告" and cover["ColumnType"] == "信息公开"
    assert cover["ColumnKeywords"] == cover["Keywords"] == "工作报告，示例镇"
    assert cover["PubDate"] == "2099-01-05 09:30" and cover["ContentSource"] == "示例镇人民政府"
    assert cover["ArticleTitle"] == "2099 年政府工作报告" and cover["Url"] == BASE + "2099/index.html"
    assert cover["og:url"] == BASE + "2099/index.html" and cover["og:type"] == "article"
    assert cover["description"] == cover["og:description"] == "现在，我代表示例镇人民政府，向大会报告工作。"
    assert cover["ColumnDescription"] == "示例镇 2099 年政府工作报告，回顾上一年工作，部署新一年任务。"
    for path, page in files.items():
        assert "description" in tags(page) or path == "404.html", f"{path} has no description"
        assert page.count('name="description"') <= 1


def test_a_section_of_a_portal_shows_the_portals_identifiers(content: Path) -> None:
    (content / "index.md").write_text(PORTAL, encoding="utf-8")
    files, warnings = build(content)
    assert warnings == []
    for page in files.values():
        end = footer(page)
        assert "<li>主办单位：示例区人民政府</li>" in end and "示ICP备88888888号" in end
        assert "示例镇人民政府" not in end and "9999000001" not in page
    cover = files["2099/index.html"]
    assert tags(cover)["SiteName"] == "示例区人民政府门户网站" and tags(cover)["SiteIDCode"] == "9999000000"
    crumbs = cover[cover.index('<nav class="breadcrumbs"') :]
    assert crumbs.index('<a href="https://www.example.org/">示例区人民政府门户网站</a>') < crumbs.index("首页")


def test_a_tag_not_set_is_left_out_and_check_names_its_setting(content: Path) -> None:
    report = content / "2099" / "index.md"
    report.write_text(report.read_text(encoding="utf-8").replace("column_type: 信息公开\n", ""), encoding="utf-8")
    files, _ = build(content)
    assert "ColumnType" not in tags(files["2099/index.html"])
    assert [str(p) for p in check_content(content)] == [
        f"{report}:1: warning: the page tags ColumnType are left out of this report's pages: set `column_type:` here to fill them"
    ]


def test_the_cover_shows_the_disclosure_table(content: Path) -> None:
    files, _ = build(content)
    cover = files["2099/index.html"]
    table = cover[cover.index('<table class="disclosure"') : cover.index("</table>")]
    assert re.findall(r'<th scope="row">(.+?)</th><td>(.+?)</td>', table) == [
        ("索引号", "999999999/2099-00001"),
        ("主题分类", "综合政务\\政府工作报告"),
        ("发布机构", "示例镇人民政府"),
        ("成文日期", "2099年01月02日"),
        ("发布日期", "2099-01-05 09:30"),
    ]
    assert cover.index('<table class="disclosure"') < cover.index('<h1 class="cover-title">')


def test_a_written_date_other_than_the_meetings_is_a_check_warning(content: Path) -> None:
    report = content / "2099" / "index.md"
    report.write_text(report.read_text(encoding="utf-8").replace("written: 2099-01-02", "written: 2099-01-03"))
    assert [str(p) for p in check_content(content)] == [
        f"{report}:15: warning: disclosure.written: 成文日期 2099-01-03 is not the meeting's date 2099-01-02: check which is right"
    ]


@pytest.mark.skipif(why_no_pdf() is not None, reason=str(why_no_pdf()))
def test_the_pdf_cover_shows_the_disclosure_table(content: Path) -> None:
    files, _ = render_files(BuildOptions(content=content, out=content.parent / "out", search=False))
    pdf = content.parent / "report.pdf"
    pdf.write_bytes(bytes(files["2099/report.pdf"]))
    cover = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = cover.split()
    for label, value in (
        ("索引号", "999999999/2099-00001"),
        ("发布机构", "示例镇人民政府"),
        ("成文日期", "2099年01月02日"),
    ):
        assert words[words.index(label) + 1] == value
    assert words.index("发布日期") < words.index("政府工作报告")  # above the title


CORRECTIONS = """corrections:
  - date: 2099-02-01
    page: part-1/section-1.md
    note: 第二段的“12 家”更正为“21 家”，原稿录入有误。
  - date: 2099-03-01
    page: index.md
    note: 补上了会议名称中漏掉的“第一次”。
"""


def add_corrections(content: Path, corrections: str = CORRECTIONS) -> Path:
    report = content / "2099" / "index.md"
    text = report.read_text(encoding="utf-8")
    report.write_text(
        text.replace("# 信息公开 (invented)\n", corrections + "# 信息公开 (invented)\n"), encoding="utf-8"
    )
    return report


def test_a_corrected_page_shows_its_notice_the_log_and_its_lastmod(content: Path) -> None:
    add_corrections(content)
    files, warnings = render_files(BuildOptions(content=content, out=content.parent / "out", base_url=BASE, pdf=False))
    assert warnings == []
    section = str(files["2099/part-1/section-1.html"])
    notice = (
        '<p class="correction-notice">本页于 2099 年 2 月 1 日更正：第二段的“12 家”更正为“21 家”，原稿录入有误。</p>'
    )
    assert notice in section and section.index("</h1>") < section.index(notice)
    assert "本页于 2099 年 3 月 1 日更正：补上了" in str(files["2099/index.html"])
    log = str(files["corrections.html"])
    assert log.index("2099 年 3 月 1 日") < log.index("2099 年 2 月 1 日")  # newest first
    assert '<a href="2099/part-1/section-1.html">' in log
    for path in ("index.html", "2099/part-1/section-1.html"):
        assert '<a href="' in str(files[path]) and "更正记录</a>" in footer(str(files[path]))
    sitemap = str(files["sitemap.xml"])
    assert f"<loc>{BASE}2099/part-1/section-1.html</loc><lastmod>2099-02-01</lastmod>" in sitemap
    assert f"<loc>{BASE}2099/index.html</loc><lastmod>2099-03-01</lastmod>" in sitemap


def test_no_corrections_no_log(content: Path) -> None:
    files, _ = build(content)
    assert "corrections.html" not in files and "更正记录" not in files["index.html"]


def test_a_correction_naming_a_missing_page_is_an_error_with_its_line(content: Path) -> None:
    report = add_corrections(content, CORRECTIONS.replace("part-1/section-1.md", "part-9/section-1.md"))
    message = f"{report}:12: corrections: page 'part-9/section-1.md' is not a page of this report: name its file, such as part-1/section-1.md"
    assert message in [str(p) for p in check_content(content)]
    with pytest.raises(ContentError) as raised:
        build(content)
    assert [str(p) for p in raised.value.problems] == [message]


@pytest.mark.skipif(why_no_pdf() is not None, reason=str(why_no_pdf()))
def test_the_pdf_cover_has_a_qr_code_that_decodes_to_the_reports_address(content: Path, tmp_path: Path) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    options = BuildOptions(content=content, out=tmp_path / "out", base_url=BASE, search=False)
    files, _ = render_files(options)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(bytes(files["2099/report.pdf"]))
    subprocess.run(
        ["pdftoppm", "-f", "1", "-l", "1", "-r", "150", "-png", str(pdf), str(tmp_path / "cover")], check=True
    )
    (png,) = tmp_path.glob("cover*.png")
    assert [code.text for code in zxingcpp.read_barcodes(Image.open(png))] == [BASE + "2099/index.html"]
    cover = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert BASE + "2099/index.html" in cover  # the address in text beside it
    files, _ = render_files(BuildOptions(content=content, out=tmp_path / "out2", search=False))  # no --base-url
    pdf.write_bytes(bytes(files["2099/report.pdf"]))
    assert "扫码" not in subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout


def test_printed_pages_carry_their_address_as_a_qr_code_only_with_a_base_url(content: Path) -> None:
    files, _ = build(content)
    page = files["2099/part-1/section-1.html"]
    address = page[page.index('<div class="print-address">') :]
    assert address.startswith('<div class="print-address"><svg role="img" aria-label="本页网址的二维码"')
    assert f"<br>{BASE}2099/part-1/section-1.html</p></div>" in address.split("\n")[0]
    options = BuildOptions(content=content, out=content.parent / "out2", pdf=False)
    assert not any("print-address" in str(html) for html in render_files(options)[0].values())


def test_check_warns_of_a_badge_that_is_not_in_assets(content: Path) -> None:
    index = content / "index.md"
    badge = "gov_badge:\n  image: assets/images/no-such-badge.png\n  link: https://badge.example.net/\n"
    index.write_text(index.read_text(encoding="utf-8").replace("---\n", "---\n" + badge, 1), encoding="utf-8")
    assert [str(p) for p in check_content(content)] == [
        f"{index}:3: warning: gov_badge.image: assets/images/no-such-badge.png is not a file in assets/: copy the badge there"
    ]
