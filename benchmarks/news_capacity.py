"""How much body text the news template holds: for 1…6 stories of equal length (each with a
title, byline, dateline and, with --photos, one photo), the most characters of body per story
that still set without overset, found by bisection on the laid-out page (no rendition drawn).
Prints a table; `--lengths 400,900,1400` sets stories of those lengths instead and reports
the page's problems; `--stagger` sweeps the lead story's length (100 to 3 000 characters)
for 1 to 7 stories that share what the page then holds, and prints for each page that sets
the nearest two heads in different halves stand, in body lines (the layout keeps their tops
3 apart; read at their first lines' type, heads of different sizes stand up to 2 pt nearer)."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from spread import bundle
from spread.validate import set_page

TEXT = ("在新馆三楼的古籍修复室，隔着一面玻璃墙，读者第一次能看到修复师工作的样子。修复师正在为"
        "一部清代地方志补配虫蛀的书页，一页纸往往要花上大半天。修复用的纸张大多是手工制作的竹纸"
        "和皮纸，要先比对原书纸张的颜色、厚度和纤维，再调配颜色相近的补纸。馆方介绍，馆藏古籍约"
        "3.6万册，其中约四成需要不同程度的修复。过去受场地所限，修复室只有两张工作台；新馆建成后，"
        "工作台增加到八张，并配备了恒温恒湿的古籍书库和专门的纸张检测设备。")
PARAGRAPH = 110  # characters a paragraph, about seven lines of a 15字 column


def body(chars: int, seed: int) -> list[str]:
    text = (TEXT * (chars // len(TEXT) + 2))[seed * 7 % len(TEXT):][:chars]
    return [text[i:i + PARAGRAPH] for i in range(0, len(text), PARAGRAPH)] or ["。"]


def content(lengths: list[int], photos: bool) -> str:
    starter = (bundle.layout("news").parent / "news" / "content.yaml").read_text("utf-8")
    head = starter.split("sections:")[0]
    out = [head, "sections:\n"]
    for k, n in enumerate(lengths):
        out.append(f"  - title: 第{k + 1}条新闻的标题\n    byline: 本报记者 张三\n"
                   "    dateline: 本报讯\n    body:\n")
        out += [f"      - {p}\n" for p in body(n, k)]
        if photos:
            out.append(f"    pictures:\n      - file: photos/{['repair', 'reading'][k % 2]}.jpg"
                       "\n        caption: 图片说明。\n        credit: 本报记者 摄\n")
    return "".join(out)


LAYOUT = str(bundle.layout("news"))


def problems(folder: Path, lengths: list[int], photos: bool) -> list:
    path = folder / "content.yaml"
    path.write_text(content(lengths, photos), "utf-8")
    return set_page(str(path), LAYOUT).problems


def capacity(folder: Path, n: int, photos: bool, step: int = 10) -> int:
    low, high = 0, 4000
    if problems(folder, [step] * n, photos):
        return 0
    while high - low > step:
        mid = (low + high) // 2 // step * step
        if problems(folder, [mid] * n, photos):
            high = mid
        else:
            low = mid
    return low


def with_lead(text: str, lead: int) -> str:
    """A page's content with its lead story's paragraphs `lead` characters long."""
    head, rest = text.split("lead:\n", 1)
    paragraphs = "".join(f"  - {p}\n" for p in body(lead, 9))
    return head + "lead:\n" + paragraphs + rest[rest.index("\npictures:"):]


def story_heads(page, n: int) -> list[tuple[bool, float]]:
    """Each of the `n` stories' heads: (in the left half, the top of its type in pt)."""
    from spread.page import TextRun

    runs = [r for r in page.items if isinstance(r, TextRun)]
    middle = (page.trim.x + page.trim.right) / 2
    heads = []
    for k in range(n):
        title = f"第{k + 1}条新闻的标题"
        run = next(r for r in runs if r.chars and title.startswith(r.chars))
        heads.append((run.xs[0] < middle, run.y + run.style.size))
    return heads


def nearest_heads(folder: Path, lead: int, n: int) -> float | None:
    """How near, in body lines, two heads in different halves stand on a page of `n`
    stories sharing what the page holds beside a lead of `lead` characters (a photo each up
    to three); None when the page does not set."""
    each = max(60, (2300 - lead) // n - 120)
    path = folder / "content.yaml"
    path.write_text(with_lead(content([each] * n, n <= 3), lead), "utf-8")
    laid = set_page(str(path), LAYOUT)
    if laid.problems:
        return None
    heads = story_heads(laid.page, n)
    pitch = 9 * 1.6
    apart = [abs(y - y2) / pitch for a, (side, y) in enumerate(heads)
             for side2, y2 in heads[a + 1:] if side != side2]
    return min(apart, default=float("inf"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lengths", help="story lengths to set, e.g. 400,900,1400")
    parser.add_argument("--photos", action="store_true", help="one photo a story")
    parser.add_argument("--least", type=int, default=1)
    parser.add_argument("--most", type=int, default=6)
    parser.add_argument("--layout", help="another news layout file to measure")
    parser.add_argument("--stagger", action="store_true",
                        help="sweep the lead's length; print how near heads stand")
    args = parser.parse_args()
    global LAYOUT
    LAYOUT = args.layout or LAYOUT
    folder = Path(tempfile.mkdtemp())
    shutil.copytree(bundle.layout("news").parent / "news" / "photos", folder / "photos")
    if args.stagger:
        print("stories | lead characters | nearest heads in different halves, body lines")
        for n in range(args.least, max(args.most, 7) + 1):
            for lead in range(100, 3001, 300):
                near = nearest_heads(folder, lead, n)
                shown = "does not set" if near is None else (
                    "one half only" if near == float("inf") else f"{near:.1f}")
                print(f"{n} | {lead} | {shown}", flush=True)
        return
    if args.lengths:
        for p in problems(folder, [int(v) for v in args.lengths.split(",")], args.photos):
            print(p.error.where, p.error.message, "|", p.error.hint, p.amount)
        return
    print("stories | body characters per story | in all")
    for n in range(args.least, args.most + 1):
        each = capacity(folder, n, args.photos)
        print(f"{n} | {each} | {each * n}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
