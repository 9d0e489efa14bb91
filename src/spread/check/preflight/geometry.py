"""Affine matrices (PDF's row-vector convention) and axis-aligned boxes, in points."""

from __future__ import annotations

Matrix = tuple[float, float, float, float, float, float]
Box = tuple[float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
TOLERANCE = 0.01  # pt, for box nesting


def mul(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF's row-vector convention: m × n)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def bbox(points) -> Box | None:
    points = list(points)
    if not points:
        return None
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def intersect(a, b):
    if a is None or b is None:
        return a if b is None else b if a is None else None
    box = (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))
    return box if box[0] < box[2] and box[1] < box[3] else None


def overlap(a, b, least: float = 0.05):
    """The common part of two boxes; boxes that only touch (glyphs set side by side, within
    rounding) do not overlap."""
    box = (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))
    return box if box[0] + least < box[2] and box[1] + least < box[3] else None


def norm(box) -> Box:
    x0, y0, x1, y1 = box
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def inside(a, b, tol: float = TOLERANCE) -> bool:
    return (a[0] >= b[0] - tol and a[1] >= b[1] - tol and a[2] <= b[2] + tol
            and a[3] <= b[3] + tol)


def area_scale(m: Matrix) -> float:
    """How much the matrix scales lengths, on average (the root of its determinant)."""
    return abs(m[0] * m[3] - m[1] * m[2]) ** 0.5
