"""The article admin's proofreading pieces: the 校对 button (checks what the form holds,
saves nothing), the panel of hits, marks of intended use, the confirmation reason before
publishing (form and list action), and the Word import pages.

``ArticleAdmin`` mixes in :class:`ProofreadAdminMixin`; the rules themselves are in
``articles.proofing`` and ``articles.services``, so a crafted POST meets the same checks.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from proofread import services as proofread

from . import proofing
from .models import Article, ArticlePhoto, Credit, Section
from .permissions import can_confirm_proofreading

CHECK_BUTTON = "_proofread"
REASON_FIELD = "_proofread_reason"
WAIVE_FIELD = "_proofread_waive"
UNWAIVE_FIELD = "_proofread_unwaive"
PROOFREAD_ONLY = "proofread_only"
LIVE_EDIT = "proofread_live_edit"


def confirm_reason(request) -> str:
    """The editor's confirmation reason, from an editor only (a reporter's is ignored)."""
    if not can_confirm_proofreading(request.user):
        return ""
    return (request.POST.get(REASON_FIELD) or "").strip()[:500]


def panel_context(request, report, obj, *, from_form: bool) -> dict:
    editor = can_confirm_proofreading(request.user)
    can_mark = editor and obj is not None and obj.pk is not None
    hits = [
        {"hit": hit, "token": proofread.waive_token(hit) if can_mark else ""}
        for hit in report.open_hits
    ]
    return {
        "report": report,
        "hits": hits,
        "serious": len(report.serious),
        "from_form": from_form,
        "can_confirm": editor,
        "can_mark": can_mark,
        "waivers": proofread.waivers_list(obj) if can_mark else [],
        "reason_field": REASON_FIELD,
        "waive_field": WAIVE_FIELD,
        "unwaive_field": UNWAIVE_FIELD,
        "reason": (request.POST.get(REASON_FIELD) or "") if request.method == "POST" else "",
    }


def apply_marks(request, obj) -> int:
    """Marks (标为有意使用) and unmarks posted with any button of the form: editors only."""
    tokens = request.POST.getlist(WAIVE_FIELD)
    unmarks = request.POST.getlist(UNWAIVE_FIELD)
    if not (tokens or unmarks):
        return 0
    if not can_confirm_proofreading(request.user):
        raise PermissionDenied("只有编辑可以把问题标为有意使用。")
    done = 0
    for token in tokens:
        try:
            proofread.waiver_create(obj=obj, token=token, user=request.user, request=request)
            done += 1
        except ValidationError as exc:
            messages.error(request, ";".join(exc.messages))
    for value in unmarks:
        if value.isdigit():
            proofread.waiver_delete(
                obj=obj, waiver_id=int(value), user=request.user, request=request
            )
            done += 1
    return done


class ProofreadAdminMixin:
    # --- URLs -----------------------------------------------------------------------------
    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import-word/", wrap(self.import_word_view), name="articles_article_import_word"),
            path(
                "<path:object_id>/import-word/",
                wrap(self.import_word_view),
                name="articles_article_import_word_into",
            ),
            path(
                "<path:object_id>/proofread/",
                wrap(self.proofread_view),
                name="articles_article_proofread",
            ),
            *super().get_urls(),
        ]

    # --- The 校对 button: validate and re-show the form with the hits, save nothing --------
    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if request.method != "POST":
            return form
        if CHECK_BUTTON not in request.POST:
            if obj is not None and obj.status == Article.Status.PUBLISHED:
                return self._live_edit_form(form, request, obj)
            return form

        class ProofreadOnlyForm(form):
            def clean(self):
                cleaned = super().clean()
                raise ValidationError("仅校对，未保存。", code=PROOFREAD_ONLY)
                return cleaned  # pragma: no cover

        ProofreadOnlyForm.__name__ = form.__name__
        return ProofreadOnlyForm

    def _live_edit_form(self, form, request, obj):
        """Editing a published article puts the new text online at once: new serious hits
        need the same confirmation as publishing (the hits it already had do not)."""

        class LiveEditForm(form):
            def clean(self):
                cleaned = super().clean()
                if self.errors:
                    return cleaned
                before = {
                    (h.rule, h.found, h.sentence) for h in proofing.article_report(obj).serious
                }
                report = proofing.article_report_from_forms(obj, self, [])
                new = [h for h in report.serious if (h.rule, h.found, h.sentence) not in before]
                if not new:
                    return cleaned
                reason = confirm_reason(request)
                if not reason:
                    raise ValidationError(
                        f"这篇文章已发布，修改后出现 {len(new)} 处新的严重校对问题："
                        f"{proofread.describe_hits(new)}。请修改，或由编辑在下方填写确认理由后再保存。",
                        code=LIVE_EDIT,
                    )
                report.hits = new
                proofread.confirm_serious(
                    obj=obj, report=report, user=request.user, reason=reason, request=request
                )
                return cleaned

        LiveEditForm.__name__ = form.__name__
        return LiveEditForm

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and (
                request.POST.getlist(WAIVE_FIELD) or request.POST.getlist(UNWAIVE_FIELD)
            ):
                if not self.has_change_permission(request, obj):
                    raise PermissionDenied
                apply_marks(request, obj)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        adminform = context.get("adminform")
        if adminform is None:
            return super().render_change_form(request, context, add, change, form_url, obj)
        form = adminform.form
        formsets = [inline.formset for inline in context.get("inline_admin_formsets", [])]
        checking = request.method == "POST" and CHECK_BUTTON in request.POST
        refused = request.method == "POST" and any(
            e.code == LIVE_EDIT for e in form.errors.as_data().get(NON_FIELD_ERRORS, [])
        )
        report = None
        if checking:
            errors = form.errors.get(NON_FIELD_ERRORS)
            if errors is not None:
                left = [e for e in errors.as_data() if e.code != PROOFREAD_ONLY]
                if left:
                    form.errors[NON_FIELD_ERRORS] = form.error_class(
                        [m for e in left for m in e.messages]
                    )
                else:
                    del form.errors[NON_FIELD_ERRORS]
            context["errors"] = helpers.AdminErrorList(form, formsets)
            report = proofing.article_report_from_forms(obj, form, formsets)
            if report.open_hits:
                self.message_user(
                    request,
                    format_html(
                        '校对完成（尚未保存）：{} <a href="#proofread">查看</a>', report.summary()
                    ),
                    messages.WARNING if report.serious else messages.INFO,
                )
            else:
                self.message_user(request, "校对完成（尚未保存）：未发现问题。", messages.SUCCESS)
        elif refused:
            report = proofing.article_report_from_forms(obj, form, formsets)
        elif obj is not None and obj.pk:
            # The rows the inlines already read (no second query for them).
            parts = {}
            for formset in formsets:
                if formset.model is Credit:
                    parts["credits"] = list(formset.get_queryset())
                elif formset.model is ArticlePhoto:
                    rows = formset.get_queryset()
                    parts["gallery"] = [(item.caption_override, item.photo) for item in rows]
            report = proofing.article_report(obj, **parts)
        if report is not None:
            context["proofread"] = panel_context(request, report, obj, from_form=checking)
        context["proofread_check_button"] = CHECK_BUTTON
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- After 保存并发布 refused: back to the form, where the hits and the reason are ------
    def _publish_refused(self, request, obj) -> bool:
        wants = "_publish" in request.POST or "_schedule" in request.POST
        return wants and obj.status != Article.Status.PUBLISHED

    def _back_to_form(self, obj):
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)])
        return HttpResponseRedirect(url + "#proofread")

    def submitted_findings(self, obj):
        """What the check on submit found, with a link to the 校对 page (or None): the
        submit button's one message carries it."""
        result = proofread.check_result_for(obj)
        if result is None or not result.hits:
            return None
        url = reverse("admin:articles_article_proofread", args=[quote(obj.pk)])
        found = "、".join(dict.fromkeys(f"“{h['found']}”" for h in result.hits[:5]))
        return format_html(
            '校对发现 {} 处问题（严重 {} 处）：{}。编辑审核时会看到。<a href="{}">查看校对结果</a>',
            len(result.hits),
            result.serious,
            found,
            url,
        )

    def response_add(self, request, obj, post_url_continue=None):
        if self._publish_refused(request, obj):
            return self._back_to_form(obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if self._publish_refused(request, obj):
            return self._back_to_form(obj)
        return super().response_change(request, obj)

    # --- The list action: confirm the serious hits of the articles that wait for it -------
    def publish_confirmation(self, request, queryset):
        """After 发布所选文章: the selected articles still unpublished because of serious
        hits, on one page with their hits and a reason field (editors)."""
        waiting = []
        for article in Article.objects.filter(pk__in=[a.pk for a in queryset]).exclude(
            status=Article.Status.PUBLISHED
        ):
            report = proofing.article_report(article)
            if report.serious:
                waiting.append({"article": article, "serious": report.serious})
        if not waiting or not can_confirm_proofreading(request.user):
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "确认发布：以下文章有严重校对问题",
            "opts": self.model._meta,
            "waiting": waiting,
            "action": request.POST.get("action", "publish_selected"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "reason_field": REASON_FIELD,
            "reason": confirm_reason(request),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/articles/article/publish_confirm.html", context)

    # --- The proofreading page of a stored article (linked from 巡查 and messages) ----------
    def proofread_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404("没有找到这篇文章，或您无权查看。")
        if request.method == "POST":
            if apply_marks(request, obj):
                self.message_user(request, "已更新“有意使用”标记。", messages.SUCCESS)
            return HttpResponseRedirect(request.path)
        report = proofing.article_report(obj)
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": f"校对：{obj.headline}",
            "subtitle": None,
            "opts": opts,
            "original": obj,
            "proofread": panel_context(request, report, obj, from_form=False),
            "change_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)]
            ),
            "can_change": self.has_change_permission(request, obj),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/articles/article/proofread.html", context)

    # --- 从 Word 导入 --------------------------------------------------------------------------
    def import_word_view(self, request, object_id=None):
        from . import wordimport

        target = None
        if object_id is not None:
            target = self.get_object(request, unquote(object_id))
            if target is None:
                raise Http404("没有找到这篇文章，或您无权修改。")
            if not self.has_change_permission(request, target) or not wordimport.can_import_into(
                request.user, target
            ):
                raise PermissionDenied
        elif not self.has_add_permission(request):
            raise PermissionDenied
        sections = list(Section.objects.all())
        error = None
        if request.method == "POST":
            upload = request.FILES.get("docx")
            section = None
            if target is None:
                section_id = request.POST.get("section", "")
                section = next((s for s in sections if str(s.pk) == section_id), None)
            if upload is None:
                error = "请选择要导入的 Word 文件（.docx）。"
            elif target is None and section is None:
                error = "请选择栏目。"
            else:
                try:
                    article = wordimport.article_import_docx(
                        upload=upload, user=request.user, section=section, article=target
                    )
                except ValidationError as exc:
                    error = "".join(exc.messages)
                else:
                    self.message_user(
                        request,
                        f"已从 Word 导入《{article.headline}》，保存为草稿。请核对各栏内容和下方的校对结果。",
                        messages.SUCCESS,
                    )
                    return self._back_to_form(article)
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": "从 Word 导入" if target is None else f"从 Word 导入到《{target.headline}》",
            "subtitle": None,
            "opts": opts,
            "target": target,
            "sections": sections,
            "selected_section": request.POST.get("section", "") if request.method == "POST" else "",
            "error": error,
            "max_mb": wordimport.max_bytes() // (1024 * 1024),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request,
            "admin/articles/article/import_word.html",
            context,
            status=400 if error else 200,
        )
