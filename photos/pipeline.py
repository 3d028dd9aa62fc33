"""The image pipeline: check an upload by its content, normalize it, make renditions.

Everything here works on bytes in memory and returns bytes; storing them is the job of
``photos.services`` (through Django's storage API only), so the same code serves the admin
upload page, the CKEditor upload view, the demo and the benchmark.

What a file goes through:

1. size limits (empty, over ``PHOTOS_MAX_UPLOAD_BYTES``);
2. content sniffing: Pillow must recognise it as JPEG, PNG, WebP or HEIF (the name and the
   browser's Content-Type are ignored), ``verify()`` must pass and a full ``load()`` must
   decode every pixel (a truncated file fails here);
3. a pixel limit (``PHOTOS_MAX_PIXELS``) and a side limit (``MAX_SIDE``, JPEG's 65,500 px)
   read from the header, before any pixel is decoded, so a decompression bomb or a
   1 × 60,000,000 strip costs nothing; a PNG text chunk that inflates past Pillow's limit
   (a "text chunk bomb") is named as such;
4. EXIF orientation applied (``ImageOps.exif_transpose``), date taken read from EXIF;
5. every metadata block dropped (EXIF with GPS, XMP, comments, PNG text chunks) except the
   ICC colour profile, then re-encoded: the normalized original and every rendition are
   new files, so trailing bytes and polyglot payloads never reach the public;
6. renditions in WebP and JPEG; WebP cannot be taller or wider than 16,383 px, so a
   rendition beyond that (a long infographic) is made in JPEG only, and such a photo is
   served from its JPEG renditions alone (``Photo.srcset_webp`` is then empty).

Any other error while reading or encoding becomes an :class:`ImageRejected` with a Chinese
message naming the file (and is logged): one odd file never takes a page down.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from PIL import Image, ImageOps, UnidentifiedImageError

from core.text import one_line

logger = logging.getLogger(__name__)

try:  # iPhone photos (HEIC/HEIF)
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - pillow-heif is in requirements.txt
    pass

Image.init()  # register every plugin now, so ``formats=`` below can name them all

# Pillow format name -> what we store the normalized original as.
ACCEPTED_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "HEIF": "JPEG"}
# Openers tried, by content (the JPEG opener also returns multi-picture "MPO" files).
OPEN_FORMATS = ["JPEG", "PNG", "WEBP", "HEIF"]
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}

# The longest side any file may have: libjpeg's limit (originals and renditions are JPEG).
MAX_SIDE = 65_500
# WebP's limit on either side; taller renditions are made in JPEG only.
WEBP_MAX_SIDE = 16_383

JPEG_QUALITY = 85
WEBP_QUALITY = 80
ORIGINAL_JPEG_QUALITY = 92

EXIF_DATETIME_ORIGINAL = 0x9003
EXIF_OFFSET_TIME_ORIGINAL = 0x9011
EXIF_DATETIME = 0x0132
EXIF_IFD = 0x8769


# The limits are settings (nanhai/settings.py, from the environment); read at call time so
# a test's ``settings`` fixture applies.
def max_upload_bytes() -> int:
    return int(settings.PHOTOS_MAX_UPLOAD_BYTES)


def max_pixels() -> int:
    return int(settings.PHOTOS_MAX_PIXELS)


def rendition_widths() -> list[int]:
    return sorted(int(w) for w in settings.PHOTOS_RENDITION_WIDTHS)


class ImageRejected(ValueError):
    """The upload is not an image we accept; ``message`` is for the user, in Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Rendition:
    width: int
    height: int
    webp: bytes | None  # None beyond WebP's 16,383 px: that rendition is JPEG only
    jpeg: bytes


@dataclass
class ProcessedImage:
    original: bytes
    extension: str  # of the normalized original: jpg, png or webp
    width: int
    height: int
    taken_at: dt.datetime | None
    renditions: list[Rendition] = field(default_factory=list)


def _size_mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def file_label(name: str) -> str:
    """How messages name a file: “name” on one line (cut at 80 characters), or 文件."""
    name = one_line(name).strip()
    if len(name) > 80:
        name = name[:79] + "…"
    return f"“{name}”" if name else "文件"


def read_upload(upload, *, name: str = "") -> bytes:
    """The bytes of an uploaded file, refusing empty and oversized files before reading."""
    limit = max_upload_bytes()
    size = getattr(upload, "size", None)
    label = file_label(name)
    if size == 0:
        raise ImageRejected(f"{label}是空文件，请重新选择图片。")
    if size is not None and size > limit:
        raise ImageRejected(
            f"{label}有 {size / (1024 * 1024):.1f} MB，超过了 {_size_mb(limit)} 的上限，"
            "请压缩后再上传。"
        )
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if not data:
        raise ImageRejected(f"{label}是空文件，请重新选择图片。")
    if len(data) > limit:
        raise ImageRejected(f"{label}超过了 {_size_mb(limit)} 的上限，请压缩后再上传。")
    return data


def _is_text_bomb(exc: BaseException) -> bool:
    """Pillow refuses PNG text chunks that inflate past ``MAX_TEXT_CHUNK`` (or all of them
    past ``MAX_TEXT_MEMORY``) with a ValueError naming the limit."""
    return isinstance(exc, ValueError) and "MAX_TEXT_" in str(exc)


def _open_checked(data: bytes, label: str) -> Image.Image:
    """Open by content, check the format and the size, verify, then decode fully."""
    not_image = (
        f"{label}不是可用的图片：只接受 JPEG、PNG、WebP 和 HEIC/HEIF（苹果手机）格式的照片"
        "（按文件内容识别，与文件名无关）。"
    )
    formats = OPEN_FORMATS
    try:
        probe = Image.open(io.BytesIO(data), formats=formats)
    except Image.DecompressionBombError as exc:
        raise _too_many_pixels(label) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        if _is_text_bomb(exc):
            raise _text_bomb(label) from exc
        raise ImageRejected(not_image) from exc
    with probe:
        if probe.format not in ACCEPTED_FORMATS:
            raise ImageRejected(not_image)
        width, height = probe.size
        if width < 1 or height < 1:
            raise ImageRejected(not_image)
        if width * height > max_pixels():
            raise _too_many_pixels(label, width, height)
        if max(width, height) > MAX_SIDE:
            raise _too_long(label, width, height)
        try:
            probe.verify()
        except Exception as exc:  # Pillow raises many types for broken files
            if _is_text_bomb(exc):
                raise _text_bomb(label) from exc
            raise _broken(label) from exc
    try:
        image = Image.open(io.BytesIO(data), formats=formats)
        image.load()
    except Image.DecompressionBombError as exc:
        raise _too_many_pixels(label) from exc
    except Exception as exc:
        if _is_text_bomb(exc):
            raise _text_bomb(label) from exc
        raise _broken(label) from exc
    return image


def _too_many_pixels(label, width=None, height=None) -> ImageRejected:
    size = f"（{width} × {height} 像素）" if width else ""
    return ImageRejected(
        f"{label}尺寸过大{size}，超过 {max_pixels() / 1_000_000:.0f} 百万像素的上限，"
        "可能是恶意文件，已拒绝。请缩小后再上传。"
    )


def _too_long(label, width, height) -> ImageRejected:
    return ImageRejected(
        f"{label}太长或太宽（{width} × {height} 像素）：任何一边都不能超过 {MAX_SIDE} 像素，"
        "已拒绝。长图请分成几张再上传。"
    )


def _text_bomb(label) -> ImageRejected:
    return ImageRejected(
        f"{label}含有一个解压后异常巨大的文本块（“文本块炸弹”，常见于恶意文件），已拒绝。"
        "如果这是正常的图片，请用看图软件另存为 JPEG 或 PNG 后再上传。"
    )


def _broken(label) -> ImageRejected:
    return ImageRejected(f"{label}已损坏或不完整（可能没有传完），无法读取，请重新导出后再上传。")


def _failed(label) -> ImageRejected:
    return ImageRejected(
        f"{label}没有上传：处理这张图片时出错。请用看图软件另存为 JPEG 或 PNG 后再试；"
        "其他照片不受影响。"
    )


def _exif_taken_at(image: Image.Image) -> dt.datetime | None:
    try:
        exif = image.getexif()
    except Exception:
        return None
    sub = {}
    try:
        sub = exif.get_ifd(EXIF_IFD)
    except Exception:
        sub = {}
    raw = sub.get(EXIF_DATETIME_ORIGINAL) or exif.get(EXIF_DATETIME)
    if not raw or not isinstance(raw, str):
        return None
    try:
        naive = dt.datetime.strptime(raw.strip().rstrip("\x00"), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    offset = sub.get(EXIF_OFFSET_TIME_ORIGINAL)
    if isinstance(offset, str):
        try:
            return dt.datetime.strptime(
                naive.strftime("%Y-%m-%d %H:%M:%S") + offset.strip(), "%Y-%m-%d %H:%M:%S%z"
            )
        except ValueError:
            pass
    return timezone.make_aware(naive, timezone.get_default_timezone())


# 16-bit greys (PNG) open as I;16 or I: scale 0–65535 to 0–255 instead of clipping at 255.
SIXTEEN_BIT_MODES = ("I;16", "I;16L", "I;16B", "I;16N", "I")


def _to_8_bit(image: Image.Image) -> Image.Image:
    """An 8-bit grey image from a high-bit-depth one, its tones scaled, not clipped."""
    icc = image.info.get("icc_profile")
    if image.mode == "F":  # no accepted decoder yields floats; taken as 0–255, clipped
        converted = image.convert("L")
    else:
        wide = image if image.mode == "I" else image.convert("I")
        converted = wide.point(lambda value: value * (1 / 257)).convert("L")
    if icc:
        converted.info["icc_profile"] = icc
    return converted


def _normalize_mode(image: Image.Image) -> Image.Image:
    """RGB or RGBA (L kept), with the colour profile converted when it must be."""
    if image.mode in ("RGB", "RGBA", "L"):
        return image
    if image.mode in SIXTEEN_BIT_MODES or image.mode == "F":
        return _to_8_bit(image)
    if image.mode == "CMYK":
        icc = image.info.get("icc_profile")
        if icc:
            try:
                from PIL import ImageCms

                src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
                dst = ImageCms.createProfile("sRGB")
                converted = ImageCms.profileToProfile(image, src, dst, outputMode="RGB")
                converted.info["icc_profile"] = ImageCms.ImageCmsProfile(dst).tobytes()
                return converted
            except Exception:
                pass
        converted = image.convert("RGB")
        converted.info.pop("icc_profile", None)
        return converted
    has_alpha = image.mode in ("LA", "PA", "RGBa", "La") or (
        image.mode == "P" and "transparency" in image.info
    )
    icc = image.info.get("icc_profile")
    converted = image.convert("RGBA" if has_alpha else "RGB")
    if icc:
        converted.info["icc_profile"] = icc
    return converted


def _profile_fits(icc: bytes, mode: str) -> bool:
    """A grey profile does not describe RGB pixels, nor an RGB profile grey ones."""
    try:
        from PIL import ImageCms

        space = ImageCms.ImageCmsProfile(io.BytesIO(icc)).profile.xcolor_space.strip()
    except Exception:
        return False
    return space == ("GRAY" if mode == "L" else "RGB")


def _flatten(image: Image.Image) -> Image.Image:
    """JPEG has no transparency: put the image on white."""
    if image.mode == "RGB" or image.mode == "L":
        return image
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A") if "A" in image.getbands() else None)
    return background


def _encode(image: Image.Image, fmt: str, icc: bytes | None, **options) -> bytes:
    """Encode with the ICC profile and nothing else (no EXIF, XMP, comments or text)."""
    saved, image.info = image.info, {}  # Pillow may carry EXIF/XMP from ``info`` otherwise
    if icc:
        options["icc_profile"] = icc
    out = io.BytesIO()
    try:
        image.save(out, fmt, **options)
    finally:
        image.info = saved
    return out.getvalue()


def _encode_jpeg(image, icc, quality=JPEG_QUALITY) -> bytes:
    flat = _flatten(image)
    try:
        return _encode(flat, "JPEG", icc, quality=quality, optimize=True, progressive=True)
    except OSError:
        # An optimized/progressive JPEG is written in one go into a buffer Pillow sizes at
        # width × height bytes; a very narrow, detailed image (a few pixels wide, padded to
        # 16-pixel blocks) can need more ("broken data stream"). Baseline needs no such
        # buffer. Found by the property tests.
        return _encode(flat, "JPEG", icc, quality=quality)


def _encode_webp(image, icc) -> bytes | None:
    """The WebP rendition, or None when the image exceeds WebP's size limit (JPEG only)."""
    if max(image.size) > WEBP_MAX_SIDE:
        return None
    return _encode(image, "WEBP", icc, quality=WEBP_QUALITY, method=3)


def _target_widths(width: int) -> list[int]:
    widths = [w for w in rendition_widths() if w < width]
    largest = min(width, rendition_widths()[-1])
    if largest not in widths:
        widths.append(largest)
    return widths


def process_image(data: bytes, *, name: str = "") -> ProcessedImage:
    """Check and normalize one upload; raise :class:`ImageRejected` with a Chinese message.

    Never raises anything else: an unexpected error (a Pillow or codec bug, memory) is
    logged and becomes a refusal of this file.
    """
    label = file_label(name)
    try:
        return _process(data, label)
    except ImageRejected:
        raise
    except Exception as exc:
        logger.exception("The image pipeline failed on %s", label)
        raise _failed(label) from exc


def _process(data: bytes, label: str) -> ProcessedImage:
    if not data:
        raise ImageRejected(f"{label}是空文件，请重新选择图片。")
    if len(data) > max_upload_bytes():
        raise ImageRejected(
            f"{label}超过了 {_size_mb(max_upload_bytes())} 的上限，请压缩后再上传。"
        )
    image = _open_checked(data, label)
    source_format = image.format
    taken_at = _exif_taken_at(image)
    icc = image.info.get("icc_profile") or None
    try:
        image = ImageOps.exif_transpose(image) or image
    except Exception as exc:
        raise _broken(label) from exc
    image = _normalize_mode(image)
    icc = image.info.get("icc_profile") or (icc if image.mode in ("RGB", "RGBA", "L") else None)
    if icc and not _profile_fits(icc, image.mode):
        icc = None
    width, height = image.size

    stored_as = ACCEPTED_FORMATS[source_format]
    if stored_as == "JPEG":
        original = _encode(_flatten(image), "JPEG", icc, quality=ORIGINAL_JPEG_QUALITY)
    elif stored_as == "PNG":
        original = _encode(image, "PNG", icc)
    else:
        original = _encode(image, "WEBP", icc, quality=90, method=4)

    # Largest first, each made from the one before: the full-size image is resized once.
    renditions = []
    source = image
    for target in sorted(_target_widths(width), reverse=True):
        if target == source.width:
            resized = source
        else:
            target_height = max(1, round(height * target / width))
            resized = source.resize(
                (target, target_height), Image.Resampling.LANCZOS, reducing_gap=3.0
            )
        renditions.append(
            Rendition(
                width=resized.width,
                height=resized.height,
                webp=_encode_webp(resized, icc),
                jpeg=_encode_jpeg(resized, icc),
            )
        )
        source = resized
    renditions.reverse()
    image.close()
    return ProcessedImage(
        original=original,
        extension=EXTENSIONS[stored_as],
        width=width,
        height=height,
        taken_at=taken_at,
        renditions=renditions,
    )
