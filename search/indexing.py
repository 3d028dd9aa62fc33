"""Writing the search index: one object at a time (on save) or everything (rebuild)."""

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


def build_row(kind: str, object_id: int, doc: registry.Doc) -> SearchDocument:
    """The index row for one document; the tsvectors only on PostgreSQL."""
    published_at = doc.published_at
    postgres = connection.vendor == "postgresql"
    return SearchDocument(
        kind=kind,
        object_id=object_id,
        title=doc.title[:300],
        subtitle=doc.subtitle[:500],
        body=doc.body,
        url=doc.url,
        section_id=doc.section_id,
        year=timezone.localtime(published_at).year if published_at else None,
        published_at=published_at,
        is_public=doc.is_public,
        title_tsv=tsvector_literal((f"{doc.title} {doc.subtitle}", "A")) if postgres else None,
        tsv=(
            tsvector_literal((f"{doc.title} {doc.subtitle}", "A"), (doc.body, "D"))
            if postgres
            else None
        ),
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


def rebuild(*, kinds: Iterable[str] | None = None, batch_size: int = 1000, stdout=None) -> dict:
    """Rebuild the index of ``kinds`` (all by default), batch by batch.

    Each batch is its own transaction, so the site keeps searching (old rows, then new
    ones) while a large rebuild runs. Rows of objects that no longer exist are removed.
    """
    counts = {}
    for indexer in registry.indexers():
        if kinds and indexer.kind not in kinds:
            continue
        started = time.monotonic()
        count = 0
        last_pk = None
        seen_max = None
        while True:
            qs = indexer.queryset().order_by("pk")
            if last_pk is not None:
                qs = qs.filter(pk__gt=last_pk)
            batch = list(qs[:batch_size])
            if not batch:
                break
            rows = [build_row(indexer.kind, obj.pk, indexer.document(obj)) for obj in batch]
            with transaction.atomic():
                _upsert(rows)
                # Drop rows of deleted objects within this batch's id range.
                stale = SearchDocument.objects.filter(kind=indexer.kind).exclude(
                    object_id__in=[obj.pk for obj in batch]
                )
                if last_pk is not None:
                    stale = stale.filter(object_id__gt=last_pk)
                stale.filter(object_id__lte=batch[-1].pk).delete()
            last_pk = seen_max = batch[-1].pk
            count += len(batch)
            if stdout and count % (batch_size * 10) == 0:
                stdout.write(f"  {indexer.kind}: {count} …")
        tail = SearchDocument.objects.filter(kind=indexer.kind)
        if seen_max is not None:
            tail = tail.filter(object_id__gt=seen_max)
        tail.delete()
        counts[indexer.kind] = count
        if stdout:
            stdout.write(f"{indexer.kind}: {count} 条,用时 {time.monotonic() - started:.1f} 秒")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchdocument")
    return counts
