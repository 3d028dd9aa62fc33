"""全站巡查: after a list change it finds exactly the published articles that contain the new
entry (checked against a plain substring scan), in batches that can be stopped and resumed,
from the command or the admin page."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article
from proofread import lists, services
from proofread.models import Entry, Sweep
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
WORD = "职工书屋"


def make_articles():
    articles = []
    for n in range(23):
        body = f"<p>第{n}篇：南海区总工会服务职工。</p>"
        if n % 3 == 0:
            body += f"<p>新建<strong>职工</strong>书屋{n}间。</p>"  # split by a tag: still found
        elif n % 5 == 0:
            body += f"<p>{WORD}开放。</p>"
        articles.append(ArticleFactory(body=body))
    ArticleFactory(status=Article.Status.DRAFT, published_at=None, body=f"<p>{WORD}</p>")
    ArticleFactory(status=Article.Status.WITHDRAWN, body=f"<p>{WORD}</p>")
    return articles


def add_entry():
    Entry.objects.create(wrong=WORD, right="职工书屋（示例）", kind="hint", severity="hint")
    lists.bump_version()


def expected_ids():
    """The plain scan: published articles whose text contains the word."""
    from core.html import html_to_text

    return {
        str(a.pk)
        for a in Article.objects.filter(status=Article.Status.PUBLISHED)
        if WORD in html_to_text(a.body).replace(" ", "") or WORD in a.headline
    }


def test_a_sweep_finds_exactly_the_published_articles_with_the_new_entry(editor):
    make_articles()
    add_entry()
    sweep = services.sweep_start(user=editor)
    sweep = services.sweep_run(sweep=sweep, batch_size=5)
    assert sweep.status == Sweep.Status.DONE
    assert sweep.checked == Article.objects.filter(status=Article.Status.PUBLISHED).count()
    found = {f.object_id for f in sweep.findings.all()}
    assert found == expected_ids()
    assert len(found) == 11
    assert sweep.found == 11
    assert sweep.findings.first().hits[0]["found"] == WORD


def test_a_sweep_stops_and_resumes_where_it_stopped(editor):
    make_articles()
    add_entry()
    sweep = services.sweep_start(user=editor)
    services.sweep_step(sweep=sweep, batch_size=5)
    services.sweep_step(sweep=sweep, batch_size=5)
    sweep = services.sweep_stop(sweep=sweep, user=editor)
    assert sweep.status == Sweep.Status.STOPPED
    assert sweep.checked == 10
    assert services.sweep_run(sweep=sweep).checked == 10  # stopped: nothing runs
    services.sweep_resume(sweep=sweep, user=editor)
    sweep = services.sweep_run(sweep=sweep, batch_size=5)
    assert sweep.status == Sweep.Status.DONE
    assert {f.object_id for f in sweep.findings.all()} == expected_ids()
    assert sweep.findings.count() == len(expected_ids())  # nothing counted twice


def test_the_command_runs_a_sweep_and_lists_the_findings():
    make_articles()
    add_entry()
    out = StringIO()
    call_command("proofread_sweep", "--batch-size", "7", stdout=out, stderr=StringIO())
    text = out.getvalue()
    assert "已完成：已检查 23 篇，发现 11 篇有问题" in text
    assert WORD in text
    call_command("proofread_sweep", "--stop", stdout=out)
    assert "没有正在进行的巡查" in out.getvalue()


def test_the_admin_page_starts_shows_progress_and_findings(client, editor):
    make_articles()
    add_entry()
    client.force_login(editor)
    response = client.post(reverse("admin:proofread_sweep_start"))
    sweep = Sweep.objects.get()
    assert response["Location"] == reverse("admin:proofread_sweep_run", args=[sweep.pk])
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "<progress" in html
    sweep.refresh_from_db()
    assert sweep.status == Sweep.Status.DONE
    assert "已完成：已检查 23 / 23 篇，发现 11 篇有问题" in html
    assert f"<mark>{WORD}</mark>" in html


def test_a_running_sweep_page_refreshes_itself_and_can_be_paused(client, editor, monkeypatch):
    from proofread import admin as proofread_admin

    make_articles()
    monkeypatch.setattr(proofread_admin, "SWEEP_SECONDS_PER_PAGE", 0)
    client.force_login(editor)
    client.post(reverse("admin:proofread_sweep_start"))
    sweep = Sweep.objects.get()
    url = reverse("admin:proofread_sweep_run", args=[sweep.pk])
    page = client.get(url)
    assert '<meta http-equiv="refresh" content="1">' in page.content.decode()
    client.post(url, {"_stop": "1"})
    sweep.refresh_from_db()
    assert sweep.status == Sweep.Status.STOPPED
    assert "继续巡查" in client.get(url).content.decode()
    client.post(url, {"_resume": "1"})
    sweep.refresh_from_db()
    assert sweep.status == Sweep.Status.RUNNING


def test_reporters_cannot_see_or_start_sweeps(client, reporter):
    client.force_login(reporter)
    assert client.post(reverse("admin:proofread_sweep_start")).status_code == 403
    assert client.get(reverse("admin:proofread_sweep_changelist")).status_code == 403
    assert not Sweep.objects.exists()
