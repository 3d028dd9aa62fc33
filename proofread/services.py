"""Writes of the proofreading app: the word lists, marks of intended use, check results and
the site-wide check (巡查). Every change to the lists raises the list version."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, models, transaction
from django.utils import timezone

from audit.models import AuditEntry
from audit.services import audit_record
from core.roles import is_editor

from . import lists
from .engine import Hit, Report, Segment, WaiverKey, check
from .models import CheckResult, Entry, Sweep, SweepFinding, Waiver
from .sources import get_source, get_sources

WAIVE_SALT = "proofread.waive"


# --- Word lists ------------------------------------------------------------------------------


def _require_editor(user) -> None:
    if user is not None and not is_editor(user):
        raise PermissionDenied("只有编辑可以修改校对词库。")


@transaction.atomic
def entry_save(*, entry: Entry, user=None) -> Entry:
    _require_editor(user)
    entry.full_clean()
    if user is not None:
        entry.updated_by = user
    entry.save()
    lists.bump_version()
    return entry


@transaction.atomic
def entry_delete_many(*, entries: Iterable[Entry], user=None) -> int:
    _require_editor(user)
    ids = [e.pk for e in entries]
    count, _ = Entry.objects.filter(pk__in=ids).delete()
    if count:
        lists.bump_version()
    return count


@transaction.atomic
def entries_import(*, rows: Sequence[dict], user=None) -> dict[str, int]:
    """Add or update entries by their wrong form (rows already validated). Nothing is
    deleted: an office's list is merged into ours."""
    _require_editor(user)
    existing = {e.wrong: e for e in Entry.objects.filter(wrong__in=[r["wrong"] for r in rows])}
    created = updated = unchanged = 0
    fields = ["right", "kind", "severity", "note", "exceptions", "is_active"]
    for row in rows:
        entry = existing.get(row["wrong"])
        if entry is None:
            entry = Entry(wrong=row["wrong"], updated_by=user, **{f: row[f] for f in fields})
            entry.full_clean()
            entry.save()
            created += 1
            continue
        if all(getattr(entry, f) == row[f] for f in fields):
            unchanged += 1
            continue
        for f in fields:
            setattr(entry, f, row[f])
        entry.updated_by = user
        entry.full_clean()
        entry.save()
        updated += 1
    if created or updated:
        lists.bump_version()
    return {"created": created, "updated": updated, "unchanged": unchanged}


# --- Checking an item ------------------------------------------------------------------------


def _key(obj: models.Model) -> tuple[ContentType, str]:
    return ContentType.objects.get_for_model(obj, for_concrete_model=True), str(obj.pk)


def waivers_for(obj: models.Model | None) -> list[WaiverKey]:
    if obj is None or obj.pk is None:
        return []
    content_type, object_id = _key(obj)
    return [
        WaiverKey(rule=w.rule, found=w.found, sentence=w.sentence, context=w.context)
        for w in Waiver.objects.filter(content_type=content_type, object_id=object_id).only(
            "rule", "found", "sentence", "context"
        )
    ]


def report_for(*, obj: models.Model | None, segments: Iterable[Segment]) -> Report:
    """Check ``segments`` with the current lists and the marks made for ``obj``."""
    return check(segments, lists.get_matcher(), waivers=waivers_for(obj))


def check_result_save(*, obj: models.Model, report: Report, trigger: str, user=None):
    content_type, object_id = _key(obj)
    result, _ = CheckResult.objects.update_or_create(
        content_type=content_type,
        object_id=object_id,
        defaults={
            "trigger": trigger,
            "checked_by": user if getattr(user, "is_authenticated", False) else None,
            "list_version": report.version,
            "serious": len(report.serious),
            "hints": len(report.hints),
            "hits": [h.as_dict() for h in report.open_hits][:200],
        },
    )
    return result


def check_result_for(obj: models.Model) -> CheckResult | None:
    content_type, object_id = _key(obj)
    return CheckResult.objects.filter(content_type=content_type, object_id=object_id).first()


def describe_hits(hits: Sequence[Hit], limit: int = 5) -> str:
    text = ";".join(h.describe() for h in hits[:limit])
    if len(hits) > limit:
        text += f" 等 {len(hits)} 处"
    return text


@transaction.atomic
def confirm_serious(*, obj: models.Model, report: Report, user, reason: str, request=None):
    """Record an editor's confirmation of the serious hits of ``obj`` (the audit log keeps
    the reason and every hit). Raises unless an editor gives a reason."""
    if not is_editor(user):
        raise PermissionDenied("只有编辑可以确认严重校对问题。")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写确认理由。", code="proofread_reason")
    lines = [f"确认理由：{reason}", f"严重问题 {len(report.serious)} 处："]
    lines += [f"- {h.describe()} 所在句子：{h.sentence}" for h in report.serious]
    return audit_record(
        action=AuditEntry.Action.PROOFREAD,
        request=request,
        user=user,
        obj=obj,
        detail="\n".join(lines),
    )


# --- Marks of intended use -------------------------------------------------------------------


def waive_token(hit: Hit) -> str:
    """What a 标为有意使用 checkbox carries (signed: the server decides what it marks)."""
    return signing.dumps(
        [hit.rule, hit.found, hit.sentence, hit.context], salt=WAIVE_SALT, compress=True
    )


@transaction.atomic
def waiver_create(*, obj: models.Model, token: str, user, request=None) -> Waiver:
    if not is_editor(user):
        raise PermissionDenied("只有编辑可以把问题标为有意使用。")
    try:
        rule, found, sentence, context = signing.loads(token, salt=WAIVE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        raise ValidationError("标记无效，请重新校对后再标记。", code="bad_token") from None
    content_type, object_id = _key(obj)
    waiver, created = Waiver.objects.get_or_create(
        content_type=content_type,
        object_id=object_id,
        rule=rule[:120],
        found=found[:120],
        sentence=sentence,
        defaults={"context": context[:200], "created_by": user},
    )
    if created:
        audit_record(
            action=AuditEntry.Action.PROOFREAD,
            request=request,
            user=user,
            obj=obj,
            detail=f"标为有意使用：“{found}” 所在句子：{sentence}",
        )
    return waiver


@transaction.atomic
def waiver_delete(*, obj: models.Model, waiver_id: int, user, request=None) -> None:
    if not is_editor(user):
        raise PermissionDenied("只有编辑可以取消标记。")
    content_type, object_id = _key(obj)
    waiver = Waiver.objects.filter(
        pk=waiver_id, content_type=content_type, object_id=object_id
    ).first()
    if waiver is None:
        return
    waiver.delete()
    audit_record(
        action=AuditEntry.Action.PROOFREAD,
        request=request,
        user=user,
        obj=obj,
        detail=f"取消“有意使用”标记：“{waiver.found}” 所在句子：{waiver.sentence}",
    )


def waivers_list(obj: models.Model) -> list[Waiver]:
    content_type, object_id = _key(obj)
    return list(
        Waiver.objects.filter(content_type=content_type, object_id=object_id).select_related(
            "created_by"
        )
    )


# --- Site-wide check (巡查) --------------------------------------------------------------------


def sweep_start(*, user=None) -> Sweep:
    """Start a sweep over every registered source (or return the one already running)."""
    _require_editor(user)
    running = Sweep.objects.filter(status=Sweep.Status.RUNNING).first()
    if running is not None:
        return running
    sources = get_sources()
    total = sum(source.queryset().count() for source in sources)
    return Sweep.objects.create(
        list_version=lists.current_version(),
        total=total,
        started_by=user,
        cursor={"source": sources[0].key if sources else "", "after": None},
    )


def _lock_nowait(pk: int) -> Sweep | None:
    """The sweep row, locked; None while another process holds it (a batch is running)."""
    try:
        with transaction.atomic():
            return Sweep.objects.select_for_update(nowait=True).get(pk=pk)
    except DatabaseError:
        return None


def sweep_stop(*, sweep: Sweep, user=None) -> Sweep:
    """Stop now if no batch is running, else ask the running process to stop after it."""
    _require_editor(user)
    with transaction.atomic():
        locked = _lock_nowait(sweep.pk)
        if locked is not None and locked.status == Sweep.Status.RUNNING:
            locked.status = Sweep.Status.STOPPED
            locked.stop_requested = False
            locked.save(update_fields=["status", "stop_requested", "updated_at"])
    if locked is None:
        Sweep.objects.filter(pk=sweep.pk, status=Sweep.Status.RUNNING).update(
            stop_requested=True, updated_at=timezone.now()
        )
    sweep.refresh_from_db()
    return sweep


def sweep_resume(*, sweep: Sweep, user=None) -> Sweep:
    _require_editor(user)
    if sweep.status == Sweep.Status.STOPPED:
        if Sweep.objects.filter(status=Sweep.Status.RUNNING).exclude(pk=sweep.pk).exists():
            raise ValidationError("已有一次巡查正在进行，请等它完成或暂停后再继续这一次。")
        sweep.status = Sweep.Status.RUNNING
        sweep.stop_requested = False
        sweep.save(update_fields=["status", "stop_requested", "updated_at"])
    return sweep


def _check_batch(sweep: Sweep, source, batch: list, matcher) -> int:
    segments = source.segments(batch)
    model = type(batch[0])
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
    marks: dict[str, list[WaiverKey]] = {}
    waivers = Waiver.objects.filter(content_type=content_type)
    if waivers.exists():  # usually none: then no list of 1,000 ids to send
        waivers = waivers.filter(object_id__in=[str(item.pk) for item in batch])
    else:
        waivers = Waiver.objects.none()
    for w in waivers.only("object_id", "rule", "found", "sentence", "context"):
        marks.setdefault(w.object_id, []).append(
            WaiverKey(rule=w.rule, found=w.found, sentence=w.sentence, context=w.context)
        )
    findings = []
    for item in batch:
        report = check(
            segments.get(item.pk, ()),
            matcher,
            waivers=marks.get(str(item.pk), ()),
            mechanical_checks=False,
        )
        hits = report.open_hits
        if not hits:
            continue
        findings.append(
            SweepFinding(
                sweep=sweep,
                source=source.key,
                object_id=str(item.pk),
                title=source.title(item)[:200],
                admin_url=source.admin_url(item)[:300],
                serious=len(report.serious),
                hints=len(hits) - len(report.serious),
                hits=[h.as_dict() for h in hits[:20]],
            )
        )
    SweepFinding.objects.bulk_create(findings)
    return len(findings)


def sweep_step(*, sweep: Sweep, batch_size: int = 500) -> bool:
    """Check the next batch; return False when the sweep is finished (or stopped).
    One transaction per batch: a stop or a crash loses at most the batch in progress."""
    with transaction.atomic():
        sweep = _lock_nowait(sweep.pk)
        if sweep is None:
            return False  # another process is running this sweep right now
        if sweep.status != Sweep.Status.RUNNING:
            return False
        if sweep.stop_requested:
            sweep.status = Sweep.Status.STOPPED
            sweep.stop_requested = False
            sweep.save(update_fields=["status", "stop_requested", "updated_at"])
            return False
        started = time.monotonic()
        keys = [s.key for s in get_sources()]
        key = sweep.cursor.get("source") or (keys[0] if keys else "")
        after = sweep.cursor.get("after")
        source = get_source(key)
        batch = []
        if source is not None:
            rows = source.queryset().order_by("pk")
            if after is not None:
                rows = rows.filter(pk__gt=after)
            batch = list(rows[:batch_size])
        if batch:
            sweep.found += _check_batch(sweep, source, batch, lists.get_matcher())
            sweep.checked += len(batch)
            sweep.cursor = {"source": key, "after": batch[-1].pk}
        else:
            following = keys[keys.index(key) + 1 :] if key in keys else []
            if following:
                sweep.cursor = {"source": following[0], "after": None}
            else:
                sweep.status = Sweep.Status.DONE
                sweep.finished_at = timezone.now()
                sweep.total = max(sweep.total, sweep.checked)
        sweep.seconds += time.monotonic() - started
        sweep.save()
        return sweep.status == Sweep.Status.RUNNING


def sweep_run(
    *,
    sweep: Sweep,
    batch_size: int = 500,
    max_seconds: float | None = None,
    progress: Callable[[Sweep], None] | None = None,
) -> Sweep:
    """Run batches until the sweep is done or stopped, or ``max_seconds`` have passed
    (the admin page runs a little at each refresh; the command runs to the end)."""
    started = time.monotonic()
    while sweep_step(sweep=sweep, batch_size=batch_size):
        sweep.refresh_from_db()
        if progress is not None:
            progress(sweep)
        if max_seconds is not None and time.monotonic() - started >= max_seconds:
            break
    sweep.refresh_from_db()
    if progress is not None:
        progress(sweep)
    return sweep
