from django.http import Http404
from django.shortcuts import render
from django.views.generic import DetailView

from .models import WorkPlan
from .outline import build_outline
from .share import share_card_url


def can_preview_plans(user) -> bool:
    """Staff who manage plans see unpublished ones (marked as a preview)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("workplan.change_workplan")
    )


class PlanDetailView(DetailView):
    """/plans/<year>/: each category a heading, its tasks in order with status and reports."""

    template_name = "workplan/plan_detail.html"
    context_object_name = "plan"

    def get_queryset(self):
        plans = WorkPlan.objects.all()
        if not can_preview_plans(self.request.user):
            plans = plans.published()
        return plans.for_page()

    def get_object(self, queryset=None):
        plan = self.get_queryset().filter(year=self.kwargs["year"]).first()
        if plan is None:
            raise Http404("没有这一年度的工作计划")
        return plan

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
            preview=not plan.is_published,
            share_image=share_card_url(plan, outline),
        )
        return context


class PlanIndexView(PlanDetailView):
    """/plans/: the latest published plan."""

    def get_queryset(self):
        return WorkPlan.objects.published().for_page()

    def get_object(self, queryset=None):
        return self.get_queryset().order_by("-year").first()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object is None:
            return render(request, "workplan/plan_empty.html")
        return self.render_to_response(self.get_context_data(object=self.object))


class PlanOverviewView(PlanDetailView):
    """/plans/<year>/overview/: 一图读懂, the year on one page."""

    template_name = "workplan/plan_overview.html"
