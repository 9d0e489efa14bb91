"""Figures for `spread check` on a written page and on files at and past its bounds: wall
and CPU seconds and peak memory of `python -m spread check FILE`, one child process each.

    python benchmarks/check.py

The files: the default page's print.pdf; the same page repeated on 60 pages (inside the
operator bound) and on 500 pages (past the page bound); a Flate bomb (2 MB inflating to
2 GiB); 500 blank pages. Prints one line a file: exit code, seconds, peak MiB, message.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import pikepdf

ROOT = Path(__file__).resolve().parent.parent


def repeated(page_pdf: Path, pages: int) -> bytes:
    with pikepdf.open(page_pdf) as pdf:
        for _ in range(pages - 1):
            pdf.pages.append(pdf.pages[0])
        buf = io.BytesIO()
        pdf.save(buf)
        return buf.getvalue()


def bomb() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    deflate = zlib.compressobj(9)
    data = b"".join(deflate.compress(b" " * (1 << 20)) for _ in range(2048)) + deflate.flush()
    stream = pikepdf.Stream(pdf, b"")
    stream.write(data, filter=pikepdf.Name.FlateDecode)
    pdf.pages[0].obj.Contents = pdf.make_indirect(stream)
    buf = io.BytesIO()
    pdf.save(buf, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return buf.getvalue()


def blank(pages: int) -> bytes:
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page()
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def measure(path: Path) -> tuple[int, float, float, float, str]:
    """Exit code, wall and CPU seconds, peak MiB and the verdict of one check."""
    log = path.with_suffix(".log")
    start = time.perf_counter()
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "spread", "check", str(path)],
                                stdout=out, stderr=out)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    said = log.read_text().strip().splitlines()
    line = next((s for s in said if "too large" in s or "damaged" in s or "FAILED" in s
                 or "ok:" in s), said[-1] if said else "")
    return (os.waitstatus_to_exitcode(status), wall, usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024, line)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        subprocess.run([sys.executable, "-m", "spread", "build", "-o", str(folder),
                        "--rendition", "print"], cwd=ROOT, check=True, capture_output=True)
        page = folder / "content.print.pdf"
        files = {"default page": page.read_bytes(), "60 pages": repeated(page, 60),
                 "500 pages": repeated(page, 500), "Flate bomb": bomb(),
                 "500 blank pages": blank(500)}
        print(f"{'file':16} {'size':>9} {'exit':>4} {'wall s':>7} {'cpu s':>6} {'peak MiB':>8}")
        for name, data in files.items():
            path = folder / f"{name.replace(' ', '-')}.pdf"
            path.write_bytes(data)
            code, wall, cpu, peak, line = measure(path)
            print(f"{name:16} {len(data):>9,} {code:>4} {wall:>7.2f} {cpu:>6.2f} "
                  f"{peak:>8.0f}  {line.split(': ', 1)[-1][:70]}", flush=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
