"""Fake font metrics for composer tests: Han 1 em, marks 1 em with ink on the GB side,
Latin and digits ½ em — round numbers, so expected lines can be written by hand."""

from spread.compose.classes import CLOSING, HALF_CENTRED, OPENING


class FakeFont:
    def advance(self, ch: str) -> float:
        if ch in HALF_CENTRED and ch in "·":
            return 0.3
        return 0.5 if ch.isascii() else 1.0

    def blank(self, ch: str) -> tuple[float, float]:
        if ch in OPENING:
            return (0.5, 0.05)
        if ch in CLOSING:
            return (0.05, 0.5)
        if ch == "·":
            return (0.1, 0.1)
        return (0.0, 0.0)


def fonts(_role: str) -> FakeFont:
    return FakeFont()
