#!/usr/bin/env python3
"""The font stage of a build with OpenType/CFF fonts: first with an empty cache, then again;
and with --compare REF, cold builds of the default page with this checkout's fonts and code
against those of git REF, side by side.

    .venv/bin/python benchmarks/fonts.py [--compare REF [--runs N]]

The default page is built with its 宋/黑 roles set in the Noto CJK collections (CFF outlines,
SC member chosen by name) when they are installed (Debian: fonts-noto-cjk), otherwise in a
generated CFF font covering the CJK block. The font stage is what a build does with fonts:
load the faces (hash, names, fsType), measure every character the page sets (coverage,
advance, ink blanks) and get each face's TrueType file for the characters it draws (CFF →
TrueType conversion, or the cache). Full build times are printed for context.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from spread import content as content_mod  # noqa: E402
from spread import template  # noqa: E402
from spread.build import load_fonts  # noqa: E402
from spread.layout import lay_out  # noqa: E402
from spread.page import TextRun  # noqa: E402

NOTO = Path("/usr/share/fonts/opentype/noto")
# role → (collection, member): the CFF faces a newsroom would use for the default roles
NOTO_ROLES = {
    "song": ("NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC"),
    "song_heavy": ("NotoSerifCJK-Black.ttc", "Noto Serif CJK SC Black"),
    "hei": ("NotoSansCJK-Bold.ttc", "Noto Sans CJK SC Bold"),
}


def cff_roles(folder: Path) -> dict[str, list[dict]]:
    """The layout fonts to benchmark: installed Noto CJK collections, else a generated font."""
    found = {role: [{"file": str(NOTO / file), "face": face}]
             for role, (file, face) in NOTO_ROLES.items() if (NOTO / file).exists()}
    if found:
        return found
    path = folder / "Generated-CJK.otf"
    generate_cff(path, [chr(cp) for cp in range(0x4E00, 0xA000)] + list(
        (ROOT / "content.yaml").read_text(encoding="utf-8")))
    return {"song": [{"file": str(path)}]}


def generate_cff(path: Path, chars: list[str]) -> None:
    """A CFF font with a curved outline per character, big enough to make conversion cost."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    cps = sorted({ord(c) for c in chars if not c.isspace()} | {0x20})
    names = [".notdef"] + [f"u{cp:X}" for cp in cps]
    strings = {}
    for i, name in enumerate(names):
        pen = T2CharStringPen(1000, None)
        for k in range(4):  # four rounded strokes, varied per glyph
            x, y = 100 + 200 * k, 100 + (i * 37 + k * 53) % 500
            pen.moveTo((x, y))
            pen.curveTo((x + 60, y + 200), (x + 120, y + 200), (x + 160, y))
            pen.lineTo((x + 120, y - 60))
            pen.curveTo((x + 100, y + 100), (x + 60, y + 100), (x + 40, y - 60))
            pen.closePath()
        strings[name] = pen.getCharString()
    fb = FontBuilder(1000, isTTF=False)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({cp: n for cp, n in zip(cps, names[1:])})
    fb.setupCFF("SpreadBench-Regular", {"FullName": "Spread Bench Regular"}, strings, {})
    fb.setupHorizontalMetrics({n: (1000, 100) for n in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "Spread Bench", "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    fb.save(str(path))


def font_stage(layout, layout_path: str, drawn: dict[str, dict[str, set[str]]],
               cache: Path) -> float:
    """Seconds for the font work of one build, with fresh objects on `cache`."""
    gc.collect()  # a real second build is a fresh process: no garbage of the first one
    start = time.perf_counter()
    fonts = load_fonts(layout, layout_path, cache)
    for role, chain in fonts.roles.items():
        for chars in drawn.get(role, {}).values():
            for ch in chars:  # what the composer asks of every character
                face = chain.face_for(ch)
                face.advance(ch)
                face.blank(ch)
        for face in chain.faces:  # what drawing asks: the file to embed
            face.truetype_for(drawn.get(role, {}).get(face.key, ()))
    return time.perf_counter() - start


def page_characters(content, layout, layout_path: str, cache: Path
                    ) -> dict[str, dict[str, set[str]]]:
    """role → face key → the characters the laid-out page draws with it."""
    page, _ = lay_out(content, layout, load_fonts(layout, layout_path, cache))
    out: dict[str, dict[str, set[str]]] = {}
    for run in page.items:
        if isinstance(run, TextRun):
            out.setdefault(run.style.font, {}).setdefault(run.face, set()).update(run.chars)
    return out


def cold_build(checkout: Path, work: Path) -> tuple[float, float, float]:
    """`spread build` of the default page with `checkout`'s code and fonts and an empty font
    cache: wall seconds, CPU seconds of the process and its peak memory (MB)."""
    env = {**os.environ, "PYTHONPATH": str(checkout / "src"), "SPREAD_CACHE": str(work / "c")}
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "spread", "build", "content.yaml", "--layout",
         "layout/default.yaml", "-o", str(work / "out"), "--rendition", "print"],
        cwd=checkout, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status:
        sys.exit(f"build in {checkout} failed: {process.stderr.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def compare(ref: str, runs: int) -> None:
    """Cold builds alternating between git `ref` and this checkout, so both meet the same
    machine load; medians of wall and CPU time, and peak memory."""
    with tempfile.TemporaryDirectory() as tmp:
        before = Path(tmp) / "before"
        before.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(before)], input=archive, check=True)
        figures: dict[str, list[tuple[float, float, float]]] = {ref: [], "this checkout": []}
        for i in range(runs):
            for label, checkout in ((ref, before), ("this checkout", ROOT)):
                figures[label].append(cold_build(checkout, Path(tmp) / f"{i}-{len(label)}"))
        for label, got in figures.items():
            fonts = sum(f.stat().st_size for f in ((before if label == ref else ROOT)
                                                   / "fonts").glob("*.ttf"))
            print(f"{label:>14}: cold build wall {statistics.median(g[0] for g in got):.2f} s,"
                  f" CPU {statistics.median(g[1] for g in got):.2f} s, peak "
                  f"{max(g[2] for g in got):.0f} MB  (fonts/ {fonts / 1e6:.1f} MB, {runs} runs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", metavar="REF", help="git ref to compare cold builds with")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.compare:
        compare(args.compare, args.runs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        spec = yaml.safe_load((ROOT / "layout" / "default.yaml").read_text(encoding="utf-8"))
        roles = cff_roles(tmp)
        for role, chain in spec["fonts"].items():  # absolute paths: the copy lives elsewhere
            spec["fonts"][role] = roles.get(role) or [
                {**f, "file": str((ROOT / "layout" / f["file"]).resolve())} for f in chain]
        spec["font_folders"] = [str(NOTO)]  # fonts come from the system's folder here
        layout_path = tmp / "layout.yaml"
        layout_path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
        layout = template.load(str(layout_path))
        content = content_mod.load(str(ROOT / "content.yaml"))
        drawn = page_characters(content, layout, str(layout_path), tmp / "scratch")

        for role, chain in roles.items():
            print(f"{role}: {Path(chain[0]['file']).name} [{chain[0].get('face', '')}], "
                  f"{sum(len(c) for c in drawn.get(role, {}).values())} characters")
        first = font_stage(layout, str(layout_path), drawn, tmp / "cache")
        second = font_stage(layout, str(layout_path), drawn, tmp / "cache")
        print(f"font stage, empty cache:  {first * 1000:8.1f} ms")
        print(f"font stage, second build: {second * 1000:8.1f} ms  ({first / second:.0f}× faster)")

        # whole builds, each in a process of its own as on the command line
        env = {**os.environ, "SPREAD_CACHE": str(tmp / "build-cache")}
        command = [sys.executable, "-m", "spread", "build", str(ROOT / "content.yaml"),
                   "--layout", str(layout_path), "-o", str(tmp / "out"), "--rendition", "print"]
        for label in ("empty cache", "second build"):
            start = time.perf_counter()
            subprocess.run(command, env=env, check=True, capture_output=True)
            print(f"whole `spread build`, {label + ':':14}"
                  f"{(time.perf_counter() - start) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
