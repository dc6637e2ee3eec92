"""Commands on the data itself: backups, recovery, the database check, export, import."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker import arguments
from tracker.cli.common import EXIT_ERROR, EXIT_OK, Command, path_of
from tracker.settings import Settings

if TYPE_CHECKING:
    from tracker.services.recovery import RecoveryPlan
    from tracker.wiring import Services


def register(commands: Any) -> dict[str, Command]:
    """Add these commands to the parser; return their handlers."""
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
    export.add_argument(
        "--format",
        choices=["json", "csv", "ics", "pdf", "comparison-csv", "comparison-md"],
        default="json",
        help="json: all your progress; csv: catalog and time log; ics: plan and revisits; "
        "pdf: a progress report; comparison-csv/-md: the options compared",
    )
    export.add_argument("-o", "--output", type=arguments.file_path, required=True, metavar="FILE")
    export.add_argument(
        "--path", metavar="SLUG", help="learning path of the PDF report or the comparison"
    )
    import_progress = commands.add_parser(
        "import-progress", help="merge a progress file (JSON export) into this profile"
    )
    import_progress.add_argument("file", type=arguments.file_path)
    return {
        "backup": cmd_backup,
        "backups": cmd_backups,
        "restore": cmd_restore,
        "check-database": cmd_check_database,
        "export": cmd_export,
        "import-progress": cmd_import_progress,
    }


def cmd_backup(services: Services, _args: argparse.Namespace) -> int:
    from tracker import formatting

    backup = services.backups.back_up_now()
    print(f"Backed up to {backup.path} ({formatting.size(backup.size_bytes)}).")
    return EXIT_OK


def cmd_backups(services: Services, _args: argparse.Namespace) -> int:
    from tracker import formatting

    if not services.backups.available:
        print(services.backups.unavailable_reason())
        return EXIT_OK
    backups = services.backups.backups()
    if not backups:
        print(f"No backups yet in {services.backups.folder}.")
        return EXIT_OK
    from tracker.clock import utcnow

    print(f"Backups in {services.backups.folder} (newest date first, times in UTC):")
    now = utcnow()
    for backup in backups:
        print(
            f"{backup.taken_at:%Y-%m-%d %H:%M:%S}  {formatting.size(backup.size_bytes):>9}  "
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
    from tracker.exchange import Format, export

    fmt = Format(args.format)
    path_slug = path_of(services, args) if fmt.needs_path else None
    exported = export(services, fmt, args.output.expanduser(), path_slug=path_slug)
    print("\n".join(exported.lines()))
    return EXIT_OK


def cmd_import_progress(services: Services, args: argparse.Namespace) -> int:
    report = services.exchange.import_file(args.file.expanduser()).value
    print("\n".join(report.lines()))
    return EXIT_OK


def refuse(plan: RecoveryPlan) -> int:
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
        return refuse(plan)
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
