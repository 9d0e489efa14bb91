"""spread's own preflight: re-reads a written PDF (never the page model) and checks the
PDF/X-1a:2001 rules of print.md §1 and the newsprint limits of the printing condition.

The file is opened by `spread.check.reading` (damaged files refused first, every stream's
decoded size and every content operator counted against documented bounds). Then the rules
of `rules.RULES` — structure, boxes, fonts, colours, ink, overprint, sizes, images — judge
the file, each page's dictionary and resources, and every mark the content-stream
interpreter (`interpreter.py`) finds, with the graphics state tracked as a RIP would.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

from spread.check.preflight.context import Document, Page
from spread.check.preflight.interpreter import GState, Interpreter, Paint
from spread.check.preflight.pixels import channel_maxima, image_worst
from spread.check.preflight.report import Findings, Issue, Report
from spread.check.preflight.rules import colours, hooks, structure
from spread.check.preflight.sheet import MAX_CELL_VISITS, RASTER_BUDGET, Area, Budget, Sheet
from spread.check.reading import MAX_FORM_DEPTH, Source, locked, open_source, unreadable
from spread.template import Output

__all__ = ["Issue", "Report", "check_pdf", "preflight", "unreadable"]

_ENDS = 2048  # bytes read at each end of the file: the header, and startxref


def check_pdf(path: str | Path, settings: Output | None = None,
              data: bytes | None = None) -> Report:
    """Check a written PDF against PDF/X-1a:2001 and the limits of `settings` (a layout's
    `output` section; the IFRA26 defaults when None) — or, with `data`, the bytes that are
    to be written as `path`."""
    try:
        with open_source(path, data) as source:
            return preflight(source, settings)
    except pikepdf.PasswordError:  # a file open to read names its encryption as a finding
        raise locked(path) from None


def preflight(source: Source, settings: Output | None = None) -> Report:
    """The preflight of a file `open_source` has opened."""
    limits = (settings or Output()).limits
    report = Report(source.path, limits)
    found = Findings()
    with source.guard():
        doc = Document(source, *_ends(source), limits, found)
        report.pages = len(source.pdf.pages)
        for hook in hooks("document"):
            hook(doc)
        budget = Budget(MAX_CELL_VISITS, RASTER_BUDGET, source.too_large)
        for number, page in enumerate(source.pdf.pages, 1):
            _check_page(doc, page, number, budget)
    report.findings = found.issues()
    return report


def _ends(source: Source) -> tuple[bytes, bytes, int]:
    size = source.size()
    return source.read_at(0, _ENDS), source.read_at(max(0, size - _ENDS), _ENDS), size


def _check_page(doc: Document, page: pikepdf.Page, number: int, budget: Budget) -> None:
    doc.source.start_page()
    obj = page.obj
    view = Page(doc, number, obj, None)
    view.sheet = Sheet(view.box("/BleedBox") or view.box("/TrimBox") or view.mediabox, budget)
    for hook in hooks("page"):
        hook(view)
    resources = obj.get("/Resources", pikepdf.Dictionary())
    _walk_resources(view, resources, set(), 0, "the page")
    Interpreter(doc.source, number, _Events(view)).run(page, resources, GState())
    annots = obj.get("/Annots")
    for annot in annots if isinstance(annots, pikepdf.Array) else []:
        looks = annot.get("/AP") if isinstance(annot, pikepdf.Dictionary) else None
        for look in looks.values() if isinstance(looks, pikepdf.Dictionary) else []:
            states = look.values() if isinstance(look, pikepdf.Dictionary) and \
                not isinstance(look, pikepdf.Stream) else [look]
            for state in states:
                subtype = str(annot.get("/Subtype", "/?"))[1:]
                _colours_of(view, state, resources, f"in the appearance of a {subtype} "
                                                    "annotation")


# what holds a resource dictionary inside another, by the kind of resource it is
_OWNERS = {"/XObject": "form", "/Pattern": "pattern", "/Font": "Type 3 font"}


def _walk_resources(page: Page, resources, seen: set, depth: int, owner: str) -> None:
    """Every font, graphics state, XObject and pattern of a resource dictionary, and of
    the forms, patterns and Type 3 fonts it holds, once each; `owner` names what the
    dictionary is the resources of ("the page", "form Fm0")."""
    if not isinstance(resources, pikepdf.Dictionary) or depth > MAX_FORM_DEPTH:
        return
    if resources.is_indirect:
        if resources.objgen in seen:
            return
        seen.add(resources.objgen)
    for hook in hooks("resources"):
        hook(page, resources, owner)
    handlers = hooks("resource")
    for kind in ("/Font", "/ExtGState", "/XObject", "/Pattern"):
        group = resources.get(kind)
        if not isinstance(group, pikepdf.Dictionary):
            continue
        for name, obj in group.items():
            if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                continue
            if obj.is_indirect:
                if (kind, obj.objgen) in seen:
                    continue
                seen.add((kind, obj.objgen))
            for hook in handlers:
                hook(page, kind, name, obj)
            _colours_inside(page, kind, name, obj, resources)
            inner = obj.get("/Resources")
            if inner is not None and (kind != "/XObject" or
                                      str(obj.get("/Subtype", "")) == "/Form"):
                _walk_resources(page, inner, seen, depth + 1, f"{_OWNERS[kind]} {name[1:]}")


def _colours_inside(page: Page, kind: str, name: str, obj, resources) -> None:
    """The colours of content drawn elsewhere than it is written: a tiling pattern's cell,
    wherever the pattern fills, and a Type 3 font's glyphs, wherever its text is shown (an
    RGB glyph passed the check)."""
    if kind == "/Pattern" and isinstance(obj, pikepdf.Stream):
        _colours_of(page, obj, obj.get("/Resources", resources), f"in pattern {name[1:]}")
    elif kind == "/Font" and str(obj.get("/Subtype", "")) == "/Type3":
        procs = obj.get("/CharProcs")
        for glyph, proc in procs.items() if isinstance(procs, pikepdf.Dictionary) else []:
            _colours_of(page, proc, obj.get("/Resources", resources),
                        f"in glyph {glyph[1:]} of Type 3 font {name[1:]}")


def _colours_of(page: Page, content, resources, where: str) -> None:
    """Run `content` for its colours alone: its marks land where it is used, not where it
    is written, so they are not painted on the page's sheet."""
    if isinstance(content, pikepdf.Stream):
        Interpreter(page.doc.source, page.number, _Colours(page, where)).run(
            content, resources, GState())


class _Colours:
    """The colour rules' events for content run by _colours_of, each finding saying where
    its colour is."""

    def __init__(self, page: Page, where: str):
        self.page, self.obj, self.where = page, page.obj, where

    def add(self, rule: str, message: str, where=None) -> None:
        said = message.removesuffix(" in the content")
        self.page.add(rule, f"{said} {self.where}" if said != message
                      else f"{message} ({self.where})")

    def colour(self, op: str, space, label: str) -> None:
        colours.colour(self, op, space, label)

    def inline_image(self, image: dict, gs) -> None:
        colours.inline_image(self, image, gs)

    def paint(self, p: Paint) -> None:
        colours.paint(self, p)

    def postscript(self) -> None:
        structure.postscript(self.page, self.where)


class _Events:
    """What the interpreter finds, handed to the rules; then painted onto the sheet."""

    def __init__(self, page: Page):
        self.page = page
        self.on_paint = hooks("paint")
        self.on_colour = hooks("colour")
        self.on_inline = hooks("inline_image")
        self.on_postscript = hooks("postscript")

    def colour(self, op: str, space, label: str) -> None:
        for hook in self.on_colour:
            hook(self.page, op, space, label)

    def inline_image(self, image: dict, gs) -> None:
        for hook in self.on_inline:
            hook(self.page, image, gs)

    def postscript(self) -> None:
        for hook in self.on_postscript:
            hook(self.page)

    def paint(self, p: Paint) -> None:
        for hook in self.on_paint:
            hook(self.page, p)
        sheet = self.page.sheet
        if p.kind == "image":
            worst = image_worst(self.page.doc, p.image, p.space)
            if worst is not None and p.boxes:
                sheet.add(Area(p.boxes[0], channel_maxima(worst), None, p.shape, p.clip))
            return
        if not sheet.prints(p.where):
            return
        parts = p.parts or [p.shape] * len(p.boxes)
        for box, shape in zip(p.boxes, parts):
            sheet.add(Area(box, p.ink, p.painted, shape, p.clip, p.exact))
