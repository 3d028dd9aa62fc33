"""The admin's article search box uses the search index (bigrams, body text included).

Registered through ``articles.admin_extensions`` in ``SearchConfig.ready()``; staff find
every article whatever its status.
"""

from .query import matching_object_ids
from .text import parse_query


def search_articles(request, queryset, search_term):
    """``ArticleAdmin``'s search: the index answers, whatever the article's status."""
    if not search_term.strip():
        return queryset, False
    query = parse_query(search_term)
    if query.is_empty:  # only punctuation: nothing can match
        return queryset.none(), False
    return queryset.filter(pk__in=matching_object_ids(query, "article")), False
