"""退回修改 with a reason (审稿意见), the action bar's buttons per role, and one message per
action (issue 10)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, ReviewNote
from audit.models import AuditEntry
from tests.admin_utils import admin_form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

Status = Article.Status


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


# --- The service ----------------------------------------------------------------------


def test_returning_needs_a_reason_and_changes_nothing_without_one(editor, reporter):
    article = ArticleFactory(author=reporter, status=Status.SUBMITTED)
    for reason in ("", "   "):
        with pytest.raises(ValidationError, match="请填写审稿意见"):
            services.article_return_to_draft(article=article, user=editor, reason=reason)
    with pytest.raises(ValidationError, match="最多 1000 个字"):
        services.article_return_to_draft(article=article, user=editor, reason="改" * 1001)
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    assert not ReviewNote.objects.exists()
    assert not AuditEntry.objects.exists()


def test_the_reason_is_kept_with_the_article_and_in_the_audit_log(editor, reporter):
    article = ArticleFactory(author=reporter, status=Status.SUBMITTED)
    services.article_return_to_draft(article=article, user=editor, reason="  请补充现场照片。 ")
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    [note] = article.review_notes.all()
    assert (note.text, note.author) == ("请补充现场照片。", editor)
    [entry] = AuditEntry.objects.filter(action=AuditEntry.Action.RETURN)
    assert entry.detail == "待审 → 草稿\n审稿意见：请补充现场照片。"


def test_a_reporter_cannot_return_even_with_a_reason(reporter):
    article = ArticleFactory(author=reporter, status=Status.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.article_return_to_draft(article=article, user=reporter, reason="自己退回")
    assert not ReviewNote.objects.exists()


def test_returning_many_without_a_reason_returns_none(editor):
    articles = ArticleFactory.create_batch(2, status=Status.SUBMITTED)
    with pytest.raises(ValidationError):
        services.article_return_many(
            articles=Article.objects.filter(pk__in=[a.pk for a in articles]), user=editor, reason=""
        )
    assert set(Article.objects.values_list("status", flat=True)) == {Status.SUBMITTED}


# --- The form's action bar ------------------------------------------------------------


def test_editor_returns_from_the_form_only_with_a_reason(client, editor, reporter):
    article = ArticleFactory(author=reporter, status=Status.SUBMITTED, headline="原标题")
    client.force_login(editor)
    page = client.get(change_url(article))
    refused = client.post(
        change_url(article),
        admin_form_data(page, headline="改了标题", _return="1", _review_note=""),
    )
    assert refused.status_code == 200
    assert "请填写审稿意见" in refused.text
    article.refresh_from_db()
    assert (article.status, article.headline) == (Status.SUBMITTED, "原标题")

    done = client.post(
        change_url(article),
        admin_form_data(page, _return="1", _review_note="标题太长，请改短。"),
        follow=True,
    )
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert messages_of(done) == ["《原标题》已退回作者修改，审稿意见已转告。"]
    # The reporter reads it on the form of the returned draft.
    client.force_login(reporter)
    form = client.get(change_url(article))
    assert "标题太长，请改短。" in form.text
    assert form.context["review_notes"][0]["who"] == editor.get_username()


@pytest.mark.parametrize("button", ["_return", "_schedule", "_publish", "_withdraw"])
def test_a_reporters_crafted_desk_button_is_refused(client, reporter, button):
    article = ArticleFactory(author=reporter, status=Status.DRAFT, published_at=None)
    client.force_login(reporter)
    data = admin_form_data(client.get(change_url(article)), **{button: "1"}, _review_note="x")
    assert client.post(change_url(article), data).status_code == 403
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert not ReviewNote.objects.exists()


def test_schedule_needs_a_future_time_and_saves_nothing_without_it(client, editor):
    article = ArticleFactory(status=Status.SUBMITTED, published_at=None, headline="原标题")
    client.force_login(editor)
    page = client.get(change_url(article))
    refused = client.post(change_url(article), admin_form_data(page, headline="新", _schedule="1"))
    assert "定时发布要在这里填写将来的时间" in refused.text
    article.refresh_from_db()
    assert (article.status, article.headline) == (Status.SUBMITTED, "原标题")

    when = timezone.localtime() + timedelta(days=2)
    done = client.post(
        change_url(article),
        admin_form_data(
            page,
            published_at_0=when.strftime("%Y-%m-%d"),
            published_at_1="08:30:00",
            _schedule="1",
        ),
        follow=True,
    )
    article.refresh_from_db()
    assert article.is_scheduled
    [message] = messages_of(done)
    assert message == f"《原标题》已定时发布，将于 {when:%Y-%m-%d} 08:30 公开。"


@pytest.mark.parametrize(
    ("status", "button", "expected"),
    [
        (Status.SUBMITTED, "_publish", "《稿件》已发布。"),
        (Status.PUBLISHED, "_withdraw", "《稿件》已撤回，读者看不到了。"),
    ],
)
def test_a_workflow_button_shows_one_message(client, editor, status, button, expected):
    article = ArticleFactory(status=status, headline="稿件")
    client.force_login(editor)
    data = admin_form_data(client.get(change_url(article)), **{button: "1"})
    response = client.post(change_url(article), data, follow=True)
    assert messages_of(response) == [expected]


def test_a_reporter_submits_with_one_message(client, reporter):
    article = ArticleFactory(author=reporter, status=Status.DRAFT, published_at=None, headline="稿")
    client.force_login(reporter)
    data = admin_form_data(client.get(change_url(article)), _submit_review="1")
    response = client.post(change_url(article), data, follow=True)
    assert messages_of(response) == ["《稿》已提交审核，编辑审核后发布。"]


def test_each_role_sees_its_next_step_first(client, editor, reporter):
    draft = ArticleFactory(author=reporter, status=Status.DRAFT, published_at=None)
    client.force_login(reporter)
    actions = client.get(change_url(draft)).context["form_actions"]
    assert [(a.name, a.label, a.style) for a in actions] == [
        ("_submit_review", "提交审核", "primary"),
        ("_proofread", "校对", ""),  # checks the form, saves nothing; always last
    ]
    submitted = ArticleFactory(status=Status.SUBMITTED)
    client.force_login(editor)
    actions = client.get(change_url(submitted)).context["form_actions"]
    assert [a.label for a in actions] == ["发布", "定时发布", "退回修改", "校对"]
    assert actions[0].style == "primary"
    live = ArticleFactory()
    assert [a.label for a in client.get(change_url(live)).context["form_actions"]] == [
        "撤回",
        "校对",
    ]


def test_reporters_see_only_what_they_may_change(client, reporter):
    article = ArticleFactory(author=reporter, status=Status.DRAFT, published_at=None)
    client.force_login(reporter)
    page = client.get(change_url(article))
    fields = set(page.context["adminform"].form.fields)
    assert fields == {"kicker", "headline", "subheadline", "summary", "body", "section"} | {
        "series",
        "source",
        "cover",
    }
    assert 'class="readonly"' not in page.text  # no read-only "—" fields
    assert page.context["form_facts"][0] == "状态：草稿"


def test_the_enter_key_saves_rather_than_submits(client, reporter):
    """Enter in a text field presses the form's first button: 保存, not 提交审核."""
    article = ArticleFactory(author=reporter, status=Status.DRAFT, published_at=None)
    client.force_login(reporter)
    page = client.get(change_url(article)).text
    text = page[page.index('id="article_form"') :]
    first = text.index('type="submit"')
    assert 'name="_continue"' in text[first : first + 60]
    assert text.index('name="_continue"') < text.index('name="_submit_review"')


def test_a_list_action_shows_one_message_with_what_it_did_not_do(client, editor):
    live = ArticleFactory(headline="已发布的稿")
    draft = ArticleFactory(headline="草稿", status=Status.DRAFT, published_at=None)
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "withdraw_selected", "_selected_action": [live.pk, draft.pk]},
        follow=True,
    )
    assert messages_of(response) == [
        "已撤回 1 篇文章；1 篇没有撤回：《草稿》：只有已发布的文章可以撤回。"
    ]


def test_returning_everything_that_matches_asks_once_and_returns_all(client, editor):
    submitted = ArticleFactory.create_batch(3, status=Status.SUBMITTED, published_at=None)
    client.force_login(editor)
    action = {
        "action": "return_selected",
        "select_across": "1",
        "_selected_action": [submitted[0].pk],
    }
    url = reverse("admin:articles_article_changelist") + "?status__exact=submitted"
    asking = client.post(url, action)
    assert asking.context["count"] == 3
    assert 'name="select_across" value="1"' in asking.text
    client.post(url, {**action, "post": "yes", "reason": "本周稿件统一补充图片。"})
    assert set(Article.objects.values_list("status", flat=True)) == {Status.DRAFT}
    assert ReviewNote.objects.filter(text="本周稿件统一补充图片。").count() == 3


def test_submitting_text_with_findings_gives_one_message_that_names_them(client, reporter):
    article = ArticleFactory(
        author=reporter,
        status=Status.DRAFT,
        published_at=None,
        headline="稿",
        body="<p>南海区总公会组织职工参加比赛。</p>",
    )
    client.force_login(reporter)
    data = admin_form_data(client.get(change_url(article)), _submit_review="1")
    response = client.post(change_url(article), data, follow=True)
    [message] = messages_of(response)
    assert message.startswith("《稿》已提交审核，编辑审核后发布。 校对发现")
    assert "总公会" in message
