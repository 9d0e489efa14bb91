"""The newcomer's pictures, round 12, drawn with Pillow (nothing downloaded): the photo
page's night on the power line (a wide frame across the page), four small frames of the
winter night's other workers (a sweeper at dawn, a track inspector's lamp on the snow, the
last bus, a clinic's lit window) and the photographer's own portrait frame (a lineman's
frosted face, upright). `draw(name, folder)` writes an edition's into `folder/photos/`."""

from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter


def _sky(d: ImageDraw.ImageDraw, w: int, h: int, top: tuple, bottom: tuple) -> None:
    for y in range(h):
        t = y / max(1, h - 1)
        d.line([(0, y), (w, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))


def _snow(d: ImageDraw.ImageDraw, rnd: random.Random, w: int, h: int, n: int) -> None:
    for _ in range(n):
        x, y, r = rnd.randint(0, w), rnd.randint(0, h), rnd.choice((2, 3, 3, 4))
        d.ellipse([x - r, y - r, x + r, y + r], fill=(236, 240, 248))


def _line(path: Path) -> None:
    """A pylon against the night sky in snow, two linemen on its arm with head-lamps, the
    conductors sagging away to the next tower, the town's lights far below."""
    rnd = random.Random(12)
    w, h = 2400, 1200
    im = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(im)
    _sky(d, w, h, (18, 26, 52), (64, 76, 110))
    for _ in range(90):  # the town's lights along the foot
        x, y = rnd.randint(0, w), rnd.randint(h - 160, h - 40)
        d.rectangle([x, y, x + 6, y + 4], fill=(250, 206, 120))
    d.polygon([(0, h), (0, h - 120), (700, h - 200), (1500, h - 140), (w, h - 220), (w, h)],
              fill=(214, 222, 236))  # the snowy ridge
    cx = 1100  # the pylon: two legs, cross-bracing, two arms
    d.line([(cx - 180, h - 170), (cx - 40, 160)], fill=(30, 34, 44), width=14)
    d.line([(cx + 180, h - 170), (cx + 40, 160)], fill=(30, 34, 44), width=14)
    for k in range(9):
        y0, y1 = h - 170 - k * 100, h - 270 - k * 100
        xl0, xl1 = cx - 180 + k * 15.5, cx - 180 + (k + 1) * 15.5
        d.line([(xl0, y0), (2 * cx - xl1, y1)], fill=(40, 44, 56), width=6)
        d.line([(2 * cx - xl0, y0), (xl1, y1)], fill=(40, 44, 56), width=6)
    for y, reach in ((250, 420), (400, 360)):
        d.line([(cx - reach, y), (cx + reach, y)], fill=(30, 34, 44), width=12)
        for side in (-1, 1):  # the conductors sagging out of the frame
            x0 = cx + side * reach
            pts = [(x0 + side * s, y + 60 + 120 * math.sin(math.pi * s / 1800))
                   for s in range(0, 1300, 20)]
            d.line(pts, fill=(120, 126, 140), width=4)
    for x in (cx - 300, cx + 240):  # the linemen, head-lamps lit
        d.rectangle([x, 190, x + 34, 250], fill=(230, 120, 30))
        d.ellipse([x + 2, 158, x + 32, 190], fill=(240, 240, 236))
        d.pieslice([x - 260, 100, x + 40, 260], -20, 20, fill=(255, 246, 200))
    _snow(d, rnd, w, h, 700)
    im.filter(ImageFilter.GaussianBlur(1.2)).save(path, quality=92)


def _sweeper(path: Path) -> None:
    """Dawn on a wide street: a sweeper in an orange vest pushing snow to the kerb, the
    street lamps still lit, the shop shutters down."""
    rnd = random.Random(3)
    w, h = 1600, 1200
    im = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(im)
    _sky(d, w, h // 2, (70, 90, 140), (236, 180, 150))
    d.rectangle([0, h // 2, w, h], fill=(226, 230, 238))
    for x in range(0, w, 220):  # the shutters
        d.rectangle([x + 10, h // 2 - 260, x + 200, h // 2], fill=(120, 116, 122))
        for y in range(h // 2 - 250, h // 2, 18):
            d.line([(x + 14, y), (x + 196, y)], fill=(100, 96, 104), width=3)
    for x in (200, 800, 1400):  # lamps
        d.line([(x, h // 2 + 60), (x, h // 2 - 360)], fill=(50, 54, 60), width=10)
        d.ellipse([x - 26, h // 2 - 390, x + 26, h // 2 - 340], fill=(255, 222, 140))
    x, y = 760, 640  # the sweeper and the broom
    d.ellipse([x, y, x + 70, y + 70], fill=(200, 160, 130))
    d.rectangle([x - 10, y + 70, x + 80, y + 260], fill=(240, 110, 30))
    d.rectangle([x - 10, y + 150, x + 80, y + 170], fill=(230, 230, 90))
    d.rectangle([x, y + 260, x + 30, y + 380], fill=(40, 44, 70))
    d.rectangle([x + 44, y + 260, x + 74, y + 380], fill=(40, 44, 70))
    d.line([(x + 70, y + 120), (x + 300, y + 400)], fill=(110, 80, 50), width=10)
    d.polygon([(x + 260, y + 380), (x + 360, y + 360), (x + 380, y + 420), (x + 270, y + 440)],
              fill=(150, 120, 70))
    _snow(d, rnd, w, h, 200)
    im.filter(ImageFilter.GaussianBlur(1.0)).save(path, quality=92)


def _tracks(path: Path) -> None:
    """Night on the snowed-in tracks: two rails running to a point, an inspector's lamp
    throwing a pool of light, his hammer raised."""
    rnd = random.Random(4)
    w, h = 1600, 1200
    im = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(im)
    _sky(d, w, h // 3, (10, 14, 30), (40, 50, 80))
    d.rectangle([0, h // 3, w, h], fill=(150, 160, 184))
    d.ellipse([300, 640, 1300, 1100], fill=(236, 232, 210))  # the lamp's pool
    for k in range(0, 24):  # the sleepers
        t = k / 24
        y = h // 3 + (h - h // 3) * t * t
        half = 60 + 700 * t * t
        d.line([(w / 2 - half, y), (w / 2 + half, y)], fill=(90, 80, 70), width=int(4 + 16 * t))
    for side in (-1, 1):
        d.line([(w / 2 + side * 40, h // 3), (w / 2 + side * 560, h)], fill=(60, 64, 74), width=14)
    x, y = 1040, 560  # the inspector
    d.ellipse([x, y, x + 64, y + 64], fill=(190, 150, 120))
    d.rectangle([x - 10, y + 64, x + 74, y + 250], fill=(30, 60, 120))
    d.rectangle([x, y + 250, x + 28, y + 380], fill=(20, 24, 40))
    d.rectangle([x + 46, y + 250, x + 74, y + 380], fill=(20, 24, 40))
    d.line([(x - 10, y + 100), (x - 90, y + 20)], fill=(80, 80, 90), width=10)  # the hammer
    d.rectangle([x - 120, y, x - 70, y + 24], fill=(70, 70, 80))
    d.ellipse([x + 70, y + 150, x + 120, y + 200], fill=(255, 240, 170))  # the lamp
    _snow(d, rnd, w, h, 300)
    im.filter(ImageFilter.GaussianBlur(1.0)).save(path, quality=92)


def _bus(path: Path) -> None:
    """The last bus at a snowy stop at night: its lit windows, the driver at the wheel, one
    passenger climbing in."""
    rnd = random.Random(5)
    w, h = 1600, 1200
    im = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(im)
    _sky(d, w, h, (14, 20, 40), (50, 56, 80))
    d.rectangle([0, 900, w, h], fill=(210, 216, 228))
    d.rounded_rectangle([160, 420, 1440, 900], radius=40, fill=(30, 140, 90))
    for x in range(240, 1380, 160):  # the lit windows
        d.rectangle([x, 480, x + 130, 640], fill=(255, 236, 170))
    d.ellipse([270, 520, 320, 570], fill=(90, 70, 60))  # the driver
    d.rectangle([262, 570, 330, 640], fill=(40, 60, 110))
    d.rectangle([1180, 680, 1300, 900], fill=(255, 236, 170))  # the door, a passenger
    d.ellipse([1210, 700, 1250, 740], fill=(180, 140, 110))
    d.rectangle([1200, 740, 1260, 860], fill=(150, 40, 40))
    for x in (320, 1180):
        d.ellipse([x, 850, x + 110, 960], fill=(20, 20, 24))
    d.rectangle([180, 440, 400, 470], fill=(250, 200, 60))  # the destination board
    _snow(d, rnd, w, h, 400)
    im.filter(ImageFilter.GaussianBlur(1.0)).save(path, quality=92)


def _clinic(path: Path) -> None:
    """A township clinic's one lit window in the snow at midnight, a nurse's shape in it,
    the red cross over the door."""
    rnd = random.Random(6)
    w, h = 1600, 1200
    im = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(im)
    _sky(d, w, h, (8, 12, 28), (36, 40, 62))
    d.rectangle([0, 880, w, h], fill=(200, 206, 222))
    d.rectangle([260, 380, 1340, 900], fill=(150, 146, 150))  # the clinic
    d.polygon([(220, 390), (800, 200), (1380, 390)], fill=(90, 70, 70))
    d.polygon([(220, 390), (800, 190), (1380, 390), (1380, 410), (800, 214), (220, 410)],
              fill=(236, 240, 248))  # snow on the roof
    for x in (340, 1020):
        d.rectangle([x, 500, x + 240, 700], fill=(60, 64, 80))
    d.rectangle([680, 500, 920, 700], fill=(255, 238, 180))  # the lit window
    d.ellipse([770, 560, 820, 610], fill=(120, 100, 90))
    d.rectangle([760, 610, 830, 700], fill=(244, 244, 250))
    d.rectangle([740, 740, 860, 900], fill=(80, 60, 50))  # the door, the cross
    d.rectangle([790, 715, 810, 765], fill=(210, 30, 30))
    d.rectangle([775, 730, 825, 750], fill=(210, 30, 30))
    _snow(d, rnd, w, h, 350)
    im.filter(ImageFilter.GaussianBlur(1.0)).save(path, quality=92)


def _frost(path: Path) -> None:
    """Upright: a lineman's face under his helmet, frost on his eyebrows and the scarf over
    his chin, the head-lamp's glow on one cheek."""
    rnd = random.Random(7)
    w, h = 1200, 1600
    im = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(im)
    _sky(d, w, h, (24, 30, 56), (70, 80, 110))
    d.ellipse([330, 420, 870, 1080], fill=(206, 160, 130))  # the face
    d.chord([290, 300, 910, 760], 180, 360, fill=(240, 200, 40))  # the helmet
    d.rectangle([290, 520, 910, 560], fill=(220, 180, 30))
    d.ellipse([560, 340, 640, 420], fill=(255, 250, 220))  # the head-lamp
    for x0 in (420, 640):  # eyes, frosted brows
        d.ellipse([x0, 700, x0 + 110, 750], fill=(40, 30, 30))
        for _ in range(40):
            x, y = rnd.randint(x0 - 10, x0 + 120), rnd.randint(650, 690)
            d.ellipse([x - 4, y - 4, x + 4, y + 4], fill=(240, 244, 250))
    d.rectangle([300, 930, 900, 1200], fill=(150, 30, 40))  # the scarf
    d.rectangle([200, 1200, 1000, h], fill=(230, 110, 30))  # the jacket
    _snow(d, rnd, w, h, 300)
    im.filter(ImageFilter.GaussianBlur(1.0)).save(path, quality=92)


_PICTURES = {
    "tupian": {"line.jpg": _line, "sweeper.jpg": _sweeper, "tracks.jpg": _tracks,
               "bus.jpg": _bus, "clinic.jpg": _clinic, "frost.jpg": _frost},
}


def draw(name: str, folder: Path) -> None:
    photos = Path(folder) / "photos"
    photos.mkdir(exist_ok=True)
    for file, make in _PICTURES[name].items():
        make(photos / file)


if __name__ == "__main__":
    import sys

    for name in sys.argv[1:] or _PICTURES:
        draw(name, Path(__file__).parent / name)
