"""The demo: the seed's photos on the seed's two reports, idempotent."""

import io

import pytest
from django.core.management import call_command

from articles.models import Article, ArticlePhoto
from photos.models import Photo

from .conftest import stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    from articles import demo as articles_demo
    from photos import demo as photos_demo

    out = io.StringIO()
    photos_demo.load(out)
    articles_demo.load()
    return out.getvalue()


def test_baojie_report_has_the_seed_photo_with_caption_and_credit(demo, client):
    article = Article.objects.get(headline="让居民担主角 让邻里更有情")
    photo = Photo.objects.get(caption="包杰给物管人员送上抗疫物资。")
    assert photo.credit == "通讯员供图"
    assert photo.key in article.body
    page = client.get(article.get_absolute_url()).content.decode()
    assert "包杰给物管人员送上抗疫物资。 <span>通讯员供图</span>" in page
    assert '<source type="image/webp"' in page
    # The photo sits before 工作畅想, as on the seed page.
    assert page.index("包杰给物管人员送上抗疫物资。 <span>") < page.index("工作畅想")


def test_meeting_report_has_a_cover_and_the_infographic(demo, client):
    article = Article.objects.get(headline="精准实干 为南海高质量发展凝心聚力")
    assert article.cover is not None
    item = ArticlePhoto.objects.get(article=article)
    assert item.kind == ArticlePhoto.Kind.INFOGRAPHIC
    assert item.photo.caption == "一图读懂 南海工会工作"
    assert item.photo.height > 2 * item.photo.width
    page = client.get(article.get_absolute_url()).content.decode()
    assert "一图读懂 南海工会工作" in page
    assert item.photo.original_url in page


def test_demo_photos_went_through_the_pipeline(demo):
    from PIL import Image

    from photos import demo as photos_demo
    from photos.pipeline import process_image  # noqa: F401 - the same pipeline as uploads

    for photo in Photo.objects.all():
        assert photo.renditions
        with photo.image.open("rb") as handle:
            image = Image.open(handle)
            assert not image.getexif()
    assert f"图片库:新增 {len(photos_demo.PHOTOS)} 张" in demo


def test_demo_is_idempotent(demo):
    from articles import demo as articles_demo
    from photos import demo as photos_demo

    files = sorted(stored_files())
    bodies = list(Article.objects.order_by("pk").values_list("body", flat=True))
    out = io.StringIO()
    photos_demo.load(out)
    articles_demo.load()
    assert f"新增 0 张,共 {len(photos_demo.PHOTOS)} 张" in out.getvalue()
    assert Photo.objects.count() == len(photos_demo.PHOTOS)
    covers = list(Article.objects.exclude(cover=None).values_list("pk", "cover"))
    assert ArticlePhoto.objects.count() == 1
    assert sorted(stored_files()) == files
    assert list(Article.objects.order_by("pk").values_list("body", flat=True)) == bodies
    assert list(Article.objects.exclude(cover=None).values_list("pk", "cover")) == covers


def test_later_reports_get_covers_for_the_home_pages_picture_news(demo, client):
    from articles.demo import DEMO_COVERS

    with_cover = Article.objects.published().exclude(cover=None)
    assert with_cover.count() == 1 + len(DEMO_COVERS)  # the meeting report and the others
    for phrase, _key in DEMO_COVERS:
        newest = Article.objects.filter(headline__contains=phrase).order_by("-published_at")[0]
        assert newest.cover is not None, phrase
    page = client.get("/")
    pictures = page.context["picture_news"]
    assert len(pictures) == 4
    assert page.context["headline"].cover is not None  # the meeting report, the 头条
    for article in pictures:
        assert article.cover.src in page.text


def test_load_demo_command_makes_the_photos_before_articles_place_them(db):
    from core.management.commands.load_demo import DEMO_MODULES

    assert DEMO_MODULES.index("photos.demo") < DEMO_MODULES.index("articles.demo")
    call_command("load_demo", stdout=io.StringIO())
    assert Photo.objects.filter(caption="包杰给物管人员送上抗疫物资。").exists()
