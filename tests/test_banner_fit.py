"""The banner's headline fit (its option headline_fit): a commemorative page from its template
with a headline longer than its 118 pt lines hold is set with the headline alone smaller, in
whole points, no smaller than the layout's floor (two thirds: 78 pt), its lines balanced and
centred; the kicker and folio keep their sizes; past the floor the build refuses, naming the
headline and by how much. Sizes and lines are read back from the print PDF."""

from __future__ import annotations

import ctypes
import re
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run

SPREAD = Path(sys.executable).parent / "spread"
FULL, FLOOR = 118.0, 78  # the template's headline size; 0.66 of it, in whole points up
TEXT = "奉化区总工会五年来团结带领广大职工建功立业维权维稳关心关爱文化文明基层基础工程"
KICKER, FOLIO = 28.0, 10.5  # the kicker's size, the folio line's (五号)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """`spread init --template commemorative mypage`, its folio line filled in."""
    desk = tmp_path_factory.mktemp("desk")
    run(SPREAD, "init", "--template", "commemorative", "mypage", cwd=desk)
    return desk / "mypage"


def edition(template: Path, where: Path, headline: str) -> Path:
    """A copy of the template's edition with this headline; its content file."""
    where.mkdir()
    content = yaml.safe_load((template / "content.yaml").read_text(encoding="utf-8"))
    content["headline"] = headline
    content["edition"] = {"paper": "奉化日报", "date": "2021-12-01", "page": "第5版",
                          "page_title": "特刊"}
    (where / "content.yaml").write_text(yaml.safe_dump(content, allow_unicode=True),
                                        encoding="utf-8")
    (where / "edition.yaml").write_text((template / "edition.yaml").read_text("utf-8"),
                                        encoding="utf-8")
    return where / "content.yaml"


def glyphs(pdf: Path) -> list[tuple[str, float, float, float]]:
    """(character, x, baseline y, size) of every drawn character."""
    page = pdfium.PdfDocument(str(pdf))[0]
    text = page.get_textpage()
    x, y = ctypes.c_double(), ctypes.c_double()
    out = []
    for i in range(text.count_chars()):
        ch = chr(pdfium.raw.FPDFText_GetUnicode(text.raw, i))
        if ch.isspace() or pdfium.raw.FPDFText_IsGenerated(text.raw, i):
            continue
        pdfium.raw.FPDFText_GetCharOrigin(text.raw, i, x, y)
        out.append((ch, x.value, y.value, pdfium.raw.FPDFText_GetFontSize(text.raw, i)))
    return out


def built(template: Path, tmp_path: Path, headline: str):
    content = edition(template, tmp_path / "ed", headline)
    done = run(SPREAD, "build", str(content), "--rendition", "print", cwd=tmp_path)
    pdf = content.parent / "out" / "content.print.pdf"
    return done, pdf, pdfium.PdfDocument(str(pdf))[0].get_width()


@pytest.mark.parametrize("headline", ["画说工会这五年", "画说工会这五年风采", "画说工会这五年的风采录"])
def test_a_longer_headline_is_set_smaller_in_balanced_centred_lines(template, tmp_path,
                                                                     headline):
    done, pdf, page_width = built(template, tmp_path, headline)
    drawn = glyphs(pdf)
    head = [g for g in drawn if g[3] > 60 and ord(g[0]) > 0x3000]  # 数说 figures: digits
    assert "".join(g[0] for g in head) == headline  # every character, in order
    (size,) = {round(g[3], 2) for g in head}
    said = re.search(r"the banner's headline set at (\d+) pt to fit, layout allows down to (\d+) pt",
                     done.stderr + done.stdout)
    if len(headline) == 7:  # as the style sets it, nothing said
        assert size == FULL and not said
    else:
        assert said and float(said.group(1)) == size, done.stderr
        assert FLOOR <= size < FULL and size == int(size)  # whole points, within the bound
        assert float(said.group(2)) == FLOOR
    lines: dict[float, list] = {}
    for g in head:
        lines.setdefault(round(g[2], 1), []).append(g)
    counts = [len(line) for line in lines.values()]
    assert max(counts) - min(counts) <= 1, counts  # balanced: 5 + 4, never 8 + 1
    for line in lines.values():  # each centred on the page, within a character's tracking
        left, right = line[0][1], line[-1][1] + size
        assert abs((left + right) / 2 - page_width / 2) < 0.1 * size, (left, right)
    # the kicker and the folio line keep their sizes, and stand clear of the headline
    kicker = [g for g in drawn if abs(g[3] - KICKER) < 0.05]
    folio = [g for g in drawn if g[0] in "奉化日报第5版" and abs(g[3] - FOLIO) < 0.05]
    assert kicker and folio
    lowest = min(g[2] for g in head)
    assert max(g[2] for g in kicker) + KICKER < lowest - 0.1 * size  # not overset onto it
    assert min(g[2] for g in folio) > max(g[2] for g in head) + 0.8 * size


def test_a_headline_past_the_floor_is_refused_saying_how_much(template, tmp_path):
    content = edition(template, tmp_path / "ed", TEXT)
    done = subprocess.run([str(SPREAD), "build", str(content), "--rendition", "print"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert re.search(r"content\.yaml:\d+:\d+ \(headline\): overset: the headline «"
                     + TEXT + r"» \(\d line\(s\)\).*: [\d.]+ mm over", done.stderr), done.stderr
    assert "headline_fit" in done.stderr and "holds about" in done.stderr
    assert not (content.parent / "out" / "content.print.pdf").exists()


@settings(max_examples=12, deadline=None)
@given(length=st.integers(1, len(TEXT)))
def test_any_headline_is_set_within_the_bound_or_refused(template, tmp_path_factory, length):
    """Set in-process: either every character drawn at a size within the bound, or an
    overset naming the headline."""
    from spread.errors import OversetError
    from spread.page import TextRun
    from spread.validate import set_page

    headline = TEXT[:length]
    content = edition(template, tmp_path_factory.mktemp("ed") / "ed", headline)
    page = set_page(str(content), str(Path(__file__).parents[1] / "layout"
                                      / "commemorative.yaml"))
    banner = [p for p in page.problems if "headline" in p.error.message]
    if banner:
        assert isinstance(banner[0].error, OversetError)
        assert banner[0].error.where.path == "headline"
        return
    assert not page.problems, [p.error.message for p in page.problems]
    runs = [i for i in page.page.items if isinstance(i, TextRun) and i.style.size > 60
            and not i.chars.isascii()]
    assert "".join(r.chars for r in runs) == headline
    assert all(FLOOR <= r.style.size <= FULL for r in runs)
