"""Make-up that holds on any page: a photo set in a story's flow stays with the paragraph it
follows, and a story given more height than its text can fill does not claim it.

The known fault: a story with a photo after its first paragraph (`photo_after: 1`, the
option's default) in a stack that grows — the frame taller than the story's natural height
— sent the photo to the next column's top, where it could open into the spare height,
leaving the column it followed white at its foot by the photo's own height (seven to nine
body lines); and the story said it could take a column's share of everything its photo
opens, which the text, unable to pass the photo, could not fill."""

from __future__ import annotations

import pytest

from spread.compose.model import Line
from spread.layout import flow

PITCH = 14.4  # a body line (小五 at 1.6), in pt


def _line(final: bool) -> Line:
    return Line((), 0.0, 120.0, 120.0, final, not final)


def _paragraph(lines: int, path: str = "p") -> list[flow.FlowLine]:
    return [flow.FlowLine(_line(k == lines - 1), PITCH, 0.0, False, path, k == 0)
            for k in range(lines)]


def _photo(lines: int, grow: int) -> flow.FlowLine:
    return flow.FlowLine(None, lines * PITCH, 0.0, False, "sections[0].pictures[0]", True,
                         lambda x, top, width, height=None: [], grow=grow * PITCH)


def _photo_column(cols: list[list[flow.FlowLine]]) -> int:
    return next(c for c, col in enumerate(cols) if any(fl.block is not None for fl in col))


@pytest.mark.parametrize("height", range(15, 30))
def test_a_photo_that_fits_under_its_paragraph_stays_in_its_column(height):
    """Byline, a paragraph of five lines, the photo (nine lines, opening five more), a
    paragraph of five: in two columns 15 to 29 lines tall the photo fits under the first
    paragraph, and stays there — before, it went to the second column's top at every
    height, the first column nine lines or more short."""
    lines = _paragraph(1, "byline") + _paragraph(5) + [_photo(9, 5)] + _paragraph(5)
    cols = flow.filled_columns(lines, 2, height * PITCH, PITCH, 0, 50.0)
    assert _photo_column(cols) == 0
    assert [len(c) for c in cols] == [7, 5]


def test_a_photo_that_does_not_fit_goes_on_at_the_next_columns_top():
    """Where the photo does not fit under the lines before it, it heads the next column:
    the rule keeps a block with what it follows only where it fits."""
    lines = _paragraph(1, "byline") + _paragraph(5) + [_photo(9, 5)] + _paragraph(5)
    cols = flow.filled_columns(lines, 2, 14 * PITCH, PITCH, 0, 50.0)
    assert _photo_column(cols) == 1


def test_a_story_claims_only_the_height_its_columns_still_fill():
    """fill_room tries the taller frames: the story above, at its natural 14 lines (the
    photo heading the second column, the first eight lines short), leaves more unfilled
    at any taller height, so it claims none of the 2.5 lines a column's share of its
    photo's opening promised; a story whose text can move past its photo claims it."""
    stuck = _paragraph(1, "byline") + _paragraph(5) + [_photo(9, 5)] + _paragraph(5)
    assert flow.fill_room(stuck, 2, 14 * PITCH, PITCH, 0, 50.0, False, 2.5 * PITCH) == 0
    free = [_photo(9, 4)] + _paragraph(6) + _paragraph(6) + _paragraph(6) + _paragraph(7)
    natural = flow.balanced_height(free, 2)
    assert flow.unfilled(free, 2, natural, PITCH, 0, 50.0) == 0
    room = flow.fill_room(free, 2, natural, PITCH, 0, 50.0, False, 2 * PITCH)
    assert room == pytest.approx(2 * PITCH)
