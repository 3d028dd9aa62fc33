"""In a real browser, on a phone: an 800 × 20000 一图读懂 uploaded on the upload page shows
full width on the article page, sharp (the 800 px JPEG rendition on a 2× screen), without
sideways scrolling, and 查看原图 opens the full-size file (issue 15)."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article, ArticlePhoto
from photos.models import Photo
from tests.browser.conftest import login
from tests.factories import ArticleFactory

from .images import long_infographic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_long_infographic_uploads_and_reads_well_on_a_phone(page, new_page, editor):
    login(page, editor)
    page.goto("/admin/photos/photo/upload/")
    page.set_input_files(
        "input[type=file]",
        files=[
            {"name": "一图读懂.png", "mimeType": "image/png", "buffer": long_infographic("PNG")}
        ],
    )
    page.fill("#id_caption", "一图读懂 2020年南海工会工作")
    # The page's script sends the file (shrunk only if wider than 2560 px: this one keeps
    # its 800 px) and then opens the list of the new photos for captioning.
    with page.expect_navigation(url=re.compile(r"/admin/photos/photo/\?id__in=")):
        page.locator("input[name=_upload]").click()
    photo = Photo.objects.get()
    assert photo.caption == "一图读懂 2020年南海工会工作"
    assert (photo.width, photo.height) == (800, 20000)

    article = ArticleFactory(status=Article.Status.PUBLISHED, headline="一图读懂南海工会")
    ArticlePhoto.objects.create(article=article, photo=photo, kind=ArticlePhoto.Kind.INFOGRAPHIC)

    reader = new_page(viewport={"width": 375, "height": 740}, device_scale_factor=2)
    reader.goto(article.get_absolute_url())
    figure = reader.locator("figure.infographic")
    image = figure.locator("img")
    image.scroll_into_view_if_needed()
    expect(image).to_have_js_property("complete", True)
    info = image.evaluate(
        """img => ({src: img.currentSrc, natural: [img.naturalWidth, img.naturalHeight],
                    box: [img.getBoundingClientRect().width, img.getBoundingClientRect().height],
                    figure: img.closest('figure').getBoundingClientRect().width,
                    overflow: document.documentElement.scrollWidth - window.innerWidth})"""
    )
    assert re.search(r"/w800\.jpg$", info["src"])  # sharp on a 2× phone, JPEG beyond WebP
    natural_width, natural_height = info["natural"]  # density-corrected by the browser
    assert abs(natural_height / natural_width - 25) < 0.1
    width, height = info["box"]
    assert abs(width - info["figure"]) < 1  # full width of its column
    assert 300 <= width <= 375
    assert abs(height - width * 25) < 2  # not squashed
    assert info["overflow"] <= 0  # no sideways scrolling
    full = figure.get_by_role("link", name=re.compile("查看原图"))
    expect(full).to_contain_text("800 × 20000")
    response = reader.request.get(full.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "image/png"
