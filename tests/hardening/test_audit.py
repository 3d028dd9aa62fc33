"""The audit trail: publish, withdraw, delete, permission changes, lockouts; read-only."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.models import Article
from audit.models import AuditEntry
from core.roles import EDITOR, REPORTER
from tests.admin_utils import admin_form_data
from tests.factories import ArticleFactory, UserFactory

from .conftest import article_url, client_for

pytestmark = pytest.mark.django_db
Action = AuditEntry.Action


def test_publishing_from_the_form_is_logged_with_who_and_ip(editor):
    article = ArticleFactory(
        headline="待审稿件", status=Article.Status.SUBMITTED, published_at=None
    )
    client = client_for(editor)
    form = client.get(article_url("change", article.pk))
    data = admin_form_data(form, _edit_token=form.context["edit_token"], _publish="保存并发布")
    client.post(article_url("change", article.pk), data, REMOTE_ADDR="10.1.2.3")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    entry = AuditEntry.objects.get(action=Action.PUBLISH)
    assert entry.user == editor
    assert entry.username == "editor"
    assert entry.ip_address == "10.1.2.3"
    assert entry.object_type == "articles.article"
    assert entry.object_id == str(article.pk)
    assert entry.object_repr == "待审稿件"
    assert "待审 → 已发布" in entry.detail


def test_bulk_withdraw_logs_each_article(editor):
    live = ArticleFactory.create_batch(2)
    client = client_for(editor)
    client.post(
        article_url("changelist"),
        {"action": "withdraw_selected", "_selected_action": [a.pk for a in live]},
    )
    entries = AuditEntry.objects.filter(action=Action.WITHDRAW)
    assert sorted(int(e.object_id) for e in entries) == sorted(a.pk for a in live)
    assert all(e.user == editor for e in entries)


def test_bulk_delete_is_logged(editor):
    doomed = ArticleFactory(headline="要删除的稿")
    client = client_for(editor)
    client.post(
        article_url("changelist"),
        {"action": "delete_selected", "_selected_action": [doomed.pk], "post": "yes"},
    )
    assert not Article.objects.filter(pk=doomed.pk).exists()
    assert AuditEntry.objects.get(action=Action.DELETE).object_repr == "要删除的稿"


def test_giving_a_user_a_role_is_logged(superuser):
    target = UserFactory(username="xiaoli", is_staff=True)
    client = client_for(superuser)
    url = reverse("admin:auth_user_change", args=[target.pk])
    form = client.get(url)
    editor_group = Group.objects.get(name=EDITOR)
    data = admin_form_data(form, groups=[str(editor_group.pk)], is_superuser="on")
    response = client.post(url, data)
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=Action.PERMISSIONS)
    assert entry.object_repr == "xiaoli"
    assert entry.user == superuser
    assert "增加 编辑" in entry.detail
    assert "超级用户:False → True" in entry.detail


def test_changing_a_roles_permissions_is_logged(superuser):
    group = Group.objects.get(name=REPORTER)
    client = client_for(superuser)
    url = reverse("admin:auth_group_change", args=[group.pk])
    form = client.get(url)
    data = admin_form_data(form)
    removed = data["permissions"].pop()
    assert client.post(url, data).status_code == 302
    entry = AuditEntry.objects.get(action=Action.PERMISSIONS)
    assert entry.object_repr == REPORTER
    assert "去掉" in entry.detail
    assert not group.permissions.filter(pk=removed).exists()


def test_editors_read_the_log_but_nobody_can_change_it(editor, reporter, superuser):
    entry = AuditEntry.objects.create(action=Action.PUBLISH, username="editor", object_repr="某文")
    listing = client_for(editor).get(reverse("admin:audit_auditentry_changelist"))
    assert listing.status_code == 200
    assert "某文" in listing.content.decode()
    for user in (editor, superuser):
        client = client_for(user)
        assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
        detail = client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
        assert detail.status_code == 200
        assert 'name="_save"' not in detail.content.decode()
        client.post(reverse("admin:audit_auditentry_change", args=[entry.pk]), {"username": "x"})
        assert (
            client.get(reverse("admin:audit_auditentry_delete", args=[entry.pk])).status_code == 403
        )
    entry.refresh_from_db()
    assert entry.username == "editor"
    assert client_for(reporter).get(reverse("admin:audit_auditentry_changelist")).status_code == 403
