from django.urls import path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("news/", views.ArticleListView.as_view(), name="list"),
    path("articles/<int:pk>/", views.ArticleDetailView.as_view(), name="detail"),
    path("sections/<slug:slug>/", views.SectionDetailView.as_view(), name="section"),
    path("sections/<slug:slug>/feed/", feeds.SectionFeed(), name="section-feed"),
    path("series/<slug:slug>/", views.SeriesDetailView.as_view(), name="series"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
]
