"""What a rule is handed: the file being checked, and the page being interpreted."""

from __future__ import annotations

from dataclasses import dataclass, field

import pikepdf

from spread.check.preflight.geometry import Box, norm
from spread.check.preflight.interpreter import Paint
from spread.check.preflight.report import Findings
from spread.check.preflight.sheet import Sheet
from spread.check.reading import Source
from spread.template import Limits


@dataclass
class Document:
    """The file: its first and last bytes (for header and cross-reference), the open PDF."""

    source: Source
    head: bytes
    tail: bytes
    size: int
    limits: Limits
    found: Findings
    images: dict = field(default_factory=dict)  # per image object, what the ink rule measured

    @property
    def pdf(self) -> pikepdf.Pdf:
        return self.source.pdf

    def add(self, rule: str, message: str) -> None:
        self.found.add(rule, message)

    def read_at(self, offset: int, n: int) -> bytes:
        return self.source.read_at(offset, n)


@dataclass
class Page:
    """A page being interpreted: its number, dictionary and painted sheet."""

    doc: Document
    number: int
    obj: pikepdf.Dictionary
    sheet: Sheet | None

    @property
    def limits(self) -> Limits:
        return self.doc.limits

    def box(self, key: str) -> Box | None:
        """A page box, normalised; None when absent or not four numbers."""
        value = self.obj.get(key)
        try:
            numbers = [float(v) for v in value]
        except (TypeError, ValueError):
            return None
        return norm(numbers) if len(numbers) == 4 else None

    @property
    def mediabox(self) -> Box:
        return self.box("/MediaBox") or (0.0, 0.0, 612.0, 792.0)

    def add(self, rule: str, message: str, where: Box | None = None) -> None:
        self.doc.found.add(rule, message, self.number, where)

    def prints(self, box) -> bool:
        return box is not None and self.sheet.prints(box)

    def beneath(self, p: Paint, painted: frozenset, above: float) -> float:
        """The most ink (%) beneath `p` that a paint replacing `painted` leaves showing —
        by boxes when that is at most `above` (then it cannot matter), else by shapes."""
        bound = self.sheet.bound(p.boxes, painted)
        if bound <= above:
            return bound
        key = (id(p), painted)
        if key not in self._exact:
            exact = self.sheet.exact(p.boxes, p.shape, p.clip, painted)
            self._exact[key] = bound if exact is None else exact
        return self._exact[key]

    def __post_init__(self):
        self._exact: dict = {}
