"""Found by the thirteenth stress text (tests/data/stress/content-13.yaml, written blind: a
科教文史 page — command lines, paths, network addresses, identifiers, exam formulas,
archaeology, chess notation, legal notices): each fault of its first reading, mended at its
rule, held here with the standards' expectations written as literals (fake metrics: Han and
marks 1 em, ASCII ½ em), then the text itself built at 9字 and on the default layout and read
back from its PDF.

Sources: UAX #14 (Unicode 15.1) LB20a — no break after a word-initial hyphen,
(sot | SP | …) (HY | HH) × (AL | HL); RFC 3986 §3.2.2 (an IPv6 host in a URL is written in
square brackets, IP-literal = "[" IPv6address "]"; an IPv4 host is four dotted decimal
octets); IEEE 802 (a MAC address, EUI-48: six groups of two hexadecimal digits parted by
colons or hyphens); Chicago Manual of Style 7.42 (an address breaks after a colon or a
slash, before a period — never inside a number it carries); GB 11643—1999 (an identity
card's number, 18 characters), ISO/IEC 7812 (a bank card's, 16 to 19 digits): identifiers,
read, not compared, never a statistic.
"""

from __future__ import annotations

import pytest

from conftest import STRESS_LAYOUTS, stress_page
from composing import set_text, texts, line_ends as _ends
from spread.compose.classes import figure_spans, tokens


def _never_broken_inside(text: str, part: str, widths=range(6, 25)) -> None:
    start = text.index(part)
    for chars in widths:
        lines = set_text(text, chars)
        assert not any(start <= i < start + len(part) - 1 for i in _ends(lines)), (
            chars, texts(lines))


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(text[t.start:t.end], t.kind) for t in tokens(text)]


# -- a command line's option keeps its hyphen (UAX #14 LB20a) -------------------------------

@pytest.mark.parametrize("text, option", [
    ("老师在课堂上敲下“pip install -e .”，屏幕上滚过几百行日志。", "-e"),
    ("他说，先试试pip install --upgrade pip，再看看环境变量。", "--upgrade"),
    ("内存不足时，把启动参数改为 -Xmx512m，或把并发数从16降到8。", "-Xmx512m"),
    ("链路不通时，可用ping -6 fe80::1检查本机的地址。", "-6"),
])
def test_a_command_lines_option_is_never_broken_after_its_hyphen(text, option):
    # LB20a: a hyphen at a word's start (after a space) holds to the letter after it;
    # an option is one code — pip install - / e . read as a dash and a stray letter
    _never_broken_inside(text, option)
    assert (option, "code") in _kinds(text), _kinds(text)


def test_a_command_lines_words_are_never_hyphenated():
    # “先试试pip in- / stall --upgrade pip。” at 12字: a hyphen inside a command reads as
    # part of it; the words run with an option are the command's, broken at their spaces
    text = "他说：“先试试pip install --upgrade pip。”变量名用snake_case。"
    for chars in range(6, 20):
        lines = set_text(text, chars)
        assert not any(ln.text.endswith("-") for ln in lines), (chars, texts(lines))
    assert [k for s, k in _kinds(text)][:4] == ["code"] * 4, _kinds(text)
    # ... and a Windows command with its switch (ip- / config /all at 9字)
    text = "在命令行输入ipconfig /all（Windows）或ip link（Linux），查到的地址即为网卡的地址。"
    for chars in range(6, 20):
        lines = set_text(text, chars)
        assert not any(ln.text.endswith(("ip-", "ipcon-", "ipconfig-")) for ln in lines), (
            chars, texts(lines))


def test_a_line_may_open_with_an_option_after_its_space():
    # install / --upgrade: UAX #14 LB18 breaks after a space, and --upgrade is whole on the
    # next line (held to install, the command broke inside the option at 7字: --upgr / ade);
    # a hyphen before a figure or a word never opens a line (-6, Wi / -Fi)
    text = "他说，先试试pip install --upgrade pip，再看看环境变量。"
    opened = [texts(set_text(text, chars)) for chars in range(6, 20)]
    assert any(line.startswith("--upgrade") for lines in opened for line in lines), opened
    text = "链路不通时，可用ping -6 fe80::1检查，Wi-Fi也要重启。"
    for chars in range(5, 20):
        assert not any(line.startswith("-") for line in texts(set_text(text, chars)))


def test_an_option_is_no_statistic():
    # ping -6: the option of a command, not a temperature — never emphasised as a figure
    assert figure_spans("IPv6环境下可用ping -6 fe80::1%eth0检查链路。") == []


def test_a_hyphen_between_words_is_no_option():
    # (COVID-19, Wi-Fi, N-乙酰-L-半胱氨酸: the hyphen is inside a word, or joins a locant)
    for text, word in [("新冠肺炎（COVID-19）疫情", "COVID-19"), ("支持Wi-Fi 7标准", "Wi-Fi 7"),
                       ("N-乙酰-L-半胱氨酸", None)]:
        assert not any(k == "code" and s.startswith("-") for s, k in _kinds(text)), _kinds(text)


# -- a program's identifier breaks between its parts, as an address does (CMOS 7.42) ------

@pytest.mark.parametrize("text, identifier, joints", [
    ("杭州开发者张三（网名zhang_san_dev）维护的开源项目已收获1.2万颗星。", "zhang_san_dev",
     ["zhang", "_san", "_dev"]),
    ("变量名用snake_case，如max_retry_count，类名用CamelCase，如HttpClientFactory。文档地址是",
     "HttpClientFactory", ["Http", "Client", "Factory"]),
    ("两边对不上就报ModuleNotFoundError。“先试试pip install --upgrade pip。”",
     "ModuleNotFoundError", ["Module", "Not", "Found", "Error"]),
])
def test_an_identifier_breaks_only_between_its_parts(text, identifier, joints):
    # at 9字 the composer set 如 alone on a line spread 8 em, 张三（网名 at 0.9 em, 对不上就报
    # at 0.9 em: an identifier was one word it could neither hyphenate (a capital inside,
    # an underscore) nor break — where its line cannot hold it, it breaks between its
    # parts (before an underscore, before a part's capital), no hyphen added
    start = text.index(identifier)
    allowed = {start + len("".join(joints[:k])) - 1 for k in range(1, len(joints))}
    for chars in range(6, 14):
        lines = set_text(text, chars)
        inside = [i for i in _ends(lines) if start <= i < start + len(identifier) - 1]
        assert set(inside) <= allowed, (chars, texts(lines))
        # (and no character is left alone on a line spread by ems: 类名用CamelCase， / 如 /
        # HttpClientFactory。)
        assert all(len(ln.text) > 1 for ln in lines[:-1]), (chars, texts(lines))


def test_a_brand_of_two_parts_is_no_identifier():
    # WeChat, PowerPoint, iPhone: names, never broken at their capital (We / Chat)
    text = "用户可在WeChat和PowerPoint里打开，iPhone也行。"
    assert [k for _, k in _kinds(text)] == ["word", "word", "word"], _kinds(text)


# -- network addresses are addresses (RFC 3986 §3.2.2, IEEE 802) ----------------------------

@pytest.mark.parametrize("text, address", [
    ("服务默认监听127.0.0.1:8080，局域网访问请改为0.0.0.0。", "127.0.0.1:8080"),
    ("局域网访问请改为0.0.0.0，并在防火墙放行端口。", "0.0.0.0"),
    ("查到的00:1A:2B:3C:4D:5E即为网卡的MAC地址。", "00:1A:2B:3C:4D:5E"),
    ("网卡地址为00-1A-2B-3C-4D-5E。", "00-1A-2B-3C-4D-5E"),
    ("或访问http://[2001:db8::8a2e:370:7334]:8080/status查看。",
     "http://[2001:db8::8a2e:370:7334]:8080/status"),
])
def test_a_network_address_is_one_address_token(text, address):
    assert (address, "url") in _kinds(text), _kinds(text)


def test_an_ip_address_is_no_statistic():
    # a report item's figures stand out in red: 127.0.0.1:8080 and 0.0.0.0 are addresses
    assert figure_spans("服务默认监听127.0.0.1:8080，局域网访问请改为0.0.0.0，放行8080端口。") == []
    # (a version is no address: v3.11.0 keeps its kind, a dotted figure stays a figure)
    assert figure_spans("增长12.5%，达到1.2万人。") == [(2, 7), (10, 15)]


def test_a_url_with_an_ipv6_host_breaks_only_where_an_address_breaks():
    # statu / s。 cut a word of the URL's path where the measure ran out: the URL's token
    # stopped at its [; whole, it breaks after its / (CMOS 7.42)
    text = "或访问http://[2001:db8::8a2e:370:7334]:8080/status。"
    status = text.index("status")
    for chars in range(7, 12):
        ends = _ends(set_text(text, chars))
        assert not any(status <= i < status + 5 for i in ends), (chars, ends)


@pytest.mark.parametrize("before, after", [
    ("或访问http://", "[2001:db8::8a2e:370:7334]:8080/status。"),  # after the // (CMOS 7.42)
    ("或访问http://[2001:db8::8a2e:370:7334]:8080/", "status。"),  # after a slash
    ("查到的00:1A:2B:", "3C:4D:5E即为网卡的MAC地址。"),  # after a colon
    ("服务默认监听127.0.0.1:", "8080，局域网访问"),
])
def test_the_meter_reads_a_network_address_broken_where_one_breaks(before, after):
    # the meter read http:// / [2001:… as a line ending on its solidus (forbidden) and
    # 8080/ / status as a word cut: the bracketed host is the URL's (RFC 3986 §3.2.2)
    from spread.check.typography import address_break
    assert address_break(before, after)


def test_an_address_is_never_broken_inside_a_number():
    # /usr/local/bin/python3 / .11: the break before the period cut the version 3.11 — an
    # address breaks before a period between its parts, not inside a number
    for text in ("服务器的解释器却在/usr/local/bin/python3.11，一对不上就报错。",
                 "而服务器上的解释器装在/usr/local/bin/python3.11，两边对不上就报错。"):
        version = text.index("3.11")
        for chars in range(6, 16):  # (python3.11， is 5.5 em: from 6字 a line holds it)
            ends = _ends(set_text(text, chars))
            assert version not in ends, (chars, texts(set_text(text, chars)))


# -- identifiers are no statistics (GB 11643—1999, ISO/IEC 7812) ----------------------------

@pytest.mark.parametrize("text", [
    "证号110101199003077777，声明作废。",  # an identity card's number
    "借记卡一张，卡号6222020200112233445，已挂失。",  # a bank card's
    "考生凭准考证号（如2025330102012345）登录。",  # an examinee's
    "杭州市不动产权第0123456号，证载面积",  # a serial with its leading zero
    "法院地址：文三路，邮编310013。",  # a postal code
])
def test_an_identifier_is_no_statistic(text):
    assert figure_spans(text) == [], [text[a:b] for a, b in figure_spans(text)]


def test_a_quantity_beside_an_identifier_still_stands_out():
    text = "不动产权第0123456号，证载面积89.56㎡，邮编310013，共1,300个。"
    assert [text[a:b] for a, b in figure_spans(text)] == ["89.56㎡", "1,300个"]
    # (a clock time opening with its zero is no serial: 08:30—17:30 stands out as before)
    text = "售后热线400-820-1234转3，服务时间08:30—17:30（节假日除外）。"
    assert [text[a:b] for a, b in figure_spans(text)] == ["08:30—17:30"]


def test_an_excavated_objects_number_is_no_figure():
    # （T0305②:12）: its 12 stood out red among the item's measures — a trench, its layer
    # and the object's number are one designation, read, not compared (a line may still
    # break after its colon, as an address's, where the item's first line cannot hold it)
    text = "青铜鼎（T0305②:12），通高38.5厘米，口径29.6厘米，战国晚期。"
    assert [text[a:b] for a, b in figure_spans(text)] == ["38.5厘米", "29.6厘米"]
    text = "玉琮（M12:98），高8.8厘米；比分3:2，10:30开球。"
    assert [text[a:b] for a, b in figure_spans(text)] == ["8.8厘米", "3:2", "10:30"]


def test_a_line_may_open_with_a_windows_switch_after_its_space():
    # ●在命令行输 spread 0.5 em at 9字: ipconfig /all held whole, its switch after a space
    # may open a line as an option may (never a path's /usr/local, nor and/or's /or)
    text = "在命令行输入ipconfig /all（Windows）或ip link（Linux），查到的地址即为网卡的地址。"
    opened = [texts(set_text(text, chars)) for chars in range(5, 14)]
    assert any(line.startswith("/all") for lines in opened for line in lines), opened
    for text in ("解释器却装在 /usr/local/bin/python3.11，两边对不上。", "可用 and/or 连接两个条件。"):
        for chars in range(4, 14):
            assert not any(ln.startswith("/") for ln in texts(set_text(text, chars)))


# -- the text itself ------------------------------------------------------------------------

@pytest.fixture(scope="module", params=list(STRESS_LAYOUTS))
def built(request, tmp_path_factory):
    findings, lines = stress_page("content-13.yaml", request.param,
                                  tmp_path_factory.mktemp("stress13"))
    return request.param, findings, lines


def test_the_thirteenth_stress_text_breaks_no_rule(built):
    layout, report, _ = built
    for kind in ("forbidden-start", "forbidden-end", "split-dash", "spaced-figure",
                 "spaced-word"):
        assert report.count(kind) == 0, report.format()


def test_the_thirteenth_stress_text_reads_back_as_mended(built):
    layout, report, lines = built
    for a, b in zip(lines, lines[1:]):
        # no option's hyphen ends a line (pip install - / e .)
        assert not (a.endswith(" -") or a.endswith("-") and b[:1].isalpha() and
                    a[-2:-1] in (" ", "")), (a, b)
    assert not any("statu / s" in f.line for f in report.findings), report.format()
    assert not any("python3 / .11" in f.line for f in report.findings), report.format()
    # (the meter reads the breaks at the word spaces of chess moves and of a command line
    # as such: 1.e4 e5 / 2.Nf3, pip / install)
    splits = [f.line for f in report.findings if f.kind.startswith("split")]
    assert not any(w in line for line in splits for w in ("e5 / 2.", "pip / ", "de / pip")), \
        report.format()


def test_the_meter_reads_an_identifier_broken_between_its_parts_as_a_last_resort():
    # it read zhang_san / _dev as a word cut without a hyphen, and HttpClient / Factory as
    # a break at a word space: both are an identifier's joint, a last resort it counts
    from spread.check.typography import address_break, break_kind, identifier_joint
    assert identifier_joint("网名zhang_san", "_dev）维护的")
    assert identifier_joint("如HttpClient", "Factory。文档")
    assert address_break("就报Module", "NotFoundError。")
    assert not identifier_joint("网名zhang_sa", "n_dev）")  # inside a part: a word cut
    assert break_kind("网名zhang_sa", "n_dev）") == "split-word"
    assert not identifier_joint("微信We", "Chat和")  # a brand of two parts: a name
    assert not identifier_joint("如Ht", "tpClientFactory")


def _line(text: str, size: float = 10.0):
    """A line as the meter reads it back: ASCII ½ em, the rest 1 em, a word space drawn
    mid-line as a gap before the next glyph (none at the line's end)."""
    from spread.check.typography import Glyph, Line
    glyphs, x, gap = [], 0.0, False
    for ch in text:
        if ch == " ":
            x, gap = x + size / 3, True
            continue
        w = size / 2 if ch.isascii() else size
        glyphs.append(Glyph(ch, x, 0.0, w, size, size, x, space_before=gap))
        x, gap = x + w, False
    return Line(glyphs, page=1, justified=True)


@pytest.mark.parametrize("before, after", [
    ("班牙开局（1.e4 e5", "2.Nf3 Nc6 3.Bb5）"),  # chess moves: e5 and 2.Nf3 are words
    ("Error。“先试试pip", "install --upgrade"),  # a command line: its words are whole
    ("install --upgrade", "pip。”变量名"),
])
def test_the_meter_reads_a_break_between_words_of_notation_as_a_word_space(before, after):
    # it called 1.e4 e5 / 2.Nf3 a number broken, and pip / install a word cut: the
    # composer broke at their word spaces, which the PDF does not draw at a line's end
    from spread.check.typography import _at_word_space, _lettered, break_kind
    assert _at_word_space(_line(before), _line(after)) == "space"
    if break_kind(before, after) == "split-number":
        assert _lettered(before, after)
    # (a number grouped by spaces has no letter: 12 480 / 000 is a number broken)
    assert not _lettered("人口12 480", "000人")
