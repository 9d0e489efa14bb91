"""`spread check CONTENT` says what `spread build` would warn of, short of drawing: the
layout's warnings (a region left mostly empty, a skeleton page) as `warning:` lines on
stderr and under "warnings" with --json; the lint's findings once, as its findings."""

from __future__ import annotations

import json
from pathlib import Path

from spread.cli import main


def _warnings(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("warning: ")]


def test_check_prints_the_warnings_a_build_prints(tmp_path, capsys):
    edition = tmp_path / "page"
    assert main(["init", str(edition)]) == 0
    content = str(edition / "content.yaml")
    capsys.readouterr()
    assert main(["build", content, "--rendition", "proof"]) == 0
    built = _warnings(capsys.readouterr().err)
    assert any("% empty" in w for w in built), built  # a skeleton: its regions empty
    assert main(["check", content]) == 0  # warnings do not fail a check, as a build
    checked = capsys.readouterr()
    assert _warnings(checked.err) == built
    assert "the content validates" in checked.out
    assert main(["--json", "check", content]) == 0
    said = json.loads(capsys.readouterr().out)
    assert ["warning: " + w for w in said["warnings"]] == built


def test_a_lint_finding_is_said_once_not_again_as_a_warning(tmp_path, capsys):
    edition = tmp_path / "page"
    assert main(["init", str(edition)]) == 0
    content = edition / "content.yaml"
    text = content.read_text(encoding="utf-8")
    assert "headline:" in text
    head = next(line for line in text.splitlines() if line.lstrip().startswith("headline:"))
    content.write_text(text.replace(head, head.split(":")[0] + ": 今天,明天"), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(content)]) == 1
    out = capsys.readouterr()
    assert "ascii-punctuation" in out.out
    assert not any("ascii-punctuation" in w for w in _warnings(out.err)), out.err
    assert _warnings(out.err)  # the layout's own warnings still said


def test_a_layout_checked_with_a_content_says_its_warnings(tmp_path, capsys):
    edition = tmp_path / "page"
    assert main(["init", str(edition), "--copy-layout"]) == 0
    layout = next(Path(edition, "layout").glob("*.yaml"))
    capsys.readouterr()
    assert main(["check", str(layout), "--content", str(edition / "content.yaml")]) == 0
    assert any("% empty" in w for w in _warnings(capsys.readouterr().err))
