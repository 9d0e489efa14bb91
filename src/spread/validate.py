"""The one validation pass: everything a content file and a layout can say, checked before
anything is drawn. `build`, `watch`, `fonts`, `dump`, `check CONTENT` and `check LAYOUT` all
run it; only drawing comes after.

In order: the content is read (its text normalised, control characters refused) and linted;
the layout is read and validated, and its repeated rows expanded by the content; the two are
bound — every region's content exists and is of the kind the region sets, and every content
item is placed by some region or declared omitted by the layout; the fonts are opened; the page is laid out (every character checked
against the face that will draw it, every fixed-size element fitted or overset); and the
page model is checked: every glyph drawn from a real glyph of its face, no element's glyph on
another element.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from spread import content as content_mod
from spread import repeat, template
from spread.content import Chart, Content, Figure, HonourRoll, Picture, Section
from spread.errors import InputError, Location, OversetError, SpreadError, written_oddly
from spread.files import kind_of
from spread.fonts import FontSet, RoleFonts
from spread.fonts.cache import FontCache
from spread.fonts.faces import Face
from spread.fonts.locate import locate_font
from spread.output.pdfx import load_profile
from spread.page import Image, Page
from spread.schema import yaml_fields


class WarningsAsErrors(SpreadError):
    """Warnings under --strict: problems found, nothing written."""

    exit_code = 1


@dataclass
class Inputs:
    """The content and the layout read, checked and bound, and the layout's fonts open."""

    content: Content
    layout: template.Layout
    fonts: FontSet
    warnings: list[str] = field(default_factory=list)  # the content lint's findings
    profile: bytes | None = None  # the printer's profile (load_profile), read once a build
    written: template.Layout | None = None  # the layout as read, its rows not yet expanded
    notes: list[str] = field(default_factory=list)  # said of the run, not of the page


@dataclass
class Validated:
    """What passed: the models a build draws, what layout adjusted and the warnings."""

    content: Content
    layout: template.Layout
    fonts: FontSet
    page: Page
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # lint findings, layout warnings
    problems: list = field(default_factory=list)  # layout.problems.Problem: not for press
    makeup: object = None  # layout.makeup.MakeupReport, when the layout has a body style
    profile: bytes | None = None  # the printer's profile (load_profile), read once a build


def read(content_path: str, layout_path: str, cache=None) -> Inputs:
    """The content (its text normalised, control characters refused) and its lint; the
    layout; the two bound to each other; the fonts. `spread fonts` stops here."""
    from spread.lint import lint_file

    content = content_mod.load(content_path)
    warnings = [_warning(f) for f in lint_file(content_path)]
    written = template.load(layout_path)
    layout = repeat.expand(written, content)
    bind(content, layout, layout_path)
    profile = load_profile(layout)  # an input file: refused before drawing
    fonts = load_fonts(layout, layout_path, cache)
    notes = sorted({face.cache.note for face in fonts.faces() if face.cache.note})
    return Inputs(content, layout, fonts, warnings + _variable_fonts(fonts), profile,
                  written, notes)


# the least a fit shrinks type to (a layout's min_size is 0.5 at the least): no text on the
# page is set smaller than half its style's size
LEAST_FIT = 0.5


def _refuse_past_any_page(content: Content, layout: template.Layout) -> None:
    """Content of more characters than the whole page could hold, set solid in its smallest
    style shrunk as far as any fit goes, is overset whatever the make-up does: said at once,
    naming the longest text, before the composer spends minutes setting it (a 1.5 MB
    paragraph took 20 s of CPU to be refused)."""
    texts = {path: text for path in content.text_nodes
             if isinstance(text := content.at(path), str)}
    total = sum(map(len, texts.values()))
    zi = layout.grid.unit.pt()  # lengths in 字 are of the grid's unit (never itself in 字)
    width, height = (v.pt(zi) for v in layout.page.size)
    styles = {name: _least_area(style, zi) for name, style in layout.styles.items()}
    if not texts or not styles:
        return
    smallest = min(styles, key=styles.get)
    room = int(width * height / styles[smallest])
    if total <= room:
        return
    longest = max(texts, key=lambda path: len(texts[path]))
    mm = 25.4 / 72
    raise OversetError(
        f"overset before setting: the content holds {total:,} characters ({longest} alone "
        f"{len(texts[longest]):,}); the whole page, {width * mm:.0f} × {height * mm:.0f} mm, "
        f"holds at most about {room:,} even set solid in its smallest style "
        f"('{smallest}') at half its size", content.location(longest),
        hint=f"cut {longest} to what its region holds (a page's text runs to thousands of "
             "characters, not hundreds of thousands); is this the right text?")


def _least_area(style: template.StyleSpec, zi: float) -> float:
    """The least page area, in pt², one character of `style` takes: its size shrunk by the
    least fit, its advance by its scale and tracking, its line by its leading."""
    size = style.size.pt(zi) * LEAST_FIT
    advance = size * style.scale * max(1 + style.tracking, 0.01)
    return advance * size * style.leading


def _check_font_folders(layout: template.Layout, layout_path: str) -> None:
    """Each of the layout's font_folders names a folder (see _refuse_no_folder)."""
    for i, folder in enumerate(layout.font_folders):
        _refuse_no_folder(folder, layout_path, "font_folders", "fonts",
                          lambda i=i: _layout_place(layout_path, f"font_folders[{i}]"))


def _refuse_no_folder(folder: str, layout_path: str, key: str, what: str,
                      where: Callable[[], Location]) -> None:
    """A folder a layout lets files come from (its font_folders, a picture region's folders)
    names a folder, relative to the layout file: one that names none (~/fonts, an address, a
    file, a folder not there) was passed over, and a file in it refused as «outside … list its
    folder in the layout's font_folders», as it was listed."""
    odd = written_oddly(folder, what, "a layout", "the layout file's folder")
    path = Path(layout_path).parent / folder
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        mode = None
    if odd or mode is None or not stat.S_ISDIR(mode):
        shown = folder if len(folder) <= 80 else folder[:60] + "…"
        looked = "" if odd or len(folder) > 80 else f" (looked for {_shown(path)})"
        raise InputError(
            f"{key}: {shown} is no folder{looked}: "
            + ("none is there" if mode is None else f"it is {_kind(mode)}"), where(),
            hint=odd or f"name a folder of {what}, relative to the layout file's folder")


def _kind(mode: int) -> str:
    return "a file" if stat.S_ISREG(mode) else kind_of(mode)


def _shown(path: Path) -> str:
    """A path as the user would write it: relative to the current folder when inside it."""
    relative = os.path.relpath(os.path.abspath(path))
    return relative if not relative.startswith("..") else os.path.abspath(path)


def _variable_fonts(fonts: FontSet) -> list[str]:
    """A warning for each variable font and weight asked of it: it prints its default
    instance, which may be another weight than the style's."""
    said = {}
    for face in fonts.faces():
        note = face.variable_note()
        if note:
            said.setdefault(note, f"{face.where or face.path}: {note}; fix: make the instance "
                                  "meant (fonttools varLib.instancer FONT wght=700) and name "
                                  "that file")
    return list(said.values())


def load_fonts(layout: template.Layout, layout_path: str,
               cache: str | os.PathLike | None = None) -> FontSet:
    """The layout's font roles with paths resolved against the layout file's folder; converted
    fonts and metrics are kept in `cache` (default $SPREAD_CACHE or ~/.cache/spread)."""
    _check_font_folders(layout, layout_path)
    store = FontCache(cache)
    roles = {}
    for role, chain in layout.fonts.items():
        faces = [Face(locate_font(spec.file, layout_path, layout.font_folders, spec.where),
                      f"{role}.{i}", spec.face, spec.weight, spec.slant, store, spec.where)
                 for i, spec in enumerate(chain)]
        roles[role] = RoleFonts(role, faces)
    fonts = FontSet(roles)
    fonts.check_embeddable()
    return fonts


def validate(content_path: str, layout_path: str, strict: bool = False,
             cache=None) -> Validated:
    """Run every check short of drawing; raise the first problem found. With `strict`,
    warnings (lint findings, a region left mostly empty) are errors too."""
    checked = set_page(content_path, layout_path, strict, cache)
    if checked.problems:
        raise checked.problems[0].error
    return checked


def set_page(content_path: str, layout_path: str, strict: bool = False,
             cache=None) -> Validated:
    """As `validate`, but a page that layout could set only in part is returned with its
    problems (each with its place on the page) instead of raised: a build draws them on a
    failure proof first. Problems with no page to show (a file that does not read) raise."""
    from spread.layout import set_page as lay_out
    from spread.layout.overlaps import CollisionError, check_page
    from spread.layout.problems import Problem

    inputs = read(content_path, layout_path, cache)
    _refuse_past_any_page(inputs.content, inputs.layout)
    laid = lay_out(inputs.content, inputs.layout, inputs.fonts)
    for variant in repeat.variants(inputs.written, inputs.content)[1:]:
        # another make-up for these counts: kept if it sets where the first did not, or
        # leaves less of the page empty
        other = repeat.expand(inputs.written, inputs.content, variant)
        bind(inputs.content, other, layout_path)
        tried = lay_out(inputs.content, other, inputs.fonts)
        if _fuller(tried, laid):
            inputs, laid = dataclasses.replace(inputs, layout=other), tried
    if laid.problems:
        return Validated(inputs.content, inputs.layout, inputs.fonts, laid.page,
                         inputs.notes + laid.notes,
                         inputs.warnings, laid.problems, laid.makeup, inputs.profile)
    try:
        check_page(laid.page, inputs.fonts)
    except CollisionError as exc:  # text on another element: it has its place on the page
        return Validated(inputs.content, inputs.layout, inputs.fonts, laid.page,
                         inputs.notes + laid.notes,
                         inputs.warnings, [Problem(exc, exc.element.name, exc.element.frame,
                                                   marks=exc.places)], laid.makeup,
                         inputs.profile)
    notes = inputs.notes + laid.notes
    warnings = inputs.warnings + [n.removeprefix("warning: ") for n in notes
                                  if n.startswith("warning: ")]
    notes = [n for n in notes if not n.startswith("warning: ")]
    if strict and warnings:
        raise WarningsAsErrors(
            f"{len(warnings)} warning(s), and --strict makes warnings errors:\n  "
            + "\n  ".join(warnings), Location(content_path),
            hint="fix them (spread check --fix mends the mechanical lint findings), or "
                 "build without --strict")
    return Validated(inputs.content, inputs.layout, inputs.fonts, laid.page, notes, warnings,
                     makeup=laid.makeup, profile=inputs.profile)


def _fuller(tried, laid) -> bool:
    """Whether a page set in another make-up is the better: it sets where the other has
    problems, or prints where the other's photos fall below the layout's least resolution,
    or both do and it leaves less empty (the make-up report's holes)."""
    if bool(tried.problems) != bool(laid.problems):
        return not tried.problems
    if tried.problems or tried.makeup is None or laid.makeup is None:
        return False
    if _sharp(tried.page) != _sharp(laid.page):
        return _sharp(tried.page)
    return tried.makeup.hole_area < laid.makeup.hole_area - 0.01


def _sharp(page: Page) -> bool:
    """Whether every photo on the page is at the resolution print asks (a wider frame may
    enlarge one past it)."""
    return all(item.missing or item.sharp for item in page.items
               if isinstance(item, Image))


def problem(content_path: str | None, layout_path: Callable[[], str],
            warnings: list[str] | None = None) -> SpreadError | None:
    """Why a content file does not pass validation with its layout — its own errors first,
    the layout found (`layout_path()`) only when they are none — or why a layout alone
    (content_path None) does not; None when it passes. For `spread check`, which lints
    the content itself: the other warnings a build would print (a region left mostly
    empty, a variable font) are added to `warnings`, where given."""
    from spread.lint import lint_file

    try:
        if content_path is None:  # what a build reads of the layout: profile and fonts
            layout = template.load(layout_path())
            load_profile(layout)
            load_fonts(layout, layout_path())
        else:
            content_mod.load(content_path)
            checked = validate(content_path, layout_path())
            _deliverable(checked.page)
            if warnings is not None:
                linted = {_warning(f) for f in lint_file(content_path)}
                warnings.extend(w for w in checked.warnings if w not in linted)
    except SpreadError as exc:
        return exc
    return None


def _deliverable(page: Page) -> None:
    """What a build of every rendition refuses after drawing and a check must say too: a
    picture missing where the content says (only a proof shows a placeholder for it)."""
    from spread.images import check_deliverable

    for item in page.items:
        if isinstance(item, Image) and item.missing:
            check_deliverable(item, press=False)


def _warning(finding) -> str:
    return f"{finding.where}: {finding.message} [{finding.rule}]; fix: {finding.fix}"


# -- content ↔ layout ------------------------------------------------------------------------

def _one(kind):
    return lambda value: isinstance(value, kind)


def _list_of(kind):
    return lambda value: isinstance(value, list) and all(isinstance(v, kind) for v in value)


# what the content at a region's path must be, by the region's kind
_SETS = {
    "text": (lambda v: _one(str)(v) or _list_of(str)(v), "a text or a list of paragraphs"),
    "section": (_one(Section), "one section, e.g. sections[0]"),
    "honour_roll": (_one(HonourRoll), "the honour roll (honour_roll)"),
    "figures": (_list_of(Figure), "the list of figures (figures)"),
    "chart": (_one(Chart), "one chart, e.g. charts[0]"),
    "picture": (_one(Picture), "one picture, e.g. pictures[0]"),
    "gallery": (_list_of(Picture), "a list of pictures, e.g. pictures"),
    "headline": (_one(Section), "a section's head, e.g. sections[0], or with no content "
                                "the page's headline"),
    "story": (_one(Section), "one section, e.g. sections[0], or with no content the page's "
                             "lead story"),
}
CONTENT_KEYS = [f.metadata.get("key", f.name) for f in yaml_fields(Content)]


def bind(content: Content, layout: template.Layout, layout_path: str) -> None:
    """Every region's content exists and is what the region sets; every content item is
    placed by some region, or named under the layout's `omits`."""
    from spread.layout.kinds import shows

    placed: list[str] = []
    by: dict[str, template.Region] = {}
    for region in _regions(layout):
        for folder in region.options.get("folders") or () \
                if region.kind in ("picture", "gallery") else ():
            _refuse_no_folder(folder, layout_path, f"{region.kind} option folders",
                              "pictures", lambda r=region: r.where or Location(layout_path))
        if region.kind in ("headline", "story") and region.content:  # shows only its parts
            _check_shown(content, region, region.content, layout_path)
        if region.kind == "story" and region.content and region.options.get("photos"):
            raise _section_photos_named(region, layout_path)
        for path in shows(region):
            if region.kind in ("section", "headline", "story") and path != region.content:
                continue  # a section's chart is optional; a story's parts may be empty
            _check_shown(content, region, path, layout_path)
        for path in shows(region):
            _check_once(path, region, by, layout_path)
        placed += shows(region)
    omitted = _omits(layout, layout_path)
    for i, left in enumerate(omitted):  # said left out, and placed: one of them is a slip
        shown = next((p for p in placed if _under(p, left) or _under(left, p)), None)
        if shown is not None:
            region = by[shown]
            raise _layout_error(
                f"omits: '{left}' is left out on purpose, yet {_region_label(region)} at "
                f"{region.where or layout_path} places {shown}",
                _layout_place(layout_path, f"omits[{i}]"),
                hint=f"delete '{left}' from omits (it is printed), or take the region out")
    unplaced = [path for path in _printed(content)
                if not any(_under(path, p) for p in placed + omitted)]
    if unplaced:
        raise _unplaced_error(content, unplaced, layout_path)


def _check_once(path: str, region: template.Region, by: dict[str, template.Region],
                layout_path: str) -> None:
    """A content item is set by one region: two setting it (or one of its parts) would print
    it twice. A story region without its head (`head: false`) beside a headline region of
    the same story shows no part twice, so passes."""
    for other_path, other in by.items():
        if other is not region and (_under(path, other_path) or _under(other_path, path)):
            first, second = (other_path, path) if _under(path, other_path) else (path,
                                                                                  other_path)
            raise _layout_error(
                f"{_region_label(region)} places {path}, which "
                f"{_region_label(other)} at {other.where or layout_path} places already"
                + ("" if path == other_path else f" (as part of {first})")
                + ": it would be printed twice", region.where or Location(layout_path),
                hint=f"let one region set {second}: take it out of the other region's "
                     "content (a story region with `head: false` leaves its head to a "
                     "headline region)")
    by.setdefault(path, region)


def _section_photos_named(region: template.Region, layout_path: str) -> InputError:
    """A story region showing a section names page pictures with `photos`: that option
    serves the page's lead story alone (a section's photos are its own `pictures`), and
    was passed over — the picture then reported as placed by no region."""
    named = ", ".join(region.options["photos"])
    return _layout_error(
        f"{_region_label(region)} shows {region.content}, and its option photos names "
        f"{named}: a story region sets the page's pictures with the lead story only (no "
        "content); a section's photos are its own", region.where or Location(layout_path),
        hint=f"move the picture under {region.content} in the content — pictures: [{{file: "
             "…, caption: …, credit: …}] — and take `photos` out of the region's options")


def _region_label(region: template.Region) -> str:
    return f"region {region.kind} (columns {region.columns or 'of its stack'})"


def _regions(layout: template.Layout):
    for row in layout.rows:
        for top in row.regions:
            yield from top.walk()


def _check_shown(content: Content, region: template.Region, path: str,
                 layout_path: str) -> None:
    where = region.where or Location(layout_path)
    name = _region_label(region)
    if not _CONTENT_PATH.fullmatch(path):  # Content.at would read lead[-1] as lead
        raise _layout_error(f"{name} shows {path}, which is no content path: a region "
                            "shows one item or list by its name and index from 0", where,
                            _counted_hint(path) or _run_hint(path) or _typed_otherwise(path)
                            or "content paths look like lead, lead[0], sections[1], "
                               "sections[1].pictures[0], honour_roll")
    value = content.at(path)
    if value is None or path.split(".")[0].split("[")[0] not in CONTENT_KEYS:
        raise _layout_error(f"{name} shows {path}, which {_file(content)} does not have",
                            where, _path_hint(content, path))
    test, expected = _SETS.get(region.kind, (lambda v: True, ""))
    if not test(value):
        raise _layout_error(f"{name} shows {path}, which is not what a {region.kind} region "
                            f"sets: it sets {expected}", where, _counted_hint(path))


# a region's content: a name, then list indexes (from 0, in ASCII digits) and part names
_CONTENT_PATH = re.compile(r"[A-Za-z_]+(?:\[[0-9]+\]|\.[A-Za-z_]+)*")


def _typed_otherwise(path: str) -> str:
    """For a content path typed with a space about it or in full-width characters."""
    meant = unicodedata.normalize("NFKC", path).strip()
    return (f"did you mean {meant}? (typed with a space or in full-width characters)"
            if _CONTENT_PATH.fullmatch(meant) else "")


def _run_hint(path: str) -> str:
    """For a run of items written as a region's content (lead[0:2]): a stack sets a run."""
    found = re.fullmatch(r"([A-Za-z_]+)\[(-?[0-9]*:-?[0-9]*)\]", path.strip())
    if not found:
        return ""
    return (f"a region shows one item ({found.group(1)}[0]) or the whole list "
            f"({found.group(1)}); a run of items is set by a stack repeating over it: "
            f"{{kind: stack, columns: …, repeat: {{content: \"{path.strip()}\"}}, regions: "
            "[this region without content]}")


def _counted_hint(path: str) -> str:
    """For an item counted from the end (sections[-1]), which a region's content cannot be:
    how to write the last item whatever the count."""
    found = re.fullmatch(r"([A-Za-z_]+)\[-(\d+)\]", path.strip())
    if not found:
        return ""
    name, back = found.group(1), int(found.group(2))
    run = f"{name}[-{back}:]" if back == 1 else f"{name}[-{back}:-{back - 1}]"
    return (f"a region's content counts its item from the first ({name}[0]); for the item "
            f"{back} from the end whatever the count, put the region in a stack repeating "
            f"over that run: {{kind: stack, columns: …, repeat: {{content: \"{run}\"}}, "
            "regions: [this region without content]}")


def _path_hint(content: Content, path: str) -> str:
    head = path.split(".")[0].split("[")[0]
    if head not in CONTENT_KEYS:
        close = difflib.get_close_matches(head, CONTENT_KEYS, n=1)
        return (f"did you mean '{close[0]}'?" if close
                else "content paths look like lead, sections[0], honour_roll, figures")
    value = getattr(content, head, None)
    if isinstance(value, list):
        return (f"the content has {len(value)} {head}: add the missing one to the content, "
                "or take the region out of the layout")
    return f"add {head} to the content, or take the region out of the layout"


def _file(content: Content) -> str:
    return content.where.file if content.where else "the content"


def _omits(layout: template.Layout, layout_path: str) -> list[str]:
    """The layout's `omits`, each naming content the format knows."""
    for i, path in enumerate(layout.omits):
        head = path.split(".")[0].split("[")[0]
        if head not in CONTENT_KEYS:
            close = difflib.get_close_matches(head, CONTENT_KEYS, n=1)
            raise _layout_error(f"omits: '{path}' names no content item",
                                _layout_place(layout_path, f"omits[{i}]"),
                                f"did you mean '{close[0]}'?" if close
                                else "content keys: " + ", ".join(CONTENT_KEYS))
    return list(layout.omits)


def _layout_error(message: str, where: Location, hint: str = "") -> InputError:
    """An error in the layout file, quoting its line."""
    from spread.yamlsource import SourceFile, read_text

    try:
        excerpt = SourceFile(where.file, read_text(where.file)).excerpt(where.line, where.column)
    except SpreadError:
        excerpt = ""
    return InputError(message, where, hint=hint, excerpt=excerpt)


def _layout_place(layout_path: str, doc_path: str) -> Location:
    """Where a value of the layout file is written (the layout model keeps no positions
    for plain values)."""
    from spread import yamlsource

    node, _ = yamlsource.load(layout_path)
    key, _, index = doc_path.partition("[")
    found = node.value.get(key) if node.kind == "mapping" else None
    if found is not None and index and found.kind == "list":
        items = found.value
        k = int(index.rstrip("]"))
        found = items[k] if k < len(items) else found
    return found.where if found is not None else Location(layout_path)


def _printed(content: Content) -> list[str]:
    """The document path of every value the page would print, in reading order: text that
    is not empty, and every other value (numbers, the source of a figure)."""
    out: list[str] = []

    def walk(obj, path: str) -> None:
        if isinstance(obj, str):
            if obj:
                out.append(path)
        elif isinstance(obj, list):
            for i, item in enumerate(obj):
                walk(item, f"{path}[{i}]")
        elif dataclasses.is_dataclass(obj):
            for f in yaml_fields(obj):
                key = f.metadata.get("key", f.name)
                walk(getattr(obj, f.name), f"{path}.{key}" if path else key)
        elif obj is not None:
            out.append(path)

    walk(content, "")
    return out


def _under(path: str, placed: str) -> bool:
    return path == placed or path.startswith((placed + ".", placed + "["))


def _unplaced_error(content: Content, unplaced: list[str], layout_path: str) -> InputError:
    """One error naming each item the layout drops, by the largest part of which nothing is
    placed (a whole section; a section's table, not its 6 000 cells), at most a dozen."""
    total: dict[str, int] = {}
    lost: dict[str, int] = {}
    for paths, counts in ((_printed(content), total), (unplaced, lost)):
        for path in paths:
            for part in _parts(path):
                counts[part] = counts.get(part, 0) + 1
    items: list[str] = []
    for path in unplaced:
        name = next(part for part in _parts(path) if total[part] == lost.get(part))
        if name not in items:
            items.append(name)
    lines = [f"{name} «{_preview(content.at(name))}» at {content.location(name)}"
             for name in items[:_LISTED]]
    if len(items) > _LISTED:
        lines.append(f"… and {len(items) - _LISTED} more")
    return InputError(
        f"{len(items)} content item(s) would not be printed: layout {layout_path} places "
        "no region showing them:\n  " + "\n  ".join(lines), content.location(items[0]),
        hint="add a region for them to the layout, or — if this layout leaves them out on "
             "purpose — list them under `omits:` in the layout")


_LISTED = 12  # items an error lists by name; the rest are counted


def _parts(path: str) -> list[str]:
    """A document path and the paths above it, the top first: sections[5].intro →
    sections, sections[5], sections[5].intro (`sections` itself is never whole: a list)."""
    pieces = re.findall(r"[^.\[]+|\[\d+\]", path)
    prefixes = ["".join(("." + p if i and not p.startswith("[") else p)
                        for i, p in enumerate(pieces[:n])) for n in range(1, len(pieces) + 1)]
    return prefixes[1:] if len(prefixes) > 1 and prefixes[1].startswith(prefixes[0] + "[") \
        else prefixes


def _preview(value) -> str:
    """The first words of an item, so a person can find it."""
    text = value if isinstance(value, str) else next(
        (str(v) for v in _values(value) if v), "")
    return text if len(text) <= 16 else text[:15] + "…"


def _values(obj):
    if isinstance(obj, list):
        for item in obj:
            yield from _values(item)
    elif dataclasses.is_dataclass(obj):
        for f in yaml_fields(obj):
            yield from _values(getattr(obj, f.name))
    elif isinstance(obj, str):
        yield obj


def _top(path: str) -> str:
    """The top-level item of a path: sections[5].intro → sections[5]."""
    return path.split(".")[0]
