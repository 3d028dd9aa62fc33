"""In a real browser: a reporter drops several phone photos on the upload page at once,
captions them in the list, and an editor sets one as an article's cover."""

import base64
import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from photos.models import Photo
from tests.browser.conftest import login
from tests.factories import ArticleFactory

from .images import GPS_IFD, heic, phone_jpeg

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DROP = """
([files, selector]) => {
    const transfer = new DataTransfer();
    for (const [name, type, data] of files) {
        const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
        transfer.items.add(new File([bytes], name, {type}));
    }
    const zone = document.querySelector(selector);
    zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: transfer, bubbles: true, cancelable: true}));
    zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
}
"""


def test_reporter_uploads_several_photos_at_once_and_an_editor_makes_one_a_cover(
    page,
    new_page,
    reporter,
    editor,
):
    article = ArticleFactory(headline="让居民担主角 让邻里更有情", author=reporter)

    # --- The reporter drops three phone photos (two JPEGs with GPS, one iPhone HEIC) -------
    login(page, reporter)
    page.goto("/admin/photos/photo/")
    page.locator(".object-tools a.addlink").click()  # "增加 图片" opens the upload page
    expect(page).to_have_url(re.compile(r"/admin/photos/photo/upload/$"))
    files = [
        ("IMG_0101.JPG", "image/jpeg", phone_jpeg((3000, 2000), orientation=6)),
        ("IMG_0102.JPG", "image/jpeg", phone_jpeg((1600, 1200))),
        ("IMG_0103.HEIC", "image/heic", heic((1200, 900))),
    ]
    page.evaluate(
        DROP,
        [[[n, t, base64.b64encode(d).decode()] for n, t, d in files], "[data-dropzone]"],
    )
    expect(page.locator("[data-file-list] li")).to_have_count(3)
    expect(page.locator("[data-file-list]")).to_contain_text("IMG_0103.HEIC")
    page.fill("#id_credit", "通讯员供图")
    page.locator("input[name=_upload]").click()
    # The page sends them one by one, then opens the list of just these photos.
    page.wait_for_url("**/admin/photos/photo/?id__in=*")
    expect(page.locator(".caption-hint")).to_contain_text("刚上传的 3 张照片")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(3)

    # (The page sends the next photo while the server checks the previous one, so a small
    # photo may be stored before a big one.)
    photos = list(Photo.objects.order_by("original_name"))
    assert [p.original_name for p in photos] == ["IMG_0101.JPG", "IMG_0102.JPG", "IMG_0103.HEIC"]
    assert {p.uploaded_by_id for p in photos} == {reporter.pk}
    # Turned upright, and shrunk in the browser to 2560 px on the long side.
    assert (photos[0].width, photos[0].height) == (1707, 2560)

    # The reporter captions them in the list, all in one save.
    captions = {p.pk: f"包杰给物管人员送上抗疫物资({i})。" for i, p in enumerate(photos)}
    for i in range(3):
        pk = int(page.locator(f"input[name='form-{i}-id']").input_value())
        page.fill(f"#result_list input[name='form-{i}-caption']", captions[pk])
    with page.expect_navigation():
        page.locator("input[name=_save]").click()
    for photo in photos:
        photo.refresh_from_db()
        assert photo.caption == captions[photo.pk]

    # --- The editor picks one as the cover through the autocomplete ---------------------
    desk = new_page()
    login(desk, editor)
    desk.goto(f"/admin/articles/article/{article.pk}/change/")
    desk.locator(
        "#id_cover + .select2 .select2-selection, .field-cover .select2-selection"
    ).first.click()
    desk.locator(".select2-search__field").fill("(1)")
    desk.locator(".select2-results__option", has_text="包杰给物管人员送上抗疫物资(1)。").click()
    with desk.expect_navigation():
        desk.locator("input[name=_save]").first.click()
    expect(desk.locator(".errornote")).to_have_count(0)
    article.refresh_from_db()
    assert article.cover == photos[1]

    # --- A reader gets a right-sized WebP with caption and credit, and no GPS -------------
    reader = new_page()
    reader.goto(article.get_absolute_url())
    cover = reader.locator("article figure.photo").first
    expect(cover.locator("figcaption")).to_contain_text("包杰给物管人员送上抗疫物资(1)。")
    expect(cover.locator("figcaption")).to_contain_text("通讯员供图")
    expect(cover.locator("source[type='image/webp']")).to_have_count(1)
    current = cover.locator("img").evaluate("img => img.currentSrc")
    assert current.endswith(".webp")
    response = reader.request.get(current)
    assert response.headers["content-type"] == "image/webp"
    # (nosniff on media is asserted in test_media.py: the live server's own media handler
    # answers here, before our DEBUG-only view.)

    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(response.body()))
    assert not image.getexif().get_ifd(GPS_IFD)
    assert Article.objects.get(pk=article.pk).cover_id == photos[1].pk
