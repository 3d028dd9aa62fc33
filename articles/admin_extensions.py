"""Declared extension points of the article admin, as ``panels.py`` is for the public page.

Apps above ``articles`` (work plans, search, attachments, ...) add to the article form and
its list without the articles app importing them and without touching ``ArticleAdmin``:

- :func:`register_inline`: an inline shown on the article form after the stock ones
  (credits, gallery). The inline checks its own rights (``articles.permissions``).
- :func:`register_search`: the function that answers the article list's search box,
  ``(request, queryset, term) -> (queryset, may_have_duplicates)``. Without one, the
  admin searches ``ArticleAdmin.search_fields``.
- :func:`register_form_action`: a button in the article form's action bar, after the
  workflow buttons: ``(request, article or None) -> FormAction or None``
  (``core.admin_mixins.FormAction``: a submit button with a ``handler`` run after the save,
  or a link with a ``url``). Return ``None`` where the button does not apply; the handler
  checks its own rights (``articles.permissions``) again.

Apps register in their ``AppConfig.ready()``.
"""

from collections.abc import Callable

_inlines: list[type] = []
_search: list[Callable] = []
_form_actions: list[Callable] = []


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


def register_form_action(factory: Callable) -> None:
    if factory not in _form_actions:
        _form_actions.append(factory)


def form_actions(request, article) -> list:
    """The registered buttons that apply to ``article`` for this request."""
    return [a for a in (factory(request, article) for factory in _form_actions) if a is not None]
