"""The edition record: written by build beside the outputs, deterministic, and `verify`
rebuilding from it to report identical or exactly which files differ."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from conftest import CONTENT, LAYOUT, ROOT
from spread import __version__
from spread.build import build
from spread.manifest import path_for
from spread.verify import verify
from spread.renditions import RENDITIONS


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _checkout(root: Path) -> Path:
    """A copy of the repository's inputs: content and layout copied, fonts linked."""
    (root / "layout").mkdir(parents=True)
    shutil.copy(CONTENT, root / "content.yaml")
    shutil.copy(LAYOUT, root / "layout" / "default.yaml")
    (root / "fonts").symlink_to(ROOT / "fonts", target_is_directory=True)
    return root


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    """A checkout built with every rendition; returns (checkout, BuildResult)."""
    root = _checkout(tmp_path_factory.mktemp("edition"))
    result = build(str(root / "content.yaml"), str(root / "layout" / "default.yaml"),
                   str(root / "out"), tuple(RENDITIONS))
    return root, result


def test_build_writes_the_record_beside_the_outputs(edition):
    root, result = edition
    record_path = path_for(root / "out", root / "content.yaml")
    assert record_path == root / "out" / "content.manifest.json"
    record = json.loads(record_path.read_text(encoding="utf-8"))
    assert record["spread"] == __version__
    assert record["renditions"] == list(RENDITIONS)
    inputs = {item["path"]: item for item in record["inputs"]}
    assert inputs["../content.yaml"]["sha256"] == _sha256(root / "content.yaml")
    assert inputs["../layout/default.yaml"]["sha256"] == _sha256(root / "layout/default.yaml")
    fonts = {p for p, item in inputs.items() if item["kind"] == "font"}
    assert fonts == {f"../fonts/{p.name}" for p in (ROOT / "fonts").glob("*.ttf")}
    for path in fonts:
        assert inputs[path]["sha256"] == _sha256(root / "out" / path)
        assert "SIL Open Font License" in inputs[path]["licence"]
    assert set(record["outputs"]) == {p.name for p in result.outputs.values()}
    for path in result.outputs.values():
        assert record["outputs"][path.name]["sha256"] == _sha256(path)
    archive = record["outputs"]["content.archive.pdf"]["declares"]
    assert archive["standard"] == ["PDF/A-2B"] and archive["colour_spaces"] == ["DeviceRGB"]
    assert [i["subtype"] for i in archive["output_intents"]] == ["GTS_PDFA1"]


def test_record_and_every_output_repeat_byte_for_byte(edition):
    root, _ = edition
    again = root / "again"
    build(str(root / "content.yaml"), str(root / "layout" / "default.yaml"), str(again),
          tuple(RENDITIONS))
    first = (root / "out" / "content.manifest.json").read_bytes()
    assert (again / "content.manifest.json").read_bytes() == first
    text = first.decode("utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2,
                              sort_keys=True) + "\n"


def test_verify_an_unchanged_checkout_is_identical(edition):
    root, _ = edition
    result = verify(root / "out" / "content.manifest.json")
    assert result.identical, result.format()
    assert result.to_dict()["identical"] is True


def test_verify_names_the_edited_content_and_every_output(edition, tmp_path):
    root, result = edition
    copy = tmp_path / "copy"
    shutil.copytree(root, copy, symlinks=True)
    content = copy / "content.yaml"
    text = content.read_text(encoding="utf-8")
    assert "五年秉持初心" in text
    content.write_text(text.replace("五年秉持初心", "六年秉持初心", 1), encoding="utf-8")
    found = verify(copy / "out" / "content.manifest.json")
    assert not found.identical
    changed = {(d.kind, d.path) for d in found.differences}
    outputs = {p.name for p in result.outputs.values()}
    assert changed == {("content", "../content.yaml")} | {("output", n) for n in outputs}
    assert "content ../content.yaml: changed" in found.format()


def test_verify_names_a_stored_output_that_was_altered(edition, tmp_path):
    root, _ = edition
    copy = tmp_path / "copy"
    shutil.copytree(root, copy, symlinks=True)
    archive = copy / "out" / "content.archive.pdf"
    archive.write_bytes(archive.read_bytes().replace(b"%%EOF", b"%%EOF\n%", 1))
    found = verify(copy / "out" / "content.manifest.json")
    assert [(d.kind, d.path, d.why) for d in found.differences] == [
        ("stored", "content.archive.pdf", "changed")]


def test_verify_rebuilds_with_the_recorded_source_date_epoch(tmp_path, monkeypatch):
    root = _checkout(tmp_path / "epoch")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1638316800")
    build(str(root / "content.yaml"), str(root / "layout" / "default.yaml"), str(root / "out"),
          ("archive",))
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    found = verify(root / "out" / "content.manifest.json")
    assert found.identical, found.format()
