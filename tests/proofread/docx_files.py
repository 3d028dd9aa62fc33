"""Word files made in the tests (python-docx), never binary fixtures of unknown origin."""

from __future__ import annotations

import io
import zipfile

from PIL import Image


def png_bytes(width=640, height=480, color=(200, 60, 60)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_bytes(width=800, height=600, color=(40, 90, 160)) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), color)
    exif = image.getexif()
    exif[0x010F] = "TestCam"  # Make: must be stripped by the pipeline
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def manuscript(
    *,
    kicker="南海区总工会召开第十五届委员会第三次全体（扩大）会议",
    headline="精准实干 为南海高质量发展凝心聚力",
    title_style=True,
    byline="文/珠江时报记者 黄梦灵 通讯员 梁丽英",
    pictures=2,
    planted=True,
    picture_bytes=None,
) -> bytes:
    """A report as 通讯员 send them: kicker, headline (Title style), byline, body with two
    headings, bold text, a list, a table and pictures with caption lines."""
    from docx import Document
    from docx.shared import Cm

    document = Document()
    if kicker:
        document.add_paragraph(kicker)
    if title_style:
        document.add_paragraph(headline, style="Title")
    else:
        document.add_paragraph(headline)
    if byline:
        document.add_paragraph(byline)
    first = document.add_paragraph("6月16日上午，")
    first.add_run("南海区总公会" if planted else "南海区总工会").bold = True
    first.add_run("召开全体会议，号召广大职工再接再励、扎实工作。" if planted else "召开全体会议。")
    document.add_heading("发挥工会作用 参与基层社会治理", level=1)
    document.add_paragraph("报告指出，南海工会将深化“法院+工会”工作模式。")
    document.add_paragraph("团结引导职工群众听党话、跟党走。", style="List Bullet")
    document.add_paragraph("推进社会主义核心价值观践行活动。", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "项目"
    table.cell(0, 1).text = "数量"
    table.cell(1, 0).text = "技能竞赛"
    table.cell(1, 1).text = "20个"
    for number in range(pictures):
        data = picture_bytes or (png_bytes() if number % 2 == 0 else jpeg_bytes())
        document.add_picture(io.BytesIO(data), width=Cm(8))
        if number == 0:
            document.add_paragraph("图为包杰给物管人员送上抗疫物资。通讯员供图")
        else:
            document.add_paragraph("职工在“职工·家”服务中心参加活动。")
            document.add_paragraph("珠江时报记者 穆纪武 摄")
    document.add_heading("突出思想引领 激发职工力量", level=2)
    document.add_paragraph("南海工会将继续深化职工素质提升工程。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def as_docm(docx: bytes) -> bytes:
    """The same document saved as a macro-enabled .docm (content type and vbaProject)."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    b"application/vnd.ms-word.document.macroEnabled.main+xml",
                )
            target.writestr(info, data)
        target.writestr("word/vbaProject.bin", b"\x00" * 64)
    return out.getvalue()


def ole_file(*stream_names: str) -> bytes:
    """An OLE2 compound file header with directory entries named ``stream_names``: what
    an old .doc, a .wps or a password-protected .docx starts with."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    entries = b""
    for name in ("Root Entry", *stream_names):
        raw = (name + "\0").encode("utf-16-le")
        entry = bytearray(128)
        entry[: len(raw)] = raw
        entry[64:66] = len(raw).to_bytes(2, "little")
        entries += bytes(entry)
    return bytes(header) + entries + b"\0" * 1024


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["不是", "Word"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
