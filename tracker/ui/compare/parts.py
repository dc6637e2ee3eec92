"""What the parts of the Compare page share: a titled card, a choice box, a style flag."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFrame, QVBoxLayout, QWidget

from tracker.ui.widgets.safe_text import PlainLabel


def card(title: str, hint: str = "") -> tuple[QFrame, QVBoxLayout]:
    """A card with a section title and an optional muted hint under it."""
    frame = QFrame()
    frame.setObjectName("Card")
    frame.setAccessibleName(title)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 14, 16, 14)
    layout.setSpacing(8)
    heading = PlainLabel(title)
    heading.setObjectName("SectionTitle")
    layout.addWidget(heading)
    if hint:
        note = PlainLabel(hint)
        note.setObjectName("Hint")
        note.setWordWrap(True)
        layout.addWidget(note)
    return frame, layout


def select(combo: QComboBox, value: str | None) -> None:
    """Show the item whose data is ``value`` (the first, "not set", when there is none)."""
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)


def set_flag(widget: QWidget, name: str, on: bool) -> None:
    """Set a style-sheet property (``[error="true"]``) and restyle the widget."""
    widget.setProperty(name, "true" if on else "false")
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
