"""spread's preflight on small PDFs that break one rule each, drawn with ReportLab and given
the PDF/X structure by output/pdfx.py, so the broken rule is the only thing wrong."""

from __future__ import annotations

import json

import pikepdf
import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader

from spread import template
from spread.check import check_pdf
from spread.template import Length, Limits, Output

from conftest import LAYOUT
from preflight_cases import FONT, RED, bullet_then_text, overprinting_black, small_pdf


@pytest.fixture(scope="module")
def layout():
    return template.load(str(LAYOUT))


def rules(report) -> set[str]:
    return {i.rule for i in report.findings}


def messages(report) -> str:
    return "\n".join(i.message for i in report.findings)


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
    assert {i.rule for i in report.findings if i.message.endswith("TrimBox")} == {"boxes"}


# attribute: (value set on the page tree's root, with the page's own removed; what is found)
INHERITED = {
    "/Rotate": (45, "the page's /Rotate is 45, not a multiple of 90"),
    "/CropBox": ([0, 0, 10, 10], "the CropBox [0 0 10 10] does not hold the TrimBox"),
    "/MediaBox": ([0, 0, 10, 10], "is not inside the MediaBox [0 0 10 10]"),
}


@pytest.mark.parametrize("key", INHERITED)
def test_a_box_or_turn_inherited_from_the_page_tree_is_checked(tmp_path, print_pdf, key):
    """/Rotate, /CropBox and /MediaBox on a /Pages node hold for each page below it that
    has none of its own (PDF 32000-1 §7.7.3.4): checked as if the page held them (qpdf
    pushes them down to the page as it reads the file)."""
    value, says = INHERITED[key]
    with pikepdf.open(print_pdf) as pdf:
        page = pdf.Root.Pages.Kids[0]
        if key in page:
            del page[key]
        pdf.Root.Pages[key] = pikepdf.Array(value) if isinstance(value, list) else value
        pdf.save(tmp_path / "inherits.pdf", force_version="1.3", deterministic_id=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)
    written = (tmp_path / "inherits.pdf").read_bytes()
    assert written.count(key.encode()) == 1  # on the page tree's root, not on the page
    report = check_pdf(tmp_path / "inherits.pdf")
    assert says in messages(report) and "boxes" in rules(report)


def test_a_page_tree_whose_parent_is_itself_is_refused_or_checked(tmp_path, print_pdf):
    """A hostile /Parent loop (the root of the page tree its own parent, the page with no
    MediaBox to inherit) ends in a report or a damaged-file error, never a hang."""
    from spread.errors import InputError

    with pikepdf.open(print_pdf) as pdf:
        del pdf.Root.Pages.Kids[0]["/MediaBox"]
        pdf.Root.Pages.Parent = pdf.Root.Pages
        pdf.save(tmp_path / "loop.pdf", force_version="1.3", deterministic_id=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)
    try:
        report = check_pdf(tmp_path / "loop.pdf")
    except InputError as exc:
        assert "damaged" in str(exc)
    else:
        assert not report.ok


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


# --- boundaries: each limit with a file on either side of it ---------------------------

@pytest.mark.parametrize("c, ok", [(0.604, True), (0.605, True), (0.61, False)])
def test_total_ink_tolerance_is_half_a_percent(tmp_path, layout, c, ok):
    """240.4 % and 240.5 % round to the 240 % limit; 241 % is over it."""
    def paint(canvas):
        canvas.setFillColorCMYK(c, 0.4, 0.4, 1)
        canvas.rect(20, 20, 50, 50, fill=1, stroke=0)
    report = check_pdf(small_pdf(tmp_path, layout, paint))
    assert report.ok == ok, report.format()
    if not ok:
        assert "241% total ink, above the 240% limit" in messages(report)


@pytest.mark.parametrize("scale, size, ok", [(0.4, 25, True), (0.4, 24.5, False),
                                             (2.0, 5, True), (2.0, 4.9, False)])
def test_type_size_is_measured_after_the_cm_scale(tmp_path, layout, scale, size, ok):
    """White text on red at 25 pt under a 0.4 cm is 10 pt (passes), at 24.5 pt 9.8 pt."""
    def paint(c):
        c.setFillColorCMYK(*RED)
        c.rect(5, 5, 190, 190, fill=1, stroke=0)
        c.scale(scale, scale)
        c.setFillColorCMYK(0, 0, 0, 0)
        c.setFont(FONT, size)
        c.drawString(30 / scale, 60 / scale, "Reversed")
    report = check_pdf(small_pdf(tmp_path, layout, paint))
    assert report.ok == ok, report.format()
    if not ok:
        assert f"{scale * size:.1f} pt reversed (white-on-colour) text" in messages(report)


@pytest.mark.parametrize("tm, size, ok", [((3, 0, 0, 3), 4, True),
                                          ((2.9, 0, 0, 2.9), 3.4, False),
                                          ((0, 3, -3, 0), 4, True),
                                          ((3, 0, 0, 2.4), 4, False)])
def test_type_size_is_measured_after_the_text_matrix(tmp_path, layout, tm, size, ok):
    """Red (3-ink) text needs 10 pt. 4 pt under a text matrix scaling 3 times is 12 pt,
    turned a quarter or not; scaled 3 across but 2.4 up it is 9.6 pt: the size is the
    matrix's vertical scale."""
    def paint(c):
        text = c.beginText()
        text.setTextTransform(*tm, 60, 60)
        text.setFont(FONT, size)
        c.setFillColorCMYK(*RED)
        text.textOut("Red")
        c.drawText(text)
    report = check_pdf(small_pdf(tmp_path, layout, paint))
    assert report.ok == ok, report.format()
    if not ok:
        assert "pt 3-ink (C0 M100 Y100 K10) text, below the 10 pt minimum" in messages(report)


@pytest.mark.parametrize("width, scale, ok", [(1.0, 1, True), (0.99, 1, False),
                                              (2.5, 0.4, True), (2.4, 0.4, False)])
def test_rule_width_is_measured_on_the_page(tmp_path, layout, width, scale, ok):
    def paint(c):
        c.scale(scale, scale)
        c.setStrokeColorCMYK(0, 0, 0, 1)
        c.setLineWidth(width)
        c.line(30 / scale, 60 / scale, 150 / scale, 60 / scale)
    report = check_pdf(small_pdf(tmp_path, layout, paint))
    assert report.ok == ok, report.format()
    if not ok:
        assert "one-ink (C0 M0 Y0 K100) rule, below the 1 pt minimum" in messages(report)


def test_a_reversed_rule_needs_one_and_a_half_points(tmp_path, layout):
    def paint(c, width):
        c.setFillColorCMYK(*RED)
        c.rect(5, 5, 190, 190, fill=1, stroke=0)
        c.setStrokeColorCMYK(0, 0, 0, 0)
        c.setLineWidth(width)
        c.line(30, 60, 150, 60)
    assert check_pdf(small_pdf(tmp_path, layout, lambda c: paint(c, 1.5))).ok
    text = messages(check_pdf(small_pdf(tmp_path, layout, lambda c: paint(c, 1.2))))
    assert "1.20 pt reversed (white-on-colour) rule, below the 1.5 pt minimum" in text


@pytest.mark.parametrize("size, ok", [((200, 200), True), ((200, 160), False),
                                      ((160, 200), False)])
def test_image_ppi_is_the_lower_of_the_two_directions(tmp_path, layout, size, ok):
    """An image of 200 × 160 pixels over one inch square is 200 ppi across and 160 ppi
    down: 160 counts."""
    image = Image.new("CMYK", size, (0, 120, 200, 10))

    def paint(c):
        c.drawImage(ImageReader(image), 20, 20, 72, 72)
    report = check_pdf(small_pdf(tmp_path, layout, paint))
    assert report.ok == ok, report.format()
    if not ok:
        assert "at 160 ppi effective, below the 170 ppi minimum" in messages(report)


def test_image_ppi_counts_a_stretched_placement(tmp_path, layout):
    """200 × 200 pixels placed 1 inch wide and 1.25 inch high: 200 across, 160 down."""
    image = Image.new("CMYK", (200, 200), (0, 120, 200, 10))

    def paint(c):
        c.drawImage(ImageReader(image), 20, 20, 72, 90)
    assert "at 160 ppi effective" in messages(check_pdf(small_pdf(tmp_path, layout, paint)))


# --- ink judged on the painted shapes --------------------------------------------------

def test_text_beside_a_bullet_passes_though_the_boxes_overlap(tmp_path, layout):
    """The 'l' sits 1.5 pt inside the red O's advance: their boxes overlap, their inks do
    not (the O's side bearing and the l's). Boxes alone would call it 300 %."""
    report = check_pdf(small_pdf(tmp_path, layout, lambda c: bullet_then_text(c, -1.5)))
    assert report.ok, report.format()


def test_text_overprinting_the_bullet_itself_fails(tmp_path, layout):
    """Moved 6 pt further in, the 'l' stands on the O's stroke: a real 300 % stack."""
    report = check_pdf(small_pdf(tmp_path, layout, lambda c: bullet_then_text(c, -7.5)))
    assert rules(report) == {"ink-overprint"}, report.format()
    assert "K100 overprints colour beneath it to 300% total ink" in messages(report)


def test_text_over_a_white_box_on_red_is_judged_by_what_shows(tmp_path, layout):
    """A paper-white knockout box on a red field hides the red: black text on it stacks
    nothing, beside it (on the red) it does."""
    def paint(c, x):
        c.setFillColorCMYK(*RED)
        c.rect(5, 5, 190, 190, fill=1, stroke=0)
        c.setFillColorCMYK(0, 0, 0, 0)
        c.rect(40, 40, 100, 100, fill=1, stroke=0)
        overprinting_black(c)
        c.setFont(FONT, 12)
        c.drawString(x, 80, "on paper")
    assert check_pdf(small_pdf(tmp_path, layout, lambda c: paint(c, 50))).ok
    report = check_pdf(small_pdf(tmp_path, layout, lambda c: paint(c, 120)))
    assert rules(report) == {"ink-overprint"}, report.format()


def test_white_text_beside_a_colour_patch_is_not_reversed(tmp_path, layout):
    """6 pt white text whose box touches a red patch but whose glyphs stand on paper."""
    def paint(c):
        c.setFillColorCMYK(*RED)
        c.rect(20, 20, 30, 30, fill=1, stroke=0)
        c.setFillColorCMYK(0, 0, 0, 0)
        c.setFont(FONT, 6)
        c.drawString(50.2, 48, "ok")  # the box's descent dips into the patch's corner
    assert check_pdf(small_pdf(tmp_path, layout, paint)).ok


def test_black_text_that_knocks_out_is_named(tmp_path, layout):
    def knockout(c):
        c.setFillColorCMYK(0, 0, 0, 1)
        c.setFont(FONT, 12)
        c.drawString(20, 40, "knocks out")

    def overprint_mode_0(c):
        c.setFillColorCMYK(0, 0, 0, 1)
        c.setFillOverprint(True)
        c.setFont(FONT, 12)
        c.drawString(20, 40, "overprint, mode 0")

    report = check_pdf(small_pdf(tmp_path, layout, knockout))
    assert rules(report) == {"overprint-black"}
    assert "100% K text must overprint; it knocks out" in messages(report)
    report = check_pdf(small_pdf(tmp_path, layout, overprint_mode_0))
    assert rules(report) == {"overprint-black"}
    assert "without OPM 1 knocks out the other inks" in messages(report)

    def overprints(c):
        overprinting_black(c)
        c.setFont(FONT, 12)
        c.drawString(20, 40, "overprints")
    assert check_pdf(small_pdf(tmp_path, layout, overprints)).ok


def test_a_tounicode_entry_of_u_fffd_is_named(tmp_path, layout):
    def paint(c):
        overprinting_black(c)
        c.setFont(FONT, 12)
        c.drawString(20, 40, "AB")
    path = small_pdf(tmp_path, layout, paint)
    assert check_pdf(path).ok
    with pikepdf.open(path) as pdf:
        font = next(iter(pdf.pages[0].Resources.Font.values()))
        cmap = font.ToUnicode.read_bytes()
        assert b"<0041>" in cmap
        font.ToUnicode.write(cmap.replace(b"<0041>", b"<FFFD>", 1))
        pdf.save(tmp_path / "lost.pdf", force_version="1.3", deterministic_id=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)
    report = check_pdf(tmp_path / "lost.pdf")
    assert rules(report) == {"tounicode-lost"}
    assert "to U+FFFD: their text is lost" in messages(report)


# --- file structure: one mutation of a clean file a rule --------------------------------

def _no_id(pdf):
    pdf.no_id = True  # qpdf always writes an /ID: taken out of the bytes after saving


def _layers(pdf):
    pdf.Root.OCProperties = pikepdf.Dictionary(OCGs=pikepdf.Array(), D=pikepdf.Dictionary())


def _javascript(pdf):
    pdf.Root.OpenAction = pdf.make_indirect(pikepdf.Dictionary(
        S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")))


def _stream_filter(name):
    """A stream under `name`: qpdf would re-encode an LZW stream it writes, so the filter
    is named in the bytes after saving."""
    def mutate(pdf):
        stream = pikepdf.Stream(pdf, b"")
        stream.write(b"x", filter=pikepdf.Name("/" + "Q" * (len(name) - 1)))
        pdf.Root.Extra = pdf.make_indirect(stream)
        pdf.renamed = ("/" + "Q" * (len(name) - 1), name)
    return mutate


def _no_title(pdf):
    del pdf.trailer.Info.Title


def _bad_date(pdf):
    pdf.trailer.Info.ModDate = pikepdf.String("yesterday")


def _page_group(pdf):
    pdf.pages[0].obj.Group = pikepdf.Dictionary(S=pikepdf.Name.Transparency)


def _blend(pdf):
    pdf.pages[0].Resources.ExtGState = pikepdf.Dictionary(
        G9=pikepdf.Dictionary(BM=pikepdf.Name.Multiply))


def _transfer(pdf):
    pdf.pages[0].Resources.ExtGState = pikepdf.Dictionary(
        G9=pikepdf.Dictionary(TR=pikepdf.Name.Identity))


def _lab(pdf):
    page = pdf.pages[0]
    page.Resources.ColorSpace = pikepdf.Dictionary(CS9=pikepdf.Array(
        [pikepdf.Name.Lab, pikepdf.Dictionary(WhitePoint=[0.95, 1, 1.09])]))
    page.contents_add(pdf.make_stream(b"/CS9 cs 50 0 0 sc 30 30 20 20 re f"))


def _two_intents(pdf):
    pdf.Root.OutputIntents.append(pdf.Root.OutputIntents[0])


def _annotation_action(pdf):
    # outside the bleed, where PDF/X-1a allows an annotation: the action alone is wrong
    pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[-30, -30, -20, -20],
        A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("http://x")))]))


@pytest.mark.parametrize("mutate, rule, words", [
    (_no_id, "id", "the trailer has no /ID"),
    (_layers, "layers", "optional content (layers)"),
    (_javascript, "actions", "an open action, which runs JavaScript"),
    (_stream_filter("/LZWDecode"), "lzw", "LZW-compressed"),
    (_stream_filter("/JPXDecode"), "filter", "JPEG 2000"),
    (_no_title, "info-title", "Info has no Title"),
    (_bad_date, "info-dates", "ModDate is missing or not a PDF date"),
    (_page_group, "transparency", "the page is a transparency group"),
    (_blend, "transparency", "sets blend mode Multiply"),
    (_transfer, "transfer", "sets a transfer function"),
    (_lab, "colour-space", "colour space Lab is not allowed"),
    (_two_intents, "output-intent", "2 GTS_PDFX output intents"),
    (_annotation_action, "actions", "an annotation has an action"),
])
def test_each_structure_rule_fails_its_file(tmp_path, layout, mutate, rule, words):
    def paint(c):
        c.setFillColorCMYK(*RED)
        c.rect(20, 20, 40, 40, fill=1, stroke=0)
    clean = small_pdf(tmp_path, layout, paint)
    assert check_pdf(clean).ok  # the passing file of every rule here
    bad = tmp_path / "bad.pdf"
    with pikepdf.open(clean) as pdf:
        mutate(pdf)
        pdf.save(bad, force_version="1.3", deterministic_id=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none)
        raw = bad.read_bytes()
        if getattr(pdf, "no_id", False):
            at = raw.rindex(b"/ID")
            raw = raw[:at] + b"/XX" + raw[at + 3:]
        if hasattr(pdf, "renamed"):
            raw = raw.replace(*(n.encode() for n in pdf.renamed))
        bad.write_bytes(raw)
    report = check_pdf(bad)
    assert rules(report) == {rule}, report.format()
    assert words in messages(report)


def test_a_red_bullet_before_yuan_and_a_bracket_at_copyfit_floor(tmp_path, layout, root):
    """The issue's case with the page's own fonts: a red 12 pt ● (hei) and 100 K 元（ (song)
    pulled 1.2 pt into the bullet's em box. The ● stops 0.6 pt short of its advance and 元
    starts 0.4 pt in: no ink meets. Pulled 4.5 pt in, 元 stands on the bullet."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in (("check-hei", "NotoSansSC-Bold.ttf"),
                       ("check-song", "NotoSerifSC-Regular.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(root / "fonts" / file)))

    def paint(c, pulled):
        c.setFillColorCMYK(*RED)
        c.setFont("check-hei", 12)
        c.drawString(20, 100, "●")
        overprinting_black(c)
        c.setFont("check-song", 12)
        c.drawString(32 - pulled, 100, "元（是")
    report = check_pdf(small_pdf(tmp_path, layout, lambda c: paint(c, 1.2)))
    assert report.ok, report.format()
    report = check_pdf(small_pdf(tmp_path, layout, lambda c: paint(c, 4.5)))
    assert rules(report) == {"ink-overprint"}
