"""What the command line writes to a terminal: every character that could steer it made visible.

Titles, URLs and notes come from packs, progress files and the learner. Written raw, an escape
sequence in them could retitle the window, clear the screen or hide text, and a bidi override
could make a line read differently from what it holds. ``inert_output`` replaces stdout and
stderr while a command runs, so every line the CLI prints (and argparse's messages) shows such a
character as a ``\\uXXXX`` escape instead: visible in text, and the very escape JSON uses, so
``--json`` output stays valid JSON that decodes to the stored text.
"""

from __future__ import annotations

import codecs
import re
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO, cast

# Control characters (C0, DEL, C1), format characters (bidi overrides and isolates, zero-width
# marks), lone surrogates (bytes that were not UTF-8) and the line and paragraph separators.
_STEERING_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
# Newline and tab shape the layout; the zero-width (non-)joiners shape scripts and emoji.
_KEPT = frozenset("\n\t\u200c\u200d")
_NOT_PLAIN_ASCII = re.compile(r"[^\t\n\x20-\x7e]")


def _escape(character: str) -> str:
    """``\\uXXXX`` as JSON writes it; a character beyond the BMP as its surrogate pair."""
    code = ord(character)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _shown(match: re.Match[str]) -> str:
    character = match.group()
    if character in _KEPT or unicodedata.category(character) not in _STEERING_CATEGORIES:
        return character
    return _escape(character)


def inert(text: str) -> str:
    """``text`` with every character that could steer a terminal written as a visible escape."""
    return _NOT_PLAIN_ASCII.sub(_shown, text)


class InertWriter:
    """A text stream that writes ``inert`` text to another one.

    Characters the other stream's encoding cannot hold are escaped too, so a title in any script
    prints (escaped) on a terminal that is not UTF-8 instead of failing.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        encoding = getattr(stream, "encoding", None) or "utf-8"
        self._encoding = None if codecs.lookup(encoding).name == "utf-8" else encoding

    def write(self, text: str) -> int:
        shown = inert(text)
        if self._encoding is not None:
            shown = shown.encode(self._encoding, "backslashreplace").decode(self._encoding)
        self._stream.write(shown)
        return len(text)

    def __getattr__(self, name: str) -> object:  # flush, fileno, isatty, encoding ...
        return getattr(self._stream, name)


@contextmanager
def inert_output() -> Iterator[None]:
    """Make stdout and stderr inert (see ``inert``) until the block ends."""
    saved_out, saved_err = sys.stdout, sys.stderr
    out = cast(TextIO, InertWriter(saved_out))
    err = cast(TextIO, InertWriter(saved_err))
    sys.stdout, sys.stderr = out, err
    try:
        yield
    finally:
        if sys.stdout is out:  # a command may have swapped it (a closed pipe: devnull)
            sys.stdout = saved_out
        if sys.stderr is err:
            sys.stderr = saved_err
