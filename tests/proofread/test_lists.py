"""The word lists in the admin: editors add and change them (reporters read, crafted POSTs
refused), every change reaches the next check, and lists travel as spreadsheets."""

import io

import pytest
from django.urls import reverse

from articles import services
from articles.models import Article
from proofread import lists, spreadsheet
from proofread.models import Entry
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def add_url():
    return reverse("admin:proofread_entry_add")


def entry_data(**overrides):
    data = {
        "wrong": "总公会",
        "right": "总工会",
        "kind": "norm",
        "severity": "serious",
        "note": "",
        "exceptions": "",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_the_default_list_is_installed_by_the_migration():
    assert Entry.objects.count() >= 300
    entry = Entry.objects.get(wrong="再接再励")
    assert (entry.right, entry.kind, entry.severity) == ("再接再厉", "typo", "serious")
    assert lists.current_version() >= 1


def test_an_editor_adds_entries_and_the_next_check_uses_them(client, editor):
    Entry.objects.filter(wrong="总公会").delete()
    lists.bump_version()
    client.force_login(editor)
    response = client.post(add_url(), entry_data())
    assert response.status_code == 302
    response = client.post(
        add_url(),
        entry_data(wrong="某某违禁词", right="", kind="banned", note="不得出现"),
    )
    assert response.status_code == 302
    banned = Entry.objects.get(wrong="某某违禁词")
    assert banned.updated_by == editor
    article = ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, body="<p>出现某某违禁词。</p>"
    )
    with pytest.raises(Exception, match="某某违禁词"):
        services.article_publish(article=article, user=editor)


def test_a_reporter_reads_the_lists_but_cannot_change_them(client, reporter):
    client.force_login(reporter)
    listing = client.get(reverse("admin:proofread_entry_changelist") + "?q=再接再励")
    assert listing.status_code == 200
    assert "再接再励" in listing.content.decode()
    assert client.post(add_url(), entry_data(wrong="新词条")).status_code == 403
    entry = Entry.objects.get(wrong="再接再励")
    change = reverse("admin:proofread_entry_change", args=[entry.pk])
    client.post(change, entry_data(wrong="再接再励", right="改坏"))
    delete = reverse("admin:proofread_entry_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    imported = client.post(reverse("admin:proofread_entry_import"), {"file": io.BytesIO(b"x")})
    assert imported.status_code == 403
    entry.refresh_from_db()
    assert entry.right == "再接再厉"
    assert not Entry.objects.filter(wrong="新词条").exists()


def test_changing_an_entry_raises_the_version_and_recompiles(editor):
    from proofread.services import entry_save

    before = lists.current_version()
    matcher = lists.get_matcher()
    entry = Entry(wrong="测试错词", right="测试正词", kind="typo", severity="hint")
    entry_save(entry=entry, user=editor)
    assert lists.current_version() == before + 1
    again = lists.get_matcher()
    assert again is not matcher
    assert [h[2].wrong for h in again.find("这是测试错词")] == ["测试错词"]
    assert lists.get_matcher() is again  # compiled once per version


def test_export_and_import_round_trip_as_excel_and_csv(client, editor):
    client.force_login(editor)
    export = reverse("admin:proofread_entry_export")
    xlsx = client.get(export)
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = spreadsheet.read(xlsx.content, "list.xlsx")
    assert len(rows) == Entry.objects.count()
    csv_response = client.get(export + "?format=csv")
    assert csv_response.content.startswith("\ufeff错误写法".encode())
    assert spreadsheet.read(csv_response.content, "list.csv") == rows

    other_office = (
        "错误写法,正确写法,类型,程度,说明,例外,启用\n"
        "狮山总工会,狮山镇总工会,规范表述,提示,正式名称,,是\n"
        "再接再励,再接再厉,错别字,提示,改为提示,,是\n"
    ).encode()
    response = client.post(
        reverse("admin:proofread_entry_import"),
        {"file": _upload(other_office, "office.csv")},
    )
    assert response.status_code == 302
    assert Entry.objects.get(wrong="狮山总工会").right == "狮山镇总工会"
    assert Entry.objects.get(wrong="再接再励").severity == "hint"


def test_a_bad_spreadsheet_imports_nothing_and_names_the_rows(client, editor):
    client.force_login(editor)
    bad = (
        "错误写法,正确写法,类型,程度,说明,例外,启用\n"
        "好词条,好,错别字,严重,,,是\n"
        ",空的,错别字,严重,,,是\n"
        "坏类型,x,不知道,严重,,,是\n"
    ).encode()
    response = client.post(
        reverse("admin:proofread_entry_import"), {"file": _upload(bad, "bad.csv")}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "第 3 行" in html
    assert "第 4 行" in html
    assert not Entry.objects.filter(wrong="好词条").exists()
    not_a_sheet = client.post(
        reverse("admin:proofread_entry_import"), {"file": _upload(b"%PDF-1.4", "x.pdf")}
    )
    assert not_a_sheet.status_code == 400


def _upload(data, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_entry_admin_pages_load_for_an_editor(client, editor):
    client.force_login(editor)
    entry = Entry.objects.get(wrong="再接再励")
    for url in (
        reverse("admin:proofread_entry_changelist") + "?q=再接",
        reverse("admin:proofread_entry_add"),
        reverse("admin:proofread_entry_change", args=[entry.pk]),
        reverse("admin:proofread_entry_import"),
        reverse("admin:proofread_sweep_changelist"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert (
        "再接再励"
        in client.get(reverse("admin:proofread_entry_changelist") + "?q=再接").content.decode()
    )
