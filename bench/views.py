"""The bench's ceiling: the cheapest page this server can serve.

Mounted at /bench/ceiling/ by the bench's own URLconf (bench/urls.py), never by production's.
It goes through the same middleware, settings and server as every page but touches no
database and renders no template, so its throughput is the upper bound the pages are
compared with.
"""

from django.http import HttpResponse
from django.views.decorators.http import require_GET

# ~20 KB of HTML, built once per process (Chinese text: 3 bytes a character in UTF-8).
_PARAGRAPH = "<p>" + "南海区总工会深入基层,倾听职工心声,为职工办实事。" * 6 + "</p>\n"
CEILING_BODY = (
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>ceiling</title>'
    "</head><body>\n" + _PARAGRAPH * (20_000 // len(_PARAGRAPH.encode())) + "</body></html>\n"
).encode()


@require_GET
def ceiling(request):
    return HttpResponse(CEILING_BODY, content_type="text/html; charset=utf-8")
