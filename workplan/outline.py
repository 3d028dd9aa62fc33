"""A plan laid out for its pages: tasks grouped by category, progress counted.

Works on a plan loaded with ``WorkPlan.objects.for_page()``: everything here reads the
prefetched rows, so building the outline runs no query.
"""

from dataclasses import dataclass, field

from .models import Task

Status = Task.Status

# Donut and bar colours per status, also used by the share card (hex for Pillow).
STATUS_COLOURS = {
    Status.DONE: "#1e7d32",
    Status.IN_PROGRESS: "#b3261e",
    Status.NOT_STARTED: "#9e9e9e",
}


@dataclass
class Counts:
    done: int = 0
    in_progress: int = 0
    not_started: int = 0

    @property
    def total(self) -> int:
        return self.done + self.in_progress + self.not_started

    def add(self, status: str) -> None:
        if status == Status.DONE:
            self.done += 1
        elif status == Status.IN_PROGRESS:
            self.in_progress += 1
        else:
            self.not_started += 1

    def segments(self) -> list[dict]:
        """Shares of the whole in percent, for an SVG bar or donut (attributes, no CSS)."""
        total = self.total or 1
        out, start = [], 0.0
        for status, count in (
            (Status.DONE, self.done),
            (Status.IN_PROGRESS, self.in_progress),
            (Status.NOT_STARTED, self.not_started),
        ):
            share = round(count * 100 / total, 2)
            out.append(
                {
                    "status": status.value,
                    "label": status.label,
                    "count": count,
                    "share": share,
                    "start": round(start, 2),
                    "rest": round(100 - share, 2),
                    # A circle of circumference 100 starts at 3 o'clock; 25 turns it to 12.
                    "offset": round(25 - start, 2),
                    "colour": STATUS_COLOURS[status],
                }
            )
            start += share
        return out

    @property
    def description(self) -> str:
        return f"已完成{self.done}项，推进中{self.in_progress}项，未启动{self.not_started}项"


@dataclass
class Group:
    category: object
    tasks: list = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)


@dataclass
class Outline:
    groups: list[Group]
    counts: Counts
    figures: list

    @property
    def figure_year(self):
        years = {f.year for f in self.figures if f.year}
        return years.pop() if len(years) == 1 else None


def build_outline(plan) -> Outline:
    groups: dict[int, Group] = {}
    counts = Counts()
    for task in plan.tasks.all():
        group = groups.get(task.category_id)
        if group is None:
            group = groups[task.category_id] = Group(category=task.category)
        group.tasks.append(task)
        group.counts.add(task.status)
        counts.add(task.status)
    return Outline(groups=list(groups.values()), counts=counts, figures=list(plan.figures.all()))
