"""Shared fixtures: the repository's own content, layout and fonts, and one build of the
default page per test session (building is the slow part; reading back is cheap)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content.yaml"
LAYOUT = ROOT / "layout" / "default.yaml"
SEED = ROOT.parent / "shared" / "seed" / "000_e86f62651620673c.txt"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def default_build(tmp_path_factory):
    """The default page built once with every rendition; returns the BuildResult."""
    from spread.build import build
    from spread.renditions import RENDITIONS

    out = tmp_path_factory.mktemp("out")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return build(str(CONTENT), str(LAYOUT), str(out), tuple(RENDITIONS))
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="session")
def print_pdf(default_build) -> Path:
    return default_build.outputs["print.pdf"]
