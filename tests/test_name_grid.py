"""The cells a name takes in an honour roll's name grid (articles._NameGrid.spans) are
arithmetic: the fewest cells k, one at least, whose k·cell characters and k - 1 gaps hold
the name. The oracle is the count it replaced, one cell more at a time."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from spread.layout.articles import _NameGrid


def counted(cell: int, gap: float, chars: int) -> int:
    """The cells counted up one at a time until they hold the name (the former loop)."""
    k = 1
    while k * cell + (k - 1) * gap < chars - 1e-6:
        k += 1
    return k


@given(cell=st.integers(1, 12), gap=st.floats(0.0, 12.0, allow_nan=False),
       chars=st.integers(0, 60))
def test_the_cells_a_name_takes_are_those_counted(cell, gap, chars):
    grid = _NameGrid(style=None, cell=cell, gap=gap)
    assert grid.spans(chars) == counted(cell, gap, chars)


@given(cell=st.integers(1, 12), gap=st.integers(0, 12), cells=st.integers(1, 8))
def test_a_name_as_long_as_its_cells_takes_no_more(cell, gap, cells):
    """A name that fills k cells and their gaps exactly takes k, and one character more
    takes k + 1: the boundary, where a rounding would show."""
    holds = cells * cell + (cells - 1) * gap
    grid = _NameGrid(style=None, cell=cell, gap=float(gap))
    assert grid.spans(holds) == cells == counted(cell, gap, holds)
    assert grid.spans(holds + 1) == cells + 1 == counted(cell, gap, holds + 1)


def test_the_default_grid():
    """Three-character cells two characters apart (the layouts' default): a name of up to
    three characters takes one cell, of four to eight two (爱新觉罗溥仪: six)."""
    grid = _NameGrid(style=None, cell=3, gap=2.0)
    assert [grid.spans(n) for n in range(1, 10)] == [1, 1, 1, 2, 2, 2, 2, 2, 3]
