"""The preflight's report: findings in the order found, identical ones counted."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from spread.template import Limits


@dataclass(frozen=True)
class Issue:
    """One broken rule: its id, what is wrong, on which page (None: the file), how often."""

    rule: str
    message: str
    page: int | None = None
    count: int = 1
    where: tuple[float, ...] | None = None  # the first occurrence's bounds, pt

    def to_dict(self) -> dict:
        return {"rule": self.rule, "message": self.message, "page": self.page,
                "count": self.count, "where": list(self.where) if self.where else None}


@dataclass
class Report:
    """The preflight's findings for one file."""

    path: str
    limits: Limits
    pages: int = 0
    findings: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def format(self) -> str:
        lim = self.limits
        head = (f"{self.path}: PDF/X-1a:2001 preflight, {self.pages} page(s); limits: total ink "
                f"{lim.total_ink:g}%, images {lim.image_ppi:g} ppi")
        if self.ok:
            return f"{head}\nok: every rule passed"
        lines = [head]
        for i in self.findings:
            where = f"page {i.page}" if i.page else "file"
            lines.append(f"  {where:8} {i.rule:15} {i.message}{_occurrences(i)}")
        lines.append(f"FAILED: {len(self.findings)} problem(s)")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"file": self.path, "ok": self.ok, "pages": self.pages,
                "issues": [i.to_dict() for i in self.findings]}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def fmt_box(b) -> str:
    return "[" + " ".join(f"{v:g}" for v in (round(x, 2) for x in b)) + "]"


def _occurrences(issue: Issue) -> str:
    """' (×3, first at [x0 y0 x1 y1] pt)', ' (at …)', ' (×3)' or ''."""
    times = f"×{issue.count}" if issue.count > 1 else ""
    if issue.where:
        at = f"at {fmt_box(issue.where)} pt"
        return f" ({times}, first {at})" if times else f" ({at})"
    return f" ({times})" if times else ""


class Findings:
    """Issues in the order found, identical ones counted rather than repeated."""

    def __init__(self):
        self.counts: dict[tuple, int] = {}
        self.first: dict[tuple, tuple | None] = {}

    def add(self, rule: str, message: str, page: int | None = None, where=None) -> None:
        key = (rule, message, page)
        self.counts[key] = self.counts.get(key, 0) + 1
        if where is not None:
            where = tuple(round(v, 2) for v in where)
        self.first.setdefault(key, where)

    def issues(self) -> list[Issue]:
        return [Issue(r, m, p, n, self.first[(r, m, p)])
                for (r, m, p), n in self.counts.items()]
