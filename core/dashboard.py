"""The admin's start page (/admin/), built from declared parts.

``core`` renders the page (``SiteAdmin.index``) but knows none of the apps above it, so
each app declares what it adds, in its ``AppConfig.ready()``:

- :func:`register_shortcut`: a big button (写稿, 传图) with a function
  ``(request) -> url or None``; ``None`` hides it from users who may not use it;
- :func:`register_panel`: a box with a function ``(request) -> dict or None``; ``None``
  hides the box (e.g. editors' boxes from reporters). The dict is the context of the box's
  template; the generic list template (``admin/dashboard/_list_panel.html``) shows
  ``items`` (each with ``title``, ``url``, ``meta`` and an optional ``note``), ``count``,
  ``more_url`` and ``empty``.

Each panel costs a fixed number of queries (one or two), whatever the amount of content;
tests/core/test_dashboard.py asserts the page's budget per role.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class Shortcut:
    key: str
    label: str
    url: Callable[[HttpRequest], str | None]
    description: str = ""
    order: int = 100


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    context: Callable[[HttpRequest], dict | None]
    template: str = "admin/dashboard/_list_panel.html"
    order: int = 100


_shortcuts: dict[str, Shortcut] = {}
_panels: dict[str, Panel] = {}


def register_shortcut(shortcut: Shortcut) -> None:
    _shortcuts[shortcut.key] = shortcut


def register_panel(panel: Panel) -> None:
    _panels[panel.key] = panel


def shortcuts_for(request) -> list[dict]:
    shown = []
    for shortcut in sorted(_shortcuts.values(), key=lambda s: (s.order, s.key)):
        url = shortcut.url(request)
        if url:
            shown.append({"shortcut": shortcut, "url": url})
    return shown


def panels_for(request) -> list[dict]:
    shown = []
    for panel in sorted(_panels.values(), key=lambda p: (p.order, p.key)):
        context = panel.context(request)
        if context is not None:
            shown.append({"panel": panel, "context": context})
    return shown
