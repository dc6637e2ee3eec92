"""How numbers read in the app and the CLI: durations, hours, money, sizes and counted nouns."""

from __future__ import annotations

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def minutes(total: int) -> str:
    """``45 min``, ``1 h 05 min``, ``12 h 00 min``: time studied, to the minute."""
    hours, rest = divmod(max(0, int(total)), 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


def clock(seconds: int) -> str:
    """``0:04:09``: a running timer, to the second."""
    hours, rest = divmod(max(0, int(seconds)), 3600)
    mins, secs = divmod(rest, 60)
    return f"{hours}:{mins:02d}:{secs:02d}"


def hours(value: float) -> str:
    """``2``, ``2.5``, ``0.3``: hours with at most one decimal and no trailing zero."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def money(amount: float, currency: str) -> str:
    """``$3,000``, ``€450``, ``1,200 CHF``: whole units unless there are cents."""
    text = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{text}" if symbol else f"{text} {currency}"


def size(count: int) -> str:
    """``512 bytes``, ``12 KB``, ``3.4 MB``: a file's size."""
    if count < 1024:
        return counted(count, "byte")
    if count < 1024 * 1024:
        return f"{count / 1024:.0f} KB"
    return f"{count / 1024 / 1024:.1f} MB"


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """``1 entry``, ``2 entries``, ``0 resources``: a number with its noun agreeing."""
    if count == 1:
        return f"1 {singular}"
    return f"{count:,} {plural or _plural(singular)}"


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"
