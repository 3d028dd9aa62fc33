"""Extension point for the article page (and the series page).

Other apps (work plans, profiles) add panels to the article page without the articles
app importing them: each registers a function ``(article) -> dict | None`` and a template.
A panel function may run at most one query, so the article page keeps its query budget.
A panel with ``target="series"`` is shown on the series page instead; its function
receives the ``Series``.

A panel may also give a ``probe``: a function ``(outer_id) -> SQL`` of a boolean expression
over ``outer_id``, the quoted id column of the outer article query (typically
``EXISTS (... WHERE x.article_id = <outer_id>)``). The article query
then carries the answer, and the panel's own query runs only for articles that have
something to show — most articles have no panel, and their page saves a query per panel.
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
    probe: Callable[[str], str] | None = None

    @property
    def probe_attribute(self) -> str:
        return "probe_" + "".join(c if c.isalnum() else "_" for c in self.name)


_panels: dict[str, ArticlePanel] = {}


def register(panel: ArticlePanel) -> None:
    _panels[panel.name] = panel


def article_probes(outer_id: str) -> dict[str, str]:
    """``{annotation name: SQL}`` of the probes of the article panels, over ``outer_id``."""
    return {
        panel.probe_attribute: panel.probe(outer_id)
        for panel in _panels.values()
        if panel.target == "article" and panel.probe is not None
    }


def render_context(article, target: str = "article") -> list[dict]:
    """Panels that have something to show for ``article`` (or a series, with
    ``target="series"``), each with its template."""
    shown = []
    for panel in _panels.values():
        if panel.target != target:
            continue
        if getattr(article, panel.probe_attribute, True) is False:
            continue  # the article query already said there is nothing to show
        context = panel.context(article)
        if context:
            shown.append({"template": panel.template, "placement": panel.placement, **context})
    return shown
