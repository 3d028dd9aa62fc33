"""Attachments on articles: uploading in the article form (editors, reporters on their own
drafts), refusing bad files with nothing left behind, the list after the body, downloads
under the reader's file name, deleting, search."""

import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from attachments.models import Attachment
from attachments.services import attachment_create
from core.files import delete_rolled_back_files
from tests.admin_utils import admin_form_data
from tests.factories import ArticleFactory, SectionFactory

from . import files

pytestmark = pytest.mark.django_db
Status = Article.Status


def stored_files(folder="attachments") -> list[str]:
    try:
        dirs, names = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    found = [f"{folder}/{n}" for n in names]
    for d in dirs:
        found += stored_files(f"{folder}/{d}")
    return found


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def post_with_files(client, article, uploads, **overrides):
    """POST the article form unchanged plus one attachment row per (name, bytes)."""
    page = client.get(change_url(article))
    prefix = next(
        f.formset.prefix
        for f in page.context["inline_admin_formsets"]
        if f.formset.model is Attachment
    )
    data = admin_form_data(page, **overrides)
    existing = int(data[f"{prefix}-INITIAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(existing + len(uploads))
    for i, (name, content) in enumerate(uploads, start=existing):
        data[f"{prefix}-{i}-upload"] = SimpleUploadedFile(name, content, "application/octet-stream")
        data[f"{prefix}-{i}-order"] = str(i)
        data[f"{prefix}-{i}-article"] = str(article.pk)
    return client.post(change_url(article), data), prefix


def upload(name, content):
    return SimpleUploadedFile(name, content, "application/pdf")


GOOD = [
    ("“安康杯”竞赛报名表.docx", files.docx),
    ("报名汇总表.xlsx", files.xlsx),
    ("活动方案.pdf", files.pdf),
    ("正式通知.ofd", files.ofd),
]


def test_editor_attaches_four_kinds_and_a_reader_downloads_each_under_its_name(client, editor):
    notice = ArticleFactory(
        headline="关于里水镇“安康杯”竞赛活动报名的通知", body="<p>请各单位按时报名。</p>"
    )
    client.force_login(editor)
    contents = {name: make() for name, make in GOOD}
    response, _ = post_with_files(client, notice, list(contents.items()))
    assert response.status_code == 302, response.context and response.context["errors"]
    attachments = list(notice.attachments.all())
    assert [a.original_name for a in attachments] == list(contents)
    assert [a.kind for a in attachments] == ["docx", "xlsx", "pdf", "ofd"]
    for attachment in attachments:
        # Stored under a safe, unique name; the reader's name is only on the row.
        assert re.fullmatch(
            r"attachments/\d{4}/\d{2}/[0-9a-f]{32}\.(docx|xlsx|pdf|ofd)", attachment.file.name
        )
        assert attachment.uploaded_by == editor

    reader = client.__class__()
    page = reader.get(notice.get_absolute_url()).text
    body_at, list_at = page.index("请各单位按时报名。"), page.index("附件：")
    assert body_at < list_at
    items = re.findall(r"<li><a href=\"([^\"]+)\" download>([^<]+)</a>（(\d+ KB)）</li>", page)
    assert [name for _, name, _ in items] == list(contents)
    for url, name, _size in items:
        download = reader.get(url)
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == contents[name]
        disposition = download["Content-Disposition"]
        assert disposition.startswith("attachment; ")
        assert "filename*=UTF-8''" + _percent(name) in disposition
        assert download["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in download["Content-Security-Policy"]
    assert reader.get(items[0][0])["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


def _percent(name):
    from urllib.parse import quote

    return quote(name, safe="")


BAD = [
    ("改名的程序.pdf", files.EXE, "可执行程序"),
    ("宏.docm", files.docm_content(), "启用宏"),
    ("网页.docx", files.HTML, "网页"),
    ("空的.pdf", b"", "空"),
]


@pytest.mark.parametrize(("name", "content", "words"), BAD, ids=[b[0] for b in BAD])
def test_bad_files_are_refused_with_a_message_and_leave_nothing(
    client, editor, name, content, words
):
    notice = ArticleFactory(headline="原标题")
    client.force_login(editor)
    response, prefix = post_with_files(
        client, notice, [("活动方案.pdf", files.pdf()), (name, content)], headline="改过的标题"
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert f"“{name}”" in text or (words == "空" and "文件是空的" in text)
    assert words in text
    assert not Attachment.objects.exists()
    assert stored_files() == []
    notice.refresh_from_db()
    assert notice.headline == "原标题"  # the whole save was refused, not half of it


def test_a_file_over_the_size_limit_is_refused(client, editor, settings):
    settings.ATTACHMENTS_MAX_UPLOAD_BYTES = 2048
    notice = ArticleFactory()
    client.force_login(editor)
    response, _ = post_with_files(client, notice, [("大文件.pdf", files.pdf() + b" " * 4096)])
    assert response.status_code == 200
    assert re.search(r"“大文件.pdf”有 \d+ KB，超过了 2 KB 的上限", response.content.decode())
    assert not Attachment.objects.exists()
    assert stored_files() == []


def test_reporter_attaches_to_own_draft_but_not_to_other_or_submitted_articles(
    client, reporter, other_reporter
):
    own = ArticleFactory(author=reporter, status=Status.DRAFT, published_at=None)
    client.force_login(reporter)
    response, _ = post_with_files(client, own, [("报名表.docx", files.docx())])
    assert response.status_code == 302
    assert own.attachments.get().uploaded_by == reporter

    theirs = ArticleFactory(author=other_reporter, status=Status.DRAFT, published_at=None)
    submitted = ArticleFactory(author=reporter, status=Status.SUBMITTED, published_at=None)
    for article in (theirs, submitted):
        data = {"attachments-TOTAL_FORMS": "1", "attachments-INITIAL_FORMS": "0"}
        data["attachments-0-upload"] = upload("报名表.pdf", files.pdf())
        response = client.post(change_url(article), data)
        # Someone else's article doesn't exist for a reporter; their submitted one is locked.
        assert response.status_code in (302, 403)
        assert response.get("Location") != change_url(article)
        assert not article.attachments.exists()
    assert stored_files() == [own.attachments.get().file.name]


def test_a_crafted_row_cannot_move_or_change_another_articles_attachment(client, reporter, editor):
    other = ArticleFactory(status=Status.DRAFT, published_at=None, author=editor)
    foreign = attachment_create(article=other, upload=upload("他人.pdf", files.pdf()), user=editor)
    own = ArticleFactory(author=reporter, status=Status.DRAFT, published_at=None)
    client.force_login(reporter)
    page = client.get(change_url(own))
    data = admin_form_data(page)
    data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-INITIAL_FORMS": "1",
            "attachments-0-id": str(foreign.pk),
            "attachments-0-article": str(own.pk),
            "attachments-0-order": "9",
            "attachments-0-DELETE": "on",
        }
    )
    client.post(change_url(own), data)
    foreign.refresh_from_db()
    assert (foreign.article, foreign.order) == (other, 0)


def test_nothing_a_published_article_shows_is_deleted(
    client, editor, django_capture_on_commit_callbacks
):
    notice = ArticleFactory()
    attachment = attachment_create(
        article=notice, upload=upload("方案.pdf", files.pdf()), user=editor
    )
    name = attachment.file.name
    client.force_login(editor)
    page = client.get(change_url(notice))
    data = admin_form_data(page, **{"attachments-0-DELETE": "on"})
    response = client.post(change_url(notice), data)
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    # Nor through the attachments' own list.
    delete_url = reverse("admin:attachments_attachment_delete", args=[attachment.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert default_storage.exists(name)
    assert response.status_code in (200, 302)

    # Withdrawn, it can go, and its file with it.
    Article.objects.filter(pk=notice.pk).update(status=Status.WITHDRAWN)
    page = client.get(change_url(notice))
    data = admin_form_data(page, **{"attachments-0-DELETE": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(change_url(notice), data).status_code == 302
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert not default_storage.exists(name)


def test_reporter_removes_own_upload_from_own_draft_but_not_the_desks(
    client, reporter, editor, django_capture_on_commit_callbacks
):
    draft = ArticleFactory(author=reporter, status=Status.DRAFT, published_at=None)
    desk = attachment_create(article=draft, upload=upload("编辑加的.pdf", files.pdf()), user=editor)
    mine = attachment_create(article=draft, upload=upload("我的.pdf", files.pdf()), user=reporter)
    client.force_login(reporter)
    page = client.get(change_url(draft))
    data = admin_form_data(page, **{"attachments-0-DELETE": "on"})  # the desk's
    response = client.post(change_url(draft), data)
    assert response.status_code == 200
    assert "您不能删除附件“编辑加的.pdf”" in response.content.decode()
    data = admin_form_data(page, **{"attachments-1-DELETE": "on"})  # their own
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(change_url(draft), data).status_code == 302
    assert list(draft.attachments.all()) == [desk]
    assert not default_storage.exists(mine.file.name)


def test_deleting_an_article_deletes_its_files(editor, django_capture_on_commit_callbacks):
    draft = ArticleFactory(status=Status.DRAFT, published_at=None)
    attachment = attachment_create(
        article=draft, upload=upload("方案.pdf", files.pdf()), user=editor
    )
    with django_capture_on_commit_callbacks(execute=True):
        draft.delete()
    assert not default_storage.exists(attachment.file.name)


def test_a_rolled_back_transaction_leaves_no_file_and_a_committed_one_keeps_it(editor):
    article = ArticleFactory()
    delete_rolled_back_files()  # what earlier tests (rolled back at their end) left pending

    def save_that_fails_later():
        with transaction.atomic():
            attachment_create(article=article, upload=upload("回滚.pdf", files.pdf()), user=editor)
            assert len(stored_files()) == 1
            raise RuntimeError("a later step of the same save failed")

    with pytest.raises(RuntimeError):
        save_that_fails_later()
    assert not Attachment.objects.exists()
    assert delete_rolled_back_files() == 1
    assert stored_files() == []

    with transaction.atomic():
        kept = attachment_create(
            article=article, upload=upload("保留.pdf", files.pdf()), user=editor
        )
    assert delete_rolled_back_files() == 0
    assert stored_files() == [kept.file.name]


def test_unpublished_articles_attachments_are_404_except_as_a_preview(client, reporter, editor):
    draft = ArticleFactory(author=reporter, status=Status.DRAFT, published_at=None)
    attachment = attachment_create(
        article=draft, upload=upload("草稿附件.pdf", files.pdf()), user=reporter
    )
    assert client.get(attachment.get_absolute_url()).status_code == 404
    client.force_login(reporter)
    preview = client.get(attachment.get_absolute_url())
    assert preview.status_code == 200
    assert preview["Cache-Control"] == "private, no-store"


def test_a_wrong_file_name_in_the_url_redirects_and_x_accel_hands_over_to_nginx(
    client, editor, settings
):
    article = ArticleFactory()
    attachment = attachment_create(
        article=article, upload=upload("方案.pdf", files.pdf()), user=editor
    )
    wrong = reverse("attachments:download", kwargs={"pk": attachment.pk, "filename": "x.exe"})
    assert client.get(wrong)["Location"] == attachment.get_absolute_url()
    settings.ATTACHMENTS_X_ACCEL_REDIRECT = "/_attachments/"
    response = client.get(attachment.get_absolute_url())
    assert response["X-Accel-Redirect"] == "/_attachments/" + attachment.file.name
    assert response.content == b""
    assert response["Content-Disposition"].startswith('attachment; filename="attachment-')
    assert response["Content-Type"] == "application/pdf"


def test_article_without_attachments_costs_no_query_for_them(client, editor, no_page_cache):
    plain = ArticleFactory()
    notice = ArticleFactory(section=plain.section)
    attachment_create(article=notice, upload=upload("方案.pdf", files.pdf()), user=editor)
    client.get(plain.get_absolute_url())  # warm the cached navigation and site information
    with CaptureQueriesContext(connection) as without:
        client.get(plain.get_absolute_url())
    with CaptureQueriesContext(connection) as with_files:
        response = client.get(notice.get_absolute_url())
    # The article query asks (EXISTS) whether there are attachments; only then a query.
    assert not [q for q in without if q["sql"].startswith('SELECT "attachments_attachment"')]
    assert len(with_files) == len(without) + 1
    assert "方案.pdf" in response.text


def test_search_finds_a_notice_by_its_attachments_name(client, editor):
    notice = ArticleFactory(headline="关于开展职工技能竞赛的通知", section=SectionFactory())
    attachment_create(
        article=notice, upload=upload("数控车工比赛报名表.pdf", files.pdf()), user=editor
    )
    response = client.get(reverse("search:search"), {"q": "数控车工"})
    assert "关于开展职工技能竞赛的通知" in response.text


def test_attachment_admin_lists_and_shows_them_to_their_owners_only(
    client, superuser, reporter, editor
):
    notice = ArticleFactory(headline="技能竞赛通知")
    desk = attachment_create(
        article=notice, upload=upload("竞赛方案.pdf", files.pdf()), user=editor
    )
    draft = ArticleFactory(author=reporter, status=Status.DRAFT, published_at=None)
    own = attachment_create(
        article=draft, upload=upload("我的报名表.pdf", files.pdf()), user=reporter
    )
    client.force_login(superuser)
    listing = client.get(reverse("admin:attachments_attachment_changelist")).text
    assert "竞赛方案.pdf" in listing
    assert "技能竞赛通知" in listing
    detail = client.get(reverse("admin:attachments_attachment_change", args=[desk.pk]))
    assert detail.status_code == 200
    assert "竞赛方案.pdf" in detail.text
    # Added on the article form, not here.
    assert client.get(reverse("admin:attachments_attachment_add")).status_code == 403
    client.force_login(reporter)
    listing = client.get(reverse("admin:attachments_attachment_changelist")).text
    assert "我的报名表.pdf" in listing
    assert "竞赛方案.pdf" not in listing
    assert (
        client.get(reverse("admin:attachments_attachment_change", args=[own.pk])).status_code == 200
    )
    other = client.get(reverse("admin:attachments_attachment_change", args=[desk.pk]))
    assert other.status_code in (302, 403, 404)
