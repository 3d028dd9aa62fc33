"""Writing the search index: one object at a time (on save) or everything (rebuild)."""

import contextlib
import time
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from . import registry
from .models import SearchDocument
from .text import tsvector_literal

UPDATE_FIELDS = [
    "title",
    "subtitle",
    "body",
    "url",
    "section",
    "year",
    "published_at",
    "is_public",
    "title_tsv",
    "tsv",
    "indexed_at",
]


def vectors(doc: registry.Doc) -> tuple[str, str]:
    """The title and full tsvector literals of ``doc`` (pure Python: runs in workers)."""
    heading = f"{doc.title} {doc.subtitle}"
    return tsvector_literal((heading, "A")), tsvector_literal((heading, "A"), (doc.body, "D"))


def build_row(
    kind: str, object_id: int, doc: registry.Doc, tsvs: tuple[str, str] | None = None
) -> SearchDocument:
    """The index row for one document; the tsvectors only on PostgreSQL."""
    published_at = doc.published_at
    postgres = connection.vendor == "postgresql"
    if postgres and tsvs is None:
        tsvs = vectors(doc)
    return SearchDocument(
        kind=kind,
        object_id=object_id,
        title=doc.title[:300],
        subtitle=doc.subtitle[:500],
        body=doc.body,
        url=doc.url,
        section_id=doc.section_id,
        year=doc.year or (timezone.localtime(published_at).year if published_at else None),
        published_at=published_at,
        is_public=doc.is_public,
        title_tsv=tsvs[0] if postgres else None,
        tsv=tsvs[1] if postgres else None,
        indexed_at=timezone.now(),
    )


def _upsert(rows: list[SearchDocument]) -> None:
    if rows:
        SearchDocument.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["kind", "object_id"],
            update_fields=UPDATE_FIELDS,
        )


@transaction.atomic
def index_objects(*, kind: str, ids: Iterable[int]) -> int:
    """(Re)index these objects of ``kind``; ids that no longer exist leave the index."""
    ids = {i for i in ids if i is not None}
    if not ids:
        return 0
    indexer = registry.get(kind)
    objects = list(indexer.queryset().filter(pk__in=ids))
    _upsert([build_row(kind, obj.pk, indexer.document(obj)) for obj in objects])
    gone = ids - {obj.pk for obj in objects}
    if gone:
        remove_objects(kind=kind, ids=gone)
    return len(objects)


def remove_objects(*, kind: str, ids: Iterable[int]) -> None:
    SearchDocument.objects.filter(kind=kind, object_id__in=list(ids)).delete()


# The GIN indexes of the migration (0001_initial), rebuilt in one pass by a fresh rebuild.
GIN_INDEXES = {"search_doc_tsv_gin": "tsv", "search_doc_title_tsv_gin": "title_tsv"}


@contextlib.contextmanager
def _bulk_load(fresh: bool):
    """Make a large rebuild fast on PostgreSQL.

    Fresh (the index is empty): drop the GIN indexes and build them once at the end, which
    is far faster than inserting row by row. Otherwise (the site keeps searching the old
    rows): let GIN queue new entries in its pending list while the batches run, then merge
    them in one go and switch back to immediate updates.
    """
    if connection.vendor != "postgresql":
        yield
        return
    table = SearchDocument._meta.db_table
    with connection.cursor() as cursor:
        if fresh:
            for name in GIN_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
        else:
            for name in GIN_INDEXES:
                cursor.execute(f"ALTER INDEX {name} SET (fastupdate = on)")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if fresh:
                cursor.execute("SET maintenance_work_mem = '256MB'")
                for name, column in GIN_INDEXES.items():
                    cursor.execute(
                        f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column})"
                        " WITH (fastupdate = off)"
                    )
                cursor.execute("RESET maintenance_work_mem")
            else:
                for name in GIN_INDEXES:
                    cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])
                    cursor.execute(f"ALTER INDEX {name} SET (fastupdate = off)")
            cursor.execute(f"ANALYZE {table}")


def rebuild(
    *,
    kinds: Iterable[str] | None = None,
    batch_size: int = 1000,
    workers: int = 1,
    stdout=None,
) -> dict:
    """Rebuild the index of ``kinds`` (all by default), batch by batch.

    Each batch is its own transaction, so the site keeps searching (old rows, then new
    ones) while a large rebuild runs. Rows of objects that no longer exist are removed.
    With ``workers`` > 1 the tokenizing (the bulk of the time) runs in that many processes.
    """
    selected = [i for i in registry.indexers() if not kinds or i.kind in kinds]
    fresh = not SearchDocument.objects.exists()
    counts = {}
    pool = None
    if workers > 1 and connection.vendor == "postgresql":
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # Forked workers only run pure Python (vectors()); they never touch the database.
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    try:
        with _bulk_load(fresh):
            for indexer in selected:
                counts[indexer.kind] = _rebuild_kind(indexer, batch_size, fresh, pool, stdout)
    finally:
        if pool is not None:
            pool.shutdown()
    return counts


def _rebuild_kind(indexer, batch_size: int, fresh: bool, pool, stdout) -> int:
    started = time.monotonic()
    count = 0
    last_pk = None
    while True:
        qs = indexer.queryset().order_by("pk")
        if last_pk is not None:
            qs = qs.filter(pk__gt=last_pk)
        batch = list(qs[:batch_size])
        if not batch:
            break
        docs = [indexer.document(obj) for obj in batch]
        if pool is not None:
            tsvs = list(pool.map(vectors, docs, chunksize=max(1, len(docs) // 16)))
        else:
            tsvs = [None] * len(docs)
        rows = [
            build_row(indexer.kind, obj.pk, doc, vec)
            for obj, doc, vec in zip(batch, docs, tsvs, strict=True)
        ]
        with transaction.atomic():
            if fresh:
                SearchDocument.objects.bulk_create(rows)
            else:
                _upsert(rows)
                # Drop rows of deleted objects within this batch's id range.
                stale = SearchDocument.objects.filter(
                    kind=indexer.kind, object_id__lte=batch[-1].pk
                ).exclude(object_id__in=[obj.pk for obj in batch])
                if last_pk is not None:
                    stale = stale.filter(object_id__gt=last_pk)
                stale.delete()
        last_pk = batch[-1].pk
        count += len(batch)
        if stdout and count % (batch_size * 10) == 0:
            stdout.write(f"  {indexer.kind}: {count} …")
    tail = SearchDocument.objects.filter(kind=indexer.kind)
    if last_pk is not None:
        tail = tail.filter(object_id__gt=last_pk)
    tail.delete()
    if stdout:
        stdout.write(f"{indexer.kind}: {count} 条，用时 {time.monotonic() - started:.1f} 秒")
    return count
