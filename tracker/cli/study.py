"""Commands on study time: the log, the timer, the plan, revisits."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from tracker import arguments
from tracker.cli.common import EXIT_ERROR, EXIT_OK, Command, path_of
from tracker.clock import utcnow
from tracker.domain.enums import ItemKind
from tracker.errors import TimerTooLongError
from tracker.formatting import hours as hours_text
from tracker.formatting import minutes as minutes_text

if TYPE_CHECKING:
    from tracker.wiring import Services


def register(commands: Any) -> dict[str, Command]:
    """Add these commands to the parser; return their handlers."""
    from tracker.domain.study import MAX_MINUTES_PER_ENTRY
    from tracker.services.plan import MAX_HOURS_PER_WEEK

    log = commands.add_parser("log", help="log minutes of study")
    log.add_argument(
        "minutes", type=arguments.whole_number(1, MAX_MINUTES_PER_ENTRY), metavar="MINUTES"
    )
    log.add_argument("--on", metavar="SLUG", help="the prerequisite or resource studied")
    log.add_argument("--note", default="", metavar="TEXT")
    log.add_argument("--date", type=arguments.iso_date, metavar="YYYY-MM-DD", help="default: today")
    log.add_argument("--path", metavar="SLUG", help="learning path (default: the first)")

    timer = commands.add_parser("timer", help="start or stop the study timer")
    timer.add_argument("action", choices=["start", "stop", "discard", "show"], nargs="?")
    timer.add_argument("--on", metavar="SLUG", help="the prerequisite or resource studied")
    timer.add_argument(
        "--minutes",
        type=arguments.whole_number(0, MAX_MINUTES_PER_ENTRY),
        help="with stop: the minutes you really studied",
    )
    timer.add_argument("--note", default="", metavar="TEXT", help="with stop: a note")
    timer.add_argument("--path", metavar="SLUG", help="learning path (default: the first)")

    plan = commands.add_parser("plan", help="set your hours per week and target date")
    plan.add_argument(
        "--hours-per-week", type=arguments.positive_number(MAX_HOURS_PER_WEEK), metavar="H"
    )
    plan.add_argument("--target", type=arguments.iso_date, metavar="YYYY-MM-DD")
    plan.add_argument("--path", metavar="SLUG", help="learning path (default: the first)")

    revisited = commands.add_parser("revisited", help="record that you revisited a skill")
    revisited.add_argument("slug")
    revisited.add_argument("--confidence", type=arguments.whole_number(1, 5), metavar="1-5")
    revisited.add_argument("--path", metavar="SLUG")
    return {
        "log": cmd_log,
        "timer": cmd_timer,
        "plan": cmd_plan,
        "revisited": cmd_revisited,
    }


def cmd_log(services: Services, args: argparse.Namespace) -> int:
    path_slug = path_of(services, args)
    item = services.studylog.resolve_item(path_slug, args.on) if args.on else None
    services.studylog.log(
        path_slug,
        args.minutes,
        item_kind=ItemKind(item.kind) if item else None,
        item_slug=item.slug if item else None,
        note=args.note,
        day=args.date,
    )
    on = f" on {item.title}" if item else ""
    total = services.studylog.total_minutes(path_slug)
    print(f"Logged {minutes_text(args.minutes)}{on}. Total: {minutes_text(total)}.")
    return EXIT_OK


def cmd_timer(services: Services, args: argparse.Namespace) -> int:
    log = services.studylog
    action = args.action or "show"
    if action == "start":
        path_slug = path_of(services, args)
        item = log.resolve_item(path_slug, args.on) if args.on else None
        view = log.start_timer(
            path_slug, item.kind if item else None, item.slug if item else None
        ).value
        print(f"Timer started on {view.item_title or path_slug}. Stop it with 'timer stop'.")
    elif action == "stop":
        try:
            stopped = log.stop_timer(minutes=args.minutes, note=args.note).value
        except TimerTooLongError as exc:
            print(
                f"learning-tracker: {exc} Run 'timer stop --minutes N' or 'timer discard'.",
                file=sys.stderr,
            )
            return EXIT_ERROR
        if stopped.minutes:
            print(f"Logged {minutes_text(stopped.minutes)}.")
        else:
            print("The timer ran under a minute; nothing was logged.")
    elif action == "discard":
        discarded = log.discard_timer().value
        print("Timer discarded; nothing was logged." if discarded else "No timer is running.")
    else:
        running = log.running_timer()
        if running is None:
            print("No timer is running.")
        else:
            elapsed = running.elapsed_seconds(utcnow()) // 60
            print(f"Timer on {running.item_title or running.path_slug}: {minutes_text(elapsed)}.")
    return EXIT_OK


def cmd_plan(services: Services, args: argparse.Namespace) -> int:
    path_slug = path_of(services, args)
    current = services.plan.settings()
    if args.hours_per_week is not None or args.target is not None:
        services.plan.set_plan(
            args.hours_per_week if args.hours_per_week is not None else current.hours_per_week,
            args.target if args.target is not None else current.target_date,
        )
        current = services.plan.settings()
    hours = f"{hours_text(current.hours_per_week)} h/week" if current.hours_per_week else "not set"
    target = current.target_date.isoformat() if current.target_date else "not set"
    print(f"Plan: {hours}; target date: {target}.")
    print(services.plan.forecast(path_slug).message)
    return EXIT_OK


def cmd_revisited(services: Services, args: argparse.Namespace) -> int:
    path_slug = path_of(services, args)
    schedule = services.revisits.revisited(path_slug, args.slug, confidence=args.confidence).value
    if schedule.due is None:
        print(f"Revisited {args.slug}; no more revisits scheduled.")
    else:
        print(f"Revisited {args.slug}; next revisit on {schedule.due.isoformat()}.")
    return EXIT_OK
