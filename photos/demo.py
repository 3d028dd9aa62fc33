"""Demo photos: generated stand-ins for the seed page's pictures, run through the same
pipeline as a reporter's upload (so they get renditions and lose their GPS like any other).

The articles demo places them (articles.demo): the seed's photo in 包杰's report
(包杰给物管人员送上抗疫物资。/ 通讯员供图), a cover and the 一图读懂 南海工会工作
infographic on the meeting report.

Idempotent: photos are found again by their original file name.
"""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from .models import Photo
from .services import photo_create

UNION_RED = (178, 34, 34)

FONT_PATHS = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
]


def _font(size):
    for path in FONT_PATHS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return None


def _text(draw, xy, text, size, fill, anchor="la"):
    font = _font(size)
    if font is not None:  # without a CJK font the stand-in simply has no lettering
        draw.text(xy, text, font=font, fill=fill, anchor=anchor)


def _phone_jpeg(image: Image.Image, *, taken: str) -> bytes:
    """A JPEG as a phone writes it: EXIF date and GPS position (which the pipeline strips)."""
    exif = Image.Exif()
    exif[0x010F] = "DemoPhone"
    exif.get_ifd(0x8769)[0x9003] = taken
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (23.0, 2.0, 30.0), "E", (113.0, 8.0, 40.0)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88, exif=exif)
    return out.getvalue()


def baojie_photo() -> bytes:
    """A community worker handing boxes of supplies to property staff (a drawing)."""
    w, h = 1600, 1067
    img = Image.new("RGB", (w, h), (205, 222, 236))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 640, w, h], fill=(150, 150, 140))  # pavement
    d.rectangle([80, 180, 700, 640], fill=(226, 214, 190))  # building
    for x in range(120, 680, 110):
        for y in range(220, 600, 120):
            d.rectangle([x, y, x + 70, y + 80], fill=(120, 150, 180))
    for i, x in enumerate((820, 960, 1100)):  # stacked boxes of supplies
        for j in range(3 - i % 2):
            top = 760 - j * 110
            d.rectangle(
                [x, top, x + 120, top + 100], fill=(196, 160, 98), outline=(120, 90, 40), width=4
            )
    for cx, colour in ((1330, UNION_RED), (1480, (40, 90, 160))):  # two people
        d.ellipse([cx - 45, 470, cx + 45, 560], fill=(235, 200, 170))
        d.rounded_rectangle([cx - 70, 560, cx + 70, 820], radius=30, fill=colour)
        d.rectangle([cx - 55, 820, cx - 10, 980], fill=(50, 50, 60))
        d.rectangle([cx + 10, 820, cx + 55, 980], fill=(50, 50, 60))
    _text(d, (840, 700), "抗疫物资", 44, (90, 50, 10))
    return _phone_jpeg(img, taken="2020:03:02 10:15:00")


def meeting_cover() -> bytes:
    """A meeting hall: the stage with its red banner, rows of delegates."""
    w, h = 1600, 900
    img = Image.new("RGB", (w, h), (236, 230, 218))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, w, 380], fill=(120, 30, 30))  # stage backdrop
    d.rectangle([160, 60, w - 160, 170], fill=UNION_RED)
    _text(
        d,
        (w // 2, 115),
        "南海区总工会第十五届委员会第三次全体(扩大)会议",
        52,
        (255, 230, 150),
        "mm",
    )
    d.rectangle([300, 300, w - 300, 380], fill=(90, 20, 20))  # rostrum
    for row in range(4):
        y = 470 + row * 105
        for x in range(60 + (row % 2) * 40, w - 60, 90):
            d.ellipse([x, y, x + 50, y + 50], fill=(40, 35, 35))
            d.rectangle([x - 5, y + 50, x + 55, y + 95], fill=(60, 70, 90))
    return _phone_jpeg(img, taken="2020:06:16 09:30:00")


def infographic() -> bytes:
    """一图读懂 南海工会工作: a tall poster of the five tasks of 2020 (PNG, as designers send)."""
    w, h = 1080, 3600
    img = Image.new("RGB", (w, h), (255, 247, 236))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, w, 520], fill=UNION_RED)
    _text(d, (w // 2, 200), "一图读懂", 120, (255, 230, 150), "mm")
    _text(d, (w // 2, 360), "南海工会工作", 88, (255, 255, 255), "mm")
    tasks = [
        ("思想引领", "团结引导职工群众听党话、跟党走"),
        ("立功竞赛", "广泛深入持久开展劳动和技能竞赛"),
        ("维权维稳", "推动构建和谐劳动关系"),
        ("精准服务", "做实做优职工服务品牌"),
        ("工会建设", "深化工会组织和规范化建设"),
    ]
    for i, (title, line) in enumerate(tasks):
        top = 620 + i * 580
        d.rounded_rectangle(
            [80, top, w - 80, top + 500],
            radius=40,
            fill=(255, 255, 255),
            outline=UNION_RED,
            width=6,
        )
        d.ellipse([130, top + 60, 330, top + 260], fill=UNION_RED)
        _text(d, (230, top + 160), str(i + 1), 110, (255, 255, 255), "mm")
        _text(d, (380, top + 120), title, 72, UNION_RED)
        _text(d, (130, top + 330), line, 46, (60, 60, 60))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


PHOTOS = {
    "baojie": {
        "name": "demo-baojie-wuzi.jpg",
        "make": baojie_photo,
        "caption": "包杰给物管人员送上抗疫物资。",
        "credit": "通讯员供图",
        "alt_text": "包杰把一箱箱抗疫物资交给小区物业管理人员",
    },
    "cover": {
        "name": "demo-huiyi-cover.jpg",
        "make": meeting_cover,
        "caption": "6月16日上午,南海区总工会召开第十五届委员会第三次全体(扩大)会议。",
        "credit": "南海区总工会供图",
        "alt_text": "会场主席台上方悬挂红色横幅,台下坐满参会代表",
    },
    "infographic": {
        "name": "demo-yitu-dudong.png",
        "make": infographic,
        "caption": "一图读懂 南海工会工作",
        "credit": "南海区总工会",
        "alt_text": "一图读懂南海工会2020年重点工作:思想引领、立功竞赛、维权维稳、精准服务、工会建设",
    },
}


def demo_photo(key: str) -> tuple[Photo, bool]:
    """The demo photo ``key`` of ``PHOTOS`` (made if missing), and whether it was made."""
    spec = PHOTOS[key]
    existing = Photo.objects.filter(original_name=spec["name"]).first()
    if existing:
        return existing, False
    photo = photo_create(
        upload=ContentFile(spec["make"](), name=spec["name"]),
        caption=spec["caption"],
        credit=spec["credit"],
        alt_text=spec["alt_text"],
    )
    return photo, True


def load(stdout=None):
    created = sum(demo_photo(key)[1] for key in PHOTOS)
    if stdout:
        stdout.write(f"图片库:新增 {created} 张,共 {Photo.objects.count()} 张。")
