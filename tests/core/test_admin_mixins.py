"""Each editorial-safety mixin works alone (core/admin_mixins), on a second admin site."""

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from audit.models import AuditEntry
from tests.admin_utils import admin_form_data
from tests.factories import ArticleFactory, SectionFactory, SeriesFactory
from tests.hardening.conftest import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.mixin_urls")]


def url(model, name, *args):
    return reverse(f"mixins:articles_{model}_{name}", args=args)


def test_edit_conflict_mixin_alone_refuses_a_stale_save_and_keeps_the_text(editor, superuser):
    article = ArticleFactory(headline="原标题")
    alice, bob = client_for(superuser), client_for(editor)
    form_a = alice.get(url("article", "change", article.pk))
    form_b = bob.get(url("article", "change", article.pk))
    token = form_a.context["edit_token"]
    assert token == form_b.context["edit_token"]
    assert "revision_note" not in form_a.context
    saved = alice.post(
        url("article", "change", article.pk),
        admin_form_data(form_a, headline="甲的标题", _edit_token=token),
    )
    assert saved.status_code == 302
    refused = bob.post(
        url("article", "change", article.pk),
        admin_form_data(form_b, headline="乙的标题", _edit_token=token),
    )
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "保存未成功" in page
    assert "乙的标题" in page
    assert Article.objects.get(pk=article.pk).headline == "甲的标题"
    assert not Version.objects.exists()  # no history machinery on this admin


def test_version_history_mixin_alone_keeps_versions_with_the_note(editor):
    section = SectionFactory(name="要闻")
    client = client_for(editor)
    form = client.get(url("section", "change", section.pk))
    assert "edit_token" not in form.context
    data = admin_form_data(form, name="工会要闻", _revision_comment="改栏目名")
    assert client.post(url("section", "change", section.pk), data).status_code == 302
    [version] = Version.objects.get_for_object(section)
    assert version.revision.comment.startswith("改栏目名")
    history = client.get(url("section", "history", section.pk))
    assert history.status_code == 200
    assert "改栏目名" in history.content.decode()
    data = admin_form_data(client.get(url("section", "change", section.pk)), name="工会新闻")
    client.post(url("section", "change", section.pk), data)
    old, new = Version.objects.get_for_object(section).order_by("pk")
    compare = client.get(url("section", "compare", section.pk), {"a": old.pk, "b": new.pk})
    assert "<del>" in compare.content.decode()
    assert not AuditEntry.objects.exists()


def test_delete_audit_mixin_alone_records_the_delete(editor):
    series = SeriesFactory(title="要删的专题")
    client = client_for(editor)
    response = client.post(url("series", "delete", series.pk), {"post": "yes"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=AuditEntry.Action.DELETE)
    assert entry.object_repr == "要删的专题"
    assert entry.user == editor
    assert not Version.objects.exists()
