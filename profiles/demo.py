"""Demo profiles: 包杰 exactly as on the seed page, linked to his report and its series, and a
few clearly fictional people (named 示例·…) across kinds and towns to fill the list and its
filters. Idempotent: profiles are found by name, placeholder portraits by caption."""

import io

from articles.models import Article, Series

from .models import Honour, Profile, ProfileKind, Town

FICTIONAL_NOTE = "<p><em>本档案为演示用的虚构人物,姓名、单位和事迹均为示例。</em></p>"
PLACEHOLDER_CAPTION = "示意头像(演示内容,非本人照片)"

BAOJIE = {
    "name": "包杰",
    "position": "桂城街道灯湖社区党委书记",
    "organization": "灯湖社区党委",
    "town": "桂城街道",
    "kind": "村居干部",
    "deeds": (
        "在他的带领下,灯湖社区多年来坚持“创建熟人社区,推进基层善治”的治理思路,"
        "让居民担当治理主角,提升公众参与能力。"
    ),
    "quote": (
        "要求自己不断学习,不断充实自己,以担当践行使命,以实干笃定前行,"
        "不断做实做好为人民服务这份工作。"
    ),
    "biography": (
        "<p>灯湖社区2010年成立,包杰2011年就来到这里工作。</p>"
        "<p>在包杰的带领下,社区党委坚持“创建熟人社区,推进基层善治”的治理思路,"
        "搭建起社区党委、物业管理、企业党支部等多方联席会议平台,构建社区治理对话沟通机制,"
        "让诉求、问题得到更有效的解决。</p>"
        "<p>疫情防控期间,他带领灯湖社区党委发动三级红色网格力量,把防控要求传达到每个商务楼宇"
        "和物业公司;复工复产后,又主动为企业链接防控物资,开通线上心理援助热线。</p>"
    ),
    "report": "让居民担主角 让邻里更有情",
    "series": "cunju-ganbu",
}

# Invented people for the demo. ``report`` finds a demo article whose headline contains
# both words (the articles demo writes one per town).
FICTIONAL = [
    {
        "name": "示例·陈建华",
        "position": "数控车间班组长",
        "organization": "示例机械制造有限公司",
        "town": "狮山镇",
        "kind": "劳动模范",
        "deeds": "带领班组攻克多项加工工艺难题,以他名字命名的劳模工作室培养青年技工数十名。",
        "quote": "把每一个零件做好,就是对岗位最好的交代。",
        "honours": [("南海区劳动模范", 2018), ("佛山市五一劳动奖章", 2020)],
        "report": ("劳模工作室", "狮山镇"),
        "portrait": True,
    },
    {
        "name": "示例·梁师傅",
        "position": "模具钳工高级技师",
        "organization": "示例五金制品厂",
        "town": "丹灶镇",
        "kind": "工匠人才",
        "deeds": "扎根车间二十年,手工研配精度达到微米级,带出徒弟三十余人。",
        "quote": "手上的功夫,是一天一天磨出来的。",
        "honours": [("南海工匠", 2019)],
        "report": ("扎根车间二十年", "丹灶镇"),
        "portrait": True,
    },
    {
        "name": "示例·何丽芳",
        "position": "镇总工会专职工会工作者",
        "organization": "示例镇总工会",
        "town": "大沥镇",
        "kind": "工会干部",
        "deeds": "牵头建设“职工·家”服务站点,组织职工婚恋交友、子女暑期课堂等服务活动。",
        "quote": "",
        "honours": [("南海区优秀工会工作者", 2019)],
        "report": ("婚恋交友", "大沥镇"),
        "portrait": True,
    },
    {
        "name": "示例·黄志强",
        "position": "社区党委副书记",
        "organization": "示例社区党委",
        "town": "里水镇",
        "kind": "村居干部",
        "deeds": "推动“楼长制”和街坊议事会,把邻里矛盾化解在萌芽状态。",
        "quote": "居民的小事,就是社区的大事。",
        "honours": [],
        "series": "cunju-ganbu",
        "portrait": True,
    },
    {
        "name": "示例·李秀英",
        "position": "纺织车间挡车工",
        "organization": "示例纺织有限公司",
        "town": "西樵镇",
        "kind": "先进职工",
        "deeds": "连续多年保持零差错生产记录,主动帮带新入职的外来务工人员。",
        "quote": "",
        "honours": [("南海区先进职工", 2020)],
        "portrait": False,
    },
    {
        "name": "示例·周伟明",
        "position": "电气维修技师",
        "organization": "示例电器有限公司",
        "town": "九江镇",
        "kind": "工匠人才",
        "deeds": "改进生产线控制系统,提出的技术革新建议为企业节约大量能耗。",
        "quote": "",
        "honours": [("南海区技术能手", 2019)],
        "report": ("扎根车间二十年", "九江镇"),
        "portrait": True,
    },
    {
        "name": "示例·吴敏",
        "position": "企业工会主席",
        "organization": "示例物流有限公司工会",
        "town": "桂城街道",
        "kind": "工会干部",
        "deeds": "推动企业开展工资集体协商,建立职工诉求快速响应机制。",
        "quote": "工会就是职工的娘家人。",
        "honours": [],
        "portrait": False,
    },
    {
        "name": "示例·冯嘉欣",
        "position": "食品生产线质检员",
        "organization": "示例食品有限公司",
        "town": "大沥镇",
        "kind": "先进职工",
        "deeds": "在职工技能竞赛中获得质检项目第一名,参与修订班组质量检查规程。",
        "quote": "",
        "honours": [("南海区职工技能竞赛一等奖", 2019)],
        "portrait": True,
    },
]


def load(stdout=None):
    kinds = {kind.name: kind for kind in ProfileKind.objects.all()}
    towns = {town.name: town for town in Town.objects.all()}

    def kind(name):
        if name not in kinds:
            kinds[name], _ = ProfileKind.objects.get_or_create(name=name)
        return kinds[name]

    def town(name):
        if name not in towns:
            towns[name], _ = Town.objects.get_or_create(name=name)
        return towns[name]

    created = 0
    series = Series.objects.filter(slug=BAOJIE["series"]).first()
    profile, was_created = Profile.objects.get_or_create(
        name=BAOJIE["name"],
        defaults={
            "position": BAOJIE["position"],
            "organization": BAOJIE["organization"],
            "town": town(BAOJIE["town"]),
            "kind": kind(BAOJIE["kind"]),
            "deeds": BAOJIE["deeds"],
            "quote": BAOJIE["quote"],
            "biography": BAOJIE["biography"],
            "series": series,
            "portrait": _library_portrait(BAOJIE["name"]) or _placeholder_portrait(),
            "is_published": True,
        },
    )
    created += was_created
    report = Article.objects.filter(headline=BAOJIE["report"]).first()
    if report is not None:
        profile.articles.add(report)

    for order, data in enumerate(FICTIONAL, start=1):
        profile, was_created = Profile.objects.get_or_create(
            name=data["name"],
            defaults={
                "position": data["position"],
                "organization": data["organization"],
                "town": town(data["town"]),
                "kind": kind(data["kind"]),
                "deeds": data["deeds"],
                "quote": data["quote"],
                "biography": f"<p>{data['deeds']}</p>{FICTIONAL_NOTE}",
                "series": Series.objects.filter(slug=data.get("series", "")).first(),
                "portrait": _placeholder_portrait() if data["portrait"] else None,
                "is_published": True,
                "order": order,
            },
        )
        if was_created:
            created += 1
            Honour.objects.bulk_create(
                Honour(profile=profile, title=title, year=year, order=i)
                for i, (title, year) in enumerate(data["honours"])
            )
        if data.get("report"):
            first, second = data["report"]
            article = (
                Article.objects.filter(headline__contains=first)
                .filter(headline__contains=second)
                .order_by("published_at")
                .first()
            )
            if article is not None:
                profile.articles.add(article)
    if stdout:
        stdout.write(f"人物档案:新增 {created} 份,共 {Profile.objects.count()} 份。")


def _library_portrait(name):
    """A photo of the person from the library (the photos demo may have added one)."""
    from photos.models import Photo

    return Photo.objects.filter(caption__contains=name).order_by("pk").first()


def _placeholder_portrait():
    """One shared placeholder silhouette, generated once and added to the photo library."""
    from photos.models import Photo

    photo = Photo.objects.filter(caption=PLACEHOLDER_CAPTION).first()
    if photo is not None:
        return photo
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 600), (236, 228, 214))
    draw = ImageDraw.Draw(image)
    draw.ellipse((200, 110, 400, 310), fill=(160, 60, 52))
    draw.ellipse((110, 340, 490, 720), fill=(160, 60, 52))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    upload = SimpleUploadedFile("portrait.jpg", buffer.getvalue(), content_type="image/jpeg")
    try:
        from photos.services import photo_create
    except ImportError:  # the photo library without its upload pipeline
        photo = Photo(caption=PLACEHOLDER_CAPTION, credit="南海区总工会(示意图)")
        photo.image.save("portrait.jpg", upload, save=True)
        return photo
    return photo_create(
        upload=upload,
        caption=PLACEHOLDER_CAPTION,
        credit="南海区总工会(示意图)",
        alt_text="人物示意头像",
        name="portrait.jpg",
    )
