"""The one text codec (generator/infra/codec.py) that drafts, CSV sheets, YAML and TOML files are
read through: every encoding a Chinese office PC writes, and a clear message for what is not text."""
from __future__ import annotations

import pytest
from conftest import run_cli

from generator import resources
from generator.data.tables import read_sheet
from generator.errors import InputError
from generator.infra.codec import decode, decode_utf8, encode

TEXT = "发展对象：张三，2025年3月18日。\n第二行"


@pytest.mark.parametrize("encoding, data", [
    ("utf-8", TEXT.encode("utf-8")),
    ("utf-8-sig", b"\xef\xbb\xbf" + TEXT.encode("utf-8")),
    ("gb18030", TEXT.encode("gbk")),
    ("utf-16", b"\xff\xfe" + TEXT.encode("utf-16-le")),
    ("utf-16-be-bom", b"\xfe\xff" + TEXT.encode("utf-16-be")),
    ("utf-16-le", TEXT.encode("utf-16-le")),  # saved without a BOM
    ("utf-16-be", TEXT.encode("utf-16-be")),
])
def test_every_encoding_reads_and_writes_back_the_same_bytes(encoding, data):
    text, found = decode(data, "草稿.txt")
    assert (text, found) == (TEXT, encoding)
    assert encode(text, found) == data


@pytest.mark.parametrize("data, message", [
    (b"PK\x03\x04" + bytes(range(256)) * 4, "不是文本文件"),
    (b"\xff\xfe\x00\xd8", "文件编码损坏"),  # a BOM, then a lone surrogate
    ("控制\x01字符\x02很\x03多\x04".encode("utf-8") * 5, "不是文本文件（含大量控制字符）"),
])
def test_what_is_not_text_is_one_message_naming_the_file(data, message):
    with pytest.raises(InputError, match=f"^草稿.txt：{message}"):
        decode(data, "草稿.txt")


def test_files_that_must_be_utf8_say_what_they_are_and_how_to_save_them():
    with pytest.raises(InputError, match=r"不是 UTF-8 编码的文本文件，编码像是 GBK（记事本中叫“ANSI”）；请另存为 UTF-8"):
        decode_utf8(TEXT.encode("gbk"), "gongwen.toml")
    with pytest.raises(InputError, match="像是 Word 或 Excel 文件），这里应给出TOML 配置文件"):
        decode_utf8((resources.examples_dir() / "roster.xlsx").read_bytes(), "gongwen.toml", "TOML 配置文件")


def test_a_csv_saved_as_utf16_without_a_mark_is_read(tmp_path):
    path = tmp_path / "决定表.csv"
    path.write_bytes("党支部,姓名\n第一党支部,张三\n".encode("utf-16-le"))
    sheet = read_sheet(path, {"党支部": (), "姓名": ()}, ("党支部", "姓名"))
    assert [r.values for r in sheet.rows] == [{"党支部": "第一党支部", "姓名": "张三"}]


def test_a_lint_config_in_gbk_is_a_usage_error_with_the_reason(runner, tmp_path):
    config = tmp_path / "gongwen.toml"
    config.write_bytes('[lint]\ndisable = ["punct"]  # 关闭标点\n'.encode("gbk"))
    draft = tmp_path / "稿.txt"
    draft.write_text("正文。\n", encoding="utf-8")
    r = run_cli(runner, "lint", "--config", str(config), str(draft))
    assert r.exit_code == 2
    assert "gongwen.toml：不是 UTF-8 编码的文本文件，编码像是 GBK" in r.output
