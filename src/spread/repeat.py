"""Repeated rows made concrete: a layout row that says `repeat: {content: sections, across: 2}`
becomes as many rows of concrete regions as the content's sections need, before anything is
laid out — so a template takes as many sections or photos as the content has, with no layout
edit, and everything after this sees an ordinary layout.

The items go into ceil(n / across) rows, the fuller rows below (5 across 3: 2, then 3), so a
short last row never leaves a lone narrow item at the foot — unless the layout draws the
shape for that count itself (`shapes: [[2, 2, 2]]`: six items as three rows of two); each
item of a row gets an equal share of the row's basic columns, the wider shares first (8
columns for 3: 3, 3, 2) — or, with `share: length`, a share by its length: whole text
columns (`measure` basic columns each) go one by one to the item with the most text for each
column it has, so a long story beside a short one gets three columns to its one and the two
end about level, where an even share would leave the short one's columns half empty.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from dataclasses import replace

from spread.content import Chart, Content, Picture
from spread.errors import InputError, Location
from spread.template import (Layout, Region, Row, When, basic_column, content_lists,
                             list_slice, parse_columns, ratio)

# what a photo weighs in a story's length, in characters, where the layout is not known: a
# 4:3 photo one text column of about 15字 wide, with its caption and credit, takes about ten
# lines of that column
PHOTO_CHARACTERS = 150
# what a story's head, byline and the space around them weigh in a stack of stories
HEAD_CHARACTERS = 120
# a photo's caption, credit and the space around it, in body lines
CAPTION_LINES = 3


def variants(layout: Layout, content: Content) -> list[str | None]:
    """The alternative make-ups the layout has for the content's counts, in the order of
    their first rows: the names of the variants whose rows hold, or [None] (one make-up)."""
    names: list[str | None] = []
    for row in layout.rows:
        when = row.when
        if (when is not None and when.variant is not None and when.variant not in names
                and _holds(when, content)):
            names.append(when.variant)
    return names or [None]


def expand(layout: Layout, content: Content, variant: str | None = None) -> Layout:
    """The layout with each repeated row replaced by the rows its items need (none for an
    empty list), and each repeated stack holding a region per item; of rows for another
    make-up (`when`: counts, a variant other than `variant` — by default the first the
    content's counts allow) none; a layout without repeats comes back as it is."""
    if all(row.repeat is None and row.when is None
           and not any(r.repeat for top in row.regions for r in top.walk())
           for row in layout.rows):
        return layout
    if variant is None:
        variant = variants(layout, content)[0]
    rows: list[Row] = []
    for row in layout.rows:
        if row.when is not None and not _holds(row.when, content):
            continue  # a make-up for another number of items
        if row.when is not None and row.when.variant not in (None, variant):
            continue  # another variant's
        row = replace(_balanced(row, layout, content), when=None)
        row = replace(row, regions=[_stacked(r, layout, content, None) for r in row.regions])
        rows += _expanded(row, layout, content) if row.repeat else [row]
    return replace(layout, rows=rows)


def _stacked(region: Region, layout: Layout, content: Content,
             within: tuple[int, int] | None) -> Region:
    """A region with each repeated stack in it holding its region once per item, one above
    another in the stack's columns (its own, or those of the stack it is in: `within`; text
    columns by the repeat's measure); a stack of no items draws nothing (a decoration of no
    height: a stack must hold a region)."""
    span = parse_columns(region.columns) if region.columns else within
    regions = [_stacked(child, layout, content, span) for child in region.regions]
    if region.repeat is None:
        return replace(region, regions=regions)
    repeat, (template,) = region.repeat, regions
    name = (f"stack '{region.name}'" if region.name else
            f"stack (columns {region.columns})" if region.columns else "stack")
    items = _items(repeat, name, region.where, content)
    if repeat.most is not None and len(items) > repeat.most:
        _too_many(repeat, name, region.where, content, len(items), repeat.most)
    if not items:
        return replace(region, kind="decoration", regions=[], repeat=None, options={})
    first, last = span or (1, layout.grid.columns)
    return replace(region, repeat=None, regions=[
        _item_region(template, repeat, index, first, last, content)
        for index in range(len(items))])


def _balanced(row: Row, layout: Layout, content: Content) -> Row:
    """A row whose regions side by side hold stacks repeating over one list with `share:
    length` (the halves of a news page) with the list cut into consecutive runs, one for
    each region from left to right, none empty while there are items enough: the cut
    that leaves the fullest region least full for its text columns, counting what else it
    holds (the lead photo, the lead story's text). So two halves end about level at the
    foot, whatever the stories' lengths, and the stories keep their order."""
    holders = [(k, _shared(top)) for k, top in enumerate(row.regions) if _shared(top)]
    if len(holders) < 2:
        return row
    first = holders[0][1].repeat
    items = _items(first, f"row '{row.name}'", row.where, content)
    name, offset = _first(first, content)
    loads, texts = [], []
    for k, stack in holders:
        top = row.regions[k]
        first, last = parse_columns(top.columns) if top.columns else (1, layout.grid.columns)
        texts.append(max(1, (last - first + 1) // (stack.repeat.measure or 3)))
        loads.append(sum(_load(r, layout, stack.repeat.measure or 3, texts[-1], content)
                         for r in _fixed(top)))
    n, m = len(items), len(holders)
    # a story's photo as its stack sets it: one text column wide, or across the story
    stack = holders[0][1]
    story = stack.regions[0] if stack.regions else stack
    weights = [length(item, _photo_weight(layout, story, stack.repeat.measure or 3,
                                          texts[0], item)) + HEAD_CHARACTERS
               for item in items]
    best = None
    for cuts in itertools.combinations(range(1, n) if n >= m else range(n + 1), m - 1):
        bounds = (0, *cuts, n)
        fullest = max((loads[i] + sum(weights[bounds[i]:bounds[i + 1]])) / texts[i]
                      for i in range(m))
        if best is None or fullest < best[0] - 0.01:
            best = (fullest, bounds)
    bounds = best[1] if best else (0,) * m + (n,)
    regions = list(row.regions)
    for i, (k, stack) in enumerate(holders):
        run = f"{name}[{offset + bounds[i]}:{offset + bounds[i + 1]}]"
        regions[k] = _with_run(regions[k], stack, run)
    return replace(row, regions=regions)


def _shared(region: Region) -> Region | None:
    """The stack in `region` (or the region itself) that repeats with share: length."""
    return next((r for r in region.walk()
                 if r.repeat is not None and r.repeat.share == "length"), None)


def _fixed(region: Region):
    """The regions of `region` set once, whatever the content's count: not repeated."""
    if region.repeat is not None:
        return
    if region.kind != "stack":
        yield region
    for child in region.regions:
        yield from _fixed(child)


def _load(region: Region, layout: Layout, measure: int, texts: int,
          content: Content) -> float:
    """What a region set once takes of its stack, in characters of its text columns: a
    picture as the lines its frame and caption take across them, a story or text as its
    length."""
    if region.kind == "picture":
        return _photo_characters(layout, measure, texts, _ratio(region.options))
    if region.kind == "story" and not region.content:  # the page's lead story
        return length([content.byline, content.dateline, content.lead])
    return length(content.at(region.content)) if region.content else 0.0


def _photo_weight(layout: Layout, story: Region, measure: int, texts: int, item) -> float:
    """What a story's photo weighs where the stack's story region sets it: one text column
    wide in the story's flow, or across all of the story's `texts` columns (photo_place:
    span; with auto, the default, where the item's text is shorter than the photo in each
    of the columns beside it, as stories._spans sets a picture story), at the proportions
    of its photo options."""
    place = story.options.get("photo_place", "auto")
    options = story.options.get("photo_options") or {}
    shape = _ratio(options) if isinstance(options, dict) else 4 / 3
    column = _photo_characters(layout, measure, 1, shape)
    if place == "span" or (place == "auto" and texts > 1
                           and length(item, 0.0) < (texts - 1) * column):
        return _photo_characters(layout, measure, texts, shape)
    return column


def _photo_characters(layout: Layout, measure: int, across: int, ratio: float) -> float:
    """The characters of body text a photo `across` text columns (`measure` basic columns
    each) wide displaces, at width ÷ height `ratio`, its caption and credit with it: the
    body lines its frame and caption take, times the characters of those lines."""
    unit = layout.grid.unit.pt()
    body = layout.styles.get("body")
    size = body.size.pt(unit) if body else unit
    leading = body.leading if body else 1.6
    gutter = layout.grid.gutter.pt(unit)
    column = basic_column(layout)
    wide = across * (measure * column + (measure - 1) * gutter) + (across - 1) * gutter
    line = max(1.0, wide / size)  # characters a line across the photo
    return (line / (max(ratio, 0.05) * leading) + CAPTION_LINES) * line


def _ratio(options: dict) -> float:
    """The width ÷ height a picture's options ask (its `aspect`; 4:3 unless written)."""
    return ratio(options.get("aspect", "4:3")) or 4 / 3


def _with_run(region: Region, stack: Region, run: str) -> Region:
    if region is stack:
        return replace(region, repeat=replace(region.repeat, content=run, share="even"))
    return replace(region, regions=[_with_run(child, stack, run) for child in region.regions])


def shares(n: int, across: int) -> list[int]:
    """How many items each row holds: n items, at most `across` a row, as even as can be,
    the fuller rows below."""
    if n <= 0:
        return []
    lines = math.ceil(n / across)
    base, extra = divmod(n, lines)
    return [base] * (lines - extra) + [base + 1] * extra


def spans(columns: int, count: int, first: int = 1,
          widths: list[int] | None = None) -> list[tuple[int, int]]:
    """`columns` basic columns from `first` shared among `count` items, the wider first (or
    as wide as `widths` says)."""
    if widths is None:
        base, extra = divmod(columns, count)
        widths = [base + (1 if i < extra else 0) for i in range(count)]
    out, start = [], first
    for width in widths:
        out.append((start, start + width - 1))
        start += width
    return out


def by_length(lengths: list[int], columns: int, measure: int) -> list[int]:
    """The basic columns of each of the items beside each other in a row, by their lengths:
    a text column (`measure` basic columns) each, then one by one to the item with the most
    text for each text column it has (the first of equals); basic columns left over from
    whole text columns go to the widest. Fewer text columns than items: an even share."""
    count, texts = len(lengths), columns // measure
    if texts < count:
        return [width for width in (b - a + 1 for a, b in spans(columns, count))]
    given = [1] * count
    for _ in range(texts - count):
        most = max(range(count), key=lambda i: (lengths[i] / given[i], -i))
        given[most] += 1
    widths = [g * measure for g in given]
    for k in sorted(range(count), key=lambda i: -given[i])[:columns - texts * measure]:
        widths[k] += 1
    return widths


def length(item, photo: float = PHOTO_CHARACTERS) -> float:
    """How much an item of the content holds, in characters: its text, each photo counted
    as the characters of the lines it takes (`photo`: PHOTO_CHARACTERS where the layout is
    not known)."""
    if isinstance(item, str):
        return len(item)
    if isinstance(item, (list, tuple)):
        return sum(length(part, photo) for part in item)
    if isinstance(item, Picture):  # its caption and credit are in the lines it takes
        return photo
    if dataclasses.is_dataclass(item):
        return sum(length(getattr(item, f.name), photo) for f in dataclasses.fields(item)
                   if f.name != "where")
    return 0


def _expanded(row: Row, layout: Layout, content: Content) -> list[Row]:
    repeat, (region,) = row.repeat, row.regions
    items = _items(repeat, f"row '{row.name}'", row.where, content)
    columns = layout.grid.columns
    if repeat.most is not None and len(items) > repeat.most:
        _too_many(repeat, f"row '{row.name}'", row.where, content, len(items), repeat.most)
    out: list[Row] = []
    index = 0
    counts = next((shape for shape in repeat.shapes if sum(shape) == len(items)),
                  None) or shares(len(items), min(repeat.across, columns))
    for line, count in enumerate(counts):
        regions = []
        widths = None
        if repeat.share == "length" and repeat.measure:
            widths = by_length([length(item) for item in items[index:index + count]],
                               columns, repeat.measure)
        for first, last in spans(columns, count, widths=widths):
            regions.append(_item_region(region, repeat, index, first, last, content))
            index += 1
        name = f"{row.name}-{line + 1}" if len(counts) > 1 else row.name
        out.append(replace(row, name=name, regions=regions, repeat=None))
    return out


def _item_region(region: Region, repeat, index: int, first: int, last: int, content: Content,
                 columns: str | None = None) -> Region:
    """The repeated region set for item `index` in basic columns first–last (written as
    `columns`, when given: a stack's region takes the stack's, written as none)."""
    options = dict(region.options)
    each = _each(repeat, content)
    if index < len(each):
        options.update(each[index])
    split = region.split
    if repeat.measure:
        split = max(1, (last - first + 1) // repeat.measure)
    if columns is None:
        columns = f"{first}-{last}" if last > first else str(first)
    name, start = _first(repeat, content)
    return replace(region, columns=columns, content=f"{name}[{start + index}]",
                   options=options, split=split,
                   name=f"{region.name}-{index + 1}" if region.name else "")


def _each(repeat, content: Content) -> list[dict]:
    """The options `each` gives the items in turn, with a chart (`chart: charts[k]` and its
    `chart_options`) moved to the section its bars quote when `each` gives it to another
    that sets none: the layout says the sections' row sets the chart, the content says
    which section it belongs to — 科研 counts under 医疗救治 would say what the text does
    not. A section of a title alone, made to show the chart, keeps it."""
    each = [dict(options) for options in repeat.each]
    if list_slice(repeat.content)[0] != "sections":
        return each
    sections = _items(repeat, "", None, content)
    titles = [section.title for section in sections]
    each += [{} for _ in range(len(titles) - len(each))]
    for index, options in enumerate(each[:len(titles)]):
        given = sections[index]
        if not (given.intro or given.body or given.report):
            continue  # a section of a title alone is made for the chart (一图看懂): it stays
        chart = content.at(str(options.get("chart", "")))
        quoted = {bar.source.section for bar in chart.bars} if isinstance(chart, Chart) else ()
        if len(quoted) != 1 or (title := next(iter(quoted))) not in titles:
            continue  # bars from several sections, or one not in this run: as written
        home = titles.index(title)
        if home != index and "chart" not in each[home]:
            each[home].update({key: options.pop(key) for key in ("chart", "chart_options")
                               if key in options})
    return each


def _items(repeat, name: str, where: Location | None, content: Content) -> list:
    """The items of the content list (or the run of it) `repeat` names; `name` says what
    repeats (row 'x')."""
    run = list_slice(repeat.content)
    items = getattr(content, run[0], None) if run and run[0] in content_lists() else None
    if not isinstance(items, list):
        raise InputError(f"{name} repeats over '{repeat.content}', which is not a "
                         "list of the content", repeat.where or where,
                         hint="the content's lists: " + ", ".join(content_lists()))
    return items[slice(run[1], run[2])]


def _first(repeat, content: Content) -> tuple[str, int]:
    """The list a repeat runs over and the index of its first item in it: sections[2:]
    sets sections[2], sections[3], …"""
    name, start, _ = list_slice(repeat.content)
    return name, slice(start, None).indices(len(getattr(content, name)))[0]


def _holds(when: When, content: Content) -> bool:
    """Whether the content's counts are those a row's when (and what it also asks) sets
    the row for."""
    return (when.holds(*_count(when, content))
            and (when.also is None or _holds(when.also, content)))


def _count(when: When, content: Content) -> tuple[int, int]:
    """How many items the list a row's when counts holds, and how long its last is."""
    items = getattr(content, when.content, None) if when.content in content_lists() else None
    if not isinstance(items, list):
        raise InputError(f"a row is set when '{when.content}' has so many items, but it is "
                         "not a list of the content", when.where,
                         hint="the content's lists: " + ", ".join(content_lists()))
    return len(items), length(items[-1]) if items else 0


def _too_many(repeat, name: str, where: Location | None, content: Content, n: int,
              most: int) -> None:
    first, start = _first(repeat, content)
    path = f"{first}[{start + most}]"
    at = content.locations.get(path) or content.where or Location("content")
    layout_at = repeat.where or where
    raise InputError(f"the content has {n} {repeat.content}; the layout's {name} "
                     f"({layout_at}) takes at most {most}", at,
                     hint=f"leave out {n - most} of them, or raise its repeat: most")
