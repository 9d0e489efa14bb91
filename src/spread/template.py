"""The layout template (layout/*.yaml): page geometry, grid, fonts, palette, styles and the
regions content is placed in. Changing the look of a page means editing this data."""

from __future__ import annotations

import dataclasses
import math
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any, Literal, get_origin, get_type_hints

from spread.errors import InputError, InputErrors, Location
from spread.schema import (DOC, KEY, LEAST, PERCENT, REFERS, VARIANTS, Decoder, did_you_mean,
                           hex_colour_hint, yaml_fields)
from spread.units import MM, Length


def _doc(text: str) -> dict:
    return {DOC: text}


def _percent(text: str) -> dict:
    """A number in percent: written `80%`, the hint says 80 (elsewhere 0.8)."""
    return {DOC: text, PERCENT: True}


SERVES = "serves"  # an option's default is used only where this other option is written


def _colour(default: str | None, text: str, serves: str | None = None):
    """An option naming a palette colour; with `serves`, the colour of a part drawn only
    where that option is written (a decoration's accent, the diamonds of its border)."""
    return field(default=default, metadata={DOC: text, REFERS: "palette", SERVES: serves})


def _style(default: str, text: str):
    """An option naming a text style."""
    return field(default=default, metadata={DOC: text, REFERS: "styles"})


@dataclass(frozen=True)
class Margins:
    """Distances from the trim edge to the type area (版心)."""

    top: Length
    bottom: Length
    left: Length
    right: Length


@dataclass(frozen=True)
class PageSpec:
    """Trim size, bleed and margins."""

    size: tuple[Length, Length] = field(metadata={**_doc("trim width and height"), LEAST: (
        148 * MM, "a page smaller than any newspaper's (A5 is 148 × 210 mm)")})
    margins: Margins = field(metadata=_doc("trim edge to type area"))
    bleed: Length = field(default=Length(3, "mm"), metadata=_doc("artwork beyond the trim"))
    pages: Literal[1, 2] = field(default=1, metadata=_doc(
        "2: a 跨版 spread of two facing pages, folded in the middle of the trim"))


@dataclass(frozen=True)
class Grid:
    """The column grid of the type area: basic columns (基本栏) and gutters (栏距)."""

    columns: int = field(metadata=_doc("number of basic columns (基本栏)"))
    gutter: Length = field(metadata=_doc("space between basic columns (栏距), e.g. 1.5字"))
    unit: Length = field(metadata=_doc("the body size one 字 stands for, e.g. 五号"))
    fold_gutter: Length | None = field(default=None, metadata=_doc(
        "a spread's gutter across the fold (both inner margins); default: the gutter"))


@dataclass(frozen=True)
class FontSpec:
    """One font file of a role's fallback chain."""

    file: str = field(metadata=_doc("path relative to the layout file"))
    face: int | str | None = field(default=None, metadata=_doc("collection member, index or name"))
    weight: Literal["regular", "bold"] = field(default="regular", metadata=_doc(
        "drawn weight: bold on a face that is not is a synthetic bold"))
    slant: Literal["upright", "oblique"] = field(default="upright", metadata=_doc(
        "drawn slant: oblique on an upright face is a synthetic 12° slant"))
    where: Location | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class ColourSpec:
    """A palette colour: its CMYK (percent) for print and its RGB (0–255) for the archive."""

    cmyk: tuple[float, float, float, float] = field(metadata=_percent(
        "cyan, magenta, yellow, black in percent 0–100"))
    rgb: tuple[int, int, int] = field(metadata=_doc("red, green, blue 0–255"))
    overprint: bool = False

    @classmethod
    def from_node(cls, node, decoder):
        """A colour written as one value (#C8161E, cmyk(0,100,100,10)) where the palette
        takes its two renderings: refused with the mapping to write."""
        raise decoder.error(f"a palette colour is a mapping of its CMYK and its RGB, not "
                            f"{node.raw!r}" if node.kind == "scalar" else
                            f"a palette colour is a mapping of its CMYK and its RGB, not a "
                            f"{node.kind}", node.where,
                            hint=colour_written(str(node.raw)) if node.kind == "scalar"
                            else "e.g. red: {cmyk: [0, 100, 100, 10], rgb: [200, 22, 30]}")


@dataclass(frozen=True)
class StyleSpec:
    """A named text style."""

    font: str = field(metadata=_doc("font role"))
    size: Length = field(metadata=_doc("type size: pt, mm or a 号 name"))
    leading: float = field(default=1.6, metadata=_doc("line pitch as a multiple of the size"))
    tracking: float = field(default=0.0, metadata=_doc("extra space after each character, em"))
    scale: float = field(default=1.0, metadata=_doc("horizontal scale: 0.8 长体, 1.2 扁体"))
    colour: str = field(default="text", metadata=_doc("palette colour name"))
    indent: float = field(default=0.0, metadata=_doc("first-line indent in em"))
    hang: float = field(default=0.0, metadata=_doc("indent of the other lines, em"))
    align: Literal["justify", "start", "centre", "end"] = field(default="justify", metadata=_doc(
        "justify (两端对齐), start (左对齐, 居左), centre (居中), end (右对齐, 居右)"))
    space_before: float = field(default=0.0, metadata=_doc("space above, in lines"))
    space_after: float = field(default=0.0, metadata=_doc("space below, in lines"))
    weight: Literal["regular", "bold"] = field(default="regular", metadata=_doc(
        "bold: the role's bold, synthetic when its fonts have none"))
    slant: Literal["upright", "oblique"] = field(default="upright", metadata=_doc(
        "oblique: slanted 12° when the role's fonts are upright"))


@dataclass(frozen=True)
class Composition:
    """Chinese composition settings for the whole page."""

    punctuation: Literal["全角", "开明", "半角"] = "全角"
    latin_space: float = field(default=0.25, metadata=_doc("Han–Latin space, em"))
    no_orphan: bool = True
    baseline_grid: bool = field(default=True, metadata=_doc(
        "body text on one page grid: every row starts on a grid line, and body lines, "
        "headings and paragraph spaces in text take whole body lines, so baselines line up "
        "across columns; display type (banner, figures, a lead in larger type) is free"))


@dataclass(frozen=True)
class RuleWidths:
    """Rule weights by name. Newsprint wants single-ink rules ≥ 1 pt and rules in two or
    more inks (or reversed) ≥ 1.5 pt, so the named weights start there."""

    fine: Length = field(default=Length(1.0), metadata=_doc("single-ink hairlines"))
    standard: Length = field(default=Length(1.5), metadata=_doc("rules in colour"))
    heavy: Length = field(default=Length(2.5), metadata=_doc("bars and banner rules"))


@dataclass(frozen=True)
class Fit:
    """Copyfit: how a region's text may shrink when it does not fit — size first, then
    tracking, then leading, never past these floors."""

    policy: Literal["none", "shrink"] = field(
        default="none", metadata=_doc("none: overset is an error; shrink: within the floors"))
    min_size: float = field(default=0.9, metadata=_doc("smallest size, times the style's"))
    min_tracking: float = field(default=-0.05, metadata=_doc("tightest tracking, em"))
    min_leading: float = field(default=0.9, metadata=_doc("tightest leading, times the style's"))


# -- region options: one typed set per kind ------------------------------------------------
# The defaults here are what the kinds use when an option is not written; `spread schema
# layout` publishes them and every option is checked against them when the layout is read.

@dataclass(frozen=True)
class NoOptions:
    """A kind that takes no options."""

    yaml_name = "the options of a folio or credits region"


@dataclass(frozen=True)
class TextOptions:
    """Options of a text region."""

    yaml_name = "the options of a text region"

    fill: Literal["none", "space"] = field(default="none", metadata=_doc(
        "space: vertical justification, whole body lines of space added where paragraphs "
        "start, so the text reaches the row's foot"))
    max_space: int = field(default=2, metadata=_doc(
        "the most blank body lines fill: space adds at one place"))
    space_at: Literal["sections", "paragraphs"] = field(default="sections", metadata=_doc(
        "where fill: space may open: sections (before a heading or a chart or photo in the "
        "flow, so a body and a list keep an even texture) or paragraphs (also between "
        "paragraphs and list items)"))
    grid: Literal["auto", "on", "free"] = field(default="auto", metadata=_doc(
        "the baseline grid: auto (on when the style's pitch is one body line), on or free"))


@dataclass(frozen=True)
class ParagraphOptions(TextOptions):
    """Options of a text region (and of the regions setting a story's paragraphs)."""

    yaml_name = "the options of a text region"

    strong_style: str = _style("", "text the content marks **so** in the paragraphs (问：, "
                                   "答： of an interview); default strong, needed when the "
                                   "content marks text")


@dataclass(frozen=True)
class ChartOptions:
    """Options of a chart region (and of a section's chart_options)."""

    yaml_name = "the options of a chart"

    bar: str = _colour("red", "the bars' colour")
    rule: str = _colour("rule", "the baseline rule's colour")
    thickness: float = field(default=0.55, metadata=_doc("a bar's share of its row's pitch"))
    label_style: str = _style("chart_label", "the labels' style")
    value_style: str = _style("chart_value", "the figures' style")
    grow: float | None = field(default=None, metadata=_doc(
        "how far the chart may open to take slack, times its height (≥ 1): a chart region "
        "opens up to 1.5 by default; a section's chart takes its column's slack only with it"))


Pictogram = Literal["", "medal", "shield", "heart", "book", "house"]


@dataclass(frozen=True)
class SectionOptions(ParagraphOptions):
    """Options of a section region."""

    yaml_name = "the options of a section region"

    pictogram: Pictogram = field(default="", metadata=_doc("the title bar's emblem"))
    bar: str = _colour("red", "the title bar's colour")
    accent: str = _colour("gold", "the second rule beside the title bar, the emblem")
    divider: str = _colour("rule", "rules between the text columns")
    bullet: str = field(default="●", metadata=_doc("the mark before each report item"))
    emphasis: Literal["auto", "marked"] = field(default="auto", metadata=_doc(
        "auto: figures in report items stand out by themselves; marked: only **marked** text"))
    chart: str = field(default="", metadata=_doc(
        "a content chart, e.g. charts[0], set after the list"))
    chart_options: ChartOptions = field(default_factory=ChartOptions, metadata=_doc(
        "that chart's options"))
    title_style: str = _style("section_title", "the title bar's text")
    report_title_style: str = _style("", "the report's title; default report_title, needed "
                                         "when a report has a title")
    item_style: str = _style("", "report items; default report_item, needed when the "
                                 "section has a report")
    figure_style: str = _style("", "figures that stand out in report items; default figure, "
                                   "needed when the section has a report")
    bullet_style: str = _style("", "the bullet; default bullet, needed when the section "
                                   "has a report")
    kicker_style: str = _style("", "a section's kicker under the title bar; default "
                                   "section_kicker")
    subhead_style: str = _style("", "a section's subhead under the title bar; default subhead")
    byline_style: str = _style("", "a section's byline; default byline")
    dateline_style: str = _style("", "a section's dateline, run in; default dateline")
    jump_style: str = _style("", "a story's 转版 line (jump), flush right after its "
                             "paragraphs; default jump")
    table_style: str = _style("", "a table's cells, each aligned as the style says; default "
                                  "table_cell, needed when the section has a table")
    table_head_style: str = _style("", "a table's head; default table_head, needed when "
                                       "the table has one")
    table_rule: str = _colour("rule", "the rules under a table's head (standard weight) and "
                                      "between its rows (fine)")
    photo_after: int = field(default=1, metadata=_doc(
        "the section's photos are set after this many paragraphs"))
    photo_options: PictureOptions | None = field(default=None, metadata=_doc(
        "its photos' options, as a picture region's"))


@dataclass(frozen=True)
class HonourRollOptions(TextOptions):
    """Options of an honour_roll region."""

    yaml_name = "the options of an honour_roll region"

    tint: str = _colour("cream", "the box's tint")
    border: str = _colour("red", "the 花边 border")
    accent: str = _colour("gold", "the border's diamonds")
    band: str = _colour("red", "the title band")
    title_style: str = _style("honour_title", "the vertical title")
    item_style: str = _style("honour_item", "awards")
    sub_style: str = _style("honour_subitem", "an award's items")
    bullet_style: str = _style("bullet", "the ◆ and ◇ bullets")
    name_style: str = _style("", "names (a 名单 grid); default the item_style")
    name_cell: int = field(default=3, metadata=_doc(
        "a name's cell, in characters of the name style: a shorter name is spread to it "
        "(张　三), a longer one takes as many cells as it needs"))
    name_gap: float = field(default=2.0, metadata=_doc(
        "the least space between two cells, in characters of the name style; the cells of "
        "a full row are spread to the measure"))
    auto_names: bool = field(default=True, metadata=_doc(
        "a roll of bare short entries (no items, no names, 1–6 letters each, most of two or "
        "three) is read as a list of names"))


@dataclass(frozen=True)
class HeadlineFit:
    """A display headline's copyfit: its size steps down in whole points, only as far as its
    lines need to fit, never below the floor; the region's other type keeps its size."""

    yaml_name = "a banner's headline_fit"

    policy: Literal["none", "shrink"] = field(
        default="none", metadata=_doc("none: overset is an error; shrink: down to min_size"))
    min_size: float = field(default=0.9, metadata=_doc("smallest size, times the style's"))


@dataclass(frozen=True)
class BannerOptions:
    """Options of a banner region."""

    yaml_name = "the options of a banner region"

    padding: float = field(default=1.0, metadata=_doc(
        "space above and below the text, in 字 (twice this)"))
    headline_fit: HeadlineFit = field(default_factory=HeadlineFit, metadata=_doc(
        "how far the headline alone may be set smaller to fit (the kicker and folio keep "
        "their sizes)"))
    field: str = _colour("red", "the colour field, out to the bleed")  # names `field` last
    accent: str = _colour("gold", "ornament and the rules beside the kicker")
    folio: str = _style("", "a style: the folio line (报眉) set at the top of the field")
    headline_style: str = _style("headline", "the headline")
    kicker_style: str = _style("kicker", "the kicker")
    subhead_style: str = _style("", "the subhead (副题), centred under the headline and "
                                    "kicker; default subhead, needed when the content has one")


@dataclass(frozen=True)
class FiguresOptions:
    """Options of a figures region."""

    yaml_name = "the options of a figures region"

    tint: str = _colour("cream", "the panel's tint")
    accent: str = _colour("red", "ring charts")
    divider: str = _colour("gold", "rules between the figures")
    track: str = _colour("gold", "a ring chart's track")
    number_style: str = _style("figure_number", "the figure's number")
    unit_style: str = _style("figure_unit", "its unit")
    label_style: str = _style("figure_label", "its label")
    grow: float | None = field(default=None, metadata=_doc(
        "a panel taller than its figures sets its numbers larger, up to this factor (≥ 1) "
        "of their size; default 1: not at all"))


@dataclass(frozen=True)
class StackOptions:
    """Options of a stack region."""

    yaml_name = "the options of a stack region"

    gap: Length = field(default=Length(0.8, "字"), metadata=_doc("space between its regions"))
    frame: str | None = _colour(None, "a rule round its regions in this colour (a 框: a "
                                      "coupon, a box set off)")
    frame_weight: Literal["fine", "standard", "heavy"] = field(default="standard", metadata=_doc(
        "the frame's rule weight"))
    frame_dash: bool = field(default=False, metadata=_doc(
        "the frame dashed, a line to cut along (a coupon)"))
    frame_padding: Length = field(default=Length(1, "字"), metadata=_doc(
        "the white between the frame and its regions, each side (on the baseline grid, "
        "above and below in whole body lines)"))


Side = Literal["top", "bottom", "left", "right"]


@dataclass(frozen=True)
class DecorationOptions:
    """Options of a decoration region."""

    yaml_name = "the options of a decoration region"

    height: Length = field(default=Length(0), metadata=_doc("its natural height"))
    tint: str | None = _colour(None, "a tint (底纹) over the whole region")
    border: str | None = _colour(None, "a 花边 border in this colour")
    accent: str = _colour("gold", "the border's diamonds", serves="border")
    rule_above: str | None = _colour(None, "a rule along the top in this colour")
    rule_below: str | None = _colour(None, "a rule along the foot in this colour")
    weight: Literal["fine", "standard", "heavy"] = field(default="standard", metadata=_doc(
        "the rules' weight"))
    bleed: list[Side] = field(default_factory=list, metadata=_doc(
        "sides the tint runs out to the bleed"))


@dataclass(frozen=True)
class PictureOptions:
    """Options of a picture region."""

    yaml_name = "the options of a picture region"

    fit: Literal["fit", "fill", "crop"] = field(default="fit", metadata=_doc(
        "fit: the whole picture; fill: cover the frame; crop: cover it with `crop`'s part"))
    crop: tuple[float, float, float, float] = field(default=(0, 0, 1, 1), metadata=_doc(
        "[left, top, right, bottom] in fractions 0–1 of the picture from its top left"))
    height: Length | None = field(default=None, metadata=_doc("the frame's height"))
    aspect: float | str | None = field(default=None, metadata=_doc(
        "the frame's width ÷ height: 1.5 or \"3:2\""))
    folders: list[str] = field(default_factory=list, metadata=_doc(
        "more folders pictures may come from, relative to the layout file"))
    caption_style: str = _style("caption", "the caption")
    credit_style: str = _style("credit", "the credit")
    grow: float | None = field(default=None, metadata=_doc(
        "the frame may grow to take its row's height in whole body lines, up to this many "
        "times its natural height (≥ 1); the picture then covers it, cropped about its centre"))
    most_cut: float = field(default=0.5, metadata=_doc(
        "the largest share (0–1) of a picture, or of its `crop` part, that covering the frame "
        "may cut off; past it the page is refused, or letterboxed (`letterbox`). A cut of "
        "more than a fifth is noted, with the sides it takes"))
    letterbox: bool = field(default=False, metadata=_doc(
        "a picture that covering its frame would cut more than `most_cut` of is shown whole "
        "in it instead (the rest of the frame left white), and the build notes it"))


@dataclass(frozen=True)
class GalleryOptions:
    """Options of a gallery region: how many photos a row holds, and its photos' picture
    options."""

    yaml_name = "the options of a gallery region"

    across: int = field(default=3, metadata=_doc(
        "photos a row may hold, each as wide as its proportions ask; none is set narrower "
        "than 15 % of the region"))
    fit: Literal["fit", "fill"] = field(default="fill", metadata=_doc(
        "fill: each photo covers its frame (a row's frames open by a fifth at most to take "
        "the region's height); fit: shown whole"))
    folders: list[str] = field(default_factory=list, metadata=_doc(
        "more folders pictures may come from, relative to the layout file"))
    caption_style: str = _style("caption", "the captions")
    credit_style: str = _style("credit", "the credits")
    most_cut: float = field(default=0.5, metadata=_doc(
        "the largest share (0–1) of a photo its frame may cut off; past it the page is "
        "refused, or letterboxed (`letterbox`)"))
    letterbox: bool = field(default=False, metadata=_doc(
        "a photo its frame would cut more than `most_cut` of is shown whole in it instead"))


@dataclass(frozen=True)
class HeadlineOptions:
    """Options of a headline region (and of a story's head)."""

    yaml_name = "the options of a headline region"

    kicker_style: str = _style("kicker", "the kicker (引题), above the headline")
    headline_style: str = _style("headline", "the headline")
    subhead_style: str = _style("subhead", "the subhead (副题), below the headline")
    head_gap: float = field(default=0.8, metadata=_doc("space under the head, in 字"))
    head_rule: str = _colour("", "a rule under the head in this colour")


@dataclass(frozen=True)
class StoryOptions(ParagraphOptions, HeadlineOptions):
    """Options of a story region."""

    yaml_name = "the options of a story region"

    head: bool = field(default=True, metadata=_doc(
        "set the story's head (kicker, headline, subhead) across the region's top"))
    byline_style: str = _style("byline", "the byline, on a line of its own")
    dateline_style: str = _style("dateline", "the dateline, run in at the first paragraph")
    jump_style: str = _style("", "the 转版 line (jump), flush right after the paragraphs; "
                             "default jump")
    photo_place: Literal["auto", "column", "span"] = field(default="auto", metadata=_doc(
        "column: photos in the flow, one text column wide; span: across the region's "
        "columns, under the head; auto: column, but span where the story's text is too "
        "short to stand beside its photos (a picture story)"))
    photo_after: int = field(default=1, metadata=_doc(
        "in the flow, photos are set after this many paragraphs"))
    photos: list[str] = field(default_factory=list, metadata=_doc(
        "the page's lead story: the content pictures it sets, e.g. [pictures[0]]"))
    photo_options: PictureOptions = field(default_factory=lambda: PictureOptions(),
                                          metadata=_doc("its photos' options"))
    divider: str = _colour("", "rules between the text columns in this colour")
    head_span: float = field(default=1.0, metadata=_doc(
        "a one-line headline shorter than the story's columns is set larger to span them, "
        "up to this factor of its style's size (1: as its style sets it)"))
    beside_head: Literal["white", "text"] = field(default="white", metadata=_doc(
        "white: every column starts under the head; text: the columns clear of a narrow "
        "flush-left head start beside it, at the story's top"))


@dataclass(frozen=True)
class MastheadOptions:
    """Options of a masthead region (报头)."""

    yaml_name = "the options of a masthead"

    name_style: str = _style("masthead", "the paper's name, set on one line")
    line_style: str = _style("masthead_line", "the edition's lines beside the name: date, "
                             "农历, 期号, 版次, CN number and 邮发代号, one a line")
    divider: str = _colour("", "a rule in this colour between the name and its lines")
    gap: Length = field(default=Length(1, "字"), metadata=_doc(
        "the white between the name's room and its lines, each side of the divider"))


OPTIONS: dict[str, type] = {
    "banner": BannerOptions, "text": ParagraphOptions, "figures": FiguresOptions,
    "section": SectionOptions, "honour_roll": HonourRollOptions, "folio": NoOptions,
    "credits": NoOptions, "picture": PictureOptions, "gallery": GalleryOptions,
    "stack": StackOptions,
    "decoration": DecorationOptions, "chart": ChartOptions, "headline": HeadlineOptions,
    "story": StoryOptions, "masthead": MastheadOptions,
}
# the kinds a region may be: one name a kind, its options above — layout.kinds sets each
# and refuses to load without exactly these (a kind added there is added here, once)
RegionKind = Literal[tuple(OPTIONS)]

# kinds whose text runs in columns that must not cross a spread's fold
FLOWS = ("text", "section", "story")

# the style a region's `style:` falls back to, by kind (for the check that it exists)
DEFAULT_STYLE = {"text": "body", "section": "body", "story": "body", "folio": "furniture",
                 "credits": "furniture"}


@dataclass(frozen=True)
class Region:
    """A block of the page placed on the grid: what it shows and how."""

    kind: RegionKind
    columns: str = field(default="", metadata=_doc(
        "basic columns it spans, e.g. 1-4 (inside a stack: default the stack's)"))
    content: str = field(default="", metadata=_doc("content path, e.g. sections[0] or lead"))
    style: str = field(default="", metadata=_doc("the main text style"))
    split: int = field(default=1, metadata=_doc("text columns inside the region"))
    fit: Fit = field(default_factory=Fit, metadata=_doc("copyfit policy"))
    options: dict[str, Any] = field(default_factory=dict, metadata={
        DOC: "kind-specific settings", VARIANTS: ("kind", OPTIONS)})
    regions: list[Region] = field(default_factory=list, metadata=_doc(
        "a stack's regions, top to bottom"))
    height: Length | None = field(default=None, metadata=_doc(
        "fixed height inside a stack; default: natural"))
    grow: bool = field(default=False, metadata=_doc("inside a stack: takes its spare height"))
    name: str = field(default="", metadata=_doc("a name other regions can refer to"))
    follows: str = field(default="", metadata=_doc(
        "linked frame: sets what does not fit the named region (same text measure)"))
    repeat: Repeat | None = field(default=None, metadata=_doc(
        "a stack only: set its one region once per item of a content list, one above "
        "another in the stack's columns (across 1), e.g. sections beside a sidebar"))
    where: Location | None = field(default=None, compare=False, repr=False)

    def walk(self):
        """This region and, for a stack, every region inside it."""
        yield self
        for child in self.regions:
            yield from child.walk()


@dataclass(frozen=True)
class Repeat:
    """A row set once per item of a content list: its one region (a stack for several) is
    laid out for each item, so many side by side, wrapping to new rows; each item's columns
    are the row's shared out among the items beside it (spread.repeat expands it)."""

    yaml_name = "a row's repeat"

    content: str = field(metadata=_doc(
        "the content list, e.g. sections or pictures, or a run of it as a slice: "
        "sections[:2] (the first two), sections[2:] (the third on)"))
    across: int = field(default=1, metadata=_doc(
        "the most items side by side; more wrap to new rows, the fuller rows below"))
    shapes: list[list[int]] = field(default_factory=list, metadata=_doc(
        "items per row, top to bottom, for the counts they add up to: [[2, 2, 2]] sets six "
        "items as three rows of two; other counts follow across"))
    most: int | None = field(default=None, metadata=_doc(
        "the most items the row takes; default: no limit but the page's height"))
    measure: int | None = field(default=None, metadata=_doc(
        "basic columns per text column: an item's split is its columns ÷ this; default: "
        "the region's split as written"))
    each: list[dict[str, Any]] = field(default_factory=list, metadata=_doc(
        "options for the items in turn, merged into the region's: the first item's, the "
        "second's, …; items past the list take the region's options as written"))
    share: Literal["even", "length"] = field(default="even", metadata=_doc(
        "how items side by side share a row's columns: even, or by length — in whole text "
        "columns (measure) by how much text and how many photos each holds, so stories "
        "beside each other end about level"))
    where: Location | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class When:
    """The counts of a content list's items a row is set for: rows for different counts
    make a page that changes its make-up with the number of stories, as data."""

    yaml_name = "a row's when"

    content: str = field(metadata=_doc("the content list whose items count, e.g. sections"))
    least: int = field(default=0, metadata=_doc("the fewest items the row is set for"))
    most: int | None = field(default=None, metadata=_doc(
        "the most items the row is set for; default: no limit"))
    parity: Literal["odd", "even"] | None = field(default=None, metadata=_doc(
        "only odd or only even counts (an odd story out across the page's foot); "
        "default: any"))
    last_least: int = field(default=0, metadata=_doc(
        "the fewest characters the list's last item holds (its text, each photo counted as "
        "the lines it takes): a brief too short for a strip across the page's foot is set "
        "with the others; default: any"))
    last_most: int | None = field(default=None, metadata=_doc(
        "the most characters the list's last item holds; default: any"))
    variant: str | None = field(default=None, metadata=_doc(
        "a name for one of the page's alternative make-ups for these counts: the page is "
        "set in each variant whose rows hold (rows without a variant belong to all) and "
        "the one that sets without a problem and leaves least of the page empty is kept; "
        "default: every make-up"))
    also: When | None = field(default=None, metadata=_doc(
        "another list's counts the row is also set for only, e.g. {content: pictures, "
        "most: 0}: a make-up for a page without a lead photo; default: none"))
    where: Location | None = field(default=None, compare=False, repr=False)

    def holds(self, count: int, last: int = 0) -> bool:
        """Whether the row is set for a list of `count` items whose last holds `last`
        characters."""
        return (self.least <= count and (self.most is None or count <= self.most)
                and (self.parity is None or count % 2 == (self.parity == "odd"))
                and (count == 0 or self.last_least <= last)
                and (count == 0 or self.last_most is None or last <= self.last_most))


def list_slice(text: str) -> tuple[str, int | None, int | None] | None:
    """A repeat's content as (list, start, stop): `sections` is the whole list,
    `sections[2:]` from the third item on, `sections[:2]` the first two; None when it is
    not written so."""
    found = re.fullmatch(r"([A-Za-z_]+)(?:\[(-?\d*):(-?\d*)\])?", text.strip())
    if not found:
        return None
    name, start, stop = found.groups()
    return name, int(start) if start else None, int(stop) if stop else None


@dataclass(frozen=True)
class Row:
    """A band of regions side by side; its height is the tallest region's, or fixed."""

    name: str  # each row's own: messages name a row by it
    regions: list[Region]
    height: Length | None = field(default=None, metadata=_doc("fixed height; default: natural"))
    space_after: Length = field(default=Length(0), metadata=_doc("space below the row"))
    grow: bool = field(default=False, metadata=_doc("takes a share of the page's spare height"))
    most: Length | None = field(default=None, metadata=_doc(
        "a growing row grows to this height at most (a banner's field, a box): the spare "
        "it cannot take goes to the other growing rows; default: no bound"))
    repeat: Repeat | None = field(default=None, metadata=_doc(
        "set the row's one region once per item of a content list (its columns and content "
        "left out: they come from the items), e.g. {content: sections, across: 2}"))
    when: When | None = field(default=None, metadata=_doc(
        "set the row only for some counts of a content list's items, e.g. {content: "
        "sections, least: 2}: rows for different counts are the page's make-up for each"))
    stagger: int = field(default=0, metadata=_doc(
        "no story head in one of its regions stands within this many body lines of the "
        "height of a head in another (no tombstones): its stacks share their white so; "
        "default 0: heads stand where they fall"))
    where: Location | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Limits:
    """Newsprint limits the preflight enforces (ISOnewspaper26 / IFRA26 practice)."""

    total_ink: float = field(default=240.0, metadata=_percent("highest total ink, percent"))
    image_ppi: float = field(default=170.0, metadata=_doc("lowest effective image resolution"))
    reversed_type: Length = field(default=Length(10), metadata=_doc(
        "smallest white-on-colour type"))
    four_colour_type: Length = field(default=Length(10), metadata=_doc(
        "smallest type built from more than one ink"))
    tinted_type: Length = field(default=Length(8), metadata=_doc(
        "smallest type in a tint of one ink"))
    rule: Length = field(default=Length(1), metadata=_doc("thinnest rule"))
    reversed_rule: Length = field(default=Length(1.5), metadata=_doc(
        "thinnest reversed or multi-ink rule"))


@dataclass(frozen=True)
class ProofSpec:
    """The proof rendition: marks sheet and picture."""

    watermark: str = field(default="", metadata=_doc("text under the artwork, e.g. 校样"))
    resolution: float = field(default=150.0, metadata=_doc(
        "PNG pixels per inch; 150 sets body text legibly"))
    margin: Length = field(default=Length(15, "mm"), metadata=_doc(
        "sheet beyond the bleed for the marks"))


@dataclass(frozen=True)
class Output:
    """The printing condition the print file declares, and the limits it is checked against."""

    condition: str = field(default="IFRA26", metadata=_doc("OutputConditionIdentifier"))
    registry: str = field(default="http://www.color.org", metadata=_doc(
        "where the condition is registered"))
    info: str = field(default="Coldset offset newsprint, ISO 12647-3 (IFRA26)",
                      metadata=_doc("the condition in words"))
    profile: str = field(default="", metadata=_doc(
        "a printer's CMYK ICC profile, relative to the layout file; embedded when given"))
    limits: Limits = field(default_factory=Limits)
    proof: ProofSpec = field(default_factory=ProofSpec)


@dataclass(frozen=True)
class Slack:
    """How empty a page may be before the build says so: the share of the type area its
    make-up report finds empty (holes and short column feet), one rule for every layout —
    a page emptier than `warn` builds with a warning (an error under --strict), one emptier
    than `refuse`, where the layout sets it, is a problem (exit 1), each naming where it is
    empty and what to add; a page with no copy at all (a skeleton from `spread init`) is
    never refused, only told it is a skeleton to fill."""

    yaml_name = "the layout's slack"

    warn: float | None = field(default=0.08, metadata=_doc(
        "a share (0–1) of the type area above which the build warns, naming the slack and "
        "what to add; default 0.08 (a twelfth); null: never"))
    refuse: float | None = field(default=None, metadata=_doc(
        "a share (0–1) above which the page is a problem (exit 1, a failure proof), for a "
        "template made to be full (the commemorative and photo pages: 0.25); default: "
        "never, the warning says it"))
    hole: float | None = field(default=None, metadata=_doc(
        "the largest share (0–1) of the type area one hole of the make-up may take — white "
        "beside a story's own photos that its make-up could not fill; past it the page is a "
        "problem (exit 1) naming the story, the hole's place and size and what fills it; "
        "default: never"))
    where: Location | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Layout:
    """A page template."""

    name: str
    page: PageSpec
    grid: Grid
    fonts: dict[str, list[FontSpec]]
    palette: dict[str, ColourSpec]
    styles: dict[str, StyleSpec]
    rows: list[Row]
    composition: Composition = field(default_factory=Composition)
    rules: RuleWidths = field(default_factory=RuleWidths, metadata=_doc("rule weights"))
    output: Output = field(default_factory=Output, metadata=_doc(
        "printing condition, preflight limits, proof"))
    font_folders: list[str] = field(default_factory=list, metadata=_doc(
        "folders, relative to the layout file, fonts may also be taken from (beside the "
        "edition folder and spread's own fonts/)"))
    slack: Slack = field(default_factory=Slack, metadata=_doc(
        "how empty the page may be before the build warns or refuses it"))
    omits: list[str] = field(default_factory=list, metadata=_doc(
        "content this layout leaves off the page on purpose, e.g. [pictures, credits]; "
        "content it neither places nor omits stops the build"))
    where: Location | None = field(default=None, compare=False, repr=False)


def load(path: str, text: str | None = None) -> Layout:
    """Read and validate a layout file; every finding of the validation is reported at once."""
    layout, findings = read(path, text)
    if findings:
        raise findings[0] if len(findings) == 1 else InputErrors(findings)
    return _weighted_roles(layout)


def read(path: str, text: str | None = None) -> tuple[Layout, list[InputError]]:
    """The layout as written and everything wrong with it, short of its font files (a file
    that is not even a layout — bad YAML, a wrong type, an unknown key — raises)."""
    from spread import yamlsource

    node, source = yamlsource.load(path, text)
    yamlsource.expect(node, path, "layout")
    decoder = Decoder(source)
    layout = decoder.decode(Layout, node)
    return layout, validate(layout, decoder)


def _weighted_roles(layout: Layout) -> Layout:
    """A style asking for bold or oblique gets a role of its own, e.g. `song+bold`: the role's
    fonts with that request, which drawing honours (synthetically when a face lacks it)."""
    fonts, styles = dict(layout.fonts), dict(layout.styles)
    for name, style in layout.styles.items():
        asks = [v for v in (style.weight, style.slant) if v not in ("regular", "upright")]
        if asks:
            role = "+".join([style.font, *asks])
            fonts[role] = [replace(spec, weight=style.weight, slant=style.slant)
                           for spec in layout.fonts[style.font]]
            styles[name] = replace(style, font=role)
    return replace(layout, fonts=fonts, styles=styles)


# -- validation ------------------------------------------------------------------------------
# Bounds on what a layout may say. They are wide: they keep out the values no press could
# print and no composer could set (a negative size, a column narrower than a character), not
# unusual designs.

MAX_PAGE = 14400.0  # pt: 200 in, the largest page a PDF reader is bound to show
MAX_BLEED = 25 * MM
MIN_TYPE, MAX_TYPE = 2.0, 720.0  # pt: below 2 pt no press prints; 720 pt is a 10-inch character
MAX_PROOF_PIXELS = 100_000_000  # the proof PNG: a 对开 sheet at 50 ppi is about one million


class _Findings:
    """The validation's errors, each placed at the value it is about."""

    def __init__(self, decoder: Decoder):
        self.decoder = decoder
        self.errors: list[InputError] = []

    def where(self, path: str, fallback: Location | None = None) -> Location:
        """The place of the value at `path`, else of the nearest written value around it."""
        while path:
            if path in self.decoder.locations:
                return self.decoder.locations[path]
            parent = _PARENT.sub("", path)
            path = parent if parent != path else ""  # a top-level key not written: no place
        return fallback or self.decoder.locations.get("", Location(self.decoder.source.path))

    def add(self, path: str, message: str, hint: str = "",
            fallback: Location | None = None) -> None:
        self.errors.append(self.decoder.error(message, self.where(path, fallback), hint))

    def raw(self, path: str) -> str | None:
        node = self.decoder.nodes.get(path)
        return None if node is None else node.raw

    def within(self, path: str, value: float, low: float, high: float, what: str,
               shown: str, hint: str = "", above: bool = False, scale: float = 1.0,
               unit: str = "") -> None:
        """`value` in [low, high] (or (low, high] when `above`); `scale` and `unit` show the
        bounds as the person writes them (mm for lengths)."""
        if (value > low if above else value >= low) and value <= high:
            return
        bound = lambda v: f"{v / scale:g}{unit}"  # noqa: E731
        least = f"more than {bound(low)}" if above else f"at least {bound(low)}"
        self.add(path, f"{what} must be {least} and at most {bound(high)}, not {shown}", hint)


_PARENT = re.compile(r"(\.[^.\[]*|\[\d+\])$")


def _shown(value: Length | float) -> str:
    """A number as a message quotes it; YAML's .nan and .inf as written, not Python's nan."""
    number = value.value if isinstance(value, Length) else value
    if math.isnan(number):
        return ".nan"
    if math.isinf(number):
        return ".inf" if number > 0 else "-.inf"
    return f"{number:g}{value.unit}" if isinstance(value, Length) else f"{number:g}"


def validate(layout: Layout, decoder: Decoder) -> list[InputError]:
    """Everything wrong with a decoded layout, each at the place it is written: geometry the
    page cannot have, numbers out of range, names that refer to nothing, regions that
    overlap or do not fit their grid."""
    found = _Findings(decoder)
    _check_palette(layout, found)
    _check_fonts_and_styles(layout, found)
    _check_slack(layout.slack, found)
    unit = _check_unit(layout, found)
    if unit:  # every other length may be written in 字
        _check_sizes(layout, unit, found)
        geometry = _check_page(layout, unit, found)
        if geometry:
            _check_rows(layout, unit, geometry, found)
    return sorted(found.errors, key=lambda e: (e.where.line, e.where.column) if e.where
                  else (0, 0))


def _check_slack(slack: Slack, found: _Findings) -> None:
    for name in ("warn", "refuse", "hole"):
        value = getattr(slack, name)
        if value is not None:
            found.within(f"slack.{name}", value, 0, 1, f"slack: {name}", _shown(value),
                         hint="a share of the type area, e.g. 0.1 for a tenth", above=True)
    if None not in (slack.warn, slack.refuse) and slack.refuse < slack.warn:
        found.add("slack.refuse", f"slack: refuse ({slack.refuse:g}) is below warn "
                  f"({slack.warn:g})", hint="a page is warned of before it is refused")


def _check_palette(layout: Layout, found: _Findings) -> None:
    for name, colour in layout.palette.items():
        path = f"palette.{name}"
        for i, v in enumerate(colour.cmyk):
            if not 0 <= v <= 100:
                found.add(f"{path}.cmyk[{i}]", f"colour '{name}': CMYK values are percentages "
                          f"0–100, not {v:g}")
        written = [found.raw(f"{path}.cmyk[{i}]") or "" for i in range(4)]
        if all(v <= 1 for v in colour.cmyk) and any(v > 0 for v in colour.cmyk) \
                and any("." in w for w in written):
            percent = ", ".join(f"{v * 100:g}" for v in colour.cmyk)
            found.add(f"{path}.cmyk", f"colour '{name}': CMYK [{', '.join(written)}] reads as "
                      "fractions of 1, but spread's CMYK values are percentages 0–100",
                      hint=f"write the percentages: cmyk: [{percent}]")
        ink = sum(colour.cmyk)
        if all(0 <= v <= 100 for v in colour.cmyk) and ink > layout.output.limits.total_ink:
            # the print check would refuse the first thing drawn in it: say so at the colour
            found.add(f"{path}.cmyk", f"colour '{name}': CMYK [{', '.join(written)}] is "
                      f"{ink:g}% total ink, above the print limit of "
                      f"{layout.output.limits.total_ink:g}% (output.limits.total_ink)",
                      hint="newsprint smears past its limit: take ink out of C, M and Y "
                           "(a deep black is C60 M40 Y40 K100, 240%)")
        for i, v in enumerate(colour.rgb):
            if not 0 <= v <= 255:
                found.add(f"{path}.rgb[{i}]", f"colour '{name}': RGB values are 0–255, "
                          f"not {v}")
        _check_renderings(name, colour, path, found)


# how far (0–255, in one channel) a colour's RGB may stand from the plain conversion of its
# CMYK: a press's and a screen's gamut part them by up to about 110 (an ICC-converted deep
# violet, 100/100/0/0, is sRGB ≈ 46 49 146 against a plain 0 0 255; process cyan ≈ 97), a row
# copied and half edited (a blue's CMYK with the red's RGB) by 150 or more
RGB_APART = 135


def _check_renderings(name: str, colour: ColourSpec, path: str, found: _Findings) -> None:
    """A colour's RGB, which the archive prints, is the colour its CMYK prints, not another."""
    if not (all(0 <= v <= 100 for v in colour.cmyk) and all(0 <= v <= 255 for v in colour.rgb)):
        return
    k = colour.cmyk[3] / 100
    plain = [round(255 * (1 - v / 100) * (1 - k)) for v in colour.cmyk[:3]]
    if max(abs(a - b) for a, b in zip(plain, colour.rgb)) > RGB_APART:
        found.add(f"{path}.rgb", f"colour '{name}': RGB {list(colour.rgb)}, which the archive "
                  f"prints, is another colour than CMYK {[round(v) for v in colour.cmyk]}, "
                  f"which the press prints (about RGB {plain})",
                  hint=f"give both the one colour: rgb: {plain} is the plain conversion "
                       "(judge it on a proof)")


def _check_fonts_and_styles(layout: Layout, found: _Findings) -> None:
    for role, chain in layout.fonts.items():
        if not chain:
            found.add(f"fonts.{role}", f"font role '{role}' lists no font file",
                      hint="e.g. song: [{file: ../fonts/NotoSerifSC-Regular.ttf}]")
        for k, spec in enumerate(chain):
            if not spec.file.strip():
                found.add(f"fonts.{role}[{k}].file", f"font {k + 1} of role '{role}' names no "
                          "file (its file is empty)",
                          hint="the font file's path, relative to the layout file")
    for name, style in layout.styles.items():
        path = f"styles.{name}"
        if style.font not in layout.fonts:
            found.add(f"{path}.font", f"style '{name}' uses font role '{style.font}', which "
                      "the layout's fonts do not define",
                      hint=_role_meant(style.font, layout.fonts))
        if style.colour not in layout.palette:
            found.add(f"{path}.colour", f"style '{name}' uses colour '{style.colour}', which "
                      "is not in the palette", hint=_colour_meant(style.colour, layout.palette))
        found.within(f"{path}.leading", style.leading, 0.5, 5, f"style '{name}': leading",
                     _shown(style.leading), hint="a multiple of the size: 1.6 is usual")
        found.within(f"{path}.tracking", style.tracking, -0.5, 2, f"style '{name}': tracking",
                     _shown(style.tracking), hint="em after each character: 0.05 is loose")
        found.within(f"{path}.scale", style.scale, 0.25, 4, f"style '{name}': scale",
                     _shown(style.scale), hint="0.8 is 长体, 1.2 扁体")
        for key in ("indent", "hang", "space_before", "space_after"):
            found.within(f"{path}.{key}", getattr(style, key), 0, 20,
                         f"style '{name}': {key}", _shown(getattr(style, key)))


def _check_unit(layout: Layout, found: _Findings) -> float:
    """The size one 字 stands for, in pt; 0 when it is unusable (reported)."""
    unit = layout.grid.unit
    if unit.unit == "字":
        found.add("grid.unit", "the grid's unit is the size one 字 stands for; it cannot "
                  "itself be written in 字", hint="e.g. unit: 五号 or unit: 10.5pt")
        return 0.0
    pt = unit.pt()
    if not MIN_TYPE <= pt <= MAX_TYPE:
        found.within("grid.unit", pt, MIN_TYPE, MAX_TYPE, "the grid's unit", _shown(unit),
                     unit=" pt")
        return 0.0
    return pt


def _check_sizes(layout: Layout, unit: float, found: _Findings) -> None:
    """Type sizes, rule weights, copyfit floors and the output's numbers."""
    for name, style in layout.styles.items():
        found.within(f"styles.{name}.size", style.size.pt(unit), MIN_TYPE, MAX_TYPE,
                     f"style '{name}': size", _shown(style.size), unit=" pt")
    for key in ("fine", "standard", "heavy"):
        weight = getattr(layout.rules, key)
        found.within(f"rules.{key}", weight.pt(unit), 0, 10 * MM, f"the {key} rule",
                     _shown(weight), above=True, scale=MM, unit=" mm")
    found.within("composition.latin_space", layout.composition.latin_space, 0, 1,
                 "latin_space", _shown(layout.composition.latin_space), hint="in em: 0.25")
    limits = layout.output.limits
    found.within("output.limits.total_ink", limits.total_ink, 0, 400, "total_ink",
                 _shown(limits.total_ink), above=True, hint="percent: 240 for newsprint")
    found.within("output.limits.image_ppi", limits.image_ppi, 0, 1200, "image_ppi",
                 _shown(limits.image_ppi), above=True)
    for key in ("reversed_type", "four_colour_type", "tinted_type", "rule", "reversed_rule"):
        value = getattr(limits, key)
        found.within(f"output.limits.{key}", value.pt(unit), 0, MAX_TYPE, key,
                     _shown(value), unit=" pt")


@dataclass(frozen=True)
class _Grid:
    """What the row checks need of the page: the type area and the basic column."""

    width: float
    height: float
    column: float
    gutter: float
    extra: float  # a spread's wider gutter across the fold
    fold_after: int  # the basic column left of a spread's fold; 0: no fold
    fold: float  # the fold's distance from the type area's left edge

    def span(self, first: int, last: int) -> tuple[float, float]:
        """Left edge (from the type area's) and width of basic columns first to last."""
        n = last - first + 1
        x = (first - 1) * (self.column + self.gutter)
        x += self.extra if self.fold_after and first > self.fold_after else 0.0
        crosses = self.fold_after and first <= self.fold_after < last
        return x, n * self.column + (n - 1) * self.gutter + (self.extra if crosses else 0.0)

    def crossing(self, first: int, last: int, split: int, unit: float) -> int:
        """The text column (1-based) of a region split `split` ways that the fold runs
        through, or 0: its lines would be cut in two. Text columns are a whole number of
        characters wide, the rest going to the gutters between them, as layout sets them."""
        if not self.fold_after:
            return 0
        x, width = self.span(first, last)
        measure = width if split == 1 else int(
            (width - (split - 1) * self.gutter) / split / unit + 1e-6) * unit
        gap = (width - split * measure) / (split - 1) if split > 1 else 0.0
        return next((c + 1 for c in range(split)
                     if x + c * (measure + gap) < self.fold < x + c * (measure + gap) + measure),
                    0)


def _check_page(layout: Layout, unit: float, found: _Findings) -> _Grid | None:
    """Trim, bleed, margins, proof sheet and grid; the grid the rows are checked against, or
    None when the page has no usable one (reported)."""
    page = layout.page
    bleed = page.bleed.pt(unit)
    found.within("page.bleed", bleed, 0, MAX_BLEED, "the bleed", _shown(page.bleed),
                 scale=MM, unit=" mm", hint="3mm is usual")
    trim = [v.pt(unit) for v in page.size]
    for i, what in enumerate(("width", "height")):
        found.within(f"page.size[{i}]", trim[i], 0, MAX_PAGE, f"the page {what}",
                     _shown(page.size[i]), above=True, scale=MM, unit=" mm")
    if not all(0 < v <= MAX_PAGE for v in trim):
        return None
    _check_proof(layout, unit, trim, min(max(bleed, 0), MAX_BLEED), found)  # bleed reported
    area = _type_area(layout, unit, trim, found)
    return _check_grid(layout, unit, *area, found) if area else None


def _type_area(layout: Layout, unit: float, trim: list[float], found: _Findings
               ) -> tuple[float, float] | None:
    margins = layout.page.margins
    m = {k: getattr(margins, k).pt(unit) for k in ("top", "bottom", "left", "right")}
    for key, value in m.items():
        found.within(f"page.margins.{key}", value, 0, MAX_PAGE, f"the {key} margin",
                     _shown(getattr(margins, key)), scale=MM, unit=" mm")
    area = (trim[0] - m["left"] - m["right"], trim[1] - m["top"] - m["bottom"])
    for what, room, across, size in (("left and right", area[0], "wide", trim[0]),
                                     ("top and bottom", area[1], "tall", trim[1])):
        if room < unit:
            found.add("page.margins", f"the {what} margins leave {max(room, 0) / MM:.1f} mm "
                      f"of type area on a page {size / MM:g} mm {across}",
                      hint="margins run from the trim edge to the type area (版心)")
    ok = all(v >= 0 for v in m.values()) and min(area) >= unit
    return area if ok else None


def _check_proof(layout: Layout, unit: float, trim: list[float], bleed: float,
                 found: _Findings) -> None:
    proof = layout.output.proof
    margin = proof.margin.pt(unit)
    found.within("output.proof.margin", margin, 0, 100 * MM, "the proof margin",
                 _shown(proof.margin), scale=MM, unit=" mm")
    found.within("output.proof.resolution", proof.resolution, 0, 600, "the proof resolution",
                 _shown(proof.resolution), above=True,
                 hint="pixels per inch: 150 (the default) is enough to read body text")
    sheet = [(v + 2 * bleed + 2 * max(margin, 0)) / 72 * proof.resolution for v in trim]
    if sheet[0] * sheet[1] > MAX_PROOF_PIXELS:
        found.add("output.proof.resolution", f"the proof would be {sheet[0]:.0f} × "
                  f"{sheet[1]:.0f} pixels; spread draws proofs up to "
                  f"{MAX_PROOF_PIXELS / 1e6:g} million", hint="a lower resolution")


def basic_column(layout: Layout) -> float:
    """A basic column's (基本栏) width in pt: the type area less its gutters — a spread's
    wider one across the fold too — shared by the grid's columns."""
    page, grid = layout.page, layout.grid
    unit = grid.unit.pt()
    area = page.size[0].pt(unit) - page.margins.left.pt(unit) - page.margins.right.pt(unit)
    gutter = grid.gutter.pt(unit)
    fold_gutter = grid.fold_gutter.pt(unit) if grid.fold_gutter else gutter
    extra = fold_gutter - gutter if page.pages == 2 else 0.0
    return (area - (grid.columns - 1) * gutter - extra) / grid.columns


def _check_grid(layout: Layout, unit: float, area_w: float, area_h: float,
                found: _Findings) -> _Grid | None:
    grid, folded = layout.grid, layout.page.pages == 2
    n = grid.columns
    gutter = grid.gutter.pt(unit)
    fold_gutter = grid.fold_gutter.pt(unit) if grid.fold_gutter else gutter
    found.within("grid.gutter", gutter, 0, MAX_PAGE, "the gutter", _shown(grid.gutter),
                 scale=MM, unit=" mm")
    if grid.fold_gutter:  # unwritten, it is the gutter, refused above when out of range
        found.within("grid.fold_gutter", fold_gutter, 0, MAX_PAGE, "the fold gutter",
                     _shown(grid.fold_gutter), scale=MM, unit=" mm")
    if n < 1:
        found.add("grid.columns", f"the grid needs at least one column, not {n}")
    elif folded and n % 2:
        found.add("grid.columns", f"a spread folds after half its columns; {n} does not halve",
                  hint=f"give it {n + 1} or {n - 1} columns")
    elif n * unit > area_w:
        found.add("grid.columns", f"{n} columns of at least 1字 ({unit:g} pt) each need "
                  f"{n * unit / MM:.0f} mm; the type area is {area_w / MM:.0f} mm wide",
                  hint="fewer columns")
    if n < 1 or folded and n % 2 or n * unit > area_w or not 0 <= gutter <= MAX_PAGE \
            or not 0 <= fold_gutter <= MAX_PAGE:  # refused above: .nan too, no width at all
        return None
    extra = fold_gutter - gutter if folded else 0.0
    column = basic_column(layout)
    if n > 1 and (n - 1) * gutter + extra >= area_w:
        found.add("grid.gutter", f"the {n - 1} gutters of {_shown(grid.gutter)} take "
                  f"{((n - 1) * gutter + extra) / MM:.0f} mm of the {area_w / MM:.0f} mm type "
                  "area, leaving nothing for the columns", hint="a gutter is about 1–2字")
        return None
    if column < unit:
        found.add("grid.columns", f"{n} columns with {_shown(grid.gutter)} gutters leave "
                  f"{column / MM:.1f} mm for each column of the {area_w / MM:.0f} mm "
                  f"type area; a column needs at least 1字 ({unit:g} pt)",
                  hint="fewer columns, a narrower gutter or narrower margins")
        return None
    fold = layout.page.size[0].pt(unit) / 2 - layout.page.margins.left.pt(unit)
    return _Grid(area_w, area_h, column, gutter, extra, n // 2 if folded else 0, fold)


def _check_rows(layout: Layout, unit: float, grid: _Grid, found: _Findings) -> None:
    """The rows: their regions' names, each row's own settings and its regions (or its
    repeat), and their fixed heights and spaces within the type area's."""
    names = _region_names(layout, found)
    fixed: dict[str, float] = {}  # the fixed heights and spaces, by where they are written
    rows: dict[str, str] = {}  # where each row's name is written
    for i, row in enumerate(layout.rows):
        path = f"rows[{i}]"
        if row.name in rows:  # every message about a row names it: two are one to a reader
            found.add(f"{path}.name", f"two rows are named '{row.name}'",
                      hint=f"the other is at {rows[row.name]}: give each row a name of its "
                           "own", fallback=row.where)
        else:
            rows[row.name] = str(found.where(f"{path}.name", row.where))
        fixed.update(_check_row(row, path, unit, grid, found))
        if row.repeat is not None:
            _check_repeat(layout, row, path, unit, grid, names, found)
        else:
            _check_row_regions(layout, row, unit, grid, names, found)
    total = sum(fixed.values())
    if total > grid.height + 0.01 and all(v <= grid.height for v in fixed.values()):
        # placed at the largest of them, the likeliest to be wrong
        found.add(max(fixed, key=fixed.get), f"the rows' fixed heights and spaces come to "
                  f"{total / MM:.1f} mm; "
                  f"the type area is {grid.height / MM:.1f} mm tall",
                  hint="lower some row's height or space_after, or the margins")


def _region_names(layout: Layout, found: _Findings) -> dict[str, str]:
    """Where each region's name is written (a linked frame follows a region by it): a name
    given twice is a finding."""
    names: dict[str, str] = {}
    for region in (r for row in layout.rows for top in row.regions for r in top.walk()):
        if region.name and region.name in names:
            found.add(f"{_path(region)}.name", f"two regions are named '{region.name}'",
                      hint=f"the other is at {names[region.name]}", fallback=region.where)
        elif region.name:
            names[region.name] = str(found.where(_path(region), region.where))
    return names


def _check_row(row: Row, path: str, unit: float, grid: _Grid,
               found: _Findings) -> dict[str, float]:
    """A row's own settings — when, height, space_after, stagger and most; the fixed
    height and space it takes, by where they are written."""
    fixed: dict[str, float] = {}
    if row.when is not None:
        _check_when(row.when, f"{path}.when", found)
    if row.height is not None:
        found.within(f"{path}.height", row.height.pt(unit), 0, grid.height,
                     f"row '{row.name}': height", _shown(row.height), scale=MM, unit=" mm",
                     hint="at most the type area's height")
        fixed[f"{path}.height"] = max(row.height.pt(unit), 0)
    found.within(f"{path}.space_after", row.space_after.pt(unit), 0, grid.height,
                 f"row '{row.name}': space_after", _shown(row.space_after), scale=MM,
                 unit=" mm")
    fixed[f"{path}.space_after"] = max(row.space_after.pt(unit), 0)
    found.within(f"{path}.stagger", row.stagger, 0, 12, f"row '{row.name}': stagger",
                 _shown(row.stagger), hint="body lines between heads side by side, e.g. 3")
    if row.most is not None:
        height = row.height.pt(unit) if row.height is not None else 0
        found.within(f"{path}.most", row.most.pt(unit),
                     height if math.isfinite(height) else 0, grid.height,  # refused above
                     f"row '{row.name}': most", _shown(row.most), scale=MM, unit=" mm",
                     hint="at least the row's height, at most the type area's")
        if not row.grow:
            found.add(f"{path}.most", f"row '{row.name}' has a most height but does "
                      "not grow", hint="add grow: true, or leave most out",
                      fallback=row.where)
    return fixed


def _check_row_regions(layout: Layout, row: Row, unit: float, grid: _Grid,
                       names: dict[str, str], found: _Findings) -> None:
    """A row's regions: each with its columns, checked, and none on another's columns."""
    taken: list[tuple[int, int, Region]] = []
    for top in row.regions:
        if not top.columns:
            found.add(_path(top), "a region of a row needs its columns, e.g. columns: 1-4",
                      fallback=top.where)
            continue
        span = _check_region(layout, top, None, unit, grid, names, found)
        if span is None:
            continue
        for first, last, other in taken:
            if span[0] <= last and first <= span[1]:
                found.add(f"{_path(top)}.columns", f"columns {top.columns} overlap columns "
                          f"{other.columns} of the {other.kind} region beside it in row "
                          f"'{row.name}'", hint="regions side by side in a row take "
                          "different columns; to set one above the other, use a stack",
                          fallback=top.where)
        taken.append((*span, top))


def _check_when(when: When, where: str, found: _Findings) -> None:
    """A row's when: a list of the content and a range of counts that is not empty."""
    lists = content_lists()
    if when.content not in lists:
        found.add(f"{where}.content", f"when: '{when.content}' is not a list of the content",
                  hint=_did_you_mean(when.content, lists, "the content's lists"),
                  fallback=when.where)
    if when.least < 0 or (when.most is not None and when.most < when.least):
        found.add(where, f"when: no count of items is at least {when.least} and at most "
                  f"{when.most}", hint="least ≤ most, both 0 or more", fallback=when.where)
    if when.last_least < 0 or (when.last_most is not None
                               and when.last_most < when.last_least):
        found.add(where, f"when: no last item holds at least {when.last_least} and at most "
                  f"{when.last_most} characters", hint="last_least ≤ last_most, both 0 or more",
                  fallback=when.where)
    if when.also is not None:
        _check_when(when.also, f"{where}.also", found)


def _check_repeat(layout: Layout, row: Row | Region, path: str, unit: float, grid: _Grid,
                  names: dict[str, str], found: _Findings) -> None:
    """A repeated row (or stack): a list to repeat over, counts that make sense, one region,
    written without the columns and content the items give it; a row's checked as the
    widest item (a stack's region is checked as the stack's)."""
    repeat, where = row.repeat, f"{path}.repeat"
    if isinstance(row, Region) and (repeat.across != 1 or repeat.shapes):
        found.add(f"{where}.across" if repeat.across != 1 else f"{where}.shapes",
                  "a stack sets its items one above another: its repeat takes across 1 "
                  "and no shapes", hint="to set items side by side, repeat a row",
                  fallback=repeat.where)
    _check_repeat_counts(repeat, where, found)
    _check_shapes(layout, repeat, where, found)
    if len(row.regions) != 1:
        found.add(f"{path}.regions", f"a repeated {'row' if isinstance(row, Row) else 'stack'}"
                  f" sets one region per item, not {len(row.regions)}",
                  hint="put regions that go together in a stack", fallback=row.where)
        return
    (top,) = row.regions
    _check_repeated_region(layout, repeat, top, where, unit, found)
    if isinstance(row, Region):
        return
    widest = replace(top, columns=f"1-{layout.grid.columns}", content="")
    _check_region(layout, widest, None, unit, grid, names, found)


def _check_repeat_counts(repeat: Repeat, where: str, found: _Findings) -> None:
    """What a repeat runs over — a list of the content, or a run of one — and its counts
    (across, most, measure): 1 or more."""
    lists = content_lists()
    run = list_slice(repeat.content)
    if run is None or run[0] not in lists:
        name = run[0] if run else repeat.content
        found.add(f"{where}.content", f"repeat: '{repeat.content}' is not a list of the "
                  "content, nor a run of one (sections[2:])",
                  hint=_did_you_mean(name, lists, "the content's lists"),
                  fallback=repeat.where)
    for key in ("across", "most", "measure"):
        value = getattr(repeat, key)
        if value is not None and value < 1:
            found.add(f"{where}.{key}", f"repeat: {key} must be 1 or more, not {value}",
                      fallback=repeat.where)


def _check_shapes(layout: Layout, repeat: Repeat, where: str, found: _Findings) -> None:
    """A repeat's shapes: each a list of items per row that the grid holds, no two for the
    same number of items."""
    counts: dict[int, int] = {}
    for i, shape in enumerate(repeat.shapes):
        if not shape or not all(1 <= n <= layout.grid.columns for n in shape):
            found.add(f"{where}.shapes[{i}]", f"repeat: shape {shape} is not a list of items "
                      f"per row, each 1 to the grid's {layout.grid.columns} columns",
                      fallback=repeat.where)
        elif sum(shape) in counts:
            other = repeat.shapes[counts[sum(shape)]]
            found.add(f"{where}.shapes[{i}]", f"repeat: shapes {other} and {shape} both set "
                      f"{sum(shape)} items", hint="keep one of them", fallback=repeat.where)
        else:
            counts[sum(shape)] = i


def _check_repeated_region(layout: Layout, repeat: Repeat, top: Region, where: str, unit: float,
                           found: _Findings) -> None:
    """The region a repeat sets for each item: written without the columns and content the
    items give it, and each item's options (`each`) options of its kind."""
    for key in ("columns", "content"):
        if getattr(top, key):
            found.add(f"{_path(top)}.{key}", f"a repeated region takes its {key} from the "
                      f"items of {repeat.content}; leave {key} out", fallback=top.where)
    for i, options in enumerate(repeat.each):
        unknown = sorted(set(options) - {f.name for f in yaml_fields(OPTIONS[top.kind])})
        if unknown:
            found.add(f"{where}.each[{i}]", f"repeat: each[{i}] sets '{unknown[0]}', which is "
                      f"not an option of a {top.kind} region",
                      hint=_did_you_mean(unknown[0], [f.name for f in yaml_fields(
                          OPTIONS[top.kind])], "its options"), fallback=repeat.where)
        elif _typed(found, OPTIONS[top.kind], f"{where}.each[{i}]"):
            # what `each` brings into use (a chart) is checked as the region's own would be
            _check_options(layout, top, OPTIONS[top.kind], {**top.options, **options},
                           f"{where}.each[{i}]", unit, found, only=_in_use_by(options))


def _typed(found: _Findings, cls: type, path: str) -> bool:
    """Whether the options written at `path` read as `cls` (a finding where one does not):
    a repeat's `each` is kept as YAML read it, and `photo_after: x` or `photo_options: 5`
    reached the layout as they were (exit 3)."""
    node = found.decoder.nodes.get(path)
    try:
        if node is not None:
            found.decoder.decode(cls, node)
        return True
    except InputError as exc:
        found.errors.append(exc)
        return False


def content_lists() -> list[str]:
    """The content's top-level lists (sections, pictures, …): what a row may repeat over."""
    from spread.content import Content  # the content model: a sibling input, read lazily

    hints = get_type_hints(Content)
    return [f.metadata.get(KEY, f.name) for f in yaml_fields(Content)
            if get_origin(hints[f.name]) is list]


def _path(region: Region) -> str:
    return region.where.path if region.where else ""


def _check_region(layout: Layout, region: Region, within: tuple[int, int] | None,
                  unit: float, grid: _Grid, names: dict[str, str],
                  found: _Findings) -> tuple[int, int] | None:
    """One region (a stack with its regions); its span of basic columns when it has one."""
    path = _path(region)
    span = _region_span(layout, region, within, path, found)
    style = region.style or DEFAULT_STYLE.get(region.kind, "")
    if style and style not in layout.styles:
        written = "" if region.style else f" (a {region.kind} region's default)"
        found.add(f"{path}.style", f"the {region.kind} region uses style '{style}'{written}, "
                  "which is not defined", hint=_did_you_mean(style, layout.styles, "styles"),
                  fallback=region.where)
    _check_stacking(layout, region, path, unit, grid, names, found)
    if region.follows and region.follows not in names:
        found.add(f"{path}.follows", f"follows: no region is named '{region.follows}'",
                  hint=_did_you_mean(region.follows, names, "names"), fallback=region.where)
    if region.height is not None:
        found.within(f"{path}.height", region.height.pt(unit), 0, grid.height,
                     f"the {region.kind} region's height", _shown(region.height),
                     scale=MM, unit=" mm")
    _check_split(region, span, path, unit, grid, found)
    fit = region.fit
    found.within(f"{path}.fit.min_size", fit.min_size, 0.5, 1, "fit: min_size",
                 _shown(fit.min_size))
    found.within(f"{path}.fit.min_leading", fit.min_leading, 0.5, 1, "fit: min_leading",
                 _shown(fit.min_leading))
    found.within(f"{path}.fit.min_tracking", fit.min_tracking, -0.2, 0, "fit: min_tracking",
                 _shown(fit.min_tracking))
    _check_options(layout, region, OPTIONS[region.kind], region.options, f"{path}.options",
                   unit, found)
    for child in region.regions:
        _check_region(layout, child, span, unit, grid, names, found)
    return span


def _region_span(layout: Layout, region: Region, within: tuple[int, int] | None, path: str,
                 found: _Findings) -> tuple[int, int] | None:
    """The region's span of basic columns: its own, or its stack's where it gives none; None
    where its columns are not a span of the grid or lie outside its stack's."""
    if not region.columns:
        return within
    first, last = parse_columns(region.columns)
    if not 1 <= first <= last <= layout.grid.columns:
        found.add(f"{path}.columns", f"columns '{region.columns}' are not a span of the "
                  f"grid's {layout.grid.columns} columns",
                  hint=_span_meant(str(region.columns), layout.grid.columns),
                  fallback=region.where)
        return None
    if within and not within[0] <= first <= last <= within[1]:
        found.add(f"{path}.columns", f"columns {region.columns} lie outside the stack's "
                  f"columns {within[0]}-{within[1]}", fallback=region.where)
        return None
    return first, last


def _check_stacking(layout: Layout, region: Region, path: str, unit: float, grid: _Grid,
                    names: dict[str, str], found: _Findings) -> None:
    """Only a stack holds regions, and it holds some; only a stack repeats its region."""
    if region.kind == "stack" and not region.regions:
        found.add(path, "a stack needs regions: a list of regions, top to bottom",
                  fallback=region.where)
    if region.repeat is not None and region.kind != "stack":
        found.add(f"{path}.repeat", f"only a stack repeats its region; this is a {region.kind}",
                  hint="put it in a stack: {kind: stack, columns: …, repeat: {content: "
                       "sections}, regions: [this region]}", fallback=region.where)
    elif region.repeat is not None:
        _check_repeat(layout, region, path, unit, grid, names, found)
    if region.regions and region.kind != "stack":
        found.add(f"{path}.regions", f"only a stack holds regions; this is a {region.kind}",
                  fallback=region.where)


def _check_split(region: Region, span: tuple[int, int] | None, path: str, unit: float,
                 grid: _Grid, found: _Findings) -> None:
    """The region's text columns: one or more, each at least 1字 wide, none across the
    fold."""
    if region.split < 1:
        found.add(f"{path}.split", f"split must be 1 or more, not {region.split}",
                  fallback=region.where)
        return
    if not span:
        return
    _, width = grid.span(*span)
    measure = (width - (region.split - 1) * grid.gutter) / region.split
    crossing = grid.crossing(*span, region.split, unit) if region.kind in FLOWS else 0
    if measure < unit:
        found.add(f"{path}.split", f"split {region.split} leaves "
                  f"{max(measure, 0) / MM:.1f} mm for each text column of the "
                  f"{width / MM:.1f} mm region; a column needs at least 1字",
                  hint="fewer text columns, or more basic columns", fallback=region.where)
    elif crossing:
        found.add(f"{path}.split", f"text column {crossing} of {region.split} in this "
                  f"{region.kind} region (columns {region.columns}) crosses the fold",
                  hint="choose a split that puts a gutter on the fold (an even one for a "
                       "region centred on it), or stop the region at the fold",
                  fallback=region.where)


def _check_options(layout: Layout, region: Region, cls: type, options: dict, path: str,
                   unit: float, found: _Findings, prefix: str = "",
                   only: frozenset[str] | None = None) -> None:
    """Names of colours and styles, written or by default, and the numbers' ranges. The
    options of a part the region does not set (a section's chart_options with no chart)
    are checked only when written: a section without a chart needs no chart styles.
    `only` limits the check to those options (what a repeat's `each` brings into use)."""
    hints = get_type_hints(cls)
    for f in yaml_fields(cls):
        if only is not None and f.name not in only:
            continue
        value = options.get(f.name, f.default)
        where, name = f"{path}.{f.name}", f"{prefix}{f.name}"
        refers = f.metadata.get(REFERS)
        if refers and value is not None and not isinstance(value, str):
            value = _as_written(value)  # a repeat's `each` is kept as YAML read it: 5, not '5'
        if f.name not in options and f.metadata.get(SERVES) not in (None, *options):
            continue  # its default colours a part the region does not draw (no border)
        if refers and value:  # '' and None: nothing named
            table = getattr(layout, refers)
            if value not in table:
                what = "colour" if refers == "palette" else "style"
                written = f.name in options
                meant = (_colour_meant(value, table) if refers == "palette"
                         else _did_you_mean(value, table, f"{refers}"))
                found.add(where, f"the {region.kind} region's {name}"
                          f"{'' if written else ' (its default)'} is {what} '{value}', which "
                          f"the layout's {refers} does not define",
                          hint=meant if written else
                          f"add a {what} '{value}' to the layout's {refers}, or set {name} "
                          f"to one it has ({', '.join(table) or 'none'})",
                          fallback=region.where)
        elif dataclasses.is_dataclass(hints[f.name]) and not hasattr(hints[f.name],
                                                                     "from_node"):
            part = f.name.removesuffix("_options")
            if f.name not in options and part != f.name and part in hints \
                    and not options.get(part):
                continue  # the part is not set: its options' defaults name nothing used
            _check_options(layout, region, hints[f.name], options.get(f.name, {}), where, unit,
                           found, prefix=f"{name}.")
    for key, value in options.items():
        check = _OPTION_RANGES.get(key)
        if only is not None and key not in only:
            continue
        if check and value is not None and key in {f.name for f in yaml_fields(cls)}:
            problem = check(value, unit)
            if problem:
                found.add(f"{path}.{key}", f"{key}: {problem}", fallback=region.where)
    if only is None:
        _check_filling(region, cls, options, path, found)


def _as_written(value) -> str:
    """A name given as another YAML value, as it was most likely written."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and not math.isfinite(value):
        return {"inf": ".inf", "-inf": "-.inf"}.get(str(value), ".nan")
    return str(value)


def _in_use_by(options: dict) -> frozenset[str]:
    """The options a repeat's `each` entry brings into use: those it writes, and the
    options of a part it sets (chart → chart_options)."""
    return frozenset(options) | {f"{key}_options" for key, value in options.items() if value}


def _check_filling(region: Region, cls: type, options: dict, path: str,
                   found: _Findings) -> None:
    """The options that say how `fill: space` spreads its space do nothing without it: one
    written on a region that does not fill is refused, not passed over."""
    fields = {f.name for f in yaml_fields(cls)}
    if "fill" not in fields or options.get("fill", "none") == "space":
        return
    for key in ("space_at", "max_space"):
        if key in options and key in fields:
            found.add(f"{path}.{key}", f"{key} says where fill: space adds its space, but this "
                      f"{region.kind} region does not fill (fill: "
                      f"{options.get('fill', 'none')})", fallback=region.where,
                      hint=f"add fill: space to the region's options, or leave {key} out")


def ratio(value) -> float:
    """A width-to-height ratio written 1.5 or "3:2"; 0.0 when it is none."""
    try:
        w, _, h = str(value).partition(":")
        return float(w) / float(h or 1)
    except (ValueError, ZeroDivisionError):
        return 0.0


def _ratio(value) -> str:
    return "" if 0.05 <= ratio(value) <= 20 else f"'{value}' is not a width-to-height " \
        "ratio between 1:20 and 20:1 (write 1.5 or \"3:2\")"


def _crop(value, unit) -> str:
    left, top, right, bottom = value
    if 0 <= left < right <= 1 and 0 <= top < bottom <= 1:
        return ""
    return (f"{list(value)} is not a part of the picture: [left, top, right, bottom] in "
            "fractions 0–1 from the top left, left < right and top < bottom")


def _span_of(low: float, high: float, what: str):
    def check(value, unit) -> str:
        v = Length.parse(value).pt(unit) if what == "length" else float(value)
        shown = f"{value}"
        if what == "length":
            return "" if low <= v <= high else \
                f"{shown} must be at least {low / MM:g} mm and at most {high / MM:g} mm"
        return "" if low <= v <= high else f"{shown} must be between {low:g} and {high:g}"
    return check


_OPTION_RANGES = {
    "max_space": _span_of(0, 10, "number"),
    "most_cut": _span_of(0, 1, "number"),
    "padding": _span_of(0, 10, "number"),
    "thickness": _span_of(0.05, 1, "number"),
    "min_size": _span_of(0.5, 1, "number"),
    "gap": _span_of(0, 1000 * MM, "length"),
    "frame_padding": _span_of(0, 30 * MM, "length"),
    "height": _span_of(0, 1000 * MM, "length"),
    "aspect": lambda value, unit: _ratio(value),
    "crop": _crop,
}


# colour words as a Chinese layout staffer writes them → the English a palette name uses
_COLOUR_WORDS = {"红": "red", "金": "gold", "黄": "yellow", "黑": "black", "白": "white",
                 "灰": "grey", "蓝": "blue", "绿": "green", "橙": "orange", "紫": "purple",
                 "米": "cream", "棕": "brown"}


def colour_written(text: str) -> str:
    """How to write a colour given as a value (#RRGGBB, cmyk(0,100,100,0), CMYK 0/100/100/0):
    as a palette entry, CMYK first; '' when `text` is no colour value."""
    text = text.strip()
    if re.fullmatch(r"#?[0-9a-fA-F]{6}", text):
        return hex_colour_hint(text) + "; give it a name in the palette"
    numbers = re.findall(r"\d+(?:\.\d+)?", text)
    if re.match(r"(?i)cmyk", text) and len(numbers) == 4:
        return (f"write cmyk: [{', '.join(numbers)}] (percent) and its rgb (0–255, for the "
                "archive) under a name in the palette, and that name here")
    if re.match(r"(?i)rgb", text) and len(numbers) == 3:
        r, g, b = (min(int(float(n)), 255) for n in numbers)
        return hex_colour_hint(f"{r:02x}{g:02x}{b:02x}") + "; give it a name in the palette"
    return ""


def _colour_meant(value: str, palette) -> str:
    """The hint for a colour the palette does not name: a colour value is given a name in
    the palette; a colour word in Chinese is matched to a palette name in English."""
    written = colour_written(value)
    if written:
        return "the layout names its colours in the palette: " + written
    words = [english for word, english in _COLOUR_WORDS.items() if word in value]
    named = [name for name in palette if any(w in name.lower() for w in words)]
    if named:
        return f"colours are named in English in the palette: did you mean '{named[0]}'?"
    return _did_you_mean(value, palette, "colours")


# a typeface's family as a designer names it (楷体, 方正书宋, SimHei, KaiTi): what names it,
# first match wins → the word its role is usually named by
_FAMILIES = (("仿宋", "fangsong"), ("fangsong", "fangsong"), ("宋", "song"), ("song", "song"),
             ("simsun", "song"), ("明", "song"), ("黑", "hei"), ("hei", "hei"), ("楷", "kai"),
             ("kai", "kai"))
# the word → the family in Chinese, and what its font files are called
_FACES = {"fangsong": ("仿宋", ("fangsong",)), "song": ("宋", ("song", "serif", "sun")),
          "hei": ("黑", ("hei", "sans")), "kai": ("楷", ("kai",))}


def _role_meant(font: str, fonts: dict) -> str:
    """What a style's `font` naming a typeface (楷体) rather than a role of `fonts` means:
    the layout's role for that family, found by its name or its first font file's."""
    word = next((w for name, w in _FAMILIES if name in font.casefold()), "")
    if not word:
        return _did_you_mean(font, fonts, "roles")
    family, files = _FACES[word]

    def file_of(role: str) -> str:
        chain = fonts[role]
        return chain[0].file.replace("\\", "/").rsplit("/", 1)[-1].casefold() if chain else ""

    roles = sorted((r for r in fonts if word in r.casefold()
                    or any(f in file_of(r) for f in files)),
                   key=lambda r: (word not in r.casefold(), len(r)))
    said = (f"'{font}' names a typeface, and a style's font names a role of the layout's "
            f"fonts ({', '.join(fonts)})")
    if roles:
        return f"{said}: its {family} role is '{roles[0]}' ({fonts[roles[0]][0].file})"
    return f"{said}, none of them {family}: add one, e.g. {word}: [{{file: …}}]"


def _did_you_mean(word: str, options, what: str) -> str:
    close = did_you_mean(word, list(options))
    return close or f"{what}: " + (", ".join(options) or "none")


def _span_meant(written: str, columns: int) -> str:
    """What to write for a span of columns that is none: 1-8 for 1—8, 1～8 or 1至8 (a dash
    or a word of a Chinese input method), the first column first."""
    dashed = re.sub(r"\s*(?:[—－–~～〜]|至|到)\s*", "-", unicodedata.normalize("NFKC", written))
    first, last = parse_columns(dashed)
    if 1 <= last < first <= columns:
        return f"write the first column first: {last}-{first}"
    if dashed != written and 1 <= first <= last <= columns:
        return f"did you mean {dashed}? (an ASCII hyphen between the columns)"
    return f"e.g. 1-{columns}, or 3 for one column"


def parse_columns(text: str) -> tuple[int, int]:
    """'1-4' → (1, 4); '3' → (3, 3)."""
    parts = str(text).replace("–", "-").split("-")
    try:
        nums = [int(p) for p in parts]
    except ValueError:
        return (0, -1)
    return (nums[0], nums[-1]) if len(nums) in (1, 2) else (0, -1)
