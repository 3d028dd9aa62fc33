from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q

from core.admin_mixins import FormAction, FormActionsMixin, ListEditableLabelsMixin, SafeEditAdmin
from core.versions import register_versioned

from . import services
from .models import Category, KeyFigure, Task, TaskReport, WorkPlan
from .permissions import can_link_tasks


class TaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = [
            "category",
            "order",
            "title",
            "lead_department",
            "status",
            "progress_note",
            "details",
        ]
        widgets = {
            "progress_note": forms.Textarea(attrs={"rows": 2, "cols": 30}),
            "details": forms.Textarea(attrs={"rows": 2, "cols": 30}),
            "title": forms.TextInput(attrs={"size": 36}),
            "order": forms.NumberInput(attrs={"class": "vIntegerField", "min": 0}),
        }
        error_messages = {
            "category": {"required": "请选择任务类别。", "invalid_choice": "请选择任务类别。"},
            "title": {"required": "请填写任务名称。"},
        }


class KeyFigureForm(forms.ModelForm):
    class Meta:
        model = KeyFigure
        fields = [
            "label",
            "qualifier",
            "number",
            "magnitude",
            "unit",
            "qualifier_position",
            "year",
            "source",
            "order",
        ]
        error_messages = {
            "number": {
                "required": "请填写数字，如 127.6 或 8000。",
                "invalid": "“数字”只能填写阿拉伯数字，如 127.6 或 8000；“万”“余”等请在旁边的栏目中选择。",
                "max_digits": "数字太大了。",
                "max_decimal_places": "最多两位小数。",
            },
            "label": {"required": "请填写数据说明，如“服务职工”。"},
        }


class TaskInline(admin.TabularInline):
    """Tasks edited on the plan, listed by category then order (the order on the page)."""

    model = Task
    form = TaskForm
    extra = 1
    show_change_link = True
    verbose_name = "重点任务"
    verbose_name_plural = "重点任务（按类别、顺序排列；“顺序”小的在前）"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("category")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # The category choices are read once per request and shared by every row (the
        # admin builds this formset several times for one page).
        category = formset.form.base_fields["category"]
        if not hasattr(request, "_task_category_choices"):
            request._task_category_choices = list(category.choices)
        category.choices = request._task_category_choices
        return formset


class KeyFigureInline(admin.TabularInline):
    model = KeyFigure
    form = KeyFigureForm
    extra = 1
    autocomplete_fields = ["source"]
    readonly_fields = ["shown_as"]
    verbose_name_plural = "关键数据（按报纸写法显示，如 127.6万余人次、超8000人）"

    @admin.display(description="显示效果")
    def shown_as(self, obj):
        return obj.display if obj.pk else "—"


# Every save keeps a version (django-reversion): a plan with its tasks and key figures,
# a task with its report links.
register_versioned(Task, follow=["report_links"])
register_versioned(WorkPlan, follow=["tasks", "figures"])


@admin.register(WorkPlan)
class WorkPlanAdmin(FormActionsMixin, SafeEditAdmin, admin.ModelAdmin):
    list_display = ["year", "title", "published", "task_count", "done_count", "updated_at"]
    list_display_links = ["year", "title"]
    list_filter = ["is_published"]
    search_fields = ["title", "intro"]
    autocomplete_fields = ["source"]
    inlines = [TaskInline, KeyFigureInline]
    actions = ["copy_to_next_year"]
    save_on_top = True
    fields = ["year", "title", "intro", "source", "is_published"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_tasks=Count("tasks"),
                n_done=Count("tasks", filter=Q(tasks__status=Task.Status.DONE)),
            )
        )

    def save_model(self, request, obj, form, change):
        # Publishing goes through the service (which checks the right and audits it): the
        # row is saved as it was, then switched if 公开发布 was ticked or cleared.
        wanted = obj.is_published
        obj.is_published = form.initial.get("is_published", obj.is_published if change else False)
        super().save_model(request, obj, form, change)
        if wanted != obj.is_published:
            services.workplan_set_published(plan=obj, user=request.user, published=wanted)

    def get_form_actions(self, request, obj):
        if obj is None or not obj.pk or not self.has_add_permission(request):
            return []
        return [
            FormAction(
                "_copy_next_year",
                f"复制为{obj.year + 1}年计划",
                handler=self._copy_next_year,
                help="保存，再以这份计划为底稿建立下一年的计划（草稿）",
            )
        ]

    def get_form_facts(self, request, obj):
        if obj is None or not obj.pk:
            return ["新计划"]
        return ["已公开发布" if obj.is_published else "未发布（公众看不到）"]

    def _copy_next_year(self, request, obj):
        try:
            new_plan = services.workplan_copy_to_year(plan=obj, year=obj.year + 1)
        except ValidationError as exc:
            return messages.ERROR, "修改已保存，但没有复制：" + "；".join(exc.messages)
        return (
            messages.SUCCESS,
            f"已根据{obj.year}年计划建立{new_plan.year}年计划（草稿，任务均为“未启动”）。",
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {"show_save_and_add_another": False, **(extra_context or {})}
        return super().changeform_view(request, object_id, form_url, extra_context)

    @admin.display(description="公开发布", ordering="is_published")
    def published(self, obj):
        return "是" if obj.is_published else "否"

    @admin.display(description="任务数", ordering="n_tasks")
    def task_count(self, obj):
        return obj.n_tasks

    @admin.display(description="已完成", ordering="n_done")
    def done_count(self, obj):
        return obj.n_done

    @admin.action(description="复制到下一年", permissions=["add"])
    def copy_to_next_year(self, request, queryset):
        for plan in queryset.order_by("year"):
            try:
                new_plan = services.workplan_copy_to_year(plan=plan, year=plan.year + 1)
            except ValidationError as exc:
                self.message_user(request, ";".join(exc.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    f"已根据{plan.year}年计划建立{new_plan.year}年计划（草稿，任务均为“未启动”）。",
                    messages.SUCCESS,
                )


class TaskReportByTaskInline(admin.TabularInline):
    model = TaskReport
    fk_name = "task"
    extra = 1
    autocomplete_fields = ["article"]
    verbose_name = "相关报道"
    verbose_name_plural = "相关报道（公众只看到已发布的报道）"


@admin.register(Task)
class TaskAdmin(ListEditableLabelsMixin, SafeEditAdmin, admin.ModelAdmin):
    list_display = ["title", "plan", "category", "status", "report_count"]
    list_editable = ["status"]
    list_filter = ["plan", "category", "status"]
    search_fields = ["title", "details", "lead_department"]
    list_select_related = ["plan", "category"]
    inlines = [TaskReportByTaskInline]
    form = TaskForm
    fields = [
        "plan",
        "category",
        "order",
        "title",
        "details",
        "lead_department",
        "status",
        "progress_note",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_reports=Count("report_links"))

    @admin.display(description="相关报道数", ordering="n_reports")
    def report_count(self, obj):
        return obj.n_reports


@admin.register(Category)
class CategoryAdmin(ListEditableLabelsMixin, admin.ModelAdmin):
    list_display = ["name", "order", "description"]
    list_editable = ["order"]
    search_fields = ["name"]


# --- The article admin's inline: link an article to the tasks it reports on ------------


class TaskChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.plan.year}年 · {obj.category.name} · {obj.title}"


class TaskReportInline(admin.TabularInline):
    """On the article form: the plan tasks this article reports progress on.

    Whoever may edit the article may link it (editors: any article; reporters: their own
    drafts), following ``workplan.permissions.can_link_tasks``; checked again on every POST.
    """

    model = TaskReport
    fk_name = "article"
    fields = ["task"]
    extra = 0
    verbose_name = "相关重点任务"
    verbose_name_plural = "相关重点任务（本文报道了哪些年度重点任务的进展）"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "task":
            kwargs["queryset"] = Task.objects.select_related("plan", "category").order_by(
                "-plan__year", "category__order", "order", "pk"
            )
            kwargs["form_class"] = TaskChoiceField
            kwargs["error_messages"] = {
                "required": "请选择任务。",
                "invalid_choice": "所选任务不存在。",
            }
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request):
        # Each row is labelled with its link ("task ← article"): read both with the rows.
        return (
            super().get_queryset(request).select_related("task", "article").defer("article__body")
        )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        task = formset.form.base_fields["task"]
        task.choices = list(task.choices)  # one query for all rows
        return formset

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and can_link_tasks(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and can_link_tasks(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and can_link_tasks(request.user, obj)
