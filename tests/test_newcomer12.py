"""A newcomer's own page, round 12, of a kind the earlier rounds did not make: a 图片专版
(photo page) — one winter night's workers, the power line's repair in one big photo across
the page, a strip of four small photos under it, each with its caption and its
photographer's credit, and the photographer's notes (拍摄手记) beside a lineman's portrait —
started from `spread init --template photo --copy-layout` and written from the docs, built
as the newcomer built it and read back from the PDF."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pypdfium2
import pytest
import yaml

from conftest import (ROOT, assert_print_passes_its_checks, build_edition, built_editions,
                      drawn_edition, holes, texts_not_printed, typography_findings)
from test_newcomer7 import _clipped

PAGES = ROOT / "tests" / "data" / "newcomer12"
EDITIONS = ("tupian",)
MM = 72 / 25.4


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, tuple[Path, subprocess.CompletedProcess]]:
    return built_editions(PAGES, EDITIONS, tmp_path_factory.mktemp("newcomer12"))


def _print(built, name: str) -> Path:
    return built[name][0] / "out" / "content.print.pdf"


@pytest.mark.parametrize("name", EDITIONS)
def test_the_page_builds_and_every_text_is_in_the_pdf(built, name):
    folder, done = built[name]
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "warning" not in done.stderr, done.stderr
    assert "widow" not in done.stderr and "short-column" not in done.stderr, done.stderr
    lost = texts_not_printed(folder)
    assert not lost, lost


@pytest.mark.parametrize("name", EDITIONS)
def test_the_print_file_passes_preflight_meter_and_grid(built, name):
    """CMYK only, preflight clean, no typography finding, every body line on the grid."""
    assert_print_passes_its_checks(built[name][1], _print(built, name))


@pytest.mark.parametrize("name", EDITIONS)
def test_the_page_keeps_no_hole(built, name):
    assert holes(_print(built, name)) == []


def _words(pdf: Path) -> tuple[str, list[tuple[float, float, float, float]], float]:
    """The page's characters (no spaces, no line ends), each one's box in points from the
    page's bottom left, and the page's height."""
    page = pypdfium2.PdfDocument(pdf)[0]
    text = page.get_textpage()
    chars = [(text.get_text_range(i, 1), text.get_charbox(i)) for i in range(text.count_chars())]
    chars = [(ch, box) for ch, box in chars if not ch.isspace()]
    return "".join(ch for ch, _ in chars), [box for _, box in chars], page.get_height()


def _spans(letters: str, boxes: list, text: str) -> list[tuple[float, float, float, float]]:
    """The box round each printing of a text (its first line to its last)."""
    text, out, at = "".join(text.split()), [], letters.find("".join(text.split()))
    while at >= 0:
        inside = boxes[at:at + len(text)]
        out.append((min(b[0] for b in inside), min(b[1] for b in inside),
                    max(b[2] for b in inside), max(b[3] for b in inside)))
        at = letters.find(text, at + 1)
    assert out, text
    return out


def _span(letters: str, boxes: list, text: str) -> tuple[float, float, float, float]:
    return _spans(letters, boxes, text)[0]


def _under(spans: list, frame: tuple) -> tuple[float, float, float, float] | None:
    """The printing of a text standing under a frame, inside its width: the nearest."""
    inside = [b for b in spans if frame[0] - 0.5 <= b[0] and b[2] <= frame[2] + 5
              and b[3] < frame[1]]
    return max(inside, key=lambda b: b[3], default=None)


def test_the_big_photo_the_strip_and_the_portrait_stand_where_the_page_puts_them(built):
    """The night on the line across the type area at 3:1; the four small photos under it
    in one row, one height, equal widths, the strip as wide as the big photo; the portrait
    at the right of the notes' row, the notes left of it. Each caption is under its photo
    and inside its width; each photographer's credit ends at its photo's right edge."""
    folder, _ = built["tupian"]
    pdf = _print(built, "tupian")
    page = pypdfium2.PdfDocument(pdf)[0]
    images = sorted((_clipped(obj) for obj in page.get_objects(
        filter=[pypdfium2.raw.FPDF_PAGEOBJ_IMAGE], max_depth=3)), key=lambda b: (-b[3], b[0]))
    assert len(images) == 6, images
    big, strip, portrait = images[0], images[1:5], images[5]
    bleed = 3 * MM  # the trim's left edge, in the media box
    left, right = bleed + 15 * MM, bleed + 255 * MM  # the type area's edges
    assert big[0] == pytest.approx(left, abs=0.5) and big[2] == pytest.approx(right, abs=0.5)
    assert (big[2] - big[0]) / (big[3] - big[1]) == pytest.approx(3.0, abs=0.02)
    widths = [b[2] - b[0] for b in strip]
    assert max(widths) - min(widths) < 0.5, strip
    assert len({round(b[3], 1) for b in strip}) == 1 and len({round(b[1], 1) for b in strip}) == 1
    assert all(b[3] < big[1] for b in strip)  # under the big photo
    assert strip[0][0] == pytest.approx(left, abs=0.5)
    assert strip[-1][2] == pytest.approx(right, abs=0.5)
    assert portrait[2] == pytest.approx(right, abs=0.5) and portrait[3] < strip[0][1]

    content = yaml.safe_load((folder / "content.yaml").read_text(encoding="utf-8"))
    letters, boxes, _ = _words(pdf)
    for picture, frame in zip(content["pictures"], images):
        caption = _under(_spans(letters, boxes, picture["caption"]), frame)
        credit = _under(_spans(letters, boxes, picture["credit"]), frame)
        assert caption and credit, (picture, frame)
        assert frame[1] - caption[3] < 12 * MM, (picture, caption, frame)  # just under it
        assert frame[2] - credit[2] < 1.0, (picture["credit"], credit, frame)  # flush right
    notes = content["sections"][0]
    for paragraph in notes["body"]:
        box = _span(letters, boxes, paragraph)
        assert box[2] < portrait[0] and box[3] <= portrait[3] + 12, paragraph
    title = _span(letters, boxes, notes["title"])
    assert title[0] == pytest.approx(left, abs=12) and title[1] > strip[0][1] - 40 * MM


def test_init_list_says_what_each_template_sets():
    """A newcomer choosing a template for a photo page read «photo  画说 · 四开» and no
    more, though `spread init --help` promised that --list describes them: each template
    now says what it sets, the first sentence of its layout's opening comment (the photo
    template: a gallery of four to eight photos, one to four a row)."""
    listed = subprocess.run([sys.executable, "-m", "spread", "init", "--list"],
                            capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    entries = re.split(r"\n(?=\S)", listed.stdout)
    photo = next(e for e in entries if e.startswith("photo "))
    assert "four to eight" in " ".join(photo.split()) and "gallery" in photo, listed.stdout
    news = next(e for e in entries if e.startswith("news "))
    assert "lead story" in news, listed.stdout
    done = subprocess.run([sys.executable, "-m", "spread", "--json", "init", "--list"],
                          capture_output=True, text=True, timeout=120)
    about = {t["name"]: t["about"] for t in json.loads(done.stdout)["templates"]}
    assert about["photo"].startswith("A 画说 photo page") and about["photo"].endswith("."), about


def test_a_caption_filling_its_line_over_an_answer_is_no_pitch_change(tmp_path):
    """Round 11's interview with its second photo's caption lengthened to fill its line
    (16 characters at 15 a line and its 。 hung): the meter read the caption and the answer
    under it as one paragraph — «the line pitch changes inside a paragraph: 22.95 pt, then
    14.40 pt». The caption is no line of the answer."""
    folder = drawn_edition(ROOT / "tests" / "data" / "newcomer11", tmp_path, "renwu")
    content = folder / "content.yaml"
    text = content.read_text(encoding="utf-8")
    assert "钟秀兰背着药箱走在山路上。" in text
    content.write_text(text.replace("钟秀兰背着药箱走在山路上。", "钟秀兰背着药箱走在山路上，一走。"),
                       encoding="utf-8")
    done = build_edition(tmp_path, "renwu")
    assert done.returncode == 0, done.stderr
    assert typography_findings(folder / "out" / "content.print.pdf") == []
