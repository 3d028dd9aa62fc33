"""The 严重 rule on every path that publishes: the service (shell), the add form, the change
form and the list action. Only an editor confirms, with a reason; the audit log keeps the
reason and the hits. Submitting shows the hits; marks of intended use are editors' and
survive later edits."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from articles import services
from articles.models import Article
from audit.models import AuditEntry
from proofread.models import CheckResult, Entry, Waiver
from tests.admin_utils import admin_form_data
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db
Status = Article.Status
BAD_HEADLINE = "南海区总公会召开全体会议"


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def draft(**kwargs):
    return ArticleFactory(status=Status.DRAFT, published_at=None, **kwargs)


def confirmations(article):
    return AuditEntry.objects.filter(
        action=AuditEntry.Action.PROOFREAD, object_id=str(article.pk), detail__startswith="确认理由"
    )


# --- The service (and so the shell) --------------------------------------------------------


def test_the_service_refuses_serious_hits_without_a_reason(editor):
    article = draft(headline=BAD_HEADLINE)
    with pytest.raises(ValidationError) as caught:
        services.article_publish(article=article, user=editor)
    assert "总公会" in caught.value.messages[0]
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert not confirmations(article).exists()


def test_the_service_publishes_with_a_reason_and_audits_it(editor):
    article = draft(headline=BAD_HEADLINE)
    services.article_publish(article=article, user=editor, confirm_reason="引用原文，保留")
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    (entry,) = confirmations(article)
    assert entry.user == editor
    assert "引用原文，保留" in entry.detail
    assert "“南海区总公会”→“南海区总工会”" in entry.detail
    assert CheckResult.objects.get(object_id=str(article.pk)).serious == 1


def test_hints_never_block(editor):
    article = draft(headline="截止目前南海工会已完成任务", body="<p>职工 服务中心</p>")
    services.article_publish(article=article, user=editor)
    article.refresh_from_db()
    assert article.is_live
    assert not confirmations(article).exists()


def test_a_reporter_can_neither_publish_nor_confirm(reporter):
    article = draft(headline=BAD_HEADLINE, author=reporter)
    with pytest.raises(PermissionDenied):
        services.article_publish(article=article, user=reporter, confirm_reason="我确认")


def test_captions_and_credits_are_checked_too(editor):
    from tests.factories import CreditFactory

    article = draft()
    CreditFactory(article=article, outlet="南海区总公会", title="通讯员", name="梁丽英")
    with pytest.raises(ValidationError, match="署名"):
        services.article_publish(article=article, user=editor)


# --- Submitting shows the hits ---------------------------------------------------------------


def test_submitting_checks_and_the_admin_shows_the_hits(client, reporter):
    section = SectionFactory()
    client.force_login(reporter)
    add = reverse("admin:articles_article_add")
    data = admin_form_data(
        client.get(add),
        headline=BAD_HEADLINE,
        section=str(section.pk),
        body="<p>号召职工再接再励。</p>",
        _submit_review="1",
    )
    response = client.post(add, data, follow=True)
    article = Article.objects.get(headline=BAD_HEADLINE)
    assert article.status == Status.SUBMITTED
    result = CheckResult.objects.get(object_id=str(article.pk))
    assert (result.trigger, result.serious) == ("submit", 2)
    shown = [str(m) for m in response.context["messages"]]
    assert any("校对发现 2 处问题（严重 2 处）" in m and "“南海区总公会”" in m for m in shown)
    reporter_view = client.get(reverse("admin:articles_article_proofread", args=[article.pk]))
    assert reporter_view.status_code == 200
    assert "<mark>再接再励</mark>" in reporter_view.content.decode()


# --- The admin's 校对 button ------------------------------------------------------------------


def test_the_check_button_shows_hits_in_context_and_saves_nothing(client, reporter):
    article = draft(author=reporter, headline="原来的标题")
    client.force_login(reporter)
    page = client.get(change_url(article))
    data = admin_form_data(
        page,
        headline=BAD_HEADLINE,
        body="<p>号召职工再接再励，<strong>扎实</strong>工作。</p>",
        _proofread="1",
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>总公会</mark>" not in html  # the longest entry wins
    assert "<mark>南海区总公会</mark>" in html
    assert "号召职工<mark>再接再励</mark>，扎实工作。" in html
    assert "建议：<strong>再接再厉</strong>" in html
    assert "请更正" not in html
    assert 'name="_proofread_waive"' not in html  # reporters don't mark
    assert BAD_HEADLINE in html  # the form keeps what was typed
    article.refresh_from_db()
    assert article.headline == "原来的标题"
    assert response.context["proofread"]["from_form"] is True


def test_the_check_button_keeps_real_form_errors(client, editor):
    article = draft()
    client.force_login(editor)
    data = admin_form_data(client.get(change_url(article)), headline="", _proofread="1")
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "请填写标题。" in response.content.decode()


# --- The change form and the add form ---------------------------------------------------------


def test_publish_button_needs_a_reason_then_publishes(client, editor):
    article = draft(headline=BAD_HEADLINE)
    client.force_login(editor)
    data = admin_form_data(client.get(change_url(article)), _publish="1")
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    assert response["Location"].endswith(change_url(article) + "#proofread")
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("严重问题" in m for m in messages)

    page = client.get(change_url(article))
    assert 'name="_proofread_reason"' in page.content.decode()
    data = admin_form_data(page, _publish="1", _proofread_reason="引用文件原文")
    client.post(change_url(article), data)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert "引用文件原文" in confirmations(article).get().detail


def test_add_form_publish_is_held_until_confirmed(client, editor):
    section = SectionFactory()
    client.force_login(editor)
    add = reverse("admin:articles_article_add")
    data = admin_form_data(
        client.get(add), headline=BAD_HEADLINE, section=str(section.pk), _publish="1"
    )
    response = client.post(add, data)
    article = Article.objects.get(headline=BAD_HEADLINE)
    assert article.status == Status.DRAFT
    assert response["Location"].endswith("#proofread")


def test_a_reporters_crafted_reason_confirms_nothing(client, reporter):
    article = draft(headline=BAD_HEADLINE, author=reporter)
    client.force_login(reporter)
    data = admin_form_data(
        client.get(change_url(article)), _publish="1", _proofread_reason="我确认"
    )
    assert client.post(change_url(article), data).status_code == 403
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert not confirmations(article).exists()


# --- The list action ---------------------------------------------------------------------------


def test_list_action_publishes_clean_articles_and_asks_about_the_rest(client, editor):
    clean = draft(headline="南海区总工会召开全体会议")
    bad = draft(headline=BAD_HEADLINE)
    client.force_login(editor)
    changelist = reverse("admin:articles_article_changelist")
    response = client.post(
        changelist, {"action": "publish_selected", "_selected_action": [clean.pk, bad.pk]}
    )
    assert response.status_code == 200
    assert "确认并发布" in response.content.decode()
    assert response.context["waiting"][0]["article"] == bad
    clean.refresh_from_db()
    bad.refresh_from_db()
    assert (clean.status, bad.status) == (Status.PUBLISHED, Status.DRAFT)

    response = client.post(
        changelist,
        {
            "action": "publish_selected",
            "_selected_action": [bad.pk],
            "_proofread_reason": "专有名称",
        },
    )
    assert response.status_code == 302
    bad.refresh_from_db()
    assert bad.status == Status.PUBLISHED
    assert "专有名称" in confirmations(bad).get().detail


# --- Marks of intended use ---------------------------------------------------------------------


def test_an_editor_marks_a_hit_and_the_mark_survives_an_edit(client, editor):
    article = draft(headline="南海工会新闻", body="<p>台湾“某某总公会”昨日发表声明。</p>")
    client.force_login(editor)
    page = client.get(change_url(article))
    token = page.context["proofread"]["hits"][0]["token"]
    data = admin_form_data(page, _proofread_waive=token, _proofread="1")
    response = client.post(change_url(article), data)
    assert response.context["proofread"]["serious"] == 0
    assert Waiver.objects.get().found == "总公会"
    article.body = "<p>台湾“某某总公会”于昨日发表声明，表示支持。</p>"
    article.save()
    services.article_publish(article=article, user=editor)
    article.refresh_from_db()
    assert article.is_live
    assert AuditEntry.objects.filter(detail__startswith="标为有意使用").exists()


def test_a_reporter_cannot_mark_even_with_a_crafted_post(client, reporter, editor):
    article = draft(author=reporter, headline=BAD_HEADLINE)
    client.force_login(editor)
    token = client.get(change_url(article)).context["proofread"]["hits"][0]["token"]
    client.force_login(reporter)
    data = admin_form_data(client.get(change_url(article)), _proofread_waive=token)
    assert client.post(change_url(article), data).status_code == 403
    proofread_page = reverse("admin:articles_article_proofread", args=[article.pk])
    assert client.post(proofread_page, {"_proofread_waive": token}).status_code == 403
    assert not Waiver.objects.exists()


def test_a_forged_mark_is_refused(client, editor):
    article = draft(headline=BAD_HEADLINE)
    client.force_login(editor)
    proofread_page = reverse("admin:articles_article_proofread", args=[article.pk])
    response = client.post(proofread_page, {"_proofread_waive": "forged"}, follow=True)
    assert "标记无效" in response.content.decode()
    assert not Waiver.objects.exists()


def test_the_lists_changes_reach_the_next_check(editor):
    article = draft(headline="南海区职工书屋开放")
    services.article_publish(article=article, user=editor)
    Entry.objects.create(
        wrong="职工书屋", right="职工书屋（示例）", kind="hint", severity="serious"
    )
    from proofread import lists

    lists.bump_version()
    other = draft(headline="南海区职工书屋开放")
    with pytest.raises(ValidationError):
        services.article_publish(article=other, user=editor)


# --- Editing a published article ----------------------------------------------------------------


def test_editing_a_live_article_into_a_serious_hit_needs_a_reason(client, editor):
    article = ArticleFactory(headline="南海区总工会召开全体会议")
    client.force_login(editor)
    data = admin_form_data(client.get(change_url(article)), headline=BAD_HEADLINE)
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "这篇文章已发布" in response.content.decode()
    assert 'name="_proofread_reason"' in response.content.decode()
    article.refresh_from_db()
    assert article.headline == "南海区总工会召开全体会议"

    data = admin_form_data(
        client.get(change_url(article)), headline=BAD_HEADLINE, _proofread_reason="引用原题"
    )
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.headline == BAD_HEADLINE
    assert "引用原题" in confirmations(article).get().detail


def test_hits_a_live_article_already_had_do_not_block_other_edits(client, editor):
    article = ArticleFactory(headline=BAD_HEADLINE)  # published before the rule, say
    client.force_login(editor)
    data = admin_form_data(client.get(change_url(article)), summary="新的摘要")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.summary == "新的摘要"


# --- Query budget and object rights -----------------------------------------------------------


def test_the_proofread_page_costs_the_same_queries_whatever_the_content(
    client, editor, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from photos.models import Photo
    from tests.factories import CreditFactory

    small = draft(headline=BAD_HEADLINE)
    big = draft(headline=BAD_HEADLINE, body="<p>再接再励。</p>" * 40)
    for n in range(8):
        CreditFactory(article=big, name=f"记者{n}")
        photo = Photo.objects.create(key=f"{n:032x}", caption="南海区总公会活动", credit="供图")
        big.gallery_items.create(photo=photo, order=n)
    client.force_login(editor)

    def count(article):
        url = reverse("admin:articles_article_proofread", args=[article.pk])
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    count(small)  # warm the matcher and the session
    assert count(big) == count(small)


def test_a_reporter_cannot_open_anothers_proofread_page(client, reporter, other_reporter):
    article = draft(author=other_reporter, headline=BAD_HEADLINE)
    client.force_login(reporter)
    url = reverse("admin:articles_article_proofread", args=[article.pk])
    assert client.get(url).status_code == 404
