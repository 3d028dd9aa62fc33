from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html

from core.admin_mixins import FormAction, FormActionsMixin, ListEditableLabelsMixin, SafeEditAdmin
from core.people import display_name
from core.versions import register_versioned
from photos.widgets import PhotoPickerMixin

from . import admin_extensions, services
from .forms import ArticleAdminForm, CreditForm
from .models import Article, ArticlePhoto, Credit, ReviewNote, Section, Series
from .permissions import can_edit_article, can_publish_articles
from .proofing_admin import CHECK_BUTTON, ProofreadAdminMixin, confirm_reason


class EstimatedCountPaginator(Paginator):
    """Avoid a full-table COUNT(*) on the unfiltered article list (PostgreSQL).

    With no filter or search the row count comes from the planner's statistics, which is
    instant at any size; a filtered list still counts exactly.
    """

    estimate_above = 10_000

    @cached_property
    def count(self):
        query = self.object_list.query
        if connection.vendor == "postgresql" and not query.where:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                    [self.object_list.model._meta.db_table],
                )
                row = cursor.fetchone()
            if row and row[0] > self.estimate_above:
                return int(row[0])
        return super().count


@admin.register(Section)
class SectionAdmin(ListEditableLabelsMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "order", "in_navigation", "show_thumbnails"]
    list_editable = ["order", "in_navigation", "show_thumbnails"]
    search_fields = ["name", "slug"]


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "shown_on_home", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["title", "intro"]
    date_hierarchy = "created_at"

    @admin.display(description="在首页展示", ordering="is_active")
    def shown_on_home(self, obj):
        return "是" if obj.is_active else "否"


class ArticlePhotoInline(PhotoPickerMixin, admin.TabularInline):
    """The gallery (图集) and infographics (一图读懂), ordered, photos picked from the library."""

    model = ArticlePhoto
    extra = 1
    fields = ["photo", "kind", "order", "caption_override"]
    autocomplete_fields = ["photo"]
    verbose_name = "图集照片或一图读懂"
    verbose_name_plural = "图集与一图读懂（照片从图片库中选择；说明和来源取自图片库）"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("photo")


class CreditInline(admin.TabularInline):
    model = Credit
    form = CreditForm
    extra = 1
    fields = ["role", "outlet", "title", "name", "order"]
    verbose_name = "署名"
    verbose_name_plural = "署名（按报纸格式显示，如：文/珠江时报记者 黄梦灵 通讯员 梁丽英）"


# Every save of an article keeps a version, with its byline and gallery (django-reversion).
register_versioned(Article, follow=["credits", "gallery_items"])

Status = Article.Status
# Buttons of the action bar that change the article's status, and who may press them; a
# crafted POST naming one without the right is refused with 403 before anything is saved.
EDITOR_BUTTONS = ("_publish", "_schedule", "_withdraw", "_return")
SUBMIT_BUTTON = "_submit_review"
REVIEW_NOTE_FIELD = "_review_note"
RETURN_LIST_LENGTH = 50  # headlines listed on the 退回修改 page; the count covers the rest


def _when(value) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value else ""


@admin.register(Article)
class ArticleAdmin(
    PhotoPickerMixin, FormActionsMixin, ProofreadAdminMixin, SafeEditAdmin, admin.ModelAdmin
):
    list_display = ["headline_cell", "status_badge", "section", "list_time", "author_name"]
    form = ArticleAdminForm
    list_display_links = ["headline_cell"]
    list_filter = ["status", "section", "series", "is_headline", "published_at"]
    search_fields = ["headline", "kicker", "subheadline"]
    # No date hierarchy: its two queries and its row of months cost more than they give;
    # the 发布时间 filter (今天, 过去7天, 本月, 今年) covers the daily use.
    list_select_related = ["section", "series", "author"]
    list_per_page = 50
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    autocomplete_fields = ["series", "cover"]
    inlines = [CreditInline, ArticlePhotoInline]
    actions = ["submit_selected", "publish_selected", "withdraw_selected", "return_selected"]
    # The action bar (提交审核, 发布 …) stands at the top of the form and stays in view.
    save_on_top = True

    def get_fieldsets(self, request, obj=None):
        """Only what this person may change: reporters don't see the publishing fields;
        status, author and times are shown as facts in the action bar, not as fields."""
        fieldsets = [
            (None, {"fields": ["kicker", "headline", "subheadline", "summary"]}),
            ("正文", {"fields": ["body"]}),
            ("归类、来源与封面", {"fields": ["section", "series", "source", "cover"]}),
        ]
        if can_publish_articles(request.user):
            fieldsets.append(("发布", {"fields": ["published_at", "is_headline"]}))
        return fieldsets

    def get_inlines(self, request, obj):
        # Credits and gallery, then what other apps declared (articles.admin_extensions).
        return [*self.inlines, *admin_extensions.extra_inlines()]

    def get_search_results(self, request, queryset, search_term):
        # Another app may answer the search box (the search index: body text too).
        search = admin_extensions.search_function()
        if search is None:
            return super().get_search_results(request, queryset, search_term)
        return search(request, queryset, search_term)

    # --- Who sees and changes what (enforced here, on the server) ----------------------
    def get_queryset(self, request):
        qs = super().get_queryset(request)
        match = getattr(request, "resolver_match", None)
        if match is None or not match.url_name or not match.url_name.endswith("_change"):
            qs = qs.defer("body")  # lists and pickers show no body; the form needs it
        if not can_publish_articles(request.user):
            qs = qs.filter(author=request.user)
        return qs

    def get_ordering(self, request):
        # An expression, not an annotation: Django also orders FK choices to Article with it.
        return [Article.review_order().asc(), "-updated_at", "-pk"]

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return can_edit_article(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return can_publish_articles(request.user) and super().has_delete_permission(request, obj)

    def has_publish_permission(self, request):
        return can_publish_articles(request.user)

    def has_submit_permission(self, request):
        return request.user.has_perm("articles.submit_article")

    # --- The action bar: the next step for this person, first ----------------------------
    def get_form_actions(self, request, obj) -> list[FormAction]:
        status = obj.status if obj is not None and obj.pk else Status.DRAFT
        actions = []
        if can_publish_articles(request.user):
            if status in (Status.DRAFT, Status.SUBMITTED, Status.WITHDRAWN):
                actions.append(
                    FormAction(
                        "_publish",
                        "发布",
                        style="primary",
                        handler=self._publish,
                        help="保存并发布；“发布时间”留空即为现在",
                    )
                )
                actions.append(
                    FormAction(
                        "_schedule",
                        "定时发布",
                        handler=self._publish,
                        help="保存，到“发布时间”填写的时间自动公开",
                    )
                )
            if status in (Status.SUBMITTED, Status.WITHDRAWN):
                actions.append(
                    FormAction(
                        "_return",
                        "退回修改",
                        handler=self._return,
                        note_label="审稿意见",
                        note_name=REVIEW_NOTE_FIELD,
                        note_help="告诉作者要改什么。作者在工作台和这篇稿件上都能看到。",
                    )
                )
            if status == Status.PUBLISHED:
                actions.append(
                    FormAction(
                        "_withdraw",
                        "撤回",
                        style="danger",
                        handler=self._withdraw,
                        help="保存并从网站上撤下，读者将看不到",
                    )
                )
        elif self.has_submit_permission(request) and status == Status.DRAFT:
            actions.append(
                FormAction(
                    SUBMIT_BUTTON,
                    "提交审核",
                    style="primary",
                    handler=self._submit,
                    help="保存并交给编辑审核；审核期间不能再修改",
                )
            )
        # 校对: checks what the form holds now and saves nothing (articles/proofing_admin.py).
        actions.append(
            FormAction(
                CHECK_BUTTON,
                "校对",
                help="检查表单里现在的内容（错别字、规范表述、标点等），不会保存",
            )
        )
        return [*actions, *admin_extensions.form_actions(request, obj)]

    def get_form_facts(self, request, obj) -> list[str]:
        if obj is None or not obj.pk:
            return ["新稿件"]
        label = "定时发布" if obj.is_scheduled else obj.get_status_display()
        facts = [f"状态：{label}"]
        if obj.author_id:
            facts.append(f"作者：{display_name(obj.author)}")
        if obj.status == Status.SUBMITTED and obj.submitted_at:
            facts.append(f"提交于 {_when(obj.submitted_at)}")
        if obj.status == Status.PUBLISHED and obj.published_at:
            verb = "将于" if obj.is_scheduled else "发布于"
            by = f"（{display_name(obj.published_by)}）" if obj.published_by_id else ""
            facts.append(f"{verb} {_when(obj.published_at)}{by}")
        facts.append(f"最后修改 {_when(obj.updated_at)}")
        if obj.status != Status.DRAFT and not can_publish_articles(request.user):
            facts.append("已交给编辑，暂时不能修改")
        return facts

    @staticmethod
    def _outcome(verb: str, run) -> tuple[int, str]:
        """Run a workflow service after the save: an error message if it refused."""
        try:
            run()
        except ValidationError as exc:
            return messages.ERROR, f"修改已保存，但没有{verb}：{'；'.join(exc.messages)}"
        return messages.SUCCESS, ""

    def _submit(self, request, obj):
        level, text = self._outcome(
            "提交审核", lambda: services.article_submit(article=obj, user=request.user)
        )
        if text:
            return level, text
        done = f"《{obj.headline}》已提交审核，编辑审核后发布。"
        findings = self.submitted_findings(obj)  # the check on submit (proofreading)
        if findings is None:
            return level, done
        return messages.WARNING, format_html("{} {}", done, findings)

    def _publish(self, request, obj):
        reason = confirm_reason(request)  # for serious proofreading hits (editors only)
        level, text = self._outcome(
            "发布",
            lambda: services.article_publish(article=obj, user=request.user, confirm_reason=reason),
        )
        if text:
            return level, text
        if obj.is_scheduled:
            return level, f"《{obj.headline}》已定时发布，将于 {_when(obj.published_at)} 公开。"
        return level, f"《{obj.headline}》已发布。"

    def _withdraw(self, request, obj):
        level, text = self._outcome(
            "撤回", lambda: services.article_withdraw(article=obj, user=request.user)
        )
        return level, text or f"《{obj.headline}》已撤回，读者看不到了。"

    def _return(self, request, obj):
        reason = request.POST.get(REVIEW_NOTE_FIELD, "")
        level, text = self._outcome(
            "退回",
            lambda: services.article_return_to_draft(article=obj, user=request.user, reason=reason),
        )
        return level, text or f"《{obj.headline}》已退回作者修改，审稿意见已转告。"

    def get_form(self, request, obj=None, change=False, **kwargs):
        """Before anything is saved: 定时发布 needs a future time, 退回修改 a reason."""
        form = super().get_form(request, obj, change, **kwargs)
        if request.method != "POST":
            return form
        wants_schedule = "_schedule" in request.POST
        wants_return = "_return" in request.POST
        if not (wants_schedule or wants_return):
            return form
        reason = request.POST.get(REVIEW_NOTE_FIELD, "")

        class WorkflowForm(form):
            def clean(self):
                cleaned = super().clean()
                if wants_schedule:
                    when = cleaned.get("published_at")
                    if when is None or when <= timezone.now():
                        self.add_error(
                            "published_at",
                            "定时发布要在这里填写将来的时间，如 2020-06-17 08:30。",
                        )
                if wants_return:
                    try:
                        services.clean_review_note(reason)
                    except ValidationError as exc:
                        self.add_error(None, exc)
                return cleaned

        WorkflowForm.__name__ = form.__name__
        return WorkflowForm

    # --- Saving ------------------------------------------------------------------------
    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            wants_desk = any(name in request.POST for name in EDITOR_BUTTONS)
            if wants_desk and not self.has_publish_permission(request):
                raise PermissionDenied
            if SUBMIT_BUTTON in request.POST and not self.has_submit_permission(request):
                raise PermissionDenied
        extra_context = {"show_save_and_add_another": False, **(extra_context or {})}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The editor's reasons for returning this article, newest first (one query).
        notes = []
        if obj is not None and obj.pk:
            notes = list(ReviewNote.objects.filter(article=obj).select_related("author"))
        context["review_notes"] = [
            {"text": n.text, "who": display_name(n.author, "编辑"), "when": _when(n.created_at)}
            for n in notes
        ]
        context["review_note_open"] = REVIEW_NOTE_FIELD in request.POST
        context["review_note_posted"] = request.POST.get(REVIEW_NOTE_FIELD, "")
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- List columns ------------------------------------------------------------------
    @admin.display(description="标题", ordering="headline")
    def headline_cell(self, obj):
        marks = []
        if obj.is_headline:
            marks.append(format_html('<span class="mark mark-headline">{}</span>', "头条"))
        if obj.series_id:
            marks.append(format_html('<span class="mark">{}</span>', obj.series.title))
        return format_html(
            '<span class="headline-text">{}</span>{}',
            obj.headline,
            format_html("".join(["{}"] * len(marks)), *marks) if marks else "",
        )

    @admin.display(description="状态", ordering="status")
    def status_badge(self, obj):
        label = obj.get_status_display()
        if obj.is_scheduled:
            label = "定时发布"
        return format_html('<span class="status status-{}">{}</span>', obj.status, label)

    @admin.display(description="时间", ordering="published_at")
    def list_time(self, obj):
        """When it went (or goes) live; for the others, when it was last changed."""
        if obj.published_at and obj.status == Status.PUBLISHED:
            return _when(obj.published_at)
        return f"{_when(obj.updated_at)} 修改"

    @admin.display(description="作者", ordering="author__last_name")
    def author_name(self, obj):
        return display_name(obj.author, default="—")

    # --- Bulk actions: one message each --------------------------------------------------
    def _report(self, request, done, errors, verb):
        """One message per action: what was done, and what was not (and why)."""
        if not errors:
            self.message_user(request, f"{verb} {done} 篇文章。", messages.SUCCESS)
            return
        refused = f"{len(errors)} 篇没有{verb[1:]}：" + "；".join(errors)
        text = f"{verb} {done} 篇文章；{refused}" if done else refused
        self.message_user(request, text, messages.WARNING)

    @admin.action(description="提交审核", permissions=["submit"])
    def submit_selected(self, request, queryset):
        done, errors = services.article_submit_many(articles=queryset, user=request.user)
        self._report(request, done, errors, "已提交审核")

    @admin.action(description="发布所选文章", permissions=["publish"])
    def publish_selected(self, request, queryset):
        done, errors = services.article_publish_many(
            articles=queryset, user=request.user, confirm_reason=confirm_reason(request)
        )
        self._report(request, done, errors, "已发布")
        return self.publish_confirmation(request, queryset)  # serious hits wait for a reason

    @admin.action(description="撤回所选文章", permissions=["publish"])
    def withdraw_selected(self, request, queryset):
        done, errors = services.article_withdraw_many(articles=queryset, user=request.user)
        self._report(request, done, errors, "已撤回")

    @admin.action(description="退回修改（填写审稿意见）", permissions=["publish"])
    def return_selected(self, request, queryset):
        """Asks for the reason on a page of its own, then returns the selection with it."""
        error = ""
        reason = request.POST.get("reason", "")
        if request.POST.get("post") == "yes":
            try:
                reason = services.clean_review_note(reason)
            except ValidationError as exc:
                error = "；".join(exc.messages)
            else:
                done, errors = services.article_return_many(
                    articles=queryset, user=request.user, reason=reason
                )
                self._report(request, done, errors, "已退回")
                return None
        shown = list(queryset.select_related("author").order_by("pk")[:RETURN_LIST_LENGTH])
        context = {
            **self.admin_site.each_context(request),
            "title": "退回修改",
            "subtitle": None,
            "opts": self.opts,
            "count": queryset.count(),
            "articles": [
                {
                    "headline": a.headline,
                    "author": display_name(a.author, "—"),
                    "status": a.get_status_display(),
                }
                for a in shown
            ],
            # The selection as it was posted (or "all that match" with select_across).
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "select_across": request.POST.get("select_across", "0"),
            "reason": reason,
            "error": error,
            "max_length": services.REVIEW_NOTE_MAX_LENGTH,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/articles/article/return_selected.html", context)
