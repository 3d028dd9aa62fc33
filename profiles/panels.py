"""The profiles app's panels on pages of the articles app (registered in ``apps.py``).

Each context function runs exactly one query, with the portraits joined in.
"""

from articles.panels import ArticlePanel

from .models import Profile


def profile_box_context(article) -> dict | None:
    """The 人物档案 box of every published profile the article features."""
    profiles = list(Profile.objects.published().featured_in(article).for_box())
    return {"profiles": profiles} if profiles else None


def series_people_context(series) -> dict | None:
    """The people a series' live reports feature (or who belong to the series)."""
    profiles = list(Profile.objects.published().in_series(series).for_listing())
    return {"profiles": profiles} if profiles else None


def article_has_profiles_sql(outer_id: str) -> str:
    """The box's probe: does the outer article feature a published profile?"""
    links = Profile.articles.through._meta.db_table
    profiles = Profile._meta.db_table
    return (
        f'EXISTS (SELECT 1 FROM "{links}" l JOIN "{profiles}" p ON p.id = l.profile_id'
        f" WHERE l.article_id = {outer_id} AND p.is_published)"
    )


PROFILE_BOX = ArticlePanel(
    name="profiles.box",
    template="profiles/_profile_box_panel.html",
    context=profile_box_context,
    placement="before_body",
    probe=article_has_profiles_sql,
)

SERIES_PEOPLE = ArticlePanel(
    name="profiles.series_people",
    template="profiles/_series_people_panel.html",
    context=series_people_context,
    target="series",
)
