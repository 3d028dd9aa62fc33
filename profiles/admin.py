from django import forms
from django.contrib import admin, messages
from django.db.models import Q
from django.utils.html import format_html

from articles.models import Article
from core.admin_mixins import FormActionsMixin, ListEditableLabelsMixin, SafeEditAdmin
from core.versions import register_versioned
from photos.widgets import PhotoPickerMixin

from . import services
from .models import Honour, Profile, ProfileKind, Town
from .permissions import can_edit_profile, can_publish_profiles


@admin.register(Town)
class TownAdmin(ListEditableLabelsMixin, admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


@admin.register(ProfileKind)
class ProfileKindAdmin(ListEditableLabelsMixin, admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


class HonourInline(admin.TabularInline):
    model = Honour
    form = forms.modelform_factory(
        Honour,
        fields=["title", "year", "order"],
        error_messages={"title": {"required": "请填写荣誉称号。"}},
    )
    extra = 1
    fields = ["title", "year", "order"]
    verbose_name_plural = "荣誉（如：全国劳动模范 2020）"


class ProfileAdminForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = [
            "name", "portrait", "position", "organization", "town", "kind",
            "deeds", "biography", "quote", "series", "articles", "is_published", "order",
        ]  # fmt: skip
        error_messages = {
            "name": {"required": "请填写姓名。"},
            "position": {"required": "请填写职务。"},
            "kind": {"required": "请选择人物类型。"},
            "deeds": {"required": "请填写事迹。"},
        }


# Every save keeps a version of the profile with its honours (django-reversion).
register_versioned(Profile, follow=["honours"])


@admin.register(Profile)
class ProfileAdmin(PhotoPickerMixin, FormActionsMixin, SafeEditAdmin, admin.ModelAdmin):
    form = ProfileAdminForm
    list_display = [
        "name",
        "position",
        "kind",
        "town",
        "series",
        "published_badge",
        "order",
        "updated_at",
    ]
    list_filter = ["kind", "town", "series", "is_published"]
    search_fields = ["name", "position", "organization"]
    list_select_related = ["kind", "town", "series"]
    autocomplete_fields = ["portrait", "articles", "series"]
    inlines = [HonourInline]
    actions = ["publish_selected", "unpublish_selected"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["name", "portrait", "position", "organization", "town", "kind"]}),
        ("事迹与简介", {"fields": ["deeds", "biography", "quote"]}),
        ("相关报道", {"fields": ["series", "articles"]}),
        ("发布", {"fields": ["is_published", "order", "created_by", "created_at", "updated_at"]}),
    ]

    def get_form_facts(self, request, obj):
        # The action bar (保存 on top, kept in view) says what the reporter can't see below.
        if obj is None or not obj.pk:
            return ["新人物档案"]
        return ["状态：已发布" if obj.is_published else "状态：草稿（公众看不到）"]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {"show_save_and_add_another": False, **(extra_context or {})}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_fieldsets(self, request, obj=None):
        # Reporters see only what they may change: publishing is the editors' part.
        if can_publish_profiles(request.user):
            return self.fieldsets
        return self.fieldsets[:-1]

    # --- Who sees and changes what (enforced here, on the server) ----------------------
    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if not can_publish_profiles(request.user):
            qs = qs.filter(created_by=request.user, is_published=False)
        return qs

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return can_edit_profile(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return can_publish_profiles(request.user) and super().has_delete_permission(request, obj)

    def has_publish_permission(self, request):
        return can_publish_profiles(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = ["created_by", "created_at", "updated_at"]
        if not can_publish_profiles(request.user):
            fields += ["is_published", "order"]
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        request._profile_being_edited = obj
        return super().get_form(request, obj, change, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "articles":
            # Newest first; a reporter links a profile to their own reports only.
            articles = Article.objects.defer("body").order_by("-published_at", "-pk")
            if not can_publish_profiles(request.user):
                # Keep links an editor already made, so the reporter can still save.
                obj = getattr(request, "_profile_being_edited", None)
                mine = Q(author=request.user)
                if obj is not None and obj.pk:
                    mine |= Q(pk__in=obj.articles.values("pk"))
                articles = articles.filter(mine)
            kwargs["queryset"] = articles
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        # Publishing goes through the service (which checks the right and audits it): the
        # row is saved as it was, then switched if the editor ticked or cleared 已发布.
        wanted = obj.is_published
        obj.is_published = form.initial.get("is_published", obj.is_published if change else False)
        super().save_model(request, obj, form, change)
        if wanted != obj.is_published and can_publish_profiles(request.user):
            services.profile_set_published(profiles=[obj], user=request.user, published=wanted)

    # --- List columns and bulk actions --------------------------------------------------
    @admin.display(description="状态", ordering="is_published")
    def published_badge(self, obj):
        if obj.is_published:
            return format_html('<span class="status status-published">{}</span>', "已发布")
        return format_html('<span class="status status-draft">{}</span>', "草稿")

    @admin.action(description="发布所选人物档案", permissions=["publish"])
    def publish_selected(self, request, queryset):
        count = services.profile_set_published(profiles=queryset, user=request.user, published=True)
        self.message_user(request, f"已发布 {count} 份人物档案。", messages.SUCCESS)

    @admin.action(description="撤下所选人物档案", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = services.profile_set_published(
            profiles=queryset, user=request.user, published=False
        )
        self.message_user(request, f"已撤下 {count} 份人物档案。", messages.SUCCESS)
