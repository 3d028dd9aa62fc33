"""A reporter places on their article only photos they may see, even with a crafted POST."""

import pytest
from django.urls import reverse

from articles.models import Article, ArticlePhoto
from tests.admin_utils import admin_form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_reporter_cannot_make_someone_elses_photo_the_cover(client, reporter, editor, make_photo):
    theirs = make_photo(editor, caption="编辑的照片")
    article = ArticleFactory(author=reporter, status=Article.Status.DRAFT, published_at=None)
    client.force_login(reporter)
    data = admin_form_data(client.get(change_url(article)), cover=str(theirs.pk))
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "cover" in response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.cover_id is None


def test_reporter_cannot_put_someone_elses_photo_in_the_gallery(
    client, reporter, editor, make_photo
):
    theirs = make_photo(editor)
    article = ArticleFactory(author=reporter, status=Article.Status.DRAFT, published_at=None)
    client.force_login(reporter)
    page = client.get(change_url(article))
    prefix = next(
        f.formset.prefix
        for f in page.context["inline_admin_formsets"]
        if f.formset.model is ArticlePhoto
    )
    data = admin_form_data(
        page, **{f"{prefix}-0-photo": str(theirs.pk), f"{prefix}-0-kind": "gallery"}
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert not ArticlePhoto.objects.filter(article=article).exists()


def test_reporter_places_own_photo_and_keeps_a_cover_the_desk_chose(
    client, reporter, editor, make_photo
):
    own = make_photo(reporter, caption="自己的照片")
    desk = make_photo(editor, caption="编辑选的封面")
    article = ArticleFactory(
        author=reporter, status=Article.Status.DRAFT, published_at=None, cover=desk
    )
    client.force_login(reporter)
    # Saving the draft with the cover the desk chose is fine ...
    data = admin_form_data(client.get(change_url(article)), headline="改标题")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.cover) == ("改标题", desk)
    # ... and so is switching to one's own photo.
    data = admin_form_data(client.get(change_url(article)), cover=str(own.pk))
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.cover == own
