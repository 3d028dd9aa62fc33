import logging

from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.views.decorators.csrf import csrf_exempt

from .permissions import can_upload_photos
from .pipeline import CONTENT_TYPES
from .services import photo_create

logger = logging.getLogger(__name__)


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": {"message": message}}, status=status)


def _csrf_refused(request) -> bool:
    """Django's own CSRF check (the middleware's), so that a refusal can be answered in JSON."""
    return CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {}) is not None


@csrf_exempt  # checked below, with a JSON answer instead of Django's HTML 403 page
def ckeditor_upload(request):
    """Replaces django-ckeditor-5's upload view (``CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME``).

    The file goes through the photo pipeline and into the library, so the image in the body
    has a caption and credit that editors fill in the library. The answer is always
    CKEditor's JSON, whatever happens (CKEditor shows ``error.message`` to the editor).
    """
    if request.method != "POST":
        response = _error("请通过编辑器的“上传图片”按钮上传。", 405)
        response["Allow"] = "POST"
        return response
    if _csrf_refused(request):
        return _error("页面已过期，请刷新页面后再上传图片。", 403)
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return _error("请先登录后台再上传图片。", 403)
    if not can_upload_photos(user):
        return _error("您没有上传图片的权限。", 403)
    try:
        upload = request.FILES.get("upload")
        if upload is None:
            return _error("没有收到图片文件，请重新选择。", 400)
        photo = photo_create(upload=upload, user=user)
    except ValidationError as exc:
        return _error(" ".join(exc.messages), 400)
    except Exception:  # a broken request body, or a bug: still JSON for the editor
        logger.exception("CKEditor upload failed")
        return _error("上传没有成功：服务器出错，请稍后再试。", 500)
    return JsonResponse({"url": photo.src, "photo_id": photo.pk})


def serve_media(request, path):
    """Media for ``runserver`` (DEBUG only; production media is served by the reverse proxy).

    Only the image types the pipeline writes are served, each with its own Content-Type,
    ``nosniff`` and a sandboxing Content-Security-Policy: nothing uploaded is ever served as
    HTML or SVG. Files are read through the storage API.
    """
    extension = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    if extension not in CONTENT_TYPES or "\x00" in path:
        raise Http404("文件不存在")
    try:
        handle = default_storage.open(path, "rb")
    except (FileNotFoundError, IsADirectoryError, SuspiciousFileOperation, OSError) as exc:
        raise Http404("文件不存在") from exc
    response = FileResponse(handle, content_type=CONTENT_TYPES[extension])
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
