"""Repeated rows made concrete: a layout row that says `repeat: {content: sections, across: 2}`
becomes as many rows of concrete regions as the content's sections need, before anything is
laid out — so a template takes as many sections or photos as the content has, with no layout
edit, and everything after this sees an ordinary layout.

The items go into ceil(n / across) rows, the fuller rows below (5 across 3: 2, then 3), so a
short last row never leaves a lone narrow item at the foot — unless the layout draws the
shape for that count itself (`shapes: [[2, 2, 2]]`: six items as three rows of two); each
item of a row gets an equal share of the row's basic columns, the wider shares first (8
columns for 3: 3, 3, 2).
"""

from __future__ import annotations

import math
from dataclasses import replace

from spread.content import Content
from spread.errors import InputError, Location
from spread.template import Layout, Region, Row, content_lists


def expand(layout: Layout, content: Content) -> Layout:
    """The layout with each repeated row replaced by the rows its items need (none for an
    empty list); a layout without repeated rows comes back as it is."""
    if all(row.repeat is None for row in layout.rows):
        return layout
    rows: list[Row] = []
    for row in layout.rows:
        rows += _expanded(row, layout, content) if row.repeat else [row]
    return replace(layout, rows=rows)


def shares(n: int, across: int) -> list[int]:
    """How many items each row holds: n items, at most `across` a row, as even as can be,
    the fuller rows below."""
    if n <= 0:
        return []
    lines = math.ceil(n / across)
    base, extra = divmod(n, lines)
    return [base] * (lines - extra) + [base + 1] * extra


def spans(columns: int, count: int, first: int = 1) -> list[tuple[int, int]]:
    """`columns` basic columns from `first` shared among `count` items, the wider first."""
    base, extra = divmod(columns, count)
    out, start = [], first
    for i in range(count):
        width = base + (1 if i < extra else 0)
        out.append((start, start + width - 1))
        start += width
    return out


def _expanded(row: Row, layout: Layout, content: Content) -> list[Row]:
    repeat, (region,) = row.repeat, row.regions
    items = _items(row, content)
    columns = layout.grid.columns
    if repeat.most is not None and len(items) > repeat.most:
        _too_many(row, content, len(items), repeat.most)
    out: list[Row] = []
    index = 0
    counts = next((shape for shape in repeat.shapes if sum(shape) == len(items)),
                  None) or shares(len(items), min(repeat.across, columns))
    for line, count in enumerate(counts):
        regions = []
        for first, last in spans(columns, count):
            regions.append(_item_region(region, repeat, index, first, last))
            index += 1
        name = f"{row.name}-{line + 1}" if len(counts) > 1 else row.name
        out.append(replace(row, name=name, regions=regions, repeat=None))
    return out


def _item_region(region: Region, repeat, index: int, first: int, last: int) -> Region:
    options = dict(region.options)
    if index < len(repeat.each):
        options.update(repeat.each[index])
    split = region.split
    if repeat.measure:
        split = max(1, (last - first + 1) // repeat.measure)
    return replace(region, columns=f"{first}-{last}" if last > first else str(first),
                   content=f"{repeat.content}[{index}]", options=options, split=split,
                   name=f"{region.name}-{index + 1}" if region.name else "")


def _items(row: Row, content: Content) -> list:
    repeat = row.repeat
    items = getattr(content, repeat.content, None) if repeat.content in content_lists() \
        else None
    if not isinstance(items, list):
        raise InputError(f"row '{row.name}' repeats over '{repeat.content}', which is not a "
                         "list of the content", repeat.where or row.where,
                         hint="the content's lists: " + ", ".join(content_lists()))
    return items


def _too_many(row: Row, content: Content, n: int, most: int) -> None:
    repeat = row.repeat
    path = f"{repeat.content}[{most}]"
    where = content.locations.get(path) or content.where or Location("content")
    layout_at = repeat.where or row.where
    raise InputError(f"the content has {n} {repeat.content}; the layout's row '{row.name}' "
                     f"({layout_at}) takes at most {most}", where,
                     hint=f"leave out {n - most} of them, or raise the row's repeat: most")
