"""`spread fonts`: which font draws which part of the content, what no font has, under what
licence each font is used, and how much of the character standards each role covers
(通用规范汉字表 by level, GB 2312, GBK: the names and places a newspaper must be able to set).

The text each role sets is read off the laid-out page (every TextRun names its role and the
face that draws it), so the report counts exactly what a build would draw. The caller lays
the page out with `lenient(fonts)`, so a character no face has is listed, not an error:
fonts come before layout, and do not call it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from spread.errors import SpreadError
from spread.fonts import standards
from spread.fonts.faces import Face, FontSet
from spread.page import Page, TextRun
from spread.template import Layout


@dataclass(frozen=True)
class FaceUse:
    """One face of a role's chain and what it draws."""

    file: str
    face: str  # the collection member asked for, "" for a single font
    family: str
    style: str
    outlines: str  # TrueType or CFF (converted for embedding)
    chars: int  # distinct characters it draws
    sets: str  # those characters, in code point order
    occurrences: int
    licence: str
    licence_url: str
    synthetic: tuple[str, ...]  # "bold", "oblique": drawn without a real face


@dataclass(frozen=True)
class RoleReport:
    role: str
    styles: tuple[str, ...]  # the layout's styles set in this role
    chars: int  # distinct characters the role sets
    occurrences: int
    faces: tuple[FaceUse, ...]
    missing: str  # characters no face of the chain has
    coverage: dict[str, tuple[int, int]]  # standard → (characters the chain has, of)


@dataclass(frozen=True)
class FontReport:
    roles: tuple[RoleReport, ...]

    @property
    def missing(self) -> dict[str, str]:
        return {r.role: r.missing for r in self.roles if r.missing}

    @property
    def notes(self) -> list[str]:
        return [f"synthetic {kind} for role {r.role} ({f.file})"
                + (f", styles {', '.join(r.styles)}" if r.styles else "")
                for r in self.roles for f in r.faces for kind in f.synthetic]

    def to_dict(self) -> dict:
        return {"roles": [asdict(r) for r in self.roles], "missing": self.missing,
                "notes": self.notes}

    def format(self) -> str:
        head = ("role", "face", "file", "family / style", "draws", "licence")
        rows = [head]
        for r in self.roles:
            for i, f in enumerate(r.faces):
                share = f"{f.chars}/{r.chars}" + (f" ({f.chars / r.chars:.0%})" if r.chars else "")
                rows.append((r.role if i == 0 else "", str(i + 1),
                             f.file + (f" [{f.face}]" if f.face else ""),
                             f"{f.family} / {f.style}" if f.family or f.style else "(unnamed)",
                             share, _short(f.licence) or "not stated"))
        widths = [max(len(row[c]) for row in rows) for c in range(len(head))]
        lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip()
                 for row in rows]
        lines.append("")
        lines += _coverage_table(self.roles)
        beyond = [(r.role, i, "".join(ch for ch in f.sets if standards.is_han(ch)
                                      and ch not in standards.gb2312()))
                  for r in self.roles for i, f in enumerate(r.faces, 1)]
        lines += [f"{role} face {i} sets hanzi beyond GB 2312: {chars}"
                  for role, i, chars in beyond if chars]
        for role, chars in self.missing.items():
            lines.append(f"missing in {role}: "
                         + " ".join(f"{ch} U+{ord(ch):04X}" for ch in chars))
        lines += self.notes
        if not self.missing:
            lines.append("every character of the content has a font")
        return "\n".join(lines)


class _Lenient(FontSet):
    """The same faces, but a character no face has is left undrawn instead of stopping layout,
    so the report can list it."""

    def missing(self, role: str, text: str) -> list[str]:
        return []


def lenient(fonts: FontSet) -> FontSet:
    """The same faces, leaving a character no face has undrawn (for `font_report`)."""
    return _Lenient(fonts.roles)


def font_report(page: Page, layout: Layout, fonts: FontSet) -> FontReport:
    """What each role and face of `fonts` draws on `page`, laid out with `lenient(fonts)`."""
    fonts.save_metrics()
    drawn: dict[str, Counter] = {role: Counter() for role in fonts.roles}
    by_face: dict[str, Counter] = {face.key: Counter() for face in fonts.faces()}
    missing: dict[str, set[str]] = {role: set() for role in fonts.roles}
    for run in page.items:
        if not isinstance(run, TextRun):
            continue
        role = run.style.font
        drawn[role].update(run.chars)
        if run.face:
            by_face[run.face].update(run.chars)
        else:
            missing[role].update(run.chars)
    styles = {role: tuple(sorted(n for n, s in layout.styles.items() if s.font == role))
              for role in fonts.roles}
    return FontReport(tuple(
        RoleReport(role, styles[role], len(drawn[role]), sum(drawn[role].values()),
                   tuple(_use(face, by_face[face.key]) for face in chain.faces),
                   "".join(sorted(missing[role])), _coverage(chain.faces))
        for role, chain in fonts.roles.items()))


# the standards as the report names them, in its column order
_STANDARDS = {"tongyong_1": "通用规范一级", "tongyong_2": "二级", "tongyong_3": "三级",
              "gb2312": "GB 2312", "gbk": "GBK"}


def _coverage(faces: list[Face]) -> dict[str, tuple[int, int]]:
    """How many characters of each standard some face of the chain draws."""
    has = frozenset().union(*(face.coverage for face in faces))
    return {name: (sum(1 for ch in chars if ord(ch) in has), len(chars))
            for name, chars in standards.standards().items()}


def _coverage_table(roles) -> list[str]:
    rows = [("coverage", *_STANDARDS.values())]
    rows += [(r.role, *(f"{have}/{of}" for have, of in (r.coverage[k] for k in _STANDARDS)))
             for r in roles]
    widths = [max(_width(row[c]) for row in rows) for c in range(len(rows[0]))]
    return ["  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths)).rstrip()
            for row in rows]


def _width(text: str) -> int:
    """Columns a terminal gives `text`: two for each Han character."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def licence(face: Face) -> str:
    """A face's licence: its name table's description (ID 13), else what a manifest.yaml
    beside the file records, as fonts/ does for the bundled fonts."""
    return face.record["licence"] or _manifest_licence(Path(face.path))


def _use(face: Face, counts: Counter) -> FaceUse:
    record = face.record
    url = record["licence_url"]
    synthetic = tuple(kind for kind, on in (("bold", face.synthetic_bold),
                                            ("oblique", face.synthetic_oblique)) if on)
    return FaceUse(Path(face.path).name, "" if face.face is None else str(face.face),
                   record["family"], record["subfamily"], record["outlines"], len(counts),
                   "".join(sorted(counts)), sum(counts.values()), licence(face), url,
                   synthetic)


def _manifest_licence(path: Path) -> str:
    """The licence a manifest.yaml beside the font records (as fonts/ does for bundled fonts),
    for fonts whose name table states none. It is read as spread reads its own YAML (a pipe
    never opened, a bomb or a deep nesting bounded); one that does not read, or is another
    tool's, is passed over: the licence is then not stated."""
    from spread.yamlsource import load

    try:
        manifest, _ = load(str(path.parent / "manifest.yaml"))
    except SpreadError:
        return ""
    fonts = manifest.value.get("fonts") if manifest.kind == "mapping" else None
    for entry in fonts.value if fonts is not None and fonts.kind == "list" else []:
        if entry.kind != "mapping":
            continue
        file, licence = entry.value.get("file"), entry.value.get("licence")
        if file is not None and file.value == path.name and licence is not None \
                and licence.kind == "scalar" and licence.value is not None:
            return str(licence.value)
    return ""


def _short(licence: str) -> str:
    """A name-table licence description cut to what fits a table: its first sentence, from
    "licensed under" on when it says so ("SIL Open Font License, Version 1.1")."""
    first = licence.strip().split("\n")[0].split(". ")[0].rstrip(".")
    named = re.search(r"licen[sc]ed under (?:the )?(.+)", first, re.IGNORECASE)
    first = named.group(1) if named else first
    return first if len(first) <= 60 else first[:57] + "..."
