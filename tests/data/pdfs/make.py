"""Make the PDFs in this folder: pages spread did not write, drawn as other tools draw them,
for `spread check --typography` to read (tests/test_typography_check.py says what it must
say of each). They are committed, so the suite needs none of the tools that made them;
run this again only to change one:

    python tests/data/pdfs/make.py [NAME ...]

ReportLab and pikepdf are spread's own dependencies; fpdf2 is a test dependency; typst
(the Python package, `pip install typst`) is a tool of this script alone, not of spread
nor of its tests. Each file is kept small (well under 200 KB): a few lines of text, fonts
subset.
"""

from __future__ import annotations

import datetime
import io
import random
import sys
from pathlib import Path

import pikepdf
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent
FONTS = HERE.parent.parent.parent / "fonts"
SONG = "make-song"
pdfmetrics.registerFont(TTFont(SONG, str(FONTS / "NotoSerifSC-Regular.ttf")))

SIZE, PITCH, MEASURE = 12.0, 18.6, 19  # pt, pt, 字
# a paragraph set 19 字 to the line, its first line indented two, broken where clreq allows
PARAGRAPH = ["今天上午，市政府召开新闻发布会，介绍", "全市经济运行情况和下一步工作安排。会议",
             "指出，要坚持稳中求进工作总基调，加强", "领导，狠抓落实，确保各项目标任务完成。",
             "全市上下要再接再厉。"]
# the same, its second line starting with a mark no line may start with
FAULTY = PARAGRAPH[:1] + ["。全市经济运行情况和下一步工作安排会议"] + PARAGRAPH[2:]


def _placed(lines: list[str], left: float = 72.0, top: float = 700.0
            ) -> list[tuple[str, float, float]]:
    """Each character of a justified paragraph and where it stands (x, baseline): lines
    filled to the measure by spreading their gaps equally, the first indented two em,
    the last ragged; a stop mark ending a line is half width."""
    out = []
    for n, text in enumerate(lines):
        indent = 2 if n == 0 else 0
        natural = len(text) - (0.5 if text[-1] in "，。" else 0)
        room = MEASURE - indent - natural
        extra = room / (len(text) - 1) if n < len(lines) - 1 else 0.0
        for k, ch in enumerate(text):
            out.append((ch, left + (indent + k * (1 + extra)) * SIZE, top - n * PITCH))
    return out


def _canvas(buf, size=(400, 800)) -> canvas.Canvas:
    return canvas.Canvas(buf, pagesize=size, invariant=1)


def _justified(c: canvas.Canvas, lines: list[str], left: float = 72.0,
               top: float = 700.0) -> None:
    """The paragraph drawn one text object a line, spread by character spacing (Tc)."""
    for n, text in enumerate(lines):
        indent = 2 if n == 0 else 0
        natural = len(text) - (0.5 if text[-1] in "，。" else 0)
        spacing = (MEASURE - indent - natural) * SIZE / (len(text) - 1) \
            if n < len(lines) - 1 else 0.0
        t = c.beginText(left + indent * SIZE, top - n * PITCH)
        t.setFont(SONG, SIZE)
        t.setCharSpace(spacing)
        t.textOut(text)
        c.drawText(t)


def _pdf(c: canvas.Canvas, buf: io.BytesIO) -> pikepdf.Pdf:
    c.save()
    return pikepdf.open(io.BytesIO(buf.getvalue()))


def _save(pdf: pikepdf.Pdf, name: str, **kw) -> None:
    pdf.remove_unreferenced_resources()
    pdf.save(HERE / name, static_id=True, **kw)


# -- the files ---------------------------------------------------------------------------------

def no_tounicode() -> None:
    """A Chinese paragraph whose subset TrueType fonts carry no ToUnicode map: the codes
    are the subset's own, so no reader can know the characters."""
    buf = io.BytesIO()
    c = _canvas(buf)
    _justified(c, PARAGRAPH)
    with _pdf(c, buf) as pdf:
        for font in pdf.pages[0].Resources.Font.values():
            if "/ToUnicode" in font:
                del font["/ToUnicode"]
        _save(pdf, "no-tounicode.pdf")


def predefined_cmap() -> None:
    """The paragraph in a CID font that is not embedded, with a predefined CMap
    (UniGB-UCS2-H) and no ToUnicode: its codes are Unicode, so it reads."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = _canvas(buf)
    for ch, x, y in _placed(PARAGRAPH):
        c.setFont("STSong-Light", SIZE)
        c.drawString(x, y, ch)
    with _pdf(c, buf) as pdf:
        _save(pdf, "predefined-cmap.pdf")


# glyph names of the standard encoding: letters, then figures
_LATIN_NAMES = [*"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def _type3(pdf: pikepdf.Pdf, chars: str, names: bool) -> pikepdf.Dictionary:
    """A Type 3 font drawing each of `chars` as a square of ink in its em; with a ToUnicode
    map (its glyphs named g1, g2, …, which name no character), or, `names`, with none
    but Latin glyph names of the standard encoding (a, b, …, A, B, …, zero, one, …)."""
    procs, widths, differences = pikepdf.Dictionary(), [], [1]
    for k, ch in enumerate(chars, 1):
        name = _LATIN_NAMES[k - 1] if names else f"g{k}"
        procs[f"/{name}"] = pdf.make_stream(b"1000 0 50 -120 950 780 d1 "
                                            b"100 -80 800 820 re f")
        widths.append(1000)
        differences.append(pikepdf.Name(f"/{name}"))
    font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type3,
        FontBBox=[0, -120, 1000, 880], FontMatrix=[0.001, 0, 0, 0.001, 0, 0],
        CharProcs=procs, FirstChar=1, LastChar=len(chars), Widths=widths,
        Encoding=pikepdf.Dictionary(Type=pikepdf.Name.Encoding, Differences=differences),
        Resources=pikepdf.Dictionary())
    if not names:
        pairs = "\n".join(f"<{k:02X}> <{ord(ch):04X}>" for k, ch in enumerate(chars, 1))
        font.ToUnicode = pdf.make_stream(
            ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
             "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
             "1 begincodespacerange <00> <FF> endcodespacerange\n"
             f"{len(chars)} beginbfchar\n{pairs}\nendbfchar\n"
             "endcmap CMapName currentdict /CMap defineresource pop end end\n").encode())
    return pdf.make_indirect(font)


def _type3_page(name: str, lines: list[str], names: bool) -> None:
    pdf = pikepdf.new()
    chars = "".join(sorted(set("".join(lines))))
    codes = {ch: k for k, ch in enumerate(chars, 1)}
    content = []
    for ch, x, y in _placed(lines):
        content.append(f"BT /T3 {SIZE:g} Tf {x:.3f} {y:.3f} Td <{codes[ch]:02X}> Tj ET")
    page = pikepdf.Page(pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, 400, 800],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(T3=_type3(pdf, chars, names))),
        Contents=pdf.make_stream("\n".join(content).encode())))
    pdf.pages.append(page)
    _save(pdf, name)


def type3() -> None:
    """The faulty paragraph in a Type 3 font (glyphs drawn by content streams) whose
    ToUnicode map names the characters: it reads, and its fault is found."""
    _type3_page("type3.pdf", FAULTY, names=False)


def type3_unmapped() -> None:
    """Han drawn by a Type 3 font whose glyphs are named a, b, c … and that has no
    ToUnicode map: a reader would take them for Latin letters."""
    _type3_page("type3-unmapped.pdf", PARAGRAPH[:2], names=True)


def one_glyph_each_shuffled() -> None:
    """The faulty paragraph, each character its own text object placed by Tm, drawn in a
    shuffled order (a tool writing its glyphs as its layout engine visits them)."""
    placed = _placed(FAULTY)
    random.Random(13).shuffle(placed)
    buf = io.BytesIO()
    c = _canvas(buf)
    for ch, x, y in placed:
        t = c.beginText()
        t.setTextOrigin(x, y)
        t.setFont(SONG, SIZE)
        t.textOut(ch)
        c.drawText(t)
    with _pdf(c, buf) as pdf:
        _save(pdf, "one-glyph-each-shuffled.pdf")


def reverse_order() -> None:
    """The faulty paragraph drawn last line first, each line right to left."""
    buf = io.BytesIO()
    c = _canvas(buf)
    for ch, x, y in reversed(_placed(FAULTY)):
        c.setFont(SONG, SIZE)
        c.drawString(x, y, ch)
    with _pdf(c, buf) as pdf:
        _save(pdf, "reverse-order.pdf")


def _landscape(name: str, turn_content: bool) -> None:
    """The faulty paragraph on a page with /Rotate 90: drawn turned the other way, so it
    reads upright as the page is seen (a landscape page, as many tools make one), or
    drawn upright on the page's own axes (it is seen running down the page)."""
    buf = io.BytesIO()
    c = _canvas(buf, (600, 400) if turn_content else (400, 800))
    if turn_content:  # seen 400 wide and 600 high ... before the page is turned
        c.translate(600, 0)
        c.rotate(90)
        _justified(c, FAULTY, top=330)
    else:
        _justified(c, FAULTY)
    with _pdf(c, buf) as pdf:
        pdf.pages[0].obj.Rotate = 90
        _save(pdf, name)


def rotate90_turned_text() -> None:
    _landscape("rotate90-turned-text.pdf", turn_content=True)


def rotate90_upright_text() -> None:
    _landscape("rotate90-upright-text.pdf", turn_content=False)


def vertical_identity_v() -> None:
    """竖排: three columns of the paragraph in a CID font with the Identity-V CMap (fpdf2
    writes its fonts Identity-H; the CMap is changed after), one string a column: the
    reader sets them top to bottom, columns right to left."""
    import fpdf

    doc = fpdf.FPDF(unit="pt", format=(400, 600))
    doc.add_page()
    doc.add_font("song", fname=str(FONTS / "NotoSerifSC-Regular.ttf"))
    doc.set_font("song", size=SIZE)
    text = "".join(PARAGRAPH)
    for k in range(0, len(text), 24):
        doc.text(320 - (k // 24) * 1.5 * SIZE, 80, text[k:k + 24])
    with pikepdf.open(io.BytesIO(bytes(doc.output()))) as pdf:
        for font in pdf.pages[0].Resources.Font.values():
            if font.get("/Subtype") == "/Type0":
                font.Encoding = pikepdf.Name("/Identity-V")
        _save(pdf, "vertical-identity-v.pdf")


def no_text() -> None:
    """A page of rules and boxes, no text at all."""
    buf = io.BytesIO()
    c = _canvas(buf)
    c.rect(72, 500, 256, 200)
    c.line(72, 480, 328, 480)
    with _pdf(c, buf) as pdf:
        _save(pdf, "no-text.pdf")


def scan() -> None:
    """A scanned page: the paragraph as a grey image (rendered, then drawn), no text."""
    import pypdfium2 as pdfium
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    c = _canvas(buf)
    _justified(c, PARAGRAPH)
    c.save()
    page = pdfium.PdfDocument(buf.getvalue())[0]
    image = page.render(scale=100 / 72, grayscale=True).to_pil().convert("L")
    shot = io.BytesIO()
    image.save(shot, "JPEG", quality=60)
    out = io.BytesIO()
    c = _canvas(out)
    c.drawImage(ImageReader(io.BytesIO(shot.getvalue())), 0, 0, 400, 800)
    with _pdf(c, out) as pdf:
        _save(pdf, "scan.pdf")


def _clean_pdf() -> pikepdf.Pdf:
    buf = io.BytesIO()
    c = _canvas(buf)
    _justified(c, PARAGRAPH)
    return _pdf(c, buf)


def encrypted() -> None:
    """The paragraph encrypted with a password to open it, and with an owner's password
    alone (anyone may open it; printing and copying are restricted)."""
    with _clean_pdf() as pdf:
        _save(pdf, "encrypted-password.pdf",
              encryption=pikepdf.Encryption(owner="owner", user="secret", R=4))
    with _clean_pdf() as pdf:
        _save(pdf, "encrypted-owner-only.pdf",
              encryption=pikepdf.Encryption(owner="owner", user="", R=4,
                                            allow=pikepdf.Permissions(extract=False)))


def pages300() -> None:
    """300 pages, a line of text each: more pages than spread checks in one file."""
    buf = io.BytesIO()
    c = _canvas(buf, (200, 200))
    for n in range(300):
        c.setFont(SONG, SIZE)
        c.drawString(20, 100, f"第{n + 1}页")
        c.showPage()
    with _pdf(c, buf) as pdf:
        _save(pdf, "300-pages.pdf")


def fpdf2_justified() -> None:
    """A Chinese paragraph fpdf2 justifies (multi_cell, align J): Type 0 fonts; it
    spreads the line by moving words apart, and a line of Han is one word."""
    import fpdf

    doc = fpdf.FPDF(unit="pt", format=(400, 800))
    doc.set_creation_date(datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc))
    doc.add_page()
    doc.add_font("song", fname=str(FONTS / "NotoSerifSC-Regular.ttf"))
    doc.set_font("song", size=SIZE)
    doc.set_xy(72, 72)
    doc.multi_cell(MEASURE * SIZE, PITCH, "　　" + "".join(PARAGRAPH), align="J")
    (HERE / "fpdf2-justified.pdf").write_bytes(bytes(doc.output()))


TYPST = """#set document(date: none)
#set page(width: 140mm, height: 90mm, margin: 12mm)
#set text(font: "Noto Serif CJK SC", size: 10.5pt, lang: "zh", region: "cn")
#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 0.75em)
{paragraphs}
"""


def typst_justified() -> None:
    """Two Chinese paragraphs typst justifies with the bundled Noto Serif SC: its own
    line breaking (kinsoku), punctuation compression and justification."""
    import tempfile

    import typst

    text = ("".join(PARAGRAPH) + "按照GB/T 15834—2011的规定，标点符号不得出现在行首。"
            "\n\n今年以来，全市经济运行总体平稳、稳中有进，地区生产总值同比增长5.2％，"
            "规模以上工业增加值增长6.1％，社会消费品零售总额突破1,200亿元。")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "para.typ"
        source.write_text(TYPST.format(paragraphs=text), encoding="utf-8")
        typst.compile(str(source), output=str(HERE / "typst-justified.pdf"),
                      font_paths=[str(FONTS)], ignore_system_fonts=True)


MAKERS = {"no-tounicode": no_tounicode, "predefined-cmap": predefined_cmap, "type3": type3,
          "type3-unmapped": type3_unmapped, "one-glyph-each-shuffled": one_glyph_each_shuffled,
          "reverse-order": reverse_order, "rotate90-turned-text": rotate90_turned_text,
          "rotate90-upright-text": rotate90_upright_text,
          "vertical-identity-v": vertical_identity_v, "no-text": no_text, "scan": scan,
          "encrypted": encrypted, "300-pages": pages300, "fpdf2-justified": fpdf2_justified,
          "typst-justified": typst_justified}


if __name__ == "__main__":
    for name in sys.argv[1:] or MAKERS:
        MAKERS[name]()
        print("made", name)
