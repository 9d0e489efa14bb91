"""Each dependency stays in its stage: ReportLab in drawing, fontTools in fonts, pikepdf in
the PDF outputs and checks, pypdfium2 in the proof's PNG and the checks' reading back."""

from __future__ import annotations

import ast
from dataclasses import replace
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


# -- the module graph: no cycles, and each stage imports only from the stages before it ------

# the stages in the order data flows through them; a module may import its own stage's
# modules and earlier stages', never a later stage's (the longest prefix names the stage)
STAGES = [
    ("foundation", {"spread", "spread.errors", "spread.units", "spread.files",
                    "spread.yamlsource", "spread.sourcemap", "spread.schema", "spread.bundle"}),
    ("inputs", {"spread.content", "spread.template", "spread.images"}),
    ("content into layout", {"spread.repeat"}),  # repeated rows expanded by the content
    ("models", {"spread.compose", "spread.page"}),  # the pure composer and the page model
    ("fonts", {"spread.fonts"}),
    ("content checks", {"spread.lint"}),
    ("layout", {"spread.layout"}),
    ("drawing", {"spread.render"}),
    ("renditions", {"spread.output", "spread.renditions"}),
    ("edition record", {"spread.manifest"}),
    ("checks", {"spread.check"}),
    ("build", {"spread.build", "spread.validate"}),
    ("commands", {"spread.verify", "spread.watch", "spread.dump", "spread.edition",
                  "spread.schemas", "spread.completion", "spread.cli", "spread.__main__"}),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in SRC.rglob("*.py")}


def spread_imports(name: str) -> set[str]:
    """The spread modules a module imports, wherever in it (a function-level import is an
    edge too: it only hides the dependency from the reader)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:  # from spread import content: the module spread.content
                found.add(f"{source}.{alias.name}" if f"{source}.{alias.name}" in MODULES
                          else source)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: spread_imports(name) for name in MODULES}


def stage(name: str) -> int | None:
    best = None
    for rank, (_, prefixes) in enumerate(STAGES):
        for prefix in prefixes:
            if (name == prefix or name.startswith(prefix + ".")) and (
                    best is None or len(prefix) > best[1]):
                best = (rank, len(prefix))
    return None if best is None else best[0]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm,
    iterative)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_cycles():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles():
    found = cycles(GRAPH)
    assert not found, "import cycles:\n" + "\n".join(
        "  " + ", ".join(f"{m} → {sorted(GRAPH[m] & set(c))}" for m in c) for c in found)


def test_every_module_has_a_stage():
    lost = sorted(name for name in MODULES if stage(name) is None)
    assert not lost, f"add {lost} to STAGES in tests/test_architecture.py"


def test_no_stage_imports_a_later_one():
    back = sorted(f"{a} ({STAGES[stage(a)][0]}) → {b} ({STAGES[stage(b)][0]})"
                  for a, targets in GRAPH.items() for b in targets
                  if stage(a) is not None and stage(b) is not None and stage(a) < stage(b))
    assert not back, "imports against the flow:\n  " + "\n  ".join(back)


@pytest.mark.parametrize("earlier, later", [
    ("spread.lint", "spread.build"), ("spread.fonts.report", "spread.layout"),
    ("spread.manifest", "spread.check"), ("spread.layout.blocks", "spread.layout.kinds")])
def test_the_back_edges_once_found_stay_forbidden(earlier, later):
    """These imports existed; the stages keep them out (blocks ↔ kinds by the cycle test)."""
    assert later not in GRAPH[earlier]
    if stage(earlier) != stage(later):
        assert stage(earlier) < stage(later)


# -- region kinds: a frame is its own unless its kind says it reaches the page's edges -------

def _extent(item) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of where an item is drawn: text by its glyphs' origins half an em
    in (a mark's blank half may lie outside the measure, a mark at the line's end may hang
    past it), rules by their centre lines (one may lie on a frame's edge)."""
    from spread.page import Image, Rect, Rule, TextRun

    if isinstance(item, TextRun):
        ys, half = item.ys or (item.y,), item.style.size * item.style.scale / 2
        return min(item.xs) + half, min(ys), max(item.xs) - half, max(ys)
    if isinstance(item, (Rect, Image)):
        box = item.box if isinstance(item, Rect) else item.clip
        return box.x, box.y, box.right, box.top
    if isinstance(item, Rule):
        return min(item.x1, item.x2), min(item.y1, item.y2), max(item.x1, item.x2), \
            max(item.y1, item.y2)
    xs = [v for op in item.path for v in op[1::2]]
    ys = [v for op in item.path for v in op[2::2]]
    return min(xs), min(ys), max(xs), max(ys)


def _every_kind():
    """(context, page seen from its frame, width, region) for every region of the news, the
    default and the photo pages (a picture, a headline, stories, a folio; sections, figures,
    the honour roll; a gallery), and for what neither has (a stack, a decoration run out to the bleed, a
    chart of its own), made here."""
    from conftest import CONTENT, LAYOUT, ROOT
    from spread.content import Credits, Edition
    from spread.layout.context import Context
    from spread.layout.geometry import geometry
    from spread.layout.kinds import KINDS
    from spread.template import Region
    from spread.units import Length
    from spread.validate import read

    news, photo = ROOT / "layout" / "news.yaml", ROOT / "layout" / "photo.yaml"
    for content, layout in ((photo.parent / "photo" / "content.yaml", photo),
                            (news.parent / "news" / "content.yaml", news), (CONTENT, LAYOUT)):
        inputs = read(str(content), str(layout))
        geo = geometry(inputs.layout)
        filled = replace(inputs.content,  # the starters leave the folio and credits blank
                         edition=Edition("工人日报", "2026年5月18日", "第3版", "城事"),
                         credits=Credits("李华", "王芳", "张伟"))
        ctx = Context(filled, inputs.layout, inputs.fonts, page_box=geo, kinds=KINDS)
        for row in inputs.layout.rows:
            for top in row.regions:
                for region in top.walk():
                    x, width = geo.columns(region if region.columns else top)
                    yield ctx, geo.seen_from(x, geo.area.top), width, region
    x, width = geo.columns(Region("text", "1-4"))
    for region in (Region("decoration", "1-4", options={"tint": "cream", "height": "6mm",
                                                        "bleed": ["top", "left"]}),
                   Region("stack", "1-4", regions=[
                       Region("decoration", options={"tint": "cream"},
                              height=Length.parse("6mm")),
                       Region("text", content="lead", style="body")]),
                   Region("chart", "1-4", content="charts[0]"),
                   Region("masthead", "1-4", options={"name_style": "folio",
                                                      "line_style": "furniture"})):
        yield ctx, geo.seen_from(x, geo.area.top), width, region


def test_a_kind_draws_outside_its_frame_only_if_it_declares_it():
    """Layout places a region's frame, set once, by translation — unless a kind of its
    regions reaches the page's edges (kinds.EDGE_KINDS, from each kind's declaration), whose
    frame depends on where it stands. Every kind is set here as the row solver measures it:
    one drawing outside its frame must declare it, and one declaring it must draw there."""
    from spread.layout.blocks import build
    from spread.layout.kinds import EDGE_KINDS, KINDS

    tolerance = 0.01  # pt
    drawn, outside = set(), set()
    for ctx, page, width, region in _every_kind():
        frame = build(ctx.for_region("", ctx.copyfit, page), region, width, None)
        if frame.items:
            drawn.add(region.kind)
        if any(x0 < -tolerance or y0 < -frame.height - tolerance
               or x1 > frame.width + tolerance or y1 > tolerance
               for x0, y0, x1, y1 in map(_extent, frame.items)):
            inside = {r.kind for r in region.walk()} - {region.kind}
            assert region.kind in EDGE_KINDS or inside & EDGE_KINDS, region  # a stack's
            outside.add(region.kind)
    assert drawn == set(KINDS), "a kind this test does not set"
    assert outside - {"stack"} == EDGE_KINDS, "a kind declared reaching the edges that does not"
