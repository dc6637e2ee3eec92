"""The command line: the same services as the GUI, for scripts and terminals.

Each module of this package holds the commands on one part of the app and registers them;
this one parses the global options, opens the data folder and runs one command.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from tracker import __version__, arguments
from tracker.cli.common import EXIT_OK, Command, fail, fail_environment
from tracker.errors import TrackerError
from tracker.settings import Settings
from tracker.terminal import inert_output

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser, _ = _parser_and_commands()
    return parser


def _parser_and_commands() -> tuple[argparse.ArgumentParser, dict[str, Command]]:
    from tracker.cli import catalog, checklist, choosing, data, history, study

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
    handlers: dict[str, Command] = {}
    for part in (checklist, catalog, study, choosing, data, history):
        handlers.update(part.register(commands))
    return parser, handlers


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
    parser, handlers = _parser_and_commands()
    args = parser.parse_args(given)
    settings = Settings.resolve(args.data_dir, args.db_url, args.profile)
    if args.command is None:
        return _open_gui(lambda: parser, settings)
    from tracker.wiring import lock_data_folder

    try:
        lock = lock_data_folder(settings)
    except TrackerError as exc:
        return fail(exc)
    try:
        return _run(handlers, settings, args)
    except TrackerError as exc:
        return fail(exc)
    except BrokenPipeError:  # e.g. `learning-tracker status | head`
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep Python's exit flush quiet
        return EXIT_OK
    except OSError as exc:  # the system refused: a name too long, a permission, a full disk
        return fail_environment(exc)
    finally:
        lock.release()


def _run(handlers: dict[str, Command], settings: Settings, args: argparse.Namespace) -> int:
    """Check the database, open the services, run one command (the data folder is locked)."""
    from tracker.cli.data import cmd_recover, refuse
    from tracker.wiring import check_at_start, open_services

    if args.command == "recover":
        return cmd_recover(settings, args)
    plan = check_at_start(settings)
    if plan is not None:
        if not plan.can_open:
            return refuse(plan)
        print("\n".join(plan.lines()) + "\n", file=sys.stderr)
    services = open_services(settings)
    try:
        return handlers[args.command](services, args)
    finally:
        services.close()


def _open_gui(parser: Callable[[], argparse.ArgumentParser], settings: Settings) -> int:
    try:
        from tracker.app import run  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        parser().print_help()
        return EXIT_OK
    return int(run(settings))
