"""Site backups: the whole database (Django's dumpdata) and the media files in one archive.

An archive ``var/backups/nanhai-YYYYmmdd-HHMMSS.tar.gz`` holds:

- ``manifest.json``: when, from which database engine, the applied migrations, the number
  of rows per table and the SHA-256 of every file;
- ``data.json``: every row of every table (primary keys kept), portable between SQLite and
  PostgreSQL;
- ``media/...``: every uploaded file.

Files are read and written through Django's storage API (a folder or an object-store
bucket alike); the archive goes to the ``backups`` storage when one is configured (a
private bucket, ``DJANGO_BACKUP_BUCKET``), else to ``var/backups/``.

Restoring checks the archive against its manifest, empties the database and loads the rows
in one transaction (nothing changes if anything fails), then puts the files back.
"""

import hashlib
import io
import json
import tarfile
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage, storages
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils import timezone
from reversion.utils import mute_signals

from .storage import walk

FORMAT_VERSION = 1


class BackupError(Exception):
    pass


@dataclass
class BackupResult:
    path: Path  # a local file, or the archive's name in the backups bucket
    rows: int
    files: int


def default_backup_dir() -> Path:
    return Path(getattr(settings, "BACKUP_DIR", settings.VAR_DIR / "backups"))


def backup_storage(directory: Path | None = None):
    """Where archives go: ``directory``, else the configured ``backups`` storage (a
    private bucket), else ``var/backups/``."""
    if directory is None and "backups" in settings.STORAGES:
        return storages["backups"]
    return FileSystemStorage(location=str(directory or default_backup_dir()))


def list_archives(storage) -> list[str]:
    """Archive names in ``storage``, oldest first (names carry their date)."""
    try:
        _dirs, files = storage.listdir("")
    except FileNotFoundError:
        return []
    return sorted(f for f in files if f.startswith("nanhai-") and f.endswith(".tar.gz"))


def _copy_to_temp(storage, name: str, folder: Path) -> Path:
    """Stream a stored file into ``folder`` (never whole into memory)."""
    target = folder / "file"
    with storage.open(name, "rb") as source, target.open("wb") as out:
        for chunk in iter(lambda: source.read(1024 * 1024), b""):
            out.write(chunk)
    return target


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _applied_migrations(using: str) -> list[str]:
    recorder = MigrationRecorder(connections[using])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def row_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        counts[model._meta.label_lower] = model._base_manager.using(using).count()
    return counts


def backup_site(
    *, directory: Path | None = None, using: str = DEFAULT_DB_ALIAS, media_storage=None
) -> BackupResult:
    """Write a dated archive of the database and the media files; return where it is."""
    media = media_storage or default_storage
    destination = backup_storage(directory)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    target = f"nanhai-{stamp}.tar.gz"
    suffix = 1
    while destination.exists(target):
        suffix += 1
        target = f"nanhai-{stamp}-{suffix}.tar.gz"

    with tempfile.TemporaryDirectory() as tmp:
        data_path = Path(tmp) / "data.json"
        # One snapshot of the database: a repeatable-read transaction on PostgreSQL.
        connection = connections[using]
        outermost = not connection.in_atomic_block
        with transaction.atomic(using=using):
            if outermost and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            call_command(
                "dumpdata",
                all=True,  # base managers: no row hidden by a custom manager
                database=using,
                output=str(data_path),
                indent=None,
                verbosity=0,
            )
            counts = row_counts(using)
            migrations = _applied_migrations(using)
        names = list(walk(media))
        files = {}
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database_vendor": connections[using].vendor,
            "migrations": migrations,
            "rows": counts,
            "data_sha256": _sha256(data_path),
            "files": files,
        }
        partial = Path(tmp) / target
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(data_path, arcname="data.json")
            for name in names:
                copy = _copy_to_temp(media, name, Path(tmp))
                files[name] = _sha256(copy)
                archive.add(copy, arcname=f"media/{name}")
                copy.unlink()
            # Last, so that it lists exactly the files in the archive.
            payload = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(payload)
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(payload))
        # Written whole, under its final name only once complete.
        with partial.open("rb") as handle:
            saved = destination.save(target, File(handle))
    if isinstance(destination, FileSystemStorage):
        path = Path(destination.path(saved))
    else:
        path = Path(saved)
    return BackupResult(path=path, rows=sum(counts.values()), files=len(files))


def fetch_archive(archive_path: Path, folder: Path) -> Path:
    """A local copy of the archive: the file itself, or a download from the backups bucket."""
    archive_path = Path(archive_path)
    if archive_path.exists():
        return archive_path
    storage = backup_storage()
    if not isinstance(storage, FileSystemStorage) and storage.exists(archive_path.name):
        copy = _copy_to_temp(storage, archive_path.name, folder)
        return copy.rename(folder / archive_path.name)
    raise BackupError(f"找不到备份文件 {archive_path}。")


def read_manifest(archive_path: Path) -> dict:
    with tarfile.open(archive_path, "r:gz") as archive:
        member = archive.extractfile("manifest.json")
        if member is None:
            raise BackupError("备份文件里没有 manifest.json。")
        return json.load(member)


def restore_site(
    *,
    archive_path: Path,
    using: str = DEFAULT_DB_ALIAS,
    media_storage=None,
    clean_media: bool = False,
) -> dict:
    """Replace the database and the media files by the archive's. Returns the manifest."""
    media = media_storage or default_storage

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        archive_path = fetch_archive(archive_path, tmp)
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(tmp, filter="data")  # refuses absolute paths and ".." tricks
        manifest = json.loads((tmp / "manifest.json").read_text())
        if manifest.get("format") != FORMAT_VERSION:
            raise BackupError("备份文件的格式版本不认识。")
        data_path = tmp / "data.json"
        if _sha256(data_path) != manifest["data_sha256"]:
            raise BackupError("备份中的数据文件已损坏（校验值不符），未做任何改动。")
        for name, digest in manifest["files"].items():
            path = tmp / "media" / name
            if not path.is_file() or _sha256(path) != digest:
                raise BackupError(f"备份中的文件 {name} 缺失或已损坏，未做任何改动。")
        missing = sorted(set(manifest["migrations"]) - set(_applied_migrations(using)))
        if missing:
            raise BackupError(
                "当前数据库的结构比备份旧，请先运行 manage.py migrate；缺少："
                + ", ".join(missing[:5])
            )

        connection = connections[using]
        with transaction.atomic(using=using):
            if connection.vendor == "postgresql":
                # Settle foreign-key checks still pending in this transaction: PostgreSQL
                # refuses to TRUNCATE a table with pending trigger events.
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            call_command(
                "flush", database=using, interactive=False, inhibit_post_migrate=True, verbosity=0
            )
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            # The archive holds every row, derived ones (search index, ...) included: model
            # signals must not add rows of their own while it loads.
            with mute_signals(pre_save, post_save, m2m_changed, pre_delete, post_delete):
                call_command("loaddata", str(data_path), database=using, verbosity=0)
            counts = row_counts(using)
            wrong = {
                label: (n, counts.get(label))
                for label, n in manifest["rows"].items()
                if counts.get(label) != n
            }
            if wrong:
                raise BackupError(f"恢复后的行数与备份不符，已撤销：{wrong}")
        ContentType.objects.clear_cache()

        if clean_media:
            for name in list(walk(media)):
                if name not in manifest["files"]:
                    media.delete(name)
        for name in manifest["files"]:
            if media.exists(name):
                media.delete(name)
            with (tmp / "media" / name).open("rb") as handle:
                saved = media.save(name, File(handle))
            if saved != name:
                raise BackupError(f"文件 {name} 未能按原名放回（存为 {saved}）。")
    return manifest


def count_rows_in(manifest: dict) -> int:
    return sum(Counter(manifest["rows"]).values())
