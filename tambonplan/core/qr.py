"""QR codes as inline SVG that scales to its container (event check-in links, two-factor set-up)."""

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str, *, css_class: str = "qr-code") -> SafeString:
    """An <svg> without a fixed size (CSS sets it), medium error correction for printed posters."""
    # segno draws the SVG from the QR modules alone: nothing of the URL is written into it as text.
    return mark_safe(
        segno.make(url, error="m").svg_inline(
            scale=4, border=2, omitsize=True, svgclass=css_class, light="#fff"
        )
    )
