"""The registry of region kinds: the name a layout's region gives as its `kind` → the
function that sets it (ctx, region, width, height) → Frame, in its own coordinates, whether
it draws out to the page's edges and whether its pictures may cross a spread's fold — each
kind declares all three."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from spread.layout import articles, charts, display, masthead, pictures, stories, structure
from spread.layout.blocks import option
from spread.page import Frame
from spread.template import OPTIONS, Region


class Kind(NamedTuple):
    """What a kind of region is: the function that sets a region of it, and whether what it
    draws reaches past its frame to the page's edges (a field or tint run out to the bleed,
    ornament placed by the trim). Such a frame depends on where it stands on the page, so
    one set elsewhere is never placed here by translation (layout._set_frame)."""

    sets: Callable[..., Frame]  # (ctx, region, width, height) → Frame
    reaches_edge: bool
    # a spread-wide picture (跨版照片) runs over the fold; nothing else but colour does, and
    # text never (overlaps.check_folds)
    crosses_fold: bool = False


_KINDS = {
    "stack": Kind(structure.stack, reaches_edge=False),  # its regions declare their own
    "decoration": Kind(structure.decoration, reaches_edge=True),
    "banner": Kind(display.banner, reaches_edge=True),
    "figures": Kind(display.figures, reaches_edge=False),
    "text": Kind(articles.text, reaches_edge=False),
    "section": Kind(articles.section, reaches_edge=False),
    "honour_roll": Kind(articles.honour_roll, reaches_edge=False),
    "folio": Kind(structure.folio, reaches_edge=False),
    "credits": Kind(structure.credits, reaches_edge=False),
    "chart": Kind(charts.chart, reaches_edge=False),
    "picture": Kind(pictures.picture, reaches_edge=False, crosses_fold=True),
    "gallery": Kind(pictures.gallery, reaches_edge=False),
    "headline": Kind(stories.headline, reaches_edge=False),
    "story": Kind(stories.story, reaches_edge=False),
    "masthead": Kind(masthead.masthead, reaches_edge=False),
}
if set(_KINDS) != set(OPTIONS):  # the layout format's kinds (template.RegionKind) are these
    raise ImportError(f"region kinds without a setter: {sorted(set(OPTIONS) - set(_KINDS))}; "
                      f"without options in template.OPTIONS: {sorted(set(_KINDS) - set(OPTIONS))}")
KINDS = {name: kind.sets for name, kind in _KINDS.items()}  # what Context sets regions by
EDGE_KINDS = frozenset(name for name, kind in _KINDS.items() if kind.reaches_edge)
FOLD_KINDS = frozenset(name for name, kind in _KINDS.items() if kind.crosses_fold)

# what a region of each kind places when it names no content path itself
FOLIO = ("edition.paper", "edition.date", "edition.page", "edition.page_title")
SHOWS = {"banner": ("headline", "kicker", "subhead"), "figures": ("figures",),
         "honour_roll": ("honour_roll",), "folio": FOLIO, "credits": ("credits",),
         "gallery": ("pictures",), "masthead": ("edition",)}


def shows(region: Region) -> list[str]:
    """The content paths one region places (a stack's regions place their own; a linked
    frame sets what the region it follows could not)."""
    if region.kind == "banner":  # with the folio option, the folio line too
        return list(SHOWS["banner"]) + (list(FOLIO) if option(region, "folio", "") else [])
    if region.kind in ("stack", "decoration") or region.follows:
        return []
    if region.kind in ("headline", "story"):
        return stories.shows(region)
    paths = [region.content] if region.content else list(SHOWS.get(region.kind, ()))
    if region.kind == "section" and option(region, "chart", ""):
        paths.append(str(region.options["chart"]))
    return paths


def item_of(ctx, region: Region) -> str:
    """The content item a region sets, as a person finds it in the content: its content
    path, or of the paths it shows the one with the most text (the lead story's region
    names none: its paragraphs, lead)."""
    if region.content:
        return region.content
    def length(path: str) -> int:
        text = ctx.content.at(path)
        return sum(map(len, text)) if isinstance(text, list) and all(
            isinstance(t, str) for t in text) else len(text) if isinstance(text, str) else 0
    return max(shows(region), key=length, default=region.kind)
