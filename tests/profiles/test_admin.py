"""The staff side: editors publish; reporters draft profiles for their own reports."""

import pytest
from django.urls import reverse

from profiles.models import Profile, ProfileKind, Town
from tests.admin_utils import admin_form_data
from tests.factories import ArticleFactory

from .factories import HonourFactory, ProfileFactory, make_photo

pytestmark = pytest.mark.django_db

ADD = reverse("admin:profiles_profile_add")
CHANGELIST = reverse("admin:profiles_profile_changelist")


def change_url(profile):
    return reverse("admin:profiles_profile_change", args=[profile.pk])


def new_profile_data(client, **overrides):
    response = client.get(ADD)
    assert response.status_code == 200
    data = admin_form_data(response)
    data.update(
        {
            "name": "包杰",
            "position": "桂城街道灯湖社区党委书记",
            "organization": "灯湖社区党委",
            "town": str(Town.objects.get(name="桂城街道").pk),
            "kind": str(ProfileKind.objects.get(name="村居干部").pk),
            "deeds": "让居民担当治理主角,提升公众参与能力。",
            "honours-0-title": "南海区优秀共产党员",
            "honours-0-year": "2019",
        }
    )
    data.update(overrides)
    return data


# --- Smoke tests ---------------------------------------------------------------------------


def test_superuser_admin_pages_load_and_show_an_existing_profile(client, superuser):
    profile = ProfileFactory(name="包杰", position="灯湖社区党委书记", organization="灯湖社区党委")
    HonourFactory(profile=profile, title="全国劳动模范")
    client.force_login(superuser)
    assert "包杰" in client.get(CHANGELIST).content.decode()
    assert "荣誉" in client.get(ADD).content.decode()
    html = client.get(change_url(profile)).content.decode()
    assert "包杰" in html
    assert "全国劳动模范" in html
    for url in (
        reverse("admin:profiles_town_changelist"),
        reverse("admin:profiles_profilekind_changelist"),
    ):
        response = client.get(url)
        assert response.status_code == 200
    assert "九江镇" in client.get(reverse("admin:profiles_town_changelist")).content.decode()


def test_changelist_search_by_name_position_and_organization_and_filters(client, editor):
    ProfileFactory(name="包杰", position="党委书记", organization="灯湖社区党委")
    ProfileFactory(name="陈师傅", position="高级技师", organization="示例机械厂",
                   kind=ProfileKind.objects.get(name="工匠人才"))  # fmt: skip
    client.force_login(editor)
    for term in ("包杰", "党委书记", "灯湖社区"):
        result = client.get(CHANGELIST, {"q": term}).context["cl"].result_list
        assert [p.name for p in result] == ["包杰"]
    kind = ProfileKind.objects.get(name="工匠人才")
    result = client.get(CHANGELIST, {"kind__id__exact": kind.pk}).context["cl"].result_list
    assert [p.name for p in result] == ["陈师傅"]
    result = client.get(CHANGELIST, {"is_published__exact": "1"}).context["cl"].result_list
    assert len(result) == 2


def test_portrait_articles_and_series_use_autocomplete(client, editor):
    client.force_login(editor)
    form = client.get(ADD).context["adminform"].form
    for name in ("portrait", "articles", "series"):
        assert "admin-autocomplete" in form.fields[name].widget.render(name, None)


# --- The editor: the whole story of the issue ---------------------------------------------


def test_editor_creates_publishes_links_a_report_and_the_site_shows_it(client, editor):
    photo = make_photo(caption="包杰", credit="通讯员供图")
    article = ArticleFactory(headline="让居民担主角 让邻里更有情")
    client.force_login(editor)
    data = new_profile_data(
        client, portrait=str(photo.pk), articles=[str(article.pk)], is_published="on"
    )
    response = client.post(ADD, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    profile = Profile.objects.get(name="包杰")
    assert profile.is_published
    assert profile.created_by == editor
    assert profile.portrait == photo
    assert list(profile.articles.all()) == [article]
    assert [(h.title, h.year) for h in profile.honours.all()] == [("南海区优秀共产党员", 2019)]

    client.logout()
    article_html = client.get(article.get_absolute_url()).content.decode()
    assert "人物档案" in article_html
    assert "桂城街道灯湖社区党委书记" in article_html
    people = client.get(
        reverse("profiles:list"), {"kind": profile.kind_id, "town": profile.town_id}
    )
    assert [p.name for p in people.context["profiles"]] == ["包杰"]
    other_town = Town.objects.get(name="九江镇")
    people = client.get(reverse("profiles:list"), {"town": other_town.pk})
    assert list(people.context["profiles"]) == []


def test_editor_publishes_and_takes_down_with_bulk_actions(client, editor):
    drafts = ProfileFactory.create_batch(2, is_published=False)
    client.force_login(editor)
    ids = [str(p.pk) for p in drafts]
    client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": ids})
    assert Profile.objects.published().count() == 2
    client.post(CHANGELIST, {"action": "unpublish_selected", "_selected_action": ids})
    assert Profile.objects.published().count() == 0


def test_editor_can_delete_a_profile(client, editor):
    profile = ProfileFactory()
    client.force_login(editor)
    url = reverse("admin:profiles_profile_delete", args=[profile.pk])
    client.post(url, {"post": "yes"})
    assert not Profile.objects.filter(pk=profile.pk).exists()


def test_bad_input_gives_chinese_messages_and_saves_nothing(client, editor):
    client.force_login(editor)
    data = new_profile_data(client, name="", deeds="电话 13812345678", **{"honours-0-year": "1800"})
    response = client.post(ADD, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "请填写姓名。" in html
    assert "不能包含电话号码或身份证号码" in html
    assert "年份不能早于 1949 年。" in html
    assert Profile.objects.count() == 0


# --- The reporter ------------------------------------------------------------------------


def test_reporter_drafts_a_profile_for_their_report_but_cannot_publish_it(client, reporter):
    own = ArticleFactory(author=reporter, status="draft")
    client.force_login(reporter)
    response = client.get(ADD)
    assert "is_published" not in response.context["adminform"].form.fields
    # A crafted POST with the published flag is ignored.
    data = new_profile_data(client, articles=[str(own.pk)], is_published="on", order="0")
    response = client.post(ADD, data)
    assert response.status_code == 302
    profile = Profile.objects.get(name="包杰")
    assert profile.is_published is False
    assert profile.created_by == reporter
    assert list(profile.articles.all()) == [own]


def test_reporter_cannot_link_someone_elses_report(client, reporter, editor):
    others = ArticleFactory(author=editor)
    client.force_login(reporter)
    response = client.post(ADD, new_profile_data(client, articles=[str(others.pk)]))
    assert response.status_code == 200
    assert "articles" in response.context["adminform"].form.errors
    assert Profile.objects.count() == 0


def test_reporter_autocomplete_offers_only_their_own_reports(client, reporter, editor):
    ArticleFactory(headline="记者自己的报道", author=reporter)
    ArticleFactory(headline="别人的报道", author=editor)
    url = reverse("admin:autocomplete")
    params = {
        "app_label": "profiles",
        "model_name": "profile",
        "field_name": "articles",
        "term": "报道",
    }
    client.force_login(reporter)
    texts = [r["text"] for r in client.get(url, params).json()["results"]]
    assert texts == ["记者自己的报道"]
    client.force_login(editor)
    texts = {r["text"] for r in client.get(url, params).json()["results"]}
    assert texts == {"记者自己的报道", "别人的报道"}


def test_reporter_sees_and_edits_only_their_own_unpublished_drafts(
    client, reporter, other_reporter
):
    mine = ProfileFactory(name="我的草稿", is_published=False, created_by=reporter)
    mine_published = ProfileFactory(name="我的已发布", is_published=True, created_by=reporter)
    theirs = ProfileFactory(name="别人的草稿", is_published=False, created_by=other_reporter)
    client.force_login(reporter)
    listed = [p.name for p in client.get(CHANGELIST).context["cl"].result_list]
    assert listed == ["我的草稿"]

    response = client.get(change_url(mine))
    data = admin_form_data(response, position="新职务")
    client.post(change_url(mine), data)
    mine.refresh_from_db()
    assert mine.position == "新职务"
    assert mine.is_published is False

    for profile in (mine_published, theirs):
        before = profile.position
        response = client.post(change_url(profile), {"position": "篡改"})
        profile.refresh_from_db()
        assert profile.position == before
        assert response.status_code in (302, 403, 404)


def test_reporter_cannot_publish_with_a_crafted_change_or_action(client, reporter):
    mine = ProfileFactory(is_published=False, created_by=reporter)
    client.force_login(reporter)
    data = admin_form_data(client.get(change_url(mine)), is_published="on")
    client.post(change_url(mine), data)
    client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [str(mine.pk)]})
    mine.refresh_from_db()
    assert mine.is_published is False


def test_reporter_cannot_delete(client, reporter):
    mine = ProfileFactory(is_published=False, created_by=reporter)
    client.force_login(reporter)
    response = client.post(
        reverse("admin:profiles_profile_delete", args=[mine.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Profile.objects.filter(pk=mine.pk).exists()


def test_reporter_cannot_change_towns_or_kinds(client, reporter):
    client.force_login(reporter)
    town = Town.objects.first()
    url = reverse("admin:profiles_town_change", args=[town.pk])
    client.post(url, {"name": "改名", "order": "1"})
    town.refresh_from_db()
    assert town.name != "改名"
    response = client.get(reverse("admin:profiles_town_add"))
    assert response.status_code == 403


def test_anonymous_is_sent_to_the_login_page(client):
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_reporter_keeps_report_links_an_editor_added_to_their_draft(client, reporter, editor):
    own = ArticleFactory(author=reporter)
    editors_report = ArticleFactory(author=editor)
    draft = ProfileFactory(is_published=False, created_by=reporter, articles=[own, editors_report])
    client.force_login(reporter)
    data = admin_form_data(client.get(change_url(draft)), position="新职务")
    response = client.post(change_url(draft), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.position == "新职务"
    assert set(draft.articles.all()) == {own, editors_report}
