"""What is due for a revisit, and a button to say a skill was revisited (with a new rating)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
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
from tracker.errors import TrackerError
from tracker.ui.widgets.safe_text import PlainLabel, isolate

if TYPE_CHECKING:  # services load SQLAlchemy; the widget only calls the object it is given
    from tracker.services.revisits import RevisitService, RevisitView


def tr(text: str) -> str:
    return QCoreApplication.translate("RevisitsWidget", text)


class RevisitsWidget(QWidget):
    """Skills due for a revisit (overdue first), then the next few coming up."""

    revisited = Signal(str)  # prerequisite slug
    SlugRole = Qt.ItemDataRole.UserRole + 1
    UPCOMING_SHOWN = 3

    def __init__(
        self,
        revisits: RevisitService,
        path_slug: str,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self._revisits = revisits
        self._path_slug = path_slug
        self._today = today
        self.setObjectName("RevisitsDue")

        self.summary_label = PlainLabel()
        self.summary_label.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Skills to revisit"))
        self.list.currentItemChanged.connect(self._selection_changed)
        self.confidence_combo = QComboBox()
        self.confidence_combo.setAccessibleName(tr("Your confidence after the revisit"))
        self.confidence_combo.addItem(tr("Keep my rating"), 0)
        for level in range(1, 6):
            self.confidence_combo.addItem(tr("Now %d/5") % level, level)
        self.confidence_combo.setToolTip(
            tr("4 or 5 ends the revisits; a lower rating than before starts them again")
        )
        self.revisited_button = QPushButton(tr("I revisited it"))
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
        self.reload()

    @property
    def today(self) -> date:
        return self._today or local_today()

    def set_path(self, path_slug: str) -> None:
        self._path_slug = path_slug
        self.reload()

    def reload(self) -> None:
        try:
            scheduled = self._revisits.scheduled(self._path_slug)
        except TrackerError as exc:
            self.message_label.setText(str(exc))
            return
        today = self.today
        due = [view for view in scheduled if view.due <= today]
        upcoming = [view for view in scheduled if view.due > today][: self.UPCOMING_SHOWN]
        self.list.clear()
        for view in due:
            self._add(view, self._due_text(view, today), bold=True)
        for view in upcoming:
            title = isolate(view.title)
            self._add(view, tr("%s, on %s") % (title, format_day(view.due)), bold=False)
        if due:
            self.summary_label.setText(
                tr("1 skill to revisit: going over it again makes it stick.")
                if len(due) == 1
                else tr("%d skills to revisit: going over them again makes them stick.") % len(due)
            )
        elif scheduled:
            self.summary_label.setText(tr("Nothing to revisit today."))
        else:
            self.summary_label.setText(
                tr("Nothing scheduled. Rate a done skill 3/5 or less to be reminded to revisit it.")
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
            self.message_label.setText(tr("Select a skill first."))
            return False
        slug = str(item.data(self.SlugRole))
        level = int(self.confidence_combo.currentData() or 0)
        try:
            schedule = self._revisits.revisited(
                self._path_slug, slug, confidence=level or None, today=self.today
            )
        except TrackerError as exc:
            self.message_label.setText(str(exc))
            return False
        if schedule.due is None:
            self.message_label.setText(tr("Revisited; no more revisits for this skill."))
        else:
            self.message_label.setText(tr("Revisited; next on %s.") % format_day(schedule.due))
        self.confidence_combo.setCurrentIndex(0)
        self.reload()
        self.revisited.emit(slug)
        return True

    def _add(self, view: RevisitView, text: str, *, bold: bool) -> None:
        item = QListWidgetItem(text)
        item.setData(self.SlugRole, view.slug)
        font = item.font()
        font.setBold(bold)
        item.setFont(font)
        if view.confidence is not None:
            item.setToolTip(tr("Your confidence: %d/5") % view.confidence)
        self.list.addItem(item)

    @staticmethod
    def _due_text(view: RevisitView, today: date) -> str:
        late = view.overdue_days(today)
        title = isolate(view.title)
        if late == 0:
            return tr("%s, due today") % title
        if late == 1:
            return tr("%s, due yesterday") % title
        return tr("%s, due %d days ago") % (title, late)

    def _selection_changed(self, *_args: object) -> None:
        self.revisited_button.setEnabled(self.list.currentItem() is not None)
