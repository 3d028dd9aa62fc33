"""Who may read and restore an article's history (README, "History"; issue 15, case 8).

Decision: a reporter reads the history (versions and comparisons) of every article of their
own, whatever its status: they wrote it, they can already open it read-only, and seeing how
the desk edited their report is the point. Restoring a version is editing, so it needs the
right to edit: a reporter restores only their own drafts. Anyone else's article is a 404.
"""

import pytest
from reversion.models import Version

from articles.models import Article
from tests.admin_utils import admin_form_data
from tests.factories import ArticleFactory

from .conftest import article_url, client_for
from .test_revisions import save_through_admin

pytestmark = pytest.mark.django_db

STATUSES = [
    Article.Status.DRAFT,
    Article.Status.SUBMITTED,
    Article.Status.PUBLISHED,
    Article.Status.WITHDRAWN,
]


def _with_a_version(editor, author, status):
    article = ArticleFactory(
        headline="桂城街道职工运动会", body="<p>初稿正文。</p>", author=author, status=status
    )
    save_through_admin(client_for(editor), article, note="编辑改稿", body="<p>改后的正文。</p>")
    Article.objects.filter(pk=article.pk).update(status=status)  # the save kept it
    return article, Version.objects.get_for_object(article).get()


def _reads(client, article, version) -> list[int]:
    return [
        client.get(article_url("history", article.pk)).status_code,
        client.get(article_url("revision", article.pk, version.pk)).status_code,
        client.get(
            article_url("compare", article.pk), {"a": version.pk, "b": version.pk}
        ).status_code,
    ]


@pytest.mark.parametrize("status", STATUSES)
def test_reporter_reads_the_history_of_their_own_article_in_every_status(reporter, editor, status):
    article, version = _with_a_version(editor, reporter, status)
    client = client_for(reporter)
    assert _reads(client, article, version) == [200, 200, 200]
    assert "编辑改稿" in client.get(article_url("history", article.pk)).content.decode()


@pytest.mark.parametrize(
    "status", [Article.Status.SUBMITTED, Article.Status.PUBLISHED, Article.Status.WITHDRAWN]
)
def test_reporter_cannot_restore_a_version_of_their_article_once_submitted(
    reporter, editor, status
):
    article, version = _with_a_version(editor, reporter, status)
    client = client_for(reporter)
    url = article_url("revision", article.pk, version.pk)
    preview = client.get(url)
    response = client.post(url, admin_form_data(preview, headline="记者偷偷改的标题"))
    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).headline == "桂城街道职工运动会"


def test_reporter_restores_a_version_of_their_own_draft(reporter, editor):
    article, version = _with_a_version(editor, reporter, Article.Status.DRAFT)
    Article.objects.filter(pk=article.pk).update(body="<p>后来改坏了。</p>")
    client = client_for(reporter)
    url = article_url("revision", article.pk, version.pk)
    preview = client.get(url)
    data = admin_form_data(preview, _edit_token=preview.context["edit_token"])
    assert client.post(url, data).status_code == 302
    assert Article.objects.get(pk=article.pk).body == "<p>改后的正文。</p>"


@pytest.mark.parametrize("status", STATUSES)
def test_reporter_gets_404_for_the_history_of_someone_elses_article(
    reporter, other_reporter, editor, status
):
    article, version = _with_a_version(editor, other_reporter, status)
    assert _reads(client_for(reporter), article, version) == [404, 404, 404]


@pytest.mark.parametrize("status", STATUSES)
def test_editor_reads_every_history(editor, reporter, status):
    article, version = _with_a_version(editor, reporter, status)
    assert _reads(client_for(editor), article, version) == [200, 200, 200]


def test_anonymous_visitor_is_sent_to_the_login(client, editor, reporter):
    article, version = _with_a_version(editor, reporter, Article.Status.PUBLISHED)
    response = client.get(article_url("history", article.pk))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
