"""Backups: a small site goes into an archive and comes back, every row and every file."""

import hashlib
import io
import json
import tarfile

import pytest
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, Credit
from audit.models import AuditEntry
from core.backup import backup_site, read_manifest, restore_site, row_counts
from photos.models import Photo
from tests.factories import ArticleFactory, CreditFactory, UserFactory

pytestmark = pytest.mark.django_db


def every_row() -> dict[str, list]:
    """All rows of all tables, serialized, keyed by model (what the site holds)."""
    from django.apps import apps

    rows = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        rows[model._meta.label_lower] = sorted(
            serializers.serialize("json", model._base_manager.order_by("pk")).split("}, {")
        )
    return rows


def every_file(root) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def small_site(settings, editor):
    photo = Photo(caption="会议现场", credit="珠江时报记者 穆纪武 摄")
    photo.image.save("meeting.jpg", ContentFile(b"\xff\xd8\xff fake jpeg bytes " * 50), save=False)
    photo.save()
    (settings.MEDIA_ROOT / "documents").mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "documents" / "通知.pdf").write_bytes(b"%PDF-1.4 notice")
    for i in range(3):
        article = ArticleFactory(headline=f"备份测试报道{i}", author=editor)
        CreditFactory(article=article, name=f"记者{i}")
    AuditEntry.objects.create(action="publish", username="editor", object_repr="备份测试报道0")
    return settings.MEDIA_ROOT


def test_backup_and_restore_round_trip_every_row_and_file(small_site, tmp_path):
    rows_before, files_before = every_row(), every_file(small_site)
    assert len(files_before) >= 2

    result = backup_site(directory=tmp_path / "backups")
    assert result.path.name.startswith("nanhai-")
    assert result.path.suffixes == [".tar", ".gz"]
    manifest = read_manifest(result.path)
    assert manifest["files"] == files_before
    assert manifest["rows"]["articles.article"] == 3

    # Disaster: reports deleted, one edited, a file lost, another overwritten, junk added.
    Article.objects.filter(headline="备份测试报道1").delete()
    Article.objects.filter(headline="备份测试报道2").update(headline="被改坏的标题")
    UserFactory(username="intruder")
    lost = next(iter(files_before))
    (small_site / lost).unlink()
    (small_site / "documents" / "通知.pdf").write_bytes(b"overwritten")
    (small_site / "junk.txt").write_text("not in the backup")

    restore_site(archive_path=result.path, clean_media=True)

    assert every_row() == rows_before
    assert every_file(small_site) == files_before
    assert Credit.objects.count() == 3
    assert not Article.objects.filter(headline="被改坏的标题").exists()
    # New rows after the restore get fresh ids (sequences are reset past the loaded rows).
    assert ArticleFactory(headline="恢复后的新稿").pk > max(
        Article.objects.exclude(headline="恢复后的新稿").values_list("pk", flat=True)
    )


def test_a_damaged_archive_changes_nothing(small_site, tmp_path):
    result = backup_site(directory=tmp_path)
    counts = row_counts()
    broken = tmp_path / "broken.tar.gz"
    with tarfile.open(result.path, "r:gz") as src, tarfile.open(broken, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read() if member.isfile() else None
            if member.name == "data.json":
                data = data.replace("备份测试报道0".encode(), "篡改".encode())
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data) if data is not None else None)
    Article.objects.filter(headline="备份测试报道0").update(headline="当前内容")
    with pytest.raises(Exception, match="已损坏"):
        restore_site(archive_path=broken)
    assert row_counts() == counts
    assert Article.objects.filter(headline="当前内容").exists()


def test_commands_back_up_to_a_dated_archive_and_restore_the_newest(small_site, tmp_path, settings):
    settings.BACKUP_DIR = tmp_path / "var-backups"
    out = io.StringIO()
    call_command("backup_site", stdout=out)
    archives = list(settings.BACKUP_DIR.glob("nanhai-*.tar.gz"))
    assert len(archives) == 1
    assert str(archives[0]) in out.getvalue()
    Article.objects.all().delete()
    out = io.StringIO()
    call_command("restore_site", "--yes", stdout=out)
    assert "已从" in out.getvalue()
    assert Article.objects.count() == 3
    manifest = json.loads(tarfile.open(archives[0]).extractfile("manifest.json").read())
    assert manifest["database_vendor"] in {"sqlite", "postgresql"}


def test_restore_refuses_without_a_backup(tmp_path, settings):
    settings.BACKUP_DIR = tmp_path / "empty"
    with pytest.raises(CommandError, match="没有备份文件"):
        call_command("restore_site", "--yes")
