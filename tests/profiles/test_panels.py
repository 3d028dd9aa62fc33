"""The 人物档案 box on article pages and the people on series pages (articles.panels)."""

import pathlib

import pytest
from django.conf import settings

from tests.factories import ArticleFactory, SeriesFactory

from .factories import ProfileFactory, make_photo

pytestmark = pytest.mark.django_db

BAOJIE = {
    "name": "包杰",
    "position": "桂城街道灯湖社区党委书记",
    "deeds": "在他的带领下,灯湖社区多年来坚持“创建熟人社区,推进基层善治”的治理思路,"
    "让居民担当治理主角,提升公众参与能力。",
}


def test_article_shows_the_profile_box_before_the_body(client):
    photo = make_photo(caption="包杰", credit="通讯员供图")
    article = ArticleFactory(body="<p>正文第一段。</p>")
    profile = ProfileFactory(portrait=photo, articles=[article], **BAOJIE)
    html = client.get(article.get_absolute_url()).content.decode()
    box = html[html.index('<aside class="profile-box"') : html.index("</aside>")]
    assert "<h2" in box
    assert "人物档案" in box
    assert f'<dt>姓名</dt><dd><a href="{profile.get_absolute_url()}">包杰</a></dd>' in box
    assert "<dt>职务</dt><dd>桂城街道灯湖社区党委书记</dd>" in box
    assert BAOJIE["deeds"] in box
    assert photo.src in box
    assert "通讯员供图" in box
    assert html.index('class="profile-box"') < html.index("正文第一段。")


def test_article_without_published_profiles_has_no_box(client):
    article = ArticleFactory()
    ProfileFactory(name="未发布人物", articles=[article], is_published=False)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "profile-box" not in html
    assert "未发布人物" not in html


def test_article_with_several_profiles_stays_within_the_article_budget(
    client, django_assert_max_num_queries
):
    series = SeriesFactory()
    article = ArticleFactory(series=series)
    ArticleFactory.create_batch(3, series=series)
    photo = make_photo()
    for i in range(6):
        ProfileFactory(name=f"人物{i}", portrait=photo, articles=[article])
    with django_assert_max_num_queries(8):
        response = client.get(article.get_absolute_url())
    assert response.content.decode().count('<aside class="profile-box"') == 6


def test_series_page_lists_the_people_its_reports_feature(client):
    series = SeriesFactory()
    live_report = ArticleFactory(series=series)
    draft_report = ArticleFactory(series=series, status="draft")
    ProfileFactory(name="报道人物", articles=[live_report])
    ProfileFactory(name="系列人物", series=series)
    ProfileFactory(name="草稿报道人物", articles=[draft_report])
    ProfileFactory(name="未发布人物", articles=[live_report], is_published=False)
    ProfileFactory(name="别的系列人物", articles=[ArticleFactory(series=SeriesFactory())])
    html = client.get(series.get_absolute_url()).content.decode()
    assert "本系列人物" in html
    assert "报道人物" in html
    assert "系列人物" in html
    for hidden in ("草稿报道人物", "未发布人物", "别的系列人物"):
        assert hidden not in html


def test_series_page_without_people_has_no_people_panel(client):
    series = SeriesFactory()
    ArticleFactory(series=series)
    assert "本系列人物" not in client.get(series.get_absolute_url()).content.decode()


def test_series_page_query_budget_with_many_people(client, django_assert_max_num_queries):
    series = SeriesFactory()
    photo = make_photo()
    for _ in range(15):
        ProfileFactory(portrait=photo, articles=[ArticleFactory(series=series)])
    with django_assert_max_num_queries(8):
        response = client.get(series.get_absolute_url())
    assert response.content.decode().count('class="person-card"') == 15


def test_articles_app_never_imports_profiles():
    for path in (pathlib.Path(settings.BASE_DIR) / "articles").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "import profiles" not in source, path
        assert "from profiles" not in source, path
