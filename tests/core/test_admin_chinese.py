"""The admin in plain Chinese (the project locale, locale/zh_Hans), staff named by their
names, and no related-object widget leading to a delete page (issue 10)."""

import html
import json
import re

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from articles import services
from tests.factories import ArticleFactory, SeriesFactory, UserFactory
from tests.photos.conftest import make_photo  # noqa: F401
from tests.workplan.factories import KeyFigureFactory, TaskFactory, WorkPlanFactory

pytestmark = pytest.mark.django_db


def get(client, name, *args, **params):
    response = client.get(reverse(f"admin:{name}", args=args), params)
    assert response.status_code == 200, name
    return response.text


def test_stock_phrases_read_as_plain_chinese(client, editor):
    client.force_login(editor)
    listing = get(client, "articles_article_changelist")
    assert "<h1>文章</h1>" in listing
    assert "选择 文章 来修改" not in listing
    assert "按状态" in listing
    assert "以 状态" not in listing
    form = get(client, "articles_article_add")
    # The inline's add link is written by Django's script from the formset's data.
    found = re.search(
        r'id="credits-group"\s+data-inline-type="tabular"\s+data-inline-formset="([^"]+)"', form
    )
    assert json.loads(html.unescape(found.group(1)))["options"]["addText"] == "添加署名"
    assert '<label class="required" for="id_headline">标题：</label>' in form


def test_a_form_with_errors_says_so_in_chinese(client, editor):
    client.force_login(editor)
    response = client.post(reverse("admin:articles_article_add"), {"headline": ""})
    title = re.search(r"<title>(.*?)</title>", response.text, re.S).group(1)
    assert title.startswith("有错误：")
    assert "Error" not in title


def test_screen_reader_headings_and_the_login_protection_admin_are_chinese(client, superuser):
    client.force_login(superuser)
    index = get(client, "index")
    for english in ("Model name", "Add link", "Change or view list link"):
        assert english not in index
    assert "登录保护" in index
    attempts = get(client, "axes_accessattempt_changelist")
    assert "登录尝试" in attempts
    assert "Attempt Time" not in attempts


def test_staff_are_named_by_their_names(client, editor):
    reporter = UserFactory(username="reporter_li", first_name="冬冬", last_name="李", is_staff=True)
    editor.first_name, editor.last_name = "梦灵", "黄"
    editor.save()
    article = ArticleFactory(author=reporter)
    services.article_withdraw(article=article, user=editor)
    client.force_login(editor)
    listing = get(client, "articles_article_changelist")
    assert "李冬冬" in listing
    assert "reporter_li" not in listing
    assert "您好，<strong>黄梦灵</strong>" in listing
    audit = get(client, "audit_auditentry_changelist")
    assert "黄梦灵" in audit
    data = {"_continue": "1"}
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    from tests.admin_utils import admin_form_data

    client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        admin_form_data(page, **data),
    )
    history = get(client, "articles_article_history", article.pk)
    assert "黄梦灵" in history


def test_photo_list_names_the_uploader(client, editor, make_photo):  # noqa: F811
    uploader = UserFactory(username="tongxunyuan", first_name="丽英", last_name="梁", is_staff=True)
    make_photo(uploader)
    client.force_login(editor)
    listing = get(client, "photos_photo_changelist")
    assert "梁丽英" in listing
    assert "tongxunyuan" not in listing


def test_read_only_booleans_read_yes_or_no(client, editor):
    WorkPlanFactory(is_published=True)
    SeriesFactory(is_active=False)
    client.force_login(editor)
    assert "icon-yes.svg" not in get(client, "workplan_workplan_changelist")
    assert "icon-no.svg" not in get(client, "articles_series_changelist")


# --- No traps ------------------------------------------------------------------------

RELATED_WRAPPER = re.compile(r'<div class="related-widget-wrapper".*?</div>', re.S)


def test_no_related_widget_links_to_a_delete_page(client, superuser, make_photo):  # noqa: F811
    """Every add and change page of the admin, for a superuser (who may delete anything):
    the links next to related fields may change, add or view, never delete."""
    series = SeriesFactory()
    article = ArticleFactory(series=series, cover=make_photo(superuser))
    plan = WorkPlanFactory(source=article)
    TaskFactory(plan=plan)
    KeyFigureFactory(plan=plan, source=article)
    client.force_login(superuser)
    pages = 0
    for model in admin.site._registry:
        opts = model._meta
        urls = []
        try:
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        except NoReverseMatch:
            pass
        obj = model._default_manager.first()
        if obj is not None:
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
        for url in urls:
            response = client.get(url, follow=True)
            if response.status_code != 200:
                continue
            pages += 1
            text = response.content.decode()
            assert "delete-related" not in text, url
            for wrapper in RELATED_WRAPPER.findall(text):
                assert "/delete/" not in wrapper, url
    assert pages > 20


def test_the_compiled_catalogue_matches_the_po_file():
    """The .mo is committed (running the site needs no gettext): it must hold exactly what
    the .po says. After editing the .po: msgfmt -o django.mo django.po."""
    import gettext
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES"
    compiled = gettext.GNUTranslations((folder / "django.mo").open("rb"))._catalog
    text = (folder / "django.po").read_text(encoding="utf-8")
    entries = re.findall(
        r'^msgid "(.*)"\n(?:msgid_plural ".*"\n)?msgstr(?:\[0\])? "(.*)"$', text, flags=re.M
    )
    expected = {mid: mstr for mid, mstr in entries if mid}
    assert len(expected) > 100
    for msgid, msgstr in expected.items():
        found = compiled.get(msgid, compiled.get((msgid, 0)))
        assert found == msgstr, msgid
