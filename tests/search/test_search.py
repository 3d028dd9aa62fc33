from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from search.models import SearchDocument
from tests.factories import ArticleFactory, CreditFactory, SectionFactory

pytestmark = pytest.mark.django_db

Status = Article.Status
SEARCH_BUDGET = 7  # nav sections, site information (both cached), section filter, first year, page of hits, texts, live check


def search(client, q, **params):
    response = client.get(reverse("search:search"), {"q": q, **params})
    assert response.status_code == 200
    return response


def titles(response):
    return [hit.title for hit in response.context["results"].hits]


# --- Matching ----------------------------------------------------------------------------------


def test_a_word_matches_inside_longer_text(client):
    ArticleFactory(headline="南海区总工会召开全体会议", body="<p>会议内容</p>")
    ArticleFactory(headline="其他新闻", body="<p>与此无关</p>")
    assert titles(search(client, "工会")) == ["南海区总工会召开全体会议"]


def test_a_four_character_word_matches_only_where_its_characters_stand_together(client):
    ArticleFactory(headline="报道甲", body="<p>做实做优职工服务品牌。</p>")
    ArticleFactory(headline="报道乙", body="<p>职工,服务,工服</p>")
    assert titles(search(client, "职工服务")) == ["报道甲"]


def test_every_word_must_match(client):
    ArticleFactory(headline="劳模工作室开放", body="<p>桂城街道</p>")
    ArticleFactory(headline="劳模座谈会", body="<p>大沥镇</p>")
    assert titles(search(client, "劳模 桂城")) == ["劳模工作室开放"]


def test_latin_letters_and_digits_match_case_insensitively(client):
    ArticleFactory(headline="智慧工会平台上线", body="<p>ABC 平台于2020年启用。</p>")
    assert titles(search(client, "abc")) == ["智慧工会平台上线"]
    assert titles(search(client, "2020")) == ["智慧工会平台上线"]
    assert titles(search(client, "2020年")) == ["智慧工会平台上线"]


def test_title_hits_rank_above_body_hits_then_newer_first(client):
    now = timezone.now()
    ArticleFactory(
        headline="正文提到", body="<p>劳模精神</p>", published_at=now - timedelta(hours=1)
    )
    ArticleFactory(headline="劳模旧闻", body="<p>内容</p>", published_at=now - timedelta(days=30))
    ArticleFactory(headline="劳模新闻", body="<p>内容</p>", published_at=now - timedelta(days=1))
    response = search(client, "劳模")
    assert titles(response) == ["劳模新闻", "劳模旧闻", "正文提到"]
    assert [hit.in_title for hit in response.context["results"].hits] == [True, True, False]


def test_hits_are_highlighted_in_title_and_snippet(client):
    ArticleFactory(headline="劳模工作室", body="<p>前面的文字。这里讲劳模的故事。</p>")
    response = search(client, "劳模")
    assert "<mark>劳模</mark>工作室" in response.text
    assert "这里讲<mark>劳模</mark>的故事" in response.text


def test_snippet_escapes_stored_text(client):
    ArticleFactory(
        headline="代码示例", body="<p>写 &lt;script&gt;alert(1)&lt;/script&gt; 的劳模</p>"
    )
    response = search(client, "劳模")
    assert "<script>alert(1)" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_credit_names_are_searchable(client):
    article = ArticleFactory(headline="一篇报道")
    CreditFactory(article=article, name="黄梦灵")
    assert titles(search(client, "黄梦灵")) == ["一篇报道"]


# --- Never a leak ------------------------------------------------------------------------------


def test_drafts_submitted_scheduled_and_withdrawn_articles_are_never_found(client):
    ArticleFactory(headline="灯湖草稿", status=Status.DRAFT)
    ArticleFactory(headline="灯湖待审", status=Status.SUBMITTED)
    ArticleFactory(headline="灯湖撤回", status=Status.WITHDRAWN)
    ArticleFactory(headline="灯湖定时", published_at=timezone.now() + timedelta(hours=2))
    ArticleFactory(headline="灯湖公开")
    response = search(client, "灯湖")
    assert titles(response) == ["灯湖公开"]
    for hidden in ["灯湖草稿", "灯湖待审", "灯湖撤回", "灯湖定时"]:
        assert hidden not in response.text


def test_a_scheduled_article_is_found_once_its_time_has_come_without_a_save(client, monkeypatch):
    publish_at = timezone.now() + timedelta(hours=2)
    ArticleFactory(headline="灯湖定时发布", published_at=publish_at)
    assert titles(search(client, "灯湖")) == []
    later = publish_at + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert titles(search(client, "灯湖")) == ["灯湖定时发布"]


def test_editing_and_withdrawing_change_the_results_at_once(client, editor):
    article = ArticleFactory(headline="灯湖社区新闻", body="<p>旧的正文</p>")
    assert titles(search(client, "灯湖")) == ["灯湖社区新闻"]
    article.headline = "桂城社区新闻"
    article.body = "<p>新的正文:包杰</p>"
    article.save()
    assert titles(search(client, "灯湖")) == []
    assert titles(search(client, "包杰")) == ["桂城社区新闻"]
    services.article_withdraw(article=article, user=editor)
    assert titles(search(client, "包杰")) == []
    services.article_return_to_draft(article=article, user=editor, reason="请补充现场照片。")
    services.article_publish(article=article, user=editor)
    assert titles(search(client, "包杰")) == ["桂城社区新闻"]


def test_deleting_an_article_removes_it_from_the_index(client):
    article = CreditFactory(name="陈晓").article
    assert SearchDocument.objects.filter(kind="article", object_id=article.pk).exists()
    article.delete()
    assert not SearchDocument.objects.filter(kind="article", object_id=article.pk).exists()
    assert titles(search(client, "陈晓")) == []


AWKWARD_QUERIES = [
    "",
    "   ",
    "会",
    "劳" * 200,
    "工会" * 150,
    "!!!…——，。",
    '"工会"',
    "'工会'",
    "%",
    "_",
    "\\",
    "%工会_",
    "工会\\",
    "'; DROP TABLE search_searchdocument; --",
    "工会' OR '1'='1",
    "1 & 2 | !3 <-> 4 :* ()",
    "<b>工会</b>",
    "<script>alert(1)</script>",
    "\x00工会",
    "🙂 工会",
]


@pytest.mark.parametrize("q", AWKWARD_QUERIES)
def test_awkward_queries_give_a_sensible_page_and_never_leak(client, q):
    ArticleFactory(headline="工会公开新闻", body="<p>劳模 script alert</p>")
    ArticleFactory(headline="工会草稿秘密", status=Status.DRAFT, body="<p>劳模 script</p>")
    response = search(client, q)
    assert "工会草稿秘密" not in response.text
    assert "<script>alert" not in response.text
    assert "<b>工会</b>" not in response.text
    assert response.context["query"].text == " ".join(q.split())[:200]
    assert SearchDocument.objects.count() == 2  # nothing dropped
    hits = titles(response)
    assert hits in ([], ["工会公开新闻"])


def test_empty_query_shows_a_hint_and_no_results(client):
    ArticleFactory(headline="工会新闻")
    response = search(client, "")
    assert response.context["results"].hits == []
    assert "请输入要查找的词语" in response.text


def test_single_character_query_shows_a_hint_and_still_finds(client):
    ArticleFactory(headline="工会新闻")
    response = search(client, "会")
    assert "输入两个字以上的词语" in response.text
    assert titles(response) == ["工会新闻"]


def test_no_hits_says_so(client):
    ArticleFactory(headline="工会新闻")
    response = search(client, "不存在的词")
    assert "没有找到与“不存在的词”有关的内容" in response.text


# --- Filters and pages -------------------------------------------------------------------------


def test_filters_by_section_year_and_type(client):
    news = SectionFactory(name="要闻")
    towns = SectionFactory(name="基层")
    this_year = timezone.localtime().year
    ArticleFactory(headline="劳模要闻", section=news)
    ArticleFactory(headline="劳模基层", section=towns)
    ArticleFactory(
        headline="劳模往年", section=news, published_at=timezone.now() - timedelta(days=800)
    )
    assert set(titles(search(client, "劳模", section=news.pk))) == {"劳模要闻", "劳模往年"}
    assert set(titles(search(client, "劳模", year=this_year))) <= {"劳模要闻", "劳模基层"}
    assert "劳模往年" not in titles(search(client, "劳模", year=this_year))
    assert len(titles(search(client, "劳模", type="article"))) == 3
    assert titles(search(client, "劳模", type="profile")) == []
    # Nonsense filter values are ignored, not an error.
    response = search(client, "劳模", section="abc", year="-1", type="<x>", page="zz")
    assert len(titles(response)) == 3


def test_pages_keep_the_query_and_filters(client):
    section = SectionFactory()
    for i in range(25):
        ArticleFactory(
            headline=f"劳模故事{i}",
            section=section,
            published_at=timezone.now() - timedelta(hours=i + 1),
        )
    first = search(client, "劳模", section=section.pk)
    results = first.context["results"]
    assert len(results.hits) == 20
    assert results.count == 25
    assert results.has_next
    assert first.context["next_url"] == f"?q=%E5%8A%B3%E6%A8%A1&section={section.pk}&page=2"
    second = search(client, "劳模", section=section.pk, page=2)
    assert titles(second) == [f"劳模故事{i}" for i in range(20, 25)]
    assert not second.context["results"].has_next
    beyond = search(client, "劳模", page=999)
    assert beyond.context["results"].hits == []


def test_search_page_query_budget_does_not_grow(client, django_assert_max_num_queries):
    sections = [SectionFactory() for _ in range(5)]
    for i in range(60):
        article = ArticleFactory(headline=f"劳模第{i}期", section=sections[i % 5])
        CreditFactory(article=article)
    with django_assert_max_num_queries(SEARCH_BUDGET):
        response = search(client, "劳模", page=2)
    assert len(titles(response)) == 20
    assert response.context["results"].count == 60


def test_every_page_has_the_search_box(client):
    response = client.get(reverse("home"))
    assert 'role="search"' in response.text
    assert f'action="{reverse("search:search")}"' in response.text
    assert '<label class="visually-hidden" for="site-search">搜索全站</label>' in response.text


# --- Rebuilding --------------------------------------------------------------------------------


def test_rebuild_command_restores_the_index_and_drops_stale_rows(client):
    article = ArticleFactory(headline="劳模风采")
    ArticleFactory(headline="工会新闻")
    SearchDocument.objects.filter(object_id=article.pk).delete()
    SearchDocument.objects.create(kind="article", object_id=999_999, title="已删除", is_public=True)
    Article.objects.filter(pk=article.pk).update(headline="劳模风采(更新)")  # no signal
    call_command("rebuild_search_index", batch_size=1, stdout=open("/dev/null", "w"))
    assert set(SearchDocument.objects.values_list("title", flat=True)) == {
        "劳模风采(更新)",
        "工会新闻",
    }
    assert titles(search(client, "劳模")) == ["劳模风采(更新)"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgres_index_matches_exactly_what_like_matches(client):
    from search.query import matching_object_ids
    from search.text import parse_query

    phrases = ["南海区总工会", "职工服务", "工会", "服务职工", "劳模", "会议", "区总"]
    texts = [
        "南海区总工会召开会议,服务职工。",
        "职工服务中心开展活动",
        "劳模工作室:工会会员服务",
        "区,总工,会;职工 服务",
        "服务职工的劳动模范",
    ]
    for i, text in enumerate(texts):
        ArticleFactory(headline=f"报道{i}", body=f"<p>{text}</p>", summary="")
    for phrase in phrases:
        expected = set(Article.objects.filter(body__contains=phrase).values_list("pk", flat=True))
        found = set(
            matching_object_ids(parse_query(phrase), "article").values_list("object_id", flat=True)
        )
        assert found == expected, phrase


def test_ranking_and_pages_hold_beyond_the_recent_window(client, monkeypatch):
    """Hits older than the newest-documents window come from the GIN branches, in order."""
    from search import query as query_module

    monkeypatch.setattr(query_module, "RECENT_WINDOW", 3)
    monkeypatch.setattr(query_module, "PER_PAGE", 4)
    now = timezone.now()
    expected_title, expected_body = [], []
    for i in range(12):
        in_title = i % 3 == 0
        headline = f"劳模{i}" if in_title else f"新闻{i}"
        body = "<p>其他内容</p>" if in_title else "<p>讲述劳模的故事</p>"
        if i % 4 == 3:
            headline, body = f"无关{i}", "<p>无关内容</p>"
        elif in_title:
            expected_title.append(headline)
        else:
            expected_body.append(headline)
        ArticleFactory(headline=headline, body=body, published_at=now - timedelta(days=i))
    expected = expected_title + expected_body
    found = []
    for page in range(1, 5):
        found += titles(search(client, "劳模", page=page))
    assert found == expected
    response = search(client, "劳模")
    assert response.context["results"].count == len(expected)
