"""Attachments are recognised from their bytes: real files of each type pass, renamed,
polyglot, macro-enabled, executable, script, web-page and archive files are refused with
a Chinese message naming the file. Pure functions: no database."""

import pytest

from attachments.inspect import AttachmentRejected, clean_name, inspect

from . import files


@pytest.mark.parametrize(
    ("name", "make", "kind"),
    [
        ("报名表.pdf", files.pdf, "pdf"),
        ("报名表.docx", files.docx, "docx"),
        ("报名汇总表.xlsx", files.xlsx, "xlsx"),
        ("报名表.doc", files.doc, "doc"),
        ("报名汇总表.xls", files.xls, "xls"),
        ("报名表.wps", files.doc, "wps"),
        ("报名汇总表.et", files.xls, "et"),
        ("通知.ofd", files.ofd, "ofd"),
        ("大写扩展名.PDF", files.pdf, "pdf"),
    ],
)
def test_real_documents_of_each_type_are_accepted(name, make, kind):
    assert inspect(make(), name).code == kind


BAD = [
    # (name, content, words the message must contain)
    ("安装包.pdf", lambda: files.EXE, "可执行程序"),
    ("setup.exe", lambda: files.EXE, "可执行程序"),
    ("页面.docx", lambda: files.HTML, "网页代码"),
    ("页面.html", lambda: files.HTML, "网页代码"),
    ("宏.docm", files.docm_content, "启用宏"),
    ("改名的宏.docx", files.docm_content, "宏"),
    ("改名的宏.xlsx", files.xlsm_content, "宏"),
    ("宏.doc", lambda: files.doc(**{"Macros/VBA/dir": b"Attribute VB_Name"}), "宏"),
    ("宏表.xls", lambda: files.xls(macro_sheet=True), "宏表"),
    ("嵌入程序.doc", lambda: files.doc(**{"ObjectPool/_1/\x01Ole10Native": b"setup.exe"}), "嵌入"),
    ("嵌入程序.docx", files.docx_with_embedded_package, "嵌入"),
    ("夹带.docx", lambda: files.docx(extra={"word/media/run.exe": files.EXE}), "夹带"),
    ("空.pdf", lambda: b"", "空文件"),
    ("压缩包.docx", files.plain_zip, "压缩包"),
    ("压缩包.zip", files.plain_zip, "压缩包"),
    ("压缩包.xls", lambda: b"Rar!\x1a\x07\x01\x00" + b"\x00" * 100, "压缩包"),
    ("压缩包.pdf", lambda: b"7z\xbc\xaf\x27\x1c" + b"\x00" * 100, "压缩包"),
    ("PDF加压缩包.pdf", lambda: files.pdf() + files.plain_zip(), "PDF"),
    ("PDF夹压缩包.pdf", lambda: files.pdf() + files.plain_zip() + b"\n%%EOF\n", "压缩包"),
    ("PDF加网页.pdf", lambda: b"%PDF-1.7\n<html><script>alert(1)</script>" + b"\n%%EOF", "网页"),
    ("ZIP前面加程序.docx", lambda: files.EXE + files.docx(), "可执行程序"),
    ("DOCX后面加数据.docx", lambda: files.docx() + b"\x00TRAILING" * 200, "附加"),
    ("DOCX后面加网页.docx", lambda: files.docx() + b"<script>alert(1)</script>", "网页"),
    ("安装程序.doc", lambda: files.ole_file({"x": b"1"}, root_clsid=MSI_CLSID), "MSI"),
    (
        "加密.docx",
        lambda: files.ole_file({"EncryptedPackage": b"1", "EncryptionInfo": b"2"}),
        "密码",
    ),
    ("加密.doc", lambda: files.ole_file({"WordDocument": files.word_fib(encrypted=True)}), "密码"),
    ("演示.doc", lambda: files.ole_file({"PowerPoint Document": b"1"}), "PowerPoint"),
    ("脚本.pdf", lambda: b"#!/bin/sh\nrm -rf ~\n", "脚本"),
    ("脚本.bat", lambda: b"@echo off\r\ndel *.*\r\n", "脚本"),
    ("文本.docx", lambda: "姓名，单位\n".encode(), "文本"),
    ("图片.pdf", lambda: b"\xff\xd8\xff\xe0" + b"\x00" * 64, "图片"),
    ("损坏.doc", lambda: files.OLE_MAGIC + b"\x00" * 100, "损坏"),
    ("损坏.docx", lambda: b"PK\x03\x04" + b"\x00" * 100, "损坏"),
    ("截断.pdf", lambda: files.pdf()[:-200], "PDF"),
]
# {000C1084-0000-0000-C000-000000000046}, as stored (little-endian fields).
MSI_CLSID = bytes.fromhex("84100C0000000000C000000000000046")


@pytest.mark.parametrize(("name", "make", "words"), BAD, ids=[b[0] for b in BAD])
def test_bad_files_are_refused_with_a_chinese_message_naming_the_file(name, make, words):
    with pytest.raises(AttachmentRejected) as refused:
        inspect(make(), name)
    message = refused.value.message
    assert message.startswith(f"“{name}”"), message
    assert words in message, message
    assert "不能上传" in message


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        ("报名表.pdf", files.docx, ".docx"),
        ("报名表.doc", files.pdf, ".pdf"),
        ("报名表.docx", files.doc, ".doc"),
        ("汇总表.doc", files.xls, ".xls"),
        ("汇总表.xlsx", files.docx, ".docx"),
        ("通知.pdf", files.ofd, ".ofd"),
    ],
)
def test_renamed_documents_are_caught_and_the_right_extension_named(name, make, expected):
    with pytest.raises(AttachmentRejected) as refused:
        inspect(make(), name)
    assert "不符" in refused.value.message
    assert f"改用扩展名 {expected}" in refused.value.message


def test_a_file_without_extension_is_refused():
    with pytest.raises(AttachmentRejected, match="没有扩展名"):
        inspect(files.pdf(), "报名表")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("C:\\fakepath\\报名表.docx", "报名表.docx"),
        ("../../etc/报名表.pdf", "报名表.pdf"),
        ("报名\u202excod.exe", "报名xcod.exe"),  # a right-to-left override hides .exe
        ("报\x00名\t表.pdf", "报名表.pdf"),
        ("报名 \u3000 表 .pdf .", "报名 表.pdf"),
        ('a<b>:"c"|?*.pdf', "a_b___c____.pdf"),
        ("  .docx", "附件.docx"),
        ("", "附件"),
        ("长" * 300 + ".docx", "长" * 115 + ".docx"),
    ],
)
def test_names_are_cleaned_for_display_and_download(raw, clean):
    assert clean_name(raw) == clean
