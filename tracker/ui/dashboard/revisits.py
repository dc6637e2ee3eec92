"""What is due for a revisit, and a button to say a skill was revisited (with a new rating)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.clock import local_today
from tracker.domain.forecast import format_day
from tracker.ui.shell.context import AppContext
from tracker.ui.widgets.safe_text import PlainLabel, isolate

if TYPE_CHECKING:  # services load SQLAlchemy; the widget only shows the views it is given
    from tracker.services.revisits import RevisitView


class RevisitsWidget(QWidget):
    """Skills due for a revisit (overdue first), then the next few coming up."""

    revisited = Signal(str)  # prerequisite slug
    SlugRole = Qt.ItemDataRole.UserRole + 1
    UPCOMING_SHOWN = 3

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._path_slug = ""
        self._today = today
        self.setObjectName("RevisitsDue")

        self.summary_label = PlainLabel()
        self.summary_label.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Skills to revisit"))
        self.list.currentItemChanged.connect(self._selection_changed)
        self.confidence_combo = QComboBox()
        self.confidence_combo.setAccessibleName(self.tr("Your confidence after the revisit"))
        self.confidence_combo.addItem(self.tr("Keep my rating"), 0)
        for level in range(1, 6):
            self.confidence_combo.addItem(self.tr("Now %d/5") % level, level)
        self.confidence_combo.setToolTip(
            self.tr("4 or 5 ends the revisits; a lower rating than before starts them again")
        )
        self.revisited_button = QPushButton(self.tr("I revisited it"))
        self.revisited_button.clicked.connect(self.mark_selected_revisited)
        self.message_label = PlainLabel()
        self.message_label.setObjectName("Muted")
        self.message_label.setWordWrap(True)

        actions = QHBoxLayout()
        actions.addWidget(self.confidence_combo)
        actions.addStretch(1)
        actions.addWidget(self.revisited_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.list, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message_label)
        self._shown: tuple[object, ...] | None = None
        self.show_scheduled("", ())

    @property
    def today(self) -> date:
        return self._today or local_today()

    def show_scheduled(self, path_slug: str, scheduled: Sequence[RevisitView]) -> None:
        """Show ``scheduled`` (every done skill with a revisit, soonest first)."""
        today = self.today
        shown = (path_slug, today, tuple(scheduled))
        if shown == self._shown:
            return  # the same list: keep the selection and the last message
        self._shown = shown
        self._path_slug = path_slug
        due = [view for view in scheduled if view.due <= today]
        upcoming = [view for view in scheduled if view.due > today][: self.UPCOMING_SHOWN]
        self.list.clear()
        for view in due:
            self._add(view, self._due_text(view, today), bold=True)
        for view in upcoming:
            title = isolate(view.title)
            self._add(view, self.tr("%s, on %s") % (title, format_day(view.due)), bold=False)
        if due:
            self.summary_label.setText(
                self.tr("1 skill to revisit: going over it again makes it stick.")
                if len(due) == 1
                else self.tr("%d skills to revisit: going over them again makes them stick.")
                % len(due)
            )
        elif scheduled:
            self.summary_label.setText(self.tr("Nothing to revisit today."))
        else:
            self.summary_label.setText(
                self.tr(
                    "Nothing scheduled. Rate a done skill 3/5 or less to be reminded to revisit it."
                )
            )
        self._selection_changed()

    def due_slugs(self) -> list[str]:
        return [
            str(item.data(self.SlugRole))
            for item in (self.list.item(row) for row in range(self.list.count()))
            if item is not None and item.font().bold()
        ]

    def mark_selected_revisited(self) -> bool:
        item = self.list.currentItem()
        if item is None:
            self.message_label.setText(self.tr("Select a skill first."))
            return False
        slug = str(item.data(self.SlugRole))
        level = int(self.confidence_combo.currentData() or 0)
        revisits, path, today = self.context.services.revisits, self._path_slug, self.today
        schedule = self.context.run(
            lambda: revisits.revisited(path, slug, confidence=level or None, today=today)
        )
        if schedule is None:
            return False
        if schedule.due is None:
            self.message_label.setText(self.tr("Revisited; no more revisits for this skill."))
        else:
            self.message_label.setText(self.tr("Revisited; next on %s.") % format_day(schedule.due))
        self.confidence_combo.setCurrentIndex(0)
        self.revisited.emit(slug)
        return True

    def _add(self, view: RevisitView, text: str, *, bold: bool) -> None:
        item = QListWidgetItem(text)
        item.setData(self.SlugRole, view.slug)
        font = item.font()
        font.setBold(bold)
        item.setFont(font)
        if view.confidence is not None:
            item.setToolTip(self.tr("Your confidence: %d/5") % view.confidence)
        self.list.addItem(item)

    def _due_text(self, view: RevisitView, today: date) -> str:
        late = view.overdue_days(today)
        title = isolate(view.title)
        if late == 0:
            return self.tr("%s, due today") % title
        if late == 1:
            return self.tr("%s, due yesterday") % title
        return self.tr("%s, due %d days ago") % (title, late)

    def _selection_changed(self, *_args: object) -> None:
        self.revisited_button.setEnabled(self.list.currentItem() is not None)
