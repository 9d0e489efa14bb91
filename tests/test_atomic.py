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


def test_write_atomically_replaces_a_link_and_leaves_the_file_it_led_to(tmp_path):
    """Written plain: a symbolic link at the target is replaced by the new file; the file
    it led to (someone else's) keeps its bytes."""
    from spread.files import write_atomically

    other = tmp_path / "other.json"
    other.write_bytes(b"theirs")
    link = tmp_path / "s.json"
    link.symlink_to(other)
    write_atomically(link, b"ours")
    assert not link.is_symlink() and link.read_bytes() == b"ours"
    assert other.read_bytes() == b"theirs"


def test_schema_written_to_a_link_replaces_the_link_not_the_file(tmp_path):
    from spread import cli

    other = tmp_path / "notes.txt"
    other.write_bytes(b"not a schema")
    link = tmp_path / "content.schema.json"
    link.symlink_to(other)
    assert cli.main(["schema", "content", "-o", str(link)]) == 0
    assert not link.is_symlink() and b'"$schema"' in link.read_bytes()
    assert other.read_bytes() == b"not a schema"


def test_check_fix_through_a_link_fixes_the_file_it_leads_to_and_keeps_the_link(tmp_path):
    from spread import cli

    shared = tmp_path / "shared.yaml"
    text = CONTENT.read_text(encoding="utf-8")
    assert "headline: 画说工会这五年\n" in text
    slip = text.replace("headline: 画说工会这五年\n", "headline: 画说工会这五年,好\n", 1)
    shared.write_text(slip, encoding="utf-8")
    link = tmp_path / "content.yaml"
    link.symlink_to(shared)
    assert cli.main(["check", str(link), "--fix", "--layout", str(LAYOUT)]) == 0
    assert link.is_symlink()
    assert "headline: 画说工会这五年，好\n" in shared.read_text(encoding="utf-8")
