"""Reading the search index: one ranked list over every kind of document.

PostgreSQL: the bigram tsvector with its GIN index (see ``search.text``). Ranking is
"whole query in the title (or name, kicker, position) first, then newer first", written as
``(title hits by date) UNION ALL (body-only hits by date) LIMIT n``: PostgreSQL runs the
branches in order and stops as soon as the page is full, so a word found in 100,000
articles costs no more than a rare one. The total is counted up to ``COUNT_CAP`` only; deeper pages are reached with "next".

Other databases (the SQLite default): ``icontains`` over the same table, same ranking.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection
from django.db.models import BooleanField, Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.safestring import mark_safe

from . import registry
from .models import SearchDocument
from .text import Query, highlight, snippet

TABLE = SearchDocument._meta.db_table

PER_PAGE = 20
# Results are counted up to here only ("超过 100 条"): each counted hit may cost a look at
# its tsvector, so an exact count of a word found in 100,000 articles would cost seconds.
COUNT_CAP = 100
MAX_PAGE = 50  # pages beyond are not served (1,000 results)

COLUMNS = [
    "id",
    "kind",
    "object_id",
    "title",
    "subtitle",
    "url",
    "published_at",
    "section_id",
    "body",
]


@dataclass(frozen=True)
class Filters:
    kind: str | None = None
    section_id: int | None = None
    year: int | None = None


@dataclass
class Hit:
    kind: str
    object_id: int
    title: str
    subtitle: str
    url: str
    published_at: datetime | None
    section_id: int | None
    in_title: bool
    title_html: str = ""
    subtitle_html: str = ""
    snippet_html: str = ""
    section_name: str = ""

    @property
    def kind_label(self) -> str:
        return SearchDocument.Kind(self.kind).label


@dataclass
class Results:
    query: Query
    page: int
    hits: list[Hit] = field(default_factory=list)
    count: int = 0
    count_capped: bool = False
    has_next: bool = False

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def num_pages(self) -> int | None:
        """The number of pages, when known (not when the count was capped)."""
        if self.count_capped:
            return None
        return max(1, min(MAX_PAGE, -(-self.count // PER_PAGE)))


def search(query: Query, *, filters: Filters = Filters(), page: int = 1) -> Results:
    """The ``page``-th page of live documents matching every word of ``query``."""
    page = max(1, min(page, MAX_PAGE))
    results = Results(query=query, page=page)
    if query.is_empty:
        return results
    offset = (page - 1) * PER_PAGE
    if connection.vendor == "postgresql":
        rows, count = _search_postgres(query, filters, offset)
    else:
        rows, count = _search_fallback(query, filters, offset)
    results.count = min(count, COUNT_CAP)
    results.count_capped = count > COUNT_CAP
    results.has_next = len(rows) > PER_PAGE and page < MAX_PAGE
    for row in rows[:PER_PAGE]:
        hit = Hit(**{k: row[k] for k in COLUMNS if k not in ("id", "body")}, in_title=row["tier"])
        # Safe: highlight() and snippet() escape every piece of the stored text themselves.
        hit.title_html = mark_safe(highlight(hit.title, query.words))  # noqa: S308
        hit.subtitle_html = mark_safe(highlight(hit.subtitle, query.words))  # noqa: S308
        hit.snippet_html = mark_safe(snippet(row["body"], query.words))  # noqa: S308
        results.hits.append(hit)
    return results


def visible(check: str = "query") -> Q:
    """Documents whose object the public may see right now, by each app's own rule.

    For the kinds checked in the query (``live_check == "query"``): one subquery each.
    The other kinds (articles) pass on the index's ``is_public``/``published_at``; the
    hits on a page are then checked by ``_drop_hidden``.
    """
    condition = Q(pk__in=[])
    for indexer in registry.indexers():
        if indexer.live_check == check:
            live = indexer.live().filter(pk=OuterRef("object_id"))
            condition |= Q(kind=indexer.kind) & Exists(live)
        else:
            condition |= Q(kind=indexer.kind)
    return condition


def _drop_hidden(rows: list[dict]) -> list[dict]:
    """Drop page rows whose object is not live (a row the signals could not update).

    One query per kind checked this way and present on the page (usually just articles).
    """
    hidden = set()
    for indexer in registry.indexers():
        if indexer.live_check != "page":
            continue
        ids = {row["object_id"] for row in rows if row["kind"] == indexer.kind}
        if ids:
            live = set(indexer.live().filter(pk__in=ids).values_list("pk", flat=True))
            hidden |= {(indexer.kind, i) for i in ids - live}
    return [row for row in rows if (row["kind"], row["object_id"]) not in hidden]


def _where_sql(q: Q) -> tuple[str, list]:
    """SQL for ``q`` on the search table (columns qualified with the table name)."""
    qs = SearchDocument.objects.filter(q)
    compiler = qs.query.get_compiler(connection=connection)
    sql, params = compiler.compile(qs.query.where)
    return sql, list(params)


_visible_sql_cache: dict[str, tuple[str, list]] = {}


def _visible_sql() -> tuple[str, list]:
    """``visible()`` as SQL, compiled once per process (it costs a few ms per compile).

    Not cached if a parameter is a date or time (a rule that depends on "now").
    """
    cached = _visible_sql_cache.get(connection.alias)
    if cached is None:
        cached = _where_sql(visible())
        if not any(isinstance(p, date | datetime) for p in cached[1]):
            _visible_sql_cache[connection.alias] = cached
    return cached


def _filter_sql(filters: Filters) -> tuple[str, list]:
    sql, params = "", []
    if filters.kind:
        sql += f" AND {TABLE}.kind = %s"
        params.append(filters.kind)
    if filters.section_id:
        sql += f" AND {TABLE}.section_id = %s"
        params.append(filters.section_id)
    if filters.year:
        sql += f" AND {TABLE}.year = %s"
        params.append(filters.year)
    return sql, params


RECENT_WINDOW = 500  # the newest live documents, tested one by one before GIN is used


def _hits_sql(query: Query, filters: Filters, wanted: int) -> tuple[str, list]:
    """SQL for the first ``wanted`` hits: title hits by date, then body-only hits by date.

    Testing a row's body tsvector means reading it from TOAST (~20 µs), so a plan costs
    the number of rows it tests, and PostgreSQL's estimates for phrases (职工 <-> 工服 <->
    服务) and unseen words can be far off either way. So each tier is read in two parts,
    and the UNION ALL runs them in order, stopping as soon as the outer LIMIT is met:

    - among the newest ``RECENT_WINDOW`` live documents, by date: a common word fills the
      page after a few dozen rows; a rare one costs at most the window;
    - among older documents: reached only for words rare in the window. Ordering by an
      expression keeps PostgreSQL off the date index (which would test every older row
      for a rare word): it takes the GIN index and sorts the few rows it finds.
    """
    tsquery = query.tsquery()
    now = timezone.now()
    where, params = _filter_sql(filters)
    visible_sql, visible_params = _visible_sql()
    pre = f"{TABLE}.is_public AND {TABLE}.published_at <= %s{where}"
    pre_params = [now, *params]
    columns = ", ".join(f"{TABLE}.{c}" for c in COLUMNS if c != "body")
    by_date = f"ORDER BY {TABLE}.published_at DESC, {TABLE}.id DESC"
    recent = f"SELECT * FROM {TABLE} WHERE {pre} {by_date} LIMIT %s"
    recent_params = [*pre_params, RECENT_WINDOW]
    older = (
        f"({TABLE}.published_at, {TABLE}.id) < (SELECT oldest.published_at, oldest.id"
        f" FROM ({recent}) oldest ORDER BY oldest.published_at, oldest.id LIMIT 1)"
    )
    by_date_no_index = f"ORDER BY {TABLE}.published_at + interval '0 seconds' DESC, {TABLE}.id DESC"
    in_title = f"{TABLE}.title_tsv @@ %s::tsquery"
    body_only = f"{TABLE}.tsv @@ %s::tsquery AND NOT ({TABLE}.title_tsv @@ %s::tsquery)"
    # Older title hits: the date conditions as expressions, so PostgreSQL does not AND the
    # GIN bitmap with a bitmap of every live row from the date index (the small, inline
    # title tsvectors are cheap to test whichever way it then reads them).
    pre_title = pre.replace(f"{TABLE}.published_at", f"({TABLE}.published_at + interval '0 s')")
    older_title = older.replace(
        f"({TABLE}.published_at, {TABLE}.id) <",
        f"({TABLE}.published_at + interval '0 s', {TABLE}.id) <",
    )
    branches, sql_params = [], []
    for tier, match, match_params, pre_older, older_cond in (
        ("true", in_title, [tsquery], pre_title, older_title),
        ("false", body_only, [tsquery, tsquery], pre, older),
    ):
        branches.append(
            f"(SELECT {columns}, {tier} AS tier FROM ({recent}) {TABLE}"
            f" WHERE {match} AND {visible_sql} {by_date})"
        )
        sql_params += [*recent_params, *match_params, *visible_params]
        branches.append(
            f"(SELECT {columns}, {tier} AS tier FROM {TABLE}"
            f" WHERE {match} AND {pre_older} AND {visible_sql} AND {older_cond}"
            f" {by_date_no_index} LIMIT %s)"
        )
        sql_params += [*match_params, *pre_params, *visible_params, *recent_params, wanted]
    return f"SELECT * FROM ({' UNION ALL '.join(branches)}) hits", sql_params


def _search_postgres(query: Query, filters: Filters, offset: int):
    """One query finds the page and counts (up to COUNT_CAP); a second fetches the texts.

    The hits are read without their text (it would be read from TOAST and sent for
    every counted row); the texts of the page's rows follow by primary key.
    """
    wanted = max(offset + PER_PAGE + 1, COUNT_CAP + 1)
    sql, params = _hits_sql(query, filters, wanted)
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} LIMIT %s", [*params, wanted])
        names = [c[0] for c in cursor.description]
        found = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
        rows = found[offset : offset + PER_PAGE + 1]
        if rows:
            ids = [row["id"] for row in rows[:PER_PAGE]]
            cursor.execute(f"SELECT id, body FROM {TABLE} WHERE id = ANY(%s)", [ids])
            bodies = dict(cursor.fetchall())
            for row in rows:
                row["body"] = bodies.get(row["id"], "")
    return _drop_hidden(rows), len(found)


def _search_fallback(query: Query, filters: Filters, offset: int):
    qs = SearchDocument.objects.live().filter(visible())
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.section_id:
        qs = qs.filter(section_id=filters.section_id)
    if filters.year:
        qs = qs.filter(year=filters.year)
    in_title = Q()
    for word in query.words:
        title_q = Q(title__icontains=word) | Q(subtitle__icontains=word)
        qs = qs.filter(title_q | Q(body__icontains=word))
        in_title &= title_q
    qs = qs.annotate(
        tier=Case(When(in_title, then=Value(1)), default=Value(0), output_field=IntegerField())
    ).order_by("-tier", "-published_at", "-pk")
    rows = list(qs.values(*COLUMNS, "tier")[offset : offset + PER_PAGE + 1])
    for row in rows:
        row["tier"] = bool(row["tier"])
    if offset == 0 and len(rows) <= PER_PAGE:
        count = len(rows)
    else:
        count = qs.order_by()[: COUNT_CAP + 1].count()
    return _drop_hidden(rows), count


def matching_object_ids(query: Query, kind: str):
    """A subquery of the ids of every ``kind`` object matching ``query``, public or not.

    For the admin's search box: staff find drafts and withdrawn reports too.
    """
    docs = SearchDocument.objects.filter(kind=kind)
    if query.is_empty:
        return docs.none().values("object_id")
    if connection.vendor == "postgresql":
        docs = docs.filter(
            RawSQL("tsv @@ %s::tsquery", [query.tsquery()], output_field=BooleanField())
        )
    else:
        for word in query.words:
            docs = docs.filter(
                Q(title__icontains=word) | Q(subtitle__icontains=word) | Q(body__icontains=word)
            )
    return docs.values("object_id")
