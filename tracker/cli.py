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
from tracker.wiring import Services, Settings, open_services

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

    search = commands.add_parser(
        "search", help="find resources by words in their title, tags, description or your notes"
    )
    search.add_argument("words", nargs="+", help="every word must match; the last may be partial")
    search.add_argument("--path", metavar="SLUG", help="learning path (default: the first)")

    importer = commands.add_parser("import", help="import or update a learning-path pack")
    importer.add_argument("file", type=Path)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    settings = Settings.resolve(args.data_dir, args.db_url, args.profile)
    if args.command is None:
        return _open_gui(parser, settings)
    handler = COMMANDS[args.command]
    try:
        services = open_services(settings)
    except TrackerError as exc:
        return _fail(exc)
    try:
        return handler(services, args)
    except TrackerError as exc:
        return _fail(exc)
    finally:
        services.close()


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
}
