"""Real documents of each accepted type, made here (no sample files in the repository),
and the bad ones an attachment upload must refuse.

- PDF: drawn by Pillow.
- DOCX, XLSX: minimal but complete OOXML packages (content types, relationships, the main
  part), as Word and Excel read them.
- DOC, XLS, WPS, ET: OLE2 compound files written by :func:`ole_file` (a small CFB v3
  writer: header, FAT, directory, streams), with Word's FIB or a BIFF8 workbook inside.
- OFD: the GB/T 33190 package: ``OFD.xml``, a document, one page with text.
"""

import io
import math
import struct
import zipfile

from PIL import Image, ImageDraw

# --- PDF -----------------------------------------------------------------------------------


def pdf() -> bytes:
    image = Image.new("RGB", (420, 594), "white")
    ImageDraw.Draw(image).rectangle((40, 40, 380, 120), outline="black", width=3)
    out = io.BytesIO()
    image.save(out, format="PDF", title="报名表")
    return out.getvalue()


# --- OOXML ---------------------------------------------------------------------------------

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


def _zip(parts: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content.encode() if isinstance(content, str) else content)
    return out.getvalue()


def _content_types(overrides: dict[str, str], defaults: dict[str, str] | None = None) -> str:
    defaults = {
        "rels": "application/vnd.openxmlformats-package.relationships+xml",
        "xml": "application/xml",
        **(defaults or {}),
    }
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="{CT_NS}">'
        + "".join(f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in defaults.items())
        + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides.items())
        + "</Types>"
    )


def _rels(target: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{REL_NS}">'
        f'<Relationship Id="rId1" Type="{OFFICE_DOC}" Target="{target}"/></Relationships>'
    )


WORD_BODY = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>“安康杯”竞赛活动报名表</w:t></w:r></w:p></w:body></w:document>"
)


def docx(*, main=DOCX_MAIN, extra: dict | None = None, defaults: dict | None = None) -> bytes:
    return _zip(
        {
            "[Content_Types].xml": _content_types({"/word/document.xml": main}, defaults),
            "_rels/.rels": _rels("word/document.xml"),
            "word/document.xml": WORD_BODY,
            **(extra or {}),
        }
    )


def xlsx(*, main=XLSX_MAIN, extra: dict | None = None) -> bytes:
    main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    worksheet = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
    return _zip(
        {
            "[Content_Types].xml": _content_types(
                {"/xl/workbook.xml": main, "/xl/worksheets/sheet1.xml": SHEET}
            ),
            "_rels/.rels": _rels("xl/workbook.xml"),
            "xl/workbook.xml": (
                f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main_ns}" '
                f'xmlns:r="{rel_ns}"><sheets><sheet name="报名" sheetId="1" r:id="rId1"/>'
                "</sheets></workbook>"
            ),
            "xl/_rels/workbook.xml.rels": (
                f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{REL_NS}">'
                f'<Relationship Id="rId1" Type="{worksheet}" Target="worksheets/sheet1.xml"/>'
                "</Relationships>"
            ),
            "xl/worksheets/sheet1.xml": (
                f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main_ns}"><sheetData>'
                '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c>'
                '<c r="B1" t="inlineStr"><is><t>单位</t></is></c></row></sheetData></worksheet>'
            ),
            **(extra or {}),
        }
    )


def docm_content() -> bytes:
    """A macro-enabled Word document: its own content type and a VBA project."""
    return docx(
        main=DOCM_MAIN,
        defaults={"bin": "application/vnd.ms-office.vbaProject"},
        extra={"word/vbaProject.bin": ole_file({"VBA/dir": b"\x01" * 64, "PROJECT": b"ID=1"})},
    )


def xlsm_content() -> bytes:
    return xlsx(main=XLSM_MAIN, extra={"xl/vbaProject.bin": ole_file({"VBA/dir": b"x"})})


# --- OFD (GB/T 33190) -----------------------------------------------------------------------

OFD_NS = "http://www.ofdspec.org/2016"


def ofd() -> bytes:
    return _zip(
        {
            "OFD.xml": (
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" '
                'Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>'
                "<ofd:DocID>6d2b1c0e4a8f4f4c9f1e0a1b2c3d4e5f</ofd:DocID>"
                "<ofd:Title>关于“安康杯”竞赛活动报名的通知</ofd:Title>"
                "<ofd:CreationDate>2026-11-01</ofd:CreationDate></ofd:DocInfo>"
                "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
            ),
            "Doc_0/Document.xml": (
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}">'
                "<ofd:CommonData><ofd:MaxUnitID>3</ofd:MaxUnitID><ofd:PageArea>"
                "<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData>"
                '<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages>'
                "</ofd:Document>"
            ),
            "Doc_0/Pages/Page_0/Content.xml": (
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}">'
                '<ofd:Content><ofd:Layer ID="2"><ofd:TextObject ID="3" Boundary="20 20 170 10" '
                'Font="1" Size="5"><ofd:TextCode X="0" Y="5">报名通知</ofd:TextCode>'
                "</ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>"
            ),
        }
    )


# --- OLE2 compound files (DOC, XLS, WPS, ET) ------------------------------------------------

SECTOR = 512
FREE, END, FAT_SECTOR, NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def ole_file(streams: dict[str, bytes], *, root_clsid: bytes = b"\0" * 16) -> bytes:
    """A CFB v3 file with these streams (``"Macros/VBA/dir"`` makes the storages too).
    Every stream is padded to 4096 bytes, the mini-stream cutoff, so all live in regular
    sectors and no mini FAT is needed."""
    streams = {path: data.ljust(4096, b"\0") for path, data in streams.items()}
    # Directory: the root, then every storage and stream, children linked as a right-
    # leaning chain of siblings (a valid, if unbalanced, binary tree; all black).
    children: dict[str, list[str]] = {"": []}
    for path in streams:
        parts = path.split("/")
        for depth in range(1, len(parts) + 1):
            node, parent = "/".join(parts[:depth]), "/".join(parts[: depth - 1])
            if node not in children:
                children[node] = []
                children[parent].append(node)
    order = [""]
    for node in order:
        children[node].sort(key=lambda p: (len(p.rsplit("/", 1)[-1]), p.upper()))
        order.extend(children[node])
    ids = {node: i for i, node in enumerate(order)}

    data_sectors = {path: math.ceil(len(data) / SECTOR) for path, data in streams.items()}
    dir_sectors = math.ceil(len(order) * 128 / SECTOR)
    fat_sectors = 1
    while True:
        total = fat_sectors + dir_sectors + sum(data_sectors.values())
        if math.ceil(total / (SECTOR // 4)) <= fat_sectors:
            break
        fat_sectors += 1
    fat = [FREE] * (fat_sectors * SECTOR // 4)
    for i in range(fat_sectors):
        fat[i] = FAT_SECTOR
    cursor = fat_sectors

    def chain(count: int) -> int:
        nonlocal cursor
        start = cursor
        for i in range(count):
            fat[cursor + i] = cursor + i + 1 if i < count - 1 else END
        cursor += count
        return start

    dir_start = chain(dir_sectors)
    starts = {path: chain(n) for path, n in data_sectors.items()}

    entries = b""
    for node in order:
        name = "Root Entry" if node == "" else node.rsplit("/", 1)[-1]
        encoded = (name + "\0").encode("utf-16-le")
        kind = 5 if node == "" else (2 if node in streams else 1)
        siblings = children[node.rsplit("/", 1)[0] if "/" in node else ""] if node else []
        right = NONE
        if node and siblings.index(node) + 1 < len(siblings):
            right = ids[siblings[siblings.index(node) + 1]]
        child = ids[children[node][0]] if children[node] else NONE
        start = starts.get(node, END if kind == 5 else 0)
        size = len(streams.get(node, b""))
        entries += (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", NONE, right, child)
            + (root_clsid if kind == 5 else b"\0" * 16)
            + b"\0" * 4
            + b"\0" * 16
            + struct.pack("<IQ", start, size)
        )
    for _ in range(dir_sectors * SECTOR // 128 - len(order)):
        entries += b"\0" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", NONE, NONE, NONE)
        entries += b"\0" * 36 + struct.pack("<IQ", 0, 0)

    difat = list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)
    header = (
        OLE_MAGIC
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, fat_sectors, dir_start, 0, 4096, END, 0, END, 0)
        + struct.pack("<109I", *difat)
    )
    body = struct.pack(f"<{len(fat)}I", *fat) + entries
    for path in streams:
        body += streams[path].ljust(data_sectors[path] * SECTOR, b"\0")
    return header + body


def word_fib(*, encrypted: bool = False) -> bytes:
    """The start of a WordDocument stream: the FIB's wIdent, nFib, and flags."""
    flags = 0x0100 if encrypted else 0
    return struct.pack("<HHHHH", 0xA5EC, 0x00C1, 0, 0x0409, 0) + struct.pack("<H", flags)


def doc(**extra_streams) -> bytes:
    return ole_file({"WordDocument": word_fib(), "1Table": b"\x00" * 64, **extra_streams})


def biff_workbook(*, macro_sheet: bool = False) -> bytes:
    def record(kind: int, payload: bytes) -> bytes:
        return struct.pack("<HH", kind, len(payload)) + payload

    bof_globals = record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0))
    sheet_name = "报名".encode("utf-16-le")
    bound = record(
        0x0085,
        struct.pack("<IBB", 0, 0, 0x01 if macro_sheet else 0x00) + bytes([2, 1]) + sheet_name,
    )
    eof = record(0x000A, b"")
    bof_sheet = record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 0))
    return bof_globals + bound + eof + bof_sheet + eof


def xls(*, macro_sheet: bool = False, **extra_streams) -> bytes:
    return ole_file({"Workbook": biff_workbook(macro_sheet=macro_sheet), **extra_streams})


# --- Bad files ---------------------------------------------------------------------------------

EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 44
    + struct.pack("<I", 64)
    + b"This program cannot be run in DOS mode.\r\r\n$"
    + b"\x00" * 32
    + b"PE\x00\x00"
    + b"\x00" * 400
)
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def plain_zip() -> bytes:
    return _zip({"报名表.txt": "姓名,单位", "照片/a.txt": "x"})


def docx_with_embedded_package() -> bytes:
    """A DOCX that embeds an OLE package (how an EXE travels inside a document)."""
    package = ole_file({"\x01Ole10Native": b"\x00\x00setup.exe\x00" + EXE})
    return docx(
        extra={"word/embeddings/oleObject1.bin": package},
        defaults={"bin": "application/vnd.openxmlformats-officedocument.oleObject"},
    )
