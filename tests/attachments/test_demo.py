"""The demo notice comes with real forms (DOCX, XLSX, PDF) made when the demo loads and
checked by the attachments service like any upload; loading again adds nothing."""

import io
import re
import zipfile
from xml.etree import ElementTree

import pytest

from attachments import demo
from attachments.inspect import inspect
from attachments.models import Attachment
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice():
    return ArticleFactory(headline=demo.NOTICE_HEADLINE, body="<p>报名表和活动方案见附件。</p>")


def test_the_demo_attaches_a_form_a_summary_sheet_and_the_plan(client, notice):
    out = io.StringIO()
    demo.load(stdout=out)
    attachments = list(notice.attachments.all())
    assert [(a.original_name, a.kind) for a in attachments] == [
        ("里水镇“安康杯”竞赛活动报名表.docx", "docx"),
        ("报名汇总表.xlsx", "xlsx"),
        ("活动方案.pdf", "pdf"),
    ]
    assert "附件：新增 3 个" in out.getvalue()
    page = client.get(notice.get_absolute_url()).text
    links = re.findall(r'<li><a href="([^"]+)" download>([^<]+)</a>', page)
    assert [name for _url, name in links] == [a.original_name for a in attachments]
    for (url, _name), attachment in zip(links, attachments, strict=True):
        download = client.get(url)
        assert download.status_code == 200
        data = b"".join(download.streaming_content)
        assert inspect(data, attachment.original_name).code == attachment.kind


def test_the_generated_documents_are_real_documents_with_the_forms_fields():
    with zipfile.ZipFile(io.BytesIO(demo.registration_docx())) as docx:
        text = "".join(ElementTree.fromstring(docx.read("word/document.xml")).itertext())
    assert "里水镇“安康杯”竞赛活动报名表" in text
    for field in demo.FIELDS:
        assert field in text
    with zipfile.ZipFile(io.BytesIO(demo.summary_xlsx())) as xlsx:
        sheet = "".join(ElementTree.fromstring(xlsx.read("xl/worksheets/sheet1.xml")).itertext())
    assert all(field in sheet for field in demo.FIELDS)
    pdf = demo.plan_pdf()
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")


def test_loading_again_adds_nothing_and_a_missing_notice_is_no_error(notice):
    demo.load()
    files = sorted(Attachment.objects.values_list("file", flat=True))
    out = io.StringIO()
    demo.load(stdout=out)
    assert sorted(Attachment.objects.values_list("file", flat=True)) == files
    assert "附件：新增 0 个，共 3 个。" in out.getvalue()
    notice.delete()
    demo.load()  # the articles demo did not run: nothing to attach to
    assert not Attachment.objects.exists()
