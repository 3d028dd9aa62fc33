"""The permission matrix of the publishing workflow, enforced on the server.

Each role is tried through the admin the way a browser (or a crafted POST) would.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Credit
from tests.admin_utils import admin_form_data
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

Status = Article.Status


def add_url():
    return reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def changelist_url():
    return reverse("admin:articles_article_changelist")


def new_article_data(client, section, **overrides):
    response = client.get(add_url())
    assert response.status_code == 200
    data = admin_form_data(
        response, headline="南海工会新稿", section=str(section.pk), body="<p>正文</p>"
    )
    data.update(overrides)
    return data


def login(client, user):
    client.force_login(user)
    return client


# --- Reporter -----------------------------------------------------------------------------


def test_reporter_creates_a_draft_even_if_the_post_asks_for_more(client, reporter):
    section = SectionFactory()
    login(client, reporter)
    data = new_article_data(
        client,
        section,
        status="published",
        is_headline="on",
        published_at_0="2020-01-01",
        published_at_1="08:00:00",
        author="999",
    )
    response = client.post(add_url(), data)
    assert response.status_code == 302
    article = Article.objects.get(headline="南海工会新稿")
    assert article.status == Status.DRAFT
    assert article.author == reporter
    assert article.is_headline is False
    assert article.published_at is None


def test_reporter_edits_own_draft(client, reporter):
    article = ArticleFactory(author=reporter, status=Status.DRAFT, published_at=None)
    login(client, reporter)
    data = admin_form_data(client.get(change_url(article)), headline="改过的标题")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.headline == "改过的标题"


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.PUBLISHED, Status.WITHDRAWN])
def test_reporter_cannot_edit_own_article_once_it_left_the_draft_state(client, reporter, status):
    article = ArticleFactory(author=reporter, status=status, headline="原标题")
    login(client, reporter)
    page = client.get(change_url(article))
    assert page.status_code == 200  # read-only view
    assert 'name="_save"' not in page.text
    response = client.post(change_url(article), {"headline": "偷改", "section": article.section_id})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "原标题"
    assert article.status == status


def test_reporter_cannot_see_or_edit_someone_elses_draft(client, reporter, other_reporter):
    article = ArticleFactory(author=other_reporter, status=Status.DRAFT, headline="别人的稿")
    login(client, reporter)
    assert "别人的稿" not in client.get(changelist_url()).text
    response = client.post(change_url(article), {"headline": "偷改", "section": article.section_id})
    assert response.status_code in (302, 403, 404)
    article.refresh_from_db()
    assert article.headline == "别人的稿"


def test_reporter_cannot_delete_even_own_draft(client, reporter):
    article = ArticleFactory(author=reporter, status=Status.DRAFT)
    login(client, reporter)
    url = reverse("admin:articles_article_delete", args=[article.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


def test_reporter_crafted_publish_button_is_refused(client, reporter):
    article = ArticleFactory(author=reporter, status=Status.DRAFT, published_at=None)
    login(client, reporter)
    data = admin_form_data(client.get(change_url(article)), _publish="保存并发布")
    assert client.post(change_url(article), data).status_code == 403
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_reporter_crafted_publish_action_is_refused(client, reporter):
    article = ArticleFactory(author=reporter, status=Status.DRAFT, published_at=None)
    login(client, reporter)
    response = client.post(
        changelist_url(), {"action": "publish_selected", "_selected_action": [article.pk]}
    )
    assert response.status_code in (200, 302)
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_reporter_submits_own_draft_with_the_button(client, reporter):
    article = ArticleFactory(author=reporter, status=Status.DRAFT, published_at=None)
    login(client, reporter)
    data = admin_form_data(client.get(change_url(article)), _submit_review="保存并提交审核")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    assert article.submitted_at is not None


def test_reporter_submits_with_the_list_action_but_not_others_drafts(
    client, reporter, other_reporter
):
    own = ArticleFactory(author=reporter, status=Status.DRAFT, published_at=None)
    other = ArticleFactory(author=other_reporter, status=Status.DRAFT, published_at=None)
    login(client, reporter)
    client.post(
        changelist_url(), {"action": "submit_selected", "_selected_action": [own.pk, other.pk]}
    )
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.status == Status.SUBMITTED
    assert other.status == Status.DRAFT


# --- Editor ------------------------------------------------------------------------------


def test_editor_sees_what_waits_for_review_first(client, editor, reporter):
    ArticleFactory(headline="已发布稿")
    ArticleFactory(headline="待审稿", status=Status.SUBMITTED, author=reporter)
    ArticleFactory(headline="草稿", status=Status.DRAFT, author=reporter)
    login(client, editor)
    rows = list(client.get(changelist_url()).context["cl"].result_list)
    assert rows[0].headline == "待审稿"
    assert {r.headline for r in rows} == {"已发布稿", "待审稿", "草稿"}


def test_editor_publishes_a_submitted_article_and_it_is_recorded(client, editor, reporter):
    article = ArticleFactory(author=reporter, status=Status.SUBMITTED, published_at=None)
    login(client, editor)
    client.post(changelist_url(), {"action": "publish_selected", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.published_by == editor
    assert article.published_at <= timezone.now()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_editor_schedules_with_a_future_time_and_the_public_waits(client, editor):
    article = ArticleFactory(status=Status.SUBMITTED, published_at=None)
    login(client, editor)
    future = timezone.localtime() + timedelta(days=2)
    data = admin_form_data(
        client.get(change_url(article)),
        published_at_0=future.strftime("%Y-%m-%d"),
        published_at_1=future.strftime("%H:%M:%S"),
        _publish="保存并发布",
    )
    response = client.post(change_url(article), data, follow=True)
    assert "定时发布" in response.text
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.is_scheduled
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_editor_withdraws_and_the_article_disappears(client, editor):
    article = ArticleFactory()
    login(client, editor)
    client.post(changelist_url(), {"action": "withdraw_selected", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Status.WITHDRAWN
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_editor_returns_a_submitted_article_to_its_author_with_a_reason(client, editor, reporter):
    article = ArticleFactory(author=reporter, status=Status.SUBMITTED)
    login(client, editor)
    action = {"action": "return_selected", "_selected_action": [article.pk]}
    # The list action first asks for the reason, on a page of its own; nothing changes yet.
    asking = client.post(changelist_url(), action)
    assert asking.status_code == 200
    assert "审稿意见" in asking.text
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    # Without a reason it asks again; nothing is returned.
    again = client.post(changelist_url(), {**action, "post": "yes", "reason": "  "})
    assert "请填写审稿意见" in again.text
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    # With the reason: back to the author as a draft, the reason kept with the article.
    done = client.post(
        changelist_url(),
        {**action, "post": "yes", "reason": "导语太长，请压缩到两句。"},
        follow=True,
    )
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert [n.text for n in article.review_notes.all()] == ["导语太长，请压缩到两句。"]
    assert [str(m) for m in done.context["messages"]] == ["已退回 1 篇文章。"]


def test_editor_edits_and_deletes_anyones_article(client, editor, reporter):
    article = ArticleFactory(author=reporter, status=Status.SUBMITTED)
    login(client, editor)
    data = admin_form_data(client.get(change_url(article)), headline="编辑改过")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.headline == "编辑改过"
    url = reverse("admin:articles_article_delete", args=[article.pk])
    client.post(url, {"post": "yes"})
    assert not Article.objects.filter(pk=article.pk).exists()


def test_superuser_can_publish_with_the_button(client, superuser):
    article = ArticleFactory(status=Status.DRAFT, published_at=None)
    login(client, superuser)
    data = admin_form_data(client.get(change_url(article)), _publish="保存并发布")
    client.post(change_url(article), data)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.published_by == superuser


def test_anonymous_and_non_staff_cannot_reach_the_admin(client, django_user_model):
    article = ArticleFactory(status=Status.DRAFT)
    response = client.get(change_url(article))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    user = django_user_model.objects.create_user("reader", password="x" * 16)
    client.force_login(user)
    response = client.post(change_url(article), {"headline": "x"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert client.get(article.get_absolute_url()).status_code == 404


# --- Preview -------------------------------------------------------------------------------


def test_staff_preview_drafts_exactly_as_the_public_will_see_them(
    client, editor, reporter, other_reporter
):
    own = ArticleFactory(author=reporter, status=Status.DRAFT, headline="我的草稿")
    other = ArticleFactory(author=other_reporter, status=Status.DRAFT)
    login(client, reporter)
    response = client.get(own.get_absolute_url())
    assert response.status_code == 200
    assert "我的草稿" in response.text
    assert "预览" in response.text
    assert '<meta name="robots" content="noindex">' in response.text
    assert client.get(other.get_absolute_url()).status_code == 404
    login(client, editor)
    assert client.get(other.get_absolute_url()).status_code == 200


# --- Bad input -----------------------------------------------------------------------------


def test_missing_headline_gives_a_chinese_message_and_saves_nothing(client, editor):
    section = SectionFactory()
    login(client, editor)
    data = new_article_data(client, section, headline="")
    response = client.post(add_url(), data)
    assert response.status_code == 200
    assert "请填写标题。" in response.text
    assert Article.objects.count() == 0


def test_too_long_headline_gives_a_chinese_message(client, editor):
    section = SectionFactory()
    login(client, editor)
    response = client.post(add_url(), new_article_data(client, section, headline="工" * 81))
    assert "标题最多 80 个字" in response.text
    assert Article.objects.count() == 0


def test_bad_date_gives_a_chinese_message_and_saves_nothing(client, editor):
    section = SectionFactory()
    login(client, editor)
    data = new_article_data(client, section, published_at_0="2020-13-45", published_at_1="25:61")
    response = client.post(add_url(), data)
    assert response.status_code == 200
    assert "有效的日期" in response.text
    assert Article.objects.count() == 0


def test_credit_without_a_name_saves_neither_article_nor_credits(client, editor):
    section = SectionFactory()
    login(client, editor)
    data = new_article_data(client, section)
    data.update({"credits-0-role": "文", "credits-0-outlet": "珠江时报", "credits-0-title": "记者"})
    data["credits-0-name"] = ""
    response = client.post(add_url(), data)
    assert response.status_code == 200
    assert "每条署名都要填写姓名。" in response.text
    assert Article.objects.count() == 0
    assert Credit.objects.count() == 0


def test_admin_pages_load_for_a_superuser(client, superuser):
    article = ArticleFactory(headline="冒烟测试文章")
    login(client, superuser)
    assert "冒烟测试文章" in client.get(changelist_url()).text
    assert "冒烟测试文章" in client.get(change_url(article)).text
    assert 'name="_publish"' in client.get(add_url()).text
    for name in ("section", "series"):
        response = client.get(reverse(f"admin:articles_{name}_changelist"))
        assert response.status_code == 200
        assert response.context["cl"] is not None
