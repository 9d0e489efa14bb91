"""The archival PDF's text as an archivist gets it: every page of the corpus (the default page,
each stress text at 9字 and on the default layout, each bundled layout with its starter
content, our own stories for the templates, the newcomer editions, a 30-name honour roll)
built, its archive.pdf read back by pdfium (the reader spread's checks use) and by pypdf (an
unrelated one), and every text of the content compared with what each reader gives, line
ends aside (tests/test_searchable_text.differences).

Prints, per page and reader: spurious spaces (a space where the text has none, by the
classes of the characters either side), lost spaces, hyphens left in words, texts that do
not read back in order (misordered or lost: "other", where the text stops reading; "absent",
not a character of it found), and soft hyphens (U+00AD) and pdfium's line-end hyphen marks
(U+FFFE) left in the text. Asserts nothing.

    python benchmarks/archive_text.py [--show] [WORD ...]

(--show: list every difference; WORDs: only the pages whose names contain one)
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from spread.build import build  # noqa: E402
from spread.edition import layout_for  # noqa: E402
from spread.errors import SpreadError  # noqa: E402
from spread.validate import read  # noqa: E402
from test_searchable_text import READERS, differences  # noqa: E402

STRESS = ROOT / "tests" / "data" / "stress"
DATA = ROOT / "tests" / "data"
ROLL30 = ["李彧", "吉喆", "王堃", "许镕", "邬淼", "阚琰", "亓晔", "眭昶", "仝炜", "郦琛",
          "欧阳修远", "司马相如", "诸葛明亮", "上官婉儿", "张三", "李四", "王五", "赵六",
          "钱七", "孙八", "周九", "吴十", "郑小明", "冯巧巧", "陈一", "褚卫国", "卫青",
          "蒋大为", "沈从文", "爱新觉罗溥仪"]


def pages(work: Path) -> dict[str, tuple[Path, Path]]:
    """Every page of the corpus by name: (content, layout), their pictures in place."""
    out = {"default page": (ROOT / "content.yaml", ROOT / "layout" / "default.yaml")}
    for content in sorted(STRESS.glob("content*.yaml")):
        for where, layout in (("9zi", STRESS / "layout-9zi.yaml"),
                              ("default", ROOT / "layout" / "default.yaml")):
            out[f"stress/{content.stem}@{where}"] = (content, layout)
    for layout in sorted((ROOT / "layout").glob("*.yaml")):
        own = ROOT / "layout" / layout.stem / "content.yaml"
        if own.exists():
            out[f"layout/{layout.stem}"] = (own, layout)
    for story in sorted((DATA / "templates").glob("*.yaml")):
        out[f"templates/{story.stem}"] = (_with_photos(story, work / "templates" / story.stem),
                                          ROOT / "layout" / f"{story.stem}.yaml")
    for pages_of in sorted(DATA.glob("newcomer*")):
        drawn = pages_of / "photos.py"
        for folder in sorted(p for p in pages_of.iterdir() if (p / "edition.yaml").exists()):
            copy = _own_edition(folder, work / pages_of.name / folder.name)
            if drawn.exists():
                _module(drawn).draw(folder.name, copy)
            _draw_missing(copy / "content.yaml")
            content = copy / "content.yaml"
            out[f"{pages_of.name}/{folder.name}"] = (content, Path(layout_for(str(content))))
    roll = work / "roll30"
    roll.mkdir(parents=True, exist_ok=True)
    data = yaml.safe_load((ROOT / "layout" / "commemorative" / "content.yaml").read_text("utf-8"))
    data["honour_roll"] = {"title": "光荣榜", "items": [{"text": n} for n in ROLL30]}
    (roll / "content.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    for beside in (ROOT / "layout" / "commemorative").iterdir():
        if beside.is_dir():
            shutil.copytree(beside, roll / beside.name, dirs_exist_ok=True)
    out["honour roll of 30"] = (roll / "content.yaml", ROOT / "layout" / "commemorative.yaml")
    return out


def _module(path: Path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"{path.parent.name}_photos", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _own_edition(source: Path, folder: Path) -> Path:
    """A newcomer's edition copied, its layouts naming spread's fonts by absolute path."""
    shutil.copytree(source, folder)
    for own in (folder / "layout").glob("*.yaml"):
        text = own.read_text(encoding="utf-8")
        own.write_text(text.replace("../../../../../fonts/", f"{ROOT / 'fonts'}/"),
                       encoding="utf-8")
    return folder


def _with_photos(story: Path, folder: Path) -> Path:
    """A story copied with a drawn photo for every picture it names."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "content.yaml").write_text(story.read_text(encoding="utf-8"), encoding="utf-8")
    _draw_missing(folder / "content.yaml")
    return folder / "content.yaml"


def _draw_missing(content: Path) -> None:
    """A drawn photo for every picture the content names that is not there (a bare name is
    looked for in photos/)."""
    from PIL import Image, ImageDraw

    for n, name in enumerate(_files(yaml.safe_load(content.read_text(encoding="utf-8")))):
        path = content.parent / ("photos" if "/" not in name else "") / name
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        image = Image.new("RGB", (1500, 1000), (90 + 20 * n % 120, 140, 200))
        ImageDraw.Draw(image).rectangle([200, 300, 900, 800], fill=(120, 90, 60 + 30 * n % 150))
        image.save(path, quality=80)


def _files(node) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "file" and isinstance(v, str)] + \
            [f for k, v in node.items() if k != "file" for f in _files(v)]
    if isinstance(node, list):
        return [f for v in node for f in _files(v)]
    return []


KINDS = ("space", "lost space", "hyphen", "other", "absent")


def measure(path: Path, content) -> dict[str, tuple[Counter, list, str]]:
    """Per reader: the differences counted by kind, the differences, the text read."""
    out = {}
    for reader, extract in READERS.items():
        text = extract(path)
        found = differences(text, content)
        kinds = Counter("space" if d.kind.startswith("space ") else d.kind for d in found)
        out[reader] = (kinds, found, text)
    return out


def main() -> None:
    args = sys.argv[1:]
    show = "--show" in args
    only = [a for a in args if a != "--show"]
    totals = {reader: Counter() for reader in READERS}
    print(f"{'page':34} {'reader':7} " + " ".join(f"{k:>10}" for k in KINDS)
          + f" {'U+00AD':>7} {'U+FFFE':>7}")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for name, (content_path, layout_path) in pages(work / "in").items():
            if only and not any(word in name for word in only):
                continue
            try:
                result = build(str(content_path), str(layout_path),
                               str(work / "out" / name.replace("/", "_")), ("archive",),
                               check=False)
            except SpreadError as exc:
                print(f"{name:34} not built: {str(exc).splitlines()[0]}")
                continue
            content = read(str(content_path), str(layout_path)).content
            for reader, (kinds, found, text) in measure(result.outputs["archive.pdf"],
                                                         content).items():
                marks = Counter(soft=text.count("\u00ad"), fffe=text.count("\ufffe"))
                totals[reader].update(kinds)
                totals[reader].update(marks)
                print(f"{name:34} {reader:7} " + " ".join(f"{kinds[k]:>10}" for k in KINDS)
                      + f" {marks['soft']:>7} {marks['fffe']:>7}")
                if show:
                    for d in found:
                        print("    " + re.sub(r"\r?\n", "⏎", str(d)))
    for reader, total in totals.items():
        print(f"{'all pages':34} {reader:7} " + " ".join(f"{total[k]:>10}" for k in KINDS)
              + f" {total['soft']:>7} {total['fffe']:>7}")


if __name__ == "__main__":
    main()
