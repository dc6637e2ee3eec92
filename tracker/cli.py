"""The command line: the same services as the GUI, for scripts and terminals."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tracker import __version__
from tracker.domain.views import Checklist, ChecklistItem
from tracker.errors import TrackerError
from tracker.services.safety import RecoveryChoice, RecoveryPlan, human_size
from tracker.wiring import (
    Services,
    Settings,
    check_at_start,
    lock_data_folder,
    open_services,
    recover_database,
)

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2

Command = Callable[[Services, argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="learning-tracker",
        description="Track what you learn, offline. With no command, the desktop app opens.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="data folder (default: $LEARNING_TRACKER_HOME or the platform's)",
    )
    parser.add_argument(
        "--db-url",
        metavar="URL",
        help="SQLAlchemy database URL (default: SQLite in the data folder)",
    )
    parser.add_argument("--profile", metavar="NAME", help="learner profile (default: 'default')")
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
        "--rating", type=int, choices=range(0, 6), metavar="0-5", help="stars, 0 to clear"
    )
    resource.add_argument("--notes", help="replace your notes")

    importer = commands.add_parser("import", help="import or update a learning-path pack")
    importer.add_argument("file", type=Path)

    commands.add_parser("backup", help="back up the database now (kept in the backups folder)")
    commands.add_parser("backups", help="list the backups with their dates and sizes")
    restore = commands.add_parser(
        "restore", help="restore a backup (the current state is backed up first)"
    )
    restore.add_argument("file", help="a backup file, or its name as 'backups' lists it")
    recover = commands.add_parser(
        "recover", help="recover from a damaged database (it is moved aside, never deleted)"
    )
    choice = recover.add_mutually_exclusive_group()
    choice.add_argument(
        "--use-backup", action="store_true", help="go back to the newest good backup"
    )
    choice.add_argument("--fresh", action="store_true", help="start with a fresh database")
    commands.add_parser(
        "check-database", help="check the database: integrity, counts, orphaned progress"
    )
    export = commands.add_parser("export", help="export your progress to a file")
    export.add_argument("--format", choices=["json", "csv", "ics", "pdf"], default="json")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    export.add_argument("--path", metavar="SLUG", help="learning path for the PDF report")
    import_progress = commands.add_parser(
        "import-progress", help="merge a progress file (JSON export) into this profile"
    )
    import_progress.add_argument("file", type=Path)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    settings = Settings.resolve(args.data_dir, args.db_url, args.profile)
    if args.command is None:
        return _open_gui(parser, settings)
    handler = COMMANDS[args.command]
    try:
        lock = lock_data_folder(settings)
    except TrackerError as exc:
        return _fail(exc)
    try:
        return _run(handler, settings, args)
    except TrackerError as exc:
        return _fail(exc)
    finally:
        lock.release()


def _run(handler: Command, settings: Settings, args: argparse.Namespace) -> int:
    """Check the database, open the services, run one command (the data folder is locked)."""
    if args.command == "recover":
        return cmd_recover(settings, args)
    plan = check_at_start(settings)
    if plan is not None:
        return _refuse(plan)
    services = open_services(settings)
    try:
        return handler(services, args)
    finally:
        services.close()


def _refuse(plan: RecoveryPlan) -> int:
    print("\n".join(plan.lines()), file=sys.stderr)
    if plan.choices:
        options = " or ".join(f"'learning-tracker recover --{c.value}'" for c in plan.choices)
        print(f"\nNothing was changed. To go on, run {options}.", file=sys.stderr)
    return EXIT_ERROR


def cmd_recover(settings: Settings, args: argparse.Namespace) -> int:
    plan = check_at_start(settings)
    if plan is None:
        print("The database is fine; there is nothing to recover.")
        return EXIT_OK
    if not (args.use_backup or args.fresh):
        return _refuse(plan)
    choice = RecoveryChoice.USE_BACKUP if args.use_backup else RecoveryChoice.FRESH
    result = recover_database(settings, plan, choice)
    print(result.message)
    services = open_services(settings)
    try:
        report = services.database_check.check()
    finally:
        services.close()
    print("Check: integrity " + ("ok" if report.ok else "PROBLEM"))
    return EXIT_OK if report.ok else EXIT_ERROR


def _fail(exc: TrackerError) -> int:
    print(f"learning-tracker: {exc}", file=sys.stderr)
    return EXIT_ERROR


def _open_gui(parser: argparse.ArgumentParser, settings: Settings) -> int:
    try:
        from tracker.ui.application import run  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        parser.print_help()
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


def cmd_backup(services: Services, _args: argparse.Namespace) -> int:
    backup = services.backups.back_up_now()
    print(f"Backed up to {backup.path} ({human_size(backup.size_bytes)}).")
    return EXIT_OK


def cmd_backups(services: Services, _args: argparse.Namespace) -> int:
    if not services.backups.available:
        print(services.backups.unavailable_reason())
        return EXIT_OK
    backups = services.backups.backups()
    if not backups:
        print(f"No backups yet in {services.backups.folder}.")
        return EXIT_OK
    print(f"Backups in {services.backups.folder} (newest first, times in UTC):")
    for backup in backups:
        print(
            f"{backup.taken_at:%Y-%m-%d %H:%M:%S}  {human_size(backup.size_bytes):>9}  "
            f"{backup.reason or '-':<28}  {backup.name}"
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
        exchange.export_json(output)
        print(f"Exported your progress to {output}.")
    elif args.format == "csv":
        written = exchange.export_csv(output)
        print("Exported " + " and ".join(str(p) for p in written) + ".")
    elif args.format == "ics":
        count = exchange.export_ics(output)
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


COMMANDS: dict[str, Command] = {
    "paths": cmd_paths,
    "status": cmd_status,
    "check": cmd_check,
    "uncheck": cmd_check,
    "resource": cmd_resource,
    "import": cmd_import,
    "backup": cmd_backup,
    "backups": cmd_backups,
    "restore": cmd_restore,
    "recover": cmd_backups,  # handled before the services open: see main()
    "check-database": cmd_check_database,
    "export": cmd_export,
    "import-progress": cmd_import_progress,
}
