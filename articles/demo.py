"""Demo content: the two reports of the seed page, exactly credited, and enough others to
fill the home page and show pagination. Idempotent: rows are found by their natural keys."""

import datetime as dt

from django.utils import timezone

from .models import Article, ArticlePhoto, Credit, Section, Series

# (name, slug, description, show thumbnails in its lists)
SECTIONS = [
    ("工会要闻", "gonghui-yaowen", "南海区总工会重要会议、重点工作与重大活动。", False),
    ("基层动态", "jiceng-dongtai", "各镇街总工会和基层工会的工作动态。", True),
    ("人物风采", "renwu-fengcai", "劳动模范、工匠人才、基层干部和先进职工的故事。", True),
    ("通知公告", "tongzhi-gonggao", "南海区总工会发布的通知与公告。", False),
]

SERIES = {
    "slug": "cunju-ganbu",
    "title": "南海区村居干部“守底线 强担当 提效能”系列报道",
    "intro": "展先锋本色 显基层担当。走进南海各镇街的村居,记录村居干部守底线、强担当、提效能的实干故事。",
}


def _at(year, month, day, hour=8, minute=0):
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


MEETING_BODY = """
<p>6月16日上午,南海区总工会召开第十五届委员会第三次全体(扩大)会议。会上,区总工会常务副主席吴忠林作了题为《忠诚党的事业 竭诚服务职工 团结动员全区广大职工为开创新时代南海高质量发展新局面作贡献》的工作报告,回顾总结2019年以来工作情况,研究部署2020年下一阶段工作任务。</p>
<p>2019年以来,南海工会在团结动员职工、夯实基层基础、精准服务职工、推进工会改革创新、加强党的建设等方面取得了新成绩。全年“新思想新精神进基层宣讲”活动覆盖职工10余万人次;以“中国梦·劳动美——永远跟党走”为主题的各类活动超过100场次。</p>
<p>在职工素质提升方面,2019年共完成20个项目职工劳动和技能竞赛,参赛职工超8000人;各类职工安全生产宣传教育活动累计培训职工40多万人次。</p>
<p>在做大做强送温暖、送岗位、送清凉、送助学及法律援助等传统帮扶品牌的同时,南海工会对全区困难职工进行精准识别、建档立卡。全年各“职工·家”服务中心和工会“互联网+”服务平台累计开展各类活动1091场,为127.6万余人次职工提供了贴心而精准的服务。</p>
<h2>2020年南海工会重点工作任务</h2>
<h3>思想引领</h3>
<ul><li>团结引导职工群众听党话、跟党走。</li><li>推进社会主义核心价值观践行活动。</li></ul>
<h3>立功竞赛</h3>
<ul><li>广泛深入持久开展劳动和技能竞赛活动。</li><li>培养造就更多劳动模范与工匠人才。</li></ul>
<h3>维权维稳</h3>
<ul><li>提高市域社会治理现代化工作参与度。</li><li>推动构建和谐劳动关系。</li></ul>
<h3>精准服务</h3>
<ul><li>做实做优职工服务品牌。</li><li>切实帮助职工群众排忧解难。</li></ul>
<h3>工会建设</h3>
<ul><li>深化工会组织和规范化建设的扩面提质。</li><li>深化工会干部队伍建设</li></ul>
<h2>发挥工会作用 参与基层社会治理</h2>
<p>报告指出,南海工会今后在继续创新方式方法推动构建和谐劳动关系的同时,将重点提高市域社会治理现代化工作的参与度:主动对接政府有关部门建立健全协同联动机制,完善工会劳动纠纷舆情监测、预防预警、排查化解和应急处置制度;深化“法院+工会”工作模式,持续深入开展“送法进企业”品牌活动;促进集体协商、集体合同提质增效;做实做强工会特约律师挂钩联系企业工会工作。</p>
<p>同时,南海工会将进一步整合“职工·家”服务中心服务功能,积极拓展“互联网+”普惠性服务,推动“线上+线下”服务阵地融合创新,不断提升职工群众的获得感、幸福感、安全感。</p>
<h2>突出思想引领 激发职工力量</h2>
<blockquote><p>“我们要团结激励广大职工和基层工会干部凝心聚力、真干实干,为开创新时代南海高质量发展新局面贡献力量。”</p></blockquote>
<p>面向2020年,吴忠林表示,南海工会将紧紧围绕区委工作大局,找准工会参与推动南海高质量发展和市域社会治理现代化工作的结合点和切入点,为夺取疫情防控和经济社会发展“双胜利”不懈努力。</p>
<p>南海工会将继续深化职工素质提升工程,以企业岗位练兵和技术比武为重点,推动劳动和技能竞赛沉入企业、深入班组;深入开展“安康杯”竞赛等活动;为劳模成长搭建平台、创造条件,在全区营造尊重劳模、学习劳模的浓厚氛围。</p>
"""

BAOJIE_BODY = """
<p>灯湖社区2010年成立,灯湖社区党委书记包杰2011年就来到这里工作。</p>
<p>在包杰的带领下,社区党委多年来坚持“创建熟人社区,推进基层善治”的治理思路,让居民担当治理主角、提升公众参与能力,搭建起社区党委、物业管理、企业党支部等多方联席会议平台,构建社区治理对话沟通机制,成为市域社会治理新模式的有效探索。</p>
<h2>疫情防控 发动三级红色网格力量</h2>
<p>疫情防控早期,包杰接到一份共有1400多名人员的排查名单。灯湖社区党委充分发动三级红色网格力量,将防控要求传达到每个商务楼宇和物业公司,合力做好疫情防控工作。</p>
<p>灯湖社区共有10个大型物业住宅小区、21座甲级写字楼、5个综合商业体、3个开放式公园,户籍人口12000多,常住人口超过5万。复工复产后,包杰主动为企业链接防控物资,开通线上心理援助热线,缓解员工复工后的焦虑心理。</p>
<h2>基层治理 深化“创熟”工作成效</h2>
<p>包杰坦言,城市社区基层治理的最大难度在于市民参与度不高。多年来灯湖社区坚持党建引领,推进楼长制、成立街坊会,让居民参事、议事,以主人翁的身份共同参与社区基层治理。目前,已有690名机关党员到灯湖社区报到。</p>
<h2>工作畅想 做发挥药效的“万金油”</h2>
<blockquote><p>“要求自己不断学习,不断充实自己,以担当践行使命,以实干笃定前行,不断做实做好为人民服务这份工作。”</p></blockquote>
<p>包杰说,基层治理工作已由“粗放型”转变为精准化、精细化,现在对“万金油”的要求就是真的要发挥药效,而“创熟”就是有效的疗法,让邻里更有情。</p>
"""

SEED_ARTICLES = [
    {
        "kicker": "南海区总工会召开第十五届委员会第三次全体(扩大)会议",
        "headline": "精准实干 为南海高质量发展凝心聚力",
        "subheadline": "",
        "summary": "南海区总工会召开第十五届委员会第三次全体(扩大)会议,回顾总结2019年以来工作,部署2020年重点工作任务。",
        "body": MEETING_BODY,
        "section": "gonghui-yaowen",
        "series": None,
        "source": "珠江时报",
        "is_headline": True,
        "published_at": _at(2020, 6, 17, 8, 30),
        "credits": [("文", "珠江时报", "记者", "黄梦灵"), ("文", "", "通讯员", "梁丽英")],
    },
    {
        "kicker": "灯湖社区党委书记包杰坚持创建熟人社区,持续探索基层治理方法",
        "headline": "让居民担主角 让邻里更有情",
        "subheadline": "",
        "summary": "桂城街道灯湖社区党委书记包杰坚持“创建熟人社区,推进基层善治”,让居民担当治理主角。",
        "body": BAOJIE_BODY,
        "section": "renwu-fengcai",
        "series": SERIES["slug"],
        "source": "珠江时报",
        "is_headline": False,
        "published_at": _at(2020, 6, 19, 9, 0),
        "credits": [
            ("统筹", "珠江时报", "记者", "欧晓敬"),
            ("文", "珠江时报", "记者", "李冬冬"),
            ("图", "珠江时报", "记者", "穆纪武"),
        ],
    },
]

# Other demo reports (invented for the demo, plausible for the union's news).
TOWNS = ["桂城街道", "大沥镇", "里水镇", "狮山镇", "丹灶镇", "西樵镇", "九江镇"]
OTHER_TOPICS = [
    ("gonghui-yaowen", "南海区总工会开展“送清凉”活动 慰问{town}一线户外职工"),
    ("gonghui-yaowen", "南海区职工劳动和技能竞赛{town}赛区开赛"),
    ("gonghui-yaowen", "区总工会到{town}调研“职工·家”服务中心建设"),
    ("gonghui-yaowen", "“法院+工会”劳动争议诉调对接工作站落户{town}"),
    ("gonghui-yaowen", "南海区总工会在{town}举办基层工会主席培训班"),
    ("jiceng-dongtai", "{town}总工会开展安全生产知识微信学法答题活动"),
    ("jiceng-dongtai", "{town}举办职工婚恋交友联谊活动"),
    ("jiceng-dongtai", "{town}工会为非户籍产业工人子女开设暑期课堂"),
    ("jiceng-dongtai", "{town}“职工·家”服务中心开展心理健康讲座"),
    ("jiceng-dongtai", "{town}企业工会开展岗位练兵和技术比武"),
    ("renwu-fengcai", "{town}劳模工作室:把技术难题变成创新项目"),
    ("renwu-fengcai", "扎根车间二十年 {town}工匠的坚守与传承"),
    ("tongzhi-gonggao", "关于{town}“安康杯”竞赛活动报名的通知"),
    ("tongzhi-gonggao", "关于{town}“金秋助学”申请受理的公告"),
    ("tongzhi-gonggao", "关于推荐{town}劳动模范候选人的公告"),
]

# Notices read like notices: who, what, by when, and the forms attached (attachments.demo
# attaches the 报名表 and the plan to the 里水镇 安康杯 notice).
NOTICE_BODY = (
    "<p>各镇（街道）总工会、区直属各基层工会：</p>"
    "<p>为做好{town}“安康杯”竞赛和职工安全生产宣传教育工作，现将有关事项通知如下。</p>"
    "<h2>一、参加对象</h2>"
    "<p>{town}辖区内已建立工会组织的企业，每家企业可推荐一支代表队参加。</p>"
    "<h2>二、报名方式</h2>"
    "<p>请各单位填写报名表，并于通知发布之日起15个工作日内报送{town}总工会。"
    "报名表和活动方案见附件。</p>"
    "<p>特此通知。</p>"
)

OTHER_BODY = (
    "<p>{headline}。活动由南海区总工会指导,{town}总工会具体组织实施,"
    "吸引了辖区内多家企业的职工代表参加。</p>"
    "<h2>服务职工 贴近一线</h2>"
    "<p>工作人员介绍,此次活动坚持以职工需求为导向,精准对接一线职工的实际困难,"
    "把工会服务送到车间、班组和工地,让职工切实感受到工会组织的温暖。</p>"
    "<p>下一步,{town}总工会将继续做实做优职工服务品牌,推动“线上+线下”服务阵地融合,"
    "不断提升职工群众的获得感、幸福感、安全感。</p>"
)


def load(stdout=None):
    sections = {}
    for order, (name, slug, description, thumbnails) in enumerate(SECTIONS, start=1):
        sections[slug], _ = Section.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "order": order * 10,
                "description": description,
                "show_thumbnails": thumbnails,
            },
        )
    series, _ = Series.objects.get_or_create(
        slug=SERIES["slug"], defaults={"title": SERIES["title"], "intro": SERIES["intro"]}
    )

    created = 0
    for data in SEED_ARTICLES:
        created += _ensure_article(data, sections, series)

    start = _at(2020, 3, 2)
    for i in range(45):
        slug, pattern = OTHER_TOPICS[i % len(OTHER_TOPICS)]
        # Each topic meets a different town on each round, so every headline is unique.
        town = TOWNS[(i + i // len(OTHER_TOPICS)) % len(TOWNS)]
        headline = pattern.format(town=town)
        published_at = start + dt.timedelta(days=i * 5, hours=i % 9)
        data = {
            "kicker": "",
            "headline": headline,
            "subheadline": "",
            "summary": "",
            "body": (NOTICE_BODY if "安康杯”竞赛活动报名" in headline else OTHER_BODY).format(
                headline=headline, town=town
            ),
            "section": slug,
            "series": None,
            "source": "南海区总工会",
            "is_headline": False,
            "published_at": published_at,
            "credits": [("文", "", "通讯员", ["梁丽英", "陈晓", "何敏"][i % 3])],
        }
        created += _ensure_article(data, sections, series)
    _place_demo_photos(sections)
    if stdout:
        stdout.write(f"新闻:新增 {created} 篇,共 {Article.objects.count()} 篇。")


BAOJIE_HEADLINE = "让居民担主角 让邻里更有情"
MEETING_HEADLINE = "精准实干 为南海高质量发展凝心聚力"


# Later demo reports that get a cover (photos.demo): the newest report whose headline has
# the phrase. They fill the home page's 图片新闻 and the thumbnails of 人物风采/基层动态.
DEMO_COVERS = [
    ("送清凉", "cooling"),
    ("职工劳动和技能竞赛", "contest"),
    ("劳模工作室", "studio"),
    ("工匠的坚守与传承", "craft"),
]


def _place_demo_photos(sections) -> None:
    """The seed's pictures (photos.demo) where the seed page shows them: 包杰's photo in
    his report's body before 工作畅想; the meeting report's cover and infographic; covers
    of a few later reports. Nothing an editor changed is overwritten (only empty covers)."""
    from photos.demo import demo_photo

    baojie = Article.objects.filter(headline=BAOJIE_HEADLINE).first()
    meeting = Article.objects.filter(headline=MEETING_HEADLINE).first()
    if baojie is not None:
        photo, _ = demo_photo("baojie")
        if photo.key not in baojie.body:
            figure = f'<figure class="image"><img src="{photo.src}" alt="{photo.alt}"></figure>'
            marker = "<h2>工作畅想"
            body = baojie.body
            baojie.body = (
                body.replace(marker, figure + marker, 1) if marker in body else body + figure
            )
            baojie.save(update_fields=["body", "updated_at"])
    if meeting is not None:
        cover, _ = demo_photo("cover")
        if meeting.cover_id is None:
            meeting.cover = cover
            meeting.save(update_fields=["cover", "updated_at"])
        poster, _ = demo_photo("infographic")
        ArticlePhoto.objects.get_or_create(
            article=meeting,
            photo=poster,
            defaults={"kind": ArticlePhoto.Kind.INFOGRAPHIC, "order": 0},
        )
    for phrase, key in DEMO_COVERS:
        article = Article.objects.filter(headline__contains=phrase).order_by("-published_at")
        article = article.first()
        if article is not None and article.cover_id is None:
            article.cover, _ = demo_photo(key)
            article.save(update_fields=["cover", "updated_at"])


def _ensure_article(data, sections, series) -> int:
    if Article.objects.filter(headline=data["headline"]).exists():
        return 0
    article = Article.objects.create(
        kicker=data["kicker"],
        headline=data["headline"],
        subheadline=data["subheadline"],
        summary=data["summary"],
        body=data["body"],
        section=sections[data["section"]],
        series=series if data["series"] else None,
        source=data["source"],
        is_headline=data["is_headline"],
        status=Article.Status.PUBLISHED,
        published_at=data["published_at"],
    )
    Credit.objects.bulk_create(
        Credit(article=article, role=role, outlet=outlet, title=title, name=name, order=i)
        for i, (role, outlet, title, name) in enumerate(data["credits"])
    )
    return 1
