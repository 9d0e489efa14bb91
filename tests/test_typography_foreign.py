"""`spread check --typography` on PDFs as other tools write them: a corpus made here, each
file by another writer's means (ReportLab's canvas and platypus, fpdf2, content streams
and structures written with pikepdf), with what a careful proofreader would mark on it.

Correct text — ragged, centred, tabled, in columns with narrow gutters, Latin — must come
back with no finding; planted faults (a line starting with ，, a number split 1,2 / 34, a
hole of two em in a line) must each be found once, placed in mm on the page as it is seen
(its crop box, trim box and /Rotate), with the line's text readable. Files the meter cannot
read (a scan, a password, a damaged cross-reference) get a clear message and their exit
code, never a traceback."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer, Table
from reportlab.platypus import TableStyle

from spread.check.typography import check_typography
from spread.cli import main
from test_typography_check import without_tounicode

ROOT = Path(__file__).resolve().parent.parent
SONG_FILE = ROOT / "fonts" / "NotoSerifSC-Regular.ttf"
SONG = "foreign-song"
pdfmetrics.registerFont(TTFont(SONG, str(SONG_FILE)))

MM = 25.4 / 72
SIZE, PITCH, MEASURE = 12.0, 18.0, 16  # pt, pt, 字
LEFT, TOP, PAGE = 60.0, 720.0, (400.0, 800.0)

# a paragraph set 16 字 to the line, broken where clreq allows, its first line indented 2
CLEAN = ["今天上午，市政府召开新闻发", "布会，介绍全市经济运行情况和下一", "步工作安排。会议指出，全市生产总",
         "值达到1,234亿元，同比增长5.2%，", "就业形势总体稳定，居民收入稳步提高。"]
# the same with three faults a proofreader marks: a line opening with ，, a number broken
# inside its digits (1,2 / 34), a line whose room (2.5 em) is all in one gap
FAULTY = ["今天上午，市政府召开新闻发", "，布会介绍全市经济运行情况和下一", "步工作安排。会议指出全市达到1,2",
          "34亿元，同比增长5.2%，就业", "形势总体稳定，居民收入稳步提高。"]
HOLE = (3, 7)  # FAULTY's line 3 takes its room before its 8th character, 增
FAULTS = {"forbidden-start": 1, "split-number": 1, "wide-gap": 1}


def _width(text: str, size: float = SIZE) -> float:
    return pdfmetrics.stringWidth(text, SONG, size)


def _placed(lines: list[str], left: float = LEFT, top: float = TOP, size: float = SIZE,
            pitch: float = PITCH, measure: int = MEASURE,
            hole: tuple[int, int] | None = None) -> list[list[tuple[str, float, float]]]:
    """Each line's characters and where each stands (x, baseline): justified, its room
    shared out equally over its gaps but those inside a figure or a word (a closing or
    stop mark ending it counts half), the
    first line indented two em, the last ragged; `hole` (line, character): that line's
    room goes into the gap before that character alone."""
    out = []
    for n, text in enumerate(lines):
        indent = 2 * size if n == 0 else 0.0
        natural = _width(text, size) - (size / 2 if text[-1] in "，。、" else 0.0)
        last = n == len(lines) - 1
        room = 0.0 if last else measure * size - indent - natural
        opens = [k > 0 and not (_narrow(text[k - 1]) and _narrow(text[k]))
                 for k in range(len(text))]
        extra = 0.0 if hole and hole[0] == n else room / sum(opens)
        x, line = left + indent, []
        for k, ch in enumerate(text):
            x += room if hole == (n, k) else extra if opens[k] else 0.0
            line.append((ch, x, top - n * pitch))
            x += _width(ch, size)
        out.append(line)
    return out


def _narrow(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) not in "WF"


def _canvas(target, size=PAGE) -> canvas.Canvas:
    return canvas.Canvas(target, pagesize=size, invariant=1)


def _draw(c: canvas.Canvas, lines: list[list[tuple[str, float, float]]], how: str,
          size: float = SIZE) -> None:
    """Lines drawn as tools draw them: a text object a character ("char"), one a run of
    three characters ("word") or of characters set at one spacing ("line": a line spread
    evenly is one run), its spacing by character spacing (Tc)."""
    for line in lines:
        if how == "char":
            runs = [[g] for g in line]
        else:
            gaps = [round(b[1] - a[1] - _width(a[0], size), 3) for a, b in zip(line, line[1:])]
            runs = [line[:1]]
            for k in range(1, len(line)):
                if len(runs[-1]) > 1 and gaps[k - 1] != gaps[k - 2] \
                        or how == "word" and len(runs[-1]) == 3:
                    runs.append([])
                runs[-1].append(line[k])
        for run in runs:
            text = "".join(ch for ch, _, _ in run)
            t = c.beginText(run[0][1], run[0][2])
            t.setFont(SONG, size)
            if len(run) > 1:
                t.setCharSpace((run[-1][1] - run[0][1] - _width(text[:-1], size))
                               / (len(run) - 1))
            t.textOut(text)
            c.drawText(t)


def _file(tmp: Path, name: str, paint: Callable[[canvas.Canvas], None], size=PAGE) -> Path:
    path = tmp / f"{name}.pdf"
    c = _canvas(str(path), size)
    paint(c)
    c.save()
    return path


def _written(pdf: pikepdf.Pdf, path: Path) -> Path:
    pdf.save(path, static_id=True)
    return path


def _kerned(src: Path, dst: Path, lines: list[list[tuple[str, float, float]]]) -> Path:
    """The file with each line's strings (drawn with no character spacing) turned into TJ
    arrays whose adjustments set every character where `lines` places it, as a tool
    justifying or kerning by TJ writes them: the line's room in the arrays' numbers."""
    with pikepdf.open(src) as pdf:
        page = pdf.pages[0]
        ops = pikepdf.parse_content_stream(page)
        places = iter(line for line in lines)
        out, line = [], None
        for operands, op in ops:
            if str(op) == "BT":
                line = None  # (ReportLab opens each page with a text object showing nothing)
            if str(op) == "Tc":
                operands = [0]
            if str(op) == "Tj":
                if line is None:
                    line, at = next(places), 0
                codes = bytes(operands[0])
                array = pikepdf.Array()
                for k, code in enumerate(codes):
                    array.append(pikepdf.String(bytes([code])))
                    if at + 1 < len(line):
                        ch, x, _ = line[at]
                        gap = line[at + 1][1] - x - _width(ch)
                        array.append(-gap * 1000 / SIZE)
                    at += 1
                operands, op = [array], pikepdf.Operator("TJ")
            out.append((operands, op))
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))
        return _written(pdf, dst)


def _marked(src: Path, dst: Path, lines: list[str]) -> Path:
    """The file with each line's text objects (those one baseline holds, drawn one after
    another) inside one marked-content sequence whose /ActualText is the line's text, as
    spread's archive joins a line's runs, and as Word and LaTeX mark ligatures."""
    with pikepdf.open(src) as pdf:
        page = pdf.pages[0]
        blocks: list[tuple[list, float | None]] = []  # text objects and what lies between
        current: list | None = None
        for operands, op in pikepdf.parse_content_stream(page):
            if str(op) == "BT":
                current = []
            if current is None:
                blocks.append(([(operands, op)], None))
                continue
            current.append((operands, op))
            if str(op) == "ET":
                y = next((float(o[5]) for o, p in current if str(p) == "Tm"), None)
                blocks.append((current, y))
                current = None
        out, texts, k = [], iter(lines), 0
        while k < len(blocks):
            j = k + 1
            while blocks[k][1] is not None and j < len(blocks) and blocks[j][1] == blocks[k][1]:
                j += 1
            inside = [i for b, _ in blocks[k:j] for i in b]
            out += inside if blocks[k][1] is None else [
                ([pikepdf.Name.Span, pikepdf.Dictionary(ActualText=pikepdf.String(
                    next(texts)))], pikepdf.Operator("BDC")), *inside,
                ([], pikepdf.Operator("EMC"))]
            k = j
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))
        return _written(pdf, dst)


def type3(tmp: Path, lines: list[str], **kw) -> Path:
    """The paragraph set in a Type 3 font (glyphs drawn by the file's own procedures, as
    matplotlib and some plotting tools embed text): each glyph a filled box as wide as the
    Song font's advance, its code mapped to its character by a ToUnicode map, drawn one
    character a text object where `_placed` puts it."""
    placed = _placed(lines, **kw)
    chars = sorted({ch for line in placed for ch, _, _ in line})
    pdf = pikepdf.new()
    widths = [round(_width(ch, 1000)) for ch in chars]
    procs = pikepdf.Dictionary({f"/g{k}": pdf.make_stream(
        f"{w} 0 20 -80 {w - 20} 800 d1 20 -80 {w - 40} 880 re f".encode())
        for k, w in enumerate(widths)})
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T3 def "
            "1 begincodespacerange <00> <FF> endcodespacerange "
            f"{len(chars)} beginbfchar "
            + " ".join(f"<{k + 1:02X}> <{ord(ch):04X}>" for k, ch in enumerate(chars))
            + " endbfchar endcmap CMapName currentdict /CMap defineresource pop end end")
    font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type3, FontBBox=[0, -100, 1000, 900],
        FontMatrix=[0.001, 0, 0, 0.001, 0, 0], CharProcs=procs, FirstChar=1,
        LastChar=len(chars), Widths=widths, Resources=pikepdf.Dictionary(),
        Encoding=pikepdf.Dictionary(Differences=[1, *(pikepdf.Name(f"/g{k}")
                                                      for k in range(len(chars)))]),
        ToUnicode=pdf.make_stream(cmap.encode())))
    content = b" ".join(f"BT /T3 {SIZE} Tf {x:.3f} {y:.3f} Td <{chars.index(ch) + 1:02X}> Tj ET"
                        .encode() for line in placed for ch, x, y in line)
    pdf.pages.append(pikepdf.Page(pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, *PAGE], Contents=pdf.make_stream(content),
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(T3=font)))))
    return _written(pdf, tmp / "type3.pdf")


# a league table run into prose, set solid 20 字 to the line by fpdf2 a character a text
# object: each ideographic space drawn on its own inks nothing (a Type 0 font, two-byte
# codes)
LEAGUE = ("截至昨日，联赛积分榜前三名：城东队　十四胜四负　积三十二分；江北队　十三胜五负　积三十一分。"
          "据悉，本赛季联赛共有十二支队伍参赛，总决赛将于下月举行，届时全市球迷可以到场观战。")


def _fpdf_league(pdf) -> None:
    for n in range(0, len(LEAGUE), 20):
        for k, ch in enumerate(LEAGUE[n:n + 20]):
            pdf.text(72 + k * 11, 100 + n // 20 * 16, ch)


# a tool drawing Han and Latin a word at a time, each word space its own text object (a
# space on its own inks nothing): broken at two of them, ragged
WORDS = [["研究还观察了盐酸右美托咪定（", "dexmedetomidine", " "],
         ["hydrochloride", "）合用的安全性，", "the", " ", "drug", " "], ["is", " ", "safe。"]]


def _word_by_word(c: canvas.Canvas) -> None:
    for n, parts in enumerate(WORDS):
        x = LEFT
        for part in parts:
            t = c.beginText(x, TOP - n * PITCH)
            t.setFont(SONG, SIZE)
            t.textOut(part)
            c.drawText(t)
            x += _width(part)


# -- the writers ---------------------------------------------------------------------------

def canvas_lines(tmp: Path, lines: list[str], how: str, **kw) -> Path:
    return _file(tmp, f"canvas-{how}", lambda c: _draw(c, _placed(lines, **kw), how))


def tj_arrays(tmp: Path, lines: list[str], **kw) -> Path:
    placed = _placed(lines, **kw)
    plain = _file(tmp, "plain", lambda c: _draw(c, [[(ch, line[0][1] + _width(
        "".join(c for c, _, _ in line[:k])), y) for k, (ch, _, y) in enumerate(line)]
        for line in placed], "line"))
    return _kerned(plain, tmp / "tj.pdf", placed)


def in_a_form(tmp: Path, lines: list[str], **kw) -> Path:
    """The paragraph drawn once in a Form XObject, placed on the page by a translation."""
    def paint(c):
        c.beginForm("story")
        _draw(c, _placed(lines, left=0.0, top=0.0, **kw), "line")
        c.endForm()
        c.saveState()
        c.translate(LEFT, TOP)
        c.doForm("story")
        c.restoreState()
    return _file(tmp, "form", paint)


def platypus(tmp: Path, name: str, flow: list, columns: int = 1, gutter: float = 12.0,
             size=(595.0, 842.0)) -> Path:
    path = tmp / f"{name}.pdf"
    doc = BaseDocTemplate(str(path), pagesize=size, invariant=1)
    width = (size[0] - 144 - gutter * (columns - 1)) / columns
    frames = [Frame(72 + k * (width + gutter), 72, width, size[1] - 144, id=f"c{k}",
                    leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
              for k in range(columns)]
    doc.addPageTemplates([PageTemplate(frames=frames)])
    doc.build(flow)
    return path


ZH = ("今天上午，市政府召开新闻发布会，介绍全市经济运行情况和下一步工作安排。会议指出，要坚持稳中求进"
      "工作总基调，加强领导，狠抓落实，确保各项目标任务完成。全市上下要再接再厉，推动经济持续健康发展，"
      "为全面建设社会主义现代化国家作出新的更大贡献。据统计，前三季度全市生产总值同比增长百分之五，"
      "居民人均可支配收入稳步提高，就业形势总体稳定。")
EN = ("The quick brown fox jumps over the lazy dog. Typesetting is the composition of text by "
      "means of arranging physical types or their digital equivalents. Stored letters and other "
      "symbols are retrieved and ordered according to a language's orthography for visual "
      "display. Typesetting requires one or more fonts, which are widely but erroneously "
      "confused with and substituted for typefaces.")


def _zh(**kw) -> ParagraphStyle:
    style = dict(name="zh", fontName=SONG, fontSize=10.5, leading=16, wordWrap="CJK",
                 alignment=TA_JUSTIFY, firstLineIndent=21)
    return ParagraphStyle(**{**style, **kw})


def _en(**kw) -> ParagraphStyle:
    style = dict(name="en", fontName="Times-Roman", fontSize=11, leading=14,
                 alignment=TA_JUSTIFY)
    return ParagraphStyle(**{**style, **kw})


def _fpdf(tmp: Path, name: str, paint) -> Path:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(unit="pt", format=(595, 842))
    pdf.add_page()
    pdf.add_font("song", fname=str(SONG_FILE))
    pdf.set_font("song", size=11)
    paint(pdf)
    pdf.output(str(tmp / f"{name}.pdf"))
    return tmp / f"{name}.pdf"


def _fpdf_columns(columns: int, gutter: float):
    def paint(pdf):
        with pdf.text_columns(ncols=columns, gutter=gutter, text_align="J") as story:
            for _ in range(6):
                story.write(ZH)
                story.ln()
    return paint


def _fpdf_headed(pdf) -> None:
    """A centred head and byline over a story 20 字 to the line: fpdf2 breaks Han
    anywhere, ， and 。 starting lines among them."""
    pdf.set_font("song", size=18)
    pdf.multi_cell(0, 26, "市政府召开新闻发布会", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("song", size=11)
    pdf.multi_cell(0, 20, "记者 张三", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(220, 17, ZH * 2, align="J")


def _figures_table() -> Table:
    rows = [["地区", "生产总值（亿元）", "增长（%）", "人口（万人）"]] + [
        [f"第{k}区", f"{1234.5 + k * 97.3:,.1f}", f"{3.1 + k * 0.4:.1f}", f"{52 + k * 7}"]
        for k in range(1, 9)]
    table = Table(rows)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SONG, 10.5),
                               ("ALIGN", (1, 1), (-1, -1), "RIGHT")]))
    return table


def _centred_table() -> Table:
    """A clinic's hours as a 三线表 set centred, its cells of every width (儿科 under
    心血管内科, 医师 under 副主任医师): their starts and ends line up nowhere, and a cell
    too wide for one (呼吸与危重症医学科) parts the rows above it from those below."""
    rows = [["科室", "专家", "职称", "出诊时间"], ["心血管内科", "王刚", "主任医师", "周一、周四上午"],
            ["儿科", "李晓梅", "副主任医师", "周二全天"], ["呼吸与危重症医学科", "陈思远", "医师", "周三上午"],
            ["骨科", "欧阳志刚", "副主任医师", "周五"], ["中医科", "孙伯年", "主任中医师", "周一至周五下午"]]
    table = Table(rows)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SONG, 10.5),
                               ("ALIGN", (0, 0), (-1, -1), "CENTER")]))
    return table


def _picture_and_caption(c: canvas.Canvas) -> None:
    """A picture with its caption set ragged in a narrow column beside it, a justified
    story below."""
    c.setFillGray(0.6)
    c.rect(LEFT, 520, 180, 200, fill=1, stroke=0)
    c.setFillGray(0)
    for n, text in enumerate(["图为市民在新落成的", "城市书房里阅读。", "本报记者 李四 摄"]):
        c.setFont(SONG, 9)
        c.drawString(LEFT + 192, 710 - n * 13, text)
    _draw(c, _placed(CLEAN, top=480), "line")


def _english_lines(c: canvas.Canvas) -> None:
    """English set word by word, each word its own string at its own place (no space
    drawn), justified by its word spaces; a centred heading above."""
    c.setFont("Helvetica-Bold", 16)
    c.drawCentredString(PAGE[0] / 2, 740, "Typesetting Explained")
    words = EN.split()
    lines, line = [], []
    for w in words:
        if line and pdfmetrics.stringWidth(" ".join(line + [w]), "Times-Roman", 11) > 280:
            lines.append(line)
            line = []
        line.append(w)
    lines.append(line)
    for n, line in enumerate(lines):
        natural = pdfmetrics.stringWidth("".join(line), "Times-Roman", 11)
        gap = (280 - natural) / (len(line) - 1) if n < len(lines) - 1 else 2.75
        x = LEFT
        for w in line:
            c.setFont("Times-Roman", 11)
            c.drawString(x, 700 - n * 14, w)
            x += pdfmetrics.stringWidth(w, "Times-Roman", 11) + gap


def _vertical(c: canvas.Canvas) -> None:
    """竖排: columns of characters drawn one below the other, right to left."""
    for col, text in enumerate(["今天上午市政府召开", "新闻发布会介绍全市"]):
        for k, ch in enumerate(text):
            c.setFont(SONG, SIZE)
            c.drawString(300 - col * 20, 700 - k * SIZE, ch)


# -- the structures other writers leave ---------------------------------------------------------

def _rotated_text(tmp: Path) -> Path:
    """A clean paragraph and, up a picture's edge, a credit set at 90°."""
    def paint(c):
        _draw(c, _placed(CLEAN), "line")
        c.saveState()
        c.translate(370, 300)
        c.rotate(90)
        c.setFont(SONG, 8)
        c.drawString(0, 0, "本报记者 王五 摄")
        c.restoreState()
    return _file(tmp, "rotated-text", paint)


def _boxed(tmp: Path, media: list[float], crop: list[float] | None, rotation: int = 0) -> Path:
    """The faulty paragraph on a page whose media box does not start at the origin (its
    content moved with it), cropped to `crop` where given, turned by `rotation`."""
    src = canvas_lines(tmp, FAULTY, "line", hole=HOLE)
    with pikepdf.open(src) as pdf:
        page = pdf.pages[0]
        page.obj.MediaBox = pikepdf.Array(media)
        if crop:
            page.obj.CropBox = pikepdf.Array(crop)
        if rotation:
            page.obj.Rotate = rotation
        page.contents_add(f"1 0 0 1 {media[0]} {media[1]} cm".encode(), prepend=True)
        return _written(pdf, tmp / "boxed.pdf")


def _pages(tmp: Path) -> Path:
    """Four pages: clean, faulty, blank, a picture alone (a scan)."""
    def paint(c):
        _draw(c, _placed(CLEAN), "line")
        c.showPage()
        _draw(c, _placed(FAULTY, hole=HOLE), "line")
        c.showPage()
        c.showPage()
        c.drawImage(_grey(), 0, 0, *PAGE)
        c.showPage()
    return _file(tmp, "pages", paint)


def _grey():
    """A scanned page's picture, for ReportLab to draw."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    grey = io.BytesIO()
    Image.new("L", (200, 400), 200).save(grey, "PNG")
    return ImageReader(grey)


def _scan(tmp: Path) -> Path:
    return _file(tmp, "scan", lambda c: c.drawImage(_grey(), 0, 0, *PAGE))


def _ocr_scan(tmp: Path) -> Path:
    """A scan with its OCR layer: the picture, and over it the text read from it drawn
    invisible (render mode 3), each line where the OCR engine boxed it — ， opening one."""
    def paint(c):
        c.drawImage(_grey(), 0, 0, *PAGE)
        for n, text in enumerate(FAULTY):
            t = c.beginText(LEFT, TOP - n * PITCH)
            t.setTextRenderMode(3)
            t.setFont(SONG, SIZE)
            t.textOut(text)
            c.drawText(t)
    return _file(tmp, "ocr", paint)


def _encrypted(tmp: Path, user: str) -> Path:
    src = canvas_lines(tmp, CLEAN, "line")
    with pikepdf.open(src) as pdf:
        pdf.save(tmp / f"locked-{bool(user)}.pdf",
                 encryption=pikepdf.Encryption(owner="owner", user=user, R=6))
    return tmp / f"locked-{bool(user)}.pdf"


def _xref_shifted(tmp: Path) -> Path:
    """The cross-reference table's offsets all wrong by 7 bytes, as a file edited by hand
    or sent through a text-mode transfer is left."""
    src = canvas_lines(tmp, CLEAN, "line")
    data = src.read_bytes()
    head, _, tail = data.rpartition(b"\nxref\n")
    fixed = re.sub(rb"(\d{10}) (\d{5}) n", lambda m: b"%010d %s n" % (int(m[1]) + 7, m[2]),
                   tail)
    path = tmp / "xref.pdf"
    path.write_bytes(head + b"\nxref\n" + fixed)
    return path


def _truncated(tmp: Path) -> Path:
    data = canvas_lines(tmp, CLEAN, "line").read_bytes()
    path = tmp / "cut.pdf"
    path.write_bytes(data[:len(data) * 2 // 3])
    return path


# -- the corpus: what a proofreader marks on each file ------------------------------------------

def _run(path: Path, capsys) -> tuple[int, str]:
    code = main(["check", "--typography", str(path)])
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "internal error" not in out.err, out.err
    return code, out.out + out.err


def _counts(path: Path) -> dict[str, int]:
    return {k: v for k, v in check_typography(path).to_dict()["counts"].items() if v}


CORRECT = {
    # ReportLab's canvas: a string a line spread by Tc, a text object a run, one a character
    "canvas-line": lambda t: canvas_lines(t, CLEAN, "line"),
    "canvas-word": lambda t: canvas_lines(t, CLEAN, "word"),
    "canvas-char": lambda t: canvas_lines(t, CLEAN, "char"),
    # TJ arrays: the room in the adjustments
    "tj-arrays": lambda t: tj_arrays(t, CLEAN),
    # text inside a Form XObject
    "form-xobject": lambda t: in_a_form(t, CLEAN),
    # ReportLab platypus: CJK wrapping, justified and ragged, a centred head, its
    # full-width line-end marks; two and five columns with narrow gutters, its 。 hung
    # into the gutter
    "platypus-justified": lambda t: platypus(t, "pj", [Paragraph(ZH, _zh())] * 2),
    "platypus-ragged": lambda t: platypus(t, "pr", [Paragraph(ZH, _zh(alignment=TA_LEFT))] * 2),
    "platypus-heads": lambda t: platypus(t, "ph", [
        Paragraph("市政府召开新闻发布会", ParagraphStyle("h", fontName=SONG, fontSize=20,
                                                   leading=28, alignment=TA_CENTER)),
        Paragraph(ZH, _zh())]),
    "platypus-2-columns": lambda t: platypus(t, "p2", [Paragraph(ZH, _zh())] * 6, 2, 10.0),
    "platypus-table": lambda t: platypus(t, "pt", [Paragraph(ZH, _zh()), Spacer(1, 12),
                                                   _figures_table(), Spacer(1, 12),
                                                   Paragraph(ZH, _zh())]),
    # cells set centred: read as a table's (they were short lines: 医师 / 副主任医师)
    "platypus-centred-table": lambda t: platypus(t, "pc", [Paragraph(ZH, _zh()), Spacer(1, 12),
                                                           _centred_table(), Spacer(1, 12),
                                                           Paragraph(ZH, _zh())]),
    "platypus-english": lambda t: platypus(t, "pe", [Paragraph(EN, _en())] * 3),
    "platypus-english-ragged": lambda t: platypus(t, "per", [
        Paragraph(EN, _en(alignment=TA_LEFT))] * 3),
    # fpdf2: its Type 0 fonts; two and five columns
    "fpdf2-2-columns": lambda t: _fpdf(t, "f2", _fpdf_columns(2, 11.0)),
    "fpdf2-5-columns": lambda t: _fpdf(t, "f5", _fpdf_columns(5, 8.0)),
    # a caption beside a picture; English word by word; 竖排 beside nothing
    "caption-beside-picture": lambda t: _file(t, "caption", _picture_and_caption),
    "english-word-by-word": lambda t: _file(t, "english", _english_lines),
    "rotated-credit": _rotated_text,
    # each line's runs inside one marked-content sequence with /ActualText (spread's archive,
    # Word, LaTeX): pdfium reads the line's text spread over its first run's box
    "actual-text-spans": lambda t: _marked(canvas_lines(t, CLEAN, "word"), t / "marked.pdf",
                                           CLEAN),
    # a Type 3 font; ideographic spaces and word spaces each drawn on its own
    "type3-font": lambda t: type3(t, CLEAN),
    "fpdf2-ideographic-spaces": lambda t: _fpdf(t, "league", _fpdf_league),
    "word-spaces-drawn-apart": lambda t: _file(t, "words", _word_by_word),
}


@pytest.mark.parametrize("name", CORRECT)
def test_correct_text_from_another_writer_has_no_finding(tmp_path, capsys, name):
    path = CORRECT[name](tmp_path)
    report = check_typography(path)
    assert report.findings == [] and report.ok, report.format()
    assert report.lines > 0
    assert _run(path, capsys)[0] == 0


FAULTY_FILES = {
    "canvas-line": lambda t: canvas_lines(t, FAULTY, "line", hole=HOLE),
    "canvas-word": lambda t: canvas_lines(t, FAULTY, "word", hole=HOLE),
    "canvas-char": lambda t: canvas_lines(t, FAULTY, "char", hole=HOLE),
    "tj-arrays": lambda t: tj_arrays(t, FAULTY, hole=HOLE),
    "form-xobject": lambda t: in_a_form(t, FAULTY, hole=HOLE),
    "actual-text-spans": lambda t: _marked(canvas_lines(t, FAULTY, "word", hole=HOLE),
                                           t / "marked.pdf", FAULTY),
    "type3-font": lambda t: type3(t, FAULTY, hole=HOLE),
}


def _expected_places(left: float = 0.0, top: float = PAGE[1]) -> dict[str, tuple[float, float]]:
    """Where each planted fault is, mm from the top-left corner of a page whose box
    corner is (left, top) in user space: the character's left and its line's baseline (a
    finding is placed at the top of the character's box, within an em above)."""
    placed = _placed(FAULTY, hole=HOLE)
    at = {"forbidden-start": placed[1][0], "split-number": placed[2][-1],
          "wide-gap": placed[HOLE[0]][HOLE[1]]}
    return {k: ((x - left) * MM, (top - y) * MM) for k, (_, x, y) in at.items()}


def _assert_placed(report, expected: dict[str, tuple[float, float]]) -> None:
    for f in report.findings:
        x, y = expected[f.kind]
        assert f.x_mm == pytest.approx(x, abs=0.6), (f, x)
        assert y - SIZE * MM <= f.y_mm <= y, (f, y)  # the box's top: above the baseline


@pytest.mark.parametrize("name", FAULTY_FILES)
def test_planted_faults_are_found_once_each_placed_with_their_line(tmp_path, capsys, name):
    path = FAULTY_FILES[name](tmp_path)
    report = check_typography(path)
    assert _counts(path) == FAULTS, report.format()
    _assert_placed(report, _expected_places())
    lines = {f.kind: f.line for f in report.findings}
    assert lines["forbidden-start"].startswith("，布会介绍")
    assert "达到1,2 / 34亿元" in lines["split-number"]
    assert lines["wide-gap"] == "34亿元，同比增长5.2%，就业"
    code, said = _run(path, capsys)
    assert code == 1 and "FAILED: 3 finding(s)" in said


@pytest.mark.parametrize("media, crop, rotation", [
    ([100, 200, 500, 1000], None, 0), ([100, 200, 500, 1000], [130, 250, 480, 960], 0),
    ([-50, -80, 350, 720], None, 0), ([100, 200, 500, 1000], [130, 250, 480, 960], 270)])
def test_findings_are_placed_from_the_corner_of_the_page_as_it_is_seen(tmp_path, media, crop,
                                                                        rotation):
    # a viewer shows the crop box (the media box where none), turned clockwise by /Rotate:
    # mm from the top-left corner of what it shows
    path = _boxed(tmp_path, media, crop, rotation)
    left, bottom, right, top = crop or media
    report = check_typography(path)
    assert _counts(path) == FAULTS, report.format()
    for f in report.findings:
        x, y = _expected_places()[f.kind]  # on the page drawn, from its top-left corner
        x, y = x / MM + media[0], media[1] + PAGE[1] - y / MM  # where it is drawn
        if rotation == 270:  # seen turned: across from the box's top, down from its right
            assert top - y - SIZE <= f.x_mm / MM <= top - y, f
            assert f.y_mm == pytest.approx((right - x) * MM, abs=0.6), f
        else:
            assert f.x_mm == pytest.approx((x - left) * MM, abs=0.6), f
            assert top - y - SIZE <= f.y_mm / MM <= top - y, f


def test_a_page_turned_by_rotate_and_text_turned_on_a_page(tmp_path):
    path = canvas_lines(tmp_path, FAULTY, "line", hole=HOLE)
    with pikepdf.open(path) as pdf:
        pdf.pages[0].obj.Rotate = 90
        turned = _written(pdf, tmp_path / "turned.pdf")
    report = check_typography(turned)
    assert _counts(turned) == FAULTS, report.format()
    # seen turned clockwise: across is up from the box's bottom (to the top of the
    # character's box, within an em above its baseline), down is along from its left
    expected = {k: (PAGE[1] * MM - y, x) for k, (x, y) in _expected_places().items()}
    for f in report.findings:
        x, y = expected[f.kind]
        assert x <= f.x_mm <= x + SIZE * MM and f.y_mm == pytest.approx(y, abs=0.6), f


def test_pages_blank_or_scanned_among_pages_of_text_are_named(tmp_path, capsys):
    path = _pages(tmp_path)
    report = check_typography(path)
    assert report.pages == 4 and {f.page for f in report.findings} == {2}
    assert _counts(path) == FAULTS
    code, said = _run(path, capsys)
    assert code == 1
    assert "page 3: no text" in said and "page 4: no text, only images" in said, said


@pytest.mark.parametrize("maker, exit_code, said", [
    (_scan, 1, "no text to check (a scan"),
    # an OCR layer is not what prints: its ， starting a line is no finding
    (_ocr_scan, 1, "invisible text: 78 character(s)"),
    (lambda t: _file(t, "blank", lambda c: c.rect(50, 50, 100, 100)), 1, "no text to check"),
    (lambda t: _file(t, "no-pages", lambda c: None), 1, "the file has no pages"),
    (lambda t: without_tounicode(_fpdf(t, "f", lambda p: p.multi_cell(200, 18, ZH)),
                                  t / "lost.pdf"), 1, "cannot be read as text"),
    (lambda t: _encrypted(t, ""), 0, "ok: no typographic findings"),
    (lambda t: _encrypted(t, "secret"), 2, "encrypted with a password"),
    (_xref_shifted, 2, "the file is damaged"),
    (_truncated, 2, "damaged"),
    (lambda t: _file(t, "vertical", _vertical), 0, "vertical text: 18 glyph(s)"),
])
def test_files_the_meter_cannot_read_whole_get_a_clear_message(tmp_path, capsys, maker,
                                                                 exit_code, said):
    code, out = _run(maker(tmp_path), capsys)
    assert (code, said in out) == (exit_code, True), out


# clreq §3.1.7 / GB/T 15834—2011 §5.1: marks no line starts with (a sample), written here
NOT_AT_START = set("、，。：；？！”’）》」")


def _drawn_lines(path: Path) -> list[str]:
    """The strings a file draws, one a line for these writers, as pypdf (a reader other
    than the meter's) reads them."""
    from pypdf import PdfReader

    texts: list[str] = []
    for page in PdfReader(str(path)).pages:
        page.extract_text(visitor_text=lambda t, *_: texts.append(t.strip()) if t.strip()
                          else None)
    return texts


@pytest.mark.parametrize("maker", [
    # fpdf2 breaks Han anywhere; ReportLab's CJK wrapping, five columns of 9 字, lets ，
    # start a line
    lambda t: _fpdf(t, "fh", _fpdf_headed),
    lambda t: platypus(t, "p5", [Paragraph(ZH, _zh(fontSize=9, leading=13,
                                                   firstLineIndent=18))] * 8, 5, 7.0),
])
def test_the_lines_a_writer_starts_with_a_mark_are_each_found(tmp_path, maker):
    path = maker(tmp_path)
    starts = [t for t in _drawn_lines(path) if t[0] in NOT_AT_START]
    report = check_typography(path)
    assert starts and _counts(path) == {"forbidden-start": len(starts)}, report.format()
    assert sorted(f.line for f in report.findings) == sorted(starts)


def _rebuilt(path: Path) -> list[str]:
    """The lines the meter rebuilds on every page (table cells too), as text."""
    import pypdfium2 as pdfium

    from spread.check.typography import page_lines, read_glyphs

    pdf = pdfium.PdfDocument(str(path))
    try:
        return [ln.text for n in range(len(pdf))
                for ln in page_lines(read_glyphs(pdf[n]).glyphs, n + 1)[0]]
    finally:
        pdf.close()


def _fpdf_english(pdf) -> None:
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(300, 15, EN + " " + EN, align="J", new_x="LMARGIN", new_y="NEXT")


@pytest.mark.parametrize("maker", [
    # columns 0.8 and 0.9 em apart, a hung 。 or a j's overhang narrowing the gap further
    lambda t: platypus(t, "p5", [Paragraph(ZH, _zh(fontSize=9, leading=13,
                                                   firstLineIndent=18))] * 8, 5, 7.0),
    lambda t: platypus(t, "pe4", [Paragraph(EN, _en(hyphenationLang="en_US",
                                                    embeddedHyphenation=1))] * 6, 4, 10.0),
    # fpdf2 justifies English without hyphenation: word spaces of an em line up, two lines
    # apart, as a table's cells would
    lambda t: _fpdf(t, "fe", _fpdf_english),
    # four columns 0.48 em apart, ReportLab's Han lines short of the measure by up to an
    # em, its paragraphs' last lines beside the gutter; English ragged 0.55 em apart
    lambda t: platypus(t, "zj4", [Paragraph(ZH, _zh())] * 8, 4, 5.0),
    lambda t: platypus(t, "er2", [Paragraph(EN, _en(alignment=TA_LEFT))] * 8, 2, 6.0),
])
def test_the_lines_a_writer_draws_come_back_whole(tmp_path, maker):
    path = maker(tmp_path)
    assert sorted(_rebuilt(path)) == sorted(_drawn_lines(path))
    assert check_typography(path).tables == []


def test_loose_justified_lines_of_a_narrow_column_are_no_table(tmp_path):
    # English justified 13 em to the line, 0.73 em between columns: its loosest lines'
    # first words start level and their last end level, two lines running, as a table's
    # cells stand; the lines above and below run across them
    path = platypus(tmp_path, "ej3", [Paragraph(EN, _en())] * 10, 3, 8.0)
    report = check_typography(path)
    assert report.tables == [] and report.count("loose-line") > 0
    drawn = _drawn_lines(path)
    assert sum(t in drawn for t in _rebuilt(path)) >= 0.97 * len(drawn)


MIXED = ("据新华社北京5月1日电（记者 王五）国家统计局今天发布数据，4月份制造业采购经理指数（PMI）为"
         "50.4%，比上月上升0.6个百分点。Apple公司发布的iPhone 15在华销量增长12.5%，GB/T 15834—2011"
         "规定了标点符号的用法。专家表示，经济运行总体平稳，就业形势稳定。")
NOT_AT_END = set("“‘（《「")  # clreq §3.1.7: opening marks end no line


def test_a_writer_s_breaks_after_an_opening_mark_and_inside_a_standard_s_number(tmp_path):
    # ReportLab's CJK wrapping sets Han and Latin ragged in three columns under a centred
    # head: it ends lines with （ and breaks GB/T 15834—2011 at its space (a last resort)
    head = ParagraphStyle("h", fontName=SONG, fontSize=22, leading=30, alignment=TA_CENTER)
    path = platypus(tmp_path, "mixed", [Paragraph("经济运行总体平稳", head)]
                    + [Paragraph(MIXED, _zh())] * 8, 3, 12.0)
    drawn = _drawn_lines(path)
    opened = [t for t in drawn if t[-1] in NOT_AT_END]
    coded = [t for t in drawn if t.endswith("GB/T")]
    assert opened and coded
    report = check_typography(path)
    assert _counts(path) == {"forbidden-end": len(opened), "unit-break": len(coded)}, \
        report.format()
    assert sorted(f.line for f in report.findings if f.kind == "forbidden-end") == sorted(opened)
