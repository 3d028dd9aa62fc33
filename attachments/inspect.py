"""What an uploaded file really is, from its bytes: a pure core (bytes and name in, a
verdict out), with no storage and no database.

Accepted: PDF, DOC/DOCX, XLS/XLSX, WPS/ET (WPS Office) and OFD. The name and the browser's
Content-Type are never trusted; the name's extension must agree with the content.

- **PDF** starts with ``%PDF-`` at byte 0 and ends with ``%%EOF`` (only whitespace after
  it), and is not at the same time a ZIP archive (a PDF/ZIP polyglot).
- **OLE2 compound files** (DOC, XLS, WPS, ET all share the same container) are opened with
  olefile: a ``WordDocument`` stream starting with Word's FIB signature makes a word
  processing document (``.doc`` or ``.wps``), a ``Workbook``/``Book`` stream starting with
  a BIFF BOF record a spreadsheet (``.xls`` or ``.et``). VBA storages (``Macros``,
  ``_VBA_PROJECT_CUR``, ``VBA``), Excel 4.0 macro sheets, embedded OLE packages
  (``\\x01Ole10Native``, how an EXE hides in a document), encrypted documents and MSI
  installers are refused.
- **ZIP containers** are read with the standard library: OOXML is told by the main part's
  content type in ``[Content_Types].xml`` (DOCX, XLSX; their macro-enabled and template
  siblings refused), OFD (GB/T 33190) by ``OFD.xml`` at the root whose root element is
  ``ofd:OFD``. Any other ZIP is an archive. Entries with executable, script or web-page
  names, encrypted entries, macro and ActiveX parts, and embedded OLE packages are
  refused; data before or after the archive (an EXE or HTML glued to it) too.
- Everything else is refused, with the reason when we know it: executables (PE, ELF,
  Mach-O), scripts, web pages, archives (RAR, 7z, gzip, ...), images, RTF, text.

Every refusal is an :class:`AttachmentRejected` whose message is Chinese and names the file.
"""

from __future__ import annotations

import io
import re
import struct
import unicodedata
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

import olefile


class AttachmentRejected(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Kind:
    code: str  # also the stored file's extension
    label: str  # what readers see: “Word 文档”
    content_type: str


KINDS = {
    kind.code: kind
    for kind in (
        Kind("pdf", "PDF 文档", "application/pdf"),
        Kind("doc", "Word 文档", "application/msword"),
        Kind(
            "docx",
            "Word 文档",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        Kind("xls", "Excel 表格", "application/vnd.ms-excel"),
        Kind(
            "xlsx",
            "Excel 表格",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        Kind("wps", "WPS 文字文档", "application/wps-office.wps"),
        Kind("et", "WPS 表格", "application/wps-office.et"),
        Kind("ofd", "OFD 版式文档", "application/ofd"),
    )
}

# What the content is → the extensions a file with that content may carry.
FAMILIES = {
    "pdf": ("PDF 文档", ("pdf",)),
    "ole-word": ("Word/WPS 文字文档（DOC/WPS）", ("doc", "wps")),
    "ole-sheet": ("Excel/WPS 表格（XLS/ET）", ("xls", "et")),
    "docx": ("Word 文档（DOCX）", ("docx",)),
    "xlsx": ("Excel 表格（XLSX）", ("xlsx",)),
    "ofd": ("OFD 版式文档", ("ofd",)),
}
ACCEPTED = "只能上传 PDF、Word（DOC、DOCX）、Excel（XLS、XLSX）、WPS（WPS、ET）和 OFD 文件。"

# Names that must never be inside a document container. (SVG images are fine: Word keeps
# SVG pictures in DOCX files, and nothing inside a downloaded document is served by us.)
DANGEROUS_EXTENSIONS = frozenset(
    "exe dll scr com pif cpl msi msp msc bat cmd ps1 psm1 vbs vbe js jse mjs wsf wsh hta "
    "jar sh bash zsh csh py pl rb php lnk reg inf app dmg apk ipa deb rpm "
    "html htm xhtml shtml mht mhtml swf".split()
)
SCRIPT_EXTENSIONS = frozenset(
    "bat cmd ps1 psm1 vbs vbe js jse mjs wsf wsh hta sh bash py pl rb php".split()
)
MACRO_EXTENSIONS = frozenset("docm dotm xlsm xltm xlam xlsb pptm potm ppsm sldm ppam".split())

# Markup a browser would take for a page, looked for in the first KB of every file.
HTML_MARKERS = re.compile(
    rb"<(?:(?:!doctype\s+html|html|head|body|script|iframe|svg|object|embed|meta|title|style|"
    rb"form|img)[\s>/]|a\s+href\s*=|\?php)",
    re.IGNORECASE,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MSI_CLSID = "000C1084-0000-0000-C000-000000000046"
ZIP_LOCAL = b"PK\x03\x04"
ZIP_END = b"PK\x05\x06"
XML_READ_LIMIT = 2 * 1024 * 1024
EMBEDDED_READ_LIMIT = 32 * 1024 * 1024
MAX_ZIP_ENTRIES = 20_000
NAME_MAX_LENGTH = 120

OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
}
OOXML_OTHER = {
    "wordprocessingml.template": "Word 模板（DOTX）",
    "spreadsheetml.template": "Excel 模板（XLTX）",
    "presentationml": "PowerPoint 演示文稿",
    "ms-excel.sheet.binary": "Excel 二进制工作簿（XLSB）",
}

# Signatures of what we refuse, so the message can say what the file is.
REFUSED_SIGNATURES = [
    (b"MZ", "是可执行程序（EXE/DLL）"),
    (b"\x7fELF", "是可执行程序（ELF）"),
    (b"\xfe\xed\xfa\xce", "是可执行程序（Mach-O）"),
    (b"\xfe\xed\xfa\xcf", "是可执行程序（Mach-O）"),
    (b"\xce\xfa\xed\xfe", "是可执行程序（Mach-O）"),
    (b"\xcf\xfa\xed\xfe", "是可执行程序（Mach-O）"),
    (b"\xca\xfe\xba\xbe", "是可执行程序或 Java 类文件"),
    (b"#!", "是脚本文件"),
    (b"Rar!\x1a\x07", "是压缩包（RAR）"),
    (b"7z\xbc\xaf\x27\x1c", "是压缩包（7z）"),
    (b"\x1f\x8b", "是压缩包（gzip）"),
    (b"BZh", "是压缩包（bzip2）"),
    (b"\xfd7zXZ\x00", "是压缩包（xz）"),
    (b"\x28\xb5\x2f\xfd", "是压缩包（zstd）"),
    (b"MSCF", "是压缩包（CAB）"),
    (ZIP_END, "是压缩包（ZIP）"),
    (b"{\\rtf", "是 RTF 文档（可能嵌入其他程序，请另存为 DOCX 或 PDF）"),
    (b"\xff\xd8\xff", "是图片（请在图片库上传图片）"),
    (b"\x89PNG\r\n\x1a\n", "是图片（请在图片库上传图片）"),
    (b"GIF8", "是图片（请在图片库上传图片）"),
]


def clean_name(name: str) -> str:
    """A safe display and download name: no folders, no control or invisible formatting
    characters (a right-to-left override can make ``exe.docx`` read as ``xcod.exe``), no
    characters Windows refuses; NFC; at most ``NAME_MAX_LENGTH`` characters, the extension
    kept. Never empty."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        ch for ch in name if unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Co", "Cn"}
    )
    name = re.sub(r'[<>:"|?*]', "_", name)
    name = re.sub(r"\s+", " ", name).strip(" ").rstrip(" .")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    stem = stem.strip(" .") or "附件"
    extension = extension.strip()
    room = NAME_MAX_LENGTH - (len(extension) + 1 if extension else 0)
    stem = stem[: max(room, 1)].rstrip(" .") or "附件"
    return f"{stem}.{extension}" if extension else stem


def extension_of(name: str) -> str:
    return name.rpartition(".")[2].lower() if "." in name else ""


def inspect(data: bytes, name: str) -> Kind:
    """The kind of an uploaded file (its ``code`` is also the stored extension), or
    :class:`AttachmentRejected` with a Chinese message naming the file."""
    name = clean_name(name)
    extension = extension_of(name)

    def refuse(reason: str, advice: str = ACCEPTED) -> AttachmentRejected:
        return AttachmentRejected(f"“{name}”{reason}，不能上传。{advice}".rstrip())

    if not data:
        raise refuse("是空文件（0 字节）", "请检查文件后重新上传。")
    if extension in MACRO_EXTENSIONS:
        raise refuse("是启用宏的文档", "请另存为不含宏的格式（如 DOCX、XLSX 或 PDF）后再上传。")
    if extension in {"exe", "dll", "scr", "com", "msi", "apk", "app", "dmg", "jar", "lnk"}:
        raise refuse("是可执行程序")
    if extension in SCRIPT_EXTENSIONS:
        raise refuse("是脚本文件")
    if HTML_MARKERS.search(data[:1024]):
        raise refuse("含有网页代码（HTML 或脚本）")

    if data.startswith(b"%PDF-"):
        family = _pdf(data, refuse)
    elif data.startswith(OLE_MAGIC):
        family = _ole(data, refuse)
    elif data.startswith(ZIP_LOCAL):
        family = _zip(data, refuse)
    else:
        raise refuse(_what_else(data))

    label, extensions = FAMILIES[family]
    if extension not in extensions:
        if not extension:
            raise AttachmentRejected(
                f"“{name}”没有扩展名（内容是 {label}），不能上传。"
                f"请加上扩展名 .{extensions[0]} 后再上传。"
            )
        raise AttachmentRejected(
            f"“{name}”的内容是 {label}，与扩展名 .{extension} 不符，不能上传。"
            f"请确认文件无误，改用扩展名 .{extensions[0]} 后再上传。"
        )
    return KINDS[extension]


# --- PDF -----------------------------------------------------------------------------------


def _pdf(data: bytes, refuse) -> str:
    if not data.rstrip(b" \t\r\n\f\x00").endswith(b"%%EOF"):
        raise refuse("不是完整的 PDF 文件（结尾缺少 %%EOF 或附加了其他数据）")
    if zipfile.is_zipfile(io.BytesIO(data)):
        raise refuse("既是 PDF 又是压缩包（一种伪装文件）")
    return "pdf"


# --- OLE2: DOC, XLS, WPS, ET ----------------------------------------------------------------


def _ole(data: bytes, refuse) -> str:
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - any parser error means a broken file
        raise refuse("已损坏，无法识别") from exc
    try:
        if (ole.root.clsid or "").upper() == MSI_CLSID:
            raise refuse("是安装程序（MSI）")
        paths = [
            [part.lower() for part in entry] for entry in ole.listdir(streams=True, storages=True)
        ]
        top = {path[0] for path in paths}
        every = {part for path in paths for part in path}
        if {"encryptedpackage", "encryptioninfo"} & top:
            raise refuse("设置了打开密码，无法检查内容", "请去掉密码后再上传。")
        if {"macros", "_vba_project_cur", "_vba_project", "vba"} & every:
            raise refuse("含有宏（VBA）", "请另存为不含宏的格式（如 DOCX、XLSX 或 PDF）后再上传。")
        if "\x01ole10native" in every:
            raise refuse("嵌入了程序或其他文件包", "请删除嵌入的对象后再上传。")
        if "worddocument" in top:
            fib = ole.openstream("WordDocument").read(12)
            if len(fib) < 12 or fib[:2] != b"\xec\xa5":
                raise refuse("已损坏，不是有效的 Word/WPS 文档")
            if struct.unpack_from("<H", fib, 10)[0] & 0x0100:
                raise refuse("设置了打开密码，无法检查内容", "请去掉密码后再上传。")
            return "ole-word"
        for stream in ("workbook", "book"):
            if stream in top:  # olefile finds streams whatever their case
                _check_biff(ole.openstream(stream).read(), refuse)
                return "ole-sheet"
        if "powerpoint document" in top:
            raise refuse("是 PowerPoint 演示文稿，暂不支持", "请另存为 PDF 后再上传。")
        raise refuse("不是可识别的 Word、Excel 或 WPS 文档")
    finally:
        ole.close()


def _check_biff(stream: bytes, refuse) -> None:
    """A BIFF5/8 workbook: starts with a BOF record; no Excel 4.0 macro sheets (the
    BoundSheet records of the workbook globals say each sheet's type)."""
    if len(stream) < 8 or struct.unpack_from("<H", stream, 0)[0] != 0x0809:
        raise refuse("已损坏，不是有效的 Excel/WPS 表格")
    position = 0
    for _ in range(200_000):
        if position + 4 > len(stream):
            break
        record, size = struct.unpack_from("<HH", stream, position)
        payload = stream[position + 4 : position + 4 + size]
        if record == 0x0085 and len(payload) >= 6 and payload[5] in (0x01, 0x06):
            raise refuse("含有宏表（Excel 4.0 宏）", "请删除宏表、另存为 XLSX 或 PDF 后再上传。")
        if record == 0x000A:  # EOF of the workbook globals
            break
        position += 4 + size


# --- ZIP containers: DOCX, XLSX, OFD ----------------------------------------------------------


def _zip(data: bytes, refuse) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise refuse("已损坏，无法识别") from exc
    if not infos or len(infos) > MAX_ZIP_ENTRIES:
        raise refuse("不是可识别的文档")
    end = data.rfind(ZIP_END)
    if (
        min(info.header_offset for info in infos) != 0
        or end < 0
        or end + 22 + len(archive.comment) != len(data)
    ):
        raise refuse("在文档前后附加了其他数据（一种伪装文件）")
    names = {info.filename for info in infos}
    lowered = {name.lower(): name for name in names}
    for info in infos:
        path = info.filename.replace("\\", "/")
        if info.flag_bits & 0x1:
            raise refuse("设置了密码或加密，无法检查内容", "请去掉密码后再上传。")
        if path.startswith("/") or ".." in path.split("/"):
            raise refuse("含有异常的文件路径")
        inner_extension = extension_of(path.rsplit("/", 1)[-1])
        if inner_extension in MACRO_EXTENSIONS or path.lower().endswith("vbaproject.bin"):
            raise refuse("含有宏（VBA）", "请另存为不含宏的格式（如 DOCX、XLSX 或 PDF）后再上传。")
        if inner_extension in DANGEROUS_EXTENSIONS:
            raise refuse("里面夹带了程序、脚本或网页文件")

    if "[content_types].xml" in lowered:
        family = _ooxml(archive, lowered, refuse)
    elif "ofd.xml" in lowered:
        family = _ofd(archive, lowered["ofd.xml"], refuse)
    elif "mimetype" in lowered:
        raise refuse(
            "是 OpenDocument（ODT/ODS）文档，暂不支持", "请另存为 DOCX、XLSX 或 PDF 后再上传。"
        )
    else:
        raise refuse("是压缩包（ZIP）", "请解压后分别上传其中的文件。")
    _check_embedded(archive, infos, refuse)
    return family


def _read_xml(archive: zipfile.ZipFile, member: str, refuse) -> ElementTree.Element:
    with archive.open(member) as handle:
        text = handle.read(XML_READ_LIMIT + 1)
    if len(text) > XML_READ_LIMIT or b"<!DOCTYPE" in text.upper() or b"<!ENTITY" in text.upper():
        raise refuse("已损坏，无法识别")
    try:
        return ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        raise refuse("已损坏，无法识别") from exc


def _ooxml(archive, lowered: dict[str, str], refuse) -> str:
    root = _read_xml(archive, lowered["[content_types].xml"], refuse)
    overrides, types = {}, set()
    for element in root:
        tag = element.tag.rsplit("}", 1)[-1]
        content_type = (element.get("ContentType") or "").strip()
        types.add(content_type.lower())
        if tag == "Override":
            overrides[(element.get("PartName") or "").lstrip("/").lower()] = content_type
    if any("macroenabled" in t or "vbaproject" in t or "vbadata" in t for t in types):
        raise refuse("是启用宏的文档", "请另存为不含宏的格式（如 DOCX、XLSX 或 PDF）后再上传。")
    if any("activex" in t for t in types):
        raise refuse("含有 ActiveX 控件", "请删除控件或另存为 PDF 后再上传。")
    for part, content_type in overrides.items():
        family = OOXML_MAIN.get(content_type)
        if family and part in lowered:
            return family
    for marker, label in OOXML_OTHER.items():
        if any(marker in t for t in types):
            raise refuse(f"是{label}，暂不支持", "请另存为 DOCX、XLSX 或 PDF 后再上传。")
    raise refuse("不是可识别的 Word 或 Excel 文档")


def _ofd(archive, member: str, refuse) -> str:
    root = _read_xml(archive, member, refuse)
    if root.tag.rsplit("}", 1)[-1] != "OFD":
        raise refuse("不是有效的 OFD 文档")
    bodies = [e for e in root if e.tag.rsplit("}", 1)[-1] == "DocBody"]
    if not bodies:
        raise refuse("不是有效的 OFD 文档（缺少文档主体）")
    return "ofd"


def _check_embedded(archive, infos, refuse) -> None:
    """Objects embedded in a document (OOXML ``embeddings/``, OFD attachments) that are
    OLE containers: no packages (a file of any kind, typically an EXE), no macros."""
    for info in infos:
        if info.file_size < 512 or info.file_size > EMBEDDED_READ_LIMIT:
            continue
        with archive.open(info) as handle:
            head = handle.read(8)
            if head != OLE_MAGIC:
                continue
            blob = head + handle.read(EMBEDDED_READ_LIMIT)
        try:
            ole = olefile.OleFileIO(io.BytesIO(blob))
        except Exception:  # noqa: BLE001 - an unreadable embedded object is refused too
            raise refuse("嵌入了无法识别的对象", "请删除嵌入的对象后再上传。") from None
        try:
            parts = {p.lower() for entry in ole.listdir(streams=True, storages=True) for p in entry}
        finally:
            ole.close()
        if "\x01ole10native" in parts:
            raise refuse("嵌入了程序或其他文件包", "请删除嵌入的对象后再上传。")
        if {"macros", "_vba_project_cur", "_vba_project", "vba"} & parts:
            raise refuse("嵌入了含宏的文档", "请删除嵌入的对象后再上传。")


# --- Anything else -------------------------------------------------------------------------------


def _what_else(data: bytes) -> str:
    for signature, reason in REFUSED_SIGNATURES:
        if data.startswith(signature):
            return reason
    if len(data) > 262 and data[257:262] == b"ustar":
        return "是压缩包（tar）"
    head = data[:4096]
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return "是纯文本或脚本文件"
    return "的格式无法识别"
