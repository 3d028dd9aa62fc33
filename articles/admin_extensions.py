"""Declared extension points of the article admin, as ``panels.py`` is for the public page.

Apps above ``articles`` (work plans, search, attachments, ...) add to the article form and
its list without the articles app importing them and without touching ``ArticleAdmin``:

- :func:`register_inline`: an inline shown on the article form after the stock ones
  (credits, gallery). The inline checks its own rights (``articles.permissions``).
- :func:`register_search`: the function that answers the article list's search box,
  ``(request, queryset, term) -> (queryset, may_have_duplicates)``. Without one, the
  admin searches ``ArticleAdmin.search_fields``.

Apps register in their ``AppConfig.ready()``.
"""

from collections.abc import Callable

_inlines: list[type] = []
_search: list[Callable] = []


def register_inline(inline_class: type) -> None:
    if inline_class not in _inlines:
        _inlines.append(inline_class)


def extra_inlines() -> list[type]:
    return list(_inlines)


def register_search(function: Callable) -> None:
    """Make ``function`` the article list's search (the last registration wins)."""
    _search[:] = [function]


def search_function() -> Callable | None:
    return _search[0] if _search else None
