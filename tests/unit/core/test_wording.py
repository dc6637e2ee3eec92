"""Sentences built below the GUI can be translated by Qt's tools."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tracker import wording
from tracker.wording import QT_TRANSLATE_NOOP, say

GREETING = QT_TRANSLATE_NOOP("Forecast", "You finish on {day}.")


@pytest.fixture
def restore_translator() -> Iterator[None]:
    yield
    wording.use_translator(lambda _context, text: text)


def test_a_sentence_is_said_as_written_without_a_translator() -> None:
    assert say(GREETING, day="3 May 2027") == "You finish on 3 May 2027."


def test_an_installed_translator_gets_the_context_and_the_source_text(
    restore_translator: None,
) -> None:
    asked: list[tuple[str, str]] = []

    def translate(context: str, text: str) -> str:
        asked.append((context, text))
        return "Vous finissez le {day}."

    wording.use_translator(translate)
    assert say(GREETING, day="3 mai 2027") == "Vous finissez le 3 mai 2027."
    assert asked == [("Forecast", "You finish on {day}.")]
