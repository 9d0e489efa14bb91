"""Each dependency stays in its stage: ReportLab in drawing, fontTools in fonts, pikepdf in
the PDF outputs and checks, pypdfium2 in the proof's PNG and the checks' reading back."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "spread"

HOMES = {
    "reportlab": {"render.py"},
    "fontTools": {"fonts/"},
    "pikepdf": {"output/", "check/"},
    "pypdfium2": {"output/proof.py", "check/"},
}


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(HOMES))
def test_a_dependency_is_imported_only_in_its_stage(package):
    strays = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).as_posix()
        if package in imports(path) and not any(rel == h or rel.startswith(h)
                                                for h in HOMES[package]):
            strays.append(rel)
    assert not strays, f"{package} imported outside {sorted(HOMES[package])}: {strays}"


def test_the_composer_core_is_pure():
    """No drawing, file or font library in the composer: it is a function of its inputs."""
    for path in (SRC / "compose").glob("*.py"):
        assert not imports(path) & {"reportlab", "fontTools", "pikepdf", "pypdfium2", "os",
                                    "pathlib", "PIL"}, path.name
