"""The article page's panel: the tasks of published plans this article reports on."""

from .models import Task


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
