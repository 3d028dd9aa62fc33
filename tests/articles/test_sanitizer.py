import pytest

from core.html import sanitize_html
from tests.factories import ArticleFactory

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<img src="/media/a.jpg" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example/"><input name="password"><button>Go</button></form>',
    '<p style="position:fixed;top:0;left:0;width:100%;height:100%">overlay</p>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<style>body{display:none}</style>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">',
    '<div onclick="alert(1)">click</div>',
    '<p onmouseover="alert(1)">hover</p>',
    '<a href="https://ok.example/" onclick="alert(1)" target="_blank">ok</a>',
    '<img src="https://evil.example/track.gif">',
    '<img src="//evil.example/track.gif">',
    '<video src="x" onerror="alert(1)"></video>',
    '<details open ontoggle="alert(1)">',
    "<textarea><script>alert(1)</script></textarea>",
    "<!--<script>alert(1)</script>-->",
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<figure class="image evil"><img src="/media/photos/a.jpg" alt="ok"></figure>',
]

DANGEROUS = [
    "<script", "onerror", "onload", "onclick", "onmouseover", "ontoggle", "javascript:",
    "vbscript:", "data:", "<iframe", "<object", "<embed", "<form", "<input", "style=",
    "<style", "<link", "<meta", "<base", "<svg", "evil.example/track", "srcdoc", "<video",
    "<textarea", "<math", "evil\"",
]  # fmt: skip


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitize_html_removes_every_dangerous_construct(payload):
    cleaned = sanitize_html(payload).lower()
    for marker in DANGEROUS:
        assert marker not in cleaned, (payload, cleaned)


def test_sanitize_html_keeps_what_news_needs():
    html = (
        "<h2>小标题</h2><h3>三级</h3><h4>四级</h4><p><strong>粗</strong><em>斜</em></p>"
        "<ul><li>一</li></ul><ol><li>二</li></ol><blockquote><p>引用</p></blockquote>"
        '<p><a href="https://www.nanhai.gov.cn/">链接</a> <a href="mailto:a@b.cn">信</a></p>'
        '<figure class="image"><img src="/media/photos/a.jpg" alt="图" width="800" height="600">'
        "<figcaption>说明</figcaption></figure>"
        '<figure class="table"><table><thead><tr><th>项</th></tr></thead>'
        "<tbody><tr><td>值</td></tr></tbody></table></figure>"
    )
    cleaned = sanitize_html(html)
    for kept in [
        "<h2>小标题</h2>", "<h3>", "<h4>", "<strong>粗</strong>", "<em>斜</em>", "<ul>", "<ol>",
        "<blockquote>", 'href="https://www.nanhai.gov.cn/"', 'href="mailto:a@b.cn"',
        '<figure class="image">', 'src="/media/photos/a.jpg"', "<figcaption>说明</figcaption>",
        '<figure class="table">', "<th>项</th>", "<td>值</td>",
    ]:  # fmt: skip
        assert kept in cleaned
    assert 'rel="noopener noreferrer nofollow"' in cleaned


def test_sanitize_html_drops_unknown_classes():
    cleaned = sanitize_html('<figure class="image evil"><img src="/media/a.jpg" alt=""></figure>')
    assert '<figure class="image">' in cleaned


@pytest.mark.django_db
def test_article_body_is_sanitized_when_saved():
    article = ArticleFactory(body='<p onclick="x()">好</p><script>alert(1)</script>')
    article.refresh_from_db()
    assert article.body == "<p>好</p>"


@pytest.mark.django_db
def test_sanitized_filter_renders_stored_html_safely(client):
    article = ArticleFactory(body="<p>安全</p>")
    # Simulate a row written behind the model's back (e.g. raw SQL or an old import).
    type(article).objects.filter(pk=article.pk).update(body="<p>安全</p><script>alert(1)</script>")
    response = client.get(article.get_absolute_url())
    assert "<p>安全</p>" in response.text
    assert "alert(1)" not in response.text
