from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from articles.permissions import can_preview_article

from .models import Attachment


@require_GET
def download(request, pk, filename):
    """Download an attachment under the reader's file name, never shown inline.

    The article must be live (or previewable by the staff member asking); anything else
    is a 404. The file is read through the storage API, or, with
    ``ATTACHMENTS_X_ACCEL_REDIRECT`` set (nginx in front of local media), handed to nginx
    to send (``X-Accel-Redirect`` to an internal location; deploy/nginx.conf).
    """
    attachment = get_object_or_404(Attachment.objects.select_related("article"), pk=pk)
    article = attachment.article
    preview = False
    if not article.is_live:
        user = request.user
        if not (user.is_authenticated and can_preview_article(user, article)):
            raise Http404("附件不存在")
        preview = True
    if filename != attachment.original_name:
        return HttpResponseRedirect(attachment.get_absolute_url())

    prefix = settings.ATTACHMENTS_X_ACCEL_REDIRECT
    if prefix:
        response = HttpResponse(content_type=attachment.content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + attachment.file.name
    else:
        try:
            handle = attachment.file.storage.open(attachment.file.name, "rb")
        except (FileNotFoundError, OSError) as exc:
            raise Http404("附件不存在") from exc
        response = FileResponse(handle, content_type=attachment.content_type)
    response["Content-Disposition"] = attachment.content_disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store" if preview else "public, max-age=300"
    return response
