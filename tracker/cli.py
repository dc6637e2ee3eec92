"""The command line: the same services as the GUI, for scripts and terminals."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker import __version__, arguments
from tracker.domain.enums import (
    Approach,
    Goal,
    Guidance,
    ItemKind,
    PrerequisiteCoverage,
    ResourceFormat,
    Schedule,
    Support,
)
from tracker.errors import TimerTooLongError, TrackerError
from tracker.settings import Settings
from tracker.terminal import inert_output

if TYPE_CHECKING:
    from tracker.domain.choosing import Criterion, Situation
    from tracker.services.recovery import RecoveryPlan
    from tracker.wiring import Services

if TYPE_CHECKING:  # annotations only: keeps the GUI's start-up path light
    from tracker.domain.views import Checklist, ChecklistItem

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2

Command = Callable[["Services", argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    from tracker.domain.study import MAX_MINUTES_PER_ENTRY
    from tracker.services.plan import MAX_HOURS_PER_WEEK

    parser = arguments.TextArgumentParser(
        prog="learning-tracker",
        description="Track what you learn, offline. With no command, the desktop app opens.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        type=arguments.file_name,
        metavar="DIR",
        help="data folder (default: $LEARNING_TRACKER_HOME or the platform's)",
    )
    parser.add_argument(
        "--db-url",
        type=arguments.database_url,
        metavar="URL",
        help="SQLAlchemy database URL (default: SQLite in the data folder)",
    )
    parser.add_argument(
        "--profile",
        type=arguments.name,
        metavar="NAME",
        help="learner profile (default: 'default')",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("paths", help="list the installed learning paths")

    status = commands.add_parser("status", help="show the checklist and progress of a path")
    status.add_argument("--path", metavar="SLUG", help="learning path (default: the first)")
    status.add_argument("--json", action="store_true", help="print JSON")

    for name, verb in (("check", "tick"), ("uncheck", "untick")):
        sub = commands.add_parser(name, help=f"{verb} a prerequisite (and its sub-skills)")
        sub.add_argument("slug", help="prerequisite slug (see 'status')")
        sub.add_argument("--path", metavar="SLUG", help="learning path (default: the first)")

    resource = commands.add_parser("resource", help="set your status on a catalog resource")
    resource.add_argument("slug")
    resource.add_argument("--path", metavar="SLUG")
    resource.add_argument("--status", choices=["planned", "in-progress", "done", "skipped", "none"])
    resource.add_argument(
        "--rating", type=arguments.whole_number(0, 5), metavar="0-5", help="stars, 0 to clear"
    )
    resource.add_argument("--notes", help="replace your notes")

    search = commands.add_parser(
        "search", help="find resources by words in their title, tags, description or your notes"
    )
    search.add_argument("words", nargs="+", help="every word must match; the last may be partial")
    search.add_argument("--path", metavar="SLUG", help="learning path (default: the first)")

    importer = commands.add_parser("import", help="import or update a learning-path pack")
    importer.add_argument("file", type=arguments.file_path)

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
    _add_choosing_commands(commands)
    commands.add_parser("backup", help="back up the database now (kept in the backups folder)")
    commands.add_parser("backups", help="list the backups with their dates and sizes")
    restore = commands.add_parser(
        "restore", help="restore a backup (the current state is backed up first)"
    )
    restore.add_argument(
        "file", type=arguments.file_name, help="a backup file, or its name as 'backups' lists it"
    )
    recover = commands.add_parser(
        "recover", help="recover from a damaged database (it is moved aside, never deleted)"
    )
    choice = recover.add_mutually_exclusive_group()
    choice.add_argument(
        "--use-backup",
        action="store_true",
        help="go back to the good backup with the newest content (without an option: list them)",
    )
    choice.add_argument(
        "--backup", metavar="NAME", help="go back to this good backup (a name the list shows)"
    )
    choice.add_argument("--fresh", action="store_true", help="start with a fresh database")
    commands.add_parser(
        "check-database", help="check the database: integrity, counts, orphaned progress"
    )
    export = commands.add_parser("export", help="export your progress to a file")
    export.add_argument("--format", choices=["json", "csv", "ics", "pdf"], default="json")
    export.add_argument("-o", "--output", type=arguments.file_path, required=True, metavar="FILE")
    export.add_argument("--path", metavar="SLUG", help="learning path for the PDF report")
    import_progress = commands.add_parser(
        "import-progress", help="merge a progress file (JSON export) into this profile"
    )
    import_progress.add_argument("file", type=arguments.file_path)
    return parser


def _add_choosing_commands(commands: Any) -> None:
    from tracker.domain.choosing import SITUATION_FIELDS, Criterion  # not on the GUI's path

    """Subcommands of issue 5: the weighed comparison of ways to learn."""
    compare = commands.add_parser(
        "compare", help="rank the ways to learn a path for your situation, with reasons"
    )
    compare.add_argument("--path", metavar="SLUG", help="learning path (default: the first)")
    compare.add_argument("--json", action="store_true", help="print JSON")

    situation = commands.add_parser(
        "situation", help="show or set your time, budget and goals (what the comparison weighs)"
    )
    situation.add_argument("--hours-per-week", metavar="N", help="hours a week you can study")
    situation.add_argument("--budget", metavar="AMOUNT", help="what you can spend")
    situation.add_argument("--currency", metavar="CODE", help="currency of the budget (USD)")
    situation.add_argument("--target-date", metavar="YYYY-MM-DD", help="when you want to be done")
    situation.add_argument("--goal", choices=[goal.value for goal in Goal])
    situation.add_argument("--guidance", choices=[g.value for g in Guidance])
    situation.add_argument(
        "--format", dest="preferred_format", choices=[f.value for f in ResourceFormat]
    )
    situation.add_argument(
        "--weight",
        action="append",
        default=[],
        metavar="CRITERION=N",
        help=f"weight 0-10 of a criterion ({', '.join(c.value for c in Criterion)}); repeatable",
    )
    situation.add_argument(
        "--clear",
        action="append",
        default=[],
        choices=[name.replace("_", "-") for name in SITUATION_FIELDS if name != "currency"],
        help="forget a field (repeatable)",
    )

    offer = commands.add_parser("offer", help="list, add or remove your own offers to compare")
    offer_commands = offer.add_subparsers(dest="offer_command", metavar="ACTION", required=True)
    listing = offer_commands.add_parser("list", help="list the options of a path")
    listing.add_argument("--path", metavar="SLUG")
    add = offer_commands.add_parser("add", help="add an offer (a bootcamp, a class, a course)")
    add.add_argument("--path", metavar="SLUG")
    add.add_argument("--title", required=True)
    add.add_argument("--approach", choices=[a.value for a in Approach], default="bootcamp")
    add.add_argument("--provider")
    add.add_argument("--cost", metavar="AMOUNT")
    add.add_argument("--currency", metavar="CODE")
    add.add_argument("--weeks-min", metavar="N")
    add.add_argument("--weeks-max", metavar="N")
    add.add_argument("--hours-per-week", metavar="N")
    add.add_argument("--schedule", choices=[s.value for s in Schedule])
    add.add_argument("--format", choices=[f.value for f in ResourceFormat])
    add.add_argument("--support", choices=[s.value for s in Support])
    add.add_argument("--prerequisites", choices=[p.value for p in PrerequisiteCoverage])
    add.add_argument("--career-services", action="store_true", default=None)
    add.add_argument("--job-guarantee", action="store_true", default=None)
    add.add_argument("--outcomes-audited", action="store_true", default=None)
    add.add_argument("--outcomes-figure")
    add.add_argument("--rating", metavar="0-5")
    add.add_argument("--url")
    add.add_argument("--notes")
    remove = offer_commands.add_parser("remove", help="delete one of your own offers")
    remove.add_argument("slug")
    remove.add_argument("--path", metavar="SLUG")

    choose = commands.add_parser("choose", help='record "my choice" of a way to learn')
    choose.add_argument("slug", help="option slug (see 'compare')")
    choose.add_argument("--path", metavar="SLUG")


# The options the desktop app takes, with the check each value passes first (the full parser
# checks --db-url further; the app's start-up path does not load SQLAlchemy to do it here).
GLOBAL_OPTIONS: dict[str, Callable[[str], object]] = {
    "--data-dir": arguments.file_name,
    "--db-url": arguments.text,
    "--profile": arguments.name,
}


def _gui_options(argv: Sequence[str]) -> dict[str, str] | None:
    """The global options when ``argv`` names no command (the desktop app opens), else None.

    Opening the app this way skips building every command's parser: the window paints sooner.
    """
    options: dict[str, str] = {}
    items = list(argv)
    while items:
        item = items.pop(0)
        name, equals, value = item.partition("=")
        if name not in GLOBAL_OPTIONS:
            return None  # a command, --help, --version or a mistake: the full parser answers
        if not equals:
            if not items or items[0].startswith("-"):
                return None
            value = items.pop(0)
        try:
            GLOBAL_OPTIONS[name](value)
        except argparse.ArgumentTypeError:
            return None  # the full parser says what is wrong with it
        options[name[2:].replace("-", "_")] = value
    return options


def main(argv: Sequence[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    gui = _gui_options(given)
    if gui is not None:
        settings = Settings.resolve(gui.get("data_dir"), gui.get("db_url"), gui.get("profile"))
        return _open_gui(build_parser, settings)
    with inert_output():  # what a command prints cannot steer the terminal
        return _command(given)


def _command(given: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(given)
    settings = Settings.resolve(args.data_dir, args.db_url, args.profile)
    if args.command is None:
        return _open_gui(lambda: parser, settings)
    handler = COMMANDS[args.command]
    from tracker.wiring import lock_data_folder

    try:
        lock = lock_data_folder(settings)
    except TrackerError as exc:
        return _fail(exc)
    try:
        return _run(handler, settings, args)
    except TrackerError as exc:
        return _fail(exc)
    except BrokenPipeError:  # e.g. `learning-tracker status | head`
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep Python's exit flush quiet
        return EXIT_OK
    except OSError as exc:  # the system refused: a name too long, a permission, a full disk
        return _fail_environment(exc)
    finally:
        lock.release()


def _run(handler: Command, settings: Settings, args: argparse.Namespace) -> int:
    """Check the database, open the services, run one command (the data folder is locked)."""
    from tracker.wiring import check_at_start, open_services

    if args.command == "recover":
        return cmd_recover(settings, args)
    plan = check_at_start(settings)
    if plan is not None:
        if not plan.can_open:
            return _refuse(plan)
        print("\n".join(plan.lines()) + "\n", file=sys.stderr)
    services = open_services(settings)
    try:
        return handler(services, args)
    finally:
        services.close()


def _refuse(plan: RecoveryPlan) -> int:
    print("\n".join(plan.lines()), file=sys.stderr)
    if plan.choices:
        options = " or ".join(f"'learning-tracker recover --{c.value}'" for c in plan.choices)
        if plan.candidates:
            options += " (or 'learning-tracker recover --backup NAME' for another backup)"
        print(f"\nNothing was changed. To go on, run {options}.", file=sys.stderr)
    elif not plan.can_open:
        print("\nNothing was changed.", file=sys.stderr)
    return EXIT_ERROR


def cmd_recover(settings: Settings, args: argparse.Namespace) -> int:
    """List what can be done (no option), or carry out the learner's choice."""
    from tracker.services.recovery import RecoveryChoice
    from tracker.wiring import check_at_start, check_thoroughly, open_services, recover_database

    plan = check_at_start(settings)
    if plan is not None and plan.can_open:
        print("\n".join(plan.lines()) + "\n")
        plan = None
    if plan is None:
        plan = check_thoroughly(settings)  # asked for: the full check, not only the quick one
    if plan is None:
        return _report_on_rows(settings)
    if not (args.use_backup or args.fresh or args.backup):
        return _refuse(plan)
    choice = RecoveryChoice.FRESH if args.fresh else RecoveryChoice.USE_BACKUP
    result = recover_database(settings, plan, choice, args.backup)
    print(result.message)
    services = open_services(settings)
    try:
        report = services.database_check.check()
    finally:
        services.close()
    print("Check: integrity " + ("ok" if report.integrity_ok else "PROBLEM"))
    return EXIT_OK if report.ok else EXIT_ERROR


def _report_on_rows(settings: Settings) -> int:
    """The file is intact: say so, and name any rows that cannot be read (with the way back)."""
    from tracker.wiring import open_services

    services = open_services(settings)
    try:
        report = services.database_check.check()
        backups = services.backups.backups()
    finally:
        services.close()
    if report.ok:
        print("The database passed the full check; there is nothing to recover.")
        return EXIT_OK
    print("\n".join(report.lines()))
    print(
        "\nThe file itself is intact, so nothing was replaced. To go back to a backup from "
        "before the damage, run 'learning-tracker backups' and 'learning-tracker restore NAME' "
        "(your current state is backed up first)."
        if backups
        else "\nThe file itself is intact, so nothing was replaced; there is no backup to go "
        "back to."
    )
    return EXIT_ERROR


def _fail(exc: TrackerError) -> int:
    print(f"learning-tracker: {exc}", file=sys.stderr)
    return EXIT_ERROR


def _fail_environment(exc: OSError) -> int:
    """An error the system reported, said as the system's own words and the file it concerns."""
    reason = exc.strerror or exc.__class__.__name__
    file = exc.filename
    if isinstance(file, bytes):
        file = os.fsdecode(file)
    where = "" if file is None else f": {arguments.shown(str(file))}"
    print(f"learning-tracker: {reason}{where}", file=sys.stderr)
    return EXIT_ERROR


def _open_gui(parser: Callable[[], argparse.ArgumentParser], settings: Settings) -> int:
    try:
        from tracker.ui.application import run  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        parser().print_help()
        return EXIT_OK
    return int(run(settings))


def _path(services: Services, args: argparse.Namespace) -> str:
    if getattr(args, "path", None):
        return str(services.packs.require(args.path).slug)
    paths = services.packs.paths()
    if not paths:
        raise TrackerError(
            "No learning path is installed; import one with 'learning-tracker import'."
        )
    return paths[0].slug


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
    path_slug = _path(services, args)
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
    hours, minutes = divmod(summary.minutes_logged, 60)
    print(f"Time logged: {hours} h {minutes:02d} min")
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


def _minutes_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


def cmd_log(services: Services, args: argparse.Namespace) -> int:
    path_slug = _path(services, args)
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
    print(f"Logged {_minutes_text(args.minutes)}{on}. Total: {_minutes_text(total)}.")
    return EXIT_OK


def cmd_timer(services: Services, args: argparse.Namespace) -> int:
    log = services.studylog
    action = args.action or "show"
    if action == "start":
        path_slug = _path(services, args)
        item = log.resolve_item(path_slug, args.on) if args.on else None
        view = log.start_timer(path_slug, item.kind if item else None, item.slug if item else None)
        print(f"Timer started on {view.item_title or path_slug}. Stop it with 'timer stop'.")
    elif action == "stop":
        try:
            stopped = log.stop_timer(minutes=args.minutes, note=args.note)
        except TimerTooLongError as exc:
            print(
                f"learning-tracker: {exc} Run 'timer stop --minutes N' or 'timer discard'.",
                file=sys.stderr,
            )
            return EXIT_ERROR
        if stopped.minutes:
            print(f"Logged {_minutes_text(stopped.minutes)}.")
        else:
            print("The timer ran under a minute; nothing was logged.")
    elif action == "discard":
        discarded = log.discard_timer()
        print("Timer discarded; nothing was logged." if discarded else "No timer is running.")
    else:
        running = log.running_timer()
        if running is None:
            print("No timer is running.")
        else:
            from tracker.domain.study import utc_now

            elapsed = running.elapsed_seconds(utc_now()) // 60
            print(f"Timer on {running.item_title or running.path_slug}: {_minutes_text(elapsed)}.")
    return EXIT_OK


def cmd_plan(services: Services, args: argparse.Namespace) -> int:
    path_slug = _path(services, args)
    current = services.plan.settings()
    if args.hours_per_week is not None or args.target is not None:
        services.plan.set_plan(
            args.hours_per_week if args.hours_per_week is not None else current.hours_per_week,
            args.target if args.target is not None else current.target_date,
        )
        current = services.plan.settings()
    hours = f"{current.hours_per_week:g} h/week" if current.hours_per_week else "not set"
    target = current.target_date.isoformat() if current.target_date else "not set"
    print(f"Plan: {hours}; target date: {target}.")
    print(services.plan.forecast(path_slug).message)
    return EXIT_OK


def cmd_revisited(services: Services, args: argparse.Namespace) -> int:
    path_slug = _path(services, args)
    schedule = services.revisits.revisited(path_slug, args.slug, confidence=args.confidence)
    if schedule.due is None:
        print(f"Revisited {args.slug}; no more revisits scheduled.")
    else:
        print(f"Revisited {args.slug}; next revisit on {schedule.due.isoformat()}.")
    return EXIT_OK


def cmd_check(services: Services, args: argparse.Namespace) -> int:
    path_slug = _path(services, args)
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


def cmd_resource(services: Services, args: argparse.Namespace) -> int:
    path_slug = _path(services, args)
    catalog = services.catalog
    if args.status is None and args.rating is None and args.notes is None:
        view = catalog.resource(path_slug, args.slug)
        print(
            f"{view.title}\n  status: {view.status or '-'}\n  rating: {view.rating or '-'}\n"
            f"  notes: {view.notes or '-'}\n  url: {view.url or '-'}"
        )
        return EXIT_OK
    if args.status is not None:
        catalog.set_status(path_slug, args.slug, None if args.status == "none" else args.status)
    if args.rating is not None:
        catalog.set_rating(path_slug, args.slug, args.rating or None)
    if args.notes is not None:
        catalog.set_notes(path_slug, args.slug, args.notes)
    print(f"Saved {args.slug}.")
    return EXIT_OK


def cmd_import(services: Services, args: argparse.Namespace) -> int:
    report = services.packs.import_file(args.file)
    print("\n".join(report.lines()))
    return EXIT_OK


def cmd_compare(services: Services, args: argparse.Namespace) -> int:
    path_slug = _path(services, args)
    recommendation = services.choosing.rank(path_slug)
    if args.json:
        payload = {"ranking": [entry.to_json() for entry in recommendation.ranking]}
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return EXIT_OK
    detail = services.packs.path_detail(path_slug)
    print(f"How to learn {detail.title}, weighed for profile {services.settings.profile!r}")
    print(recommendation.summary)
    choice = services.choosing.choice(path_slug)
    for entry in recommendation.ranking:
        mine = "  <- my choice" if choice and choice.option_slug == entry.option.slug else ""
        print(
            f"\n{entry.rank:>2}. {entry.option.title}  [{entry.option.slug}]  "
            f"{entry.score:.0f}/100  ({entry.option.kind_label}){mine}"
        )
        for violation in entry.violations:
            print(f"      ! {violation.message}")
        for reason in entry.reasons:
            print(f"      - {reason}")
    print(
        "\nWeights (0-10): "
        + ", ".join(f"{c.value} {w}" for c, w in recommendation.weights.items())
    )
    return EXIT_OK


def _situation_lines(situation: Situation, weights: dict[Criterion, int]) -> list[str]:
    from tracker.domain.choosing import format_money

    def shown(value: object) -> str:
        return "-" if value is None else str(value)

    budget = (
        format_money(situation.budget, situation.currency) if situation.budget is not None else "-"
    )
    hours = "-" if situation.hours_per_week is None else f"{situation.hours_per_week:g}"
    return [
        f"hours per week:   {hours}",
        f"budget:           {budget} ({situation.currency})",
        f"target date:      {shown(situation.target_date)}",
        f"goal:             {shown(situation.goal)}",
        f"guidance wanted:  {shown(situation.guidance)}",
        f"preferred format: {shown(situation.preferred_format)}",
        "weights (0-10):   " + ", ".join(f"{c.value} {w}" for c, w in weights.items()),
    ]


def cmd_situation(services: Services, args: argparse.Namespace) -> int:
    from tracker.domain.choosing import SITUATION_FIELDS

    changes: dict[str, Any] = {
        name: getattr(args, name)
        for name in SITUATION_FIELDS
        if getattr(args, name, None) is not None
    }
    for name in args.clear:
        changes[name.replace("-", "_")] = None
    weights: dict[str, Any] = {}
    for item in args.weight:
        criterion, _, value = item.partition("=")
        try:
            weights[criterion.strip()] = int(value)
        except ValueError:
            raise TrackerError(
                f"--weight {arguments.shown(item)}: use CRITERION=N with N from 0 to 10."
            ) from None
    if changes:
        services.choosing.set_situation(**changes)
    if weights:
        services.choosing.set_weights(weights)
    if changes or weights:
        print("Saved your situation.")
    print("\n".join(_situation_lines(services.choosing.situation(), services.choosing.weights())))
    return EXIT_OK


def cmd_offer(services: Services, args: argparse.Namespace) -> int:
    from tracker.domain.choosing import OFFER_FIELDS, format_money

    path_slug = _path(services, args)
    choosing = services.choosing
    if args.offer_command == "list":
        for option in choosing.options(path_slug):
            cost = (
                "cost unknown"
                if option.cost is None
                else ("free" if option.cost == 0 else format_money(option.cost, option.currency))
            )
            print(f"{option.slug}\t{option.title}\t{option.kind_label}\t{cost}")
        return EXIT_OK
    if args.offer_command == "remove":
        old = choosing.delete_offer(path_slug, args.slug)
        print(f"Removed {old['title']}.")
        return EXIT_OK
    fields = {
        name: getattr(args, name)
        for name in ("title", *OFFER_FIELDS)
        if getattr(args, name, None) is not None
    }
    slug = choosing.add_offer(path_slug, fields)
    entry = choosing.rank(path_slug).find(slug)
    assert entry is not None
    print(f"Added {entry.option.title} [{slug}]: {entry.score:.0f}/100, rank {entry.rank}.")
    for violation in entry.violations:
        print(f"  ! {violation.message}")
    return EXIT_OK


def cmd_choose(services: Services, args: argparse.Namespace) -> int:
    path_slug = _path(services, args)
    choice = services.choosing.choose(path_slug, args.slug)
    print(f"Recorded your choice: {choice.option_title}.")
    return EXIT_OK


def cmd_backup(services: Services, _args: argparse.Namespace) -> int:
    from tracker.services.safety import human_size

    backup = services.backups.back_up_now()
    print(f"Backed up to {backup.path} ({human_size(backup.size_bytes)}).")
    return EXIT_OK


def cmd_backups(services: Services, _args: argparse.Namespace) -> int:
    from tracker.services.safety import human_size

    if not services.backups.available:
        print(services.backups.unavailable_reason())
        return EXIT_OK
    backups = services.backups.backups()
    if not backups:
        print(f"No backups yet in {services.backups.folder}.")
        return EXIT_OK
    from tracker.storage.backups import utc_now

    print(f"Backups in {services.backups.folder} (newest date first, times in UTC):")
    now = utc_now()
    for backup in backups:
        print(
            f"{backup.taken_at:%Y-%m-%d %H:%M:%S}  {human_size(backup.size_bytes):>9}  "
            f"{backup.reason or '-':<28}  {backup.name}"
            + ("  (dated after now: the clock was set ahead)" if backup.in_future(now) else "")
        )
    return EXIT_OK


def cmd_restore(services: Services, args: argparse.Namespace) -> int:
    file = Path(args.file).expanduser()
    if not file.exists() and (services.backups.folder / args.file).exists():
        file = services.backups.folder / args.file
    safety = services.backups.restore(file)
    print(f"Restored {file.name}. Your state before the restore is kept in {safety.name}.")
    return EXIT_OK


def cmd_check_database(services: Services, _args: argparse.Namespace) -> int:
    report = services.database_check.check()
    print("\n".join(report.lines()))
    return EXIT_OK if report.ok else EXIT_ERROR


def cmd_export(services: Services, args: argparse.Namespace) -> int:
    output: Path = args.output.expanduser()
    exchange = services.exchange
    if args.format == "json":
        notes = exchange.export_json(output)  # what could not be read and was left out
        print("\n".join([f"Exported your progress to {output}.", *notes]))
    elif args.format == "csv":
        written = exchange.export_csv(output)
        print("Exported " + " and ".join(str(p) for p in written) + ".")
    elif args.format == "ics":
        paths = [path.slug for path in services.packs.paths()]
        count = exchange.export_ics(output, services.plan.calendar_due_dates(paths))
        print(f"Exported {count} to-dos to {output}.")
    else:
        return _export_pdf(services, args, output)
    return EXIT_OK


def _export_pdf(services: Services, args: argparse.Namespace, output: Path) -> int:
    import os

    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from tracker.ui.progress_report import write_progress_report

    pages = write_progress_report(services, _path(services, args), output)
    print(f"Wrote a {pages}-page progress report to {output}.")
    return EXIT_OK


def cmd_import_progress(services: Services, args: argparse.Namespace) -> int:
    report = services.exchange.import_file(args.file.expanduser())
    print("\n".join(report.lines()))
    return EXIT_OK


def cmd_search(services: Services, args: argparse.Namespace) -> int:
    path_slug = _path(services, args)
    slugs = services.catalog.search(path_slug, " ".join(args.words))
    titles = {view.slug: view.title for view in services.catalog.resources(path_slug)}
    for slug in slugs:
        print(f"{slug}\t{titles[slug]}")
    print(f"{len(slugs)} of {len(titles)} resources match.", file=sys.stderr)
    return EXIT_OK


COMMANDS: dict[str, Command] = {
    "search": cmd_search,
    "paths": cmd_paths,
    "status": cmd_status,
    "check": cmd_check,
    "uncheck": cmd_check,
    "resource": cmd_resource,
    "import": cmd_import,
    "log": cmd_log,
    "timer": cmd_timer,
    "plan": cmd_plan,
    "revisited": cmd_revisited,
    "compare": cmd_compare,
    "situation": cmd_situation,
    "offer": cmd_offer,
    "choose": cmd_choose,
    "backup": cmd_backup,
    "backups": cmd_backups,
    "restore": cmd_restore,
    "recover": cmd_backups,  # handled before the services open: see main()
    "check-database": cmd_check_database,
    "export": cmd_export,
    "import-progress": cmd_import_progress,
}
