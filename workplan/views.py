from django.shortcuts import render
from django.views.generic import DetailView

from core.views import PreviewOr404Mixin

from .models import WorkPlan
from .outline import build_outline
from .permissions import can_preview_plan
from .share import CARD_SIZE, share_card_url


class PlanDetailView(PreviewOr404Mixin, DetailView):
    """/plans/<year>/: each category a heading, its tasks in order with status and reports."""

    template_name = "workplan/plan_detail.html"
    context_object_name = "plan"
    slug_field = slug_url_kwarg = "year"
    not_found_message = "没有这一年度的工作计划"

    def get_queryset(self):
        return WorkPlan.objects.for_page()

    def is_live(self, plan) -> bool:
        return plan.is_published

    def can_preview(self, user, plan) -> bool:
        return can_preview_plan(user, plan)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.object
        outline = build_outline(plan)
        years = list(WorkPlan.objects.published().values_list("year", flat=True))
        if plan.year not in years:
            years = sorted([*years, plan.year], reverse=True)
        context.update(
            outline=outline,
            years=years,
            share_image=share_card_url(plan, outline),
            share_description=f"{outline.counts.total}项重点任务：{outline.counts.description}。",
            share_image_type="image/png",
            share_image_width=CARD_SIZE[0],
            share_image_height=CARD_SIZE[1],
            share_image_alt=f"一图读懂：{plan.title}",
        )
        return context


class PlanIndexView(PlanDetailView):
    """/plans/: the latest published plan."""

    def get_queryset(self):
        return WorkPlan.objects.published().for_page()

    def get_object(self, queryset=None):
        self.preview = False
        return self.get_queryset().order_by("-year").first()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object is None:
            return render(request, "workplan/plan_empty.html")
        return self.render_to_response(self.get_context_data(object=self.object))


class PlanOverviewView(PlanDetailView):
    """/plans/<year>/overview/: 一图读懂, the year on one page."""

    template_name = "workplan/plan_overview.html"
