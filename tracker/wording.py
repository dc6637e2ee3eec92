"""The sentences the core says to a learner (forecasts, reasons, messages), ready for Qt's tools.

The core imports no Qt, so it marks each sentence with ``QT_TRANSLATE_NOOP(context, text)``,
which ``pyside6-lupdate`` finds like Qt's own macro, and builds it with ``say``. The desktop
app installs Qt's translator (``use_translator``) at start; until then, and in the command
line, a sentence is said as written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Translator = Callable[[str, str], str]


class Sentence(str):
    """A sentence's source text, remembering the context it is translated under."""

    context: str

    def __new__(cls, context: str, text: str) -> Sentence:
        sentence = super().__new__(cls, text)
        sentence.context = context
        return sentence


def QT_TRANSLATE_NOOP(context: str, text: str) -> Sentence:
    """Mark ``text`` for translation under ``context``; it is translated when said."""
    return Sentence(context, text)


def _as_written(_context: str, text: str) -> str:
    return text


_translate: Translator = _as_written


def use_translator(translate: Translator) -> None:
    """Say every sentence through ``translate(context, text)`` (the GUI passes Qt's)."""
    global _translate
    _translate = translate


def say(sentence: Sentence, /, **values: Any) -> str:
    """``sentence`` translated, with ``{name}`` fields filled from ``values``."""
    return _translate(sentence.context, str(sentence)).format(**values)
