"""How long a long input takes to lay out: the default page with one section of N report
items, and the news page with one story of N paragraphs, for N in 100, 500, 1000, 3000.
Each is set through the build's layout stage (set_page: content and layout read, the page
composed and made up, overset reported as problems); prints CPU seconds and how many
problems the page has. Figures only — `--sizes 100,500` sets other N."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from spread.validate import set_page

ITEM = "开展劳动竞赛80余次，举办职工技术比武41场次，参与职工7.7万余人次；"
PARAGRAPH = ("在新馆三楼的古籍修复室，隔着一面玻璃墙，读者第一次能看到修复师工作的样子。修复师正在"
             "为一部清代地方志补配虫蛀的书页，一页纸往往要花上大半天。")
ROOT = Path(__file__).resolve().parent.parent


def long_report(n: int) -> tuple[str, str]:
    """The default page, its first section's report N items long (its own items first: the
    page's figures and charts quote them)."""
    text = (ROOT / "content.yaml").read_text("utf-8")
    head, rest = text.split("      items:\n", 1)
    own = rest[:rest.index("\n\n") + 1]
    more = max(0, n - own.count("\n"))
    items = "".join(f"        - 第{k + 1}项：{ITEM}\n" for k in range(more))
    return head + "      items:\n" + own + items + rest[len(own):], \
        str(ROOT / "layout" / "default.yaml")


def long_story(n: int) -> tuple[str, str]:
    """The news page with one story of N paragraphs."""
    layout = ROOT / "layout" / "news.yaml"
    starter = (layout.parent / "news" / "content.yaml").read_text("utf-8")
    body = "".join(f"      - 第{k + 1}段。{PARAGRAPH}\n" for k in range(n))
    return (starter.split("sections:")[0] + "sections:\n  - title: 一条很长的新闻\n"
            "    byline: 本报记者 张三\n    dateline: 本报讯\n    body:\n" + body, str(layout))


def measure(folder: Path, content: str, layout: str) -> tuple[float, int]:
    path = folder / "content.yaml"
    path.write_text(content, "utf-8")
    start = time.process_time()
    laid = set_page(str(path), layout)
    return time.process_time() - start, len(laid.problems)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,500,1000,3000")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    print(f"{'input':<28}{'N':>6}{'CPU s':>10}{'problems':>10}")
    for name, make in (("section of N report items", long_report),
                       ("story of N paragraphs", long_story)):
        for n in (int(s) for s in args.sizes.split(",")):
            seconds, problems = measure(folder, *make(n))
            print(f"{name:<28}{n:>6}{seconds:>10.2f}{problems:>10}", flush=True)


if __name__ == "__main__":
    main()
