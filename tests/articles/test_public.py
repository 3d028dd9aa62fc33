from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, CreditFactory, SectionFactory, SeriesFactory

pytestmark = pytest.mark.django_db

Status = Article.Status

HOME_BUDGET = 10
LIST_BUDGET = 8
ARTICLE_BUDGET = 8


def many_articles(count=30, sections=4, series=None):
    made = []
    for s in range(sections):
        section = SectionFactory(order=s)
        for i in range(count // sections):
            article = ArticleFactory(
                section=section,
                series=series,
                published_at=timezone.now() - timedelta(hours=s * 100 + i + 1),
            )
            CreditFactory(article=article, role="文", name=f"记者{s}{i}")
            made.append(article)
    return made


# --- Home ------------------------------------------------------------------------------------


def test_home_shows_the_headline_the_latest_per_section_and_the_series(client):
    section = SectionFactory(name="工会要闻")
    pinned = ArticleFactory(
        section=section,
        is_headline=True,
        headline="头条新闻",
        published_at=timezone.now() - timedelta(days=5),
    )
    newer = ArticleFactory(section=section, headline="较新的新闻")
    ArticleFactory(section=section, headline="草稿不显示", status=Status.DRAFT)
    ArticleFactory(
        section=section, headline="定时不显示", published_at=timezone.now() + timedelta(hours=1)
    )
    SeriesFactory(title="村居干部系列报道")
    response = client.get(reverse("home"))
    assert response.context["headline"] == pinned
    blocks = dict(response.context["section_blocks"])
    assert blocks[section] == [newer]
    assert "村居干部系列报道" in response.text
    assert "草稿不显示" not in response.text
    assert "定时不显示" not in response.text


def test_home_query_budget_does_not_grow_with_content(client, django_assert_max_num_queries):
    many_articles(count=40, sections=8, series=SeriesFactory())
    with django_assert_max_num_queries(HOME_BUDGET):
        response = client.get(reverse("home"))
    assert len(response.context["section_blocks"]) == 8


def test_home_without_content_says_so(client):
    response = client.get(reverse("home"))
    assert "暂时还没有发布的新闻" in response.text


# --- Lists ---------------------------------------------------------------------------------


def test_all_news_list_paginates_and_rejects_bad_pages(client):
    many_articles(count=44, sections=2)
    first = client.get(reverse("articles:list"))
    assert len(first.context["page_obj"]) == 20
    assert first.context["paginator"].num_pages == 3
    assert 'rel="next"' in first.text
    assert client.get(reverse("articles:list") + "?page=3").status_code == 200
    for bad in ("4", "0", "-1", "abc", "1.5", "99999999999999999999"):
        assert client.get(reverse("articles:list") + f"?page={bad}").status_code == 404


def test_section_page_lists_only_its_live_articles(client):
    section, other = SectionFactory(name="基层动态"), SectionFactory()
    mine = ArticleFactory(section=section, headline="镇街动态")
    ArticleFactory(section=other, headline="别的栏目")
    ArticleFactory(section=section, status=Status.WITHDRAWN, headline="撤回的")
    response = client.get(section.get_absolute_url())
    assert list(response.context["page_obj"]) == [mine]
    assert "别的栏目" not in response.text
    assert "撤回的" not in response.text
    assert client.get(reverse("articles:section", args=["no-such"])).status_code == 404


def test_series_page_lists_the_series_reports(client):
    series = SeriesFactory(title="守底线 强担当 提效能")
    report = ArticleFactory(series=series, headline="让居民担主角")
    ArticleFactory(headline="不在系列中")
    response = client.get(series.get_absolute_url())
    assert list(response.context["page_obj"]) == [report]
    assert "守底线 强担当 提效能" in response.text


@pytest.mark.parametrize("page", ["list", "section", "series"])
def test_list_query_budget_does_not_grow_with_content(client, django_assert_max_num_queries, page):
    series = SeriesFactory()
    articles = many_articles(count=60, sections=2, series=series)
    url = {
        "list": reverse("articles:list"),
        "section": articles[0].section.get_absolute_url(),
        "series": series.get_absolute_url(),
    }[page]
    with django_assert_max_num_queries(LIST_BUDGET):
        response = client.get(url + "?page=2")
    assert len(response.context["page_obj"]) > 0


# --- Article ---------------------------------------------------------------------------------


def test_article_page_shows_everything_a_reader_expects(client):
    series = SeriesFactory(title="系列报道甲")
    section = SectionFactory(name="人物风采")
    older = ArticleFactory(
        section=section,
        series=series,
        headline="更早一篇",
        published_at=timezone.now() - timedelta(days=3),
    )
    article = ArticleFactory(
        section=section,
        series=series,
        kicker="灯湖社区党委书记包杰坚持创建熟人社区",
        headline="让居民担主角 让邻里更有情",
        subheadline="副题在此",
        source="珠江时报",
        summary="包杰的故事",
        body="<h2>疫情防控</h2><p><strong>三级红色网格</strong></p>",
        published_at=timezone.now() - timedelta(days=1),
    )
    for i, (role, name) in enumerate([("统筹", "欧晓敬"), ("文", "李冬冬"), ("图", "穆纪武")]):
        CreditFactory(article=article, role=role, name=name, order=i)
    newer = ArticleFactory(section=section, headline="更新一篇")
    text = client.get(article.get_absolute_url()).text
    for expected in [
        '<p class="kicker">灯湖社区党委书记包杰坚持创建熟人社区</p>',
        '<h1 class="article__title">让居民担主角 让邻里更有情</h1>',
        '<p class="subheadline">副题在此</p>',
        "统筹/珠江时报记者 欧晓敬",
        "文/珠江时报记者 李冬冬",
        "图/珠江时报记者 穆纪武",
        "来源：珠江时报",
        "<h2>疫情防控</h2>",
        "<strong>三级红色网格</strong>",
        "本系列其他报道",
        f'href="{older.get_absolute_url()}"><span>上一篇</span>更早一篇',
        f'href="{newer.get_absolute_url()}"><span>下一篇</span>更新一篇',
    ]:
        assert expected in text, expected


def test_article_page_has_share_and_canonical_tags(client, settings):
    settings.SITE_URL = "https://www.nhgh.example"
    article = ArticleFactory(headline="分享标题", summary="分享摘要")
    text = client.get(article.get_absolute_url()).text
    url = f"https://www.nhgh.example{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in text
    assert '<meta property="og:title" content="分享标题">' in text
    assert '<meta property="og:description" content="分享摘要">' in text
    assert '<meta name="description" content="分享摘要">' in text
    assert f'<meta property="og:url" content="{url}">' in text


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": Status.DRAFT},
        {"status": Status.SUBMITTED},
        {"status": Status.WITHDRAWN},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "submitted", "withdrawn", "scheduled"],
)
def test_unpublished_articles_are_404_to_the_public(client, overrides):
    article = ArticleFactory(headline="不该看到", **overrides)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert "不该看到" not in response.text
    assert "不该看到" not in client.get(reverse("articles:list")).text
    assert "不该看到" not in client.get(reverse("articles:feed")).text


def test_unknown_article_is_404(client):
    assert client.get(reverse("articles:detail", args=[987654])).status_code == 404


def test_article_query_budget_does_not_grow_with_content(client, django_assert_max_num_queries):
    series = SeriesFactory()
    articles = many_articles(count=40, sections=2, series=series)
    article = articles[5]
    for i in range(10):
        CreditFactory(article=article, name=f"多人署名{i}")
    with django_assert_max_num_queries(ARTICLE_BUDGET):
        response = client.get(article.get_absolute_url())
    assert "多人署名9" in response.text


# --- Feeds, sitemap, robots ------------------------------------------------------------------


def test_site_feed_and_section_feed_list_live_articles(client):
    section = SectionFactory(slug="tongzhi")
    ArticleFactory(section=section, headline="通知一")
    ArticleFactory(headline="要闻一")
    ArticleFactory(headline="草稿一", status=Status.DRAFT)
    site = client.get(reverse("articles:feed"))
    assert site["Content-Type"].startswith("application/rss+xml")
    assert "通知一" in site.text
    assert "要闻一" in site.text
    assert "草稿一" not in site.text
    section_feed = client.get(reverse("articles:section-feed", args=["tongzhi"]))
    assert "通知一" in section_feed.text
    assert "要闻一" not in section_feed.text


def test_sitemap_lists_live_articles_only(client):
    live = ArticleFactory()
    draft = ArticleFactory(status=Status.DRAFT)
    index = client.get(reverse("sitemap-index"))
    assert "sitemap-articles.xml" in index.text
    text = client.get("/sitemap-articles.xml").text
    assert live.get_absolute_url() in text
    assert draft.get_absolute_url() not in text


def test_robots_txt_points_to_the_sitemap_and_hides_the_admin(client):
    response = client.get(reverse("robots"))
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.text
    assert "Sitemap: http://testserver/sitemap.xml" in response.text


# --- Large-text mode ---------------------------------------------------------------------------


def test_large_text_mode_switches_on_stays_on_and_switches_off(client):
    article = ArticleFactory()
    response = client.get(reverse("display-mode") + f"?large=1&next={article.get_absolute_url()}")
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    assert '<html lang="zh-CN" class="large-text">' in client.get(reverse("home")).text
    assert '<html lang="zh-CN" class="large-text">' in client.get(article.get_absolute_url()).text
    client.get(reverse("display-mode") + "?large=0&next=/")
    assert '<html lang="zh-CN">' in client.get(reverse("home")).text


def test_large_text_switch_never_redirects_off_site(client):
    response = client.get(reverse("display-mode") + "?large=1&next=https://evil.example/")
    assert response["Location"] == "/"


def test_pages_are_chinese_and_work_without_javascript(client):
    ArticleFactory()
    text = client.get(reverse("home")).text
    assert '<html lang="zh-CN"' in text
    assert "<script" not in text


def test_article_page_skips_the_queries_of_panels_and_gallery_it_does_not_need(
    client, no_page_cache
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    article = ArticleFactory()
    client.get(article.get_absolute_url())  # warm the cached navigation
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())
    assert response.context["panels"] == []
    assert response.context["gallery_items"] == []
    # The article (with its probes) and its credits; nothing else.
    assert len(queries) == 2, [q["sql"][:80] for q in queries]
