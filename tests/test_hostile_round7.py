"""Round 7 of the hostile files: cases that fit no other hostile module. Each failed on the
code before its mend."""

from __future__ import annotations

import pytest

from spread import yamlsource


def _value(tmp_path, text: str):
    path = tmp_path / "v.yaml"
    path.write_text(text, encoding="utf-8")
    node, _ = yamlsource.load(str(path))
    return node.value["v"].value


@pytest.mark.parametrize("written, read", [
    ("16:9", "16:9"),  # YAML 1.1: the base-60 number 969
    ("1:30", "1:30"),  # 90
    ("010", "010"),  # octal 8
    ("1e3", 1000.0),  # YAML 1.1: the text '1e3'
    ("-2.5E-1", -0.25),
    ("1e308", 1e308),
    ("10", 10), ("0", 0), ("1_000", 1000), ("0x10", 16), ("1.5", 1.5),
])
def test_numbers_are_read_as_yaml_1_2_reads_them(tmp_path, written, read):
    """A number YAML 1.1 reads otherwise than every other reader (base 60, a leading-0
    octal) is kept as the text written, for a number's field to refuse saying how 1.1 reads
    it; an exponent without a dot (1e3), no number in 1.1, is the number it is."""
    got = _value(tmp_path, f"v: {written}\n")
    assert got == read and type(got) is type(read)


def test_a_quoted_number_stays_text(tmp_path):
    assert _value(tmp_path, 'v: "1e3"\n') == "1e3"
    assert _value(tmp_path, "v: '1:30'\n") == "1:30"


def test_an_aspect_of_12_5_unquoted_is_the_ratio_written(tmp_path):
    """aspect: 12:5 was read by YAML 1.1 as the number 725 and refused («write it in
    quotes»); it is the ratio written, as in quotes."""
    from conftest import ROOT
    from spread import template

    news = (ROOT / "layout" / "news.yaml").read_text(encoding="utf-8")
    path = tmp_path / "news.yaml"
    path.write_text(news.replace("../fonts/", f"{ROOT}/fonts/").replace('"12:5"', "12:5"),
                    encoding="utf-8")
    assert template.load(str(path)).rows == template.load(str(ROOT / "layout" / "news.yaml")).rows
