"""The pipeline in one place: content + layout → page model → renditions → checks.

Each stage is one call; the outputs and the edition record are committed together
(spread.files.commit), so a failed or killed build never destroys the previous good edition
nor leaves a mixed one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from spread import content as content_mod
from spread import files, manifest, template
from spread.fonts import FontSet
from spread.fonts.report import licence as font_licence
from spread.page import Page
from spread.validate import load_fonts, validate  # noqa: F401 (load_fonts: spread.build's API)

DEFAULT_CONTENT = "content.yaml"
DEFAULT_LAYOUT = "layout/default.yaml"


@dataclass
class BuildResult:
    """What a build wrote and what it noticed."""

    outputs: dict[str, Path] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # lint findings and layout warnings
    timings: dict[str, float] = field(default_factory=dict)
    page: Page | None = None
    checks: dict[str, object] = field(default_factory=dict)  # output suffix → its report
    fonts: dict[str, dict] = field(default_factory=dict)  # font file (resolved) → sha256, licence

    @property
    def ok(self) -> bool:
        """Every written file passed the checks of its standard."""
        return all(report.ok for report in self.checks.values())


def compose_page(content_path: str = DEFAULT_CONTENT, layout_path: str = DEFAULT_LAYOUT
                 ) -> tuple[Page, FontSet, list[str], content_mod.Content, template.Layout]:
    checked = validate(content_path, layout_path)
    return checked.page, checked.fonts, checked.notes, checked.content, checked.layout


def build(content_path: str = DEFAULT_CONTENT, layout_path: str = DEFAULT_LAYOUT,
          out_dir: str = "out", renditions: tuple[str, ...] = ("print",),
          check: bool = True, strict: bool = False) -> BuildResult:
    from spread import renditions as rend

    result = BuildResult()
    t0 = time.perf_counter()
    checked = validate(content_path, layout_path, strict)  # everything short of drawing
    page, fonts, content, layout = checked.page, checked.fonts, checked.content, checked.layout
    result.timings["layout"] = time.perf_counter() - t0
    result.page = page
    result.notes += checked.notes
    result.warnings += checked.warnings
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
    outputs = {f"{stem}.{suffix}": data for suffix, data in made.items()}
    with files.edition_lock(out_dir, stem):
        record = manifest.record(out_dir, content_path, layout_path, layout, page,
                                 result.fonts, renditions, outputs)
        files.commit(out_dir, stem, {**outputs,
                                     manifest.path_for(out_dir, content_path).name: record})
    result.outputs = {suffix: Path(out_dir) / f"{stem}.{suffix}" for suffix in made}
    if check:
        t = time.perf_counter()
        result.checks = check_outputs(result.outputs, layout)
        result.timings["checks"] = time.perf_counter() - t
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
