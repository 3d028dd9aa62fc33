"""从 Word 导入, as a reporter would: a manuscript made here with python-docx becomes a draft
with its fields, credits, headings, table and library photos; every bad file is refused
with a Chinese message and leaves no row and no file."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article
from articles.templatetags.articles_tags import credit_lines
from photos.models import Photo
from proofread.models import CheckResult
from tests.factories import ArticleFactory, SectionFactory

from . import docx_files

pytestmark = pytest.mark.django_db
IMPORT = "admin:articles_article_import_word"


def upload(data, name="稿件.docx"):
    return SimpleUploadedFile(name, data)


def media_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_reporter_imports_a_manuscript_into_a_draft(client, reporter, settings):
    section = SectionFactory()
    client.force_login(reporter)
    page = client.get(reverse(IMPORT))
    assert page.status_code == 200
    assert 'accept=".docx' in page.content.decode()
    response = client.post(
        reverse(IMPORT), {"docx": upload(docx_files.manuscript()), "section": section.pk}
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert response["Location"].endswith(
        reverse("admin:articles_article_change", args=[article.pk]) + "#proofread"
    )
    assert article.status == Article.Status.DRAFT
    assert article.author == reporter
    assert article.section == section
    assert article.kicker == "南海区总工会召开第十五届委员会第三次全体（扩大）会议"
    assert article.headline == "精准实干 为南海高质量发展凝心聚力"
    assert credit_lines(article.credits.all()) == ["文/珠江时报记者 黄梦灵 通讯员 梁丽英"]
    body = article.body
    assert "<h2>发挥工会作用 参与基层社会治理</h2>" in body
    assert "<h3>突出思想引领 激发职工力量</h3>" in body
    assert "<strong>南海区总公会</strong>" in body
    assert "<table>" in body
    assert "<li>团结引导职工群众听党话、跟党走。</li>" in body
    assert "文/珠江时报记者" not in body  # the byline became credits
    photos = list(Photo.objects.order_by("pk"))
    assert len(photos) == 2
    assert (photos[0].caption, photos[0].credit) == (
        "图为包杰给物管人员送上抗疫物资。",
        "通讯员供图",
    )
    assert (photos[1].caption, photos[1].credit) == (
        "职工在“职工·家”服务中心参加活动。",
        "珠江时报记者 穆纪武 摄",
    )
    assert all(p.uploaded_by == reporter for p in photos)
    # Placed where they stood: after the table, before the last heading; with caption and credit.
    assert body.index("</table>") < body.index(photos[0].key) < body.index(photos[1].key)
    assert body.index(photos[1].key) < body.index("<h3>")
    assert (
        "<figcaption>图为包杰给物管人员送上抗疫物资。 <span>通讯员供图</span></figcaption>" in body
    )
    # Through the pipeline: re-encoded without the camera's EXIF.
    from PIL import Image

    with Image.open(photos[1].image.path) as image:
        assert "TestCam" not in str(dict(image.getexif()))
    # Proofread at once; the form shows the planted errors.
    result = CheckResult.objects.get(object_id=str(article.pk))
    assert result.trigger == "import"
    assert {h["found"] for h in result.hits} >= {"南海区总公会", "再接再励"}
    form = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "<mark>南海区总公会</mark>" in form.content.decode()


def test_import_by_position_without_styles():
    from articles.wordimport import convert

    doc = convert(
        docx_files.manuscript(
            kicker="",
            title_style=False,
            byline="统筹/珠江时报记者 欧晓敬 文/珠江时报记者 李冬冬 图/珠江时报记者 穆纪武",
        )
    )
    assert (doc.kicker, doc.headline) == ("", "精准实干 为南海高质量发展凝心聚力")
    assert [(c["role"], c["name"]) for c in doc.credits] == [
        ("统筹", "欧晓敬"),
        ("文", "李冬冬"),
        ("图", "穆纪武"),
    ]


@pytest.mark.parametrize(
    ("line", "credits"),
    [
        (
            "文/珠江时报记者 黄梦灵 通讯员 梁丽英",
            [("文", "珠江时报", "记者", "黄梦灵"), ("文", "", "通讯员", "梁丽英")],
        ),
        (
            "文/图 珠江时报记者 穆纪武",
            [("文", "珠江时报", "记者", "穆纪武"), ("图", "珠江时报", "记者", "穆纪武")],
        ),
        ("文：黄梦灵、梁丽英", [("文", "", "", "黄梦灵"), ("文", "", "", "梁丽英")]),
        (
            "文/珠江时报记者 李冬冬 李梦",
            [("文", "珠江时报", "记者", "李冬冬"), ("文", "珠江时报", "记者", "李梦")],
        ),
    ],
)
def test_byline_lines_become_credits(line, credits):
    from articles.wordimport import parse_byline

    parsed = parse_byline(line)
    assert [(c["role"], c["outlet"], c["title"], c["name"]) for c in parsed] == credits


@pytest.mark.parametrize(
    "line", ["文化是城市的灵魂。", "图为职工在参加活动。", "文/这是一句很长的普通句子，不是署名。"]
)
def test_ordinary_lines_are_not_bylines(line):
    from articles.wordimport import parse_byline

    assert parse_byline(line) is None


def test_an_editor_imports_into_an_existing_draft_a_reporter_only_into_their_own(
    client, reporter, other_reporter, editor
):
    own = ArticleFactory(status=Article.Status.DRAFT, published_at=None, author=reporter)
    theirs = ArticleFactory(status=Article.Status.DRAFT, published_at=None, author=other_reporter)
    submitted = ArticleFactory(status=Article.Status.SUBMITTED, published_at=None, author=reporter)
    published = ArticleFactory(author=editor)
    into = "admin:articles_article_import_word_into"
    client.force_login(reporter)
    data = docx_files.manuscript(pictures=0)
    assert client.post(reverse(into, args=[theirs.pk]), {"docx": upload(data)}).status_code == 404
    assert (
        client.post(reverse(into, args=[submitted.pk]), {"docx": upload(data)}).status_code == 403
    )
    response = client.post(reverse(into, args=[own.pk]), {"docx": upload(data)})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.headline == "精准实干 为南海高质量发展凝心聚力"
    client.force_login(editor)
    assert (
        client.post(reverse(into, args=[published.pk]), {"docx": upload(data)}).status_code == 403
    )
    assert client.post(reverse(into, args=[theirs.pk]), {"docx": upload(data)}).status_code == 302


BAD_FILES = {
    "old Word": (
        docx_files.ole_file("WordDocument", "1Table"),
        "稿件.doc",
        "旧版 Word 文档（.doc）",
    ),
    "WPS": (docx_files.ole_file("WordDocument"), "稿件.wps", "WPS 文字的 .wps 格式"),
    "password": (
        docx_files.ole_file("EncryptionInfo", "EncryptedPackage"),
        "稿件.docx",
        "设置了打开密码",
    ),
    "corrupt": (docx_files.manuscript()[:3000], "稿件.docx", "已损坏"),
    "macros": (docx_files.as_docm(docx_files.manuscript(pictures=0)), "稿件.docx", "含宏"),
    "pdf": (b"%PDF-1.4\n%binary\n", "稿件.docx", "不是 Word 文档"),
    "excel": (docx_files.xlsx_bytes(), "稿件.docx", "Excel 表格"),
    "empty": (b"", "稿件.docx", "空文件"),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_files_are_refused_in_chinese_and_nothing_is_stored(client, reporter, settings, kind):
    data, name, message = BAD_FILES[kind]
    section = SectionFactory()
    client.force_login(reporter)
    response = client.post(reverse(IMPORT), {"docx": upload(data, name), "section": section.pk})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Article.objects.exists()
    assert not Photo.objects.exists()
    assert media_files(settings) == []


def test_old_word_and_wps_messages_say_how_to_save_as_docx(client, reporter):
    client.force_login(reporter)
    section = SectionFactory()
    for data, name, _ in (BAD_FILES["old Word"], BAD_FILES["WPS"]):
        response = client.post(reverse(IMPORT), {"docx": upload(data, name), "section": section.pk})
        assert "另存为" in response.content.decode()
        assert "Word 文档（*.docx）" in response.content.decode()


def test_a_file_over_the_size_limit_is_refused(client, reporter, settings):
    settings.WORDIMPORT_MAX_BYTES = 10_000
    client.force_login(reporter)
    response = client.post(
        reverse(IMPORT), {"docx": upload(docx_files.manuscript()), "section": SectionFactory().pk}
    )
    assert response.status_code == 400
    assert "超过了" in response.content.decode()
    assert not Article.objects.exists()


def test_a_picture_over_the_pixel_limit_leaves_no_row_and_no_file(client, reporter, settings):
    # The first picture is fine (written to storage), the second is too big: the first
    # one's files must go too.
    settings.PHOTOS_MAX_PIXELS = 640 * 480
    client.force_login(reporter)
    response = client.post(
        reverse(IMPORT), {"docx": upload(docx_files.manuscript()), "section": SectionFactory().pk}
    )
    assert response.status_code == 400
    assert "第 2 张图片无法导入" in response.content.decode()
    assert not Article.objects.exists()
    assert not Photo.objects.exists()
    assert media_files(settings) == []


def test_a_failure_after_the_photos_removes_their_files(reporter, settings, monkeypatch):
    from articles import proofing, wordimport

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(proofing, "article_check", broken)
    with pytest.raises(RuntimeError):
        wordimport.article_import_docx(
            upload=io.BytesIO(docx_files.manuscript()), user=reporter, section=SectionFactory()
        )
    assert not Photo.objects.exists()
    assert not Article.objects.exists()
    assert media_files(settings) == []


def test_import_requires_a_section_and_a_file(client, reporter):
    client.force_login(reporter)
    response = client.post(reverse(IMPORT), {"docx": upload(docx_files.manuscript(pictures=0))})
    assert response.status_code == 400
    assert "请选择栏目" in response.content.decode()
    response = client.post(reverse(IMPORT), {"section": SectionFactory().pk})
    assert "请选择要导入的 Word 文件" in response.content.decode()
