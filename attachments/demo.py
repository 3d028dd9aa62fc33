"""Demo attachments: the 里水镇 “安康杯” notice (articles.demo) comes with its forms, as
real notices do: a 报名表 in Word, a 报名汇总表 in Excel and the 活动方案 as a PDF.

The files are made here when the demo loads (no sample files in the repository) and go
through ``attachments.services.attachment_create``, so they are checked from their bytes
exactly like an editor's upload. Idempotent: a notice that already has attachments is
left alone.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from django.core.files.base import ContentFile

from articles.models import Article

from .models import Attachment
from .services import attachment_create

NOTICE_HEADLINE = "关于里水镇“安康杯”竞赛活动报名的通知"
TITLE = "里水镇“安康杯”竞赛活动报名表"
FIELDS = ["序号", "单位名称", "代表队名称", "领队姓名", "职务", "参赛人数", "备注"]
ROWS = [
    ["1", "（示例）某某制造有限公司", "安全先锋队", "（示例）", "安全主任", "5", ""],
    ["2", "", "", "", "", "", ""],
    ["3", "", "", "", "", "", ""],
]

# --- DOCX: WordprocessingML with a title and a bordered table ----------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'


def _package(parts: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content.encode("utf-8"))
    return out.getvalue()


def _content_types(overrides: dict[str, str]) -> str:
    return (
        f'{XML_HEAD}<Types xmlns="{CT_NS}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides.items())
        + "</Types>"
    )


def _root_rels(target: str) -> str:
    return (
        f'{XML_HEAD}<Relationships xmlns="{REL_NS}">'
        f'<Relationship Id="rId1" Type="{OFFICE_DOC}" Target="{target}"/></Relationships>'
    )


def _w_paragraph(text: str, *, bold=False, size=24, center=False) -> str:
    props = '<w:jc w:val="center"/>' if center else ""
    run = ("<w:b/><w:bCs/>" if bold else "") + f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    return (
        f"<w:p><w:pPr>{props}</w:pPr><w:r><w:rPr>"
        '<w:rFonts w:ascii="SimSun" w:hAnsi="SimSun" w:eastAsia="宋体"/>'
        f'{run}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
    )


def registration_docx() -> bytes:
    """报名表.docx: the title, the table to fill in, the contact line."""
    border = "".join(
        f'<w:{side} w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    width = 9000 // len(FIELDS)
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in FIELDS)

    def row(cells, bold=False):
        return (
            "<w:tr>"
            + "".join(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                f"{_w_paragraph(cell, bold=bold, size=21, center=True)}</w:tc>"
                for cell in cells
            )
            + "</w:tr>"
        )

    table = (
        f'<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>{border}'
        f"</w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
        + row(FIELDS, bold=True)
        + "".join(row(cells) for cells in ROWS)
        + "</w:tbl>"
    )
    body = (
        _w_paragraph(TITLE, bold=True, size=36, center=True)
        + _w_paragraph("填报单位（盖章）：　　　　　　　　填报日期：　　年　　月　　日", size=21)
        + table
        + _w_paragraph("联系人：　　　　　　联系电话：　　　　　　", size=21)
        + _w_paragraph("请于通知发布之日起15个工作日内报送镇总工会。", size=21)
    )
    document = (
        f'{XML_HEAD}<w:document xmlns:w="{W_NS}"><w:body>{body}'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1440" w:right="1200" w:bottom="1440" w:left="1200"'
        ' w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>'
    )
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    return _package(
        {
            "[Content_Types].xml": _content_types({"/word/document.xml": main}),
            "_rels/.rels": _root_rels("word/document.xml"),
            "word/document.xml": document,
        }
    )


# --- XLSX: SpreadsheetML, one sheet, inline strings ---------------------------------------

S_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"


def _column(index: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[index]


def summary_xlsx() -> bytes:
    """报名汇总表.xlsx: the same columns, for the town's union to collect the entries."""
    rows = [[TITLE.replace("报名表", "报名汇总表")], FIELDS, *ROWS]
    sheet_rows = []
    for r, cells in enumerate(rows, start=1):
        xml_cells = "".join(
            f'<c r="{_column(c)}{r}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
            for c, value in enumerate(cells)
            if value
        )
        sheet_rows.append(f'<row r="{r}">{xml_cells}</row>')
    columns = "".join(
        f'<col min="{i}" max="{i}" width="{22 if name == "单位名称" else 12}" customWidth="1"/>'
        for i, name in enumerate(FIELDS, start=1)
    )
    sheet = (
        f'{XML_HEAD}<worksheet xmlns="{S_NS}"><cols>{columns}</cols>'
        f"<sheetData>{''.join(sheet_rows)}</sheetData>"
        f'<mergeCells count="1"><mergeCell ref="A1:{_column(len(FIELDS) - 1)}1"/></mergeCells>'
        "</worksheet>"
    )
    workbook = (
        f'{XML_HEAD}<workbook xmlns="{S_NS}" xmlns:r="{R_NS}"><sheets>'
        '<sheet name="报名汇总" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    workbook_rels = (
        f'{XML_HEAD}<Relationships xmlns="{REL_NS}">'
        f'<Relationship Id="rId1" Type="{WORKSHEET}" Target="worksheets/sheet1.xml"/>'
        "</Relationships>"
    )
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    return _package(
        {
            "[Content_Types].xml": _content_types(
                {"/xl/workbook.xml": main, "/xl/worksheets/sheet1.xml": sheet_type}
            ),
            "_rels/.rels": _root_rels("xl/workbook.xml"),
            "xl/workbook.xml": workbook,
            "xl/_rels/workbook.xml.rels": workbook_rels,
            "xl/worksheets/sheet1.xml": sheet,
        }
    )


# --- PDF: the plan as an A4 page drawn with Pillow ----------------------------------------

PLAN_LINES = [
    ("title", "里水镇“安康杯”竞赛活动方案"),
    ("heading", "一、活动目的"),
    ("text", "深入开展“安康杯”竞赛，增强职工安全生产意识和自我保护能力，"),
    ("text", "推动企业落实安全生产主体责任。"),
    ("heading", "二、活动时间"),
    ("text", "报名截止后一个月内，具体时间另行通知。"),
    ("heading", "三、活动内容"),
    ("text", "1. 安全生产知识竞赛（笔试与现场抢答）；"),
    ("text", "2. 岗位安全操作技能比武；"),
    ("text", "3. 班组安全隐患排查案例交流。"),
    ("heading", "四、奖励办法"),
    ("text", "设团体一、二、三等奖和优秀组织奖，获奖单位由镇总工会通报表扬。"),
    ("note", "（演示文件：本方案为示例内容）"),
]


FONT_PATHS = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
]


def _font(size):
    from PIL import ImageFont

    for path in FONT_PATHS:
        try:
            return ImageFont.truetype(path, size, index=2 if "Noto" in path else 0)
        except OSError:
            continue
    return None


def plan_pdf() -> bytes:
    """活动方案.pdf: one A4 page of text (an image page: no font needs embedding)."""
    from PIL import Image, ImageDraw

    width, height = 1240, 1754  # A4 at 150 dpi
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    y = 170
    for kind, text in PLAN_LINES:
        size = {"title": 52, "heading": 36, "text": 32, "note": 28}[kind]
        font = _font(size)
        if font is None:  # without a CJK font the page is blank but still a valid PDF
            break
        if kind == "title":
            draw.text((width // 2, y), text, font=font, fill=0, anchor="mt")
            y += 130
        else:
            y += 24 if kind == "heading" else 0
            draw.text((150 if kind != "text" else 214, y), text, font=font, fill=0)
            y += size + 26
    out = io.BytesIO()
    page.save(out, format="PDF", resolution=150, title="里水镇“安康杯”竞赛活动方案")
    return out.getvalue()


FILES = [
    ("里水镇“安康杯”竞赛活动报名表.docx", registration_docx),
    ("报名汇总表.xlsx", summary_xlsx),
    ("活动方案.pdf", plan_pdf),
]


def load(stdout=None):
    notice = Article.objects.filter(headline=NOTICE_HEADLINE).first()
    created = 0
    if notice is not None and not notice.attachments.exists():
        for order, (name, make) in enumerate(FILES, start=1):
            # user=None: the demo, not a person (no permission to check); the file is
            # checked from its bytes like any upload.
            attachment_create(
                article=notice, upload=ContentFile(make(), name=name), user=None, order=order
            )
            created += 1
    if stdout:
        stdout.write(f"附件：新增 {created} 个，共 {Attachment.objects.count()} 个。")
