"""Parse JSON from elsewhere and check its shape before anything trusts it.

Python's own parser stops at a number of more than 4,300 digits (ValueError), at nesting deeper
than its recursion limit (RecursionError) and takes ``NaN`` and ``Infinity``; text may hold
lone surrogates that no database can store. Each becomes an :class:`UntrustedDataError` that says
where it is, for packs and progress files alike.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

MAX_INT_DIGITS = sys.get_int_max_str_digits() or 4300
_TOKEN = re.compile(
    r'"(?:[^"\\]|\\.)*"|[\[\]{}]|-?\bInfinity\b|\bNaN\b|-?\d{' + str(MAX_INT_DIGITS + 1) + ",}",
    re.DOTALL,
)


class UntrustedDataError(ValueError):
    """A problem in untrusted data: a message, and where it is (a line and/or a field path)."""

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        path: tuple[int | str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.path = path

    @property
    def where(self) -> str:
        return ".".join(str(part) for part in self.path)


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _tokens(text: str) -> Iterator[re.Match[str]]:
    """Brackets, non-numbers and over-long numbers outside strings (strings are skipped)."""
    for match in _TOKEN.finditer(text):
        if not match.group().startswith('"'):
            yield match


def _too_deep_at(text: str, max_depth: int) -> int | None:
    depth = 0
    for match in _tokens(text):
        depth += 1 if match.group() in "[{" else (-1 if match.group() in "]}" else 0)
        if depth > max_depth:
            return match.start()
    return None


def _refuse_constant(name: str) -> Any:
    raise UntrustedDataError(f"{name} is not a number JSON allows")


def load_json(text: str, max_depth: int) -> Any:
    """Parse JSON text; raise UntrustedDataError with the line of what could not be read."""
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise UntrustedDataError(
            f"not valid JSON ({exc.msg})", line=exc.lineno, column=exc.colno
        ) from None
    except UntrustedDataError as exc:
        line = _first(text, lambda token: token.lstrip("-")[:1] in ("I", "N"))
        raise UntrustedDataError(exc.message, line=line) from None
    except RecursionError:
        at = _too_deep_at(text, max_depth)
        line = _line_at(text, at) if at is not None else None
        raise UntrustedDataError(f"nested deeper than {max_depth} levels", line=line) from None
    except ValueError:  # only a number of more digits than Python converts raises this
        line = _first(text, lambda token: token.lstrip("-")[:1].isdigit())
        raise UntrustedDataError(
            f"a number with more than {MAX_INT_DIGITS:,} digits", line=line
        ) from None
    check_tree(value, max_depth)
    return value


def _first(text: str, wanted: Callable[[str], bool]) -> int | None:
    """The line of the first token outside strings that is ``wanted``."""
    found = next((m for m in _tokens(text) if wanted(m.group())), None)
    return _line_at(text, found.start()) if found else None


def check_tree(value: Any, max_depth: int) -> None:
    """Refuse nesting deeper than ``max_depth`` and text that cannot be stored (lone
    surrogates), naming the field path where it is. Iterative: any depth is safe to check."""
    stack: list[tuple[Any, tuple[int | str, ...]]] = [(value, ())]
    while stack:
        item, path = stack.pop()
        if len(path) >= max_depth and isinstance(item, dict | list):
            raise UntrustedDataError(
                f"nested deeper than {max_depth} levels", path=path[:max_depth]
            )
        if isinstance(item, dict):
            for key, child in item.items():
                if isinstance(key, str) and not _storable(key):
                    raise UntrustedDataError(
                        "a key holds a lone surrogate (\\ud800-\\udfff), which is not text",
                        path=path,
                    )
                stack.append((child, (*path, str(key))))
        elif isinstance(item, list):
            stack.extend((child, (*path, index)) for index, child in enumerate(item))
        elif isinstance(item, str) and not _storable(item):
            raise UntrustedDataError(
                "the text holds a lone surrogate (\\ud800-\\udfff), which is not text",
                path=path,
            )


def _storable(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
