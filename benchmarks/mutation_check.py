"""A small mutation check of spread.check: each mutant changes one comparison, tolerance or
matrix in a copy of the checkout, and the preflight tests must fail on it.

    python benchmarks/mutation_check.py            # every mutant
    python benchmarks/mutation_check.py 3 7        # mutants 3 and 7

Prints one line a mutant (caught or SURVIVED, which test caught it) and exits 1 when any
survives. Not part of the suite: it runs the preflight tests once a mutant (minutes).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECK = "src/spread/check"
FAST = ["tests/test_preflight.py"]
HOSTILE = ["tests/test_hostile_pdf.py"]

# (what the mutant does, file under src/spread/check, text, replacement, tests to run)
MUTANTS = [
    ("ink tolerance 0.5 → 1.0 %", "preflight/rules/ink.py",
     "TOLERANCE = 0.5", "TOLERANCE = 1.0", FAST),
    ("ink limit compared with >= instead of >", "preflight/rules/ink.py",
     "return percent > limits.total_ink + TOLERANCE",
     "return percent >= limits.total_ink + TOLERANCE", FAST),
    ("image ppi: the higher direction instead of the lower", "preflight/rules/images.py",
     "ppi = min(width / wide, height / high)", "ppi = max(width / wide, height / high)", FAST),
    ("type size from the matrix's horizontal scale", "preflight/interpreter.py",
     "size = gs.size * math.hypot(trm[2], trm[3])",
     "size = gs.size * math.hypot(trm[0], trm[1])", FAST),
    ("cm ignored", "preflight/interpreter.py",
     "gs.ctm = mul(_matrix(args), gs.ctm)", "gs.ctm = gs.ctm", FAST),
    ("Tm ignored", "preflight/interpreter.py",
     "at.tm = at.tlm = _matrix(args)", "at.tm = at.tlm = IDENTITY", FAST),
    ("type-size minimum compared the wrong way at the boundary", "preflight/rules/sizes.py",
     "if size >= least - 0.005:", "if size > least + 0.005:", FAST),
    ("overprint judged by boxes only", "preflight/context.py",
     "if bound <= above:", "if True:", FAST),
    ("OPM ignored: overprint always spares unpainted inks", "preflight/interpreter.py",
     "if opm == 1 and space is CMYK:", "if space is CMYK:", FAST),
    ("knockout black text not named", "preflight/rules/overprint.py",
     "    if p.kind == \"text\":\n        _black_text(page, p)", "    pass", FAST),
    ("ToUnicode U+FFFD not named", "preflight/rules/fonts.py",
     "        if lost:", "        if False:", FAST),
    ("the stroke width ignores the CTM", "preflight/interpreter.py",
     "width = gs.line_width * area_scale(gs.ctm)", "width = gs.line_width", FAST),
    ("the box rules unregistered", "preflight/rules/__init__.py",
     "RULES = (structure, boxes,", "RULES = (structure,", FAST),
    ("repairs ignored: a truncated file checked as if whole", "reading.py",
     "        if warnings:\n            shown", "        if False:\n            shown", HOSTILE),
    ("no cap on a stream's decoded size", "reading.py",
     "    if size > MAX_STREAM_BYTES:\n        raise source.too_large(",
     "    if False:\n        raise source.too_large(", HOSTILE),
]


def run(number: int, mutant, scratch: Path) -> tuple[bool, str]:
    what, name, old, new, tests = mutant
    copy = scratch / f"m{number}"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".venv", ".git", "out", "__pycache__", "*.egg-info", ".pytest_cache"))
    target = copy / CHECK / name
    text = target.read_text(encoding="utf-8")
    if text.count(old) != 1:
        return False, f"the mutant's text is not in {name} exactly once"
    target.write_text(text.replace(old, new), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(copy / "src")}
    done = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p",
                           "no:cacheprovider", *tests], cwd=copy, env=env,
                          capture_output=True, text=True)
    shutil.rmtree(copy, ignore_errors=True)
    failed = re.findall(r"^FAILED (\S+)", done.stdout, re.M)
    return done.returncode != 0, failed[0] if failed else done.stdout.strip()[-200:]


def main(argv: list[str]) -> int:
    chosen = [int(a) for a in argv] or list(range(1, len(MUTANTS) + 1))
    survived = 0
    with tempfile.TemporaryDirectory() as scratch:
        for number in chosen:
            caught, how = run(number, MUTANTS[number - 1], Path(scratch))
            survived += not caught
            print(f"{number:2} {'caught' if caught else 'SURVIVED':8} "
                  f"{MUTANTS[number - 1][0]}: {how}", flush=True)
    print(f"{len(chosen) - survived} of {len(chosen)} mutants caught")
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
