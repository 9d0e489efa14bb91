"""The paragraph breaker's forced lines and last-resort cuts (issue 13), against an exhaustive
search of the settings a paragraph has.

The composer says of a line spread past the ceiling (¼ em a gap) that no setting of its
paragraph keeps every line within it (Line.unavoidable), and of a counted cut — a number
from its unit, a range after its dash, a date, an address or a standard's number inside —
that every setting no looser cuts as many (Line.cut_needed). Its breaker finds them by a
dynamic programme over costs; the search here walks every sequence of legal lines instead,
each line set by the composer's own setter (paragraph._set_line: its spacing, its glyph
scale, whether it is justified), and keeps per place the fewest lines past the ceiling
and the fewest cuts. Fake metrics (Han and marks 1 em, ASCII ½ em).
"""

from __future__ import annotations

import math

from hypothesis import example, given, settings
from hypothesis import strategies as st

from composing import BODY, SIZE, texts
from fake_metrics import fonts
from spread.compose import Rules, Run, compose, paragraph

CEILING = 0.25  # em a gap: issue 13's ceiling, written here as the issue states it
SHORT_KINDS = ("url", "email", "code")  # tokens whose fragment is set short, never spaced


def _candidates(text: str, rules: Rules):
    """Every legal line of the paragraph as the setter sets it: (first, last, spacing, a
    counted cut, condensed past 95%) — see _spread."""
    p = paragraph._prepare([Run(text, BODY)], rules, fonts)
    widths = paragraph._Widths(p)
    n = len(text)
    out: dict[int, list] = {}
    for a in range(n):
        avail = rules.measure - (rules.first_indent if a == 0 else rules.indent)
        for b in range(a, n):
            if widths.minimum(a, b) > avail + 1e-6:
                if b > a:
                    break
                continue
            if not p.breakable[b]:
                continue
            ln = paragraph._set_line(p, rules, a, b, "", a == 0, b == n - 1)
            spacing = _spread(p, ln)
            if spacing is not None:
                out.setdefault(a, []).append((b, spacing, bool(p.keep[b]) and not ln.final,
                                              ln.scaled < -0.05 - 1e-3))
    return out


def _spread(p, ln) -> float | None:
    """A line's spacing, em a gap; None where it is no legal line. A line that is neither
    justified nor the last is legal only as an address's or a code's fragment, set short:
    spread by nothing where the next line runs on with the address; else (its last
    fragment, 15834—2011 / 和ISO, set short, reads as its paragraph's end) past the ceiling
    where the composer's own costing of it refuses it there — it has no spacing of its own
    to measure; any other line set short is not a setting."""
    if ln.width > ln.measure + 0.01:
        return None
    if ln.justified or ln.final:
        return ln.spacing if ln.justified else 0.0
    a, b = ln.glyphs[0].index, max(g.index for g in ln.glyphs)
    if b == a or p.kind[b] not in SHORT_KINDS or not all(p.within[a:b]):
        return None
    if p.within[b]:
        return 0.0
    widths = paragraph._Widths(p)
    cost = paragraph._cost(p, widths, Rules(ln.measure), a, b, ln.measure - widths.natural(a, b),
                           None, CEILING)
    return math.inf if cost == math.inf else 0.0


def _search(text: str, rules: Rules, ceiling: float = math.inf):
    """Per count of lines past the ceiling, the fewest cuts of any setting whose every line
    keeps within `ceiling` em a gap; and, per count of cuts, whether some such setting
    condenses no line past 95% ({} where the paragraph has no setting within `ceiling`)."""
    lines = _candidates(text, rules)
    n = len(text)
    best: dict[int, dict[tuple[int, int, bool], bool]] = {0: {(0, 0, False): True}}
    for a in range(n):
        for (past, cuts, condensed) in best.get(a, {}):
            for b, spacing, cut, narrow in lines.get(a, []):
                if spacing > ceiling:
                    continue
                key = (past + (spacing > CEILING), cuts + cut, condensed or narrow)
                best.setdefault(b + 1, {})[key] = True
    return set(best.get(n, {}))


def _past(text: str, rules: Rules, lines) -> int:
    """How many of the composer's lines are spread past the ceiling (see _spread)."""
    p = paragraph._prepare([Run(text, BODY)], rules, fonts)
    return sum((_spread(p, ln) or 0.0) > CEILING for ln in lines)


def _check(text: str, chars: float, indent: float = 0.0, hang: float = 0.0) -> list:
    """The composer's word on its forced lines and its cuts, against the search."""
    rules = Rules(measure=chars * SIZE, first_indent=indent * SIZE, indent=hang * SIZE)
    lines = compose([Run(text, BODY)], rules, fonts)
    if not _search(text, rules):
        return lines  # a token longer than any line, or too long for the room an indent
        # leaves (2021— / 2025年 after 2 em at 5¼字): no setting but one breaking a rule or
        # leaving a line short, nothing is said
    within = _search(text, rules, CEILING)
    loose = [ln for ln in lines if ln.spacing > CEILING]
    past = _past(text, rules, lines)
    # a line past the ceiling only where no setting keeps every line within it, and then
    # said to be so; where one does, the composer sets within it
    assert not past or not within, (chars, indent, texts(lines))
    assert all(ln.unavoidable for ln in loose), (chars, indent, texts(lines))
    assert not any(ln.unavoidable for ln in lines if ln.spacing <= CEILING)
    cuts = sum(ln.split_keep for ln in lines)
    if not cuts:
        return lines
    # the settings a cut is weighed against: within the ceiling, or where none is, no
    # looser than the composer's loosest line, with no more lines past the ceiling
    worst = max(ln.spacing for ln in lines) + 1e-3 if loose else CEILING
    rivals = [c for over, c, _narrow in _search(text, rules, worst) if over <= past]
    if not rivals:
        return lines  # its own setting is no rival: a fragment set short past the ceiling
    fewest = min(rivals)
    # a cut is said to be needed where no rival cuts fewer; else a rival cuts fewer, and
    # each one that does condenses a line past 95% (the last squeeze, which a cut spares)
    # — or the composer would have set it
    needed = [ln.cut_needed for ln in lines if ln.split_keep]
    assert all(needed) or not any(needed), (chars, indent, texts(lines))
    if all(needed):
        assert fewest >= cuts, (chars, indent, texts(lines), fewest)
    else:
        assert fewest < cuts, (chars, indent, texts(lines))
    return lines


# -- the mends, each a setting the breaker once missed ----------------------------------------

def test_a_setting_within_the_ceiling_is_taken_before_a_line_past_it():
    # at 7½字 四五六2021— would open 0.26 em a gap; cutting 2025 / 年 and 5月 / 18日 (each
    # counted) keeps every line within ¼ em: the breaker once summed the costs and took
    # the loose line, said to be its trade
    lines = _check("四五六2021—2025年二三二三5月18日。", 7.5)
    assert not any(ln.spacing > CEILING for ln in lines)


def test_a_cut_is_made_only_where_every_setting_within_the_ceiling_makes_it():
    # at 7¾字 1.2万人次， / 比去年同期增长 / 12％—15％。 keeps within ¼ em uncut: the
    # breaker once cut 年同期增长12％— / 15％ to spare a line at 0.24 em
    lines = _check("法律援助惠及群众1.2万人次，比去年同期增长12％—15％。", 7.75)
    assert not any(ln.split_keep for ln in lines)
    assert texts(lines)[-1] == "12％—15％。"


def test_an_address_longer_than_the_line_breaks_where_no_line_before_it_is_spread():
    # the fourth stress text at 9字: an address longer than the measure must break; broken
    # before its hyphen and its @, its fragments set short, no line is spread past ¼ em —
    # the breaker once spread 请发送邮件至 to 0.30 em, costing the short fragments as if
    # their letters were spaced past the ceiling, and (its ceiling-bound search refusing
    # them) said no setting avoided it
    text = "企业上云咨询请发送邮件至cloud-service@economy.example.gov.cn。"
    lines = _check(text, 8, hang=1)
    assert not any(ln.spacing > CEILING for ln in lines), texts(lines)
    assert "-service" in texts(lines) and "@economy" in texts(lines), texts(lines)


def test_an_address_fragment_is_offered_however_short_its_line():
    # after a 2-em indent at 6½字: editor alone on its line, @example.com on the next,
    # keeps every line within ¼ em; the breaker looked at no line 4 em short of the measure
    # while a longer one fitted, and spread 58家，咨询邮箱editor's line before it to 0.43 em
    text = "改造企业58家，咨询邮箱editor@example.com全年受理问题2,180件；"
    lines = _check(text, 6.5, indent=2)
    assert not any(ln.spacing > CEILING for ln in lines), texts(lines)
    assert "editor" in texts(lines), texts(lines)


def test_a_code_fragment_that_ends_its_code_is_not_set_short_to_keep_within_the_ceiling():
    # ●按照GB/T before a standard's number at 8字: ●按照GB/T 15834— / 2011 / 和ISO would
    # keep every line within the ceiling only by leaving 2011 alone on a short line, read
    # as its paragraph's end — no setting; the line past the ceiling is said unavoidable
    text = "●按照GB/T 15834—2011和ISO 12647-3完成出版印刷标准化改造企业58家。"
    lines = _check(text, 8)
    loose = [ln for ln in lines if ln.spacing > CEILING]
    assert loose and all(ln.unavoidable for ln in loose), texts(lines)
    assert not any(ln.text == "2011" for ln in lines), texts(lines)


# -- properties -------------------------------------------------------------------------------

PIECES = ["一二三", "全年受理问题", "请发送邮件至", "客服电话", "回眸", "比去年同期增长", "，", "。",
          "、", "（", "）", "2021—2025年", "1,234.5万元", "12％—15％", "3,000次", "5月18日",
          "2025年12月1日", "editor@example.com", "https://www.example.gov.cn/a/b",
          "cloud-service@economy.example.gov.cn", "GB/T 15834—2011", "ISO 12647-3",
          "400-800-1234", "internationalization", "32微克"]


@settings(max_examples=60)
@given(st.lists(st.sampled_from(PIECES), min_size=2, max_size=9),
       st.sampled_from([x / 4 for x in range(20, 49)]), st.sampled_from([0.0, 2.0]))
@example(["●按照", "GB/T 15834—2011", "和", "ISO 12647-3", "完成"], 8.0, 0.0)
@example(["回眸", "2021—2025年", "，", "全市地区生产总值年均增长"], 8.0, 2.0)
@example(["editor@example.com", "2021—2025年", "2021—2025年"], 11.0, 2.0)
@example(["editor@example.com", "2021—2025年", "2021—2025年"], 9.75, 0.0)
def test_no_line_is_past_the_ceiling_nor_a_cut_made_but_where_no_setting_avoids_it(
        pieces, chars, indent):
    text = "".join(pieces) + "。"
    _check(text, chars, indent)
