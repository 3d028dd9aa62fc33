"""Photos on the public article page: cover, gallery, infographic and inline images."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, ArticlePhoto
from core.html import sanitize_html
from photos.body import enrich_body
from tests.admin_utils import admin_form_data
from tests.factories import ArticleFactory, SectionFactory, SeriesFactory

from .images import phone_jpeg, png

pytestmark = pytest.mark.django_db

ARTICLE_BUDGET = 8  # the whole page, with every panel the other apps add


def build_report(make_photo, *, gallery=12):
    cover = make_photo(caption="会场", credit="珠江时报记者 穆纪武 摄", size=(1600, 900))
    article = ArticleFactory(
        cover=cover, series=SeriesFactory(), headline="精准实干 为南海高质量发展凝心聚力"
    )
    ArticleFactory(series=article.series, section=article.section)
    for i in range(gallery):
        photo = make_photo(caption=f"图集说明{i:02d}", credit=f"通讯员{i}供图", size=(800, 600))
        ArticlePhoto.objects.create(article=article, photo=photo, order=gallery - i)
    poster = make_photo(
        caption="一图读懂 南海工会工作", credit="南海区总工会", data=png((600, 2400), mode="RGB")
    )
    ArticlePhoto.objects.create(article=article, photo=poster, kind=ArticlePhoto.Kind.INFOGRAPHIC)
    inline = make_photo(caption="包杰给物管人员送上抗疫物资。", credit="通讯员供图")
    article.body = enrich_body(
        f'<p>正文</p><figure class="image"><img src="{inline.src}"></figure>'
    )
    article.save()
    return article, cover, poster, inline


def test_page_serves_responsive_webp_with_captions_and_credits(client, make_photo):
    article, cover, poster, inline = build_report(make_photo)
    page = client.get(article.get_absolute_url()).content.decode()
    # The cover: above the fold, not lazy, WebP + JPEG srcset, width/height against layout shift.
    cover_figure = page[page.index(cover.srcset_webp) - 200 :]
    cover_img = re.search(r"<img [^>]*>", cover_figure).group(0)
    assert 'loading="lazy"' not in cover_img
    assert 'width="960" height="540"' in cover_img
    assert f'srcset="{cover.srcset_jpeg}"' in cover_img
    assert '<source type="image/webp"' in page
    assert "会场" in page
    assert "珠江时报记者 穆纪武 摄" in page
    # The gallery: ordered by "order", each with caption and credit, lazy.
    positions = [page.index(f"图集说明{i:02d}") for i in reversed(range(12))]
    assert positions == sorted(positions)
    assert "通讯员11供图" in page
    assert "共 12 张" in page
    gallery = page[page.index('class="gallery"') :]
    assert gallery.count('loading="lazy"') == 12
    assert gallery.count('type="image/webp"') == 12
    # The infographic: full width, with a link to the full-size file.
    assert 'class="photo infographic"' in page
    assert f'href="{poster.original_url}"' in page
    assert "查看原图(600 × 2400)" in page
    # The inline image: a <picture> with the library's caption and credit.
    body = page[
        page.index('class="article__body"') : page.index(
            "</div>", page.index('class="article__body"')
        )
    ]
    assert "<picture>" in body
    assert f'data-photo-id="{inline.pk}"' in body
    assert "包杰给物管人员送上抗疫物资。 <span>通讯员供图</span>" in body
    # Share cards get a JPEG rendition, not the original.
    assert f'property="og:image" content="http://testserver{cover.src}"' in page


def test_article_page_query_budget_with_cover_and_a_12_photo_gallery(
    client, make_photo, django_assert_max_num_queries, no_page_cache
):
    bare = ArticleFactory(series=SeriesFactory())
    client.get(bare.get_absolute_url())  # warm the cached navigation, as on a live site
    with CaptureQueriesContext(connection) as without_photos:
        client.get(bare.get_absolute_url())
    article, *_ = build_report(make_photo, gallery=12)
    with django_assert_max_num_queries(ARTICLE_BUDGET):
        response = client.get(article.get_absolute_url())
    with CaptureQueriesContext(connection) as with_photos:
        client.get(article.get_absolute_url())
    assert response.text.count("<figcaption>图集说明") == 12
    # Cover, 12 gallery photos, an infographic and an inline image cost one query (the
    # gallery's, which an article without photos skips); renditions cost none.
    assert len(with_photos) == len(without_photos) + 1
    assert not any(
        "articles_articlephoto" in q["sql"] and "EXISTS" not in q["sql"]
        for q in without_photos.captured_queries
    )
    gallery_queries = [
        q["sql"]
        for q in with_photos.captured_queries
        if q["sql"].startswith('SELECT "articles_articlephoto"')
    ]
    assert len(gallery_queries) == 1


def test_editor_builds_a_report_with_cover_gallery_and_inline_image_in_the_admin(
    client, editor, make_photo
):
    cover = make_photo(editor, caption="封面", credit="通讯员供图")
    first = make_photo(editor, caption="第一张", credit="通讯员供图")
    second = make_photo(editor, caption="第二张", credit="通讯员供图")
    inline = make_photo(editor, caption="包杰给物管人员送上抗疫物资。", credit="通讯员供图")
    section = SectionFactory()
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_add"))
    assert "图集与一图读懂" in page.content.decode()
    data = admin_form_data(
        page,
        headline="让居民担主角 让邻里更有情",
        section=str(section.pk),
        cover=str(cover.pk),
        body=f'<p>正文</p><figure class="image"><img src="{inline.src}"></figure>',
    )
    prefix = next(k for k in data if k.endswith("-TOTAL_FORMS") and "gallery" in k).removesuffix(
        "-TOTAL_FORMS"
    )
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "2",
            f"{prefix}-0-photo": str(second.pk),
            f"{prefix}-0-kind": "gallery",
            f"{prefix}-0-order": "2",
            f"{prefix}-1-photo": str(first.pk),
            f"{prefix}-1-kind": "gallery",
            f"{prefix}-1-order": "1",
            f"{prefix}-1-caption_override": "本文中的说明",
            "_publish": "发布",
        }
    )
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    article = Article.objects.get(headline="让居民担主角 让邻里更有情")
    assert article.cover == cover
    assert [i.photo for i in article.gallery_items.all()] == [first, second]
    assert f'data-photo-id="{inline.pk}"' in article.body
    public = client.get(article.get_absolute_url()).content.decode()
    assert "本文中的说明" in public
    assert "第二张" in public
    assert "包杰给物管人员送上抗疫物资。" in public


def test_enrich_body_is_idempotent_and_survives_the_sanitizer(make_photo):
    photo = make_photo(caption="说明", credit="通讯员供图", size=(2000, 1500))
    body = (
        f'<figure class="image"><img src="{photo.src}" alt="编辑写的替代文字"></figure><p>后文</p>'
    )
    once = enrich_body(body)
    assert enrich_body(once) == once
    assert sanitize_html(once) == once
    assert 'alt="编辑写的替代文字"' in once
    assert "1600w" in once
    assert once.count("<figcaption>") == 1


def test_enrich_body_keeps_the_editors_caption_and_adds_the_credit(make_photo):
    photo = make_photo(caption="库里的说明", credit="通讯员供图")
    body = (
        f'<figure class="image"><img src="{photo.src}"><figcaption>编辑的说明</figcaption></figure>'
    )
    out = enrich_body(body)
    assert "<figcaption>编辑的说明 <span>通讯员供图</span></figcaption>" in out
    assert "库里的说明</figcaption>" not in out


def test_enrich_body_leaves_other_images_and_text_alone(django_assert_num_queries):
    body = "<p>没有图片</p>"
    with django_assert_num_queries(0):
        assert enrich_body(body) == body


def test_phone_jpeg_helper_really_has_gps():
    import io

    from PIL import Image

    from .images import GPS_IFD

    assert Image.open(io.BytesIO(phone_jpeg())).getexif().get_ifd(GPS_IFD)
