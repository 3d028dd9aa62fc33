import re

import pytest
from django.urls import reverse

from profiles.models import ProfileKind, Town
from tests.factories import ArticleFactory, SeriesFactory

from .factories import HonourFactory, ProfileFactory, make_photo

pytestmark = pytest.mark.django_db

LIST = reverse("profiles:list")


def names(response):
    return [p.name for p in response.context["profiles"]]


# --- /people/ ------------------------------------------------------------------------------


def test_list_shows_published_profiles_as_cards_and_hides_drafts(client):
    photo = make_photo(caption="包杰肖像")
    ProfileFactory(name="包杰", position="桂城街道灯湖社区党委书记", portrait=photo)
    ProfileFactory(name="未发布的人", is_published=False)
    response = client.get(LIST)
    html = response.content.decode()
    assert names(response) == ["包杰"]
    assert "桂城街道灯湖社区党委书记" in html
    assert photo.thumbnail_url in html
    assert "未发布的人" not in html
    assert 'aria-current="page">人物档案</a>' in html  # the nav link


def test_list_filters_by_kind_town_and_series(client):
    kind = ProfileKind.objects.get(name="劳动模范")
    town = Town.objects.get(name="狮山镇")
    series = SeriesFactory(title="劳模风采")
    ProfileFactory(name="甲", kind=kind, town=town, series=series)
    ProfileFactory(name="乙", kind=kind)
    ProfileFactory(name="丙", town=town)
    ProfileFactory(name="丁", articles=[ArticleFactory(series=series)])
    assert sorted(names(client.get(LIST, {"kind": kind.pk}))) == ["乙", "甲"]
    assert sorted(names(client.get(LIST, {"town": town.pk}))) == ["丙", "甲"]
    assert sorted(names(client.get(LIST, {"series": series.pk}))) == ["丁", "甲"]
    response = client.get(LIST, {"kind": kind.pk, "town": town.pk, "series": series.pk})
    assert names(response) == ["甲"]
    html = response.content.decode()
    # The no-JS form keeps the chosen values selected; the kind links keep the other filters.
    assert f'<option value="{kind.pk}" selected>劳动模范</option>' in html
    assert f'<option value="{series.pk}" selected>劳模风采</option>' in html
    assert f"?kind={kind.pk}&amp;town={town.pk}&amp;series={series.pk}" in html
    assert '<button type="submit">筛选</button>' in html


def test_list_filter_links_work_without_javascript(client):
    kind = ProfileKind.objects.get(name="工匠人才")
    ProfileFactory(name="工匠", kind=kind)
    ProfileFactory(name="干部")
    html = client.get(LIST).content.decode()
    link = re.search(r'href="([^"]*)">工匠人才</a>', html).group(1).replace("&amp;", "&")
    assert names(client.get(link)) == ["工匠"]


def test_list_ignores_unknown_filter_values_with_a_clear_message(client):
    ProfileFactory(name="甲")
    response = client.get(LIST, {"kind": "abc", "town": "99999"})
    html = response.content.decode()
    assert names(response) == ["甲"]
    assert "没有这个人物类型，已显示全部类型。" in html
    assert "没有这个镇街，已显示全部镇街。" in html


def test_list_paginates_and_keeps_filters_in_page_links(client):
    kind = ProfileKind.objects.get(name="先进职工")
    ProfileFactory.create_batch(30, kind=kind)
    response = client.get(LIST, {"kind": kind.pk})
    assert len(response.context["profiles"]) == 24
    assert f"?kind={kind.pk}&amp;page=2" in response.content.decode()
    response = client.get(LIST, {"kind": kind.pk, "page": 2})
    assert len(response.context["profiles"]) == 6


def test_list_query_budget_does_not_grow(client, django_assert_max_num_queries):
    series = SeriesFactory()
    photo = make_photo()
    for i in range(30):
        profile = ProfileFactory(portrait=photo, series=series if i % 2 else None)
        HonourFactory(profile=profile)
        profile.articles.add(ArticleFactory(series=series))
    with django_assert_max_num_queries(8):
        response = client.get(LIST, {"kind": ProfileKind.objects.first().pk, "series": series.pk})
    assert len(response.context["profiles"]) == 24


# --- /people/<pk>/ ------------------------------------------------------------------------


def test_detail_shows_portrait_box_biography_quote_honours_and_live_reports_newest_first(client):
    from django.utils import timezone

    now = timezone.now()
    photo = make_photo(caption="包杰在社区", credit="珠江时报记者 穆纪武 摄")
    old = ArticleFactory(headline="旧报道", published_at=now - timezone.timedelta(days=9))
    new = ArticleFactory(headline="新报道", published_at=now - timezone.timedelta(days=1))
    draft = ArticleFactory(headline="草稿报道", status="draft")
    future = ArticleFactory(headline="定时报道", published_at=now + timezone.timedelta(days=1))
    series = SeriesFactory(title="村居干部系列")
    profile = ProfileFactory(
        name="包杰",
        position="桂城街道灯湖社区党委书记",
        organization="灯湖社区党委",
        deeds="创建熟人社区。",
        biography="<p>灯湖社区2010年成立。</p><script>alert(1)</script>",
        quote="不断做实做好为人民服务这份工作。",
        portrait=photo,
        series=series,
        articles=[old, new, draft, future],
    )
    HonourFactory(profile=profile, title="南海区优秀共产党员", year=2019)
    response = client.get(profile.get_absolute_url())
    html = response.content.decode()
    assert '<h1 class="person__name">包杰</h1>' in html
    assert "包杰在社区" in html
    assert "穆纪武" in html
    assert "<dt>单位</dt><dd>灯湖社区党委</dd>" in html
    assert "<dt>事迹</dt><dd>创建熟人社区。</dd>" in html
    assert "灯湖社区2010年成立。" in html
    assert "alert(1)" not in html
    assert "不断做实做好为人民服务这份工作。" in html
    assert "2019年" in html
    assert "南海区优秀共产党员" in html
    assert [a.headline for a in response.context["profile"].live_reports] == ["新报道", "旧报道"]
    assert "草稿报道" not in html
    assert "定时报道" not in html
    assert series.get_absolute_url() in html


def test_unpublished_profile_is_404_to_the_public_and_a_reporter_who_did_not_write_it(
    client, other_reporter, reporter
):
    draft = ProfileFactory(is_published=False, created_by=reporter)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(other_reporter)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_unpublished_profile_is_a_noindex_preview_for_its_author_and_editors(
    client, reporter, editor
):
    draft = ProfileFactory(name="草稿人物", is_published=False, created_by=reporter)
    for user in (reporter, editor):
        client.force_login(user)
        response = client.get(draft.get_absolute_url())
        html = response.content.decode()
        assert response.context["preview"] is True
        assert "草稿人物" in html
        assert '<meta name="robots" content="noindex">' in html


def test_missing_profile_is_404(client):
    response = client.get(reverse("profiles:detail", kwargs={"pk": 999999}))
    assert response.status_code == 404


def test_detail_query_budget_does_not_grow(client, django_assert_max_num_queries):
    photo = make_photo()
    profile = ProfileFactory(portrait=photo, series=SeriesFactory())
    HonourFactory.create_batch(10, profile=profile)
    profile.articles.add(*ArticleFactory.create_batch(20))
    with django_assert_max_num_queries(8):
        response = client.get(profile.get_absolute_url())
    assert len(response.context["profile"].live_reports) == 20
    assert response.content.decode().count('class="honours__year"') == 10
