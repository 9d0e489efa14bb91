"""The wheel: built from a copy of the checkout, installed into a new virtual environment, it
carries spread's layouts, fonts and starter content, and `spread init` + `spread build` work
from a folder that has nothing to do with the checkout.

The wheel and its environment are built once per session (conftest: `wheel`, `installed`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pikepdf

from spread import __version__, bundle
from spread.edition import layout_for

from conftest import CONTENT, LAYOUT, ROOT, run


def test_the_wheel_carries_the_layouts_fonts_and_starter_content(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    bundled = {n.removeprefix("spread/_bundle/") for n in names
               if n.startswith("spread/_bundle/")}
    expected = {p.relative_to(ROOT).as_posix() for folder in ("layout", "fonts")
                for p in (ROOT / folder).rglob("*") if p.is_file() and p.suffix != ".py"
                and "__pycache__" not in p.parts}
    assert bundled == expected | {"content.yaml"}
    assert f"spread-{__version__}.dist-info/METADATA" in names
    package = ROOT / "src" / "spread"
    shipped = {f"spread/{p.relative_to(package).as_posix()}" for p in package.rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    assert shipped <= names  # modules and the data files beside them (tables and the like)


def test_installed_spread_inits_and_builds_from_any_folder(installed, tmp_path):
    env = {**os.environ, "SPREAD_CACHE": str(tmp_path / "cache")}
    elsewhere = tmp_path / "desk"
    elsewhere.mkdir()
    assert run(installed, "--version", cwd=elsewhere).stdout.strip() == f"spread {__version__}"
    run(installed, "init", "mypage", cwd=elsewhere, env=env)
    assert (elsewhere / "mypage" / "edition.yaml").read_text(encoding="utf-8").endswith(
        "\nlayout: default\n")  # the installed layout, by name
    run(installed, "build", "mypage/content.yaml", "--rendition", "print", cwd=elsewhere,
        env=env)
    with pikepdf.open(elsewhere / "mypage" / "out" / "content.print.pdf") as pdf:
        assert len(pdf.pages) == 1
    run(installed, "init", "--copy-layout", "own", cwd=elsewhere, env=env)
    layout = (elsewhere / "own" / "layout" / "default.yaml").read_text(encoding="utf-8")
    assert str(ROOT) not in layout  # the fonts named are the installed ones
    assert "spread/_bundle/fonts/NotoSerifSC-Regular.ttf" in layout
    run(installed, "build", "--rendition", "print", cwd=elsewhere / "own", env=env)
    assert (elsewhere / "own" / "out" / "content.print.pdf").is_file()
    # spread's own page, from the bundle: its content and layout by name
    shutil.copy(bundle_content(installed), elsewhere / "page.yaml")
    run(installed, "build", "page.yaml", "--layout", "default", "--rendition", "print",
        cwd=elsewhere, env=env)
    assert (elsewhere / "out" / "page.print.pdf").is_file()


def bundle_content(script: Path) -> Path:
    """The starter content inside the installed package."""
    python = script.parent / "python"
    where = subprocess.run([python, "-c", "from spread import bundle; print(bundle.root())"],
                           capture_output=True, text=True, check=True).stdout.strip()
    assert "_bundle" in where and str(ROOT) not in where
    return Path(where) / "content.yaml"


def test_a_checkout_is_its_own_bundle():
    """An editable install (this test run's) reads the checkout's top-level folders."""
    if not (Path(bundle.__file__).parent / "_bundle").is_dir():
        assert bundle.root() == ROOT
    assert set(bundle.layouts()) >= {"default", "tabloid-spread"}
    assert bundle.layouts()["default"].read_bytes() == LAYOUT.read_bytes()
    assert (bundle.root() / "content.yaml").read_bytes() == CONTENT.read_bytes()


def test_the_repository_page_finds_its_layout_as_before(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert layout_for("content.yaml") == "layout/default.yaml"
    assert layout_for("content.yaml", "layout/tabloid-spread.yaml") == \
        "layout/tabloid-spread.yaml"
    assert layout_for("content.yaml", "tabloid-spread") == \
        str(bundle.layouts()["tabloid-spread"])
