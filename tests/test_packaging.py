"""The wheel: built from a copy of the checkout, installed into a new virtual environment, it
carries spread's layouts, fonts and starter content, and `spread init` + `spread build` work
from a folder that has nothing to do with the checkout.

Offline: the wheel is built without build isolation (setuptools comes with the test extras)
and installed without dependencies; the new environment borrows this one's dependencies
through a .pth file, which does not pull in this environment's editable spread."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pikepdf
import pytest

from spread import __version__, bundle
from spread.edition import layout_for

from conftest import CONTENT, LAYOUT, ROOT

# what the wheel is built from: the project files and the folders setup.py bundles
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "CHANGELOG.md",
           "content.yaml", "src", "layout", "fonts")


def run(*args, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                          timeout=900, env=env)  # only a hung process takes this long
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("checkout")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        elif path.is_file():
            shutil.copy2(path, source / name)
    out = tmp_path_factory.mktemp("wheel")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
        "--no-cache-dir", "-q", "-w", out, source, cwd=source)
    (built,) = out.glob("spread-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A new virtual environment with the wheel installed; returns its `spread` script."""
    venv = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=venv)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
        "--no-cache-dir", "-q", wheel, cwd=venv)
    purelib = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                       cwd=venv).stdout.strip())
    borrowed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"],
                *site.getsitepackages()}
    (purelib / "borrowed-dependencies.pth").write_text(
        "".join(f"{p}\n" for p in sorted(borrowed)), encoding="utf-8")
    return venv / "bin" / "spread"


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
