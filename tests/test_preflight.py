"""spread's preflight on small PDFs that break one rule each, drawn with ReportLab and given
the PDF/X structure by output/pdfx.py, so the broken rule is the only thing wrong."""

from __future__ import annotations

import io
import json
import os
from datetime import datetime, timezone

import pikepdf
import pytest
import reportlab
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from spread import template
from spread.check import check_pdf
from spread.output import Stamp
from spread.output.pdfx import to_pdfx
from spread.template import Length, Limits, Output

from conftest import LAYOUT

FONT = "preflight-vera"
pdfmetrics.registerFont(TTFont(FONT, os.path.join(os.path.dirname(reportlab.__file__),
                                                  "fonts", "Vera.ttf")))
STAMP = Stamp(datetime(2021, 12, 1, tzinfo=timezone.utc), "test")
RED = (0, 1, 1, 0.1)


@pytest.fixture(scope="module")
def layout():
    return template.load(str(LAYOUT))


def small_pdf(tmp_path, layout, paint, name="case.pdf"):
    """A 200 pt page with trim and bleed, what `paint(canvas)` draws, in PDF/X structure."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(200, 200), invariant=1, initialFontName=FONT)
    c.setTrimBox((10, 10, 190, 190))
    c.setBleedBox((5, 5, 195, 195))
    paint(c)
    c.showPage()
    c.save()
    path = tmp_path / name
    path.write_bytes(to_pdfx(buf.getvalue(), layout, "preflight case", STAMP))
    return path


def overprinting_black(c) -> None:
    """100 K as the page sets text: overprinting in mode 1."""
    c.setFillColorCMYK(0, 0, 0, 1)
    c.setOverprintMask(1)
    c.setFillOverprint(True)


def rules(report) -> set[str]:
    return {i.rule for i in report.issues}


def messages(report) -> str:
    return "\n".join(i.message for i in report.issues)


def test_a_clean_small_page_passes(tmp_path, layout):
    def paint(c):
        c.setFillColorCMYK(*RED)
        c.rect(5, 100, 190, 95, fill=1, stroke=0)
        c.setFillColorCMYK(0, 0, 0, 0)
        c.setFont(FONT, 12)
        c.drawString(20, 150, "reversed at 12 pt")
    report = check_pdf(small_pdf(tmp_path, layout, paint))
    assert report.ok, report.format()


def test_rgb_colour_fails(tmp_path, layout):
    def paint(c):
        c.setFillColorRGB(1, 0, 0)
        c.rect(20, 20, 50, 50, fill=1, stroke=0)
    report = check_pdf(small_pdf(tmp_path, layout, paint))
    assert rules(report) == {"colour-rgb"}
    assert "RGB colour operator 'rg'" in messages(report)


def test_280_percent_mix_fails(tmp_path, layout):
    def paint(c):
        c.setFillColorCMYK(0.7, 0.7, 0.7, 0.7)
        c.rect(20, 20, 50, 50, fill=1, stroke=0)
    report = check_pdf(small_pdf(tmp_path, layout, paint))
    assert rules(report) == {"ink-total"}
    assert "C70 M70 Y70 K70 has 280% total ink, above the 240% limit" in messages(report)


def test_6pt_white_text_on_red_fails(tmp_path, layout):
    def paint(c):
        c.setFillColorCMYK(*RED)
        c.rect(5, 100, 190, 95, fill=1, stroke=0)
        c.setFillColorCMYK(0, 0, 0, 0)
        c.setFont(FONT, 6)
        c.drawString(20, 150, "too small to print white")
    report = check_pdf(small_pdf(tmp_path, layout, paint))
    assert rules(report) == {"type-size"}
    assert "6.0 pt reversed (white-on-colour) text, below the 10 pt minimum" in messages(report)


def test_6pt_white_text_on_paper_is_no_reversed_type(tmp_path, layout):
    def paint(c):
        c.setFillColorCMYK(0, 0, 0, 0)
        c.setFont(FONT, 6)
        c.drawString(20, 40, "invisible, not reversed")
    assert check_pdf(small_pdf(tmp_path, layout, paint)).ok


def test_90_ppi_image_fails(tmp_path, layout):
    image = Image.new("CMYK", (90, 90), (0, 120, 200, 10))

    def paint(c):
        c.drawImage(ImageReader(image), 20, 20, 72, 72)  # 90 pixels over one inch
    report = check_pdf(small_pdf(tmp_path, layout, paint))
    assert rules(report) == {"image-ppi"}
    assert "at 90 ppi effective, below the 170 ppi minimum" in messages(report)


def test_image_pixels_count_towards_total_ink(tmp_path, layout):
    image = Image.new("CMYK", (400, 400), (0, 0, 0, 0))
    image.putpixel((5, 5), (200, 200, 200, 200))  # one pixel of 314%

    def paint(c):
        c.drawImage(ImageReader(image), 20, 20, 100, 100)
    report = check_pdf(small_pdf(tmp_path, layout, paint))
    assert rules(report) == {"ink-total"}
    assert "has pixels of 314% total ink" in messages(report)


def test_unembedded_font_fails(tmp_path, layout):
    def paint(c):
        overprinting_black(c)
        c.setFont("Helvetica", 12)
        c.drawString(20, 40, "Helvetica is not in the file")
    report = check_pdf(small_pdf(tmp_path, layout, paint))
    assert rules(report) == {"font-embedded"}
    assert "font Helvetica" in messages(report) and "is not embedded" in messages(report)


def test_missing_trimbox_fails(tmp_path, print_pdf):
    with pikepdf.open(print_pdf) as pdf:
        del pdf.pages[0].obj.TrimBox
        pdf.save(tmp_path / "notrim.pdf", force_version="1.3", deterministic_id=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)
    report = check_pdf(tmp_path / "notrim.pdf")
    assert "the page has no TrimBox" in messages(report)
    assert {i.rule for i in report.issues if i.message.endswith("TrimBox")} == {"boxes"}


def test_trim_outside_bleed_fails(tmp_path, layout):
    def paint(c):
        c.setTrimBox((0, 0, 200, 200))  # larger than the bleed box set before
    report = check_pdf(small_pdf(tmp_path, layout, paint))
    assert rules(report) == {"boxes"}
    assert "TrimBox [0 0 200 200] is not inside the BleedBox" in messages(report)


def test_black_overprinting_red_stacks_ink(tmp_path, layout):
    def paint(c):
        c.setFillColorCMYK(*RED)
        c.rect(5, 100, 190, 95, fill=1, stroke=0)
        c.setOverprintMask(1)
        c.setFillOverprint(True)
        c.setFillColorCMYK(0, 0, 0, 1)
        c.rect(40, 120, 50, 50, fill=1, stroke=0)
    report = check_pdf(small_pdf(tmp_path, layout, paint))
    assert rules(report) == {"ink-overprint"}
    # K replaces red's K10, C0 M100 Y100 stay: 300%
    assert "K100 overprints colour beneath it to 300% total ink" in messages(report)


def test_overprint_without_mode_1_knocks_out(tmp_path, layout):
    def paint(c):  # OPM 0: a DeviceCMYK overprint paints all four inks
        c.setFillColorCMYK(*RED)
        c.rect(5, 100, 190, 95, fill=1, stroke=0)
        c.setFillOverprint(True)
        c.setFillColorCMYK(0, 0, 0, 1)
        c.rect(40, 120, 50, 50, fill=1, stroke=0)
    assert check_pdf(small_pdf(tmp_path, layout, paint)).ok


def test_thin_and_tinted_things_fail(tmp_path, layout):
    def paint(c):
        c.setStrokeColorCMYK(0, 0, 0, 1)
        c.setLineWidth(0.3)
        c.line(20, 30, 150, 30)
        c.setFillColorCMYK(0, 0, 0, 0.5)
        c.setFont(FONT, 6)
        c.drawString(20, 60, "six point grey")
        c.setFillColorCMYK(*RED)
        c.drawString(20, 80, "six point red")
    text = messages(check_pdf(small_pdf(tmp_path, layout, paint)))
    assert "0.30 pt one-ink (C0 M0 Y0 K100) rule, below the 1 pt minimum" in text
    assert "6.0 pt tinted (C0 M0 Y0 K50) text, below the 8 pt minimum" in text
    assert "6.0 pt 3-ink (C0 M100 Y100 K10) text, below the 10 pt minimum" in text


def test_transparency_fails(tmp_path, layout):
    def paint(c):
        c.setFillColorCMYK(0, 0, 0, 1)
        c.setFillAlpha(0.5)
        c.rect(20, 20, 50, 50, fill=1, stroke=0)
    report = check_pdf(small_pdf(tmp_path, layout, paint))
    assert rules(report) == {"transparency"}
    assert "opacity ca 0.5" in messages(report)


def test_marks_outside_the_bleed_are_not_limited(tmp_path, layout):
    def paint(c):  # a registration-colour hairline in the slug area
        c.setStrokeColorCMYK(1, 1, 1, 1)
        c.setLineWidth(0.25)
        c.line(0, 2, 100, 2)
    assert check_pdf(small_pdf(tmp_path, layout, paint)).ok


def test_limits_come_from_the_settings(tmp_path, layout):
    def paint(c):
        c.setFillColorCMYK(0.6, 0.4, 0.4, 1)  # 240%: the newsprint limit, not WAN-IFRA's 220
        c.rect(20, 20, 50, 50, fill=1, stroke=0)
    path = small_pdf(tmp_path, layout, paint)
    assert check_pdf(path).ok
    strict = Output(condition="WAN-IFRAnewspaper26v5", limits=Limits(total_ink=220,
                                                                     rule=Length(1)))
    assert rules(check_pdf(path, strict)) == {"ink-total"}


def test_report_formats(tmp_path, layout):
    def paint(c):
        for x in (20, 80):
            c.setFillColorRGB(0, 0, x / 100)
            c.rect(x, 20, 40, 40, fill=1, stroke=0)
    report = check_pdf(small_pdf(tmp_path, layout, paint))
    text = report.format()
    assert "FAILED: 1 problem(s)" in text and "colour-rgb" in text and "×2" in text
    data = json.loads(report.to_json())
    assert data["ok"] is False and data["issues"][0]["count"] == 2
    assert data == report.to_dict()


def test_file_structure_rules(tmp_path, print_pdf):
    with pikepdf.open(print_pdf) as pdf:
        del pdf.trailer.Info["/GTS_PDFXVersion"]
        pdf.trailer.Info.Trapped = pikepdf.Name.Unknown
        del pdf.Root.OutputIntents
        pdf.save(tmp_path / "bare.pdf", object_stream_mode=pikepdf.ObjectStreamMode.generate,
                 force_version="1.5")
    report = check_pdf(tmp_path / "bare.pdf")
    assert {"version", "xref", "object-streams", "info-gts", "trapped",
            "output-intent"} <= rules(report)


def test_a_file_that_is_not_a_readable_pdf_is_an_input_error(tmp_path):
    from spread.errors import InputError

    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.3\n%garbage\x00\x01")
    with pytest.raises(InputError) as err:
        check_pdf(bad)
    assert "is not a readable PDF" in str(err.value)
