"""The article page's panel: the tasks of published plans this article reports on."""

from .models import Task, TaskReport, WorkPlan


def article_tasks(article) -> dict | None:
    """One query. Tasks of unpublished plans are left out: their page would be a 404."""
    tasks = list(
        Task.objects.filter(report_links__article=article, plan__is_published=True)
        .select_related("plan", "category")
        .order_by("-plan__year", "category__order", "order", "pk")
    )
    if not tasks:
        return None
    return {"plan_tasks": tasks}


def article_has_tasks_sql(outer_id: str) -> str:
    """The panel's probe: does the outer article report on a task of a published plan?"""
    link, task, plan = (m._meta.db_table for m in (TaskReport, Task, WorkPlan))
    return (
        f'EXISTS (SELECT 1 FROM "{link}" r JOIN "{task}" t ON t.id = r.task_id'
        f' JOIN "{plan}" p ON p.id = t.plan_id'
        f" WHERE r.article_id = {outer_id} AND p.is_published)"
    )
