"""Commands on the prerequisite checklist: the installed paths, the status of one, ticks."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from tracker import formatting
from tracker.cli.common import EXIT_OK, Command, path_of

if TYPE_CHECKING:
    from tracker.domain.views import Checklist, ChecklistItem
    from tracker.wiring import Services


def register(commands: Any) -> dict[str, Command]:
    """Add these commands to the parser; return their handlers."""
    commands.add_parser("paths", help="list the installed learning paths")

    status = commands.add_parser("status", help="show the checklist and progress of a path")
    status.add_argument("--path", metavar="SLUG", help="learning path (default: the first)")
    status.add_argument("--json", action="store_true", help="print JSON")

    for name, verb in (("check", "tick"), ("uncheck", "untick")):
        sub = commands.add_parser(name, help=f"{verb} a prerequisite (and its sub-skills)")
        sub.add_argument("slug", help="prerequisite slug (see 'status')")
        sub.add_argument("--path", metavar="SLUG", help="learning path (default: the first)")
    return {
        "paths": cmd_paths,
        "status": cmd_status,
        "check": cmd_check,
        "uncheck": cmd_check,
    }


def cmd_paths(services: Services, _args: argparse.Namespace) -> int:
    for summary in services.packs.paths():
        print(f"{summary.slug}\t{summary.title}\t(pack {summary.pack_version})")
    return EXIT_OK


def _mark(item: ChecklistItem) -> str:
    if item.done:
        return "[x]"
    return "[~]" if any(child.done or child.own_done for child in item.walk()[1:]) else "[ ]"


def _print_checklist(checklist: Checklist) -> None:
    def show(item: ChecklistItem, depth: int) -> None:
        extra = "" if item.required else "  (recommended)"
        hours = f"  ~{item.estimate_hours:g} h" if item.estimate_hours else ""
        counts = f"  {item.done_children}/{len(item.children)}" if item.children else ""
        print(f"{'    ' * depth}{_mark(item)} {item.title}  [{item.slug}]{counts}{hours}{extra}")
        for child in item.children:
            show(child, depth + 1)

    for item in checklist.items:
        show(item, 0)


def cmd_status(services: Services, args: argparse.Namespace) -> int:
    path_slug = path_of(services, args)
    checklist = services.checklist.checklist(path_slug)
    summary = services.progress.summary(path_slug)
    forecast = services.plan.forecast(path_slug)
    revisits_due = services.revisits.due(path_slug)
    if args.json:
        payload: dict[str, Any] = {
            "path": path_slug,
            "profile": services.settings.profile,
            "ready": summary.ready,
            "required": summary.required.to_json(),
            "prerequisites": summary.prerequisites.to_json(),
            "skills": summary.skills.to_json(),
            "resources": summary.resources.to_json(),
            "resources_in_progress": summary.resources_in_progress,
            "minutes_logged": summary.minutes_logged,
            "checklist": [item.to_json() for item in checklist.items],
            "forecast": forecast.to_json(),
            "revisits_due": [view.to_json() for view in revisits_due],
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return EXIT_OK
    detail = services.packs.path_detail(path_slug)
    print(f"{detail.title} (pack {detail.pack_version}), profile {services.settings.profile!r}")
    required = summary.required
    print(
        f"Before learning {detail.title}: {required.done}/{required.total} required"
        f"{'  - ready!' if summary.ready else ''}"
    )
    _print_checklist(checklist)
    print(
        f"Resources: {summary.resources.done}/{summary.resources.total} done, "
        f"{summary.resources_in_progress} in progress"
    )
    print(f"Time logged: {formatting.minutes(summary.minutes_logged)}")
    print(f"Forecast: {forecast.message}")
    for view in revisits_due:
        print(f"Revisit due: {view.title} [{view.slug}] since {view.due.isoformat()}")
    plan = services.plan.settings()
    if plan.streaks_enabled:
        print(services.plan.study_days(path_slug).message)
    running = services.studylog.running_timer()
    if running is not None:
        print(f"Timer running on {running.item_title or running.path_slug}.")
    return EXIT_OK


def cmd_check(services: Services, args: argparse.Namespace) -> int:
    path_slug = path_of(services, args)
    done = args.command == "check"
    services.checklist.set_done(path_slug, args.slug, done)
    item = services.checklist.checklist(path_slug).find(args.slug)
    assert item is not None
    required = services.checklist.checklist(path_slug).required
    print(
        f"{'Ticked' if done else 'Unticked'} {item.title}. "
        f"Required prerequisites done: {required.done}/{required.total}."
    )
    return EXIT_OK
