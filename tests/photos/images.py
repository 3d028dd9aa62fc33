"""Test images made on the fly: phone photos with EXIF and GPS, HEIC, and the bad files."""

import functools
import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms

GPS_IFD = 0x8825
EXIF_IFD = 0x8769
ORIENTATION = 0x0112


def phone_jpeg(
    size=(400, 200),
    *,
    orientation=None,
    gps=True,
    taken="2020:06:16 09:30:00",
    icc=False,
    color=(200, 30, 30),
) -> bytes:
    image = Image.new("RGB", size, color)
    # Right half blue, so a rotation can be seen in the pixels.
    image.paste((30, 30, 200), (size[0] // 2, 0, size[0], size[1]))
    exif = Image.Exif()
    exif[0x010F] = "TestPhone"
    exif[0x013B] = "张三"  # Artist: personal data
    if orientation:
        exif[ORIENTATION] = orientation
    if taken:
        exif.get_ifd(EXIF_IFD)[0x9003] = taken
    if gps:
        ifd = exif.get_ifd(GPS_IFD)
        ifd[1], ifd[2], ifd[3], ifd[4] = "N", (23.0, 2.0, 30.0), "E", (113.0, 8.0, 40.0)
    options = {"exif": exif, "quality": 90}
    if icc:
        options["icc_profile"] = srgb_icc()
    out = io.BytesIO()
    image.save(out, "JPEG", **options)
    return out.getvalue()


def camera_jpeg(size=(4000, 3000), *, taken="2020:06:16 09:30:00", seed=0) -> bytes:
    """A phone photo as heavy as a real one (about 5–6 MB at 12 megapixels: fine texture
    over gradients, quality 92) with EXIF date and GPS. Made in under a second."""
    tile = Image.merge("RGB", [Image.effect_noise((500, 500), 30 + seed + 5 * i) for i in range(3)])
    noise = Image.new("RGB", size)
    for x in range(0, size[0], 500):
        for y in range(0, size[1], 500):
            noise.paste(tile, (x, y))
    ramp = Image.linear_gradient("L")
    gradient = Image.merge(
        "RGB", [ramp.resize(size), ramp.rotate(90).resize(size), Image.new("L", size, 40 * seed)]
    )
    image = Image.blend(gradient, noise, 0.45)
    exif = Image.Exif()
    exif[0x010F] = "TestPhone"
    exif.get_ifd(EXIF_IFD)[0x9003] = taken
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (23.0, 2.0, 30.0), "E", (113.0, 8.0, 40.0)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92, exif=exif)
    return out.getvalue()


def srgb_icc() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def png(size=(300, 200), mode="RGBA") -> bytes:
    image = Image.new(mode, size, (10, 120, 10, 128) if mode == "RGBA" else (10, 120, 10))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def webp(size=(640, 480)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (90, 90, 200)).save(out, "WEBP", quality=80)
    return out.getvalue()


def heic(size=(800, 600), *, gps=True) -> bytes:
    import pillow_heif

    image = Image.new("RGB", size, (40, 160, 90))
    exif = Image.Exif()
    exif.get_ifd(EXIF_IFD)[0x9003] = "2021:01:02 03:04:05"
    if gps:
        ifd = exif.get_ifd(GPS_IFD)
        ifd[1], ifd[2] = "N", (23.0, 2.0, 30.0)
    heif = pillow_heif.from_pillow(image)
    out = io.BytesIO()
    heif.save(out, quality=70, exif=exif.tobytes())
    return out.getvalue()


@functools.cache
def png_bomb(width=30_000, height=30_000) -> bytes:
    """A valid 1-bit PNG of width × height, all zeros: tiny file, huge when decoded."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    row = b"\x00" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def gif_html_polyglot() -> bytes:
    """A real GIF whose comment carries HTML: a browser sniffing it could run the script."""
    out = io.BytesIO()
    Image.new("P", (10, 10)).save(
        out, "GIF", comment=b"<html><script>alert(document.cookie)</script>"
    )
    return out.getvalue() + b"<script>alert(1)</script>"


BAD_FILES = {
    "html_as_jpg": (
        "photo.jpg",
        b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
    ),
    "svg": (
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    ),
    "gif_html_polyglot": ("funny.gif", None),
    "truncated_jpeg": ("cut.jpg", None),
    "png_bomb": ("bomb.png", None),
    "empty": ("empty.jpg", b""),
    "pdf": ("report.jpg", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
}


def bad_file(kind: str) -> tuple[str, bytes]:
    name, data = BAD_FILES[kind]
    if kind == "gif_html_polyglot":
        data = gif_html_polyglot()
    elif kind == "truncated_jpeg":
        full = phone_jpeg((1200, 900))
        data = full[: len(full) * 6 // 10]
    elif kind == "png_bomb":
        data = png_bomb()
    return name, data


def upload(name: str, data: bytes, content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@functools.cache
def long_infographic(fmt="JPEG", size=(800, 20000)) -> bytes:
    """A 一图读懂 长图: red bands on paper, one every 200 px, like rows of text."""
    from PIL import ImageDraw

    image = Image.new("RGB", size, (250, 246, 238))
    draw = ImageDraw.Draw(image)
    for y in range(0, size[1], 200):
        draw.rectangle([40, y + 20, size[0] - 40, y + 120], fill=(180, 30, 30))
    out = io.BytesIO()
    image.save(out, fmt, **({"quality": 85} if fmt == "JPEG" else {}))
    return out.getvalue()


def strip_header_png(width=1, height=60_000_000) -> bytes:
    """A PNG that declares width × height but carries almost no data: only its header can be
    read, so a refusal that names the size came from the header, before any decoding."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00\x00" * 100)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def grey16_png(width=256, height=8) -> bytes:
    """A 16-bit greyscale PNG: each column x has the value x × 257 (0 … 65535)."""
    image = Image.new("I;16", (width, height))
    image.putdata([round(x * 65535 / (width - 1)) for x in range(width)] * height)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@functools.cache
def text_chunk_bomb(where="after") -> bytes:
    """A small valid PNG plus a zTXt chunk of 64 MB of zeros compressed to ~64 KB, placed
    before or after the image data."""
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 90, 160)).save(out, "PNG")
    data = out.getvalue()
    bomb = _png_chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(b"\x00" * (64 << 20), 9))
    at = 33 if where == "before" else data.rindex(b"IEND") - 4  # after IHDR / before IEND
    return data[:at] + bomb + data[at:]
