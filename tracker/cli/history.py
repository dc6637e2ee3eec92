"""Commands on the undo history: the same steps the desktop app's Edit menu undoes and redoes."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from tracker import arguments
from tracker.cli.common import EXIT_OK, Command

if TYPE_CHECKING:
    from tracker.wiring import Services


def register(commands: Any) -> dict[str, Command]:
    """Add these commands to the parser; return their handlers."""
    commands.add_parser("undo", help="undo your last change (the app's Edit > Undo)")
    commands.add_parser("redo", help="redo the change you undid last")
    history = commands.add_parser("history", help="list your recent changes, newest first")
    history.add_argument("--limit", type=arguments.whole_number(1, 1000), default=20, metavar="N")
    return {"undo": cmd_undo, "redo": cmd_redo, "history": cmd_history}


def cmd_undo(services: Services, _args: argparse.Namespace) -> int:
    step = services.operations.undo().value
    print(f"Undid: {step.label}.")
    return EXIT_OK


def cmd_redo(services: Services, _args: argparse.Namespace) -> int:
    step = services.operations.redo().value
    print(f"Redid: {step.label}.")
    return EXIT_OK


def cmd_history(services: Services, args: argparse.Namespace) -> int:
    steps = services.operations.history(args.limit)
    if not steps:
        print("No changes yet.")
        return EXIT_OK
    for step in steps:
        mark = "  (undone: 'redo' brings it back)" if step.undone else ""
        print(f"{step.at:%Y-%m-%d %H:%M} UTC  {step.label}{mark}")
    return EXIT_OK
