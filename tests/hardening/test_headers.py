"""Security headers, the Content-Security-Policy, and no inline script on our pages."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, CreditFactory, SeriesFactory

from .conftest import client_for

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.I)
DATA_BLOCK = re.compile(r'type="application/(ld\+)?json"', re.I)


def csp(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


def inline_scripts(html: str) -> list[str]:
    """<script> elements that would run inline code (data blocks don't run)."""
    return [
        attrs
        for attrs in SCRIPT_TAG.findall(html)
        if "src=" not in attrs and not DATA_BLOCK.search(attrs)
    ]


def public_pages():
    article = ArticleFactory(series=SeriesFactory())
    CreditFactory(article=article)
    return [
        reverse("home"),
        reverse("articles:list"),
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        article.series.get_absolute_url(),
        "/no-such-page/",
    ]


def test_public_pages_need_no_inline_script_or_style(client):
    for url in public_pages():
        response = client.get(url)
        html = response.content.decode()
        assert inline_scripts(html) == [], url
        assert not re.search(r"\sstyle=\"", html), url
        assert not re.search(r"\son[a-z]+=\"", html), url
        policy = csp(response)
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]


def test_security_headers_on_public_pages(client):
    response = client.get(reverse("home"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "Strict-Transport-Security" not in response  # plain HTTP in development


def test_hsts_when_served_over_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get(reverse("home"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_admin_editor_page_keeps_scripts_to_files_and_allows_only_inline_styles(editor):
    client = client_for(editor)
    response = client.get(reverse("admin:articles_article_add"))
    html = response.content.decode()
    assert "django_ckeditor_5/dist/bundle.js" in html
    assert inline_scripts(html) == []  # the widget's config is a JSON data block
    policy = csp(response)
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" in policy["style-src"]  # CKEditor 5 styles the text it edits
    assert "blob:" in policy["img-src"]
    assert "'unsafe-inline'" not in csp(client.get(reverse("home")))["style-src"]
