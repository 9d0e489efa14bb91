"""Small PDFs for the preflight tests: a 200 pt page with trim and bleed, drawn with
ReportLab and given the PDF/X structure by output/pdfx.py, so what a case draws is the only
thing that can be wrong with it."""

from __future__ import annotations

import io
import os
from datetime import datetime, timezone

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from spread.output import Stamp
from spread.output.pdfx import to_pdfx

FONT = "preflight-vera"
pdfmetrics.registerFont(TTFont(FONT, os.path.join(os.path.dirname(reportlab.__file__),
                                                  "fonts", "Vera.ttf")))
STAMP = Stamp(datetime(2021, 12, 1, tzinfo=timezone.utc), "test")
RED = (0, 1, 1, 0.1)


def small_pdf_bytes(layout, paint) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(200, 200), invariant=1, initialFontName=FONT)
    c.setTrimBox((10, 10, 190, 190))
    c.setBleedBox((5, 5, 195, 195))
    paint(c)
    c.showPage()
    c.save()
    return to_pdfx(buf.getvalue(), layout, "preflight case", STAMP, None)


def small_pdf(tmp_path, layout, paint, name="case.pdf"):
    """A 200 pt page with trim and bleed, what `paint(canvas)` draws, in PDF/X structure."""
    path = tmp_path / name
    path.write_bytes(small_pdf_bytes(layout, paint))
    return path


def overprinting_black(c) -> None:
    """100 K as the page sets text: overprinting in mode 1."""
    c.setFillColorCMYK(0, 0, 0, 1)
    c.setOverprintMask(1)
    c.setFillOverprint(True)


def bullet_then_text(c, gap: float) -> None:
    """A red 30 pt 'O' (the bullet) and, `gap` pt after its advance, an overprinting 100 K
    'l': with a gap of −1.5 the boxes overlap and the inks do not."""
    c.setFillColorCMYK(*RED)
    c.setFont(FONT, 30)
    c.drawString(20, 100, "O")
    overprinting_black(c)
    c.drawString(20 + pdfmetrics.stringWidth("O", FONT, 30) + gap, 100, "l")
