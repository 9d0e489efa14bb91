"""filled_columns weighs every column in running sums, and only the starts the columns before
can reach; it must choose exactly the breaks the plain algorithm chose — every column of every
way walked anew; where that leaves a widow or an orphan, walked again with each weighed as
WIDOW_STEPS unfilled lines (a paragraph of two lines parted, a line each side, as more than
any way leaves unfilled) and no column shorter than the balance allows; never ending a column
before a block (a photo, a chart) that fits under it — kept here as the oracle."""

from __future__ import annotations

import math

from hypothesis import given, settings, strategies as st

from spread.compose.model import Line
from spread.layout import flow
from spread.layout.flow import FlowLine

STEP = 12.0


def oracle(lines, columns, height, step, most, hole, paragraphs=False):
    """filled_columns as first written: weight(i, j) walks lines[i:j] for every column."""
    n = len(lines)
    starts = [0.0] * (n + 1)
    for k, fl in enumerate(lines):
        starts[k + 1] = starts[k] + fl.pitch + fl.space_before
    tops = sum(sorted((fl.space_before for fl in lines), reverse=True)[:columns])
    if starts[n] - tops > columns * (height + 0.01):
        return flow.split_columns(lines, columns, height)[0]

    def weight(i, j):
        col = lines[i:j]
        if starts[j] - starts[i] - (lines[i].space_before if j > i else 0.0) > height + 0.01:
            return None
        slack = flow._slack(col, height, step)
        slack -= min(slack, sum(int(fl.grow / step + 0.01) for fl in col))
        room = flow._gaps(col, most, hole, paragraphs)
        unfilled = slack - flow._fillable(col, room, slack)
        return (unfilled, unfilled, max(0, min(slack, sum(room.values())) - len(room)),
                float(slack * slack))

    def widow(j):  # a paragraph's last line alone at a column's top
        if not 0 < j < n or lines[j].line is None:
            return False
        return lines[j].line.final and not lines[j].paragraph_start

    def orphan(j):  # a paragraph's first line alone at a column's foot
        if not 0 < j < n or lines[j - 1].line is None:
            return False
        return lines[j - 1].paragraph_start and not lines[j - 1].line.final

    def widowed(j):
        return widow(j) or orphan(j)

    def parting(j):  # a paragraph of two lines cut in two costs more than any way leaves unfilled
        return columns * int(height / step + 1) + 1 if widow(j) and orphan(j) else 0

    def breakable(j):
        return j in (0, n) or not flow._held(lines, j)

    def leaves_behind(i, j):  # a block that fits under the column stays with what it follows
        return (i < j < n and lines[j].block is not None
                and starts[j + 1] - starts[i] - lines[i].space_before <= height + 0.01)

    def solve(cost, most_short):
        best = [{} for _ in range(columns + 1)]
        best[columns][n] = ((0, 0, 0, 0.0), n)
        for c in range(columns - 1, -1, -1):
            for i in range(n + 1):
                if not breakable(i):
                    continue
                ways = []
                for j in range(i, n + 1):
                    if n >= columns and (j == i or n - j < columns - c - 1):
                        continue
                    if j in best[c + 1] and breakable(j) and not leaves_behind(i, j):
                        w = weight(i, j)
                        if w is None:
                            break
                        if w[1] > most_short:
                            continue
                        ahead = best[c + 1][j][0]
                        ways.append(((w[0] + cost(j) + ahead[0], max(w[1], ahead[1]),
                                      w[2] + ahead[2], w[3] + ahead[3]), j))
                if ways:
                    best[c][i] = min(ways)
        return best

    best = solve(lambda j: 0, math.inf)
    if 0 not in best[0]:
        return flow.split_columns(lines, columns, height)[0]
    cols = flow._walk(best, lines, columns)
    ends = [sum(len(c) for c in cols[:k + 1]) for k in range(columns)]
    if any(widowed(j) for j in ends):  # weighed again: a widow as WIDOW_STEPS unfilled lines
        clean = solve(lambda j: parting(j) or (flow.WIDOW_STEPS if widowed(j) else 0),
                      max(1, best[0][0][0][1]))
        if 0 in clean[0]:
            return flow._walk(clean, lines, columns)
    return cols


def _chart(*args):
    return []


@st.composite
def flow_line(draw):
    """A body line, a heading line, a chart block (which may grow), a list entry's line."""
    kind = draw(st.sampled_from(["body", "body", "body", "heading", "block", "entry"]))
    width = draw(st.sampled_from([20.0, 150.0, 198.0, 200.0]))
    line = Line((), 0.0, width, 200.0, draw(st.booleans()), False)
    start = draw(st.booleans())
    # pitches on the grid mostly, some off it (free text), spaces of 0-2 steps or a fraction
    pitch = draw(st.sampled_from([STEP, STEP, STEP, 2 * STEP, 18.0, 13.7]))
    space = draw(st.sampled_from([0.0, 0.0, STEP, 2 * STEP, 5.5])) if start else 0.0
    if kind == "block":
        return FlowLine(None, draw(st.sampled_from([3 * STEP, 5 * STEP])), space, False,
                        "chart", True, _chart, grow=draw(st.sampled_from([0.0, STEP, 40.0])))
    return FlowLine(line, pitch, space, kind == "heading", "item", start,
                    joined=kind == "entry" and draw(st.booleans()),
                    follows=kind == "entry" and draw(st.booleans()))


@settings(max_examples=1500, deadline=None)
@given(lines=st.lists(flow_line(), max_size=28), columns=st.integers(1, 4),
       rows=st.integers(1, 30), most=st.integers(0, 3), paragraphs=st.booleans(),
       keeps=st.booleans(), hole=st.sampled_from([10.0, 40.0, 500.0]))
def test_filled_columns_breaks_as_the_plain_algorithm(lines, columns, rows, most,
                                                      paragraphs, keeps, hole):
    if keeps:  # headings held with the lines under them, as the composer marks them
        lines = flow.heading_keeps(lines)
    height = rows * STEP + (0.005 if rows % 3 == 0 else 0.0)
    got = flow.filled_columns(lines, columns, height, STEP, most, hole, paragraphs)
    want = oracle(lines, columns, height, STEP, most, hole, paragraphs)
    assert [len(c) for c in got] == [len(c) for c in want]
    assert got == want


def test_a_long_flow_is_filled_as_the_plain_algorithm_fills_it():
    """A flow too long for examples drawn at random: a story of many paragraphs, a
    heading every few, on one page's worth of height."""
    lines = _story(40, lines_up_to=4, space_every=5, heading_every=7)
    for columns, rows, paragraphs in ((3, 40, False), (4, 30, True), (2, 60, True)):
        got = flow.filled_columns(lines, columns, rows * STEP, STEP, 2, 40.0, paragraphs)
        assert got == oracle(lines, columns, rows * STEP, STEP, 2, 40.0, paragraphs)


def test_a_frame_as_tall_as_its_text_is_filled_as_the_plain_algorithm_fills_it():
    """A story at its natural height (the balanced columns', and a step or two more): each
    column may start only within a few lines, where filled_columns weighs no other start."""
    lines = _story(60, lines_up_to=5, space_every=6, heading_every=9)
    for columns in (2, 3, 5):
        natural = flow.grid_up(flow.balanced_height(lines, columns), STEP)
        for more in (0, 1, 2):
            height = natural + more * STEP
            for paragraphs in (False, True):
                got = flow.filled_columns(lines, columns, height, STEP, 2, 40.0, paragraphs)
                assert got == oracle(lines, columns, height, STEP, 2, 40.0, paragraphs)


def _story(paragraphs: int, lines_up_to: int, space_every: int, heading_every: int
           ) -> list[FlowLine]:
    """A story of paragraphs 1 to `lines_up_to` lines long in turn, a step of space before
    every `space_every`th and a heading's keep on every `heading_every`th, as the composer
    marks them."""
    lines = []
    for p in range(paragraphs):
        for k in range(1 + p % lines_up_to):
            last = k == p % lines_up_to
            line = Line((), 0.0, 120.0 if last else 200.0, 200.0, last, not last)
            lines.append(FlowLine(line, STEP, STEP if k == 0 and p % space_every == 0 else 0.0,
                                  p % heading_every == 0 and k == 0, "body", k == 0))
    return flow.heading_keeps(lines)
