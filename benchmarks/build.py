"""How fast spread is where layout staff feel it. Prints figures; asserts nothing.

- cold build: `python -m spread build` of the default page in a new process (what a person
  waits for at the prompt), and that process's peak memory;
- warm rebuild: build() again in one process (what `spread watch` pays per change);
- batch: 20 copies of the page with -j 1 and -j 2.

Targets (issue 8, on the 2-core machine): cold ≤ 1.5 s, warm ≤ 0.3 s, peak RSS ≤ 250 MB,
-j 2 at least 1.7× -j 1. When one is missed, a profile of the warm build says where the
time goes.

    python benchmarks/build.py [--runs N] [--rendition print|all|...]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content.yaml"
LAYOUT = ROOT / "layout" / "default.yaml"
TARGETS = {"cold": 1.5, "warm": 0.3, "rss": 250.0, "speedup": 1.7}
BATCH = 20


def child(args: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float]:
    """Run `python -m spread ARGS`; its wall time (s) and peak resident memory (MB)."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "spread", *args], cwd=cwd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, **(env or {})})
    _, status, usage = os.wait4(process.pid, 0)  # this child's own rusage, not all children's
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"spread {' '.join(args)} failed: {process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024  # Linux reports kB


def cold(rendition: str, runs: int, work: Path) -> tuple[float, float]:
    times, peaks = [], []
    for i in range(runs):
        seconds, peak = child(["build", str(CONTENT), "--layout", str(LAYOUT), "-o",
                               str(work / f"cold{i}"), "--rendition", rendition], work)
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def first(rendition: str, work: Path) -> tuple[float, float]:
    """A cold build with an empty font cache: the first build on a new machine."""
    return child(["build", str(CONTENT), "--layout", str(LAYOUT), "-o", str(work / "first"),
                  "--rendition", rendition], work, {"SPREAD_CACHE": str(work / "cache")})


def warm(rendition: str, runs: int, work: Path) -> float:
    from spread.build import build
    from spread.cli import renditions

    names = renditions(rendition)
    build(str(CONTENT), str(LAYOUT), str(work / "warm"), names)  # imports, caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        build(str(CONTENT), str(LAYOUT), str(work / "warm"), names)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def batch(jobs: int, rendition: str, work: Path) -> float:
    folder = work / "batch"
    if not folder.exists():
        folder.mkdir()
        for i in range(BATCH):
            shutil.copy(CONTENT, folder / f"page{i:02}.yaml")
    files = sorted(str(p) for p in folder.glob("*.yaml"))
    seconds, _ = child(["build", *files, "--layout", str(LAYOUT), "-o", str(work / f"j{jobs}"),
                        "-j", str(jobs), "--rendition", rendition], work)
    return seconds


def profile(rendition: str, work: Path) -> str:
    from spread.build import build
    from spread.cli import renditions

    names = renditions(rendition)
    profiler = cProfile.Profile()
    profiler.enable()
    build(str(CONTENT), str(LAYOUT), str(work / "profile"), names)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(18)
    return out.getvalue()


def verdict(value: float, target: float, higher_is_better: bool = False) -> str:
    met = value >= target if higher_is_better else value <= target
    return "meets" if met else "MISSES"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rendition", default="print",
                        help="what each build makes (default print; all = every rendition)")
    args = parser.parse_args()
    print(f"spread build benchmark: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
          f"rendition {args.rendition}, median of {args.runs} runs")
    # other work on the machine skews the figures, the -j 2 speed-up most of all
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        first_s, first_rss = first(args.rendition, work)
        cold_s, rss = cold(args.rendition, args.runs, work)
        warm_s = warm(args.rendition, args.runs, work)
        j1 = batch(1, args.rendition, work)
        j2 = batch(2, args.rendition, work)
        speedup = j1 / j2
        rows = [
            ("cold build (new process)", f"{cold_s:.2f} s", "≤ 1.5 s", verdict(cold_s, 1.5)),
            ("warm rebuild (one process)", f"{warm_s:.3f} s", "≤ 0.3 s", verdict(warm_s, 0.3)),
            ("peak RSS of a cold build", f"{rss:.0f} MB", "≤ 250 MB", verdict(rss, 250)),
            ("first build, empty font cache", f"{first_s:.2f} s, {first_rss:.0f} MB", "", ""),
            (f"batch of {BATCH}, -j 1", f"{j1:.2f} s ({BATCH / j1:.1f} pages/s)", "", ""),
            (f"batch of {BATCH}, -j 2", f"{j2:.2f} s ({BATCH / j2:.1f} pages/s)", "", ""),
            ("-j 2 speed-up", f"{speedup:.2f}×", "≥ 1.7×", verdict(speedup, 1.7, True)),
        ]
        for name, value, target, met in rows:
            print(f"  {name:<30} {value:<24} {target:<10} {met}")
        if any(row[3] == "MISSES" for row in rows):
            print("\nwhere a warm build's time goes (cProfile, cumulative):")
            print(profile(args.rendition, work))


if __name__ == "__main__":
    main()
