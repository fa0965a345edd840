"""Sarabun set to the size of TH Sarabun New, the font Thai offices set their letters in.

The PDFs embed Google's Sarabun (OFL, from the fontpkg-sarabun package): the same design as TH Sarabun New
(Cadson Demak for SIPA, one of the Cabinet's 13 national fonts of 2553, installed on government PCs) but
drawn larger in its em: at "16 pt" Sarabun's ก is 586/1000 em tall where TH Sarabun New's is 400/1000, so a
page set in Sarabun 16 pt is about 1.47 times too big, and a letter that takes two pages in the office's
Word takes three. Here, and only here, is the calibration: Sarabun's em is enlarged so that its ก is as
tall, in ems, as TH Sarabun New's, and its line box is set to TH Sarabun New's ascent and descent. Every
point size in the document templates then means what it means in Word with TH Sarabun New.

Source of TH Sarabun New's figures: the font itself (THSarabunNew.ttf 1.0: unitsPerEm 1000, ก from the
baseline to 400, hhea ascent 850 and descent 250, as its PDF font descriptors carry them). Sarabun's are
measured from the package's files, so a new release of it is calibrated the same way.
"""

import io
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

# TH Sarabun New, per 1000 units of its em.
TH_SARABUN_NEW_KO_HEIGHT = 400
TH_SARABUN_NEW_ASCENT = 850
TH_SARABUN_NEW_DESCENT = 250
REFERENCE_EM = 1000
KO_KAI = "ก"


def ko_height(font: TTFont) -> int:
    """The height of ก (its top above the baseline) in the font's units."""
    glyf = font["glyf"]
    glyph = glyf[font.getBestCmap()[ord(KO_KAI)]]
    glyph.recalcBounds(glyf)
    return glyph.yMax


def scale_to_th_sarabun_new(font: TTFont) -> float:
    """How much larger the calibrated em is than the font's own (Sarabun: 586/400 ≈ 1.465)."""
    own = ko_height(font) / font["head"].unitsPerEm
    return own / (TH_SARABUN_NEW_KO_HEIGHT / REFERENCE_EM)


@cache
def calibrated_font(path: Path) -> bytes:
    """The TrueType file at `path` with its em enlarged to TH Sarabun New's proportions (glyphs, advances and
    anchors untouched, so shaping and kerning are the font's own) and TH Sarabun New's vertical metrics."""
    font = TTFont(path)
    em = round(font["head"].unitsPerEm * scale_to_th_sarabun_new(font))
    ascent = round(em * TH_SARABUN_NEW_ASCENT / REFERENCE_EM)
    descent = round(em * TH_SARABUN_NEW_DESCENT / REFERENCE_EM)
    font["head"].unitsPerEm = em
    hhea, os2 = font["hhea"], font["OS/2"]
    hhea.ascent, hhea.descent, hhea.lineGap = ascent, -descent, 0
    os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap = ascent, -descent, 0
    os2.usWinAscent, os2.usWinDescent = ascent, descent
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()
