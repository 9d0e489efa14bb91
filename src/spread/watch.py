"""`spread watch`: rebuild whenever the content, the layout or a font changes.

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
                 interval: float = 0.5, as_json: bool = False, strict: bool = False):
        self.content, self.layout, self.out = content, layout, out
        self.renditions = renditions
        self.interval = interval
        self.as_json = as_json
        self.strict = strict
        self.files: dict[str, Seen] = {}
        self.paths: list[str] = []

    def watch_inputs(self) -> None:
        """The content, the layout, the font files the layout names and the pictures the
        content shows: found again after each build, since either file may name others now."""
        self.paths = [self.content, self.layout, *font_files(self.layout),
                      *picture_files(self.content)]
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
        self.watch_inputs()
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

