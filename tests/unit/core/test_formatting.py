"""How numbers read: what the learner sees on every page and in the CLI."""

from __future__ import annotations

import pytest

from tracker import formatting


@pytest.mark.parametrize(
    ("total", "text"), [(0, "0 min"), (45, "45 min"), (65, "1 h 05 min"), (720, "12 h 00 min")]
)
def test_minutes_read_as_hours_and_minutes(total: int, text: str) -> None:
    assert formatting.minutes(total) == text


def test_a_running_timer_reads_to_the_second() -> None:
    assert formatting.clock(249) == "0:04:09"
    assert formatting.clock(3 * 3600 + 61) == "3:01:01"


@pytest.mark.parametrize(("value", "text"), [(2.0, "2"), (2.5, "2.5"), (0.25, "0.2"), (10, "10")])
def test_hours_have_no_trailing_zero(value: float, text: str) -> None:
    assert formatting.hours(value) == text


def test_money_uses_the_symbol_or_the_code() -> None:
    assert formatting.money(3000, "USD") == "$3,000"
    assert formatting.money(450.5, "EUR") == "€450.50"
    assert formatting.money(1200, "CHF") == "1,200 CHF"


@pytest.mark.parametrize(
    ("count", "noun", "text"),
    [
        (1, "entry", "1 entry"),
        (2, "entry", "2 entries"),
        (0, "resource", "0 resources"),
        (1, "day", "1 day"),
        (3, "day", "3 days"),
        (2, "match", "2 matches"),
        (1200, "step", "1,200 steps"),
    ],
)
def test_a_count_agrees_with_its_noun(count: int, noun: str, text: str) -> None:
    assert formatting.counted(count, noun) == text


def test_sizes_read_in_the_unit_that_fits() -> None:
    assert formatting.size(1) == "1 byte"
    assert formatting.size(512) == "512 bytes"
    assert formatting.size(12 * 1024) == "12 KB"
    assert formatting.size(int(3.4 * 1024 * 1024)) == "3.4 MB"
