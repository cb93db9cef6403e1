"""A web page's own lines, which come along when a report's text is copied from the page: never the report's words.

They are left out only where the report's own text is not: before the title, inside the title block and after
the report's last paragraph. Inside the report nothing is ever left out, whatever it looks like.
"""

from __future__ import annotations

import re

from .rules import Block, is_opaque

# A web page's own lines, as they come along when its text is copied.
PAGE_LINE_RES = (
    re.compile(r"^[【\[［].*[】\]］]$"),  # 【字号：大 中 小】 【打印】
    re.compile(r"(?:\s[>＞»]\s|>>|＞＞|^(?:首页|当前位置|您现在的位置|您的位置)\s*[:：>＞])"),  # a breadcrumb
    re.compile(
        r"^(?:来源|稿源|信息来源|时间|发布时间|日期|作者|编辑|责任编辑|浏览次数|点击数|阅读数|发布机构|字号)\s*[:：]"
    ),
    re.compile(r"^(?:(?:打印|下载|关闭|关闭窗口|打印本页|收藏|分享|返回顶部|扫一扫|大|中|小|加大|还原|减小)\s*)+$"),
    re.compile(r"^(?:分享到\S*|相关(?:报道|阅读|新闻|链接|文章)[:：]?)$"),
    re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"),  # a posting date
    re.compile(r"^.{0,60}摄[）)]?$"),  # a photo caption: …记者 王明 摄
)
RELATED_RE = re.compile(r"^相关(?:报道|阅读|新闻|链接|文章)[:：]?$")
NEWS_TITLE_MAX = 40
SENTENCE_END_RE = re.compile(r"[。！？]")


def is_page_line(text: str) -> bool:
    """A line of the web page the report was copied from, not of the report."""
    return any(pattern.search(text) for pattern in PAGE_LINE_RES)


def page_lines_after(body: list[Block]) -> int:
    """Where the web page's lines after the report's last paragraph begin (len(body): there are none).

    A related-news list (相关报道： and the headlines under it, none a sentence) goes with them."""
    end = len(body)
    related = next((i for i in range(end - 1, -1, -1) if RELATED_RE.match(body[i].text)), None)
    if related is not None and all(is_page_block(b) or is_headline(b.text) for b in body[related + 1 :]):
        end = related
    while end > 0 and is_page_block(body[end - 1]):
        end -= 1
    return end


def is_page_block(block: Block) -> bool:
    return not is_opaque(block.text) and all(is_page_line(line) for line in block.text.split("\n"))


def is_headline(text: str) -> bool:
    return len(text) <= NEWS_TITLE_MAX and not SENTENCE_END_RE.search(text)
