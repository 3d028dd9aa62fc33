"""Stored XSS: hostile rich text saved into an article never runs on the public page.

The page is opened with the Content-Security-Policy bypassed, so the test proves the
sanitizer alone is enough (the CSP is a second, independent wall).
"""

import pytest

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each payload, if it ran, would set window.__xss or open a dialog.
PAYLOADS = [
    "<script>window.__xss = 'script'</script>",
    "<SCRIPT SRC=//example.invalid/x.js></SCRIPT>",
    '<img src="x" onerror="window.__xss=\'img onerror\'">',
    "<img src=/media/a.jpg onload=alert('img-onload')>",
    '<svg onload="window.__xss=\'svg onload\'"><circle r="4"></circle></svg>',
    "<svg><script>window.__xss='svg script'</script></svg>",
    "<svg><animate onbegin=alert('animate') attributeName=x dur=1s>",
    "<a href=\"javascript:window.__xss='js link'\">点我</a>",
    "<a href=\"JaVaScRiPt:alert('mixed case')\">点我</a>",
    "<a href=\"&#106;avascript:alert('entity')\">点我</a>",
    "<a href=\" &#x09;javascript:alert('tab')\">点我</a>",
    "<a href=\"data:text/html,<script>alert('data')</script>\">点我</a>",
    '<a href="vbscript:msgbox(1)">点我</a>',
    "<iframe srcdoc=\"<script>parent.__xss='srcdoc'</script>\"></iframe>",
    "<iframe src=\"javascript:parent.__xss='iframe js'\"></iframe>",
    "<object data=\"javascript:alert('object')\"></object>",
    "<embed src=\"javascript:alert('embed')\">",
    "<details open ontoggle=\"window.__xss='details'\"><summary>x</summary></details>",
    "<input autofocus onfocus=\"window.__xss='autofocus'\">",
    "<p onmouseover=\"window.__xss='mouseover'\">移到这里</p>",
    "<form action=\"javascript:alert('form')\"><button>提交</button></form>",
    "<p style=\"background:url(javascript:alert('style'))\">样式</p>",
    "<style>@import 'javascript:alert(1)';</style>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'meta\')">',
    "<base href=\"javascript:alert('base')//\">",
    "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__xss='mxss'\">",
    "<noscript><p title=\"</noscript><img src=x onerror=window.__xss='noscript'>\"></p></noscript>",
    "<template><script>window.__xss='template'</script></template>",
    "<video><source onerror=\"window.__xss='video'\"></video>",
    "<body onload=\"window.__xss='body'\">",
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    "<!--<img src=x onerror=\"window.__xss='comment'\">-->",
    '<a href="/ok/" onclick="window.__xss=\'onclick\'">普通链接</a>',
]
# Harmless text first: an unclosed hostile tag may swallow what follows it (as a browser
# parser would), which is not a security failure.
HOSTILE_BODY = "<p>正文开头</p>\n" + "\n".join(f"<p>{payload}</p>" for payload in PAYLOADS[::-1])
# Nothing that can run script may survive anywhere in the stored body.
FORBIDDEN = [
    "<script",
    "onerror",
    "onload",
    "onbegin",
    "ontoggle",
    "onfocus",
    "onmouseover",
    "onclick",
    "javascript:",
    "vbscript:",
    "data:",
    "<iframe",
    "srcdoc",
    "<object",
    "<embed",
    "<svg",
    "<math",
    "<form",
    "<input",
    "<style",
    "style=",
    "<meta",
    "<base",
    "<template",
]


def visit_and_probe(page, url) -> dict:
    """Open ``url``, poke at it like a reader would, report what ran."""
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url)
    page.wait_for_load_state("load")
    body = page.locator(".article__body")
    body.hover()
    for _ in range(5):
        page.keyboard.press("Tab")
    for element in body.locator("p, a, img, details").all():
        if element.is_visible():
            element.hover()
    page.wait_for_timeout(300)
    return {
        "flag": page.evaluate("() => window.__xss ?? null"),
        "dialogs": dialogs,
        "script_hrefs": page.evaluate(
            """() => [...document.querySelectorAll('a[href], iframe, object, embed, form')]
                .map(el => el.getAttribute('href') || el.getAttribute('src')
                           || el.getAttribute('data') || el.getAttribute('action') || '')
                .filter(v => /^\\s*(javascript|vbscript|data):/i.test(v))"""
        ),
        "handlers": page.evaluate(
            """() => [...document.querySelectorAll('.article__body *')]
                .flatMap(el => [...el.attributes].map(a => a.name))
                .filter(name => name.startsWith('on'))"""
        ),
        "text": body.inner_text(),
    }


@pytest.fixture
def hostile_article(db):
    article = ArticleFactory(
        headline="<script>window.__xss='headline'</script>标题",
        kicker="<img src=x onerror=\"window.__xss='kicker'\">",
        summary="\"><script>window.__xss='summary'</script>",
        body=HOSTILE_BODY,
    )
    article.refresh_from_db()
    return article


def test_hostile_body_is_stored_sanitized(hostile_article):
    stored = hostile_article.body.lower()
    survivors = [needle for needle in FORBIDDEN if needle in stored]
    assert not survivors, f"stored body still contains {survivors}: {hostile_article.body}"
    assert "<p>正文开头</p>" in hostile_article.body
    assert 'href="/ok/"' in hostile_article.body  # harmless links survive


def test_stored_payloads_do_not_run_on_the_public_page(new_page, hostile_article):
    page = new_page(bypass_csp=True)
    result = visit_and_probe(page, hostile_article.get_absolute_url())
    assert result["flag"] is None
    assert result["dialogs"] == []
    assert result["script_hrefs"] == []
    assert result["handlers"] == []
    assert "正文开头" in result["text"]
    # The headline is text, shown as typed, never markup.
    assert "<script>" in page.locator("h1").inner_text()


def test_payloads_written_past_the_save_sanitizer_are_sanitized_when_rendered(new_page, db):
    """A row written around the model (a raw UPDATE, an old import) is still safe to show."""
    article = ArticleFactory(body="<p>正文开头</p>")
    Article.objects.filter(pk=article.pk).update(body=HOSTILE_BODY)  # skips pre_save
    assert "<script>" in Article.objects.get(pk=article.pk).body
    page = new_page(bypass_csp=True)
    result = visit_and_probe(page, article.get_absolute_url())
    assert result["flag"] is None
    assert result["dialogs"] == []
    assert result["script_hrefs"] == []
    assert result["handlers"] == []
