"""The layout template (layout/*.yaml): page geometry, grid, fonts, palette, styles and the
regions content is placed in. Changing the look of a page means editing this data."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

from spread.errors import Location
from spread.schema import DOC, Decoder
from spread.units import Length


def _doc(text: str) -> dict:
    return {DOC: text}


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

    size: tuple[Length, Length] = field(metadata=_doc("trim width and height"))
    margins: Margins = field(metadata=_doc("trim edge to type area"))
    bleed: Length = field(default=Length(3, "mm"), metadata=_doc("artwork beyond the trim"))
    pages: Literal[1, 2] = field(default=1, metadata=_doc(
        "2: a 跨版 spread of two facing pages, folded in the middle of the trim"))


@dataclass(frozen=True)
class Grid:
    """The column grid of the type area: basic columns (基本栏) and gutters (栏距)."""

    columns: int = field(metadata=_doc("number of basic columns"))
    gutter: Length = field(metadata=_doc("space between basic columns, e.g. 1.5字"))
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

    cmyk: tuple[float, float, float, float]
    rgb: tuple[int, int, int]
    overprint: bool = False

    def __post_init__(self):
        if any(not 0 <= v <= 100 for v in self.cmyk):
            raise ValueError(f"CMYK values are percentages 0–100, not {list(self.cmyk)}")
        if any(not 0 <= v <= 255 for v in self.rgb):
            raise ValueError(f"RGB values are 0–255, not {list(self.rgb)}")


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
    align: Literal["justify", "start", "centre", "end"] = "justify"
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


@dataclass(frozen=True)
class Region:
    """A block of the page placed on the grid: what it shows and how."""

    kind: Literal["banner", "text", "figures", "section", "honour_roll", "folio", "credits",
                  "picture", "stack", "decoration", "chart"]
    columns: str = field(default="", metadata=_doc(
        "basic columns it spans, e.g. 1-4 (inside a stack: default the stack's)"))
    content: str = field(default="", metadata=_doc("content path, e.g. sections[0] or lead"))
    style: str = field(default="", metadata=_doc("the main text style"))
    split: int = field(default=1, metadata=_doc("text columns inside the region"))
    fit: Fit = field(default_factory=Fit, metadata=_doc("copyfit policy"))
    options: dict[str, Any] = field(default_factory=dict, metadata=_doc("kind-specific settings"))
    regions: list[Region] = field(default_factory=list, metadata=_doc(
        "a stack's regions, top to bottom"))
    height: Length | None = field(default=None, metadata=_doc(
        "fixed height inside a stack; default: natural"))
    grow: bool = field(default=False, metadata=_doc("inside a stack: takes its spare height"))
    name: str = field(default="", metadata=_doc("a name other regions can refer to"))
    follows: str = field(default="", metadata=_doc(
        "linked frame: sets what does not fit the named region (same text measure)"))
    where: Location | None = field(default=None, compare=False, repr=False)

    def walk(self):
        """This region and, for a stack, every region inside it."""
        yield self
        for child in self.regions:
            yield from child.walk()


@dataclass(frozen=True)
class Row:
    """A band of regions side by side; its height is the tallest region's, or fixed."""

    name: str
    regions: list[Region]
    height: Length | None = field(default=None, metadata=_doc("fixed height; default: natural"))
    space_after: Length = field(default=Length(0), metadata=_doc("space below the row"))
    grow: bool = field(default=False, metadata=_doc("takes a share of the page's spare height"))
    where: Location | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Limits:
    """Newsprint limits the preflight enforces (ISOnewspaper26 / IFRA26 practice)."""

    total_ink: float = field(default=240.0, metadata=_doc("highest total ink, percent"))
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
    omits: list[str] = field(default_factory=list, metadata=_doc(
        "content this layout leaves off the page on purpose, e.g. [pictures, credits]; "
        "content it neither places nor omits stops the build"))
    where: Location | None = field(default=None, compare=False, repr=False)


def load(path: str, text: str | None = None) -> Layout:
    """Read and validate a layout file."""
    from spread import yamlsource

    node, source = yamlsource.load(path, text)
    decoder = Decoder(source)
    layout = decoder.decode(Layout, node)
    _check_references(layout, decoder)
    return _weighted_roles(layout)


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


def _check_references(layout: Layout, decoder: Decoder) -> None:
    for name, style in layout.styles.items():
        if style.font not in layout.fonts:
            raise decoder.error(f"style '{name}' uses font role '{style.font}', which the "
                                "layout's fonts do not define", layout.where,
                                hint="roles: " + ", ".join(layout.fonts))
        if style.colour not in layout.palette:
            raise decoder.error(f"style '{name}' uses colour '{style.colour}', which is not "
                                "in the palette", layout.where,
                                hint="colours: " + ", ".join(layout.palette))
    names = {r.name for row in layout.rows for top in row.regions for r in top.walk() if r.name}
    for row in layout.rows:
        for top in row.regions:
            if not top.columns:
                raise decoder.error("a region of a row needs its columns, e.g. columns: 1-4",
                                    top.where)
            for region in top.walk():
                _check_region(layout, decoder, region, names)


def _check_region(layout: Layout, decoder: Decoder, region: Region, names: set[str]) -> None:
    if region.style and region.style not in layout.styles:
        raise decoder.error(f"region uses style '{region.style}', which is not defined",
                            region.where, hint="styles: " + ", ".join(layout.styles))
    if region.columns:
        first, last = parse_columns(region.columns)
        if not 1 <= first <= last <= layout.grid.columns:
            raise decoder.error(f"columns '{region.columns}' are outside the grid of "
                                f"{layout.grid.columns} columns", region.where)
    if region.kind == "stack" and not region.regions:
        raise decoder.error("a stack needs regions: a list of regions, top to bottom",
                            region.where)
    if region.regions and region.kind != "stack":
        raise decoder.error(f"only a stack holds regions; this is a {region.kind}",
                            region.where)
    if region.follows and region.follows not in names:
        raise decoder.error(f"follows: no region is named '{region.follows}'", region.where,
                            hint="names: " + (", ".join(sorted(names)) or "none"))


def parse_columns(text: str) -> tuple[int, int]:
    """'1-4' → (1, 4); '3' → (3, 3)."""
    parts = str(text).replace("–", "-").split("-")
    try:
        nums = [int(p) for p in parts]
    except ValueError:
        return (0, -1)
    return (nums[0], nums[-1]) if len(nums) in (1, 2) else (0, -1)
