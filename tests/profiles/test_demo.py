import pytest
from django.urls import reverse

from articles import demo as articles_demo
from core.html import html_to_text
from core.management.commands.load_demo import DEMO_MODULES
from profiles import demo
from profiles.models import Profile
from profiles.validators import contains_private_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    articles_demo.load()
    demo.load()
    demo.load()  # idempotent


def test_demo_module_runs_after_articles():
    assert DEMO_MODULES.index("profiles.demo") > DEMO_MODULES.index("articles.demo")


def test_baojie_profile_is_exactly_the_seed_and_linked_to_his_report_and_series(loaded):
    profile = Profile.objects.get(name="包杰")
    assert profile.position == "桂城街道灯湖社区党委书记"
    assert profile.organization == "灯湖社区党委"
    assert profile.town.name == "桂城街道"
    assert profile.kind.name == "村居干部"
    assert profile.deeds == (
        "在他的带领下,灯湖社区多年来坚持“创建熟人社区,推进基层善治”的治理思路,"
        "让居民担当治理主角,提升公众参与能力。"
    )
    assert profile.is_published
    assert profile.series.slug == "cunju-ganbu"
    assert [a.headline for a in profile.articles.all()] == ["让居民担主角 让邻里更有情"]
    assert profile.portrait is not None
    assert profile.portrait.image


def test_demo_is_idempotent_and_fills_kinds_and_towns_with_fictional_people(loaded):
    assert Profile.objects.filter(name="包杰").count() == 1
    fictional = Profile.objects.exclude(name="包杰")
    assert fictional.count() == len(demo.FICTIONAL) >= 8
    for profile in fictional:
        assert profile.name.startswith("示例·")
        assert "虚构人物" in profile.biography
    assert Profile.objects.values("kind").distinct().count() == 5
    assert Profile.objects.values("town").distinct().count() == 7


def test_demo_pages_show_no_phone_or_id_numbers(client, loaded):
    baojie = Profile.objects.get(name="包杰")
    urls = [reverse("profiles:list"), baojie.get_absolute_url(), baojie.series.get_absolute_url()]
    urls += [a.get_absolute_url() for a in baojie.articles.all()]
    urls += [p.get_absolute_url() for p in Profile.objects.exclude(pk=baojie.pk)]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        text = html_to_text(response.content.decode())
        assert not contains_private_number(text), url


def test_demo_article_shows_baojie_box(client, loaded):
    article = Profile.objects.get(name="包杰").articles.get()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<dt>职务</dt><dd>桂城街道灯湖社区党委书记</dd>" in html
