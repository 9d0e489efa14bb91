"""Outputs are replaced atomically: concurrent builds into one folder leave one complete file
(one build's or the other's), never a mixture or a torn write, and no temporary files."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pikepdf

from conftest import CONTENT, LAYOUT
from spread.build import build


def test_two_concurrent_builds_into_one_folder_leave_a_whole_file(tmp_path):
    other = tmp_path / "b" / "content.yaml"  # same stem, different text: different bytes
    other.parent.mkdir()
    other.write_text(CONTENT.read_text(encoding="utf-8").replace("硕果满园", "硕果累累", 1),
                     encoding="utf-8")
    expected = set()
    for source, where in ((CONTENT, tmp_path / "ref-a"), (other, tmp_path / "ref-b")):
        made = build(str(source), str(LAYOUT), str(where), ("print",), check=False)
        expected.add(hashlib.sha256(made.outputs["print.pdf"].read_bytes()).hexdigest())
    out = tmp_path / "out"
    for _ in range(2):
        runs = [subprocess.Popen([sys.executable, "-m", "spread", "build", str(source),
                                  "--layout", str(LAYOUT), "--rendition", "print",
                                  "-o", str(out)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                for source in (CONTENT, other)]
        # read while waiting: a child whose warnings fill the pipe would wait for its reader
        said = [run.communicate(timeout=900)[1] for run in runs]
        assert [run.returncode for run in runs] == [0, 0], said
        written = out / "content.print.pdf"
        assert hashlib.sha256(written.read_bytes()).hexdigest() in expected
        with pikepdf.open(written) as pdf:
            assert len(pdf.pages) == 1
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []
