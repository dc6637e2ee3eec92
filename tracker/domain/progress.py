"""Progress rules: the summary of a path and what to do next, from the checklist and counts."""

from __future__ import annotations

from collections.abc import Sequence

from tracker.domain.enums import ItemKind, ResourceStatus
from tracker.domain.views import Checklist, Count, NextStep, ProgressSummary


def summary_of(
    path_slug: str, checklist: Checklist, counts: tuple[int, dict[str, int]], minutes: int
) -> ProgressSummary:
    """The summary from the checklist, the resource counts by status and the minutes logged."""
    total, by_status = counts
    sections = tuple(
        (
            item.title,
            Count(item.done_children, len(item.children))
            if item.children
            else Count(int(item.done), 1),
        )
        for item in checklist.items
    )
    return ProgressSummary(
        path_slug=path_slug,
        required=checklist.required,
        prerequisites=checklist.top_level,
        skills=checklist.skills,
        resources=Count(by_status.get(ResourceStatus.DONE.value, 0), total),
        resources_in_progress=by_status.get(ResourceStatus.IN_PROGRESS.value, 0),
        minutes_logged=minutes,
        sections=sections,
    )


def next_up_of(
    checklist: Checklist, in_progress: Sequence[tuple[str, str]], limit: int
) -> list[NextStep]:
    """Unmet required prerequisites first (their first open sub-skills), then resources
    in progress ((slug, title) in catalog order), then unmet recommended prerequisites."""
    steps: list[NextStep] = []
    for required in (True, False):
        for item in checklist.items:
            if item.required != required or item.done:
                continue
            open_children = [child for child in item.children if not child.done]
            if open_children:
                for child in open_children:
                    steps.append(
                        NextStep(
                            ItemKind.PREREQUISITE.value,
                            child.slug,
                            child.title,
                            f"{item.title}: {item.done_children}/{len(item.children)} done",
                        )
                    )
            else:
                label = "required" if item.required else "recommended"
                steps.append(NextStep(ItemKind.PREREQUISITE.value, item.slug, item.title, label))
        if required:
            steps.extend(
                NextStep(ItemKind.RESOURCE.value, slug, title, "in progress")
                for slug, title in in_progress
            )
    return steps[:limit]
