"""The admin's article search box uses the search index (bigrams, body text included).

The articles app does not import search: ``SearchConfig.ready()`` replaces
``ArticleAdmin.get_search_results`` here. Staff find every article whatever its status.
"""

from .query import matching_object_ids
from .text import parse_query


def use_index_for_article_admin() -> None:
    from articles.admin import ArticleAdmin

    if getattr(ArticleAdmin.get_search_results, "uses_search_index", False):
        return

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        query = parse_query(search_term)
        if query.is_empty:  # only punctuation: nothing can match
            return queryset.none(), False
        return queryset.filter(pk__in=matching_object_ids(query, "article")), False

    get_search_results.uses_search_index = True
    ArticleAdmin.get_search_results = get_search_results
