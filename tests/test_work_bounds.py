"""Work that grows with the page, not faster: counted, never timed.

The typography meter: a page of glyphs each set alone (30 000 of them in test_hostile_pdf's
corpus) is a block per glyph; the search for the column a list runs on from (_list_feet)
read every block for every block, 5 CPU minutes for that one file. The layout: a gallery of
eight photos decoded each photo some fifteen times while it tried its rows; the hole finder
read every row of the page's cells where most rows can hold no hole."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageFile

from spread import images
from spread.check import typography
from spread.errors import Location
from spread.layout import makeup
from test_hostile_pdf import _scattered_glyphs
from test_pictures import gallery_page


def test_the_column_a_list_runs_on_from_is_found_among_the_blocks_near_it(tmp_path,
                                                                          monkeypatch):
    """2 000 scattered glyphs: a few reads of a block's right end a block (it was 12)."""
    counted = {"on": False, "reads": 0, "blocks": 0}
    right = typography.Line.right

    def read(line):
        counted["reads"] += counted["on"]
        return right.fget(line)

    list_feet = typography._list_feet

    def counting(blocks, before):
        counted["on"], counted["blocks"] = True, counted["blocks"] + len(blocks)
        try:
            return list_feet(blocks, before)
        finally:
            counted["on"] = False

    monkeypatch.setattr(typography.Line, "right", property(read))
    monkeypatch.setattr(typography, "_list_feet", counting)
    path = tmp_path / "scattered.pdf"
    path.write_bytes(_scattered_glyphs(2000))
    report = typography.check_typography(path)
    assert report.lines >= 1500 and counted["blocks"] >= 1500, (report.lines, counted)
    assert counted["reads"] <= 4 * counted["blocks"], counted


def test_the_blocks_near_a_place_are_those_whose_key_lies_there_in_their_order():
    """The window is a hair wider than asked, never narrower, and keeps the blocks' order."""
    keys = [5.0, 1.0, 3.0, 3.0 + 1e-9, 2.0 - 1e-9, 7.0, 2.5]
    assert typography._Sorted(keys).near(2.0, 3.0) == [2, 3, 4, 6]
    assert typography._Sorted(keys, [10, 11, 12, 13, 14, 15, 16]).near(4.0, 7.0) == [10, 15]


def _count_decodes(monkeypatch) -> dict:
    decoded = {"count": 0}
    load = ImageFile.ImageFile.load

    def counting(image):
        decoded["count"] += 1
        return load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", counting)
    return decoded


def test_a_gallery_decodes_each_photo_once_while_it_tries_its_rows(tmp_path, monkeypatch):
    decoded = _count_decodes(monkeypatch)
    laid = gallery_page(tmp_path, 8, [(1200, 900), (600, 900), (1800, 600), (900, 900)],
                        flat=True)
    assert not laid.problems, [p.error.message for p in laid.problems]
    assert decoded["count"] == 8


def test_a_picture_changed_on_disk_is_read_again(tmp_path, monkeypatch):
    decoded = _count_decodes(monkeypatch)
    path, where = tmp_path / "p.jpg", Location("content.yaml", 3, 5)
    Image.new("RGB", (300, 200), (90, 90, 90)).save(path)
    assert images.inspect(path, where).pixels == (300, 200)
    assert images.inspect(path, where).pixels == (300, 200)
    assert decoded["count"] == 1
    Image.new("RGB", (200, 300), (90, 90, 90)).save(path)  # same size of file, maybe
    assert images.inspect(path, where).pixels == (200, 300)
    path.write_bytes(path.read_bytes()[:200])  # cut short: refused, at its place
    with pytest.raises(images.InputError) as refused:
        images.inspect(path, where)
    assert refused.value.where == where and "damaged" in refused.value.message


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 9), st.integers(1, 12), st.integers(0, 4), st.integers(0, 5),
       st.data())
def test_the_largest_empty_rectangle_is_the_largest_of_all(cols, rows, min_w, min_h, data):
    """The hole finder passes over rows where no rectangle it takes can end: what it finds
    is still the largest all-empty rectangle more than min_w cells wide and min_h tall, by a
    look at every rectangle."""
    used = [bytearray(data.draw(st.lists(st.integers(0, 1), min_size=cols, max_size=cols)))
            for _ in range(rows)]
    best = 0
    for r0 in range(rows):
        for r1 in range(r0, rows):
            for c0 in range(cols):
                for c1 in range(c0, cols):
                    if r1 - r0 + 1 > min_h and c1 - c0 + 1 > min_w and not any(
                            used[r][c] for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)):
                        best = max(best, (r1 - r0 + 1) * (c1 - c0 + 1))
    found = makeup._largest_empty([bytearray(line) for line in used], min_w, min_h)
    if found is None:
        assert best == 0
        return
    r0, c0, r1, c1 = found
    assert r1 - r0 + 1 > min_h and c1 - c0 + 1 > min_w
    assert not any(used[r][c] for r in range(r0, r1 + 1) for c in range(c0, c1 + 1))
    assert (r1 - r0 + 1) * (c1 - c0 + 1) == best
