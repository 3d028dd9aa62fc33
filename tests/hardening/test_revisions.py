"""History: every save keeps a version; compare, restore yesterday's, recover a deleted one."""

from datetime import timedelta

import pytest
from django.utils import timezone
from reversion.models import Revision, Version

from articles.models import Article, Credit
from audit.models import AuditEntry
from tests.admin_utils import admin_form_data
from tests.factories import ArticleFactory, CreditFactory, SectionFactory

from .conftest import article_url, client_for

pytestmark = pytest.mark.django_db


def save_through_admin(client, article, note="", **changes):
    form = client.get(article_url("change", article.pk))
    data = admin_form_data(form, _edit_token=form.context["edit_token"], **changes)
    if note:
        data["_revision_comment"] = note
    response = client.post(article_url("change", article.pk), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def test_every_admin_save_keeps_a_version_with_who_when_and_comment(editor):
    article = ArticleFactory(headline="初稿标题")
    CreditFactory(article=article, name="梁丽英")
    client = client_for(editor)
    save_through_admin(client, article, note="补充采访内容", headline="第二稿标题")
    save_through_admin(client, article, headline="第三稿标题")
    versions = Version.objects.get_for_object(article).select_related("revision__user")
    assert versions.count() == 2
    newest, older = versions  # newest first
    assert older.field_dict["headline"] == "第二稿标题"
    assert newest.field_dict["headline"] == "第三稿标题"
    assert older.revision.user == editor
    assert older.revision.comment.startswith("补充采访内容")
    # The byline is kept with the version (follow).
    followed = {v.object_repr for v in older.revision.version_set.all()}
    assert any("梁丽英" in r for r in followed)


def test_history_lists_versions_and_compare_shows_a_readable_diff(editor):
    article = ArticleFactory(body="<p>南海区总工会召开全体会议。</p>")
    client = client_for(editor)
    save_through_admin(client, article, body="<p>南海区总工会召开全体会议。</p>")
    save_through_admin(client, article, body="<p>南海区总工会召开第十五届全体会议。</p>")
    history = client.get(article_url("history", article.pk))
    page = history.content.decode()
    assert "版本历史" in page
    assert "比较所选的两个版本" in page
    old, new = sorted(Version.objects.get_for_object(article).values_list("pk", flat=True))
    compare = client.get(article_url("compare", article.pk), {"a": new, "b": old})
    text = compare.content.decode()
    assert compare.status_code == 200
    start = text.index('<table class="version-diff">')
    table = text[start : text.index("</table>", start)]
    # Only what changed is marked, on the text a reader sees (no HTML tags).
    assert "<td>南海区总工会召开<ins>第十五届</ins>全体会议。</td>" in table
    assert "&lt;p&gt;" not in table
    assert "<del>" not in table


def test_editor_restores_yesterdays_version(editor):
    article = ArticleFactory(headline="昨天的标题", body="<p>昨天定稿的正文。</p>")
    CreditFactory(article=article, name="黄梦灵")
    client = client_for(editor)
    save_through_admin(client, article, headline="昨天的标题")
    yesterday = Version.objects.get_for_object(article).get()
    Revision.objects.filter(pk=yesterday.revision_id).update(
        date_created=timezone.now() - timedelta(days=1)
    )
    # Today someone rewrites it and drops the byline.
    form = client.get(article_url("change", article.pk))
    credit_prefix = form.context["inline_admin_formsets"][0].formset.prefix
    data = admin_form_data(
        form,
        headline="今天改坏的标题",
        body="<p>今天改坏的正文。</p>",
        _edit_token=form.context["edit_token"],
        **{f"{credit_prefix}-0-DELETE": "on"},
    )
    assert client.post(article_url("change", article.pk), data).status_code == 302
    assert not Credit.objects.filter(article=article).exists()

    # The restore page shows yesterday's text, ready to save.
    url = article_url("revision", article.pk, yesterday.pk)
    preview = client.get(url)
    assert "昨天定稿的正文" in preview.content.decode()
    article.refresh_from_db()
    assert article.headline == "今天改坏的标题"  # looking does not change anything
    restored = client.post(url, admin_form_data(preview, _edit_token=preview.context["edit_token"]))
    assert restored.status_code == 302
    article.refresh_from_db()
    assert article.headline == "昨天的标题"
    assert "昨天定稿的正文" in article.body
    assert list(article.credits.values_list("name", flat=True)) == ["黄梦灵"]
    entry = AuditEntry.objects.get(action=AuditEntry.Action.REVERT)
    assert entry.user == editor
    assert entry.object_id == str(article.pk)


def test_editor_deletes_after_confirmation_and_recovers_the_report(editor):
    article = ArticleFactory(headline="误删的报道", body="<p>重要内容。</p>")
    CreditFactory(article=article, name="穆纪武")
    client = client_for(editor)
    save_through_admin(client, article, headline="误删的报道")
    confirm = client.get(article_url("delete", article.pk))
    assert "误删的报道" in confirm.content.decode()
    assert Article.objects.filter(pk=article.pk).exists()  # asking changes nothing
    assert client.post(article_url("delete", article.pk), {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert AuditEntry.objects.filter(action="delete", object_id=str(article.pk)).exists()

    changelist = client.get(article_url("changelist"))
    assert "恢复已删除的文章" in changelist.content.decode()
    recover_list = client.get(article_url("recoverlist"))
    assert "误删的报道" in recover_list.content.decode()
    version = Version.objects.get_deleted(Article).get()
    url = article_url("recover", version.pk)
    form = client.get(url)
    assert client.post(url, admin_form_data(form)).status_code == 302
    recovered = Article.objects.get(pk=article.pk)
    assert recovered.headline == "误删的报道"
    assert "重要内容" in recovered.body
    assert list(recovered.credits.values_list("name", flat=True)) == ["穆纪武"]
    assert AuditEntry.objects.filter(action="recover", object_id=str(article.pk)).exists()


def test_reporter_cannot_delete_or_recover(reporter):
    own = ArticleFactory(status=Article.Status.DRAFT, author=reporter)
    client = client_for(reporter)
    assert client.post(article_url("delete", own.pk), {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=own.pk).exists()
    assert client.get(article_url("recoverlist")).status_code == 403
    # Nor through a deleted item's recover URL.
    deleted = ArticleFactory(headline="编辑删掉的稿", status=Article.Status.DRAFT, author=reporter)
    save_through_admin(client, deleted, headline="编辑删掉的稿")
    version = Version.objects.get_for_object(deleted).get()
    deleted.delete()
    assert client.get(article_url("recover", version.pk)).status_code == 403
    assert client.post(article_url("recover", version.pk), {"headline": "x"}).status_code == 403
    assert not Article.objects.filter(headline="编辑删掉的稿").exists()
    assert "恢复已删除" not in client.get(article_url("changelist")).content.decode()


def test_reporter_cannot_see_history_of_someone_elses_draft(reporter, other_reporter, editor):
    theirs = ArticleFactory(
        headline="别人的秘密草稿",
        body="<p>未公开的内容</p>",
        status=Article.Status.DRAFT,
        author=other_reporter,
    )
    save_through_admin(client_for(editor), theirs, body="<p>未公开的内容</p>")
    version = Version.objects.get_for_object(theirs).get()
    client = client_for(reporter)
    for url, params in [
        (article_url("history", theirs.pk), {}),
        (article_url("revision", theirs.pk, version.pk), {}),
        (article_url("compare", theirs.pk), {"a": version.pk, "b": version.pk}),
    ]:
        response = client.get(url, params, follow=True)
        assert "未公开的内容" not in response.content.decode(), url
        assert response.status_code in (403, 404) or response.redirect_chain
    assert client.post(article_url("revision", theirs.pk, version.pk), {}).status_code in (403, 404)
    assert Article.objects.get(pk=theirs.pk).headline == "别人的秘密草稿"


def test_reporter_sees_history_of_own_draft(reporter):
    draft = ArticleFactory(headline="我的稿子", status=Article.Status.DRAFT, author=reporter)
    client = client_for(reporter)
    save_through_admin(client, draft, note="第一次修改", headline="我的稿子")
    page = client.get(article_url("history", draft.pk)).content.decode()
    assert "第一次修改" in page


def test_a_version_of_another_item_cannot_be_restored_through_this_one(editor):
    a, b = ArticleFactory(headline="甲文"), ArticleFactory(headline="乙文")
    client = client_for(editor)
    save_through_admin(client, b, headline="乙文")
    version_of_b = Version.objects.get_for_object(b).get()
    response = client.get(article_url("revision", a.pk, version_of_b.pk))
    assert response.status_code == 404
    assert Article.objects.get(pk=a.pk).headline == "甲文"


def test_new_article_from_the_admin_has_a_first_version(editor):
    section = SectionFactory()
    client = client_for(editor)
    form = client.get(article_url("add"))
    data = admin_form_data(form, headline="新建的报道", section=str(section.pk), body="<p>正文</p>")
    assert client.post(article_url("add"), data).status_code == 302
    article = Article.objects.get(headline="新建的报道")
    assert Version.objects.get_for_object(article).count() == 1
