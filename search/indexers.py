"""The indexers of the content apps: how each kind of object becomes a search document.

Articles carry their own visibility (status, scheduled time) into the index, kept right by
save signals, and the articles shown on a results page are checked once more against
``Article.objects.published()``. Profiles, plans and tasks are published with
``QuerySet.update()`` in their apps (no signal), so their rows are always marked public
here and the search SQL checks their app's ``published()`` every time (small tables).
"""

from core.html import html_to_text

from .registry import Dependent, Doc, Indexer, register


def _join(*parts) -> str:
    return " ".join(p for p in parts if p)


# --- Articles --------------------------------------------------------------------------------


def register_articles() -> None:
    from articles.models import Article, Credit
    from attachments.models import Attachment

    def document(article) -> Doc:
        names = _join(*(credit.name for credit in article.credits.all()))
        # A notice is found by its attachments' names too (报名表.docx).
        files = _join(*(attachment.original_name for attachment in article.attachments.all()))
        return Doc(
            title=article.headline,
            subtitle=_join(article.kicker, article.subheadline),
            body=_join(article.summary, html_to_text(article.body), names, files),
            url=article.get_absolute_url(),
            published_at=article.published_at,
            is_public=article.status == Article.Status.PUBLISHED,
            section_id=article.section_id,
        )

    register(
        Indexer(
            kind="article",
            model=Article,
            queryset=lambda: Article.objects.prefetch_related("credits", "attachments"),
            document=document,
            live=lambda: Article.objects.published(),
            live_check="page",
            dependents=[
                Dependent(Credit, lambda credit: [credit.article_id]),
                Dependent(Attachment, lambda attachment: [attachment.article_id]),
            ],
        )
    )


# --- Profiles (人物档案) -----------------------------------------------------------------------


def register_profiles() -> None:
    from profiles.models import Honour, Profile

    def document(profile) -> Doc:
        honours = _join(*(honour.title for honour in profile.honours.all()))
        return Doc(
            title=profile.name,
            subtitle=_join(
                profile.position,
                profile.organization,
                profile.town.name if profile.town_id else "",
                profile.kind.name,
            ),
            body=_join(profile.deeds, honours, profile.quote, html_to_text(profile.biography)),
            url=profile.get_absolute_url(),
            published_at=profile.created_at,
            is_public=True,  # checked live: Profile.objects.published()
        )

    register(
        Indexer(
            kind="profile",
            model=Profile,
            queryset=lambda: Profile.objects.select_related("town", "kind").prefetch_related(
                "honours"
            ),
            document=document,
            live=lambda: Profile.objects.published(),
            dependents=[Dependent(Honour, lambda honour: [honour.profile_id])],
        )
    )


# --- Work plans and their tasks ---------------------------------------------------------------


def register_workplan() -> None:
    from workplan.models import Task, WorkPlan

    def plan_date(plan):
        """The date of the report that announced the plan, else when it was entered
        (never a future date: a scheduled report must not hide the plan)."""
        if plan.source_id and plan.source.published_at:
            return min(plan.source.published_at, plan.created_at)
        return plan.created_at

    def plan_document(plan) -> Doc:
        return Doc(
            title=plan.title,
            body=plan.intro,
            url=plan.get_absolute_url(),
            published_at=plan_date(plan),
            is_public=True,  # checked live: WorkPlan.objects.published()
            year=plan.year,
        )

    def task_document(task) -> Doc:
        return Doc(
            title=task.title,
            subtitle=_join(task.category.name, task.lead_department),
            body=_join(task.details, task.progress_note, f"{task.plan.title}"),
            url=task.get_absolute_url(),
            published_at=plan_date(task.plan),
            is_public=True,  # checked live: the plan is published
            year=task.plan.year,
        )

    register(
        Indexer(
            kind="plan",
            model=WorkPlan,
            queryset=lambda: WorkPlan.objects.select_related("source"),
            document=plan_document,
            live=lambda: WorkPlan.objects.published(),
        )
    )
    register(
        Indexer(
            kind="task",
            model=Task,
            queryset=lambda: Task.objects.select_related("plan__source", "category"),
            document=task_document,
            live=lambda: Task.objects.filter(plan__in=WorkPlan.objects.published()),
            # A plan's title and year are part of its tasks' documents and links.
            dependents=[Dependent(WorkPlan, lambda plan: plan.tasks.values_list("pk", flat=True))],
        )
    )


def register_all() -> None:
    register_articles()
    register_profiles()
    register_workplan()
