"""The typography meter's work grows with the page, not with its square: counted in reads of
a line's right end, never timed. A page of glyphs each set alone (30 000 of them in
test_hostile_pdf's corpus) is a block per glyph; the search for the column a list runs on
from (_list_feet) read every block for every block, 5 CPU minutes for that one file."""

from __future__ import annotations

from spread.check import typography
from test_hostile_pdf import _scattered_glyphs


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
