"""Demo photos: generated stand-ins for the seed page's pictures, run through the same
pipeline as a reporter's upload (so they get renditions and lose their GPS like any other).

The articles demo places them (articles.demo): the seed's photo in 包杰's report
(包杰给物管人员送上抗疫物资。/ 通讯员供图), a cover and the 一图读懂 南海工会工作
infographic on the meeting report, and covers on a few later reports (送清凉, 技能竞赛,
劳模工作室, 工匠) for the home page's 图片新闻.

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


def _people(d, xs, top, colours, helmet=None):
    """Standing figures (head, body, legs) at ``xs``, feet near ``top + 330``."""
    for i, cx in enumerate(xs):
        colour = colours[i % len(colours)]
        d.ellipse([cx - 32, top, cx + 32, top + 64], fill=(235, 200, 170))
        if helmet:
            d.chord([cx - 38, top - 12, cx + 38, top + 44], 180, 360, fill=helmet)
        d.rounded_rectangle([cx - 50, top + 64, cx + 50, top + 230], radius=22, fill=colour)
        d.rectangle([cx - 40, top + 230, cx - 8, top + 330], fill=(50, 50, 60))
        d.rectangle([cx + 8, top + 230, cx + 40, top + 330], fill=(50, 50, 60))


def cooling_photo() -> bytes:
    """送清凉: a site under the summer sun, a table of drinks, workers in hard hats."""
    w, h = 1200, 800
    img = Image.new("RGB", (w, h), (150, 200, 240))
    d = ImageDraw.Draw(img)
    d.ellipse([1000, 40, 1120, 160], fill=(255, 214, 80))  # the sun
    d.rectangle([0, 560, w, h], fill=(196, 180, 150))  # the ground
    for x in range(60, 520, 90):  # scaffolding
        d.rectangle([x, 120, x + 8, 560], fill=(120, 120, 120))
    for y in range(160, 560, 80):
        d.rectangle([60, y, 530, y + 8], fill=(120, 120, 120))
    d.rectangle([600, 470, 1140, 520], fill=(200, 40, 40))  # table with a red cloth
    for x in range(620, 1120, 44):  # bottles of water and herbal tea
        d.rounded_rectangle([x, 400, x + 26, 470], radius=6, fill=(90, 160, 220))
    d.rectangle([640, 250, 1100, 330], fill=UNION_RED)
    _text(d, (870, 290), "送清凉 慰问一线职工", 44, (255, 240, 180), "mm")
    _people(d, (200, 340, 470), 250, [(255, 140, 0), (40, 90, 160)], helmet=(250, 200, 0))
    return _phone_jpeg(img, taken="2020:07:28 10:05:00")


def contest_photo() -> bytes:
    """技能竞赛: a workshop with machines, contestants at work, the contest's banner."""
    w, h = 1200, 800
    img = Image.new("RGB", (w, h), (214, 218, 222))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, w, 120], fill=(70, 80, 90))
    d.rectangle([150, 30, 1050, 100], fill=UNION_RED)
    _text(d, (600, 65), "南海区职工劳动和技能竞赛", 46, (255, 240, 180), "mm")
    d.rectangle([0, 600, w, h], fill=(120, 126, 130))  # the floor
    for x in (80, 460, 840):  # three machines
        d.rectangle([x, 360, x + 280, 600], fill=(60, 120, 110))
        d.rectangle([x + 20, 300, x + 200, 360], fill=(90, 150, 140))
        d.ellipse([x + 210, 390, x + 260, 440], fill=(230, 230, 230))
    _people(d, (390, 770, 1150), 280, [(30, 70, 140), (30, 70, 140)], helmet=(30, 120, 200))
    return _phone_jpeg(img, taken="2020:09:10 14:20:00")


def studio_photo() -> bytes:
    """劳模工作室: the studio's plaque, a table with drawings, the team around it."""
    w, h = 1200, 800
    img = Image.new("RGB", (w, h), (240, 236, 228))
    d = ImageDraw.Draw(img)
    d.rectangle([300, 60, 900, 170], fill=UNION_RED, outline=(200, 160, 60), width=8)
    _text(d, (600, 115), "劳模创新工作室", 56, (255, 230, 150), "mm")
    d.rectangle([0, 620, w, h], fill=(170, 140, 110))
    d.rectangle([250, 470, 950, 520], fill=(120, 80, 50))  # the table
    d.rectangle([330, 440, 560, 470], fill=(250, 250, 250))  # drawings on it
    d.rectangle([620, 445, 860, 470], fill=(200, 220, 250))
    _people(d, (150, 1050), 300, [(40, 90, 160), (90, 90, 90)])
    _people(d, (420, 600, 780), 220, [(180, 40, 40), (60, 60, 60), (40, 90, 160)])
    return _phone_jpeg(img, taken="2020:08:05 15:40:00")


def craft_photo() -> bytes:
    """工匠: a craftsman at his bench, tools on the wall."""
    w, h = 1200, 800
    img = Image.new("RGB", (w, h), (92, 84, 76))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, w, 520], fill=(150, 140, 125))  # the wall
    for i, x in enumerate(range(90, 560, 70)):  # tools hanging on it
        d.rectangle([x, 120, x + 14, 260 + (i % 3) * 30], fill=(60, 60, 60))
        d.ellipse([x - 12, 100, x + 26, 138], outline=(60, 60, 60), width=6)
    d.rectangle([500, 470, 1150, 540], fill=(120, 80, 50))  # the bench
    d.rectangle([560, 540, 600, 760], fill=(100, 66, 40))
    d.rectangle([1060, 540, 1100, 760], fill=(100, 66, 40))
    d.rectangle([700, 430, 900, 470], fill=(190, 190, 200))  # the piece he works on
    d.rectangle([300, 330, 360, 470], fill=(40, 40, 40))  # a drill press
    d.rectangle([250, 470, 420, 760], fill=(60, 110, 100))
    _people(d, (820,), 160, [(40, 70, 130)])
    return _phone_jpeg(img, taken="2020:10:12 09:50:00")


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
    # Covers of later demo reports (articles.demo): the home page's 图片新闻 and the
    # thumbnails of the sections that show them.
    "cooling": {
        "name": "demo-songqingliang.jpg",
        "make": cooling_photo,
        "caption": "工会干部为户外作业的一线职工送上清凉饮品。",
        "credit": "通讯员供图",
        "alt_text": "烈日下的工地旁，摆满饮用水和凉茶的桌子，头戴安全帽的工人走过来",
    },
    "contest": {
        "name": "demo-jineng-jingsai.jpg",
        "make": contest_photo,
        "caption": "职工劳动和技能竞赛现场，参赛职工在机床前操作。",
        "credit": "通讯员供图",
        "alt_text": "车间里三台机床，参赛职工站在机床前，上方挂着技能竞赛横幅",
    },
    "studio": {
        "name": "demo-laomo-gongzuoshi.jpg",
        "make": studio_photo,
        "caption": "劳模创新工作室成员围绕图纸讨论技术难题。",
        "credit": "通讯员供图",
        "alt_text": "挂着劳模创新工作室牌匾的房间里，几名职工围在摆着图纸的桌旁",
    },
    "craft": {
        "name": "demo-gongjiang.jpg",
        "make": craft_photo,
        "caption": "扎根车间的工匠在工作台前加工零件。",
        "credit": "通讯员供图",
        "alt_text": "墙上挂着工具，一名工匠站在工作台前加工零件",
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
