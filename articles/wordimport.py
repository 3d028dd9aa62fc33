"""从 Word 导入: a .docx manuscript becomes a draft article in one step.

1. The file is judged by its content (``sniff``): old binary Word (.doc), WPS (.wps),
   password-protected and corrupt files, macro-enabled files (.docm), non-Word files and
   files over the size limit are refused with a Chinese message before anything is stored.
2. mammoth converts the document to simple HTML (headings, bold, italic, lists, tables;
   everything else dropped), with our style map: Word's 标题 1/2/3 become h2/h3/h4, the
   Title/Subtitle styles mark the headline and the subheadline.
3. ``parse`` (pure: HTML in, structure out) takes the kicker, headline and subheadline from
   the styles or from the lines at the top, turns byline lines (文/珠江时报记者 黄梦灵 通讯员
   梁丽英, 统筹/… 文/… 图/…) into credits, and takes each picture's caption (and credit,
   通讯员供图 or … 摄) from the line(s) under it.
4. ``article_import_docx`` stores it all in one transaction: every picture through the
   photo pipeline into the library (re-encoded, metadata stripped, renditions), the
   article as a draft with its body (pictures placed where they stood) and credits, then
   proofreads it. If anything fails, the photo files already written are deleted too.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from core.html import sanitize_html
from photos.body import enrich_body

from .models import HEADLINE_MAX_LENGTH, Article, Credit

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

STYLE_MAP = """
p[style-name='Title'] => p.docx-title:fresh
p[style-name='title'] => p.docx-title:fresh
p[style-name='标题'] => p.docx-title:fresh
p[style-name='Subtitle'] => p.docx-subtitle:fresh
p[style-name='subtitle'] => p.docx-subtitle:fresh
p[style-name='副标题'] => p.docx-subtitle:fresh
p[style-name='Caption'] => p.docx-caption:fresh
p[style-name='caption'] => p.docx-caption:fresh
p[style-name='题注'] => p.docx-caption:fresh
p[style-name='heading 1'] => h2:fresh
p[style-name='Heading 1'] => h2:fresh
p[style-name='标题 1'] => h2:fresh
p[style-name='heading 2'] => h3:fresh
p[style-name='Heading 2'] => h3:fresh
p[style-name='标题 2'] => h3:fresh
p[style-name='heading 3'] => h4:fresh
p[style-name='Heading 3'] => h4:fresh
p[style-name='标题 3'] => h4:fresh
p[style-name='heading 4'] => h4:fresh
p[style-name='Heading 4'] => h4:fresh
p[style-name='标题 4'] => h4:fresh
"""

SAVE_AS_DOCX = "请用 Word 或 WPS 打开它，选择“文件 → 另存为”，保存类型选“Word 文档（*.docx）”，再导入另存的文件。"


def max_bytes() -> int:
    return int(getattr(settings, "WORDIMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def can_import_into(user, article: Article) -> bool:
    """The rule is in ``articles.permissions`` (a reporter: their own draft only)."""
    from .permissions import can_import_word_into

    return can_import_word_into(user, article)


# --- 1. Is it a .docx we can read? ------------------------------------------------------------


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def sniff(data: bytes, name: str) -> None:
    """Raise ValidationError (Chinese, saying what to do) unless ``data`` is a plain .docx."""
    label = f"“{name}”" if name else "文件"
    lower = name.lower()
    if not data:
        raise ValidationError(f"{label}是空文件，请重新选择。")
    if len(data) > max_bytes():
        raise ValidationError(
            f"{label}有 {len(data) / (1024 * 1024):.1f} MB，超过了 {max_bytes() // (1024 * 1024)} MB 的上限。"
            "请压缩其中的图片（Word：“图片格式 → 压缩图片”）后再导入。"
        )
    if data.startswith(OLE_MAGIC):
        # An OLE compound file: old Word (.doc), WPS (.wps), or an encrypted .docx
        # (Office keeps a password-protected .docx inside OLE as "EncryptedPackage").
        if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
            raise ValidationError(
                f"{label}设置了打开密码，无法读取。请在 Word 中取消密码（“文件 → 信息 → 保护文档 → "
                "用密码进行加密”，清空密码）并保存后再导入。"
            )
        if lower.endswith(".wps"):
            raise ValidationError(f"{label}是 WPS 文字的 .wps 格式，不能直接导入。{SAVE_AS_DOCX}")
        raise ValidationError(f"{label}是旧版 Word 文档（.doc），不能直接导入。{SAVE_AS_DOCX}")
    if not data.startswith(ZIP_MAGIC):
        if lower.endswith(".wps"):
            raise ValidationError(f"{label}是 WPS 文字的 .wps 格式，不能直接导入。{SAVE_AS_DOCX}")
        raise ValidationError(
            f"{label}不是 Word 文档（.docx）。请上传用 Word 或 WPS 保存的 .docx 文件。"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
                raise ValidationError(f"{label}解压后过大，内容异常，无法导入。")
            types = (
                archive.read("[Content_Types].xml").decode("utf-8", "replace")
                if "[Content_Types].xml" in names
                else ""
            )
    except zipfile.BadZipFile:
        raise ValidationError(
            f"{label}已损坏，无法读取。请在 Word 中打开确认无误，另存为 .docx 后再导入。"
        ) from None
    if "macroEnabled" in types or "word/vbaProject.bin" in names or lower.endswith(".docm"):
        raise ValidationError(
            f"{label}是含宏的 Word 文档（.docm），为安全起见不能导入。"
            "请在 Word 中“另存为”普通的“Word 文档（*.docx）”后再导入。"
        )
    if "word/document.xml" not in names:
        kind = (
            "Excel 表格"
            if "xl/workbook.xml" in names
            else "PowerPoint 演示文稿"
            if "ppt/presentation.xml" in names
            else "压缩文件"
        )
        raise ValidationError(f"{label}是{kind}，不是 Word 文档（.docx）。")


# --- 2 and 3. Convert and take apart -----------------------------------------------------------


@dataclass
class Picture:
    data: bytes
    content_type: str
    caption: str = ""
    credit: str = ""


@dataclass
class ParsedDoc:
    kicker: str = ""
    headline: str = ""
    subheadline: str = ""
    body: list[str] = field(default_factory=list)  # HTML blocks; pictures as ("\0pic:N")
    credits: list[dict] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)


ROLE_WORDS = {
    "统筹": Credit.Role.COORDINATION,
    "文": Credit.Role.TEXT,
    "文字": Credit.Role.TEXT,
    "图": Credit.Role.PICTURE,
    "图片": Credit.Role.PICTURE,
    "摄影": Credit.Role.PHOTOGRAPHY,
    "摄": Credit.Role.PHOTOGRAPHY,
    "视频": Credit.Role.VIDEO,
    "设计": Credit.Role.DESIGN,
    "编辑": Credit.Role.EDITING,
    "校对": Credit.Role.PROOFREADING,
}
_ROLE = "|".join(sorted(ROLE_WORDS, key=len, reverse=True))
# "文/", "统筹:", and "文/图 " (two roles, then a slash or a space before the names).
_ROLE_MARK = re.compile(
    rf"(?:^|(?<=\s))(?:((?:{_ROLE})(?:\s*[/／]\s*(?:{_ROLE}))+)\s*[/／:：\s]|({_ROLE})\s*[/／:：])\s*"
)
TITLES = [
    "特约记者",
    "见习记者",
    "实习记者",
    "摄影记者",
    "记者",
    "特约通讯员",
    "通讯员",
    "实习生",
    "摄影师",
]
_TITLE_SUFFIX = re.compile("(" + "|".join(TITLES) + ")$")
_NAME_SPLIT = re.compile(r"[\s、,,]+")
_PIC_CREDIT = re.compile(
    r"[(（]?((?:[^\s。,,;;()（）]{0,16}?(?:记者|通讯员|摄影师)\s*)?[^\s。,,;;()（）]{1,16}\s*(?:供图|摄影?|/摄))[)）]?$"
)
_CAPTION_START = re.compile(r"^(图为|图:|图：|图片:|图片：|▲|△|上图|下图|左图|右图|图\s*\d)")
SENTENCE_END = "\u3002\uff01\uff1f!?"  # 。！？


def parse_byline(text: str) -> list[dict] | None:
    """Credits of a byline line, or None if the line is not a byline.

    “文/珠江时报记者 黄梦灵 通讯员 梁丽英” → 文 珠江时报·记者·黄梦灵, 文 ·通讯员·梁丽英;
    “统筹/珠江时报记者 欧晓敬 文/珠江时报记者 李冬冬 图/珠江时报记者 穆纪武” → three roles.
    """
    text = text.strip()
    if not text or len(text) > 200:
        return None
    marks = list(_ROLE_MARK.finditer(text))
    if not marks or marks[0].start() != 0:
        return None
    credits: list[dict] = []
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        roles = [ROLE_WORDS[r.strip()] for r in re.split(r"[/／]", mark.group(1) or mark.group(2))]
        outlet = title = ""
        names = []
        for token in _NAME_SPLIT.split(text[mark.end() : end]):
            if not token:
                continue
            suffix = _TITLE_SUFFIX.search(token)
            if suffix:
                outlet, title = token[: suffix.start()], suffix.group(1)
                rest = ""
            else:
                rest = token
            if rest:
                if len(rest) > 12 or any(ch in rest for ch in SENTENCE_END):
                    return None  # a sentence, not a name
                names.append((outlet, title, rest))
        if not names:
            return None
        for role in roles:
            for outlet_, title_, name in names:
                credits.append(
                    {"role": role, "outlet": outlet_[:30], "title": title_[:20], "name": name[:30]}
                )
    return credits


def split_caption(text: str) -> tuple[str, str]:
    """(caption, credit) of a caption line: “……。通讯员供图” → (“……。”, “通讯员供图”)."""
    text = text.strip()
    match = _PIC_CREDIT.search(text)
    if match is None:
        return text, ""
    caption = text[: match.start()].strip()
    return caption, match.group(1).strip()


def _is_credit_only(text: str) -> bool:
    caption, credit = split_caption(text)
    return bool(credit) and not caption


def _looks_like_caption(text: str, css_class: str) -> bool:
    if css_class == "docx-caption":
        return True
    if len(text) > 200:
        return False
    return bool(_CAPTION_START.match(text)) or bool(split_caption(text)[1])


def _text(element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def _html(element) -> str:
    return ElementTree.tostring(element, encoding="unicode", method="html")


def _is_title_line(text: str) -> bool:
    return 0 < len(text) <= 60 and text[-1] not in SENTENCE_END


def parse(html: str, pictures: list[Picture]) -> ParsedDoc:
    """Take mammoth's HTML apart (pure; ``pictures`` are in the order of their <img>)."""
    try:
        root = ElementTree.fromstring(f"<div>{html}</div>")
    except ElementTree.ParseError as exc:
        raise ValidationError("Word 文件的内容无法解析，请另存为 .docx 后再导入。") from exc
    doc = ParsedDoc(pictures=pictures)
    blocks: list[dict] = []
    for element in root:
        images = list(element.iter("img"))
        for img in images:
            src = img.get("src", "")
            if src.startswith("wordimport-"):
                blocks.append({"kind": "picture", "index": int(src.split("-", 1)[1])})
        if images:
            for parent in element.iter():
                for child in list(parent):
                    if child.tag == "img":
                        parent.remove(child)
        text = _text(element)
        if not text:
            continue
        css = element.get("class", "")
        kind = "heading" if element.tag in {"h1", "h2", "h3", "h4", "h5", "h6"} else "block"
        if element.tag == "h1":
            element.tag = "h2"
        if element.tag in {"h5", "h6"}:
            element.tag = "h4"
        if "class" in element.attrib:
            del element.attrib["class"]
        blocks.append(
            {"kind": kind, "tag": element.tag, "css": css, "text": text, "element": element}
        )

    # Kicker / headline / subheadline: by style, else the short lines at the top.
    lead: list[dict] = []
    for block in blocks:
        if block["kind"] == "picture" or block.get("tag") not in {"p", "h2", "h3", "h4"}:
            break
        if parse_byline(block["text"]) is not None:
            break
        if not (block["css"] in {"docx-title", "docx-subtitle"} or _is_title_line(block["text"])):
            break
        lead.append(block)
        if len(lead) == 3:
            break
    titled = [b for b in lead if b["css"] == "docx-title"]
    if titled:
        title_at = lead.index(titled[0])
        lead = lead[: title_at + 2]
        before, after = lead[:title_at], lead[title_at + 1 :]
        doc.headline = titled[0]["text"]
        doc.kicker = before[-1]["text"] if before else ""
        if after and (after[0]["css"] == "docx-subtitle" or after[0]["text"].startswith("—")):
            doc.subheadline = after[0]["text"]
        else:
            lead = lead[: title_at + 1]
    elif len(lead) == 1:
        doc.headline = lead[0]["text"]
    elif len(lead) == 2:
        if lead[1]["css"] == "docx-subtitle" or lead[1]["text"].startswith("—"):
            doc.headline, doc.subheadline = lead[0]["text"], lead[1]["text"]
        else:
            doc.kicker, doc.headline = lead[0]["text"], lead[1]["text"]
    elif len(lead) == 3:
        doc.kicker, doc.headline, doc.subheadline = (b["text"] for b in lead)
    rest = blocks[len(lead) :] if lead and blocks[: len(lead)] == lead else blocks

    # The body: bylines become credits, captions go with their pictures.
    index = 0
    while index < len(rest):
        block = rest[index]
        if block["kind"] == "picture":
            picture = pictures[block["index"]] if block["index"] < len(pictures) else None
            following = rest[index + 1 : index + 3]
            if picture is not None and following and following[0]["kind"] != "picture":
                first = following[0]
                second = (
                    following[1]
                    if len(following) > 1 and following[1]["kind"] != "picture"
                    else None
                )
                if first["kind"] == "block" and _is_credit_only(first["text"]):
                    picture.credit = split_caption(first["text"])[1]
                    index += 1
                elif (
                    first["kind"] == "block"
                    and second is not None
                    and second["kind"] == "block"
                    and _is_credit_only(second["text"])
                    and len(first["text"]) <= 200
                ):
                    picture.caption = first["text"]
                    picture.credit = split_caption(second["text"])[1]
                    index += 2
                elif first["kind"] == "block" and _looks_like_caption(first["text"], first["css"]):
                    picture.caption, picture.credit = split_caption(first["text"])
                    index += 1
            doc.body.append(f"\0pic:{block['index']}")
            index += 1
            continue
        credits = parse_byline(block["text"]) if block["kind"] == "block" else None
        if credits is not None:
            doc.credits.extend(credits)
        else:
            doc.body.append(_html(block["element"]))
        index += 1
    return doc


def convert(data: bytes) -> ParsedDoc:
    """The document's HTML and pictures through mammoth, taken apart by :func:`parse`."""
    import mammoth

    pictures: list[Picture] = []

    def keep_image(image):
        with image.open() as stream:
            content = stream.read(max_bytes() + 1)
        pictures.append(Picture(data=content, content_type=image.content_type or ""))
        return {"src": f"wordimport-{len(pictures) - 1}"}

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            style_map=STYLE_MAP,
            convert_image=mammoth.images.img_element(keep_image),
            external_file_access=False,
        )
    except ValidationError:
        raise
    except Exception as exc:  # a broken document raises anything from zip, XML or mammoth
        logger.info("Word import: mammoth could not read the document", exc_info=True)
        raise ValidationError(
            "Word 文件已损坏或格式不受支持，无法读取。请在 Word 中打开确认无误，另存为 .docx 后再导入。"
        ) from exc
    return parse(result.value, pictures)


# --- 4. Store ------------------------------------------------------------------------------------


def _delete_photo_files(photos) -> None:
    from photos.models import Photo

    storage = Photo._meta.get_field("image").storage
    for photo in photos:
        for name in photo.file_names():
            try:
                storage.delete(name)
            except Exception:  # one missing file must not keep the others
                logger.warning(
                    "Could not delete %s after a failed Word import", name, exc_info=True
                )


EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/heic": "heic"}


def _read(upload) -> tuple[bytes, str]:
    name = getattr(upload, "name", "") or ""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes():
        sniff(b"\0" * (max_bytes() + 1), name)  # the size message, without reading it all
    if hasattr(upload, "seek"):
        upload.seek(0)
    return upload.read(max_bytes() + 1), name


def article_import_docx(*, upload, user, section=None, article: Article | None = None) -> Article:
    """Import a .docx as a new draft (in ``section``) or into ``article`` (replacing its
    texts, body and credits). One transaction; on failure no row and no file remains."""
    from photos.services import photo_create

    from . import proofing

    if article is not None and not can_import_into(user, article):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("您只能导入到自己的草稿。")
    data, name = _read(upload)
    sniff(data, name)
    doc = convert(data)
    stem = re.sub(r"\.(docx?|wps|docm)$", "", name, flags=re.I) or "Word"
    if not doc.headline:
        doc.headline = stem[:HEADLINE_MAX_LENGTH]
    if len(doc.headline) > HEADLINE_MAX_LENGTH:
        raise ValidationError(
            f"识别出的标题有 {len(doc.headline)} 个字，超过 {HEADLINE_MAX_LENGTH} 字的上限："
            f"“{doc.headline[:30]}……”。请在 Word 中缩短标题，或确认第一行是标题后再导入。"
        )
    if len(doc.kicker) > 80 or len(doc.subheadline) > 120:
        raise ValidationError(
            "识别出的引题或副题过长（引题最多 80 字，副题最多 120 字），请在 Word 中调整后再导入。"
        )
    created = []
    try:
        with transaction.atomic(durable=True):
            for number, picture in enumerate(doc.pictures, start=1):
                extension = EXTENSIONS.get(picture.content_type, "img")
                try:
                    photo = photo_create(
                        upload=ContentFile(picture.data, name=f"{stem}-图{number}.{extension}"),
                        user=user,
                        caption=picture.caption,
                        credit=picture.credit,
                        name=f"{stem}-图{number}.{extension}",
                    )
                except ValidationError as exc:
                    raise ValidationError(
                        f"Word 文件中的第 {number} 张图片无法导入：{''.join(exc.messages)}"
                        "没有导入任何内容。请在 Word 中替换这张图片后再导入。"
                    ) from exc
                created.append(photo)
            parts = []
            for block in doc.body:
                if block.startswith("\0pic:"):
                    photo = created[int(block[5:])]
                    parts.append(f'<figure class="image"><img src="{photo.src}" alt=""></figure>')
                else:
                    parts.append(block)
            body = enrich_body(sanitize_html("\n".join(parts)))
            if article is None:
                article = Article(section=section, author=user, status=Article.Status.DRAFT)
            article.kicker = doc.kicker
            article.headline = doc.headline
            article.subheadline = doc.subheadline
            article.body = body
            article.full_clean(
                exclude=["section"] if section is None and article.section_id else None
            )
            article.save()
            if doc.credits:
                article.credits.all().delete()
                Credit.objects.bulk_create(
                    Credit(article=article, order=i, **values)
                    for i, values in enumerate(doc.credits)
                )
            proofing.article_check(article=article, trigger="import", user=user)
    except BaseException:
        _delete_photo_files(created)
        raise
    return article
