from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.utils.functional import cached_property
from django.utils.html import format_html

from core.admin_mixins import SafeEditAdmin
from core.versions import register_versioned
from photos.models import Photo

from . import admin_extensions, services
from .forms import ArticleAdminForm, CreditForm
from .models import Article, ArticlePhoto, Credit, Section, Series
from .permissions import can_edit_article, can_publish_articles


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
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "in_navigation", "show_thumbnails"]
    list_editable = ["order", "in_navigation", "show_thumbnails"]
    search_fields = ["name", "slug"]


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["title", "intro"]
    date_hierarchy = "created_at"


class ArticlePhotoInline(admin.TabularInline):
    """The gallery (图集) and infographics (一图读懂), ordered, photos picked from the library."""

    model = ArticlePhoto
    extra = 1
    fields = ["photo", "kind", "order", "caption_override"]
    autocomplete_fields = ["photo"]
    verbose_name = "图集照片或一图读懂"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "photo":
            kwargs["queryset"] = Photo.objects.placeable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    verbose_name_plural = "图集与一图读懂(照片从图片库中选择;说明和来源取自图片库)"


class CreditInline(admin.TabularInline):
    model = Credit
    form = CreditForm
    extra = 1
    fields = ["role", "outlet", "title", "name", "order"]
    verbose_name = "署名"
    verbose_name_plural = "署名(按报纸格式显示:文/珠江时报记者 黄梦灵 通讯员 梁丽英)"


# Every save of an article keeps a version, with its byline and gallery (django-reversion).
register_versioned(Article, follow=["credits", "gallery_items"])


@admin.register(Article)
class ArticleAdmin(SafeEditAdmin, admin.ModelAdmin):
    list_display = [
        "headline",
        "status_badge",
        "section",
        "series",
        "is_headline",
        "published_at",
        "author",
        "updated_at",
    ]
    form = ArticleAdminForm
    list_display_links = ["headline"]
    list_filter = ["status", "section", "series", "is_headline", "published_at"]
    search_fields = ["headline", "kicker", "subheadline"]
    date_hierarchy = "published_at"
    list_select_related = ["section", "series", "author"]
    list_per_page = 50
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    autocomplete_fields = ["series", "cover"]
    inlines = [CreditInline, ArticlePhotoInline]
    actions = ["submit_selected", "publish_selected", "withdraw_selected", "return_selected"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["kicker", "headline", "subheadline", "summary"]}),
        ("正文", {"fields": ["body"]}),
        ("归类与来源", {"fields": ["section", "series", "source", "cover", "is_headline"]}),
        (
            "发布",
            {
                "fields": [
                    "status",
                    "published_at",
                    "published_by",
                    "author",
                    "submitted_at",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

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
        qs = super().get_queryset(request).defer("body")
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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A reporter places only photos they may see (a crafted POST can't pick others').
        if db_field.name == "cover":
            kwargs["queryset"] = Photo.objects.placeable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_publish_permission(self, request):
        return can_publish_articles(request.user)

    def has_submit_permission(self, request):
        return request.user.has_perm("articles.submit_article")

    def get_readonly_fields(self, request, obj=None):
        fields = ["status", "published_by", "author", "submitted_at", "created_at", "updated_at"]
        if not can_publish_articles(request.user):
            fields += ["published_at", "is_headline"]
        return fields

    # --- Saving and the workflow buttons ------------------------------------------------
    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            wants_publish = "_publish" in request.POST or "_withdraw" in request.POST
            if wants_publish and not self.has_publish_permission(request):
                raise PermissionDenied
            if "_submit_review" in request.POST and not self.has_submit_permission(request):
                raise PermissionDenied
        extra_context = extra_context or {}
        extra_context["can_publish"] = self.has_publish_permission(request)
        extra_context["can_submit"] = self.has_submit_permission(request)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _run_workflow_button(self, request, obj):
        """Apply the status change the clicked button asks for, after the save."""
        action = None
        if "_submit_review" in request.POST and obj.status == Article.Status.DRAFT:
            action, verb = services.article_submit, "已提交审核"
        elif "_publish" in request.POST:
            action, verb = services.article_publish, "已发布"
        elif "_withdraw" in request.POST and obj.status == Article.Status.PUBLISHED:
            action, verb = services.article_withdraw, "已撤回"
        if action is None:
            return
        try:
            action(article=obj, user=request.user)
        except ValidationError as exc:
            self.message_user(request, ";".join(exc.messages), messages.ERROR)
        else:
            if obj.is_scheduled:
                verb = f"已定时发布,将于 {obj.published_at:%Y-%m-%d %H:%M} 公开"
            self.message_user(request, f"《{obj.headline}》{verb}。", messages.SUCCESS)

    def response_add(self, request, obj, post_url_continue=None):
        self._run_workflow_button(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._run_workflow_button(request, obj)
        return super().response_change(request, obj)

    # --- List columns and bulk actions --------------------------------------------------
    @admin.display(description="状态", ordering="status")
    def status_badge(self, obj):
        label = obj.get_status_display()
        if obj.is_scheduled:
            label = "定时发布"
        return format_html('<span class="status status-{}">{}</span>', obj.status, label)

    def _report(self, request, done, errors, verb):
        if done:
            self.message_user(request, f"{verb} {done} 篇文章。", messages.SUCCESS)
        for error in errors:
            self.message_user(request, error, messages.WARNING)

    @admin.action(description="提交审核", permissions=["submit"])
    def submit_selected(self, request, queryset):
        done, errors = services.article_submit_many(articles=queryset, user=request.user)
        self._report(request, done, errors, "已提交审核")

    @admin.action(description="发布所选文章", permissions=["publish"])
    def publish_selected(self, request, queryset):
        done, errors = services.article_publish_many(articles=queryset, user=request.user)
        self._report(request, done, errors, "已发布")

    @admin.action(description="撤回所选文章", permissions=["publish"])
    def withdraw_selected(self, request, queryset):
        done, errors = services.article_withdraw_many(articles=queryset, user=request.user)
        self._report(request, done, errors, "已撤回")

    @admin.action(description="退回修改(改为草稿)", permissions=["publish"])
    def return_selected(self, request, queryset):
        done, errors = services.article_return_many(articles=queryset, user=request.user)
        self._report(request, done, errors, "已退回")
