"""The renditions' text read back as an archivist reads it: every text of the content found
whole in what pdfium (the reader spread's checks use) and pypdf (a second, unrelated reader)
extract from the real PDF, line-end breaks aside — a name spread to its cell (张　三), a word
hyphenated at a line end, read as written.

Run as a script to list every difference a page's renditions have from its content:
`python tests/test_searchable_text.py [CONTENT [LAYOUT]]`."""

from __future__ import annotations

import re
import sys
from collections import Counter
from itertools import combinations
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdf
import pypdfium2 as pdfium
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import CONTENT, LAYOUT, ROOT  # noqa: E402
from test_honour_names import ROLL30, bare, with_roll  # noqa: E402
from spread import render  # noqa: E402
from spread.build import build  # noqa: E402
from spread.compose.model import Style  # noqa: E402
from spread.dump import content_records  # noqa: E402
from spread.page import Colour, TextRun  # noqa: E402
from spread.validate import read  # noqa: E402

STRESS = ROOT / "tests" / "data" / "stress"
# between two characters of a text, what a reader may give: nothing, white space (a line
# break, a space), pdfium's mark for a hyphen it takes to end a line (U+FFFE), a soft hyphen
# (U+00AD, the hyphen Unicode has for a line break only), or a hyphen drawn at a line end
_JOINT = "((?:\\s|\ufffe|\u00ad|-(?=\\s))*)"


def pdfium_text(path: Path) -> str:
    doc = pdfium.PdfDocument(str(path))
    return "\n".join(page.get_textpage().get_text_range() for page in doc)


def pypdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)


READERS = {"pdfium": pdfium_text, "pypdf": pypdf_text}


@dataclass(frozen=True)
class Difference:
    """One place where a reader gives a content text otherwise than written: its kind, the
    content path, and the source and the reading around it."""

    path: str
    kind: str  # space Han|Latin (a space not written), lost space, hyphen, other
    source: str
    found: str

    def __str__(self) -> str:
        return f"[{self.kind}] {self.path}: «{self.source}» reads «{self.found}»"


def _class(ch: str) -> str:
    if "\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch:
        return "Han"
    if ch.isalnum():
        return "Latin"
    return "mark"


def differences(text: str, content) -> list[Difference]:
    """Every difference between the content's drawn texts and `text` as a reader gave it.
    Between two characters a line end is no difference: a line break (and a hyphen pdfium
    marks as ending a line) where the text has none, or one where it has a space."""
    out = []
    for record in content_records(content):
        source = record["value"]
        if not isinstance(source, str) or not source.strip() or _undrawn(record["path"]):
            continue
        out += _text_differences(record["path"], printed(source), text)
    return out


def printed(source: str) -> str:
    """A content text as it prints: its marks of emphasis (**) and of not-a-figure (`) are
    not drawn (spread.content checks that they come in pairs)."""
    return source.replace("**", "").replace("`", "")


def _text_differences(path: str, source: str, text: str) -> list[Difference]:
    chars = [ch for ch in source if not ch.isspace()]
    spaced = set()  # where the text has white space: after which of its characters
    k = -1
    for ch in source.strip():
        if ch.isspace():
            spaced.add(k)
        else:
            k += 1
    m = re.search(_JOINT.join(re.escape(ch) for ch in chars), text)
    if m is None:
        return [_first_difference(path, source, text)]
    out = []
    for k in range(len(chars) - 1):
        joint = m.group(k + 1)
        here = m.start(k + 1)
        kind = ""
        if k in spaced:
            if not joint:
                kind = "lost space"
        elif "-" in joint:
            kind = "hyphen"
        elif " " in joint and not ("\n" in joint or "\r" in joint):
            kind = f"space {_class(chars[k])}|{_class(chars[k + 1])}"
        if kind:
            out.append(Difference(path, kind, "".join(chars[max(0, k - 5):k + 7]),
                                  text[max(0, here - 6):here + len(joint) + 6]))
    return out


def _first_difference(path: str, source: str, text: str) -> Difference:
    """Where a text stops reading back, whitespace and line ends aside."""
    chars = [ch for ch in source if not ch.isspace()]
    reached, end = 0, 0
    for n in range(1, len(chars) + 1):  # the longest start of it read back
        m = re.search(_JOINT.join(re.escape(ch) for ch in chars[:n]), text)
        if not m:
            break
        reached, end = n, m.end()
    kind = "absent" if not reached else "other"
    return Difference(path, kind, "".join(chars[max(0, reached - 6):reached + 6]),
                      text[max(0, end - 6):end + 6] if reached else "")


def _undrawn(path: str) -> bool:
    """Fields that name things rather than print text: files, kinds, styles, ids."""
    leaf = path.rsplit(".", 1)[-1]
    return re.sub(r"\[\d+\]$", "", leaf) in {"file", "kind", "chart", "style", "id", "layout",
                                              "template", "slot", "region"}


def marked_content(path: Path) -> list[tuple[str, bytes | None]]:
    """The marked content of every page, in order: ("BDC", its ActualText or None) and
    ("EMC", None), with ("BT"/"ET", None) around text objects."""
    out = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for operands, op in pikepdf.parse_content_stream(page):
                name = str(op)
                if name == "BDC":
                    props = operands[1]
                    actual = props.get("/ActualText") if isinstance(props, pikepdf.Dictionary) \
                        else None
                    out.append((name, bytes(actual) if actual is not None else None))
                elif name in ("EMC", "BT", "ET"):
                    out.append((name, None))
    return out


# -- the pages --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def roll30(tmp_path_factory):
    folder = tmp_path_factory.mktemp("roll")
    path, layout = with_roll(folder, "commemorative", bare(ROLL30))
    return build(str(path), str(layout), str(folder / "out"), ("print", "archive"))


@pytest.fixture(scope="module")
def hyphenated(tmp_path_factory):
    """A stress text at 9字, where Latin words are hyphenated at line ends."""
    out = tmp_path_factory.mktemp("stress")
    content = STRESS / "content.yaml"
    result = build(str(content), str(STRESS / "layout-9zi.yaml"), str(out),
                   ("print", "archive"))
    return result, read(str(content), str(STRESS / "layout-9zi.yaml")).content


@pytest.mark.parametrize("rendition", ["archive.pdf", "print.pdf"])
@pytest.mark.parametrize("reader", sorted(READERS))
def test_every_name_of_a_roll_reads_whole(roll30, rendition, reader):
    """张三, spread to its cell's ends a whole em apart, reads 张三, not 张 三: both readers
    find every name of the 名单 whole, each apart from the next."""
    text = READERS[reader](roll30.outputs[rendition])
    names = re.findall(r"\S+", text[text.index(ROLL30[0]):])
    assert names[:len(ROLL30)] == ROLL30


@pytest.mark.parametrize("rendition", ["archive.pdf", "print.pdf"])
def test_a_hyphenated_word_reads_whole(hyphenated, rendition):
    """The composer's hyphen reads as nothing: pdfium gives every long Latin word of the
    stress text whole (where a line ended inside one it keeps U+FFFE, no hyphen, no break)."""
    result, content = hyphenated
    text = pdfium_text(result.outputs[rendition]).replace("\ufffe", "")
    words = {w for r in content_records(content) if isinstance(r["value"], str)
             for w in re.findall(r"[A-Za-zÀ-ÿ]{8,}", r["value"])}
    assert words
    assert not [w for w in words if w not in text]


def test_the_composer_s_hyphen_is_marked_as_reading_as_nothing(hyphenated):
    """In print, every hyphen the composer added (and nothing else) is a marked-content span
    whose /ActualText is empty, so a reader that honours it (PDF 32000-1 14.9.4) drops it.
    (The archive reads a line with a gap read as a space not written as one span: its
    hyphen is left out of that span's text — test_archive_text.)"""
    result, _ = hyphenated
    added = sum(text == "" for item in result.page.items if hasattr(item, "actual")
                for _, _, text in item.actual)
    assert added > 0
    assert [a for op, a in marked_content(result.outputs["print.pdf"]) if op == "BDC"
            ].count(b"") == added


@pytest.mark.parametrize("rendition", ["archive.pdf", "print.pdf"])
def test_pypdf_reads_the_composer_s_hyphen_as_a_soft_hyphen(hyphenated, rendition):
    """pypdf, which does not honour /ActualText, reads a hyphen the composer added as a soft
    hyphen (U+00AD) where the face draws its soft hyphen as its hyphen (Noto CJK's 宋 and 黑
    map both to one glyph): not as a hyphen of the text. A face whose soft hyphen is another
    glyph (楷, wider) draws - as before, which pypdf reads as a hyphen."""
    result, content = hyphenated
    added = sum(text == "" for item in result.page.items if hasattr(item, "actual")
                for _, _, text in item.actual)
    text = pypdf_text(result.outputs[rendition])
    soft = text.count("\u00ad")
    assert 0 < soft <= added
    assert len([d for d in differences(text, content) if d.kind == "hyphen"]) == added - soft


@pytest.mark.parametrize("rendition", ["archive.pdf", "print.pdf"])
def test_marked_content_is_balanced_and_its_text_utf16(roll30, hyphenated, rendition):
    """Each BDC has its EMC inside the same text object, or holds whole text objects (the
    archive's line read as one text), none nested; every /ActualText is empty or UTF-16BE
    with its byte order mark (a PDF text string)."""
    for result in (roll30, hyphenated[0]):
        marks = marked_content(result.outputs[rendition])
        depth, in_text, inside = 0, False, False
        for op, actual in marks:
            if op == "BT":
                assert not in_text
                in_text = True
            elif op == "ET":
                assert in_text and not (depth and inside), "a span crosses its text's end"
                in_text = False
            elif op == "BDC":
                assert depth == 0
                depth, inside = 1, in_text
                assert actual == b"" or actual.startswith(b"\xfe\xff"), actual
                assert actual == b"" or actual[2:].decode("utf-16-be")
            else:
                assert depth == 1 and in_text == inside, "a span crosses a text's start"
                depth -= 1
        assert depth == 0 and not in_text


def test_the_print_file_reads_back_as_written_but_for_face_changes(default_build):
    """pypdf reads every text of the default page's print file as written. pdfium too, but
    for a space where a report item's figure, set in its bold face, meets the text's face:
    two text objects ¼ em apart, which pdfium reads as a word space whatever they draw
    (CPDF_TextPage::ProcessInsertObject). The archive reads such a line as one text
    (/ActualText), at the cost of pdfium's boxes of its characters (test_archive_text); the
    print file keeps its characters' boxes, which the typography meter reads."""
    content = read(str(CONTENT), str(LAYOUT)).content
    path = default_build.outputs["print.pdf"]
    assert differences(pypdf_text(path), content) == []
    found = differences(pdfium_text(path), content)
    assert not [d for d in found if d.kind not in ("space Han|Latin", "space Latin|Han")
                or not re.match(r"(sections\[\d+\]\.report\.items|figures)\[", d.path)]


def test_a_figure_in_the_text_face_reads_without_a_space(tmp_path):
    """A Han character and the figure beside it, ¼ em apart in one face, are drawn by one
    show operator with that gap as its character spacing: neither reader reads a space."""
    intro = "全年举办活动46场，参与职工3.2万人次，覆盖企业1200余家，fair play精神。"
    data = yaml.safe_load(CONTENT.read_text(encoding="utf-8"))
    data["sections"][0]["intro"] = intro
    path = tmp_path / "content.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build(str(path), str(LAYOUT), str(tmp_path / "out"), ("archive",))
    for reader in READERS.values():
        assert _text_differences("intro", intro, reader(result.outputs["archive.pdf"])) == []


def test_a_text_is_compared_as_it_prints():
    """Marks of emphasis and of not-a-figure are not drawn: a text is compared without them."""
    assert printed("**问：**引进`A320`客机") == "问：引进A320客机"
    assert _text_differences("x", printed("**问：**好"), "问：好") == []


# -- the typography meter and the spaces drawn --------------------------------------------

def test_the_meter_reads_a_line_broken_at_a_typed_space_as_no_split(tmp_path):
    """彗星C/2023 A3, broken at its space: the space is drawn at the line's end, so the
    typography meter reads the break as at a space, not as C/2023A3 split (it could not
    tell the two apart when no space was drawn)."""
    from spread.check.typography import check_typography

    result = build(str(STRESS / "content-12.yaml"), str(LAYOUT), str(tmp_path), ("print",),
                   check=False)
    text = pdfium_text(result.outputs["print.pdf"])
    assert "C/2023 \r\nA3" in text  # the layout still breaks there
    report = check_typography(result.outputs["print.pdf"])
    assert not [f for f in report.findings if f.kind == "split-word"], report.format()


def _fpdf_lines(tmp_path: Path, lines: list[str]) -> Path:
    """A page of lines as fpdf2 draws them: each a show operator, its text as given."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(unit="pt", format=(595, 842))
    pdf.add_page()
    pdf.add_font("song", fname=str(ROOT / "fonts" / "NotoSerifSC-Regular.ttf"))
    pdf.set_font("song", size=11)
    for n, line in enumerate(lines):
        pdf.text(60, 80 + 16 * n, line)
    pdf.output(str(tmp_path / "fpdf.pdf"))
    return tmp_path / "fpdf.pdf"


def test_a_foreign_file_s_drawn_space_and_its_want_of_one(tmp_path):
    """Another writer's page (fpdf2, which draws a space as a space glyph): a line ending
    with a drawn space before C/2023's A3 is no split; the same break without the space
    drawn still is one, and a space drawn inside a line reads as a word space."""
    from spread.check.typography import check_typography

    body = "本周最值得抬头看的，是彗星"
    spaced = _fpdf_lines(tmp_path, [body + "C/2023 ", "A3（紫金山—阿特拉斯）。它的轨道周期约为",
                                    "8万年，近日点距离约 0.39 AU。"])
    report = check_typography(spaced)
    assert not [f for f in report.findings if f.kind == "split-word"], report.format()
    assert "约 0.39 AU" in pdfium_text(spaced)
    (tmp_path / "cut").mkdir()
    cut = _fpdf_lines(tmp_path / "cut", [body + "C/2023", "A3（紫金山—阿特拉斯）。它的轨道周期约为",
                                         "8万年，近日点距离约 0.39 AU。"])
    assert [f.line for f in check_typography(cut).findings if f.kind == "split-word"] == [
        body + "C/2023 / A3（紫金山—阿"]


# -- the show operators -------------------------------------------------------------------

class _Face:
    """Advances of a made-up face: Han 1 em, figures ½, a mark ⅓."""

    def advance(self, ch: str) -> float:
        return {"8": 0.5, "、": 1 / 3}.get(ch, 1.0)


@st.composite
def _runs(draw):
    """A run of up to eight glyphs, its gaps from the composer's kinds (none, justification,
    a Han–figure space, a spread name's em), some of its places spaces in the text."""
    chars = draw(st.text("字8、", min_size=1, max_size=8))
    gaps = draw(st.lists(st.sampled_from([0.0, 0.05, 0.25, 1.0, -0.5]),
                         min_size=len(chars) - 1, max_size=len(chars) - 1))
    apart = draw(st.sets(st.integers(1, max(1, len(chars) - 1)))) if len(chars) > 1 else set()
    size, xs = 10.0, [0.0]
    for ch, gap in zip(chars, gaps):
        xs.append(xs[-1] + (_Face().advance(ch) + gap) * size)
    return TextRun(chars, tuple(xs), 0.0, Style("song", size), "song.0",
                   Colour("text", (0, 0, 0, 1), (0, 0, 0)), apart=tuple(sorted(apart)))


def _gaps(run: TextRun) -> list[float]:
    return [run.xs[k] - run.xs[k - 1] - _Face().advance(run.chars[k - 1]) * run.style.size
            for k in range(1, len(run.chars))]


def _read_spaces(run: TextRun, starts: list[int]) -> int:
    """The places a reader reads a space the text does not have: a piece starting, where
    the text has nothing, further from the glyph before it than pdfium's share of the wider
    glyph, or further than NARROW from where the piece before left the pen, its spacing
    added after its last glyph (pypdf)."""
    gaps = _gaps(run)
    size, face = run.style.size, _Face()
    read = 0
    for a, k in zip(starts, starts[1:]):
        spacing = gaps[a] if k - a > 1 else 0.0
        far = render._pdfium_space(face.advance(run.chars[k - 1]), face.advance(run.chars[k]))
        read += k not in run.apart and (gaps[k - 1] > far * size
                                        or gaps[k - 1] - spacing > render.NARROW * size)
    return read


def _equal_gaps(run: TextRun, starts: list[int]) -> bool:
    """Whether every piece of this cutting keeps one spacing."""
    gaps = _gaps(run)
    ends = [*starts[1:], len(run.chars)]
    return all(abs(gaps[k] - gaps[a]) < 0.001 for a, b in zip(starts, ends)
               for k in range(a, b - 1))


@given(_runs())
def test_show_operators_draw_every_glyph_where_layout_put_it(run):
    """The pieces cover the run in order, each glyph at its place from its piece's start,
    its advance and the piece's spacing; a space of the text starts a piece; and no other
    cutting of the run has fewer places a reader reads a space not written."""
    pieces = render._pieces(run, _Face())
    assert "".join(text for _, text, *_ in pieces) == run.chars
    starts = [start for start, *_ in pieces]
    for start, text, x, _, spacing, _ in pieces:
        for k in range(len(text)):
            assert x == pytest.approx(run.xs[start + k], abs=1e-6)
            x += _Face().advance(text[k]) * run.style.size + spacing
    assert set(run.apart) <= set(starts)
    n = len(run.chars)
    fewest = min(_read_spaces(run, [0, *cut]) for m in range(n)
                 for cut in combinations(range(1, n), m)
                 if _equal_gaps(run, [0, *cut]) and set(run.apart) <= set(cut))
    assert _read_spaces(run, starts) == fewest


# -- measuring ---------------------------------------------------------------------------------

def report(content_path: str, layout_path: str, out: str) -> int:
    """Every difference of the page's two renditions, by reader, counted by kind."""
    result = build(content_path, layout_path, out, ("print", "archive"), check=False)
    content = read(content_path, layout_path).content
    total = 0
    for rendition in ("archive.pdf", "print.pdf"):
        for reader, extract in READERS.items():
            found = differences(extract(result.outputs[rendition]), content)
            total += len(found)
            kinds = Counter(d.kind for d in found)
            print(f"{rendition} {reader}: {len(found)} differences "
                  f"({', '.join(f'{k} {n}' for k, n in kinds.most_common())})")
            for d in found:
                print(f"  {d}")
    return total


if __name__ == "__main__":
    import tempfile
    args = sys.argv[1:] + [str(CONTENT), str(LAYOUT)][len(sys.argv[1:]):]
    with tempfile.TemporaryDirectory() as folder:
        report(args[0], args[1], folder)
