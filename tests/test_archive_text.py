"""The archive's text read back per text of the content, as an archivist searching or copying
from it gets it: every text equal to the content's, line ends aside, by pdfium and pypdf —
on the default page (its report items' bold figures beside the body face), a stress text
at 9字 and a newcomer's page. pdfium used to read a space wherever a figure in another face
stood ¼ em from a Han character (57 on the default page): the archive reads such a line as
one text (/ActualText), which pypdf, not honouring it, reads from the glyphs as before."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import CONTENT, LAYOUT, ROOT, drawn_edition, own_edition  # noqa: E402
from test_searchable_text import (READERS, differences, marked_content,  # noqa: E402
                                  pdfium_text)
from spread import render  # noqa: E402
from spread.build import build  # noqa: E402
from spread.dump import content_records  # noqa: E402
from spread.edition import layout_for  # noqa: E402
from spread.validate import read  # noqa: E402

STRESS = ROOT / "tests" / "data" / "stress"


def _archive(content: Path, layout: Path, out: Path):
    result = build(str(content), str(layout), str(out), ("archive",))
    return result, read(str(content), str(layout)).content


@pytest.fixture(scope="module")
def stress9(tmp_path_factory):
    """The third stress text at 9字: figures, units, Latin words and hyphenated names on
    lines of nine characters, many of them loose."""
    return _archive(STRESS / "content-3.yaml", STRESS / "layout-9zi.yaml",
                    tmp_path_factory.mktemp("stress9"))


@pytest.fixture(scope="module")
def newcomer(tmp_path_factory):
    """A newcomer's commemorative page (newcomer7/jinian): report items with bold figures."""
    folder = tmp_path_factory.mktemp("newcomer") / "jinian"
    own_edition(ROOT / "tests" / "data" / "newcomer7" / "jinian", folder)
    content = folder / "content.yaml"
    return _archive(content, Path(layout_for(str(content))), folder / "out")


@pytest.mark.parametrize("reader", sorted(READERS))
def test_the_default_page_s_archive_reads_as_written(default_build, reader):
    content = read(str(CONTENT), str(LAYOUT)).content
    assert differences(READERS[reader](default_build.outputs["archive.pdf"]), content) == []


def test_a_stress_page_at_9zi_reads_as_written_in_pdfium(stress9):
    """pdfium, whose boxes and gaps spread's checks read: every text as written. (pypdf,
    which reads no /ActualText, reads the composer's hyphen, drawn as - in 楷 whose soft
    hyphen is another glyph: benchmarks/archive_text.py counts them.)"""
    result, content = stress9
    assert differences(pdfium_text(result.outputs["archive.pdf"]), content) == []


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_newcomer_page_reads_as_written(newcomer, reader):
    result, content = newcomer
    assert differences(READERS[reader](result.outputs["archive.pdf"]), content) == []


def test_a_line_read_whole_holds_its_runs_and_no_span_of_theirs(default_build):
    """The archive's spans that read a line whole hold whole text objects, each read as the
    text of its line from its widest show operator on: the figures' lines of the default
    page, none of them nested."""
    marks = marked_content(default_build.outputs["archive.pdf"])
    whole = [actual[2:].decode("utf-16-be") for (op, actual), after in zip(marks, marks[1:])
             if op == "BDC" and after[0] == "BT"]
    assert len(whole) >= 40
    assert "开展“三重一新”劳动竞赛80余次，举办职工技术" in whole


@pytest.fixture(scope="module")
def typed_spaces(tmp_path_factory):
    """The second stress text on the default layout: 今年5 月 18 日至6 月 30 日, spaces typed
    between figures and Han that the composer sets as narrow gaps (or ends a line at)."""
    out = tmp_path_factory.mktemp("spaces")
    content, layout = STRESS / "content-2.yaml", ROOT / "layout" / "default.yaml"
    result = build(str(content), str(layout), str(out), ("print", "archive"))
    return result, read(str(content), str(layout)).content


@pytest.mark.parametrize("rendition", ["archive.pdf", "print.pdf"])
@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_typed_space_reads_as_a_space(typed_spaces, reader, rendition):
    """Every space the author typed is read where it was typed, by both readers, however
    narrow the gap it is set as: it is drawn, the face's blank space glyph in the show
    operator of the glyph before it (pdfium read none of 5 月 18 日's six, pypdf none
    either on the 9字 layout)."""
    result, content = typed_spaces
    found = differences(READERS[reader](result.outputs[rendition]), content)
    assert not [d for d in found if d.kind == "lost space"]
    assert "5 月 18 日至6 月 30 日" in READERS[reader](result.outputs[rendition]).replace(
        "\r", "").replace("\n", " ").replace("  ", " ")


def test_a_typed_space_is_drawn_in_its_glyph_s_show_operator(typed_spaces):
    """pdfium leaves out a text object that spans no width: a space shown on its own is lost
    to it. Each space drawn ends a show operator that draws a glyph before it."""
    result, _ = typed_spaces
    import pikepdf

    with pikepdf.open(result.outputs["archive.pdf"]) as pdf:
        shows = [bytes(operands[0]) for page in pdf.pages
                 for operands, op in pikepdf.parse_content_stream(page) if str(op) == "Tj"]
    spaced = [s for s in shows if s.endswith(b" ")]
    assert len(spaced) >= 6
    assert b" " not in shows


@pytest.mark.parametrize("reader", sorted(READERS))
def test_an_interview_s_emphasised_labels_read_as_printed(tmp_path, reader):
    """An interview's **问：** and **答：** print 问： and 答： in bold: the archive reads them
    as printed, its marks of emphasis not being text (28 read as lost before: the measure
    compared the marks too)."""
    folder = drawn_edition(ROOT / "tests" / "data" / "newcomer11", tmp_path, "renwu")
    content = folder / "content.yaml"
    result, model = _archive(content, Path(layout_for(str(content))), folder / "out")
    assert differences(READERS[reader](result.outputs["archive.pdf"]), model) == []


@pytest.fixture(scope="module")
def hyphenated9(tmp_path_factory):
    """The first stress text at 9字: internationalization, Düsseldorf and others hyphenated
    by the composer at line ends."""
    return _archive(STRESS / "content.yaml", STRESS / "layout-9zi.yaml",
                    tmp_path_factory.mktemp("hyphenated9"))


def test_a_word_hyphenated_at_a_line_end_reads_whole_in_pdfium(hyphenated9):
    """pdfium reads each Latin word the composer hyphenated whole, as one would search for
    it: no hyphen, no line break, no U+FFFE (its mark of a hyphen ending a line, which it
    put wherever it read the hyphen's glyph — an empty /ActualText it takes as none)."""
    result, content = hyphenated9
    text = pdfium_text(result.outputs["archive.pdf"])
    added = [item for item in result.page.items if hasattr(item, "actual")
             and any(not t and b == len(item.chars) for _, b, t in item.actual)]
    assert added  # the layout still hyphenates
    assert "\ufffe" not in text
    words = {w for r in content_records(content) if isinstance(r["value"], str)
             for w in re.findall(r"[A-Za-zÀ-ÿ]{8,}", r["value"])}
    assert {"internationalization", "Düsseldorf"} <= words
    assert [w for w in words if w not in text] == []
    assert differences(text, content) == []


def test_a_hyphenated_word_s_two_lines_are_one_span(hyphenated9):
    """The run that ends with the hyphen and the next line's first run are one marked-content
    sequence of whole text objects, read as their text without the hyphen."""
    result, _ = hyphenated9
    marks = marked_content(result.outputs["archive.pdf"])
    whole = [actual[2:].decode("utf-16-be") for (op, actual), after in zip(marks, marks[1:])
             if op == "BDC" and after[0] == "BT"]
    assert any("internationalization" in text for text in whole)


@pytest.fixture(scope="module")
def loose9(tmp_path_factory):
    """The eighth stress text at 9字: figures and Han on loose lines (深证成指报10,972), whose
    gaps are cut into show operators where they differ."""
    out = tmp_path_factory.mktemp("loose9")
    content, layout = STRESS / "content-8.yaml", STRESS / "layout-9zi.yaml"
    result = build(str(content), str(layout), str(out), ("print", "archive"))
    return result, read(str(content), str(layout)).content


@pytest.mark.parametrize("rendition", ["archive.pdf", "print.pdf"])
def test_pypdf_reads_no_space_between_show_operators_the_text_has_none_between(loose9,
                                                                                rendition):
    """pypdf, which honours no /ActualText, read a space wherever its pen, following a show
    operator, fell half a space short of the next (6 on this page: 深证成指报 10,972): each
    such gap is bridged by moves of the pen that draw nothing, each too short to be read as
    a space. pdfium reads as before."""
    result, content = loose9
    assert differences(READERS["pypdf"](result.outputs[rendition]), content) == []
    moves = [op for op in _operators(result.outputs[rendition])
             if op[1] == "TJ" and all(not isinstance(o, bytes) for o in op[0])]
    assert moves and all(-render.BRIDGE_STEP <= n < 0 for operands, _ in moves
                         for n in operands)


def _operators(path: Path) -> list[tuple[list, str]]:
    """Every page's show operators: (a TJ's array as bytes and numbers, or a Tj's string)."""
    import pikepdf

    out = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for operands, op in pikepdf.parse_content_stream(page):
                if str(op) == "TJ":
                    out.append(([bytes(o) if isinstance(o, pikepdf.String) else float(o)
                                 for o in operands[0]], "TJ"))
                elif str(op) == "Tj":
                    out.append(([bytes(operands[0])], "Tj"))
    return out


@pytest.fixture(scope="module")
def kicker(tmp_path_factory):
    """The ninth stress text on the default layout: a kicker (——科学、财经…) at 28 pt, its
    baseline 54.6 pt under a 118-pt headline, its —— left of the headline's first glyph."""
    return _archive(STRESS / "content-9.yaml", LAYOUT, tmp_path_factory.mktemp("kicker"))


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_kicker_under_a_large_headline_reads_whole(kicker, reader):
    """pdfium took the kicker for part of the headline's line (its baseline within half a
    headline glyph) and read that line's text objects from left to right: ——城事周刊 and the
    kicker's rest after. The headline and the kicker now read as one span, in the order
    drawn; pypdf reads in the order drawn as before."""
    result, content = kicker
    assert differences(READERS[reader](result.outputs["archive.pdf"]), content) == []


def test_the_spaced_dash_s_gap_is_bridged_for_pypdf(tmp_path):
    """A dash's pen, widened (—— drawn as one line), is followed as pypdf follows it: the
    kicker's ——写在岁末 on a glyph-scaled 9字 line read —— 写 (a space after the dashes)."""
    result, content = _archive(STRESS / "content-7.yaml", STRESS / "layout-9zi.yaml", tmp_path)
    assert differences(READERS["pypdf"](result.outputs["archive.pdf"]), content) == []


def test_the_meter_matches_pdfium_s_objects_to_the_shows_that_draw(loose9):
    """The show operators the meter counts, one for each of pdfium's text objects (so it
    can read what a lone space or ideographic space draws), leave out a TJ of moves alone,
    which makes no object: counted, every object after the first such move was matched
    with the show before it, and a name spread to its cell (鄢　然) read as a 1-em gap."""
    import pypdfium2 as pdfium

    from spread.check import reading

    path = loose9[0].outputs["print.pdf"]
    shows = []
    with reading.open_source(path) as source:
        reading.count_page_work(source, source.pdf.pages[0], 1,
                                lambda font, data: shows.append(data))
    page = pdfium.PdfDocument(str(path))[0]
    texts = [o for o in page.get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_TEXT]
    assert len(shows) == len(texts)
    assert any(op[1] == "TJ" and not any(isinstance(o, bytes) for o in op[0])
               for op in _operators(path))
