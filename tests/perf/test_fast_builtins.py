"""The memoized {% url %} and |date give exactly Django's output."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Engine, Template
from django.urls import NoReverseMatch, set_script_prefix
from django.utils import timezone, translation

SOURCE = (
    "{% url 'articles:detail' pk %}|{% url 'articles:section' slug=slug %}|"
    "{% url 'home' %}|{% url 'articles:list' as listing %}{{ listing }}|"
    "{% url 'nowhere' as missing %}[{{ missing }}]|"
    "{{ moment|date:'Y年n月j日 H:i' }}|{{ moment|date }}|{{ day|date:'Y-m-d' }}|"
    "{{ text|date:'Y' }}|{{ empty|date:'Y' }}"
)


def _render(engine: Engine, **context) -> str:
    return engine.from_string(SOURCE).render(Context(context))


@pytest.mark.parametrize("tz", ["Asia/Shanghai", "UTC"])
def test_same_output_as_django(tz, settings):
    plain = Engine(builtins=[])
    fast = Engine(builtins=["core.templatetags.fast_builtins"])
    context = {
        "pk": 42,
        "slug": "gonghui-yaowen",
        "moment": datetime(2026, 11, 30, 23, 30, tzinfo=UTC),
        "day": date(2026, 1, 2),
        "text": "不是日期",
        "empty": None,
    }
    with timezone.override(tz), translation.override("zh-hans"):
        expected = _render(plain, **context)
        assert _render(fast, **context) == expected
        assert _render(fast, **context) == expected  # from the memo
    assert "/articles/42/" in expected


def test_script_prefix_and_unknown_names_are_respected():
    fast = Engine(builtins=["core.templatetags.fast_builtins"])
    template = fast.from_string("{% url 'articles:detail' 7 %}")
    assert template.render(Context()) == "/articles/7/"
    set_script_prefix("/site/")
    try:
        assert template.render(Context()) == "/site/articles/7/"
    finally:
        set_script_prefix("/")
    with pytest.raises(NoReverseMatch):
        fast.from_string("{% url 'nowhere' %}").render(Context())


def test_site_templates_use_the_memoized_builtins():
    from core.templatetags.fast_builtins import CachedURLNode

    nodes = Template("{% url 'home' %}").nodelist
    assert isinstance(nodes[0], CachedURLNode)
