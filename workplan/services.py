"""Writes to work plans: publishing (audited here, whichever page or command calls it) and
starting next year's plan from this one."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from audit.services import audit_transition

from .models import Task, WorkPlan
from .permissions import can_manage_plans


@transaction.atomic
def workplan_set_published(*, plan: WorkPlan, user, published: bool) -> WorkPlan:
    """Publish (or take down) ``plan``; a change is written to the audit log."""
    if not can_manage_plans(user):
        raise PermissionDenied("只有编辑可以发布或撤下工作计划。")
    if plan.is_published != published:
        old = plan.is_published
        plan.is_published = published
        plan.save(update_fields=["is_published", "updated_at"])
        audit_transition(
            obj=plan, user=user, old_status=old, new_status=published, field="is_published"
        )
    return plan


@transaction.atomic
def workplan_copy_to_year(*, plan: WorkPlan, year: int) -> WorkPlan:
    """Start ``year``'s plan from ``plan``: a draft with the same tasks, progress reset.

    Tasks keep their category, title, details, lead department and order; their status
    goes back to 未启动 and the progress note is cleared. Reports and key figures belong
    to their own year and are not copied. Refuses (saving nothing) if ``year`` has a plan.
    """
    if WorkPlan.objects.filter(year=year).exists():
        raise ValidationError(f"{year}年已有工作计划，没有复制。请先删除或修改{year}年的计划。")
    title = plan.title.replace(str(plan.year), str(year)) if plan.title else f"{year}年工作计划"
    try:
        with transaction.atomic():
            new_plan = WorkPlan.objects.create(year=year, title=title, is_published=False)
    except IntegrityError as exc:  # a concurrent copy won the race
        raise ValidationError(f"{year}年已有工作计划，没有复制。") from exc
    Task.objects.bulk_create(
        Task(
            plan=new_plan,
            category_id=task.category_id,
            title=task.title,
            details=task.details,
            lead_department=task.lead_department,
            order=task.order,
            status=Task.Status.NOT_STARTED,
            progress_note="",
        )
        for task in plan.tasks.all()
    )
    return new_plan
