"""Make-up without holes, read back from the print PDF: a lead photo of any sensible shape
placed by rule on the news layout.

The known faults:
- the news layout refused a square lead photo (its 12:5 frame cut 58 % of it, past the
  layout's 50 %) and a 3:4 portrait on every page of stories (53 % in the halves' frame):
  the frame now re-shapes toward its picture, as far as the region's `grow` lets it open,
  and says so; only a picture even that frame would cut too far is refused, saying why."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from test_any_page import shown_pictures
from test_makeup_any import Page, build_page

STARTER = ROOT / "layout" / "news"
MOST_CUT = 0.5  # layout/news.yaml's picture regions keep the default bound


def news_page(stories: int, aspect: float) -> Page:
    """The news starter with its first `stories` stories and a lead photo of `aspect`
    (its other photos drawn alike, 4:3)."""
    content = yaml.safe_load((STARTER / "content.yaml").read_text(encoding="utf-8"))
    content["sections"] = content["sections"][:stories]
    photos = [("lead.jpg", aspect, 0)]
    for k, story in enumerate(content["sections"]):
        for j, picture in enumerate(story.get("pictures", [])):
            name = f"s{k}-{j}.jpg"
            picture["file"] = f"photos/{name}"
            photos.append((name, 4 / 3, len(photos)))
    return Page("news.yaml", content, photos)


def lead_frame(pdf: Path) -> tuple[float, float]:
    """The lead photo as it shows (the widest picture on the page, the first drawn of
    those): its width and height in pt."""
    pictures = shown_pictures(pdf)
    widest = max(p[2] - p[0] for p in pictures)
    left, bottom, right, top = next(p for p in pictures if p[2] - p[0] > widest - 1)
    return right - left, top - bottom


@pytest.mark.parametrize("stories", [1, 3])
@pytest.mark.parametrize("aspect, shape", [(1.0, "1:1"), (0.75, "3:4"), (16 / 9, "16:9")])
def test_a_lead_photo_of_any_sensible_shape_is_placed_within_its_crop_bound(
        tmp_path, stories, aspect, shape):
    """One story (the lead's photo beside its text, a 12:5 frame opening 1.6 times) and
    three (the photo heading the left half): a square, a 3:4 portrait and a 16:9 lead each
    build, the photo covering a frame that cuts at most the layout's half of it. Before, the
    square beside the lead's text and the portrait everywhere were refused."""
    done = build_page(news_page(stories, aspect), tmp_path / "page")
    assert done.returncode == 0, done.stderr[-2000:]
    width, height = lead_frame(tmp_path / "page" / "out" / "content.print.pdf")
    frame = width / height
    cut = 1 - min(aspect / frame, frame / aspect)
    assert cut <= MOST_CUT + 0.01, f"a {shape} photo in a {frame:.2f}:1 frame loses {cut:.0%}"
    said = done.stdout + done.stderr
    if aspect < 1.5:  # narrower than the frame can open to unasked: re-shaped, and said
        assert re.search(rf"pictures\[0\]: the picture lead\.jpg \({aspect:.2f}:1\) would lose "
                         r"more than 50% of itself covering the layout's 2\.40:1 frame .*: the "
                         r"frame is re-shaped toward it", said), said


def test_a_lead_photo_too_tall_for_any_frame_the_layout_allows_is_refused_saying_why(tmp_path):
    """A 2:5 strip of a photo would lose 73 % of itself even in the tallest frame the layout
    opens (3:2): refused at the picture's line, saying that the frame was re-shaped as far as
    it goes and what to do."""
    done = build_page(news_page(3, 0.4), tmp_path / "page")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert re.search(r"content\.yaml:\d+:\d+ \(pictures\[0\]\.file\): .*loses 7\d% of itself.*"
                     r"at most 50%, and its frame, re-shaped toward it, opens no taller than "
                     r"1\.50:1 here", done.stderr), done.stderr
    assert "hint: give a picture nearer" in done.stderr
    assert not (tmp_path / "page" / "out" / "content.print.pdf").exists()
