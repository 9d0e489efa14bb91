"""The newcomer's pictures, drawn with Pillow (nothing downloaded): the opinion page's
cartoon and its three authors' photos, the economy page's photo of a container port, and
the supplement's woodcut. `draw(name, folder)` writes an edition's into `folder/photos/`."""

from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter


def _portrait(path: Path, seed: int) -> None:
    """A head and shoulders against a soft grey wall, lit from the left."""
    rnd = random.Random(seed)
    size = 720
    im = Image.new("RGB", (size, size), (196 + seed * 6, 200, 206 - seed * 4))
    d = ImageDraw.Draw(im)
    for y in range(size):  # the wall's falling light
        shade = int(40 * y / size)
        d.line([(0, y), (size, y)], fill=(200 - shade, 204 - shade, 210 - shade))
    coat = [(52, 64, 88), (88, 60, 48), (40, 40, 44)][seed % 3]
    d.ellipse([90, 470, 630, 980], fill=coat)
    d.polygon([(300, 480), (360, 600), (420, 480)], fill=(236, 236, 232))
    skin = (226 - rnd.randint(0, 20), 186 - rnd.randint(0, 20), 156 - rnd.randint(0, 16))
    d.rectangle([318, 380, 402, 500], fill=skin)
    d.ellipse([236, 150, 484, 430], fill=skin)
    hair = (30 + rnd.randint(0, 30),) * 3
    if seed == 2:  # long hair
        d.ellipse([220, 120, 500, 300], fill=hair)
        d.rectangle([220, 220, 262, 470], fill=hair)
        d.rectangle([458, 220, 500, 470], fill=hair)
    else:
        d.chord([226, 128, 494, 330], 180, 360, fill=hair)
    for x in (310, 410):
        d.ellipse([x - 14, 270, x + 14, 290], fill=(40, 36, 34))
    d.arc([318, 330, 402, 380], 20, 160, fill=(150, 80, 70), width=5)
    if seed == 1:  # glasses
        for x in (310, 410):
            d.ellipse([x - 34, 252, x + 34, 306], outline=(30, 30, 30), width=5)
        d.line([(344, 278), (376, 278)], fill=(30, 30, 30), width=5)
    im = im.filter(ImageFilter.GaussianBlur(1.2))
    im.save(path)


def _cartoon(path: Path) -> None:
    """漫画: a builder's crane over a row of old houses, a resident with a speech balloon
    tugging at the plan — black ink on white, a touch of red."""
    w, h = 1500, 2000
    im = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(im)
    ink = (20, 20, 20)
    d.line([(60, 1700), (1440, 1700)], fill=ink, width=8)
    for i, x in enumerate(range(100, 1400, 260)):  # old houses with tiled roofs
        top = 1250 + (i % 2) * 60
        d.rectangle([x, top, x + 220, 1700], outline=ink, width=7)
        d.polygon([(x - 30, top), (x + 110, top - 150), (x + 250, top)], outline=ink, fill=None)
        d.line([(x - 30, top), (x + 110, top - 150), (x + 250, top)], fill=ink, width=7)
        d.rectangle([x + 70, top + 120, x + 150, top + 240], outline=ink, width=5)
        for k in range(6):
            d.line([(x - 10 + k * 40, top - 10), (x + 100, top - 140)], fill=ink, width=2)
    d.line([(1250, 1700), (1250, 300)], fill=ink, width=14)  # the crane
    d.line([(400, 300), (1400, 300)], fill=ink, width=14)
    for y in range(320, 1700, 80):
        d.line([(1235, y), (1265, y + 80)], fill=ink, width=4)
    d.line([(520, 300), (520, 900)], fill=ink, width=4)
    d.rectangle([380, 900, 660, 1080], outline=(200, 30, 30), width=10)  # the plan, in red
    d.text((420, 960), "PLAN", fill=(200, 30, 30))
    d.ellipse([760, 1420, 860, 1520], outline=ink, width=8)  # the resident
    d.line([(810, 1520), (810, 1630)], fill=ink, width=8)
    d.line([(810, 1630), (770, 1700)], fill=ink, width=8)
    d.line([(810, 1630), (850, 1700)], fill=ink, width=8)
    d.line([(810, 1550), (640, 1090)], fill=ink, width=8)
    d.ellipse([820, 1120, 1180, 1340], outline=ink, width=8)  # the balloon
    d.polygon([(880, 1320), (850, 1420), (930, 1330)], fill="white", outline=ink)
    for k in range(3):
        d.ellipse([920 + k * 90, 1215, 950 + k * 90, 1245], fill=ink)
    im.save(path)


def _port(path: Path) -> None:
    """A container port at dusk: stacked boxes in colour, gantry cranes, the water."""
    rnd = random.Random(7)
    w, h = 1800, 1012
    im = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(im)
    for y in range(h // 2):
        t = y / (h / 2)
        d.line([(0, y), (w, y)], fill=(int(240 - 60 * t), int(170 - 40 * t), int(120 + 40 * t)))
    for y in range(h // 2, h):
        t = (y - h / 2) / (h / 2)
        d.line([(0, y), (w, y)], fill=(int(60 - 20 * t), int(80 - 20 * t), int(110 - 30 * t)))
    colours = [(180, 40, 36), (30, 90, 150), (220, 150, 40), (60, 120, 70), (120, 120, 120)]
    for row in range(5):
        for col in range(40):
            x, y = col * 45, 420 + row * 22
            d.rectangle([x, y, x + 42, y + 20], fill=rnd.choice(colours), outline=(20, 20, 20))
    for cx in (260, 760, 1300):  # gantry cranes
        d.line([(cx, 530), (cx, 150)], fill=(230, 200, 60), width=16)
        d.line([(cx + 120, 530), (cx + 120, 150)], fill=(230, 200, 60), width=16)
        d.line([(cx - 200, 150), (cx + 320, 150)], fill=(230, 200, 60), width=18)
    im = im.filter(ImageFilter.GaussianBlur(1.0))
    im.save(path, quality=92)


def _woodcut(path: Path) -> None:
    """木刻: a boatman under willows on a river, cut in black and white — strong gouge
    strokes for the water and the sky."""
    rnd = random.Random(3)
    w, h = 1600, 1200
    im = Image.new("L", (w, h), 245)
    d = ImageDraw.Draw(im)
    for y in range(0, 420, 14):  # the sky's gouge strokes, thinning down
        for x in range(0, w, 90):
            length = rnd.randint(40, 80)
            d.line([(x, y), (x + length, y + rnd.randint(-3, 3))], fill=10,
                   width=max(1, 7 - y // 70))
    d.ellipse([1150, 90, 1330, 270], fill=245, outline=10, width=8)  # the sun
    d.polygon([(0, 560), (300, 380), (620, 520), (900, 400), (1250, 540), (1600, 430),
               (1600, 640), (0, 640)], fill=10)  # the far hills
    for y in range(650, h, 18):  # the water
        for x in range(rnd.randint(-60, 0), w, 120):
            d.arc([x, y, x + 110, y + 26], 200, 340, fill=10, width=5)
    d.polygon([(520, 860), (1080, 860), (1000, 930), (600, 930)], fill=10)  # the boat
    d.line([(900, 600), (860, 940)], fill=10, width=10)  # the pole
    d.ellipse([760, 700, 820, 760], fill=10)  # the boatman
    d.polygon([(730, 700), (790, 660), (850, 700)], fill=10)
    d.rectangle([770, 760, 810, 860], fill=10)
    for x in (80, 260, 1400):  # willows
        d.line([(x, 1200), (x + 30, 300)], fill=10, width=28)
        for k in range(26):
            sx = x + 30 + rnd.randint(-120, 120)
            d.line([(x + 30, 320), (sx, 320 + rnd.randint(200, 520))], fill=10, width=4)
    im.save(path)


PICTURES = {
    "opinion": {"cartoon.png": _cartoon, "author1.png": lambda p: _portrait(p, 0),
                "author2.png": lambda p: _portrait(p, 1), "author3.png": lambda p: _portrait(p, 2)},
    "economy": {"port.jpg": _port},
    "supplement": {"woodcut.png": _woodcut},
}


def draw(name: str, folder: Path) -> None:
    photos = Path(folder) / "photos"
    photos.mkdir(exist_ok=True)
    for file, make in PICTURES[name].items():
        make(photos / file)


if __name__ == "__main__":
    import sys

    here = Path(__file__).parent
    for name in sys.argv[1:] or PICTURES:
        draw(name, here / name)
