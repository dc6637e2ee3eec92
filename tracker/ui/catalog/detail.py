"""The catalog's detail pane: the selected resource, with the learner's status, rating and notes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker import formatting
from tracker.domain.enums import ResourceStatus
from tracker.domain.views import ResourceView
from tracker.ui.models.catalog import format_cost, format_duration
from tracker.ui.widgets.common import heading, muted
from tracker.ui.widgets.labels import STATUS_LABELS, humanize
from tracker.ui.widgets.safe_text import SafeTextBrowser, is_web_url, isolate, plain_tooltip


def labelled_combo(name: str, items: list[tuple[str, str]]) -> QComboBox:
    """A combo box named ``name`` (for screen readers and its tooltip) with (text, value) items."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setToolTip(name)
    for text, value in items:
        combo.addItem(text, value)
    return combo


class ResourceDetail(QWidget):
    """The selected resource: description, status buttons, rating, notes, time, open."""

    status_chosen = Signal(str)
    rating_chosen = Signal(int)
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Resource details"))
        self.setObjectName("Card")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        columns = QHBoxLayout(self)
        columns.setContentsMargins(20, 16, 20, 16)
        columns.setSpacing(28)
        about = QVBoxLayout()
        about.setSpacing(8)
        self.title_label = heading("", "PageTitle")
        self.title_label.setStyleSheet("font-size: 18px;")
        self.meta_label = muted()
        self.meta_label.setAccessibleName(self.tr("About this resource"))
        about.addWidget(self.title_label)
        about.addWidget(self.meta_label)
        self.description = SafeTextBrowser(max_height=140)
        self.description.setAccessibleName(self.tr("Description"))
        about.addWidget(self.description)
        row = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open in browser"))
        self.open_button.setObjectName("Primary")
        self.open_button.setAccessibleName(self.tr("Open in browser"))
        self.open_button.clicked.connect(self.open_requested)
        row.addWidget(self.open_button)
        self.time_label = muted()
        self.time_label.setAccessibleName(self.tr("Time spent"))
        row.addWidget(self.time_label, 1)
        about.addLayout(row)
        self.timer_slot = QHBoxLayout()  # the page puts its study-timer button here
        about.addLayout(self.timer_slot)
        about.addStretch(1)
        columns.addLayout(about, 5)

        mine = QVBoxLayout()
        mine.setSpacing(8)
        status_row = QHBoxLayout()
        status_row.setSpacing(6)
        status_title = heading(self.tr("Status"))
        status_title.setMinimumWidth(60)
        status_row.addWidget(status_title)
        self.status_group = QButtonGroup(self)
        self.status_group.setExclusive(False)
        self.status_buttons: dict[str, QPushButton] = {}
        for status in ResourceStatus:
            label = self.tr(STATUS_LABELS[status.value])
            button = QPushButton(label)
            button.setCheckable(True)
            button.setAccessibleName(self.tr("Status: %s") % label)
            button.clicked.connect(
                lambda _checked=False, s=status.value: self.status_chosen.emit(s)
            )
            self.status_buttons[status.value] = button
            self.status_group.addButton(button)
            status_row.addWidget(button)
        status_row.addStretch(1)
        mine.addLayout(status_row)
        rating_row = QHBoxLayout()
        rating_row.setSpacing(6)
        rating_title = heading(self.tr("Rating"))
        rating_title.setMinimumWidth(60)
        rating_row.addWidget(rating_title)
        self.rating_combo = labelled_combo(
            self.tr("Rating"),
            [(self.tr("Not rated"), "0")]
            + [("★" * n + "☆" * (5 - n), str(n)) for n in range(1, 6)],
        )
        self.rating_combo.activated.connect(
            lambda _i: self.rating_chosen.emit(int(self.rating_combo.currentData()))
        )
        rating_row.addWidget(self.rating_combo)
        rating_row.addStretch(1)
        mine.addLayout(rating_row)
        mine.addWidget(heading(self.tr("My notes")))
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setAccessibleName(self.tr("My notes"))
        self.notes_edit.setPlaceholderText(self.tr("Notes save as you type."))
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(90)
        mine.addWidget(self.notes_edit, 1)
        columns.addLayout(mine, 6)

    def show_view(self, view: ResourceView | None) -> None:
        self.setEnabled(view is not None)
        if view is None:
            self.title_label.setText(self.tr("No resource selected"))
            self.meta_label.setText(self.tr("Pick a resource in the table to see it here."))
            self.description.setMarkdown("")
            self.time_label.setText("")
            for button in self.status_buttons.values():
                button.setChecked(False)
            return
        self.title_label.setText(view.title)
        parts = [humanize(view.kind), view.provider, format_cost(view), format_duration(view)]
        parts.append(humanize(view.level))
        if view.own:
            parts.append(self.tr("your own"))
        self.meta_label.setText("  ·  ".join(isolate(p) for p in parts if p and p != "—"))
        self.description.setMarkdown(view.description or self.tr("*No description.*"))
        self.open_button.setEnabled(is_web_url(view.url))
        self.open_button.setToolTip(plain_tooltip(view.url))
        self.time_label.setText(self.tr("Time spent: %s") % formatting.minutes(view.minutes_spent))
        for status, button in self.status_buttons.items():
            button.setChecked(view.status == status)
        self.rating_combo.setCurrentIndex(view.rating or 0)
