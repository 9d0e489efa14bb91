"""The page's slack: how much of the type area a page leaves empty — the make-up report's
holes and column feet short of their module's foot — held against the layout's `slack`
bounds. A template that takes any amount of content grows its rows within their bounds
first (the banner's field, the lists' spacing, charts and pictures); what the content still
leaves empty is said, never passed over: a warning above `warn`, a problem of the page
above `refuse` (exit 1, shown on the failure proof), each naming where the page is empty
and what to add, in characters of body text.

One rule for every layout: above `warn` (default 0.08, a twelfth) a warning. White loses no
text and the page prints what it was given; only the editor can fill it, so the build says
how much and where, and `--strict` (the press run's gate) makes it an error. Refusing is a
template's choice (`refuse`, default never): one made to be full — the commemorative and
photo pages, 0.25 — refuses a page with copy its make-up could not fill, whose white would
read as the page's fault. A page with no copy at all — a skeleton from `spread init`, every
text still to write — is a starting point, not a page for press: it is never refused, and
the warning says it is a skeleton and how much text the layout holds."""

from __future__ import annotations

from spread.content import Content
from spread.errors import SpreadError
from spread.layout.makeup import Finding, MakeupReport
from spread.layout.problems import Problem
from spread.page import Box, Page
from spread.template import Slack

# what fills each kind of region's emptiness, as the editor adds it to the content
REMEDY = {
    "section": "add text to {item} (its intro or list) or another section",
    "text": "add text to {item}",
    "story": "add text to {item}",
    "honour_roll": "add awards to the honour roll",
    "figures": "add 数说 figures",
    "picture": "give {item} a photo nearer its frame's proportions",
    "gallery": "add photos, or give {item} photos nearer the proportions of their rows",
    "chart": "add bars to {item}",
    "stack": "add text to its stories, or another story",
}
FALLBACK = "add text or another section"
# display heads set across the page: the white beside a centred headline is its own, no
# copy fills it, so it is no slack of the page
DISPLAY = frozenset({"headline", "banner"})


class UnderfullError(SpreadError):
    """A page its content leaves emptier than its layout allows."""

    exit_code = 1


def judge(page: Page, report: MakeupReport, bounds: Slack, content: Content, area: Box,
          body_size: float, pitch: float) -> tuple[list[str], list[Problem]]:
    """The warning (a note starting `warning:`) or the problem the page's slack makes under
    the layout's bounds (`area`: the type area; a body character `body_size` wide and
    `pitch` tall); nothing when the page is within them."""
    if _area(area) <= 0:
        return [], []
    holes = _holes_past(page, report, bounds, content, area, body_size, pitch)
    if holes or (bounds.warn is None and bounds.refuse is None):
        return [], holes
    empty, found = _empty_by_element(report)
    total = sum(empty.values())
    share = total / _area(area)
    over = [bound is not None and share > bound for bound in (bounds.warn, bounds.refuse)]
    if not any(over):
        return [], []
    skeleton = not has_copy(content)
    refused = over[1] and not skeleton
    worst = sorted(empty, key=lambda e: -empty[e])
    where = ", ".join(f"{name} {empty[name] / CM2:.0f} cm²" for name in worst[:3])
    chars = _characters(total, body_size, pitch)
    adds: dict[str, float] = {}  # what to add, and the empty area it would fill
    for name in worst[:3]:
        remedy = REMEDY.get(found[name].region, FALLBACK).format(item=found[name].item or "it")
        adds[remedy] = adds.get(remedy, 0.0) + empty[name]
    empty_part = (f"{share:.0%} empty ({total / CM2:.0f} cm² of the type area: {where})")
    adding = ("; ".join(f"{remedy}: about {_characters(white, body_size, pitch)} characters"
                        for remedy, white in adds.items())
              + f" (the empty area would take about {chars} characters of body text in all)")
    if skeleton:
        return [f"warning: the page is a skeleton to fill — no lead, intro, body, list item, "
                f"award or caption yet — and is {empty_part}; {adding}"], []
    message = (f"the page is {empty_part}; the layout "
               + (f"refuses a page more than {bounds.refuse:.0%} empty" if refused else
                  f"warns above {bounds.warn:.0%}"))
    hint = f"{adding} — or choose a template for less content"
    if not refused:
        return [f"warning: {message}; {hint}"], []
    item = found[worst[0]].item if worst else ""
    at = content.location(item) if item else content.where
    frame = next((e.frame for e in page.elements if e.name == worst[0]), None) \
        if worst else None
    return [], [Problem(UnderfullError(message, at, hint=hint),
                        worst[0] if worst else "", frame, amount=f"{share:.0%} empty",
                        item=item)]


CM2 = (72 / 2.54) ** 2


def _characters(area: float, body_size: float, pitch: float) -> int:
    """About how many body characters an empty area would take, in tens."""
    return int(area / (body_size * pitch) / 10) * 10


def has_copy(content: Content) -> bool:
    """Whether the content carries any copy a reader reads beyond its heads: a lead, a
    section's intro, body or list, an award, a caption. A skeleton carries none."""
    sections = content.sections
    return bool(content.lead or any(s.intro or s.body or (s.report and s.report.items)
                                    for s in sections)
                or (content.honour_roll and content.honour_roll.items)
                or any(p.caption for p in content.every_picture()))


def _empty_by_element(report: MakeupReport) -> tuple[dict[str, float], dict[str, Finding]]:
    """Each element's empty area in pt² — its holes, and its short column feet where no
    hole already counts them — and, by element, a finding of it (its kind and item)."""
    holes = [f for f in report.findings if f.kind == "hole" and f.region not in DISPLAY]
    empty: dict[str, float] = {}
    found: dict[str, Finding] = {}
    for f in holes:
        empty[f.element] = empty.get(f.element, 0.0) + _area(f.box)
        found.setdefault(f.element, f)
    for f in report.findings:
        if f.kind == "short-column" and f.region not in DISPLAY:
            counted = sum(_area(_cut(f.box, h.box)) for h in holes)
            empty[f.element] = empty.get(f.element, 0.0) + max(0.0, _area(f.box) - counted)
            found.setdefault(f.element, f)
    return empty, found


def _area(box: Box) -> float:
    return max(0.0, box.width) * max(0.0, box.height)


def _cut(a: Box, b: Box) -> Box:
    x, y = max(a.x, b.x), max(a.y, b.y)
    return Box(x, y, min(a.right, b.right) - x, min(a.top, b.top) - y)


class HoleError(SpreadError):
    """A hole its page's make-up could not fill, larger than its layout allows."""

    exit_code = 1


def _holes_past(page: Page, report: MakeupReport, bounds: Slack, content: Content,
                area: Box, body_size: float, pitch: float) -> list[Problem]:
    """A problem for the largest hole past the layout's `slack.hole` (a share of the type
    area): a newspaper page has no holes, so white the make-up could not fill beside a
    story's photos stops the page, naming the story, where the hole
    is and how large, and what fills it (more text or a photo there, or as many lines less
    of what stands beside it). Only white beside a photo of its own region counts
    (_beside_own_photo); display heads' white is theirs."""
    if bounds.hole is None or not has_copy(content):
        return []
    past = [f for f in report.of("hole") if f.region not in DISPLAY
            and _area(f.box) > bounds.hole * _area(area) and _beside_own_photo(page, f)]
    if not past:
        return []
    worst = max(past, key=lambda f: _area(f.box))
    item = (worst.item if _in_content(worst.item, content) else
            _story_beside(page, worst.box, content))
    lines = int(worst.box.height / pitch + 0.5)
    who = f"{item} ({worst.element})" if item and item not in worst.element else worst.element
    message = (f"{who} leaves a hole its make-up cannot fill: {worst.detail} ({worst.at}), "
               f"{_area(worst.box) / _area(area):.1%} of the type area; the layout refuses "
               f"a hole over {bounds.hole:.1%}"
               + (f" ({len(past)} such holes on the page)" if len(past) > 1 else ""))
    kind = "story" if worst.region == "stack" and item else worst.region  # its story's
    remedy = REMEDY.get(kind, FALLBACK).format(item=item or "it")
    hint = (f"{remedy}: about {_characters(_area(worst.box), body_size, pitch)} characters, "
            f"or a photo; or shorten what stands beside the hole by {lines} lines — or "
            "choose a template for less content")
    at = content.location(item) if item else content.where
    frame = next((e.frame for e in page.elements if e.name == worst.element), None)
    return [Problem(HoleError(message, at, hint=hint), worst.element, frame,
                    amount=f"hole {worst.box.width / MM:.0f} × {worst.box.height / MM:.0f} mm",
                    item=item)]


MM = 72 / 25.4


def _beside_own_photo(page: Page, hole: Finding) -> bool:
    """Whether a hole stands beside a photo of its own region, along most of its height — a
    story's photos set in one of its columns with the text beside them run out: white its
    make-up answers for. (White under a story whose columns end level, or beside another
    region's photo, is the balance of the page's rows, which its stacks share out.)"""
    from spread.page import Image

    owner = next((e for e in page.elements if e.name == hole.element), None)
    if owner is None:
        return False
    box, along = hole.box, 0.0
    for item in page.items[owner.start:owner.end]:
        if not isinstance(item, Image):
            continue
        clip = item.clip
        if -1.0 <= max(box.x - clip.right, clip.x - box.right) <= 30.0:  # a gutter away
            along += max(0.0, min(box.top, clip.top) - max(box.y, clip.y))
    return along >= 0.4 * box.height  # (photos one under another, their captions between)


def _in_content(item: str, content: Content) -> bool:
    """Whether a region's item is a path in the content (a stack's is not)."""
    try:
        return bool(item) and content.at(item) is not None
    except (KeyError, IndexError, AttributeError, ValueError):
        return False


def _story_beside(page: Page, hole: Box, content: Content) -> str:
    """The story a hole in a stack belongs to: the one whose photo or text stands nearest
    above it or beside it, as the content names it (sections[2]) — a photo says its path,
    a line of text is found in the story's paragraphs."""
    from spread.page import Image, TextRun

    def near(box_x: float, box_right: float, top: float) -> float:
        across = min(box_right, hole.right) - max(box_x, hole.x)
        if across <= 0 and abs(box_x - hole.right) > 20 and abs(box_right - hole.x) > 20:
            return float("inf")
        return abs(top - hole.top) if top >= hole.y else float("inf")

    best, named = float("inf"), ""
    for item in page.items:
        if isinstance(item, Image) and item.where is not None:
            d = near(item.clip.x, item.clip.right, item.clip.y)
            path = _pictured_in(item.where, content) if d < best else ""
        elif isinstance(item, TextRun) and len(item.chars.strip()) >= 4:
            d = near(item.xs[0], item.xs[-1], item.y)
            path = _written_in(item.chars, content) if d < best else ""
        else:
            continue
        if d < best and path:
            best, named = d, path
    return named.split(".")[0] if named.startswith("sections[") else named


def _pictured_in(where, content: Content) -> str:
    """The story whose photo was written at `where` in the content."""
    for i, section in enumerate(content.sections):
        for j in range(len(section.pictures or ())):
            if content.location(f"sections[{i}].pictures[{j}].file") == where:
                return f"sections[{i}]"
    return ""


def _written_in(chars: str, content: Content) -> str:
    """The story (sections[i], or lead) whose text holds a line's characters."""
    probe = "".join(chars.split())[-6:]
    for i, section in enumerate(content.sections):
        texts = [section.title or "", section.intro or "", *(section.body or [])]
        if any(probe in "".join(t.split()) for t in texts):
            return f"sections[{i}]"
    if any(probe in "".join(t.split()) for t in content.lead or []):
        return "lead"
    return ""
