"""Found by the ninth stress text (tests/data/stress/content-9.yaml, written blind): each
fault of its first reading, mended at its rule, held here with the standards' expectations
written as literals (fake metrics: Han and marks 1 em, ASCII ½ em).

Sources: GB 3101—1993 §3.3 (a value and its tolerance, 14.6±0.5 mmHg, are one quantity);
GB/T 15835—2011 (a number is not broken); UAX #14 LB25 (NU × PR: a number keeps a prefix
sign that follows it); GB/T 15834—2011 (Chinese text takes the full-width marks).
"""

from __future__ import annotations

import pytest

from composing import set_text, texts
from spread.compose.classes import figure_spans


def _never_broken_inside(text: str, whole: str, measures) -> None:
    """No line of `text` set at each measure ends inside `whole`."""
    start = text.index(whole)
    for chars in measures:
        lines = set_text(text, chars)
        for ln in lines[:-1]:
            i = max(g.index for g in ln.glyphs if g.index >= 0)
            assert not start <= i < start + len(whole) - 1, (chars, texts(lines))


# A value with its tolerance is one quantity: never cut before its ±, emphasised whole
# with its unit (14.6 / ±0.5 mmHg was the first reading, at 9字 and on the default page)
@pytest.mark.parametrize("text, whole", [
    ("试验组收缩压平均下降14.6±0.5 mmHg，静息心率降低", "14.6±0.5"),
    ("恒温箱内温度保持在15℃±1℃的范围，湿度", "15℃±1℃"),
])
def test_a_value_and_its_tolerance_are_never_parted(text, whole):
    _never_broken_inside(text, whole, range(5, 16))


def test_a_value_and_its_tolerance_stand_out_whole():
    text = "收缩压平均下降14.6±0.5 mmHg，误差控制在±0.5%以内"
    assert [text[a:b] for a, b in figure_spans(text)] == ["14.6±0.5 mmHg", "±0.5%"]


# A race's time in Chinese units to its hundredths, as 1′23″45 is: one figure — never cut
# after its 秒, set solid (no Han–figure space inside it, as a date is set), emphasised whole
RACE_TIMES = ["1分23秒45", "3分05秒21", "9秒83"]


@pytest.mark.parametrize("time", RACE_TIMES)
def test_a_race_time_to_its_hundredths_is_never_broken(time):
    # (from 5 em: at 4 the time, 4½ em, is longer than the line)
    _never_broken_inside("女子100米蛙泳决赛，周一鸣游出" + time + "，打破尘封多年的省纪录", time,
                         range(5, 16))


@pytest.mark.parametrize("time", RACE_TIMES)
def test_a_race_time_is_set_solid_and_stands_out_whole(time):
    text = "男子接力队以" + time + "夺冠"
    line = set_text(text, 40, align="start")[0]
    inside = [g for g in line.glyphs if text.index(time) <= g.index < text.index(time) + len(time)]
    for a, b in zip(inside, inside[1:]):
        assert b.box == pytest.approx(a.box + a.width), (time, a.char, b.char)
    assert [text[a:b] for a, b in figure_spans(text)] == [time]


def test_a_count_after_seconds_is_no_hundredths():
    text = "用时38秒12名选手完赛"
    assert [text[a:b] for a, b in figure_spans(text)] == ["38秒", "12名"]


# A mention's @ marks the name after it: it never ends a line (网友@ / 数码老张)
def test_a_mention_s_at_sign_never_ends_a_line():
    text = "部分老机型却停留在旧版本，网友@数码老张在微博上吐槽耗电快了一倍"
    for chars in range(4, 16):
        lines = set_text(text, chars)
        for ln in lines[:-1]:
            if not ln.broken_rule:
                assert not ln.text.rstrip().endswith("@"), (chars, texts(lines))


# A telephone number's extension is part of the number: read, not compared — no figure
# (预约电话0574-87085000转2316 printed 2316 red, 400-820-1234转3 its 3)
@pytest.mark.parametrize("text", ["预约电话0574-87085000转2316。",
                                  "售后热线400-820-1234转3，服务时间",
                                  "团体预约请拨打0574-87654321转8001，"])
def test_a_telephone_extension_is_no_figure(text):
    assert figure_spans(text) == []


def test_a_count_after_zhuan_that_follows_no_telephone_is_a_figure():
    text = "每年12转3次"
    assert [text[a:b] for a, b in figure_spans(text)] == ["3次"]


# A sum of quantities stands out whole, its + with it (16GB / + / 512GB printed the + black
# between red figures: issue 13, item 14)
def test_a_sum_of_quantities_stands_out_whole():
    text = "16GB+512GB版本售价13,999元，比分3+2分"
    assert [text[a:b] for a, b in figure_spans(text)] == ["16GB+512GB", "13,999元", "3+2分"]
