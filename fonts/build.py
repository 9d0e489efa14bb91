#!/usr/bin/env python3
"""Rebuild the bundled CJK fonts from their Debian packages.

    apt-get install fonts-noto-cjk fonts-noto-cjk-extra fonts-lxgw-wenkai
    python fonts/build.py [--text FILE ...]

Each font is subset to the whole 通用规范汉字表 (2013, 8,105 characters, in
src/spread/fonts/tables/) + GB 2312 (+ every character of the --text files),
and the body 宋 and the 黑 to all of GBK besides, plus whatever the source has
of the Unicode blocks in BLOCKS (Latin of any European language and pinyin,
punctuation, signs, units, symbols, CJK marks and forms); accented letters the
source lacks are built from its own letters and accents (compose_accented), and
superscripts and subscripts it lacks (CO₂, 10⁸) from its own figures, signs and
letters, scaled and raised as its own superior figures are (compose_scripts);
its quotes are made full width, and CFF outlines are converted to TrueType so
ReportLab can embed it.
Writes the .ttf files, manifest.yaml and OFL.txt next to this script.  The
output is byte-for-byte reproducible for the same package versions.
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import subprocess
import sys
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import fontTools
import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))  # run from a checkout

from fontTools.unicodedata import Blocks  # noqa: E402

from spread.fonts.convert import (  # noqa: E402
    cff_to_truetype,
    compose_accented,
    compose_scripts,
    fullwidth_quotes,
    list_faces,
    open_face,
    save_deterministic,
    subset,
)
from spread.files import file_sha256  # noqa: E402
from spread.fonts import standards  # noqa: E402

DEFAULT_TEXTS = [Path(__file__).resolve().parent.parent / "content.yaml"]

LICENCE = "SIL Open Font License 1.1 (OFL-1.1)"
# where src/spread/fonts/tables/tongyong-guifan-2013.txt was taken from, verbatim; it agrees
# character for character with kitty-panics/cn-tables 通用规范汉字表.txt (3a140fb)
TONGYONG_SOURCE = ("https://github.com/NightFurySL2001/cjktables/blob/"
                   "3081fe1d8b486702569d16852e8ea9611fbcba4c/china/standard/tongyong_guifan.txt")


@dataclass(frozen=True)
class Spec:
    role: str
    packages: tuple[str, ...]   # where to look for the source file
    source: str                 # preferred file name (or fnmatch pattern)
    face: str | None            # collection member, chosen by name
    stem: str                   # output name: f"{stem}-{weight}.ttf"
    heaviest: bool = False      # pick the heaviest matching file instead
    gbk: bool = False           # cover GBK too (the body and the 黑: names, places)


SPECS = [
    # Body 宋: the SC member, picked by name (member order is not stable).
    Spec("song", ("fonts-noto-cjk",), "NotoSerifCJK-Regular.ttc",
         "Noto Serif CJK SC", "NotoSerifSC", gbk=True),
    # Display 宋: Black lives in -extra; else the heaviest Serif weight found.
    Spec("song_heavy", ("fonts-noto-cjk-extra", "fonts-noto-cjk"),
         "NotoSerifCJK-*.ttc", "Noto Serif CJK SC", "NotoSerifSC", heaviest=True),
    # 黑 for heads and figures.
    Spec("hei", ("fonts-noto-cjk",), "NotoSansCJK-Bold.ttc",
         "Noto Sans CJK SC", "NotoSansSC", gbk=True),
    # 楷 for kickers and captions (already TrueType).
    Spec("kai", ("fonts-lxgw-wenkai",), "LXGWWenKai-Regular.ttf",
         None, "LXGWWenKai"),
]

# Beyond the hanzi standards, whole Unicode blocks (as fontTools names them):
# the Latin of names in any European language and pinyin/Vietnamese tone marks,
# the punctuation, signs, units and symbols news text meets, and the CJK
# marks and forms Chinese layout needs.  Each face keeps what its source has.
BLOCKS = (
    "Basic Latin", "Latin-1 Supplement", "Latin Extended-A", "Latin Extended-B",
    "IPA Extensions",                    # pinyin ɑ ɡ
    "Spacing Modifier Letters",          # ˇ ˉ ˊ ˋ ˙ tone marks
    "Combining Diacritical Marks",       # ê̄ ê̌ (no precomposed form)
    "Greek and Coptic", "Cyrillic", "Latin Extended Additional",
    "General Punctuation", "Superscripts and Subscripts", "Currency Symbols",
    "Letterlike Symbols", "Number Forms", "Arrows", "Mathematical Operators",
    "Enclosed Alphanumerics", "Geometric Shapes", "Miscellaneous Symbols",
    "Dingbats", "Supplemental Punctuation",
    "CJK Symbols and Punctuation", "Enclosed CJK Letters and Months",
    "CJK Compatibility",                 # ㎡ ㎞ ㎏
    "Vertical Forms", "CJK Compatibility Forms", "Small Form Variants",
    "Halfwidth and Fullwidth Forms",
)


def block_ranges() -> dict[str, tuple[int, int]]:
    """Each of BLOCKS with its first and last code point."""
    starts, names = Blocks.RANGES, Blocks.VALUES
    ranges = {name: (start, (starts[i + 1] if i + 1 < len(starts) else 0x110000) - 1)
              for i, (start, name) in enumerate(zip(starts, names))}
    return {name: ranges[name] for name in BLOCKS}


def assigned(block: str) -> list[int]:
    """The block's assigned graphic characters (the denominator of the counts)."""
    lo, hi = block_ranges()[block]
    return [cp for cp in range(lo, hi + 1)
            if unicodedata.category(chr(cp)) not in ("Cn", "Cc", "Cs", "Co")]


# --------------------------------------------------------------------------
# Character set
# --------------------------------------------------------------------------

def charset(texts: list[Path], gbk: bool) -> tuple[list[int], str, list[int]]:
    """Requested code points, the characters only the texts add, and the code
    points that must be there (the standards and the texts; of BLOCKS a face
    keeps what its source has)."""
    required = set(standards.tongyong_guifan()) | standards.gb2312()
    if gbk:
        required |= standards.gbk()
    blocks = {chr(cp) for block in BLOCKS for cp in assigned(block)}
    from_texts = set()
    for path in texts:
        from_texts.update(path.read_text(encoding="utf-8"))
    # Control characters (newlines, BOM, ...) have no glyphs to keep.
    from_texts = {c for c in from_texts
                  if unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp")}
    extra = "".join(sorted(from_texts - required - blocks))
    return (sorted(ord(c) for c in required | blocks | from_texts), extra,
            sorted(ord(c) for c in required | from_texts))


# --------------------------------------------------------------------------
# Debian sources
# --------------------------------------------------------------------------

def dpkg(*args: str) -> str:
    return subprocess.run(["dpkg-query", *args], check=True, text=True,
                          capture_output=True).stdout


def package_files(package: str) -> list[Path]:
    try:
        listing = dpkg("-L", package)
    except subprocess.CalledProcessError:
        return []
    return [Path(line) for line in listing.splitlines()
            if line.lower().endswith((".ttf", ".otf", ".ttc", ".otc"))]


def find_source(spec: Spec) -> Path:
    found = [p for pkg in spec.packages for p in package_files(pkg)
             if fnmatch.fnmatchcase(p.name, spec.source)]
    if not found:
        sys.exit(f"{spec.role}: no {spec.source} in {', '.join(spec.packages)};"
                 " apt-get install fonts-noto-cjk fonts-noto-cjk-extra"
                 " fonts-lxgw-wenkai")
    if not spec.heaviest:
        return found[0]
    # Heaviest = highest OS/2 weight class of the wanted face; ties by path.
    def weight(path: Path) -> tuple[int, str]:
        with open_face(path, spec.face, lazy=True) as font:
            return font["OS/2"].usWeightClass, str(path)
    return max(found, key=weight)


def owning_package(path: Path) -> tuple[str, str]:
    package = dpkg("-S", str(path)).split(":", 1)[0].strip()
    version = dpkg("-W", "-f=${Version}", package).strip()
    return package, version


def debian_copyright(package: str) -> dict:
    """Source URL, "Files: *" copyright lines and the OFL text (DEP-5)."""
    text = Path(f"/usr/share/doc/{package}/copyright").read_text(encoding="utf-8")
    paragraphs = []
    for block in text.split("\n\n"):
        fields: dict[str, list[str]] = {}
        key = None
        for line in block.splitlines():
            if line.startswith((" ", "\t")) and key:
                fields[key].append(line[1:])           # continuation line
            elif ":" in line:
                key, value = line.split(":", 1)
                fields[key] = [value.strip()] if value.strip() else []
        if fields:
            paragraphs.append(fields)
    header = paragraphs[0]
    files_all = next(p for p in paragraphs if p.get("Files") == ["*"])
    licence_name = files_all["License"][0]
    licence = next(p for p in paragraphs
                   if p.get("License", [""])[0] == licence_name and "Files" not in p)
    body = ["" if line.strip() == "." else line for line in licence["License"][1:]]
    while body and not body[-1].strip():
        body.pop()
    return {
        "source_url": header.get("Source", [""])[0],
        "copyright": [c.strip() for c in files_all["Copyright"] if c.strip()],
        "licence": "\n".join(body) + "\n",
    }




# --------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------

def build_one(spec: Spec, source: Path, codepoints: list[int],
              required: list[int]) -> dict:
    """Convert one font; returns its manifest entry (minus Debian data)."""
    started = time.perf_counter()
    font = open_face(source, spec.face)
    name = font["name"]
    face = next(f for f in list_faces(source)
                if f.full_name == name.getDebugName(4))
    upstream_version = name.getDebugName(5)
    copyright_notice = (name.getDebugName(0) or "").splitlines()
    family = name.getDebugName(16) or name.getDebugName(1)
    weight = name.getDebugName(17) or name.getDebugName(2)
    weight_class = font["OS/2"].usWeightClass

    report = fullwidth_quotes(font)          # needs GSUB: before subset()
    available = font.getBestCmap()
    wanted = [c for c in codepoints if c in available]
    subset(font, wanted)
    cff_to_truetype(font)
    composed = compose_accented(font, codepoints)
    scripts = compose_scripts(font, codepoints)
    have = set(font.getBestCmap())
    missing = "".join(chr(c) for c in required if c not in have)

    out = HERE / f"{spec.stem}-{weight.replace(' ', '')}.ttf"
    save_deterministic(font, out)
    font.close()

    adjustments = []
    for r in report:
        if r["action"] in ("fwid", "synthesized"):
            adjustments.append(
                f"{r['codepoint']} {r['char']} {r['glyph']} ({r['advance']}) -> "
                f"{r['new_glyph']} ({r['new_advance']}) via {r['action']}")
        elif r["action"] == "report-only":
            adjustments.append(f"{r['codepoint']} {r['char']} advance "
                               f"{r['advance']} (left as is)")
    adjustments += [f"{a['codepoint']} {a['char']} composed: {a['base']} + the accent of "
                    f"{a['donor']}" for a in composed]
    adjustments += [f"{a['codepoint']} {a['char']} composed: {a['base']} scaled {a['width']:.4f} "
                    f"across, {a['scale']:.4f} up, moved ({a['dx']}, {a['dy']}), advance "
                    f"{a['advance']} ({a['source']})" for a in scripts]
    return {
        "role": spec.role,
        "file": out.name,
        "family": family,
        "weight": weight,
        "weight_class": weight_class,
        "source_path": str(source),
        "source_face": f"{face.index}: {face.full_name}",
        "upstream_version": upstream_version,
        "copyright_notice": copyright_notice,
        "adjustments": adjustments,
        "missing_chars": missing,
        "seconds": round(time.perf_counter() - started, 1),
    }


def finish_entry(entry: dict) -> dict:
    """Add hashes, counts and Debian provenance to a build_one() result."""
    from fontTools.ttLib import TTFont

    out = HERE / entry["file"]
    source = Path(entry["source_path"])
    package, version = owning_package(source)
    debian = debian_copyright(package)
    with TTFont(out) as font:
        chars = len(font.getBestCmap())
        glyphs = font["maxp"].numGlyphs
        upem = font["head"].unitsPerEm
    return {
        "role": entry["role"],
        "file": entry["file"],
        "family": entry["family"],
        "weight": entry["weight"],
        "weight_class": entry["weight_class"],
        "source": {
            "package": package,
            "package_version": version,
            "path": str(source),
            "face": entry["source_face"],
            "sha256": file_sha256(source),
            "upstream": debian["source_url"],
            "upstream_version": entry["upstream_version"],
        },
        "licence": LICENCE,
        "copyright": entry["copyright_notice"],
        "sha256": file_sha256(out),
        "size_bytes": out.stat().st_size,
        "chars": chars,
        "glyphs": glyphs,
        "coverage": coverage(out),
        "blocks": block_coverage(out),
        "units_per_em": upem,
        "outlines": "TrueType (glyf), unhinted",
        "adjustments": entry["adjustments"],
        "missing_chars": entry["missing_chars"],
    }


def write_ofl(entries: list[dict]) -> None:
    """OFL.txt: every copyright line (font name table + Debian) + licence."""
    notices: list[str] = []
    licences = []
    for e in sorted(entries, key=lambda e: e["file"]):
        debian = debian_copyright(e["source"]["package"])
        licences.append(debian["licence"])
        lines = [f"{e['family']} {e['weight']} ({e['file']}):"]
        lines += [f"  {line}" for line in e["copyright"]]
        lines += [f"  Copyright {c}  [Debian {e['source']['package']} copyright file]"
                  for c in debian["copyright"]]
        lines += [f"  Source: {e['source']['upstream']}"]
        notices.append("\n".join(lines))
    # The packages must agree on the licence text we reproduce.
    normalised = {" ".join(t.split()) for t in licences}
    if len(normalised) != 1:
        sys.exit("Debian packages disagree on the OFL text; check by hand")
    text = (
        "The fonts in this directory are subsets, converted to TrueType\n"
        "outlines, of the fonts named below (Modified Versions under the OFL).\n\n"
        + "\n\n".join(notices)
        + "\n\nThis Font Software is licensed under the SIL Open Font License,"
          " Version 1.1.\nThis license is copied below, and is also available"
          " with a FAQ at:\nhttps://openfontlicense.org\n\n"
        + licences[0]
    )
    (HERE / "OFL.txt").write_text(text, encoding="utf-8")


def coverage(path: Path) -> dict:
    """How much of each standard the built font covers: {standard: "have/of"}."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        have = {chr(cp) for cp in font.getBestCmap()}
    return {name: f"{len(chars & have)}/{len(chars)}"
            for name, chars in standards.standards().items()}


def block_coverage(path: Path) -> dict:
    """How much of each of BLOCKS the built font covers: {block: "have/assigned"}."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        have = set(font.getBestCmap())
    return {block: f"{len(have.intersection(cps))}/{len(cps)}"
            for block in BLOCKS for cps in [assigned(block)]}


def table_record() -> dict:
    """Where the 通用规范汉字表 file comes from, and its hash."""
    table = standards.TONGYONG_TABLE
    return {
        "file": str(table.relative_to(HERE.parent)),
        "source": TONGYONG_SOURCE,
        "sha256": file_sha256(table),
        "characters": len(standards.tongyong_guifan()),
        "levels": list(standards.TONGYONG_LEVELS),
        "beyond_bmp": sum(1 for c in standards.tongyong_guifan() if ord(c) > 0xFFFF),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", action="append", type=Path,
                        help="text whose characters must be covered "
                             "(default: the project's seed text)")
    parser.add_argument("-j", "--jobs", type=int, default=len(SPECS))
    args = parser.parse_args()
    texts = args.text if args.text is not None else [
        p for p in DEFAULT_TEXTS if p.exists()]

    started = time.perf_counter()
    charsets = {gbk: charset(texts, gbk) for gbk in (False, True)}
    sources = [find_source(spec) for spec in SPECS]
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        built = list(pool.map(build_one, SPECS, sources,
                              [charsets[spec.gbk][0] for spec in SPECS],
                              [charsets[spec.gbk][2] for spec in SPECS]))
    for b in built:
        composed = [a for a in b["adjustments"] if " composed: " in a]
        scripts = [a for a in composed if " scaled " in a]
        print(f"{b['role']:<11} {b['file']:<26} {b['seconds']:>6.1f}s  "
              + "; ".join(a for a in b["adjustments"] if a not in composed)
              + f"; {len(composed) - len(scripts)} accented letters and "
                f"{len(scripts)} super/subscripts composed")
    entries = sorted((finish_entry(b) for b in built), key=lambda e: e["role"])

    manifest = {
        "tongyong_guifan": table_record(),
        "charsets": {
            name: {
                "description": "通用规范汉字表 (all 8105) + GB 2312 (all 7445 codes) + "
                               + ("GBK (all 21791 codes of Python's 'gbk' codec) + "
                                  if gbk else "")
                               + "the assigned characters of the Unicode blocks below "
                                 "(each face keeps those its source has) + "
                                 "characters of the --text files",
                "roles": [spec.role for spec in SPECS if spec.gbk == gbk],
                "requested": len(codepoints),
                "sha256": hashlib.sha256(
                    "".join(map(chr, codepoints)).encode("utf-8")).hexdigest(),
                "extra_from_texts": extra,
            }
            for name, gbk in (("common", False), ("gbk", True))
            for codepoints, extra, _ in [charsets[gbk]]
        },
        "blocks": {
            "source": f"fontTools {fontTools.version} unicodedata.Blocks; assigned "
                      f"characters by Python's unicodedata {unicodedata.unidata_version}",
            "ranges": {block: f"U+{lo:04X}-U+{hi:04X}"
                       for block, (lo, hi) in block_ranges().items()},
        },
        "fonts": entries,
    }
    with open(HERE / "manifest.yaml", "w", encoding="utf-8") as fh:
        fh.write("# Generated by fonts/build.py; do not edit.\n")
        yaml.safe_dump(manifest, fh, allow_unicode=True, sort_keys=False,
                       width=100)
    write_ofl(entries)
    total = sum(e["size_bytes"] for e in entries)
    print(f"total {total / 1e6:.2f} MB in {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
