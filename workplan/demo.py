"""Demo content: the 2020 plan exactly as the seed page lists it, the key figures of its
review of 2019, and links from the reports to the tasks they speak of.

Idempotent: rows are found by their natural keys and only missing ones are created, so
running it again neither duplicates nor overwrites what editors changed.
"""

from decimal import Decimal

from articles.models import Article

from .models import Category, KeyFigure, Task, TaskReport, WorkPlan

MEETING_HEADLINE = "精准实干 为南海高质量发展凝心聚力"

PLAN = {
    "year": 2020,
    "title": "2020年南海工会重点工作任务",
    "intro": (
        "6月16日,南海区总工会召开第十五届委员会第三次全体(扩大)会议,"
        "回顾总结2019年以来工作情况,研究部署2020年下一阶段工作任务。"
    ),
}

# The seed's list, word for word (the last task has no final 。 on the seed page).
TASKS = [
    ("思想引领", ["团结引导职工群众听党话、跟党走。", "推进社会主义核心价值观践行活动。"]),
    ("立功竞赛", ["广泛深入持久开展劳动和技能竞赛活动。", "培养造就更多劳动模范与工匠人才。"]),
    ("维权维稳", ["提高市域社会治理现代化工作参与度。", "推动构建和谐劳动关系。"]),
    ("精准服务", ["做实做优职工服务品牌。", "切实帮助职工群众排忧解难。"]),
    ("工会建设", ["深化工会组织和规范化建设的扩面提质。", "深化工会干部队伍建设"]),
]

# The review of 2019 in the meeting report: (label, qualifier, number, magnitude, unit).
FIGURES = [
    ("宣讲活动覆盖职工", "余", "10", "万", "人次"),
    ("“中国梦·劳动美”主题活动", "超过", "100", "", "场次"),
    ("职工劳动和技能竞赛", "", "20", "", "个项目"),
    ("参赛职工", "超", "8000", "", "人"),
    ("安全生产宣传教育培训职工", "多", "40", "万", "人次"),
    ("服务中心和服务平台开展活动", "", "1091", "", "场"),
    ("服务职工", "余", "127.6", "万", "人次"),
]

# Other demo reports (from articles.demo) found by a phrase of their headline, and the
# task they report on; at most two per phrase, the newest, published after the meeting. The meeting report presents the
# whole plan, so it is linked to all ten tasks.
REPORT_PHRASES = [
    ("劳动和技能竞赛", "广泛深入持久开展劳动和技能竞赛活动。"),
    ("安康杯", "广泛深入持久开展劳动和技能竞赛活动。"),
    ("劳模工作室", "培养造就更多劳动模范与工匠人才。"),
    ("法院+工会", "推动构建和谐劳动关系。"),
    ("“职工·家”服务中心", "做实做优职工服务品牌。"),
    ("送清凉", "切实帮助职工群众排忧解难。"),
    ("金秋助学", "切实帮助职工群众排忧解难。"),
    ("基层工会主席培训班", "深化工会干部队伍建设"),
]


def load(stdout=None):
    meeting = Article.objects.filter(headline=MEETING_HEADLINE).first()
    plan, created = WorkPlan.objects.get_or_create(
        year=PLAN["year"],
        defaults={
            "title": PLAN["title"],
            "intro": PLAN["intro"],
            "source": meeting,
            "is_published": True,
        },
    )
    if plan.source_id is None and meeting is not None:
        plan.source = meeting
        plan.save(update_fields=["source", "updated_at"])

    tasks = {}
    for position, (category_name, titles) in enumerate(TASKS, start=1):
        category, _ = Category.objects.get_or_create(
            name=category_name, defaults={"order": position * 10}
        )
        for order, title in enumerate(titles, start=1):
            tasks[title], _ = Task.objects.get_or_create(
                plan=plan,
                title=title,
                defaults={
                    "category": category,
                    "order": order,
                    "status": Task.Status.IN_PROGRESS,
                },
            )

    for order, (label, qualifier, number, magnitude, unit) in enumerate(FIGURES, start=1):
        KeyFigure.objects.get_or_create(
            plan=plan,
            label=label,
            defaults={
                "qualifier": qualifier,
                "number": Decimal(number),
                "magnitude": magnitude,
                "unit": unit,
                "year": 2019,
                "source": meeting,
                "order": order,
            },
        )

    pairs = [(meeting, task) for task in tasks.values()] if meeting else []
    for phrase, title in REPORT_PHRASES:
        reports = Article.objects.published().filter(headline__contains=phrase)
        if meeting is not None and meeting.published_at:  # progress comes after the plan
            reports = reports.filter(published_at__gt=meeting.published_at)
        pairs += [(article, tasks[title]) for article in reports.only("pk")[:2]]
    linked = 0
    for article, task in pairs:
        _, made = TaskReport.objects.get_or_create(task=task, article=article)
        linked += made
    if stdout:
        stdout.write(
            f"工作计划:{plan.title}({'新建' if created else '已存在'}),"
            f"{len(tasks)} 项任务,新增 {linked} 条报道关联。"
        )
