"""The pipeline in one place: content + layout → page model → renditions → checks.

Each stage is one call; the outputs and the edition record are committed together
(spread.files.commit), so a failed or killed build never destroys the previous good edition
nor leaves a mixed one. A build whose page has problems (overset text, a character no font
has) writes a failure proof instead — the page as far as it was set, the problems marked, as
NAME.failed.proof.pdf and .png beside the edition, which it leaves as it was — then stops
with the first problem; the next good build removes the failure proof.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from spread import content as content_mod
from spread import files, manifest, template
from spread.errors import InputError, Location, SpreadError
from spread.fonts import FontSet
from spread.fonts.report import licence as font_licence
from spread.layout.problems import Problem
from spread.page import Box, Image, Page, TextRun
from spread.validate import Validated, WarningsAsErrors, set_page, validate
from spread.validate import load_fonts  # noqa: F401 (spread.build's API)

if TYPE_CHECKING:  # the checks are imported when a build runs them
    from spread.check.archive import Report as ArchiveReport
    from spread.check.preflight import Report as PreflightReport

    CheckReport = PreflightReport | ArchiveReport  # alike in path, ok and findings

DEFAULT_CONTENT = "content.yaml"
DEFAULT_LAYOUT = "layout/default.yaml"
FAILED_PROOF = ("failed.proof.pdf", "failed.proof.png")  # a failed build's proof, by suffix


@dataclass
class BuildResult:
    """What a build wrote and what it noticed."""

    outputs: dict[str, Path] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # lint findings and layout warnings
    timings: dict[str, float] = field(default_factory=dict)
    page: Page | None = None
    checks: dict[str, CheckReport] = field(default_factory=dict)  # output suffix → its report
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
    result = BuildResult()
    t0 = time.perf_counter()
    stem = Path(content_path).stem
    files.check_name_room(out_dir, [f"{stem}.{suffix}" for suffix in _WRITES],
                          Location(content_path))
    checked = _checked_page(content_path, layout_path, strict, out_dir, stem)
    result.timings["layout"] = time.perf_counter() - t0
    result.page = checked.page
    result.notes += checked.notes
    result.warnings += checked.warnings
    result.fonts = {str(Path(face.path).resolve()): {"sha256": face.sha256,
                                                     "licence": font_licence(face)}
                    for face in checked.fonts.faces()}
    made = _make_renditions(checked, renditions, content_path, out_dir, stem, result.timings)
    if check:  # before they replace the edition: files that fail their standard are no
        # edition, and the previous one stays (a single build and a batch alike stop)
        t = time.perf_counter()
        result.checks = check_made(made, checked.layout, out_dir, stem)
        result.timings["checks"] = time.perf_counter() - t
        if not result.ok:
            failed = _failed_checks(result.checks, checked, content_path)
            _write_failure(checked, failed, content_path, out_dir, stem)
            raise failed[0].error
    outputs = {f"{stem}.{suffix}": data for suffix, data in made.items()}
    with files.edition_lock(out_dir, stem):
        record = manifest.record(out_dir, content_path, layout_path, checked.layout,
                                 checked.page, result.fonts, renditions, outputs)
        files.commit(out_dir, stem, {**outputs,
                                     manifest.path_for(out_dir, content_path).name: record},
                     remove=tuple(f"{stem}.{suffix}" for suffix in FAILED_PROOF))
    result.outputs = {suffix: Path(out_dir) / f"{stem}.{suffix}" for suffix in made}
    return result


def _checked_page(content_path: str, layout_path: str, strict: bool, out_dir: str,
                  stem: str) -> Validated:
    """Everything short of drawing. A page with problems is shown on its failure proof
    and raises its first problem, naming the others; input that never becomes a page
    raises as it is, and an older failure proof, which shows other input, is removed —
    unless a word of the content or the layout may name it as an input."""
    try:
        checked = set_page(content_path, layout_path, strict)
    except WarningsAsErrors:  # the page itself is good: nothing to mark, nothing written
        raise
    except SpreadError as exc:
        exc.add_note(f"no failure proof: there is no page to show until this is mended"
                     f"{_forget_failure(out_dir, stem, _named(content_path, layout_path))}")
        raise
    _refuse_writing_over_inputs(_inputs(checked, content_path, layout_path), out_dir, stem)
    if checked.problems:
        first = checked.problems[0].error
        for also in checked.problems[1:]:  # every problem said at once, not one build each
            first.add_note(f"also: {also.error.where or content_path}: "
                           f"{' '.join(also.error.message.split())}")
        _write_failure(checked, checked.problems, content_path, out_dir, stem)
        raise first
    return checked


# every file a build of STEM writes into its output folder, by suffix
_WRITES = ("print.pdf", "print-pages.pdf", "proof.pdf", "proof.png", "archive.pdf",
           "manifest.json", *FAILED_PROOF)


def _inputs(checked: Validated, content_path: str, layout_path: str) -> list[tuple]:
    """Every file a build of this page reads, as (kind, path, place in the content)."""
    inputs = [("content file", content_path, None), ("layout", layout_path, None)]
    inputs += [("font", face.path, None) for face in checked.fonts.faces()]
    inputs += [("picture", item.path, item.where) for item in checked.page.items
               if isinstance(item, Image) and not item.missing]
    if checked.layout.output.profile:
        inputs.append(("output profile", str(Path(layout_path).parent
                                             / checked.layout.output.profile), None))
    return inputs


def _named(content_path: str, layout_path: str) -> list[tuple]:
    """The files a build may read when its input never became a page: the content file,
    the layout and every file a word of either names (a picture, a font, a profile), read
    as far as they read — what it cannot tell apart from an input it leaves alone."""
    inputs = [("content file", content_path, None), ("layout", layout_path, None)]
    for path in (content_path, layout_path):
        try:  # a regular file only: a named pipe given as content would hold the build
            text = (Path(path).read_text(encoding="utf-8", errors="replace")
                    if Path(path).is_file() else "")
        except OSError:
            continue
        folder = Path(path).parent
        inputs += [("file it names", str(folder / word), None) for word in _words(text)]
    return inputs


def _words(text: str) -> set[str]:
    """Every scalar of a YAML text as far as it scans, and, past a place it does not,
    every word of it."""
    import re

    import yaml

    words: set[str] = set()
    try:
        words.update(token.value for token in yaml.scan(text)
                     if isinstance(token, yaml.ScalarToken))
    except (yaml.YAMLError, ValueError):  # ValueError: a \\U escape past U+10FFFF
        words.update(re.findall(r"[^\s'\"\[\]{},#]+", text))
    return {word for word in words if word and "\0" not in word}


def _clashes(inputs: list[tuple], out_dir: str, stem: str, suffixes: tuple[str, ...]):
    """Each (input, suffix) where an input is the file the build writes or removes as
    STEM.SUFFIX in the output folder: the one check, before anything there is touched."""
    for suffix in suffixes:
        output = Path(out_dir) / f"{stem}.{suffix}"
        if not output.is_file():
            continue
        for kind, path, where in inputs:
            try:
                same = Path(path).is_file() and output.samefile(path)
            except (OSError, ValueError):  # a name no file system takes is no input
                same = False
            if same:
                yield (kind, path, where), suffix


def _refuse_writing_over_inputs(inputs: list[tuple], out_dir: str, stem: str) -> None:
    """An input where the build writes an output: a picture named content.proof.png in the
    folder -o names was replaced by the proof, with exit 0, and the next build printed the
    proof as the photo."""
    for (kind, path, where), suffix in _clashes(inputs, out_dir, stem, _WRITES):
        raise InputError(f"the {kind} {path} is where this build writes its "
                         f"{suffix}: building would replace it", where,
                         hint="rename the file, or give -o another folder")


def _make_renditions(checked: Validated, renditions: tuple[str, ...], content_path: str,
                     out_dir: str, stem: str, timings: dict[str, float]) -> dict[str, bytes]:
    """Every rendition's files, made before any is written: a build that fails in its last
    rendition leaves all of the previous outputs as they were. A rendition that refuses
    the page (a picture print cannot take) marks it on the failure proof."""
    from spread.renditions import RENDITIONS

    made: dict[str, bytes] = {}
    for name in renditions:
        t = time.perf_counter()
        try:
            made.update(RENDITIONS[name](checked.page, checked.fonts, checked.content,
                                         checked.layout, content_path, checked.profile))
        except SpreadError as exc:
            _write_failure(checked, [_rendition_problem(exc, checked.page)], content_path,
                           out_dir, stem)
            raise
        timings[name] = time.perf_counter() - t
    return made


def check_made(made: dict[str, bytes], layout: template.Layout, out_dir: str,
               stem: str) -> dict[str, CheckReport]:
    """The checks of renditions made but not yet written, read back from their bytes:
    PDF/X-1a and the newsprint limits for the print files, PDF/A-2b and level U for the
    archive, each report naming the file it is to be. Proofs carry marks outside any
    standard."""
    from spread.check.archive import check_archive
    from spread.check.preflight import check_pdf

    reports: dict[str, CheckReport] = {}
    for suffix, data in made.items():
        path = Path(out_dir) / f"{stem}.{suffix}"
        if suffix.startswith("print") and suffix.endswith(".pdf"):
            reports[suffix] = check_pdf(path, layout.output, data)
        elif suffix == "archive.pdf":
            reports[suffix] = check_archive(path, data)
    return reports


class ChecksFailed(SpreadError):
    """A rendition that fails its standard's checks (PDF/X-1a and the newsprint limits,
    PDF/A-2b): a problem found, never written as the edition."""

    exit_code = 1


def _failed_checks(checks: dict[str, CheckReport], checked: Validated,
                   content_path: str) -> list[Problem]:
    """Each failed check as a problem of the page, named by the content item of the region
    it lies in (the content file when it has no place on the page), its place marked."""
    page = checked.page
    problems = []
    for suffix, report in checks.items():
        for finding in report.findings:
            box = _box(finding.where)
            element = _element_at(page, box)
            item = _content_of(checked.layout, element)
            where = (checked.content.location(item) if item else
                     element.where if element is not None and element.where else
                     Location(content_path))
            inside = f" in {element.name}" if element is not None else ""
            text, styles = _type_at(checked, box) if finding.rule == "type-size" else ("", [])
            message, picture = finding.message, _picture_at(checked.page, box)
            if picture is not None and message.startswith("image "):  # by its file, not by
                # the PDF writer's name for it (FormXob.a05f301e…)
                message = f"the picture {Path(picture.path).name} " + message.split(" ", 2)[2]
            problems.append(Problem(ChecksFailed(
                f"{suffix} fails its checks{inside}: {finding.rule}: {message}"
                + (f": «{text}»" if text else ""), where,
                hint="the file is not written; " + (
                    f"give the layout's style {' or '.join(map(repr, styles))} a larger size "
                    "or a colour of one ink (or black), and build again" if styles else
                    "the picture is separated for a press that takes more ink: separate it "
                    f"again for newsprint ({checked.layout.output.limits.total_ink:g}% total "
                    "ink at most), or give its RGB original for spread to separate"
                    if picture is not None and finding.rule == "ink-total" else
                    "mend the content or the layout (a larger size, fewer figures, another "
                    "colour) and build again")),
                region=element.name if element is not None else "",
                frame=element.frame if element is not None else None,
                marks=(box,) if box is not None else ()))
    return problems


def _type_at(checked: Validated, box: Box | None) -> tuple[str, list[str]]:
    """The text drawn at a type-size finding's place, and the layout's styles that set
    text of its font, size and colour: what to change is a style, not the content."""
    if box is None:
        return "", []
    cx, cy = box.x + box.width / 2, box.y + box.height / 2
    runs = [run for run in checked.page.items if isinstance(run, TextRun) and not run.ys
            and run.xs[0] - 0.5 <= cx <= run.xs[-1] + run.style.size * run.style.scale + 0.5
            and run.y - 0.3 * run.style.size <= cy <= run.y + run.style.size]
    if not runs:
        return "", []
    layout, unit = checked.layout, checked.layout.grid.unit.pt()
    styles = sorted({name for name, spec in layout.styles.items() for run in runs
                     if spec.font == run.style.font and spec.colour == run.style.color
                     and abs(spec.size.pt(unit) - run.style.size) < 0.01})
    return runs[0].chars, styles


def _box(where) -> Box | None:
    """A check's place (x0, y0, x1, y1 in pt), as a box; None when it names none."""
    if not isinstance(where, (tuple, list)) or len(where) != 4:
        return None
    x0, y0, x1, y1 = where
    return Box(x0, y0, x1 - x0, y1 - y0)


def _picture_at(page: Page, box: Box | None) -> Image | None:
    """The picture drawn where a check's finding lies, None when none is."""
    if box is None:
        return None
    cx, cy = box.x + box.width / 2, box.y + box.height / 2
    return next((i for i in page.items if isinstance(i, Image) and not i.missing
                 and i.clip.x <= cx <= i.clip.right and i.clip.y <= cy <= i.clip.top), None)


def _element_at(page: Page, box: Box | None):
    if box is None:
        return None
    cx, cy = box.x + box.width / 2, box.y + box.height / 2
    return next((e for e in page.elements if e.frame.x <= cx <= e.frame.right
                 and e.frame.y <= cy <= e.frame.top), None)


def _content_of(layout: template.Layout, element) -> str:
    """The content item the region that drew `element` shows, found by its place in the
    layout file; "" when none."""
    if element is None or element.where is None:
        return ""
    return next((r.content for row in layout.rows for top in row.regions for r in top.walk()
                 if r.where == element.where and r.content), "")


def _write_failure(checked: Validated, problems: list, content_path: str, out_dir: str,
                   stem: str) -> None:
    """The failure proof of the page with `problems`, beside the edition it leaves as it
    was; the first problem's error says where it is (or why there is none)."""
    from spread.renditions import failure_proof

    error = problems[0].error
    try:
        made = failure_proof(checked.page, problems, checked.makeup, checked.fonts,
                             checked.content, checked.layout, content_path, checked.profile)
        with files.edition_lock(out_dir, stem):
            files.commit(out_dir, stem,
                         {f"{stem}.{suffix}": made[suffix] for suffix in FAILED_PROOF})
    except SpreadError as exc:  # the problem stays what the build reports
        error.add_note(f"no failure proof: {exc.message}")
        return
    except Exception as exc:  # a bug in drawing it must not hide the user's problem
        error.add_note(f"no failure proof: internal error drawing it ({type(exc).__name__}: "
                       f"{exc}), a bug in spread")
        return
    shown = Path(out_dir) / f"{stem}.{FAILED_PROOF[1]}"
    error.add_note(f"failure proof: {shown} (and .pdf) shows the page as far as it was set, "
                   f"{len(problems)} problem(s) marked; the previous edition is as it was")


def _rendition_problem(error: SpreadError, page: Page) -> Problem:
    """A rendition's refusal as a problem of the page, marked on the pictures it names."""
    return Problem(error, marks=tuple(item.clip for item in page.items
                                      if isinstance(item, Image) and item.where is not None
                                      and item.where == error.where))


def _forget_failure(out_dir: str, stem: str, inputs: list[tuple]) -> str:
    """Remove the failure proof of an earlier build, which shows other input than this
    one's — never a file that may be one of the inputs; for the note, says whether it
    did."""
    kept = {suffix for _, suffix in _clashes(inputs, out_dir, stem, FAILED_PROOF)}
    stale = tuple(name for suffix in FAILED_PROOF if suffix not in kept
                  and (Path(out_dir) / (name := f"{stem}.{suffix}")).is_file())
    if not stale:
        return ""
    try:
        with files.edition_lock(out_dir, stem):
            files.commit(out_dir, stem, {}, remove=stale)
    except SpreadError:
        return f" (the failure proof of an earlier build, {stale[0]}, shows older input)"
    return " (the failure proof of an earlier build was removed)"
