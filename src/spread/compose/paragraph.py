"""The paragraph composer: styled runs + rules + font metrics → justified lines.

Steps, each a function below: prepare (per-character widths, trims, glue, break
opportunities), break (best fit over the whole paragraph: push in before push out, no
orphan), justify (shrink then expand, exact to the measure). Pure: no ReportLab, no files, no clock.
References: clreq (W3C) §3.1.7 prohibition rules, §3.2 punctuation adjustment, §3.8
justification; GB/T 15834-2011 §5.1.10 half-width line-end marks.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import Callable, Mapping

from spread.compose.classes import (CALENDAR, HALF_CENTRED, INTERPUNCTS, KAIMING_FULL, NO_END,
                                    NO_START, STOPS, facts, holds, is_fullwidth_form, is_han,
                                    is_opening, opens_option, tokens, unit_length)
from spread.compose.hyphenate import hyphen_points
from spread.compose.model import FontMetrics, Glyph, Line, Rules, Run, Style

EPS = 1e-6
HALF = 0.5  # em
WORD_SPACE = (1 / 4, 1 / 3)  # shrink limit, natural, in em
# GB/T 15835—2011 §5.1.3: a long number's digits grouped by a space (12 480 000) are
# grouped by a quarter of a Han character, fixed — never a word space that justification
# opens or a line breaks at
GROUP_SPACE = 1 / 4  # em
IDEOGRAPHIC_SPACE = "\u3000"
LATIN_SHRUNK = 1 / 8  # the least a CJK–Latin space shrinks to, in em
# Justification opens every gap of a line by the same amount (its spacing, em per gap):
# between Han, beside a mark, at a CJK–Latin space and at a word space alike — never inside
# a word, number, code or address, nor between two narrow characters but at a word space.
# A CJK–Latin space opened before the Han gaps (JLREQ's way) puts the line's spread into
# its fewest gaps, where the eye — and the meter, which measures extra space per gap over
# every gap a justification opens — sees it most (程 78.6 公: ½ em beside Han at 0.09).
# line costs (squared ems): pushing punctuation in is cheaper than spacing a line out,
# clreq's order; an orphan or a line that cannot be justified costs more than any spacing
SHRINK = 6.0
STRETCH = 1.0  # per (0.05 em of extra space in every gap)²
# spacing beyond a tenth of an em per gap shows as a loose line: such a line costs a step
# more (one loose line is better than two) and ten times more per step of spacing, so the
# breaker takes a hyphen, a squeezed mark or a number's unit to the next line before it
LOOSE_FROM = 0.1
LOOSE_STEP = 20.0
LOOSE = 10.0
HYPHEN = 30.0  # a hyphenated line end: worth it against a line looser than ~0.16 em
URL_BREAK = 200.0  # a URL or an e-mail address broken before a dot or an @, after a slash
# a standard's number broken at its space (ISO / 9001:2015): read as one word, so only where
# it is longer than the line
CODE_BREAK = 1_000.0
LETTER_SPACED = 100.0  # a line of one word fragment justified by spacing its letters
KEEP = 600.0  # a number cut from its unit (1,234.5万 / 元): only against a line past the
# ceiling below (GB/T 15835: a last resort, counted; the issue allows one in a hundred
# lines), and dearer than a few lines each a little loose
INSIDE_UNIT = 2 * KEEP  # ... or inside its unit word (32微 / 克): a word split, dearer
# than the cut before it (32 / 微克), which leaves the unit whole
RANGE_CUT = 200.0  # a range cut after its dash (2021— / 2025年): each number stays whole and
# GB/T 15834 lets the 连接号 end a line; counted with the unit breaks
DATE_CUT = 800.0  # a date cut between its month and its day (11月 / 1日): the very last
# resort, counted with the unit breaks (a date is read as one unit, issue 16)
YEAR_DATE_CUT = KEEP  # ... or between its year and its month (2025年 / 12月1日), as dear as
# a number cut from its unit: each part is a date still
# A line spread past a quarter em per gap is what a proofreader marks (issue 13's ceiling):
# it costs more than any counted last-resort break, so the breaker cuts a range after its
# dash, a number from its unit or, last, a date rather than set one
CEILING = 0.25
OVER_CEILING = 1_000.0
# ... and before its year (GB/T 15834— / 2011) only where its space would leave a line past
# the ceiling: this costs what such a line costs more than one within it
YEAR_CUT = CODE_BREAK + OVER_CEILING
# A number grouped by spaces broken at a group space (6222 0200 1234 / 5678): each group
# stays whole, but the number is split (GB/T 15835—2011 keeps a value on one line), so only
# where no setting keeps it whole — a bank card's number inside its brackets at 9字 — never
# against any spacing; a break where the measure runs out inside a group (12 / 34) is worse
GROUP_BREAK = 100_000.0
# where the composer counts the fewest cuts a paragraph needs: a cut costs more than any
# spacing, a line past the ceiling more than any cuts, a broken rule (FORCED) more still
CUT_PROOF = 1e6
OVER_PROOF = 1e9
# A transliterated name's parts joined by the 间隔号 (穆罕默德·阿里, 约翰·菲茨杰拉德·肯尼迪)
# are kept whole: a compositor does not strand one character of a part with its mark (阿 /
# 里, 约翰·菲 / 茨杰拉德). Such a break costs more than cutting a range after its dash, less
# than cutting a number from its unit: it is taken only against a line spread past about
# 0.2 em, or two near it. Where a name's first part begins and its last ends is not known
# (拳王穆罕默德, 肯尼迪总统), nor whether the mark joins a name or a slogan's phrases
# (匠人匠心·爱我奉化), so a break further from the mark costs nothing: a cost falling with
# the distance would only push the break on, into the next word (爱我奉 / 化). Ending a
# line on the mark costs a little (GB/T 15834 §5.1.6 allows it)
NAME_PART = 300.0
NAME_MARK = 10.0
ORPHAN = 1_000.0
RAGGED = 1_000.0
FORCED = 1e12
LOOSEST = 4.0  # em: a line this far short of the measure is tried only when nothing else fits
# A line-end mark keeps a hair over half an em: PDF readers measure a glyph by its font
# advance, so a mark trimmed exactly to ½ em reads as sticking out exactly ½ em, the
# threshold at which proofreading tools call the other lines short. 0.02 em is invisible.
LINE_END_KEEP = 0.02
# Tracking a whole line in (紧排): every gap between characters that may be spaced gives
# up to a sixteenth of an em, cheaply at first — the eye does not see it — and before any
# lone mark is squeezed; it never applies inside a word, a number, a code or a dash
TRACK_IN = 1 / 16  # em per gap
TRACK = 2.0  # per (0.05 em taken from every gap)²
# A lone mid-line mark squeezed is a bounded last resort (clreq §3.2, issue 13 item 12): it
# costs a step and more per quarter em than tracking a line in, less than a loose line
MARK_STEP = 8.0
MARK = 64.0  # per em², a quarter em: 4
LONE = 0.25  # em a lone mid-line mark may give up in push-in
DEEPEST = 0.35  # em it may give up against a loose line: it stays nearer ¾ em than ½
DEEP = 20.0  # a lone mark squeezed past ¾ em: only against a loose line
# Glyph scaling (the compositor's 长体/扁体 on one line, as InDesign's glyph scaling does for
# justification): a justified line's glyphs may be set up to SCALING narrower — after its
# spaces and tracking in, before any lone mark is squeezed — so that it takes the character
# that would otherwise leave it, or the next line, loose; or up to SCALING wider once its
# gaps have opened by SCALE_FROM, so that a line that cannot take another character does
# not open its gaps past a tenth of an em. Bounded so the eye cannot tell the line from its
# neighbours; each scaled line is reported (Line.scaled, the build's notes, the meter).
SCALING = 0.05  # the bound: glyphs at 95% to 105% of their width
# A line that would still open its gaps past WIDEN_FROM, just short of where a line reads
# as loose (LOOSE_FROM), widens its glyphs further, to WIDENING, before its gaps open more:
# 8% wider is less visible than a loose line (one that can neither take the next character
# nor give one away: a unit too long to join it follows, seven characters on an 8-em line)
WIDEN_FROM = 0.09
WIDENING = 0.08
SCALE_FROM = 0.08  # em per gap a loose line opens before its glyphs are widened
# ... and narrower to CONDENSING, the mirror of WIDENING, as the very last squeeze of a line
# (after its lone marks): a line set at 93% is less visible than one a hair too long for the
# measure sending its last unit on to set this line or the next one loose past the ceiling
CONDENSING = 0.07
CONDENSED_DEEP = 300.0
SCALED_STEP = 6.0  # a scaled line costs more than a tracked or slightly spaced one ...
# ... once its scaling shows: under 1% it pays that step in proportion (a line 0.7% wider
# is not seen, and must not cost more than its neighbour tracked in by a sixteenth)
SCALED = 1.0  # per (1% of scaling)²
# A line holding nothing but a token or its fragment opens no gap. Its glyphs widen to fill
# it, to WIDENING; failing that, a word's fragment (hyphenated) is justified by spacing its
# letters: a short line in mid paragraph would read as the paragraph's end. An address or
# a code is never letter-spaced (issue 13): its fragment is set flush left, and costs what
# it would if its letters were spaced, so that an address or a code breaks only to fill its
# lines (GB/T / 15834—2011 on a line too short for it; an address too long for any line),
# never to spare the line before it (editor@example.com, which fits a line, is not broken
# into @example / .com to leave 全年受理问题 less loose: the meter counts that break as a last
# resort the composer chose, and the loose line as forced by the address)
SPACED_ALONE = frozenset({"word", "code", "url", "email"})
# Western token kinds: their Latin edges take the CJK–Latin space (a dash run does not)
WESTERN = frozenset({"url", "email", "code", "word", "figure", "date", "unit"})
SHORT = SPACED_ALONE - {"word"}  # token kinds whose fragment is set short, not spaced


@dataclass
class _Prepared:
    """Per-character facts of one paragraph, all in pt."""

    text: str
    styles: list[Style]
    em: list[float]  # the horizontal em of each character (size × scale)
    width: list[float]  # box width after contextual trims
    trim_left: list[float]  # blank cut from the left of the glyph (origin moves left)
    end_trim: list[float]  # extra trim when the character ends a line
    start_trim: list[float]  # extra trim when the character starts a line
    squeeze: list[float]  # a word space's squeeze, to ¼ em
    shrink: list[float]  # a lone mark's squeeze by up to a quarter em
    shrink_last: list[float]  # squeeze of 。？！, used only when the rest is not enough
    shrink_deep: list[float]  # a lone mark's squeeze beyond a quarter em: a last resort
    glue: list[float]  # space after the character, inside a line
    glue_shrink: list[float]
    opens: list[bool]  # the gap after the character opens in justification (see WORD_SPACE)
    trackable: list[bool]  # may it be tracked in (not a CJK–Latin space, not at a word space)
    breakable: list[bool]  # may a line end after the character
    keep: list[bool]  # a line end after the character is a counted last resort: a number
    # cut from its unit, a range after its dash, a date, an address or a standard's number
    penalty: list[float]  # what a line end after the character costs by itself
    kind: list[str]  # the kind of the token the character is in ("" outside one)
    hyphen: list[float]  # a line end after the character adds a hyphen this wide (pt)
    unnamed: list[float]  # the penalties without the costs of breaking inside a name
    long: list[bool]  # in an address or a code longer than the measure: it must break
    within: list[bool]  # the character and the next are of one token
    over: float = OVER_CEILING  # what a line spread past the ceiling costs

    def __len__(self) -> int:
        return len(self.text)


def compose(runs: list[Run], rules: Rules,
            metrics: Mapping[str, FontMetrics] | Callable[[str], FontMetrics]) -> list[Line]:
    """Set a paragraph. Every character of the runs appears exactly once, in order."""
    if not any(r.text for r in runs):
        return []
    fonts = metrics if callable(metrics) else metrics.__getitem__
    p = _prepare(runs, rules, fonts)
    spans = _break(p, rules)
    lines = _set_lines(p, rules, spans)
    if p.unnamed is not p.penalty and _past_ceiling(p, rules, spans, lines):
        # the costs of breaking inside names add up over a paragraph of names: they never
        # buy a line past the ceiling that the setting blind to them avoids
        blind = _break(replace(p, penalty=p.unnamed), rules)
        blind_lines = _set_lines(p, rules, blind)
        if _past_ceiling(p, rules, blind, blind_lines) < _past_ceiling(p, rules, spans, lines):
            spans, lines = blind, blind_lines
    past = _past_ceiling(p, rules, spans, lines)
    if past:
        # a line past the ceiling only where no setting of the paragraph avoids it (issue
        # 13): a setting within it, cutting a unit or an address if it must, is taken
        # before any line past it, whatever their costs sum to
        within = _break(p, rules, ceiling=CEILING)
        if _broken(within) <= _broken(spans):
            spans, lines, past = within, _set_lines(p, rules, within), 0
        else:
            lines = [replace(ln, unavoidable=ln.spacing > CEILING) for ln in lines]
    cuts = sum(ln.split_keep for ln in lines)
    fewest = _fewest_cuts(p, rules, _proof_ceiling(lines), _broken(spans)) if cuts else None
    if fewest is not None:
        # a counted cut is a last resort too: where a setting no looser, with no more lines
        # past the ceiling, cuts fewer, that setting is taken — unless it condenses a line
        # past SCALING, the last squeeze, which a cut spares (www.12306.cn） at 18字)
        fewer = _set_lines(p, rules, fewest)
        least = sum(ln.split_keep for ln in fewer)
        if (_past_ceiling(p, rules, fewest, fewer), least) < (past, cuts) \
                and _condensed(fewer) <= _condensed(lines):
            lines, cuts = [replace(ln, unavoidable=ln.spacing > CEILING) for ln in fewer], least
        if least >= cuts:  # every setting no looser cuts as many
            lines = [replace(ln, cut_needed=True) if ln.split_keep else ln for ln in lines]
    return lines


def _condensed(lines: list[Line]) -> int:
    """How many lines have their glyphs set narrower than SCALING allows a clean line."""
    return sum(ln.scaled < -SCALING - 1e-3 for ln in lines)


def _proof_ceiling(lines: list[Line]) -> float:
    """The spacing the settings a cut is weighed against keep within: the ceiling, or where
    no setting of the paragraph keeps within it, the loosest of its lines (回眸2021— after
    a 2-em indent at 9字, 0.46 em: 回眸 alone would open 4.8, so every setting no looser
    cuts the range after its dash). A hair over it: a line's spacing is rounded."""
    if not any(ln.unavoidable for ln in lines):
        return CEILING
    return max(ln.spacing for ln in lines) + 1e-3


def _set_lines(p: _Prepared, rules: Rules, spans: list) -> list[Line]:
    return [_set_line(p, rules, a, b, rule, i == 0, b == len(p) - 1)
            for i, (a, b, rule) in enumerate(spans)]


def _past_ceiling(p: _Prepared, rules: Rules, spans: list, lines: list[Line]) -> int:
    """How many lines of a setting the breaker bound by the ceiling refuses: spread past
    it, or set short inside a justified paragraph — a token alone, or an address's last
    fragment whose letters would be spaced past it to fill the line (.com2025 / 年)."""
    past, widths = 0, None
    for (a, b, _rule), ln in zip(spans, lines):
        if ln.spacing > CEILING:
            past += 1
        elif not (ln.justified or ln.final) and rules.align == "justify":
            widths = widths or _Widths(p)
            natural = widths.natural(a, b)
            diff = _avail(rules, a == 0)[1] - natural
            squeezes = widths.squeezes(a, b) if diff < 0 else None
            past += _cost(p, widths, rules, a, b, diff, squeezes, CEILING) == math.inf
    return past


def _fewest_cuts(p: _Prepared, rules: Rules, ceiling: float, broken: int) -> list | None:
    """The setting of the paragraph that keeps every line within `ceiling` em a gap and
    breaks no more rules than `broken` (a number longer than any line) with the fewest
    lines past the ceiling, then the fewest counted cuts (numbers from their units, ranges
    after their dash, dates, addresses and standards' numbers inside), then at least cost:
    the breaker run again with lines past `ceiling` refused, each cut dearer than any
    spacing and each line past the ceiling dearer than any cuts (a unit with no room left
    by a long figure: 1,234,567,890.12 / 元，同比增长15%— / 20% at 9字). None where no
    such setting exists: nothing is proven then."""
    dear = replace(p, penalty=[CUT_PROOF if k else x for k, x in zip(p.keep, p.penalty)],
                   over=OVER_PROOF)
    spans = _break(dear, rules, ceiling=ceiling)
    return None if _broken(spans) > broken else spans


def _broken(spans: list) -> int:
    """How many lines of a setting could only be made by breaking a rule."""
    return sum(bool(rule) for *_, rule in spans)


# -- prepare ------------------------------------------------------------------------------

def _prepare(runs: list[Run], rules: Rules, fonts: Callable[[str], FontMetrics]) -> _Prepared:
    text = "".join(r.text for r in runs)
    styles = [r.style for r in runs for _ in r.text]
    n = len(text)
    em = [s.size * s.scale for s in styles]
    adv, blank_l, blank_r = [], [], []
    roles = {r.style.font: _measured(fonts(r.style.font)) for r in runs}
    for run in runs:  # one font and one em a run
        metrics, seen = roles[run.style.font]
        e = run.style.size * run.style.scale
        for ch in run.text:
            if ch == " ":
                adv.append(WORD_SPACE[1] * e)
                blank_l.append(0.0)
                blank_r.append(0.0)
                continue
            if ch not in seen:
                seen[ch] = (metrics.advance(ch), *metrics.blank(ch))
            a, bl, br = seen[ch]
            adv.append(a * e)
            blank_l.append(bl * e)
            blank_r.append(br * e)

    info = [facts(ch) for ch in text]
    opening = [f.opening for f in info]
    closing = [f.closing for f in info]
    mark = [o or c for o, c in zip(opening, closing)]
    trim_l = [0.0] * n
    trim_r = [0.0] * n
    found = tokens(text, "".join(f.shape for f in info))
    # a year or a share in Chinese numerals (二〇二六年) is set as the Han it is — tracked and
    # spaced alike — and broken inside only as a last resort
    numerals = [t for t in found if t.kind == "numeral"]
    found = [t for t in found if t.kind != "numeral"]
    token = [-1] * n
    for k, t in enumerate(found):
        token[t.start:t.end] = [k] * (t.end - t.start)
    if rules.first_indent > 0:
        # ideographic spaces typed at a paragraph's start as its indent (a word processor's
        # habit): the style's indent takes their place, not two indents one after the other
        for i in range(n):
            if text[i] != IDEOGRAPHIC_SPACE:
                break
            adv[i] = 0.0
    for i, ch in enumerate(text):
        half = HALF * em[i]
        if ch == " " and ((i and opening[i - 1]) or (i + 1 < n and closing[i + 1])):
            adv[i] = 0.0  # a space beside a full-width mark: the mark's blank is the space
        elif ch == " " and token[i] >= 0 and found[token[i]].kind == "figure":
            adv[i] = GROUP_SPACE * em[i]  # 12 480 000: its groups' space (see GROUP_SPACE)
        elif ch == " " and i + 1 < n and text[i + 1] == " ":
            adv[i] = 0.0  # spaces typed twice (Wi-Fi  7) are one word space: the last, which
            # vanishes where a line ends
        elif ch == " " and token[i] >= 0 and found[token[i]].kind == "date":
            adv[i] = 0.0  # 5 月 18 日 as typed is set as 5月18日: a date is one unit, tight
        elif ch == " " and token[i - 1] >= 0 and found[token[i - 1]].kind == "figure" \
                and text[i + 1:i + 2] in CALENDAR and i and unit_length(text, found[token[i - 1]]):
            adv[i] = 0.0  # ... and 9 月以来 as 9月以来: a figure that numbers is set solid
            # with its unit (see `numbers` below; not a score's: 3∶0 日本)
        elif ch in HALF_CENTRED and (token[i] < 0 or found[token[i]].kind == "date") \
                and not (ch == "/" and any(info[j].latin for j in (i - 1, i + 1) if 0 <= j < n)):
            # · and / take ½ em, centred (may pad a narrow glyph), in a date too (9·18); in
            # 3/4 or GB/T the solidus is a letter of the figure or the code and keeps its own
            # width, and so it does beside one (元/500g: a quotient of units as GB 3101—1993
            # writes one, not GB/T 15834 §4.17's 分隔号 between Han: padded, it opened a gap
            # in /500g)
            trim_l[i] = trim_r[i] = (adv[i] - half) / 2
        elif mark[i] and _set_half(ch, rules.punctuation):
            _trim_to_half(i, opening[i], adv, blank_l, blank_r, trim_l, trim_r, em)

    def full(i: int) -> bool:
        """A mark still at (about) its full em, so a GB compression may apply."""
        return mark[i] and adv[i] - trim_l[i] - trim_r[i] > 0.75 * em[i]

    # two adjacent marks that would take 2 em take 1.5 em (clreq 3.2.3)
    for i in range(n - 1):
        if not (mark[i] and mark[i + 1] and full(i) and full(i + 1)):
            continue
        if closing[i] and blank_r[i] >= HALF * em[i] - EPS:
            trim_r[i] = HALF * em[i]
        elif opening[i + 1] and blank_l[i + 1] >= HALF * em[i + 1] - EPS:
            trim_l[i + 1] = HALF * em[i + 1]

    width = [adv[i] - trim_l[i] - trim_r[i] for i in range(n)]
    end_trim, start_trim, squeeze, shrink, shrink_last, deep = ([0.0] * n for _ in range(6))
    for i, ch in enumerate(text):
        if ch == " ":
            end_trim[i] = start_trim[i] = width[i]  # a space vanishes at a line edge
            squeeze[i] = min(width[i], (WORD_SPACE[1] - WORD_SPACE[0]) * em[i])
            continue
        if ch == IDEOGRAPHIC_SPACE:
            # ... and so does an ideographic space at a line's end (a table's cells typed
            # into prose, 江北队　13胜5负　 / 积31分): kept, the line would stop an em short of
            # its measure; it never starts a line (UAX #14 BA, LB21)
            end_trim[i] = width[i]
        half = HALF * em[i]
        if closing[i]:
            # GB/T 15834 §5.1.9: a mark ending a line is set half width — also one that was
            # compressed against an opening mark the break now sends to the next line
            end_trim[i] = min(blank_r[i], half - LINE_END_KEEP * em[i]) - trim_r[i]
        if opening[i] and rules.trim_opening_at_line_start and full(i):
            start_trim[i] = min(blank_l[i], half)
        # push in: a mark beside another already shares 1.5 em with it (squeezing it
        # further would set two marks in one em); a lone mark mid-line gives a quarter em,
        # and a little more against a loose line, never so much that it reads as a
        # half-width mark (clreq §3.2: line ends and pairs first; in 全角 style a lone mark
        # keeps its full width to the eye)
        if not mark[i] or not full(i) or any(mark[j] or text[j] in HALF_CENTRED
                                              for j in (i - 1, i + 1) if 0 <= j < n):
            continue  # (a · or / beside it is a mark too: its blank is already set)
        blank = min(blank_r[i] if closing[i] else blank_l[i], DEEPEST * em[i])
        (shrink_last if ch in STOPS else shrink)[i] = min(blank, LONE * em[i])
        deep[i] = max(0.0, blank - LONE * em[i])

    glue, glue_shrink = [0.0] * n, [0.0] * n
    latin_gap = [False] * n
    stretchable = [True] * n
    breakable = [True] * n
    keep = [False] * n
    penalty = [0.0] * n
    soft = [False] * n
    hyphen = [0.0] * n
    classes = [f.cls for f in info]
    western = [f.latin for f in info]
    wide_letter = [f.wide_letter for f in info]
    narrow = [f.narrow for f in info]
    joined = [False] * n  # between a number and its unit symbol: no space, no tracking
    numbers = [False] * n  # between a figure that numbers and its unit (classes.CALENDAR)
    grouped: list = []  # figures whose digits a space groups
    for k, t in enumerate(found):
        if t.kind in WESTERN:
            for i in range(t.start, t.end):
                # (a full-width sign or hyphen before a full-width digit or letter is of
                # the full-width run: ＺＪ－０１８ takes no Han–Latin space inside)
                western[i] = not wide_letter[i] and not (
                    i + 1 < t.end and wide_letter[i + 1] and is_fullwidth_form(text[i]))
        # GB/T 15835: a number keeps its unit; cutting them is a last resort — a unit symbol
        # only from its number (140/90 / mmHg), never inside itself
        unit = found[k + 1] if k + 1 < len(found) and found[k + 1].kind == "unit" else None
        symbol = unit is not None and unit.start == t.end
        units = unit_length(text, t)
        joined[t.end - 1] = symbol
        # a figure that numbers takes no Han–figure space before its unit, whole date or
        # not (9月以来 as 9月30日): the two are set, and spread, as Han beside Han
        # (a unit of one character, 9 月 typed with its space too: 小时 and 分钟 count a
        # duration, 3 小时 40 分钟 spaced alike, where 时 and 分 name a time, 8时30分)
        numbers[t.end - 1] = units in (1, 2) and text[t.end:t.end + units].strip() in CALENDAR \
            and western[t.end - 1]
        # ... and a day and its clock time are one date (12月14日23时30分, GB/T 15835 §4.3):
        # no Han–figure space between them either
        if t.start >= 2 and text[t.start - 1] == "日" and text[t.start - 2].isdecimal() \
                and (t.kind == "date" or numbers[t.end - 1]) and western[t.start]:
            numbers[t.start - 1] = True
        # (a symbol after a space, 421 ppm: the break after that space is the cut)
        spaced = unit is not None and unit.start == t.end + 1
        for i in range(t.end - 1, t.end + spaced if unit else t.end - 1 + units):
            keep[i] = True
            penalty[i] = KEEP if i < t.end + spaced else INSIDE_UNIT
        # ... and a figure or a code too long for the line is cut after its range mark,
        # as rarely (2021— / 2025年): counted the same way
        for i in t.unit_breaks(text):
            keep[i] = True
            penalty[i] = RANGE_CUT
        for i in t.date_breaks(text):
            keep[i] = True
            penalty[i] = DATE_CUT
        for i in t.year_cuts(text):
            keep[i] = True
            penalty[i] = YEAR_DATE_CUT
        if t.hyphenable and rules.hyphenate:
            _hyphenate(text, t.start, t.end, styles, em, fonts, hyphen)
        if t.kind in ("word", "figure") and all(map(is_fullwidth_form, text[t.start:t.end])):
            # a full-width run (ＬＯＴ２０２５１２０１) is set as Han is, a full em a letter: cut
            # only as a number is cut from its unit, where it would leave a line spread
            # by ems — between its letters and digits first (ＬＯＴ / ２０２５…), then anywhere
            for i in range(t.start, t.end - 1):
                keep[i] = True
                penalty[i] = KEEP if text[i].isdecimal() != text[i + 1].isdecimal() \
                    else INSIDE_UNIT
        # an address or a standard's number broken is a last resort the meter counts with
        # the unit breaks: counted here too (keep), so the composer says where every setting
        # within the ceiling breaks as many (www.12306 / .cn where the line holds nothing else)
        if t.kind == "figure":
            grouped.append(t)  # its group spaces: below, once the line's glue is known
            continue
        for i in t.soft_breaks(text):
            soft[i] = keep[i] = True
            penalty[i] = CODE_BREAK if t.kind == "code" else URL_BREAK
        for i in t.year_breaks(text) + t.group_breaks(text):
            soft[i] = keep[i] = True
            penalty[i] = YEAR_CUT
    visible = -1  # the last character before a break that is not a space
    for i in range(n - 1):
        a, b = text[i], text[i + 1]
        if a != " ":
            visible = i
        s = styles[i]
        inside = token[i] == token[i + 1] != -1
        # no tracking and no letter-spacing inside a number, a word, a code, —— or ……
        # (nor between a sign and its operand, AU≈1.496, 30°15′N: UAX #14 LB24, LB25)
        held = holds(classes[i], classes[i + 1])
        glue[i] = 0.0 if inside or joined[i] or held else s.tracking * s.size
        if not inside and not numbers[i] and ((wide_letter[i] and western[i + 1])
                           or (western[i] and wide_letter[i + 1])):
            e = min(em[i], em[i + 1])
            glue[i] += rules.latin_space * e
            glue_shrink[i] = max(0.0, (rules.latin_space - LATIN_SHRUNK) * e)
            latin_gap[i] = True
        stretchable[i] = not inside and not joined[i] and not held
        if inside:
            breakable[i] = hyphen[i] > 0 or (a == "-" and hyphen[i] < 0) or soft[i] or keep[i]
            if hyphen[i]:
                penalty[i] = HYPHEN
            continue
        # UAX #14 as tailored: no break before a space (it is dropped after the break),
        # before a non-starter or after a non-ender — an opening mark followed by spaces too
        # (LB14); between two narrow characters only after a space or a hyphen (LB21)
        # (UAX #14 15.1 LB25 keeps an infix separator to a digit only inside a number:
        # after Han an ASCII colon or comma typed for ：，ends a clause, 电话:0571-8765)
        breakable[i] = joined[i] or not (b == " " or (classes[i + 1] in NO_START
                                                      and not opens_option(text, i + 1))
                            or (visible >= 0 and classes[visible] in NO_END)
                            or held
                            or (narrow[i] and narrow[i + 1] and a != " "
                                and classes[i] not in ("HY", "BA")
                                and not (classes[i] == "IS" and i and wide_letter[i - 1])))
    for i in range(n):
        if text[i] == " " and token[i] != -1:  # a code's space does not shrink
            squeeze[i] = 0.0
    for t in numerals:  # cut only as a number is cut from its unit: the last resort
        for i in range(t.start, t.end - 1):
            penalty[i] = max(penalty[i], KEEP)
    unnamed = penalty
    names = _name_breaks(text, wide_letter)
    if names:
        unnamed = penalty.copy()
        for i, cost in names.items():
            penalty[i] = max(penalty[i], cost)
    for tag in _HASHTAG.finditer(text):  # #话题#: its marks hold to the topic as quotes do
        breakable[tag.start()] = breakable[tag.end() - 2] = False
    widest = rules.measure - min(rules.first_indent, rules.indent)
    for t in grouped:
        for i in _group_breaks(t, text, width, glue, breakable, start_trim, end_trim, widest):
            breakable[i] = keep[i] = True
            penalty[i] = GROUP_BREAK
    breakable[n - 1] = True
    keep[n - 1] = False
    penalty[n - 1] = 0.0
    # tracking in takes from the gaps between characters set solid, never from a CJK–Latin
    # space (it has its own least, ⅛ em) nor beside a word space (¼ em)
    # (a figure's group space is fixed: see GROUP_SPACE)
    spaced = [ch == " " and w > 0 and not (token[i] >= 0 and found[token[i]].kind == "figure")
              for i, (ch, w) in enumerate(zip(text, width))]
    # (nor before the first of spaces typed twice: at a line's end, tracking there would
    # move nothing but the spaces that vanish)
    # (nor between two narrow characters: that is letter-spacing, ... or ?! typed in ASCII)
    # (and inside a full-width run, which is set as Han is: ＺＪ－０１８ tracks in as 文件编号)
    trackable = [(stretchable[i] or is_fullwidth_form(text[i]) and is_fullwidth_form(text[i + 1]))
                 and not latin_gap[i] and not spaced[i] and not spaced[i + 1]
                 and text[i + 1:i + 3] != "  " and not (narrow[i] and narrow[i + 1])
                 for i in range(n - 1)] + [False]
    # a word space opens once, after it (also in a code: ISO 12647-3); two narrow characters
    # never (Latin, a comma after a word: letter-spacing)
    opens = [spaced[i] or (stretchable[i] and text[i + 1] != " "
                           and not (narrow[i] and narrow[i + 1]))
             for i in range(n - 1)] + [False]
    hyphen = [max(0.0, h) for h in hyphen]
    hyphen[n - 1] = 0.0
    long = [False] * n
    for t in found:
        if t.kind in ("url", "email", "code") and sum(width[t.start:t.end]) + sum(
                glue[t.start:t.end - 1]) - start_trim[t.start] - end_trim[t.end - 1] > widest + EPS:
            long[t.start:t.end] = [True] * (t.end - t.start)
    for i in range(n):
        end_trim[i] -= hyphen[i]  # a hyphenated line end is wider by its hyphen
    return _Prepared(text, styles, em, width, trim_l, end_trim, start_trim, squeeze, shrink,
                     shrink_last, deep, glue, glue_shrink, opens, trackable,
                     breakable, keep, penalty,
                     [found[t].kind if t >= 0 else "" for t in token], hyphen, unnamed, long,
                     [token[i] == token[i + 1] != -1 for i in range(n - 1)] + [False])


# A topic tagged as social media print it, between two number signs (#我的诗词时刻#): the
# opening # does not end a line nor the closing one start it, as with a pair of quotes; a #
# after a letter or figure is no tag's (C#, 3#楼)
_HASHTAG = re.compile(r"(?<![A-Za-z0-9#])#[^\s#]{1,40}#")

_MEASURED: dict[int, tuple[FontMetrics, dict]] = {}  # id → (metrics, char → its metrics)


def _measured(metrics: FontMetrics) -> tuple[FontMetrics, dict]:
    """A font's metrics with what the composer has asked of it, kept between paragraphs
    (a page asks the same few fonts for the same characters thousands of times); the
    metrics object is held, so its id is not reused, and only the last few are kept."""
    if id(metrics) not in _MEASURED:
        if len(_MEASURED) >= 16:
            del _MEASURED[next(iter(_MEASURED))]
        _MEASURED[id(metrics)] = (metrics, {})
    return _MEASURED[id(metrics)]


def _hyphenate(text, a, b, styles, em, fonts, hyphen) -> None:
    """Mark where a Latin word may be hyphenated: the width of the hyphen it then takes,
    or -1 after a hyphen the word already has (the break adds nothing)."""
    for k in hyphen_points(text[a:b]):
        i = a + k - 1
        if text[i] == "-":
            hyphen[i] = -1.0
        else:
            hyphen[i] = fonts(styles[i].font).advance("-") * em[i]


def _group_breaks(t, text: str, width: list[float], glue: list[float], breakable: list[bool],
                  start_trim: list[float], end_trim: list[float], widest: float) -> list[int]:
    """Where a number grouped by spaces (6222 0200 1234 5678) may break: at its group spaces
    (Token.soft_breaks), and only where no line holds it whole with the marks that cannot
    be parted from it (（6222 0200 1234 5678）at 9字). A number a line can hold is never
    broken (0571-8888 6666: GB/T 15835 keeps a value on one line)."""
    spaces = t.soft_breaks(text)
    if not spaces:
        return []
    a, b = t.start, t.end - 1
    while a > 0 and not breakable[a - 1]:
        a -= 1
    while b < len(text) - 1 and not breakable[b]:
        b += 1
    whole = sum(width[a:b + 1]) + sum(glue[a:b]) - start_trim[a] - end_trim[b]
    return spaces if whole > widest + EPS else []


def _name_breaks(text: str, wide_letter: list[bool]) -> dict[int, float]:
    """What a line end after each character costs for splitting a name at its 间隔号 (see
    NAME_PART): on the mark, and one Han from it inside the Han either side."""
    costs: dict[int, float] = {}
    for d, ch in enumerate(text):
        if ch not in INTERPUNCTS:
            continue
        costs[d] = max(costs.get(d, 0.0), NAME_MARK)
        if d >= 2 and all(wide_letter[d - 2:d]):  # 穆罕默 / 德·阿里
            costs[d - 2] = NAME_PART
        if d + 2 < len(text) and all(wide_letter[d + 1:d + 3]):  # 穆罕默德·阿 / 里
            costs[d + 1] = NAME_PART
    return costs


def _set_half(ch: str, style: str) -> bool:
    if style == "半角":
        return True
    if style == "开明":
        return ch not in KAIMING_FULL
    return False


def _trim_to_half(i, opening, adv, blank_l, blank_r, trim_l, trim_r, em) -> None:
    """Cut a mark to ½ em from its blank side, never into its ink."""
    need = adv[i] - HALF * em[i]
    if opening:
        trim_l[i] = min(blank_l[i], need)
        trim_r[i] = min(blank_r[i], need - trim_l[i])
    else:
        trim_r[i] = min(blank_r[i], need)
        trim_l[i] = min(blank_l[i], need - trim_r[i])


# -- break --------------------------------------------------------------------------------

class _Widths:
    """Prefix sums so any candidate line's natural and minimum widths cost O(1)."""

    def __init__(self, p: _Prepared):
        self.p = p
        self.last = len(p) - 1
        self.w = _prefix(p.width)
        self.g = _prefix(p.glue)
        self.sq = _prefix(p.squeeze)
        self.gs = _prefix(p.glue_shrink)
        marks = [a + b for a, b in zip(p.shrink, p.shrink_last)]
        self.mk = _prefix(marks)
        self.sd = _prefix(p.shrink_deep)
        self.marks = marks
        # the ems of the gaps a line opens in justification
        self.gaps = _prefix([e if x else 0.0 for e, x in zip(p.em, p.opens)])
        # the ems of the gaps a line may be tracked in at (each gap by its own em)
        self.track = _prefix([e if x else 0.0 for e, x in zip(p.em, p.trackable)])
        # ... less the gap before a line's last character where it vanishes (_before_end)
        self.end_gap = [0.0] + [_before_end(p, b - 1, b, p.opens) for b in range(1, len(p))]
        self.end_track = [0.0] + [_before_end(p, b - 1, b, p.trackable)
                                  for b in range(1, len(p))]
        # the width of a line's glyphs (its spaces left out: they have their own squeeze),
        # as set with its edge trims, is ink_to[b] - ink_from[a]: the bound of SCALING
        ink = _prefix([0.0 if ch == " " else w for ch, w in zip(p.text, p.width)])
        self.ink_from = [x if ch == " " else x + t for x, ch, t in zip(ink, p.text, p.start_trim)]
        self.ink_to = [x if ch == " " else x - t for x, ch, t in zip(ink[1:], p.text, p.end_trim)]
        # where each line would end at natural width, before edge trims: never decreasing
        self.reach = [w + g for w, g in zip(self.w[1:], self.g)]

    def first_within(self, a: int, width: float) -> int:
        """The first character a line from `a` could end on and still be `width` wide."""
        origin = self.w[a] + self.g[a]
        return max(a, min(bisect.bisect_left(self.reach, origin + width), len(self.reach) - 1))

    def natural(self, a: int, b: int) -> float:
        p = self.p
        inner = self.w[b + 1] - self.w[a] + self.g[b] - self.g[a]
        if a == b:
            return inner - max(p.start_trim[a], p.end_trim[b])
        return inner - p.start_trim[a] - p.end_trim[b]

    def tracking(self, a: int, b: int) -> float:
        """The sum of the ems of the gaps inside [a, b] that may be tracked in."""
        return self.track[b] - self.track[a] - (self.end_track[b] if b > a else 0.0)

    def opened(self, a: int, b: int) -> float:
        """The sum of the ems of the gaps inside [a, b] that open in justification."""
        return self.gaps[b] - self.gaps[a] - (self.end_gap[b] if b > a else 0.0)

    def glyphs(self, a: int, b: int) -> float:
        """The width of the glyphs of the line [a, b] as set (its spaces left out)."""
        return self.ink_to[b] - self.ink_from[a] if b != a else self.p.width[a]

    def squeezes(self, a: int, b: int
                  ) -> tuple[float, float, float, float, float, float, float]:
        """What the line [a, b] may give up, in the order it gives it: its word spaces,
        tracking in, its CJK–Latin spaces, its glyphs set narrower, lone marks by a quarter
        em, lone marks further, its glyphs narrower still."""
        p = self.p
        words = self.sq[b + 1] - self.sq[a]
        marks = self.mk[b + 1] - self.mk[a]
        deep = self.sd[b + 1] - self.sd[a]
        # what a character gives up at a line's start or end (see _edge_overlap)
        if p.start_trim[a] > 0:
            words -= p.squeeze[a]
            marks -= self.marks[a]
            deep -= p.shrink_deep[a]
        if b != a and p.end_trim[b] > 0:
            words -= p.squeeze[b]
            marks -= self.marks[b]
            deep -= p.shrink_deep[b]
        # marks are squeezed after the line is set narrower: they give up their share less
        narrower = 1.0 - SCALING
        ink = self.glyphs(a, b)
        return (words, TRACK_IN * self.tracking(a, b), self.gs[b] - self.gs[a],
                SCALING * ink, marks * narrower, deep * narrower,
                (CONDENSING - SCALING) * (ink - marks - deep))

    def minimum(self, a: int, b: int) -> float:
        """The line's width squeezed as far as it goes."""
        return self.natural(a, b) - sum(self.squeezes(a, b))


def _before_end(p: _Prepared, a: int, b: int, gap: list[bool]) -> float:
    """The em of the gap before the line's last character where that character vanishes at
    the line's end (an ideographic space): space put there would show as the line's end
    stopping short of the measure, so it is neither opened nor tracked in."""
    return p.em[b - 1] if b > a and gap[b - 1] and p.text[b] == IDEOGRAPHIC_SPACE else 0.0


def _edge_overlap(p: _Prepared, i: int, start: bool) -> tuple[float, float, float]:
    """The squeeze (space, mark, deep) a character gives up at a line edge: a space there
    vanishes, a mark trimmed there gives no more (a line-end mark keeps its hair over ½ em,
    see LINE_END_KEEP)."""
    trimmed = p.start_trim[i] if start else p.end_trim[i]
    if trimmed <= 0:
        return 0.0, 0.0, 0.0
    return p.squeeze[i], p.shrink[i] + p.shrink_last[i], p.shrink_deep[i]


def _prefix(values: list[float]) -> list[float]:
    return [0.0, *accumulate(values)]


def _avail(rules: Rules, first: bool) -> tuple[float, float]:
    start = rules.first_indent if first else rules.indent
    return start, rules.measure - start


def _break(p: _Prepared, rules: Rules, ceiling: float = math.inf) -> list[tuple[int, int, str]]:
    """Line spans (first, last, broken rule) for the whole paragraph at least cost: every
    line legal and within the measure; squeezing punctuation (push in) costs less than
    spacing a line out (push out); an orphaned last line costs most. No line is spread
    past `ceiling` em a gap: where no other fits, a line breaks a rule."""
    widths = _Widths(p)
    n = len(p)
    best: dict[int, tuple[float, int, str]] = {0: (0.0, -1, "")}  # start → cost, from, rule
    # where an address or a code breaks inside: a fragment of it is set short, never spread
    inside = [i for i in range(n) if p.within[i] and p.breakable[i] and p.kind[i] in SHORT]
    for a in range(n):
        if a not in best:
            continue
        _start, avail = _avail(rules, a == 0)
        # lines far shorter than the measure are never worth a look, unless nothing else is
        # (or they are an address's fragment: editor / @example.com2021— at 9¾字)
        loose = widths.first_within(a, avail - LOOSEST * p.em[a])
        reached = (_lines_from(p, widths, rules, best, a, loose, avail, ceiling)
                   or (loose > a and _lines_from(p, widths, rules, best, a, a, avail, ceiling)))
        for b in inside[bisect.bisect_left(inside, a):bisect.bisect_left(inside, loose)]:
            if all(p.within[a:b]):
                line = _cost(p, widths, rules, a, b, avail - widths.natural(a, b), None,
                             ceiling)
                if line < math.inf:
                    _offer(best, b + 1, best[a][0] + line, a, "")
        if not reached:  # last resort: no legal line fits; break where the measure ends
            b, rule = _forced_end(widths, a, n - 1, avail)
            _offer(best, b + 1, best[a][0] + FORCED, a, rule)
    spans, end = [], n
    while end > 0:
        _cost_so_far, a, rule = best[end]
        spans.append((a, end - 1, rule))
        end = a
    return spans[::-1]


def _lines_from(p: _Prepared, widths: _Widths, rules: Rules, best: dict, a: int, first: int,
                avail: float, ceiling: float) -> bool:
    """Offer every legal line from `a` ending at `first` or later; False when none fits."""
    reached = False
    so_far = best[a][0]
    breakable = p.breakable
    w, g, end_trim = widths.w, widths.g, p.end_trim
    origin = w[a] + g[a] + p.start_trim[a]
    over = avail + EPS
    for b in range(first, widths.last + 1):
        # the natural width of [a, b] (the hot loop of _break: Widths.natural, inlined)
        natural = widths.natural(a, b) if b == a else w[b + 1] + g[b] - end_trim[b] - origin
        squeezes = None
        if natural > over:  # only a line over the measure needs its squeeze
            squeezes = widths.squeezes(a, b)
            if natural - sum(squeezes) > over:
                if b > a:
                    break
                continue
        if not breakable[b]:
            continue
        seen = best.get(b + 1)
        if seen is not None and so_far >= seen[0] - 1e-9 and ceiling == math.inf:
            reached = True
            continue  # no line costs less than nothing: this start cannot do better
        line = _cost(p, widths, rules, a, b, avail - natural, squeezes, ceiling)
        if line == math.inf:
            continue
        reached = True
        cost = so_far + line
        if seen is None or cost < seen[0] - 1e-9:
            best[b + 1] = (cost, a, "")
    return reached


def _offer(best: dict, end: int, cost: float, start: int, rule: str) -> None:
    if end not in best or cost < best[end][0] - 1e-9:
        best[end] = (cost, start, rule)


def _cost(p: _Prepared, widths: _Widths, rules: Rules, a: int, b: int, diff: float,
          squeezes: tuple | None, ceiling: float = math.inf) -> float:
    """How far the line [a, b] is from its natural setting (`diff` short of the measure,
    negative when over it, then `squeezes` says what it may give up), squared, in ems, and
    what its end costs (a hyphen, a number cut from its unit)."""
    em = p.em[b]
    if b == widths.last:  # the last line is set at its natural width, or squeezed as any
        orphan = ORPHAN if rules.no_orphan and a > 0 and _is_orphan(p, a, b) else 0.0
        if diff >= 0:
            return orphan
        return orphan + _squeeze_cost(widths, a, b, -diff, em, squeezes or widths.squeezes(a, b))
    end = p.penalty[b]
    if diff < 0:
        return end + _squeeze_cost(widths, a, b, -diff, em, squeezes or widths.squeezes(a, b))
    rest = diff
    gaps = widths.opened(a, b)  # in ems
    if rest > EPS and gaps < EPS:  # one token or its fragment alone: no gap opens
        ink = widths.glyphs(a, b)
        if rest <= WIDENING * ink:  # its glyphs widen to fill the line
            return end + _scaled_cost(rest / ink)
        kind = p.kind[b] if p.kind[a] == p.kind[b] and b > a else ""
        if kind not in SPACED_ALONE:  # set short: within no ceiling
            # ... and dearer the shorter it is: a character alone mid-paragraph (日 / 内 /
            # 振) costs more than a line of its neighbours spread loose, one of them
            return end + RAGGED * max(1.0, (rest / em) ** 2) if ceiling == math.inf \
                else math.inf
        end += LETTER_SPACED
        gaps = (b - a) * em
        # an address's or a code's fragment is set short, not spread: within any ceiling
        # where the next line runs on with the address (its last fragment set short reads
        # as its paragraph's end: 15834—2011 / 和ISO); it costs what it would spaced, so
        # that one a line holds whole is not broken to spare a line's spread — one too long
        # for any line is broken where its fragments cost least, a short one no worse than
        # a line spread past the ceiling
        short = kind in SHORT and p.within[b]
    else:
        short = False
    ink = widths.glyphs(a, b) if gaps and rest > SCALE_FROM * gaps else 0.0
    if ink > 0:  # its glyphs widen before its gaps open more (a line of spaces has none)
        widened, rest = _stretch(rest, gaps, ink)
        end += _scaled_cost(widened / ink)
    spaced = rest / gaps if gaps else 0.0
    if spaced > ceiling and not short:
        return math.inf
    cost = end + STRETCH * (spaced / 0.05) ** 2
    if spaced > LOOSE_FROM:  # a loose line shows: one costs more than two a little looser
        cost += LOOSE_STEP + LOOSE * ((spaced - LOOSE_FROM) / 0.05) ** 2
    if spaced > CEILING and not short:
        cost += p.over
    elif spaced > CEILING and not p.long[b]:
        cost += OVER_CEILING  # a fragment set short is no line past the ceiling: it costs
        # as one only where its address fits a line whole
    return cost


def _stretch(rest: float, gaps: float, ink: float) -> tuple[float, float]:
    """How a justified line takes `rest` pt, given the ems of its gaps and the width of its
    glyphs: its gaps open to SCALE_FROM, its glyphs widen to SCALING, its gaps to
    WIDEN_FROM, its glyphs to WIDENING, and its gaps take the rest. Returns (glyphs wider
    by, gaps wider by), in pt."""
    opened = SCALE_FROM * gaps
    wider = min(rest - opened, SCALING * ink)
    rest -= opened + wider
    if rest <= 0:  # the common case: the glyphs' first 5% do it
        return wider, opened
    further = min(rest, (WIDEN_FROM - SCALE_FROM) * gaps)
    rest -= further
    wider_still = max(0.0, min(rest, (WIDENING - SCALING) * ink))
    return wider + wider_still, opened + further + rest - wider_still


def _scaled_cost(fraction: float) -> float:
    """What setting a line's glyphs `fraction` narrower or wider costs."""
    return SCALED_STEP * min(1.0, abs(fraction) / 0.01) + SCALED * (fraction * 100) ** 2


def _squeeze_cost(widths: _Widths, a: int, b: int, need: float, em: float,
                  squeezes: tuple) -> float:
    """What squeezing the line [a, b] by `need` pt costs, taken in order: spaces, tracking
    in, condensing, lone marks by a quarter em, lone marks further, the glyphs narrower
    still (the last resorts)."""
    words, track, latin, condense, marks, deep, _further = squeezes
    take = min(need, words)
    cost = SHRINK * (take / em) ** 2
    need -= take
    if need > EPS and track > 0:
        take = min(need, track)
        cost += TRACK * (take / (track / TRACK_IN) / 0.05) ** 2
        need -= take
    if need > EPS and latin > 0:
        take = min(need, latin)
        cost += SHRINK * (take / em) ** 2
        need -= take
    if need > EPS and condense > 0:
        take = min(need, condense)
        cost += _scaled_cost(take / (condense / SCALING))
        need -= take
    if need > EPS:
        cost += MARK_STEP + MARK * (min(need, marks) / em) ** 2
        if need > marks + EPS:
            cost += DEEP + MARK * (need / em) ** 2
        if need > marks + deep + EPS:
            if condense <= 0:  # nothing on the line to set narrower: it cannot go so far
                return math.inf
            cost += CONDENSED_DEEP + _scaled_cost(
                SCALING * (1 + (need - marks - deep) / condense))
    return cost


def _forced_end(widths: _Widths, a: int, last: int, avail: float) -> tuple[int, str]:
    b = a
    while b + 1 <= last and widths.natural(a, b + 1) <= avail + EPS:
        b += 1
    return b, "overfull" if widths.minimum(a, b) > avail + EPS else "break"


def _is_orphan(p: _Prepared, a: int, b: int) -> bool:
    body = [ch for ch in p.text[a:b + 1] if is_han(ch) or ch.isalnum()]
    return len(body) < 2


# -- justify and place ----------------------------------------------------------------------

def _set_line(p: _Prepared, rules: Rules, a: int, b: int, rule: str, first: bool,
              final: bool) -> Line:
    start, avail = _avail(rules, first)
    n = b - a + 1
    width = p.width[a:b + 1]
    trim_l = p.trim_left[a:b + 1]
    glue = p.glue[a:b]
    # line edges: a trimmed start mark moves its origin left; an end mark loses its blank
    trim_l[0] += p.start_trim[a]
    width[0] -= p.start_trim[a]
    if n > 1 or not p.start_trim[a]:
        width[-1] -= p.end_trim[b]
    natural = sum(width) + sum(glue)
    justify = rules.align == "justify" and not final
    diff = avail - natural
    scale, spacing = 1.0, 0.0
    if justify or diff < -EPS:
        diff, scale, spacing = _fit(p, a, b, width, trim_l, glue, diff)
    justified = justify and abs(diff) <= 0.01
    offset = 0.0
    if not justify:
        used = sum(width) + sum(glue)
        if rules.align == "centre":
            offset = (avail - used) / 2
        elif rules.align == "end":
            offset = avail - used
    hyphen = 0.0 if final else p.hyphen[b] * scale
    width[-1] -= hyphen  # the hyphen is a glyph of its own after the last character
    glyphs, x = [], offset
    styles = p.styles[a:b + 1]
    if scale != 1.0:  # the line's glyphs set narrower or wider (see SCALING)
        scaled = {s: replace(s, scale=s.scale * scale) for s in set(styles)}
        styles = [scaled[s] for s in styles]
    for k in range(n):
        glyphs.append(Glyph(p.text[a + k], x - trim_l[k], x, width[k], styles[k], a + k))
        x += width[k] + (glue[k] if k < n - 1 else 0.0)
    if hyphen:
        glyphs.append(Glyph("-", x, x, hyphen, styles[-1], -1))
        x += hyphen
    return Line(tuple(glyphs), start, x, avail, final, justified, rule,
                split_keep=p.keep[b] and not final, scaled=round(scale - 1.0, 4),
                spacing=round(spacing, 4))


def _fit(p: _Prepared, a: int, b: int, width: list[float], trim_l: list[float],
         glue: list[float], diff: float) -> tuple[float, float, float]:
    """Shrink (diff < 0) or stretch (diff > 0) the line in clreq's order; returns what is left,
    the horizontal scale the line's glyphs are set at (below 1 when it is condensed) and the
    em each gap it opens was opened by."""
    n = b - a + 1
    if diff < 0:
        # clreq §3.8 and issue 13's order: 1 word spaces; 2 the line tracked in; 3 CJK–Latin
        # spaces (tracking first keeps a line's Han–figure spaces at the ¼ em of its
        # neighbours' while it can); 4 the line's glyphs narrower; 5 lone marks by a quarter
        # em, 。？！ last; 6 lone marks further; 7 the glyphs narrower still
        edge = {0: _edge_overlap(p, a, True), n - 1: _edge_overlap(p, b, False)}
        none = (0.0, 0.0, 0.0)
        spaces = [(k, p.squeeze[a + k] - edge.get(k, none)[0]) for k in range(n)]
        diff = _shrink(spaces, width, trim_l, p, a, diff, [], glue)
        track = [k for k in range(n - 1) if p.trackable[a + k] and not (
            k == n - 2 and _before_end(p, a, b, p.trackable))]
        ems = sum(p.em[a + k] for k in track)
        if diff < -EPS and ems:
            t = min(TRACK_IN, -diff / ems)
            for k in track:
                glue[k] -= t * p.em[a + k]
            diff += t * ems
        if diff < -EPS:  # the Han gaps give before a Han–Latin space closes below ¼ em
            gaps = [(k, p.glue_shrink[a + k]) for k in range(n - 1)]
            diff = _shrink([], width, trim_l, p, a, diff, gaps, glue)
        diff, scale = _scale(p, a, width, trim_l, diff)
        room = [max(0.0, p.shrink[a + k] + p.shrink_last[a + k] - edge.get(k, none)[1]) * scale
                for k in range(n)]
        stops = [p.shrink_last[a + k] > 0 for k in range(n)]
        for last in (False, True):
            if diff < -EPS:
                marks = [(k, room[k] if stops[k] == last else 0.0) for k in range(n)]
                diff = _shrink(marks, width, trim_l, p, a, diff, [], glue)
        if diff < -EPS:
            deep = [(k, max(0.0, p.shrink_deep[a + k] - edge.get(k, none)[2]))
                    for k in range(n)]
            diff = _shrink(deep, width, trim_l, p, a, diff, [], glue)
        if diff < -EPS:  # 7: the glyphs narrower still, to CONDENSING
            diff, further = _scale(p, a, width, trim_l, diff, 1.0 - (1.0 - CONDENSING) / scale)
            scale *= further
        return diff, scale, 0.0
    gaps = [k for k in range(n - 1) if p.opens[a + k] and not (
        k == n - 2 and _before_end(p, a, b, p.opens))]
    scale = 1.0
    ink = sum(w for k, w in enumerate(width) if p.text[a + k] != " ")
    if not gaps and diff > EPS:  # a token alone: its glyphs widen, a word's letters space
        if diff <= WIDENING * ink + EPS:
            return *_scale(p, a, width, trim_l, diff), 0.0
        if p.kind[b] == "word":
            gaps = list(range(n - 1))
    if gaps and diff > EPS:  # 1: past SCALE_FROM per gap, the glyphs widen (see _stretch)
        ems = sum(p.em[a + k] for k in gaps)
        if diff > SCALE_FROM * ems + EPS:
            wider, _gaps = _stretch(diff, ems, ink)
            left, scale = _scale(p, a, width, trim_l, wider)
            diff -= wider - left
    # 2: every gap the line opens, by the same amount in its em (a line of one word
    # fragment: its letters, the only way to justify it; an address's is left short)
    spacing = 0.0
    if diff > EPS and gaps:  # ems summed in 1: diff only falls there
        spacing = diff / ems
        for k in gaps:
            glue[k] += spacing * p.em[a + k]
        diff = 0.0
    return diff, scale, spacing


def _scale(p: _Prepared, a: int, width: list[float], trim_l: list[float],
           change: float, narrower: float = SCALING) -> tuple[float, float]:
    """Set the line's glyphs (not its word spaces) wider (`change` > 0) or narrower by as
    much of `change` as WIDENING or `narrower` allows; returns what is left of it and the
    scale."""
    ink = [k for k in range(len(width)) if p.text[a + k] != " "]
    total = sum(width[k] for k in ink)
    if abs(change) <= EPS or total <= 0:
        return change, 1.0
    f = max(-narrower, min(WIDENING, change / total))
    for k in ink:
        width[k] *= 1.0 + f
        trim_l[k] *= 1.0 + f
    return change - f * total, 1.0 + f


def _shrink(chars, width, trim_l, p: _Prepared, a: int, diff: float,
            gaps, glue) -> float:
    total = sum(r for _, r in chars) + sum(r for _, r in gaps)
    if total <= 0:
        return diff
    use = min(1.0, -diff / total)
    for k, r in chars:
        if r <= 0:
            continue
        cut = r * use
        width[k] -= cut
        if is_opening(p.text[a + k]):  # an opening mark loses blank on its left
            trim_l[k] += cut
    for k, r in gaps:
        glue[k] -= r * use
    return diff + total * use
