"""The word lists as a spreadsheet (Excel .xlsx or CSV), so an office can share its own.

Columns: 错误写法, 正确写法, 类型, 程度, 说明, 例外, 启用. Reading checks every row first and
imports nothing if any row is wrong (each error names its row).
"""

from __future__ import annotations

import csv
import io
import zipfile

from django.core.exceptions import ValidationError

from .models import Entry

HEADERS = ["错误写法", "正确写法", "类型", "程度", "说明", "例外", "启用"]
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
KINDS = {label: value for value, label in Entry.Kind.choices}
SEVERITIES = {label: value for value, label in Entry.Severity.choices}
YES = {"是", "启用", "1", "true", "yes", "y", "对", "✓", ""}
NO = {"否", "停用", "0", "false", "no", "n", "不"}


def _row(entry: Entry) -> list[str]:
    return [
        entry.wrong,
        entry.right,
        entry.get_kind_display(),
        entry.get_severity_display(),
        entry.note,
        "\n".join(entry.exception_list()),
        "是" if entry.is_active else "否",
    ]


def export_xlsx(entries) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "校对词库"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for entry in entries:
        sheet.append(_row(entry))
    for column, width in zip("ABCDEFG", [18, 24, 10, 8, 40, 30, 6], strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2, min_col=6, max_col=6):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_csv(entries) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for entry in entries:
        writer.writerow(_row(entry))
    # UTF-8 with a byte-order mark: Excel on Windows then opens the Chinese correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cells_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > 20 * MAX_BYTES:
                raise ValidationError("表格文件解压后过大，无法读取。")
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ValidationError:
        raise
    except Exception as exc:  # openpyxl and zipfile raise many kinds for broken files
        raise ValidationError("无法读取这个 Excel 文件，请确认它是 .xlsx 格式且没有损坏。") from exc
    sheet = book.worksheets[0]
    rows = []
    for values in sheet.iter_rows(values_only=True):
        rows.append(["" if v is None else str(v).strip() for v in values])
        if len(rows) > MAX_ROWS + 1:
            break
    book.close()
    return rows


def _cells_csv(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationError("无法识别 CSV 文件的编码，请另存为 UTF-8 编码的 CSV 或 Excel 文件。")
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]


def read(data: bytes, name: str) -> list[dict]:
    """Rows of a spreadsheet as entry values; ValidationError listing every bad row."""
    if not data:
        raise ValidationError("文件是空的。")
    if len(data) > MAX_BYTES:
        raise ValidationError("文件超过 5 MB，请分成几个文件导入。")
    if data[:4] == b"PK\x03\x04":
        cells = _cells_xlsx(data)
    elif name.lower().endswith((".csv", ".txt")):
        cells = _cells_csv(data)
    else:
        raise ValidationError("请上传 Excel（.xlsx）或 CSV 文件（可先导出一份作为模板）。")
    if not cells or cells[0][:2] != HEADERS[:2]:
        raise ValidationError(
            "第一行应是表头：" + "、".join(HEADERS) + "（可先导出一份作为模板）。"
        )
    if len(cells) > MAX_ROWS + 1:
        raise ValidationError(f"一次最多导入 {MAX_ROWS:,} 条。")
    rows, errors, seen = [], [], {}
    for number, raw in enumerate(cells[1:], start=2):
        values = (raw + [""] * len(HEADERS))[: len(HEADERS)]
        if not any(values):
            continue
        wrong, right, kind, severity, note, exceptions, active = values
        problems = []
        if not wrong:
            problems.append("错误写法不能为空")
        elif len(wrong) > 50:
            problems.append("错误写法最多 50 个字")
        if len(right) > 100:
            problems.append("正确写法最多 100 个字")
        if wrong and right and wrong == right:
            problems.append("正确写法与错误写法相同")
        if kind not in KINDS:
            problems.append("类型应为" + "、".join(KINDS))
        if severity not in SEVERITIES:
            problems.append("程度应为" + "、".join(SEVERITIES))
        if len(note) > 200:
            problems.append("说明最多 200 个字")
        if active.lower() not in YES | NO:
            problems.append("启用应填“是”或“否”")
        if wrong in seen:
            problems.append(f"与第 {seen[wrong]} 行重复")
        if problems:
            errors.append(f"第 {number} 行：" + ";".join(problems) + "。")
            continue
        seen[wrong] = number
        rows.append(
            {
                "wrong": wrong,
                "right": right,
                "kind": KINDS[kind],
                "severity": SEVERITIES[severity],
                "note": note,
                "exceptions": "\n".join(
                    e.strip()
                    for e in exceptions.replace(",", "\n").replace("、", "\n").splitlines()
                    if e.strip()
                ),
                "is_active": active.lower() not in NO,
            }
        )
    if errors:
        shown = errors[:20]
        if len(errors) > 20:
            shown.append(f"……共 {len(errors)} 行有误。")
        raise ValidationError(["没有导入任何词条，请改正后重新上传：", *shown])
    if not rows:
        raise ValidationError("表格里没有词条。")
    return rows
