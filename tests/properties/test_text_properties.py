"""Arbitrary text through the admin's model forms of articles, credits, photos, profiles,
plans, tasks and figures; then every public page, feed, sitemap and the share card that
shows what was accepted.

Properties: no page answers 500; an accepted value reads back exactly as typed apart from
the documented policy (leading/trailing spaces removed, rich text sanitized); a refused one
carries a Chinese message and stores nothing; a value that breaks the policy is refused.
"""

import xml.etree.ElementTree as ET

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from hypothesis import event, given
from hypothesis import strategies as st

from articles.models import Article, Credit
from core.fields import MultiLineTextField, SingleLineTextField
from core.text import CONTROL_RE, NOT_ONE_LINE_RE, has_control
from photos.models import Photo
from profiles.models import Profile
from tests.factories import ArticleFactory, SectionFactory
from tests.photos.images import phone_jpeg, png, upload
from tests.profiles.factories import ProfileKindFactory, TownFactory
from workplan import share
from workplan.models import Category, KeyFigure, Task, WorkPlan
from workplan.outline import build_outline

from .conftest import rolled_back
from .strategies import HTML, TEXT, field_values, is_chinese

pytestmark = pytest.mark.django_db

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _submit(form_class, data, *, instance=None):
    """Submit ``data`` through ``form_class``; return the saved row read back, or None."""
    model = form_class._meta.model
    before = model.objects.count()
    form = form_class(data=data, instance=instance)
    text_fields = [
        name
        for name in data
        if isinstance(model._meta.get_field(name), SingleLineTextField | MultiLineTextField)
    ]
    breaks_policy = [
        name
        for name in text_fields
        if CONTROL_RE.search(data[name])
        or (
            isinstance(model._meta.get_field(name), SingleLineTextField)
            and NOT_ONE_LINE_RE.search(data[name].strip())
        )
    ]
    if not form.is_valid():
        event(f"{model.__name__} refused")
        messages = [str(m) for errors in form.errors.values() for m in errors]
        assert messages
        assert all(is_chinese(m) for m in messages), messages
        assert model.objects.count() == before
        return None
    assert not breaks_policy, f"accepted {breaks_policy}: {[data[n] for n in breaks_policy]}"
    event(f"{model.__name__} accepted")
    saved = form.save()
    fresh = model._default_manager.get(pk=saved.pk)
    for name in text_fields:
        assert getattr(fresh, name) == data[name].strip(), name
    return fresh


def _pages_ok(client, *urls, xml=()):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    for url in xml:
        response = client.get(url)
        assert response.status_code == 200, url
        ET.fromstring(response.content)  # well-formed XML


def _admin_form(request, model, obj=None):
    return admin.site.get_model_admin(model).get_form(request, obj, change=obj is not None)


def _inline_form(request, parent, child_model):
    model_admin = admin.site.get_model_admin(type(parent))
    for inline in model_admin.get_inline_instances(request, parent):
        if inline.model is child_model:
            return inline.get_formset(request, parent).form
    raise AssertionError(f"no inline for {child_model}")


def _card_ok(plan):
    if share.find_font() is not None:
        plan = WorkPlan.objects.for_page().get(pk=plan.pk)
        assert share.render_card(plan, build_outline(plan)).startswith(PNG_SIGNATURE)


# --- Articles and credits ----------------------------------------------------------------


@pytest.fixture
def section(db):
    return SectionFactory(name="工会要闻", slug="news")


@given(
    data=field_values(
        ["kicker", "headline", "subheadline", "summary", "source"], multi_line=["summary"]
    ),
    body=HTML,
)
def test_article_form_accepts_or_refuses_and_pages_survive(
    admin_request, client, section, data, body
):
    headline = data["headline"]
    with rolled_back():
        form_class = _admin_form(admin_request, Article)
        fresh = _submit(form_class, {**data, "body": body, "section": str(section.pk)})
        if fresh is None:
            return
        assert not has_control(fresh.body)
        assert "<script" not in fresh.body
        Article.objects.filter(pk=fresh.pk).update(
            status=Article.Status.PUBLISHED, published_at=timezone.now()
        )
        _pages_ok(
            client,
            fresh.get_absolute_url(),
            reverse("home"),
            reverse("articles:list"),
            section.get_absolute_url(),
            reverse("search:search") + "?" + _query(headline),
            xml=[
                reverse("articles:feed"),
                reverse("articles:section-feed", args=[section.slug]),
                "/sitemap-articles.xml",
                reverse("sitemap-index"),
            ],
        )


def _query(text: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"q": text})


@pytest.fixture
def live_article(db, section):
    return ArticleFactory(section=section, headline="南海区总工会召开全体会议")


@given(
    role=st.sampled_from(["文", "图", "统筹", "??"]),
    values=field_values(["outlet", "title", "name"]),
)
def test_credit_form_accepts_or_refuses_and_the_byline_renders(
    admin_request, client, live_article, role, values
):
    with rolled_back():
        form_class = _inline_form(admin_request, live_article, Credit)
        credit = _submit(
            form_class,
            {"role": role, **values, "order": "0"},
            instance=Credit(article=live_article),
        )
        if credit is not None:
            page = client.get(live_article.get_absolute_url())
            assert page.status_code == 200
            assert escape(credit.name) in page.content.decode()  # the byline shows it
        _pages_ok(client, live_article.get_absolute_url(), xml=[reverse("articles:feed")])


# --- Photos -------------------------------------------------------------------------------


@pytest.fixture
def placed_photo(db, live_article, superuser):
    from articles.models import ArticlePhoto
    from photos.services import photo_create

    photo = photo_create(upload=upload("a.jpg", phone_jpeg((1200, 800))), user=superuser)
    Article.objects.filter(pk=live_article.pk).update(cover=photo)
    ArticlePhoto.objects.create(article=live_article, photo=photo)
    poster = photo_create(upload=upload("b.png", png((300, 1200), mode="RGB")), user=superuser)
    ArticlePhoto.objects.create(article=live_article, photo=poster, kind="infographic")
    return photo


@given(values=field_values(["caption", "credit", "alt_text"]))
def test_photo_form_accepts_or_refuses_and_the_article_page_renders(
    admin_request, client, live_article, placed_photo, values
):
    with rolled_back():
        form_class = _admin_form(admin_request, Photo, placed_photo)
        _submit(form_class, values, instance=Photo.objects.get(pk=placed_photo.pk))
        _pages_ok(client, live_article.get_absolute_url(), reverse("home"))


# --- Profiles -----------------------------------------------------------------------------


@given(
    data=field_values(
        ["name", "position", "organization", "deeds", "quote"], multi_line=["deeds", "quote"]
    ),
    biography=HTML,
)
def test_profile_form_accepts_or_refuses_and_people_pages_survive(
    admin_request, client, data, biography
):
    name = data["name"]
    town, kind = TownFactory(), ProfileKindFactory()
    with rolled_back():
        form_class = _admin_form(admin_request, Profile)
        profile = _submit(
            form_class,
            {
                **data,
                "biography": biography,
                "town": str(town.pk),
                "kind": str(kind.pk),
                "is_published": "on",
                "order": "0",
            },
        )
        if profile is None:
            return
        assert not has_control(profile.biography)
        _pages_ok(
            client,
            reverse("profiles:list"),
            profile.get_absolute_url(),
            reverse("search:search") + "?" + _query(name),
            xml=["/sitemap-people.xml"],
        )


# --- Work plans, tasks and figures ----------------------------------------------------------


@given(values=field_values(["title", "intro"], multi_line=["intro"]))
def test_plan_form_accepts_or_refuses_and_plan_pages_and_card_survive(
    admin_request, client, values
):
    with rolled_back():
        form_class = _admin_form(admin_request, WorkPlan)
        plan = _submit(form_class, {"year": "2033", **values, "is_published": "on"})
        if plan is None:
            return
        _plan_pages_ok(client, plan)


def _plan_pages_ok(client, plan):
    _pages_ok(
        client,
        reverse("workplan:index"),
        reverse("workplan:year", args=[plan.year]),
        reverse("workplan:overview", args=[plan.year]),
        xml=["/sitemap-plans.xml"],
    )
    _card_ok(plan)


@pytest.fixture
def plan(db):
    return WorkPlan.objects.create(year=2034, title="2034年南海工会重点工作任务", is_published=True)


@given(
    values=field_values(
        ["title", "lead_department", "progress_note", "details"],
        multi_line=["progress_note", "details"],
    ),
    status=st.sampled_from(["not_started", "in_progress", "done", "??"]),
)
def test_task_form_accepts_or_refuses_and_plan_pages_survive(
    admin_request, client, plan, values, status
):
    with rolled_back():
        form_class = _inline_form(admin_request, plan, Task)
        _submit(
            form_class,
            {
                "category": str(Category.objects.order_by("order").first().pk),
                "order": "1",
                **values,
                "status": status,
            },
            instance=Task(plan=plan),
        )
        _plan_pages_ok(client, plan)


@given(
    values=field_values(["label", "unit"]),
    number=st.one_of(st.sampled_from(["1091", "127.6", "0", "8000"]), TEXT),
    qualifier=st.sampled_from(["", "余", "超", "约"]),
    magnitude=st.sampled_from(["", "万", "亿"]),
)
def test_figure_form_accepts_or_refuses_and_plan_pages_survive(
    admin_request, client, plan, values, number, qualifier, magnitude
):
    with rolled_back():
        form_class = _inline_form(admin_request, plan, KeyFigure)
        _submit(
            form_class,
            {
                **values,
                "number": number,
                "qualifier": qualifier,
                "magnitude": magnitude,
                "qualifier_position": "auto",
                "year": "2019",
                "order": "0",
            },
            instance=KeyFigure(plan=plan),
        )
        _plan_pages_ok(client, plan)
