"""The print rendition (PDF/X-1a:2001) and the proof, read back from the written files."""

from __future__ import annotations

import hashlib
import os
import struct
from dataclasses import replace

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

from spread.build import build, compose_page
from spread.check import check_pdf
from spread.errors import InputError, Location
from spread.output import stamp
from spread.output.pdfx import load_profile
from spread.renditions import RENDITIONS
from spread.units import MM

from conftest import CONTENT, LAYOUT


@pytest.fixture(scope="module")
def composed():
    page, fonts, _notes, content, layout = compose_page(str(CONTENT), str(LAYOUT))
    return page, fonts, content, layout


@pytest.fixture(scope="module")
def proof_pdf(default_build):
    return default_build.outputs["proof.pdf"]


def _streams(pdf: pikepdf.Pdf):
    """Every content stream with its resources: pages, and forms at any depth."""
    def forms(resources):
        for xobj in resources.get("/XObject", {}).values():
            if xobj.get("/Subtype") == "/Form":
                yield xobj, xobj.get("/Resources", resources)
                yield from forms(xobj.get("/Resources", pikepdf.Dictionary()))
    for page in pdf.pages:
        yield page, page.Resources
        yield from forms(page.Resources)


def _box(obj, key):
    x0, y0, x1, y1 = (float(v) for v in obj[key])
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _inside(a, b):
    return a[0] >= b[0] - 0.01 and a[1] >= b[1] - 0.01 and a[2] <= b[2] + 0.01 \
        and a[3] <= b[3] + 0.01


# --- PDF/X-1a:2001 structure, checked here independently of spread.check -----------------

def test_print_pdf_is_pdfx1a_by_independent_reading(print_pdf):
    raw = print_pdf.read_bytes()
    assert raw.startswith(b"%PDF-1.3\n")
    assert b"/ObjStm" not in raw
    start = int(raw[raw.rindex(b"startxref") + 9:].split()[0])
    assert raw[start:start + 4] == b"xref"  # a classic table, not an xref stream
    with pikepdf.open(print_pdf) as pdf:
        info = pdf.trailer.Info
        assert str(info.GTS_PDFXVersion) == "PDF/X-1:2001"
        assert str(info.GTS_PDFXConformance) == "PDF/X-1a:2001"
        assert str(info.Title).startswith("画说工会这五年")
        assert str(info.CreationDate).startswith("D:") and str(info.ModDate).startswith("D:")
        assert info.Trapped == pikepdf.Name("/False")
        assert len(pdf.trailer.ID) == 2
        intents = [i for i in pdf.Root.OutputIntents if i.S == "/GTS_PDFX"]
        assert len(pdf.Root.OutputIntents) == len(intents) == 1
        assert str(intents[0].OutputConditionIdentifier) == "IFRA26"
        assert str(intents[0].RegistryName) == "http://www.color.org"
        assert "/DestOutputProfile" not in intents[0]
        for page in pdf.pages:
            media, bleed, trim = (_box(page.obj, k) for k in ("/MediaBox", "/BleedBox",
                                                              "/TrimBox"))
            assert _inside(trim, bleed) and _inside(bleed, media)
            assert "/Trans" not in page.obj and "/Group" not in page.obj
        for stream, resources in _streams(pdf):
            for operands, op in pikepdf.parse_content_stream(stream):
                assert str(op) not in ("rg", "RG", "sc", "scn", "SC", "SCN", "cs", "CS")
                if str(op) in ("k", "K"):
                    assert sum(float(v) for v in operands) <= 2.4 + 1e-9
            for font in resources.get("/Font", {}).values():
                fd = (font.DescendantFonts[0] if font.Subtype == "/Type0" else font
                      ).FontDescriptor
                assert "/FontFile2" in fd or "/FontFile" in fd or "/FontFile3" in fd
            for gs in resources.get("/ExtGState", {}).values():
                assert "/SMask" not in gs and "/TR" not in gs
                assert float(gs.get("/ca", 1)) == 1 and float(gs.get("/CA", 1)) == 1
                assert str(gs.get("/BM", "/Normal")) == "/Normal"
            for xobj in resources.get("/XObject", {}).values():
                if xobj.get("/Subtype") == "/Image":
                    assert "/SMask" not in xobj
                    assert str(xobj.ColorSpace) in ("/DeviceCMYK", "/DeviceGray")


def test_black_text_overprints_with_mode_1(print_pdf):
    """Every glyph shown in 100 K is shown with op true and OPM 1 in force."""
    with pikepdf.open(print_pdf) as pdf:
        page = pdf.pages[0]
        states = page.Resources.ExtGState
        state, stack, fill, black_shows = {}, [], None, 0
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op == "q":
                stack.append((dict(state), fill))
            elif op == "Q":
                state, fill = stack.pop()
            elif op == "gs":
                state.update({k: v for k, v in states[str(operands[0])].items()})
            elif op == "k":
                fill = tuple(float(v) for v in operands)
            elif op in ("Tj", "TJ") and fill == (0, 0, 0, 1):
                black_shows += 1
                assert state.get("/op") is True and int(state.get("/OPM", 0)) == 1
        assert black_shows > 100


def test_print_pdf_passes_preflight(print_pdf):
    report = check_pdf(print_pdf)
    assert report.ok, report.format()


# --- dates, profile -----------------------------------------------------------------------

def _creation_date(files) -> str:
    import io

    with pikepdf.open(io.BytesIO(files["print.pdf"])) as pdf:
        return str(pdf.trailer.Info.CreationDate)


def test_dates_come_from_source_date_epoch_or_the_edition(composed, monkeypatch):
    page, fonts, content, layout = composed
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    plain = replace(content, edition=replace(content.edition, date=""))
    render = RENDITIONS["print"]
    assert _creation_date(render(page, fonts, plain, layout, str(CONTENT), None)) == \
        "D:20000101000000+00'00'"
    dated = replace(content, edition=replace(content.edition, date="2021年12月1日"))
    assert _creation_date(render(page, fonts, dated, layout, str(CONTENT), None)) == \
        "D:20211201000000+00'00'"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1638361800")  # 2021-12-01 12:30 UTC
    assert _creation_date(render(page, fonts, dated, layout, str(CONTENT), None)) == \
        "D:20211201123000+00'00'"
    assert stamp(dated).source == "SOURCE_DATE_EPOCH"


def _icc_header(device_class: bytes, space: bytes, version: int = 2) -> bytes:
    """An ICC profile shell: header and a table of the two tags an output profile must have
    (desc, A2B0), each four zero bytes, enough for structure."""
    table = b"".join(tag + struct.pack(">II", 156 + 4 * i, 4)
                     for i, tag in enumerate((b"desc", b"A2B0")))
    header = struct.pack(">I4sB3x4s4s4s", 164, b"none", version, device_class, space, b"Lab ")
    header = header.ljust(36, b"\0") + b"acsp"
    return header.ljust(128, b"\0") + struct.pack(">I", 2) + table + bytes(8)


def test_a_users_profile_is_embedded(composed, tmp_path):
    page, fonts, content, layout = composed
    (tmp_path / "press.icc").write_bytes(_icc_header(b"prtr", b"CMYK"))
    own = replace(layout, where=Location(str(tmp_path / "layout.yaml")),  # in its edition
                  output=replace(layout.output, profile="press.icc", condition="Press 1"))
    files = RENDITIONS["print"](page, fonts, content, own, str(CONTENT), load_profile(own))
    (tmp_path / "p.pdf").write_bytes(files["print.pdf"])
    with pikepdf.open(tmp_path / "p.pdf") as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.DestOutputProfile.read_bytes()[36:40] == b"acsp"
        assert int(intent.DestOutputProfile.N) == 4
    assert not [i for i in check_pdf(tmp_path / "p.pdf").findings if i.rule == "output-intent"]


def test_a_screen_profile_is_refused(composed, tmp_path):
    page, fonts, content, layout = composed
    (tmp_path / "screen.icc").write_bytes(_icc_header(b"mntr", b"RGB "))
    own = replace(layout, where=Location(str(tmp_path / "layout.yaml")),
                  output=replace(layout.output, profile="screen.icc"))
    with pytest.raises(InputError, match=r"not an output \(printer\) profile"):
        load_profile(own)


# --- the proof ----------------------------------------------------------------------------

def _stroke_and_fill_points(page):
    """Device-space points of paths stroked in registration colour and of cyan fills."""
    ctm, stack, stroke, fill, path = (1, 0, 0, 1, 0, 0), [], None, None, []
    marks, cyan = [], []
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        nums = [float(v) for v in operands] if op in ("cm", "K", "k", "m", "l", "c", "re") \
            else []
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop()
        elif op == "cm":
            a, b, c, d, e, f = nums
            ctm = (a * ctm[0] + b * ctm[2], a * ctm[1] + b * ctm[3], c * ctm[0] + d * ctm[2],
                   c * ctm[1] + d * ctm[3], e * ctm[0] + f * ctm[2] + ctm[4],
                   e * ctm[1] + f * ctm[3] + ctm[5])
        elif op == "K":
            stroke = tuple(nums)
        elif op == "k":
            fill = tuple(nums)
        elif op in ("m", "l", "c"):
            path += [(nums[i], nums[i + 1]) for i in range(0, len(nums), 2)]
        elif op == "re":
            x, y, w, h = nums
            path += [(x, y), (x + w, y + h)]
        elif op in ("S", "f", "f*", "B", "n"):
            device = [(ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5])
                      for x, y in path]
            if op == "S" and stroke == (1, 1, 1, 1):
                marks += device
            if op.startswith("f") and fill == (1, 0, 0, 0):
                cyan += device
            path = []
    return marks, cyan


def test_proof_marks_lie_outside_the_bleed(proof_pdf, composed):
    page_model, _, _, layout = composed
    with pikepdf.open(proof_pdf) as pdf:
        page = pdf.pages[0]
        media, bleed, trim = (_box(page.obj, k) for k in ("/MediaBox", "/BleedBox",
                                                          "/TrimBox"))
        margin = layout.output.proof.margin.pt()
        assert media[2] - media[0] == pytest.approx(page_model.bleed.width + 2 * margin)
        assert bleed[0] - media[0] == pytest.approx(margin)
        assert trim[2] - trim[0] == pytest.approx(page_model.trim.width)
        marks, cyan = _stroke_and_fill_points(page)
    assert len(marks) > 40 and len(cyan) >= 2  # crop and registration marks; the cyan patch
    for x, y in marks + cyan:
        assert not (bleed[0] < x < bleed[2] and bleed[1] < y < bleed[3]), (x, y)
        assert media[0] <= x <= media[2] and media[1] <= y <= media[3]


def test_proof_slug_is_text_outside_the_bleed(proof_pdf, composed):
    _, _, content, layout = composed
    digest = hashlib.sha256(CONTENT.read_bytes()).hexdigest()
    doc = pdfium.PdfDocument(str(proof_pdf))
    try:
        page = doc[0]
        text = page.get_textpage()
        chars = text.get_text_range()
        for slug in (f"content sha256 {digest}", f"built {stamp(content).text()}",
                     f"content.yaml · {layout.name}"):
            at = chars.index(slug)
            top = page.get_height() - 15 * MM
            for i in range(at, at + len(slug)):
                left, bottom, right, up = text.get_charbox(i)
                if right > left:  # spaces have no box
                    assert bottom > top or up < 15 * MM, slug
    finally:
        doc.close()


def test_proof_png_shows_the_enlarged_sheet(default_build, proof_pdf):
    png = default_build.outputs["proof.png"].read_bytes()
    with pikepdf.open(proof_pdf) as pdf:
        x0, y0, x1, y1 = _box(pdf.pages[0].obj, "/MediaBox")
    image = Image.open(default_build.outputs["proof.png"])
    ppi = 150  # the default: body text readable on the picture
    assert abs(image.width - (x1 - x0) * ppi / 72) <= 1
    assert abs(image.height - (y1 - y0) * ppi / 72) <= 1
    chunks, pos = [], 8
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        chunks.append(kind)
        pos += 12 + length
    assert set(chunks) == {b"IHDR", b"pHYs", b"IDAT", b"IEND"}  # no time, no text
    corner = image.convert("L").crop((0, 0, 5, 5))  # the sheet's corner: blank paper
    assert corner.getextrema() == (255, 255)


def test_proof_passes_preflight_apart_from_layout_rules(proof_pdf):
    """Marks in registration colour lie outside the bleed, where no limit applies."""
    report = check_pdf(proof_pdf)
    assert {i.rule for i in report.findings} <= {"rule-width"}, report.format()


def test_watermark_lies_under_the_artwork(composed, tmp_path):
    page, fonts, content, layout = composed
    marked = replace(layout, output=replace(layout.output, proof=replace(
        layout.output.proof, watermark="校样")))
    files = RENDITIONS["proof"](page, fonts, content, marked, str(CONTENT), None)
    (tmp_path / "w.pdf").write_bytes(files["proof.pdf"])
    doc = pdfium.PdfDocument(str(tmp_path / "w.pdf"))
    try:
        assert doc[0].get_textpage().get_text_range().startswith("校样")  # drawn first
    finally:
        doc.close()


def test_two_builds_give_identical_bytes(default_build, tmp_path):
    cwd = os.getcwd()
    os.chdir(CONTENT.parent)
    try:
        again = build(str(CONTENT), str(LAYOUT), str(tmp_path), ("print", "proof"))
    finally:
        os.chdir(cwd)
    for suffix in ("print.pdf", "proof.pdf", "proof.png"):
        assert again.outputs[suffix].read_bytes() == \
            default_build.outputs[suffix].read_bytes(), suffix
