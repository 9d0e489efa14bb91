"""The archive's text read back per text of the content, as an archivist searching or copying
from it gets it: every text equal to the content's, line ends aside, by pdfium and pypdf —
on the default page (its report items' bold figures beside the body face), stress texts at
9字 and on the default layout, and a newcomer's page — and each character's highlight box
where its glyph is drawn. pdfium reads a space between two show operators more than ⅙ em
apart whatever they draw (57 on the default page, where a figure in its bold face stands
¼ em from the body face): the archive draws the glyph before such a gap with a blank glyph
whose advance ends where the next operator starts, in a span that reads as the glyph alone
(render._readings). Read as one span from before the gap to the line's end, such a line had
its characters boxed over the span's first operator (795 of the default page's 2307)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import CONTENT, LAYOUT, ROOT, own_edition  # noqa: E402
from test_searchable_text import (READERS, boxes_off, differences,  # noqa: E402
                                  marked_content, pdfium_text)
from spread.build import build  # noqa: E402
from spread.dump import content_records  # noqa: E402
from spread.edition import layout_for  # noqa: E402
from spread.validate import read  # noqa: E402

STRESS = ROOT / "tests" / "data" / "stress"


def _archive(content: Path, layout: Path, out: Path):
    result = build(str(content), str(layout), str(out), ("print", "archive"))
    return result, read(str(content), str(layout)).content


@pytest.fixture(scope="module")
def stress9(tmp_path_factory):
    """The third stress text at 9字: figures, units, Latin words and hyphenated names on
    lines of nine characters, many of them loose."""
    return _archive(STRESS / "content-3.yaml", STRESS / "layout-9zi.yaml",
                    tmp_path_factory.mktemp("stress9"))


@pytest.fixture(scope="module")
def dates(tmp_path_factory):
    """The second stress text on the default layout: dates and a number typed with spaces
    (今年5 月 18 日至6 月 30 日), which the composer sets tight."""
    return _archive(STRESS / "content-2.yaml", LAYOUT, tmp_path_factory.mktemp("dates"))


@pytest.fixture(scope="module")
def kicker(tmp_path_factory):
    """The ninth stress text on the default layout: a kicker opening with —— below a
    headline of 118 pt, whose line pdfium takes for the headline's."""
    return _archive(STRESS / "content-9.yaml", LAYOUT, tmp_path_factory.mktemp("kicker"))


@pytest.fixture(scope="module")
def hyphenated(tmp_path_factory):
    """The first stress text at 9字: Latin words the composer hyphenates at line ends."""
    return _archive(STRESS / "content.yaml", STRESS / "layout-9zi.yaml",
                    tmp_path_factory.mktemp("hyphenated"))


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
    which reads no /ActualText, reads a space at a few piece starts of loose lines that no
    cutting into show operators avoids: benchmarks/archive_text.py counts them.)"""
    result, content = stress9
    assert differences(pdfium_text(result.outputs["archive.pdf"]), content) == []


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_newcomer_page_reads_as_written(newcomer, reader):
    result, content = newcomer
    assert differences(READERS[reader](result.outputs["archive.pdf"]), content) == []


def test_each_character_is_boxed_where_it_is_drawn(default_build, stress9):
    """Search highlights land on the glyphs: pdfium boxes every character it reads from the
    archive within 3 pt of where it boxes the same character in the print file, which spans
    no text — on the default page (795 of 2307 were off) and on loose lines of nine
    characters, whose gaps pdfium would read as spaces too."""
    for result in (default_build, stress9[0]):
        off, read_ = boxes_off(result.outputs["archive.pdf"], result.outputs["print.pdf"])
        assert read_ > 1500 and off == 0


def test_the_archive_spans_single_glyphs_not_lines(default_build):
    """Each span of the default archive that gives a text reads one glyph (a glyph before a
    gap and its reach glyph; a letter and the composer's hyphen), inside its text object:
    none holds a text object, and there is one at least for each figure's gap."""
    marks = marked_content(default_build.outputs["archive.pdf"])
    said = [actual[2:].decode("utf-16-be") for op, actual in marks if op == "BDC" and actual]
    assert len(said) >= 57 and all(len(text) == 1 for text in said)
    assert not [after for (op, _), (after, _) in zip(marks, marks[1:])
                if op == "BDC" and after == "BT"]


@pytest.mark.parametrize("reader", sorted(READERS))
def test_the_spaces_the_author_typed_are_read(dates, reader):
    """今年5 月 18 日至6 月 30 日 as typed: the composer sets the date tight, the archive keeps
    each typed space as a space glyph every reader reads (both read 5月18日 before)."""
    result, content = dates
    found = differences(READERS[reader](result.outputs["archive.pdf"]), content)
    assert not [d for d in found if d.kind == "lost space"]
    assert "5 月 18 日" in " ".join(READERS[reader](result.outputs["archive.pdf"]).split())


def test_the_composer_s_hyphen_is_not_read_by_pdfium(hyphenated):
    """pdfium took the hyphen the composer adds at a line end for one (U+FFFE in its text):
    the archive draws the letter before it alone, in one span with the hyphen that reads as
    the letter, so the word reads as written, broken only by its line end."""
    result, content = hyphenated
    text = pdfium_text(result.outputs["archive.pdf"])
    assert "\ufffe" not in text and "\x02" not in text
    assert not [d for d in differences(text, content) if d.kind == "hyphen"]
    joined = re.sub(r"\r?\n", "", text)
    words = {w for r in content_records(content) if isinstance(r["value"], str)
             for w in re.findall(r"[A-Za-zÀ-ÿ]{8,}", r["value"])}
    assert "Düsseldorf" in words and not [w for w in words if w not in joined]


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_kicker_opening_with_dashes_reads_whole(kicker, reader):
    """pdfium puts a line within half the headline's em of it into the headline's line and
    reads that line's show operators by where they start: the kicker's —— was one of its
    own (its glyphs widened to join), which started left of the headline and the rest right
    of it (——城事周刊 / 科学、财经…). The archive keeps the dashes in the kicker's operator,
    outlined widened over their glyphs, and every text reads whole."""
    result, content = kicker
    assert differences(READERS[reader](result.outputs["archive.pdf"]), content) == []
    off, _ = boxes_off(result.outputs["archive.pdf"], result.outputs["print.pdf"])
    assert off == 0
