"""The newcomer's pictures, drawn with Pillow (nothing downloaded): the international
page's locator map and its photo of an icebreaker, the company supplement's tea garden and
its packing hall, the culture page's film still and its concert. `draw(name, folder)`
writes an edition's into `folder/photos/`."""

from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter


def _map(path: Path) -> None:
    """示意图: a coast and its lakes in buff on a pale blue sea, graticule lines, borders
    dashed in grey, a red dot for the meeting's city and grey ones for the others."""
    rnd = random.Random(11)
    w, h = 1800, 1200
    im = Image.new("RGB", (w, h), (206, 228, 242))
    d = ImageDraw.Draw(im)
    for x in range(0, w, 150):  # the graticule
        d.line([(x, 0), (x, h)], fill=(180, 206, 226), width=2)
    for y in range(0, h, 150):
        d.line([(0, y), (w, y)], fill=(180, 206, 226), width=2)
    land = []  # a continent's coast: a wobbly polygon
    for k in range(72):
        a = 2 * math.pi * k / 72
        r = 520 + 90 * math.sin(3 * a) + rnd.randint(-30, 30)
        land.append((820 + r * 1.3 * math.cos(a), 640 + r * 0.85 * math.sin(a)))
    d.polygon(land, fill=(238, 226, 196), outline=(150, 130, 100))
    d.polygon([(1500, 120), (1760, 180), (1700, 420), (1480, 360)], fill=(238, 226, 196),
              outline=(150, 130, 100))  # an island
    for _ in range(6):  # borders, dashed
        x0, y0 = rnd.randint(400, 1200), rnd.randint(300, 1000)
        for s in range(0, 300, 24):
            d.line([(x0 + s, y0 + s * 0.4), (x0 + s + 12, y0 + (s + 12) * 0.4)],
                   fill=(120, 120, 120), width=4)
    d.ellipse([700, 520, 800, 580], fill=(170, 200, 230))  # a lake
    for x, y in ((1000, 400), (560, 820), (1220, 760), (1600, 260)):
        d.ellipse([x - 12, y - 12, x + 12, y + 12], fill=(90, 90, 90))
    d.ellipse([780 - 30, 640 - 30, 780 + 30, 640 + 30], fill=(210, 30, 30))  # the city
    d.ellipse([780 - 60, 640 - 60, 780 + 60, 640 + 60], outline=(210, 30, 30), width=6)
    d.rectangle([40, 1060, 340, 1080], fill=(60, 60, 60))  # the scale bar
    d.rectangle([190, 1060, 340, 1080], fill=(255, 255, 255), outline=(60, 60, 60), width=3)
    d.polygon([(1700, 1000), (1730, 1100), (1700, 1080), (1670, 1100)], fill=(60, 60, 60))
    im.save(path)


def _icebreaker(path: Path) -> None:
    """A panorama: an icebreaker's red hull in a field of broken ice under a low grey sky."""
    rnd = random.Random(5)
    w, h = 2400, 800
    im = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(im)
    for y in range(h // 2):
        t = y / (h / 2)
        d.line([(0, y), (w, y)], fill=(int(150 + 60 * t), int(160 + 55 * t), int(176 + 50 * t)))
    for y in range(h // 2, h):
        d.line([(0, y), (w, y)], fill=(40, 60, 80))
    for _ in range(260):  # the floes
        x, y = rnd.randint(-50, w), rnd.randint(h // 2, h)
        s = 20 + (y - h // 2) // 5
        d.polygon([(x, y), (x + s, y - s // 4), (x + 2 * s, y + s // 5), (x + s // 2, y + s // 3)],
                  fill=(236 - rnd.randint(0, 20), 242 - rnd.randint(0, 16), 248))
    d.polygon([(360, 640), (1420, 640), (1330, 780), (440, 780)], fill=(190, 30, 30))  # hull
    d.rectangle([620, 470, 1080, 640], fill=(244, 244, 240))  # superstructure
    d.rectangle([720, 380, 960, 470], fill=(244, 244, 240))
    for x in range(650, 1060, 50):
        d.rectangle([x, 500, x + 30, 530], fill=(50, 60, 70))
    d.rectangle([860, 300, 900, 380], fill=(200, 150, 40))  # funnel
    im = im.filter(ImageFilter.GaussianBlur(1.0))
    im.save(path, quality=92)


def _tea_garden(path: Path) -> None:
    """A hillside of tea in rows of green under morning mist, pickers' hats here and there."""
    rnd = random.Random(2)
    w, h = 2000, 1125
    im = Image.new("RGB", (w, h), (190, 206, 214))
    d = ImageDraw.Draw(im)
    for y in range(0, 380):  # a hazy morning sky, blue-grey
        t = y / 380
        d.line([(0, y), (w, y)], fill=(int(176 + 20 * t), int(196 + 14 * t), int(214 + 4 * t)))
    d.polygon([(0, 420), (500, 300), (1100, 380), (1600, 280), (2000, 360), (2000, 560),
               (0, 560)], fill=(150, 178, 160))  # far hills in mist
    for k, y in enumerate(range(520, h + 60, 46)):  # the rows of tea bushes
        green = (60 + (k % 3) * 14, 120 + (k % 4) * 10, 50 + (k % 2) * 12)
        pts = [(x, y + 30 * math.sin(x / 260 + k * 0.7)) for x in range(-40, w + 80, 40)]
        d.line(pts, fill=green, width=34)
    for _ in range(9):  # pickers' hats
        x, y = rnd.randint(200, 1800), rnd.randint(640, 1050)
        d.polygon([(x - 34, y), (x, y - 22), (x + 34, y)], fill=(226, 200, 140))
    im = im.filter(ImageFilter.GaussianBlur(1.4))
    im.save(path, quality=92)


def _packing(path: Path) -> None:
    """A clean packing hall: a conveyor, workers in white, boxes stacked on pallets."""
    rnd = random.Random(4)
    w, h = 1600, 1200
    im = Image.new("RGB", (w, h), (232, 234, 236))
    d = ImageDraw.Draw(im)
    for x in range(0, w, 200):  # the roof's light strips
        d.rectangle([x + 40, 40, x + 160, 70], fill=(252, 252, 240))
    d.rectangle([0, 760, w, h], fill=(170, 176, 180))  # floor
    d.rectangle([100, 600, 1500, 660], fill=(80, 90, 100))  # conveyor
    for x in range(140, 1480, 120):
        d.rectangle([x, 560, x + 80, 600], fill=(196, 160, 110))
    for x in (300, 700, 1100):  # workers
        d.ellipse([x - 40, 340, x + 40, 420], fill=(230, 196, 170))
        d.rectangle([x - 70, 420, x + 70, 600], fill=(250, 250, 250))
        d.ellipse([x - 46, 320, x + 46, 370], fill=(255, 255, 255))
    for px in (160, 1200):  # pallets of boxes
        for row in range(4):
            for col in range(3):
                x, y = px + col * 90, 1080 - row * 70
                d.rectangle([x, y - 66, x + 86, y], fill=(200 - rnd.randint(0, 20), 164, 112),
                            outline=(120, 96, 60), width=3)
    im = im.filter(ImageFilter.GaussianBlur(1.0))
    im.save(path, quality=92)


def _still(path: Path) -> None:
    """剧照: two figures on a dark stage in a cone of warm light, a window frame behind."""
    w, h = 1800, 1012
    im = Image.new("RGB", (w, h), (18, 16, 22))
    d = ImageDraw.Draw(im)
    for r in range(600, 0, -20):  # the spotlight's pool
        c = int(20 + (600 - r) * 0.28)
        d.ellipse([900 - r * 1.4, 820 - r * 0.35, 900 + r * 1.4, 820 + r * 0.35],
                  fill=(c + 40, c + 20, c))
    d.polygon([(760, 0), (1040, 0), (1300, 820), (500, 820)], fill=(70, 56, 40))
    d.rectangle([1240, 180, 1560, 520], outline=(90, 80, 70), width=14)  # window
    d.line([(1400, 180), (1400, 520)], fill=(90, 80, 70), width=10)
    for x, coat in ((760, (120, 30, 40)), (1040, (40, 50, 80))):  # two actors
        d.ellipse([x - 45, 380, x + 45, 480], fill=(220, 180, 150))
        d.polygon([(x - 90, 800), (x - 60, 480), (x + 60, 480), (x + 90, 800)], fill=coat)
    im = im.filter(ImageFilter.GaussianBlur(1.2))
    im.save(path, quality=92)


def _concert(path: Path) -> None:
    """An orchestra's stage from the hall: rows of players, lights, the audience's heads."""
    rnd = random.Random(9)
    w, h = 1600, 1200
    im = Image.new("RGB", (w, h), (30, 24, 20))
    d = ImageDraw.Draw(im)
    d.rectangle([0, 380, w, 820], fill=(150, 100, 60))  # the stage's wood
    d.rectangle([0, 0, w, 380], fill=(70, 40, 30))  # the organ wall
    for x in range(100, w, 60):
        d.rectangle([x, 60, x + 24, 360], fill=(200, 176, 120))
    for row, y in enumerate((460, 560, 660, 760)):  # players
        for x in range(120 + row * 30, w - 100, 110):
            d.ellipse([x - 20, y - 60, x + 20, y - 20], fill=(220, 186, 156))
            d.rectangle([x - 28, y - 20, x + 28, y + 30], fill=(20, 20, 20))
    for x in range(0, w, 70):  # the audience's heads
        for y in (900, 980, 1060, 1140):
            d.ellipse([x + rnd.randint(-10, 10), y, x + 56, y + 60], fill=(12, 10, 10))
    im = im.filter(ImageFilter.GaussianBlur(1.0))
    im.save(path, quality=92)


PICTURES = {
    "guoji": {"map.png": _map, "icebreaker.jpg": _icebreaker},
    "zhuanban": {"garden.jpg": _tea_garden, "packing.jpg": _packing},
    "wenyu": {"still.jpg": _still, "concert.jpg": _concert},
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
