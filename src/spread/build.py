"""The pipeline in one place: content + layout → page model → renditions → checks.

Each stage is one call; outputs are written atomically so a failed build never destroys
the previous good output.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from spread import content as content_mod
from spread import template
from spread.errors import Location, SpreadError
from spread.fonts import FontSet, RoleFonts
from spread.fonts.cache import FontCache
from spread.fonts.faces import Face
from spread.fonts.report import licence as font_licence
from spread.layout import lay_out
from spread.page import Page

DEFAULT_CONTENT = "content.yaml"
DEFAULT_LAYOUT = "layout/default.yaml"


@dataclass
class BuildResult:
    """What a build wrote and what it noticed."""

    outputs: dict[str, Path] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    page: Page | None = None
    checks: dict[str, object] = field(default_factory=dict)  # output suffix → its report
    fonts: dict[str, dict] = field(default_factory=dict)  # font file (resolved) → sha256, licence

    @property
    def ok(self) -> bool:
        """Every written file passed the checks of its standard."""
        return all(report.ok for report in self.checks.values())


def load_fonts(layout: template.Layout, layout_path: str,
               cache: str | os.PathLike | None = None) -> FontSet:
    """The layout's font roles with paths resolved against the layout file's folder; converted
    fonts and metrics are kept in `cache` (default $SPREAD_CACHE or ~/.cache/spread)."""
    base = Path(layout_path).resolve().parent
    store = FontCache(cache)
    roles = {}
    for role, chain in layout.fonts.items():
        faces = [Face(str((base / spec.file).resolve()) if not os.path.isabs(spec.file)
                      else spec.file, f"{role}.{i}", spec.face, spec.weight, spec.slant, store)
                 for i, spec in enumerate(chain)]
        roles[role] = RoleFonts(role, faces)
    fonts = FontSet(roles)
    fonts.check_embeddable()
    return fonts


def compose_page(content_path: str = DEFAULT_CONTENT, layout_path: str = DEFAULT_LAYOUT
                 ) -> tuple[Page, FontSet, list[str], content_mod.Content, template.Layout]:
    content = content_mod.load(content_path)
    layout = template.load(layout_path)
    fonts = load_fonts(layout, layout_path)
    page, notes = lay_out(content, layout, fonts)
    return page, fonts, notes, content, layout


def build(content_path: str = DEFAULT_CONTENT, layout_path: str = DEFAULT_LAYOUT,
          out_dir: str = "out", renditions: tuple[str, ...] = ("print",),
          check: bool = True) -> BuildResult:
    from spread import renditions as rend

    result = BuildResult()
    t0 = time.perf_counter()
    page, fonts, notes, content, layout = compose_page(content_path, layout_path)
    result.timings["layout"] = time.perf_counter() - t0
    result.page = page
    result.notes += notes
    result.fonts = {str(Path(face.path).resolve()): {"sha256": face.sha256,
                                                     "licence": font_licence(face)}
                    for face in fonts.faces()}
    stem = Path(content_path).stem
    # every rendition is made before any is written: a build that fails in its last
    # rendition leaves all of the previous outputs as they were
    made: dict[str, bytes] = {}
    for name in renditions:
        t = time.perf_counter()
        made.update(rend.RENDITIONS[name](page, fonts, content, layout, content_path))
        result.timings[name] = time.perf_counter() - t
    for suffix, data in made.items():
        target = Path(out_dir) / f"{stem}.{suffix}"
        write_atomically(target, data)
        result.outputs[suffix] = target
    if check:
        t = time.perf_counter()
        result.checks = check_outputs(result.outputs, layout)
        result.timings["checks"] = time.perf_counter() - t
    from spread import manifest  # imports build: loaded here, not at module level

    manifest.write(out_dir, content_path, layout_path, layout, result, renditions)
    return result


def check_outputs(outputs: dict[str, Path], layout: template.Layout) -> dict[str, object]:
    """Re-read what was written: PDF/X-1a and newsprint preflight for the print files,
    PDF/A-2b and level U for the archive. Proofs carry marks outside any standard."""
    from spread.check.archive import check_archive
    from spread.check.preflight import check_pdf

    reports: dict[str, object] = {}
    for suffix, path in outputs.items():
        if suffix.startswith("print") and suffix.endswith(".pdf"):
            reports[suffix] = check_pdf(path, layout.output)
        elif suffix == "archive.pdf":
            reports[suffix] = check_archive(path)
    return reports


def write_atomically(target: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename over the target: a reader,
    or a concurrent build writing the same file, sees the old file or the new one, never
    a part. A file rewritten in place (check --fix) keeps its permissions."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o644
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise SpreadError(f"cannot write {target}: {exc.strerror}", Location(str(target)),
                          hint="check the output folder and its permissions") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise SpreadError(f"cannot write {target}: {exc.strerror}", Location(str(target)),
                              hint="is the disk full, or the target a folder?") from None
        raise
