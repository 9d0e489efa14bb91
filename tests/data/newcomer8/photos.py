"""The newcomer's stand-in photos, drawn with Pillow rather than committed: the sports
page's match (2:1, a crowd over a pitch), the school page's campus (1.4:1) and its 1960s
teacher (a 3:4 portrait). Deterministic: a seeded random, no clock."""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter


def pitch(path: Path, w: int = 1800, h: int = 900, seed: int = 1) -> None:
    rnd = random.Random(seed)
    im = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(im)
    for i in range(12):  # mown stripes
        d.rectangle([i * w // 12, 0, (i + 1) * w // 12, h], fill=(46, 120 + (i % 2) * 16, 52))
    d.rectangle([0, 0, w, int(h * .28)], fill=(60, 62, 80))  # the stand and its crowd
    for _ in range(900):
        x, y = rnd.randrange(w), rnd.randrange(int(h * .27))
        d.ellipse([x, y, x + 9, y + 9], fill=rnd.choice(
            [(200, 30, 40), (240, 240, 240), (30, 60, 160), (230, 190, 60)]))
    d.line([(0, int(h * .30)), (w, int(h * .30))], fill="white", width=6)
    d.ellipse([w * .35, h * .45, w * .65, h * 1.15], outline="white", width=6)
    for k in range(9):
        x, y, s = 150 + k * 190 + rnd.randrange(-40, 40), 520 + rnd.randrange(-60, 120), \
            1.0 + rnd.random() * .6
        d.ellipse([x - 22 * s, y - 120 * s, x + 22 * s, y - 76 * s], fill=(225, 180, 140))
        d.rectangle([x - 34 * s, y - 76 * s, x + 34 * s, y],
                    fill=(200, 30, 40) if k % 2 else (30, 60, 160))
        d.line([(x - 14 * s, y), (x - 30 * s, y + 80 * s)], fill=(30, 30, 30), width=int(16 * s))
        d.line([(x + 14 * s, y), (x + 40 * s, y + 70 * s)], fill=(30, 30, 30), width=int(16 * s))
    d.ellipse([1100, 700, 1160, 760], fill="white", outline="black", width=3)
    im.filter(ImageFilter.GaussianBlur(1.2)).save(path, quality=85)


def campus(path: Path, w: int = 1400, h: int = 1000, seed: int = 2) -> None:
    rnd = random.Random(seed)
    im = Image.new("RGB", (w, h), (150, 190, 230))
    d = ImageDraw.Draw(im)
    d.rectangle([0, int(h * .72), w, h], fill=(90, 140, 70))
    d.rectangle([w * .2, h * .3, w * .8, h * .72], fill=(175, 80, 60))  # the red-brick hall
    d.polygon([(w * .15, h * .3), (w * .5, h * .1), (w * .85, h * .3)], fill=(70, 70, 80))
    for r in range(3):
        for c in range(8):
            x, y = w * .23 + c * w * .07, h * .36 + r * h * .11
            d.rectangle([x, y, x + w * .04, y + h * .07], fill=(235, 235, 210))
    d.rectangle([w * .46, h * .56, w * .54, h * .72], fill=(60, 40, 30))
    for _ in range(14):  # trees either side
        x = rnd.choice([rnd.randrange(0, int(w * .18)), rnd.randrange(int(w * .82), w)])
        y = int(h * .72)
        d.rectangle([x - 8, y - 120, x + 8, y], fill=(90, 60, 40))
        d.ellipse([x - 70, y - 260, x + 70, y - 100], fill=(40, 110 + rnd.randrange(40), 50))
    im.filter(ImageFilter.GaussianBlur(1)).save(path, quality=85)


def portrait(path: Path, w: int = 900, h: int = 1200, seed: int = 3) -> None:
    rnd = random.Random(seed)
    im = Image.new("RGB", (w, h), (210, 200, 185))
    d = ImageDraw.Draw(im)
    d.rectangle([0, 0, w, h * .55], fill=(110, 120, 140))  # the blackboard
    d.ellipse([w * .33, h * .18, w * .67, h * .48], fill=(225, 185, 150))
    d.rectangle([w * .22, h * .48, w * .78, h], fill=(40, 50, 70))
    for _ in range(30):
        x, y = rnd.randrange(20, w - 60), rnd.randrange(20, int(h * .15))
        d.line([(x, y), (x + rnd.randrange(20, 60), y)], fill=(230, 230, 230), width=4)
    im.filter(ImageFilter.GaussianBlur(1)).save(path, quality=85)


# each edition's photos: file (relative to its folder) → how it is drawn
PHOTOS = {
    "sports": {"photos/derby.jpg": pitch},
    "school": {"photos/campus.jpg": campus, "photos/teacher.jpg": portrait},
    "notices": {},
}


def draw(edition: str, folder: Path) -> None:
    """Draw an edition's photos into its folder (a copy of tests/data/newcomer8/EDITION)."""
    for name, how in PHOTOS[edition].items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        how(folder / name)
