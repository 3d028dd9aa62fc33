"""The text policy (core/text.py, core/fields.py): control characters, line breaks and
values of only spaces, on every write path, and renderers that survive rows from before it
(issue 15, cases 3, 4 and 6)."""

import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Credit, Section
from core.fields import MultiLineTextField, SingleLineTextField
from core.html import sanitize_html
from core.text_cleanup import clean_stored_text
from photos.models import Photo
from profiles.models import Profile
from tests.admin_utils import admin_form_data
from tests.factories import ArticleFactory, SectionFactory
from tests.profiles.factories import ProfileFactory
from tests.workplan.factories import KeyFigureFactory, TaskFactory, WorkPlanFactory
from workplan import share
from workplan.models import KeyFigure, Task, WorkPlan

pytestmark = pytest.mark.django_db

# What arrives with text pasted from Word, a terminal or a careless script.
CONTROL_SAMPLES = ["\x0b", "\x1b[31m", "\x08", "\x00", "\x0c", "\x7f", "\x85", "\ufffe"]


def _add_article_data(client, **overrides):
    response = client.get(reverse("admin:articles_article_add"))
    data = admin_form_data(
        response, headline="南海工会新稿", section=str(SectionFactory().pk), body="<p>正文</p>"
    )
    data.update(overrides)
    return data


def _field_errors(response, name):
    return response.context["adminform"].form.errors.get(name, [])


# --- The field classes -----------------------------------------------------------------


@pytest.mark.parametrize("char", CONTROL_SAMPLES)
def test_control_characters_are_refused_in_plain_text_with_a_chinese_message(char):
    for field in (SingleLineTextField(max_length=50), MultiLineTextField()):
        with pytest.raises(ValidationError) as caught:
            field.clean(f"南海{char}工会", None)
        assert "控制字符" in caught.value.messages[0]
        assert "第 3 个字符" in caught.value.messages[0]


@pytest.mark.parametrize("text", ["第一行\n第二行", "a\r\nb", "a\rb", "a\u2028b", "a\u2029b"])
def test_single_line_fields_refuse_line_breaks_and_multi_line_fields_keep_them(text):
    with pytest.raises(ValidationError) as caught:
        SingleLineTextField(max_length=50).clean(text, None)
    assert caught.value.messages == ["只能填写一行文字，请删除其中的换行。"]
    assert MultiLineTextField().clean(text, None) == text


def test_tabs_are_refused_in_one_line_and_kept_in_multi_line_text():
    with pytest.raises(ValidationError, match="制表符"):
        SingleLineTextField(max_length=50).clean("姓名\t张三", None)
    assert MultiLineTextField().clean("姓名\t张三", None) == "姓名\t张三"


@pytest.mark.parametrize("spaces", ["\u3000", "   ", "\u3000\u00a0\u2003", "\u200b", "\ufeff "])
def test_values_of_only_spaces_are_refused_by_forms_not_stored_empty(spaces):
    for model_field in (SingleLineTextField(max_length=50, blank=True), MultiLineTextField()):
        form_field = model_field.formfield(required=False)
        with pytest.raises(ValidationError) as caught:
            form_field.clean(spaces)
        assert caught.value.messages == ["只填了空格，请填写内容，或者把这一栏清空。"]
    assert SingleLineTextField(max_length=5).formfield().clean("\u3000张三\u3000") == "张三"


def test_mixed_scripts_emoji_and_rare_characters_are_accepted_exactly():
    text = "南海 Nanhai ナンハイ 남해 🏭 𠀀 Ωμέγα عربى ‮reversed‬"
    assert SingleLineTextField(max_length=100).formfield().clean(text) == text


def test_shell_and_services_cannot_store_what_a_form_refuses():
    section = SectionFactory()
    # Like an IntegrityError, the refusal spoils the surrounding transaction: callers that
    # want to go on wrap the write in atomic().
    with pytest.raises(ValidationError) as caught, transaction.atomic():
        Article.objects.create(headline="标题\x0b", section=section)
    assert "headline" in caught.value.message_dict
    with pytest.raises(ValidationError), transaction.atomic():
        WorkPlanFactory(title="2030年\n计划")
    with pytest.raises(ValidationError), transaction.atomic():
        Section.objects.create(name="\u3000", slug="blank")
    assert Article.objects.count() == 0
    assert WorkPlan.objects.count() == 0


def test_every_text_field_a_person_types_into_follows_the_policy():
    """A new CharField/TextField on these models must choose a policy class."""
    from django.apps import apps
    from django.db import models

    exempt = {
        ("photos", "photo", "key"),  # generated, never typed
        # Codes with their own format (a regex validator refuses anything else).
        ("core", "siteinfo", "postcode"),
        ("core", "siteinfo", "phone"),
        ("core", "siteinfo", "icp_number"),
        ("core", "siteinfo", "police_number"),
        ("core", "siteinfo", "site_code"),
    }
    for label in ("articles", "photos", "profiles", "workplan", "core", "attachments"):
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.concrete_fields:
                plain = type(field) in (models.CharField, models.TextField)
                if plain and not field.choices:
                    assert (label, model._meta.model_name, field.name) in exempt, field


# --- Through the admin -------------------------------------------------------------------


def test_headline_with_a_vertical_tab_is_refused_in_the_admin_and_nothing_is_saved(client, editor):
    client.force_login(editor)
    data = _add_article_data(client, headline="南海工会\x0b新闻")
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert "控制字符(U+000B)" in " ".join(_field_errors(response, "headline"))
    assert Article.objects.count() == 0


def test_summary_keeps_its_line_breaks_and_a_headline_refuses_them(client, editor):
    client.force_login(editor)
    data = _add_article_data(client, headline="第一行\r\n第二行")
    response = client.post(reverse("admin:articles_article_add"), data)
    assert _field_errors(response, "headline") == ["只能填写一行文字，请删除其中的换行。"]
    data = _add_article_data(client, summary="第一段\r\n第二段")
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302
    assert Article.objects.get().summary == "第一段\r\n第二段"


def test_credit_row_whose_name_is_only_an_ideographic_space_is_refused_not_dropped(client, editor):
    client.force_login(editor)
    data = _add_article_data(client)
    data.update({"credits-0-role": "文", "credits-0-name": "\u3000"})
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert "只填了空格，请填写内容，或者把这一栏清空。" in response.text
    assert Article.objects.count() == 0
    assert Credit.objects.count() == 0


def test_optional_field_of_only_spaces_is_refused_with_a_message(client, editor):
    client.force_login(editor)
    data = _add_article_data(client, subheadline="\u3000\u3000")
    response = client.post(reverse("admin:articles_article_add"), data)
    assert _field_errors(response, "subheadline") == ["只填了空格，请填写内容，或者把这一栏清空。"]
    assert Article.objects.count() == 0


def test_photo_caption_with_control_characters_is_refused_on_upload(client, reporter):
    from tests.photos.images import phone_jpeg, upload

    client.force_login(reporter)
    response = client.post(
        reverse("admin:photos_photo_upload"),
        {"images": [upload("a.jpg", phone_jpeg())], "caption": "现场\x1b[0m"},
    )
    assert response.status_code == 200
    assert "控制字符" in " ".join(response.context["form"].errors["caption"])
    assert Photo.objects.count() == 0


# --- Rich text: the sanitizer removes control characters everywhere ----------------------


@pytest.mark.parametrize(
    "html",
    [
        '<p>a\x0bb</p><a href="\x0bhttps://example.com/">链接</a>',
        '<a href="\x01javascript:alert(1)">x</a>',
        '<a href="javas\x01cript:alert(1)">x</a>',
        '<a href="java&#11;script:alert(1)">x</a>',
        "<p>&#27;[31m红字&#8;</p>",
        '<img src="/media/\x0bphotos/a.jpg" alt="\x1b">',
    ],
)
def test_sanitizer_removes_control_characters_from_text_and_every_url(html):
    cleaned = sanitize_html(html)
    assert not any(ch in cleaned for ch in "\x00\x01\x08\x0b\x1b")
    assert "javascript" not in cleaned
    assert sanitize_html(cleaned) == cleaned


def test_body_link_starting_with_a_control_character_is_stored_clean():
    article = ArticleFactory(body='<p><a href="\x0bhttps://www.nanhai.gov.cn/">区政府</a></p>')
    article.refresh_from_db()
    assert "\x0b" not in article.body
    assert 'href="https://www.nanhai.gov.cn/"' in article.body


# --- Renderers survive rows written before the policy ------------------------------------


def _old_row_article(**text):
    """A live article whose text was stored before the policy (``update()`` skips it)."""
    article = ArticleFactory(status=Article.Status.PUBLISHED, published_at=timezone.now())
    Article.objects.filter(pk=article.pk).update(**text)
    return article


@pytest.mark.parametrize("char", ["\x0b", "\x1b", "\x08", "\x0c", "\x1f"])
def test_feeds_survive_control_characters_in_old_rows(client, char):
    article = _old_row_article(
        headline=f"南海工会{char}新闻",
        summary=f"摘要{char}",
        body=f'<p>正文{char}<a href="{char}https://example.com/">链接</a></p>',
    )
    Section.objects.filter(pk=article.section_id).update(name=f"要闻{char}")
    for url in (
        reverse("articles:feed"),
        reverse("articles:section-feed", args=[article.section.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        channel = ET.fromstring(response.content).find("channel")
        titles = [item.findtext("title") for item in channel.iter("item")]
        assert "南海工会新闻" in titles


def test_sitemaps_and_public_pages_survive_control_characters_in_old_rows(client):
    article = _old_row_article(headline="标题\x0b", summary="摘要\x1b")
    for url in (
        reverse("sitemap-index"),
        "/sitemap-articles.xml",
        "/sitemap-sections.xml",
        article.get_absolute_url(),
        reverse("articles:list"),
        reverse("home"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert ET.fromstring(client.get("/sitemap-articles.xml").content) is not None


def test_plan_pages_and_share_card_survive_a_multiline_title(client):
    plan = WorkPlanFactory(year=2031)
    TaskFactory(plan=plan)
    KeyFigureFactory(plan=plan)
    WorkPlan.objects.filter(pk=plan.pk).update(title="2031年南海工会\n重点工作任务")
    KeyFigure.objects.filter(plan=plan).update(label="服务\n职工", unit="人\x0b次")
    Task.objects.filter(plan=plan).update(title="任务\x1b")
    for name in ("workplan:year", "workplan:overview"):
        response = client.get(reverse(name, args=[2031]))
        assert response.status_code == 200
        assert "2031年南海工会" in response.text
    if share.find_font() is not None:  # fonts-noto-cjk: the card is drawn, on one line
        assert response.context["share_image"].endswith(".png")
        plan.refresh_from_db()
        from workplan.outline import build_outline

        assert share.render_card(plan, build_outline(plan))[:8] == b"\x89PNG\r\n\x1a\n"


def test_plan_title_with_a_line_break_is_refused_by_the_plan_form(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:workplan_workplan_add"))
    data = admin_form_data(response, year="2032", title="2032年\n计划")
    response = client.post(reverse("admin:workplan_workplan_add"), data)
    assert response.status_code == 200
    assert "只能填写一行文字" in response.text
    assert not WorkPlan.objects.filter(year=2032).exists()


def test_admin_autocomplete_json_survives_old_rows(client, editor):
    article = _old_row_article(headline="标题\x0b\x1b")
    client.force_login(editor)
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "workplan", "model_name": "taskreport", "field_name": "article"},
    )
    assert response.status_code == 200
    results = {r["id"]: r["text"] for r in response.json()["results"]}  # valid JSON
    assert results[str(article.pk)] == "标题\x0b\x1b"


# --- Rows stored before the policy are cleaned --------------------------------------------


def test_clean_stored_text_repairs_old_rows_and_dry_run_changes_nothing(capsys):
    article = _old_row_article(
        headline="标题\x0b一", summary="第一段\n第二段\x1b", body="<p>正文\x08</p>"
    )
    ProfileFactory(name="张三")
    Profile.objects.filter(name="张三").update(
        position="\x0b", quote="\u3000", deeds="事迹\r\n\x0c"
    )
    call_command("clean_stored_text", "--dry-run")
    assert "将修改" in capsys.readouterr().out
    assert Article.objects.get().headline == "标题\x0b一"

    repairs = clean_stored_text([Article, Profile])
    assert {(r.model, r.field) for r in repairs} == {
        ("articles.Article", "headline"),
        ("articles.Article", "summary"),
        ("articles.Article", "body"),
        ("profiles.Profile", "position"),
        ("profiles.Profile", "quote"),
        ("profiles.Profile", "deeds"),
    }
    article.refresh_from_db()
    assert (article.headline, article.summary, article.body) == (
        "标题一",
        "第一段\n第二段",
        "<p>正文</p>",
    )
    profile = Profile.objects.get()
    # A required value left empty gets a placeholder; an optional one of spaces is emptied.
    assert (profile.position, profile.quote, profile.deeds) == ("未命名", "", "事迹\r\n")
    assert clean_stored_text([Article, Profile]) == []  # idempotent


def test_each_apps_data_migration_cleans_its_models_with_the_historical_models():
    import importlib
    from types import SimpleNamespace

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    article = _old_row_article(headline="旧标题\x0b")
    WorkPlan.objects.filter(pk=WorkPlanFactory(year=2035).pk).update(title="2035年\n计划")
    loader = MigrationLoader(connection)
    for app, name in [
        ("articles", "0005_clean_stored_text"),
        ("photos", "0004_clean_stored_text"),
        ("profiles", "0004_clean_stored_text"),
        ("workplan", "0004_clean_stored_text"),
    ]:
        module = importlib.import_module(f"{app}.migrations.{name}")
        forward = module.Migration.operations[0].code
        forward(loader.project_state((app, name)).apps, SimpleNamespace(connection=connection))
    assert Article.objects.get(pk=article.pk).headline == "旧标题"
    assert WorkPlan.objects.get(year=2035).title == "2035年 计划"
