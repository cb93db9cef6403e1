"""A page's address as a QR code (segno, pure Python) for the PDF's cover: an SVG drawn inline in the document,
so that nothing is fetched (the typesetter refuses data: and remote URLs alike)."""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup, escape


@lru_cache(maxsize=4096)
def qr_svg(url: str, label: str) -> Markup:
    """The QR code of `url` (error correction M, the standard 4-module quiet zone) as an inline <svg>, sized by CSS."""
    import segno  # here: it loads urllib and xml (40 ms), and only a page that draws a QR code needs it

    svg = segno.make(url, error="m", micro=False).svg_inline(scale=1, border=4, omitsize=True, svgclass="qr")
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))
