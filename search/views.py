from django.db.models import Min
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from articles.models import Section

from .models import SearchDocument
from .query import MAX_PAGE, Filters
from .query import search as run_search
from .text import parse_query


def _int(value, lo, hi):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if lo <= number <= hi else None


@require_GET
def search(request):
    """全站搜索: articles, profiles, plans and tasks in one ranked list."""
    query = parse_query(request.GET.get("q"))
    sections = list(Section.objects.only("name"))
    first = SearchDocument.objects.filter(is_public=True).aggregate(first=Min("published_at"))
    this_year = timezone.localdate().year
    first_year = timezone.localtime(first["first"]).year if first["first"] else this_year
    years = list(range(this_year, first_year - 1, -1))

    kind = request.GET.get("type")
    section_id = _int(request.GET.get("section"), 1, 2**62)
    filters = Filters(
        kind=kind if kind in SearchDocument.Kind.values else None,
        section_id=section_id if section_id in {s.pk for s in sections} else None,
        year=_int(request.GET.get("year"), 1900, 2999),
    )
    page = min(_int(request.GET.get("page"), 1, 10**9) or 1, MAX_PAGE)
    results = run_search(query, filters=filters, page=page)

    params = {"q": query.text}
    if filters.kind:
        params["type"] = filters.kind
    if filters.section_id:
        params["section"] = filters.section_id
    if filters.year:
        params["year"] = filters.year
    section_names = {s.pk: s.name for s in sections}
    for hit in results.hits:
        hit.section_name = section_names.get(hit.section_id, "")
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "results": results,
            "filters": filters,
            "kinds": SearchDocument.Kind.choices,
            "sections": sections,
            "years": years,
            "previous_url": "?" + urlencode({**params, "page": page - 1}),
            "next_url": "?" + urlencode({**params, "page": page + 1}),
            "first_url": "?" + urlencode(params),
        },
    )
