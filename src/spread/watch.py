"""`spread watch`: rebuild whenever a file the build reads changes — the content, the
layout and the edition.yaml that chose it, a font, the printer's profile, a picture.

Polling, not file-system events: it works the same on every system and on network folders,
and two stats every half second cost nothing. A file counts as changed when its bytes
change (size and mtime are only the cue to hash it), so an editor saving an unchanged file,
or touching it, does not trigger a build. Between builds the process stays warm: the
imports are done and only the pipeline runs again.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from spread.errors import SpreadError

SETTLE = 0.1  # s: a change must hold this long before it is built
SETTLE_TRIES = 20  # then it is built anyway: a file rewritten without pause is never still


@dataclass(frozen=True)
class Seen:
    """What a file looked like at the last poll."""

    stamp: tuple[int, int] | None  # (mtime_ns, size); None when the file is missing
    digest: str


def look(path: str, before: Seen | None = None) -> Seen:
    """The file's stamp, hashed again only when the stamp moved."""
    try:
        st = os.stat(path)
    except OSError:
        return Seen(None, "")
    stamp = (st.st_mtime_ns, st.st_size)
    if not stat.S_ISREG(st.st_mode):  # a folder, a device, a named pipe (opening one waits
        # for a writer: watch hung there, deaf to every later change): a change to report
        return Seen(stamp, f"not a regular file ({stat.filemode(st.st_mode)})")
    if before is not None and before.stamp == stamp:
        return before
    try:
        with open(path, "rb") as fh:
            digest = hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        return Seen(None, "")
    return Seen(stamp, digest)


class Watcher:
    """Builds once, then again after each change, until stopped or `max_builds` is reached."""

    def __init__(self, content: str, layout: str, out: str, renditions: tuple[str, ...],
                 interval: float = 0.5, as_json: bool = False, strict: bool = False,
                 from_edition: bool = False):
        self.content, self.layout, self.out = content, layout, out
        # the layout is the one the edition names (no --layout): found again each build, so
        # an edition.yaml edited to name another layout sets the page by that one
        self.from_edition = from_edition
        self.renditions = renditions
        self.interval = interval
        self.as_json = as_json
        self.strict = strict
        self.files: dict[str, Seen] = {}
        self.paths: list[str] = []

    def watch_inputs(self, page=None) -> None:
        """Every file the build reads: the content, the layout and the edition files that
        choose it, the font files and the printer's profile the layout names, the pictures
        the content shows — and those the last page drew (a picture region's `folders`):
        found again after each build, since any of them may name others now."""
        from spread.page import Image

        drawn = [item.path for item in page.items if isinstance(item, Image)] if page else []
        self.paths = list(dict.fromkeys([
            self.content, *(edition_files(self.content) if self.from_edition else []),
            self.layout, *font_files(self.layout), *profile_file(self.layout),
            *picture_files(self.content), *drawn]))
        for path in self.paths:
            self.files.setdefault(path, look(path))

    def run(self, max_builds: int | None = None) -> int:
        self.watch_inputs()
        code = self.build([])
        builds = 1
        try:
            while max_builds is None or builds < max_builds:
                changed = self.poll()
                if changed:
                    code = self.build(self.settle(changed))
                    builds += 1
                else:
                    time.sleep(self.interval)
        except KeyboardInterrupt:
            self.say("stopped", {"event": "stopped"})
            return 0
        return code

    def poll(self) -> list[str]:
        changed = []
        for path in self.paths:
            before = self.files[path]
            now = look(path, before)
            if now.digest != before.digest:
                changed.append(path)
            self.files[path] = now
        return changed

    def settle(self, changed: list[str]) -> list[str]:
        """Wait until the changed files stop changing: an editor saving in place, or a script
        writing a file in pieces, must not be caught half-way."""
        pause = min(self.interval, SETTLE)
        for _ in range(SETTLE_TRIES):
            time.sleep(pause)
            more = self.poll()
            if not more:
                break
            changed += [path for path in more if path not in changed]
        return changed

    def build(self, changed: list[str]) -> int:
        from spread.build import build

        if changed:
            self.say("changed: " + ", ".join(changed), {"event": "changed", "files": changed})
        start = time.perf_counter()
        try:
            if self.from_edition:
                from spread.edition import layout_for

                self.layout = layout_for(self.content)
            result = build(self.content, self.layout, self.out, self.renditions,
                           strict=self.strict)
        except SpreadError as exc:
            self.watch_inputs()
            notes = list(getattr(exc, "__notes__", ()))  # the failure proof written, or not
            self.say(f"error: {exc}" + "".join(f"\nnote: {n}" for n in notes),
                     {"event": "error", "message": exc.message, "where": str(exc.where or ""),
                      "text": str(exc), "exit_code": exc.exit_code, "notes": notes})
            return exc.exit_code
        except Exception as exc:  # a bug in spread: say so, and keep watching
            self.watch_inputs()
            detail = f"internal error: {type(exc).__name__}: {exc}"
            self.say(f"{detail} (a bug in spread; `spread --debug build` shows where)",
                     {"event": "error", "message": detail, "where": "", "text": detail,
                      "exit_code": 3})
            return 3
        seconds = time.perf_counter() - start
        self.watch_inputs(result.page)
        outputs = [str(p) for p in result.outputs.values()]
        pictures = [p for p in outputs if p.endswith(".png")]
        self.say(f"built in {seconds:.2f} s: " + ", ".join(pictures or outputs)
                 + "".join(f"\nnote: {n}" for n in result.notes)
                 + "".join(f"\nwarning: {w}" for w in result.warnings),
                 {"event": "built", "seconds": round(seconds, 3), "outputs": outputs,
                  "notes": result.notes, "warnings": result.warnings})
        return 0

    def say(self, text: str, event: dict) -> None:
        stamp = time.strftime("%H:%M:%S")
        if self.as_json:  # one JSON object per line, for a tool following the stream
            print(json.dumps({"time": stamp, **event}, ensure_ascii=False), flush=True)
        else:
            print(f"[{stamp}] {text}", flush=True)


def picture_files(content_path: str) -> list[str]:
    """The picture files a content file names, relative to its folder; none when the
    content does not read."""
    from spread import content

    try:
        pictures = content.load(content_path).every_picture()
    except SpreadError:
        return []
    base = Path(content_path).resolve().parent
    return sorted({str(base / pic.file) for pic in pictures if pic.file})


def edition_files(content_path: str) -> list[str]:
    """The files that choose a content file's layout when no --layout is given, as
    edition.layout_for looks for them: edition.yaml, then layout/default.yaml, in the
    content's folder and each above it up to the first that is there — the ones missing too,
    so one written nearer the content is seen."""
    from spread.edition import DEFAULT_LAYOUT, EDITION_FILE

    start = Path(content_path).parent
    out = []
    for folder in (start, *Path(os.path.abspath(start)).parents):
        for candidate in (folder / EDITION_FILE, folder / DEFAULT_LAYOUT):
            out.append(str(candidate))
            if os.path.lexists(candidate):
                return out
    return out


def profile_file(layout_path: str) -> list[str]:
    """The printer's ICC profile the layout names, as the build resolves it; none when it
    names none or does not read."""
    from spread import template

    try:
        profile = template.load(layout_path).output.profile
    except SpreadError:
        return []
    return [str(Path(layout_path).resolve().parent / profile)] if profile else []


def font_files(layout_path: str) -> list[str]:
    """The font files a layout names, resolved as the build resolves them; none when the
    layout does not read (the build will say why)."""
    from spread import template

    try:
        layout = template.load(layout_path)
    except SpreadError:
        return []
    base = Path(layout_path).resolve().parent
    return sorted({str(base / spec.file) if not os.path.isabs(spec.file) else spec.file
                   for chain in layout.fonts.values() for spec in chain})

