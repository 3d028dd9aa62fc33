"""Extension point for the article page (and the series page).

Other apps (work plans, profiles) add panels to the article page without the articles
app importing them: each registers a function ``(article) -> dict | None`` and a template.
A panel function may run at most one query, so the article page keeps its query budget.
A panel with ``target="series"`` is shown on the series page instead; its function
receives the ``Series``.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ArticlePanel:
    name: str
    template: str
    context: Callable
    placement: str = "after_body"  # or "before_body"
    target: str = "article"  # or "series"


_panels: dict[str, ArticlePanel] = {}


def register(panel: ArticlePanel) -> None:
    _panels[panel.name] = panel


def render_context(article, target: str = "article") -> list[dict]:
    """Panels that have something to show for ``article`` (or a series, with
    ``target="series"``), each with its template."""
    shown = []
    for panel in _panels.values():
        if panel.target != target:
            continue
        context = panel.context(article)
        if context:
            shown.append({"template": panel.template, "placement": panel.placement, **context})
    return shown
