"""The registry of region kinds: the name a layout's region gives as its `kind` → the
function that sets it (ctx, region, width, height) → Frame, in its own coordinates."""

from __future__ import annotations

from spread.layout import articles, charts, display, pictures, stories, structure
from spread.layout.blocks import option
from spread.template import Region

KINDS = {"stack": structure.stack, "decoration": structure.decoration,
         "banner": display.banner, "figures": display.figures, "text": articles.text,
         "section": articles.section, "honour_roll": articles.honour_roll,
         "folio": structure.folio, "credits": structure.credits, "chart": charts.chart,
         "picture": pictures.picture, "headline": stories.headline, "story": stories.story}

# kinds whose frame depends on where it stands on the page (a field or tint run out to the
# bleed, ornament placed by the trim): a frame of theirs set elsewhere is not placed here
EDGE_KINDS = frozenset({"banner", "decoration"})

# what a region of each kind places when it names no content path itself
SHOWS = {"banner": ("headline", "kicker"), "figures": ("figures",),
         "honour_roll": ("honour_roll",), "folio": ("edition",), "credits": ("credits",)}


def shows(region: Region) -> list[str]:
    """The content paths one region places (a stack's regions place their own; a linked
    frame sets what the region it follows could not)."""
    if region.kind == "banner":  # with the folio option, the folio line too
        return list(SHOWS["banner"]) + (["edition"] if option(region, "folio", "") else [])
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
