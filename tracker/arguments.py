"""Command-line argument types: text, file names, numbers and URLs checked as they are parsed.

Each raises ``argparse.ArgumentTypeError`` with what to give instead; argparse puts the
argument's name in front and exits with the usage code (2), before anything is opened.
"""

from __future__ import annotations

import argparse
import math
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

_SHOWN_CHARS = 40


def shown(value: str) -> str:
    """``value`` quoted for a message, cut short when long (an argument may be megabytes)."""
    return repr(value if len(value) <= _SHOWN_CHARS else value[:_SHOWN_CHARS] + "…")


def _not_unicode(value: str) -> str | None:
    """Why ``value`` is not text, or None: bytes that were not UTF-8 reach Python as surrogates."""
    position = next((i for i, c in enumerate(value) if "\ud800" <= c <= "\udfff"), None)
    if position is None:
        return None
    try:
        raw = os.fsencode(value[position:])
    except UnicodeError:
        return f"holds U+{ord(value[position]):04X}, which is not a character"
    return f"holds the byte 0x{raw[0]:02x}, which is not UTF-8 text"


def text(value: str) -> str:
    """Any text, as long as it is valid Unicode (it is stored and printed)."""
    problem = _not_unicode(value)
    if problem is not None:
        raise argparse.ArgumentTypeError(f"{problem}; give it in UTF-8")
    return value


def name(value: str) -> str:
    """A name (a profile): text, not empty."""
    if not text(value).strip():
        raise argparse.ArgumentTypeError("give a name, not an empty string")
    return value


def file_name(value: str) -> str:
    """A file or folder name: any bytes the system allows (it need not be UTF-8), not empty.

    An empty name is refused rather than read as "the default folder" or "this folder".
    """
    if not value.strip():
        raise argparse.ArgumentTypeError("give a name, not an empty string")
    return value


def file_path(value: str) -> Path:
    """A file name (see ``file_name``) as a path."""
    return Path(file_name(value))


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """A whole number from ``low`` to ``high``."""
    wanted = f"give a whole number from {low} to {high}"

    def convert(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            # all digits, yet not converted: over the 4,300 digits Python converts, far too large
            digits = value.strip().lstrip("+-")
            problem = "is out of range" if digits.isdigit() else "is not a number"
            raise argparse.ArgumentTypeError(f"{shown(value)} {problem}; {wanted}") from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"{number} is out of range; {wanted}")
        return number

    return convert


def positive_number(high: float) -> Callable[[str], float]:
    """A number more than 0 and at most ``high`` (decimals allowed; not NaN or infinity)."""
    wanted = f"give a number more than 0 and at most {high:g}"

    def convert(value: str) -> float:
        try:
            number = float(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{shown(value)} is not a number; {wanted}") from None
        if not (math.isfinite(number) and 0 < number <= high):
            raise argparse.ArgumentTypeError(f"{shown(value)} is out of range; {wanted}")
        return number

    return convert


def iso_date(value: str) -> date:
    """A calendar date written YYYY-MM-DD."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{shown(value)} is not a date; give one like 2026-03-12"
        ) from None


def database_url(value: str) -> str:
    """A SQLAlchemy database URL such as sqlite:////home/me/tracker.sqlite3."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        make_url(text(value))
    except (ArgumentError, ValueError):
        raise argparse.ArgumentTypeError(
            f"{shown(value)} is not a database URL; give one like sqlite:////path/to/file.sqlite3"
        ) from None
    return value


class TextArgumentParser(argparse.ArgumentParser):
    """An argument parser whose arguments without a type of their own must be valid text.

    Its subcommands' parsers are of the same class, so the rule holds for every argument.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.register("type", None, text)

    def add_subparsers(self, **kwargs: Any) -> Any:
        commands = super().add_subparsers(**kwargs)
        # its values are a command and that command's arguments: the command's parser checks
        # each of them, so the message names the argument, not COMMAND
        commands.type = str
        return commands
