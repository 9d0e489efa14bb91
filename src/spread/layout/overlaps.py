"""Checks on the laid-out page before it is drawn: every glyph is a real glyph of the face
that draws it, every element's text stays in its frame, and no element's glyph lies on
another element — on its text, its rules and ornaments, its pictures, or under a field it
paints later. Text on a field another element painted before it (a banner's colour running
behind the lead, say) is text on its background, and allowed. On a spread, nothing crosses
the fold but colour and the pictures of a kind that declares it (kinds.Kind.crosses_fold):
the plant cuts the spread there, and a glyph across it is cut in two."""

from __future__ import annotations

from collections.abc import Iterator

from spread.errors import Location, MissingGlyphError, SpreadError
from spread.fonts import FontSet
from spread.layout.context import ASCENT
from spread.page import Box, Element, Image, Item, Page, Rect, Rule, Shape, TextRun

DESCENT = 1 - ASCENT  # the em box below the baseline
TOLERANCE = 0.5  # pt: boxes that touch, or overlap less than this, do not collide
MM = 72 / 25.4

Bounds = tuple[float, float, float, float]  # x0, y0, x1, y1


class CollisionError(SpreadError):
    """Text lying on another element, or outside its own frame: a wrong page, never
    printed. Like overset, a problem found (exit 1). Carries the element whose text it is
    and the places to mark on a failure proof (the glyph, and what it lies on)."""

    exit_code = 1

    def __init__(self, message: str, where: Location, hint: str, element: Element,
                 places: tuple[Bounds, ...]):
        super().__init__(message, where, hint)
        self.element = element
        self.places = tuple(Box(x0, y0, x1 - x0, y1 - y0) for x0, y0, x1, y1 in places)


def check_page(page: Page, fonts: FontSet) -> None:
    check_glyphs(page, fonts)
    check_overlaps(page, fonts)
    check_folds(page, fonts)


def check_glyphs(page: Page, fonts: FontSet) -> None:
    """The renderer never draws glyph 0 (.notdef): each character of each text run is in
    the character map of the face named to draw it. Layout refuses such text with its
    place in the content first; this is the guard that nothing slipped past it."""
    faces = {face.key: face for face in fonts.faces()}
    for run in page.items:
        if not isinstance(run, TextRun):
            continue
        face = faces.get(run.face)
        for ch in run.chars:
            if face is None or ord(ch) not in face.coverage:
                raise MissingGlyphError(
                    f"'{ch}' (U+{ord(ch):04X}) in «{run.chars}» would be drawn as an empty box: "
                    + (f"face {face.name} has no glyph for it" if face else
                       f"no face of role {run.style.font} has it"),
                    hint="add a font that has it to the role's fallback chain in the layout")


def check_overlaps(page: Page, fonts: FontSet) -> None:
    """Each element's glyphs inside its frame and clear of every other element."""
    faces = {face.key: face for face in fonts.faces()}
    shapes = [_Shapes(page, element, faces) for element in page.elements]
    for mine in shapes:
        for glyph in mine.glyphs():
            _check_frame(page, mine, glyph)
        for theirs in shapes:
            if theirs is not mine and _meets(mine.text_bounds, theirs.bounds):
                _check_pair(page, mine, theirs)


class _Shapes:
    """An element's items as boxes: glyphs one by one, everything else by its extent."""

    def __init__(self, page: Page, element: Element, faces: dict):
        self.element = element
        self.items = [(i, page.items[i]) for i in range(element.start, element.end)]
        self.extents = {i: [_extent(item)] for i, item in self.items
                        if not isinstance(item, TextRun)}
        # each run's glyphs, as (character, box), measured once
        self.glyphs_of = {i: list(_glyph_boxes(item, faces)) for i, item in self.items
                          if isinstance(item, TextRun)}
        self.runs = [(i, glyphs, _union(box for _, box in glyphs))
                     for i, glyphs in self.glyphs_of.items()]
        self.text_bounds = _union(b for _, _, b in self.runs)
        self.bounds = _union(b for i, _ in self.items for b in self.boxes(i))

    def glyphs(self) -> Iterator[tuple[int, str, Bounds]]:
        for i, glyphs, _ in self.runs:
            for ch, box in glyphs:
                yield i, ch, box

    def boxes(self, i: int) -> list[Bounds]:
        """Item i's boxes: a run's glyphs one by one, anything else its extent."""
        if i in self.glyphs_of:
            return [box for _, box in self.glyphs_of[i]]
        return self.extents[i]


def _check_frame(page: Page, mine: _Shapes, glyph) -> None:
    _, ch, (x0, y0, x1, y1) = glyph
    f = mine.element.frame
    over = max(f.x - x0, x1 - f.right, f.y - y0, y1 - f.top)
    if over > TOLERANCE:
        raise CollisionError(
            f"the text of {mine.element.name} runs {over / MM:.1f} mm outside its frame: "
            f"'{ch}' at {_place(page, x0, y1)}", mine.element.where or Location("layout"),
            hint="the element's text does not fit it: shorten the text or give the region "
                 "more room in the layout", element=mine.element, places=(glyph[2],))


def _check_pair(page: Page, mine: _Shapes, theirs: _Shapes) -> None:
    for i, glyphs, run_box in mine.runs:
        if not _meets(run_box, theirs.bounds):
            continue
        for ch, box in glyphs:
            if not _meets(box, theirs.bounds):
                continue
            for k, item in theirs.items:
                if isinstance(item, Rect) and item.fill is not None and k < i:
                    continue  # a field painted before the text: its background
                if any(_meets(box, other) for other in theirs.boxes(k)):
                    what = _what(item, k < i)
                    raise CollisionError(
                        f"the text of {mine.element.name} lies on {theirs.element.name}: "
                        f"'{ch}' at {_place(page, box[0], box[3])} {what}",
                        mine.element.where or Location("layout"),
                        hint="the two regions take the same place on the page: move or resize "
                             "one of them in the layout, or shorten the text",
                        element=mine.element,
                        places=(box, *(o for o in theirs.boxes(k) if _meets(box, o))))


def check_folds(page: Page, fonts: FontSet) -> None:
    """No element's glyph crosses a fold of the spread, nor its picture unless its kind
    declares a picture may (a spread-wide photo): the guard behind each kind's own rule
    (text columns with a gutter on the fold, 数说 figures by halves, a section's tab kept
    on one page)."""
    if not page.folds:
        return
    from spread.layout.kinds import FOLD_KINDS

    faces = {face.key: face for face in fonts.faces()}
    for element in page.elements:
        for k in range(element.start, element.end):
            item = page.items[k]
            if isinstance(item, TextRun):
                boxes = [(f"'{ch}'", box) for ch, box in _glyph_boxes(item, faces)]
            elif isinstance(item, Image) and element.kind not in FOLD_KINDS:
                boxes = [("its picture", _box(item.clip))]
            else:  # colour: a field, a rule, an ornament runs on over the fold
                continue
            for what, box in boxes:
                fold = next((f for f in page.folds
                             if box[0] + TOLERANCE < f < box[2] - TOLERANCE), None)
                if fold is not None:
                    _across_fold(page, element, what, box, fold)


def _across_fold(page: Page, element: Element, what: str, box: Bounds, fold: float) -> None:
    raise CollisionError(
        f"{element.name} sets {what} across the spread's fold, "
        f"{(fold - page.trim.x) / MM:.1f} mm across: the plant cuts the spread there",
        element.where or Location("layout"),
        hint="keep the region on one page (columns of one side of the fold), shorten its "
             "text, or — for a picture — place it in a picture region, whose spread-wide "
             "photos may run over the fold", element=element,
        places=(box, (fold - 0.5, box[1], fold + 0.5, box[3])))


def _what(item: Item, before: bool) -> str:
    if isinstance(item, TextRun):
        return f"touches its text «{item.chars[:12]}»"
    kind = {Rect: "field", Rule: "rule", Shape: "ornament", Image: "picture"}[type(item)]
    return f"is {'on' if before else 'under'} its {kind}"


def _place(page: Page, x: float, y: float) -> str:
    """A point as a person measures it on the page: mm from the trim's top left corner."""
    return f"{(x - page.trim.x) / MM:.1f} mm across, {(page.trim.top - y) / MM:.1f} mm down"


def _glyph_boxes(run: TextRun, faces: dict) -> Iterator[tuple[str, Bounds]]:
    """Each glyph's box: across, its ink (a mark trimmed at a line's end keeps its ink
    inside the line, not its blank); up and down, the em box about its baseline."""
    face = faces.get(run.face)
    size, scale = run.style.size, run.style.scale
    ys = run.ys or (run.y,) * len(run.chars)
    for ch, x, y in zip(run.chars, run.xs, ys):
        advance, (left, right) = (face.advance(ch), face.blank(ch)) if face else (1.0, (0, 0))
        em = size * scale
        yield ch, (x + left * em, y - DESCENT * size, x + (advance - right) * em,
                   y + ASCENT * size)


def _extent(item: Item) -> Bounds:
    if isinstance(item, Rect):
        return _box(item.box)
    if isinstance(item, Image):
        return _box(item.clip)
    if isinstance(item, Rule):
        half = item.width / 2
        return (min(item.x1, item.x2) - half, min(item.y1, item.y2) - half,
                max(item.x1, item.x2) + half, max(item.y1, item.y2) + half)
    xs = [v for op in item.path for v in op[1::2]]
    ys = [v for op in item.path for v in op[2::2]]
    return (min(xs), min(ys), max(xs), max(ys)) if xs else (0.0, 0.0, 0.0, 0.0)


def _box(box: Box) -> Bounds:
    return (box.x, box.y, box.right, box.top)


def _union(boxes) -> Bounds:
    boxes = list(boxes)
    if not boxes:
        return (0.0, 0.0, -1.0, -1.0)  # meets nothing
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def _meets(a: Bounds, b: Bounds) -> bool:
    """Whether two boxes overlap by more than the tolerance both ways."""
    return (min(a[2], b[2]) - max(a[0], b[0]) > TOLERANCE
            and min(a[3], b[3]) - max(a[1], b[1]) > TOLERANCE)
