"""The dashboard: how ready the learner is, progress per section, what's next, recent activity."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.changes import Kind
from tracker.errors import TrackerError
from tracker.formatting import minutes as minutes_text
from tracker.ui.dashboard.activity import describe_event, when
from tracker.ui.dashboard.cards import StudyCards
from tracker.ui.shell.context import AppContext
from tracker.ui.widgets.common import Card, FlowScrollArea, muted, page_header
from tracker.ui.widgets.page import Page
from tracker.ui.widgets.safe_text import PlainLabel, isolate, plain_tooltip

if TYPE_CHECKING:
    from collections.abc import Mapping

    from tracker.domain.views import Count, EventView, NextStep
    from tracker.services.dashboard import DashboardSnapshot

__all__ = ["DashboardPage", "describe_event", "when"]


class DashboardPage(Page):
    """The first page: readiness, the forecast, next up, the timer and revisits, the charts,
    progress by section and recent activity, all filled from one snapshot per refresh.

    The grid: readiness (0, 0), forecast (0, 1), next up (1, 0), timer and revisits (1, 1),
    charts (row 2, both columns), progress by section (3, 0), recent activity (3, 1).
    """

    title = "Dashboard"
    # the recent activity lists every kind of change, and the plan's hours live in the situation
    shows = frozenset(Kind)
    step_requested = Signal(str, str)  # (item kind, slug)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.snapshot: DashboardSnapshot | None = None
        self._shown_next: tuple[NextStep, ...] | None = None
        self._shown_events: tuple[EventView, ...] | None = None
        self._section_layout: tuple[tuple[str, bool], ...] | None = None
        self._section_rows: list[tuple[QProgressBar, QLabel]] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = FlowScrollArea()
        self.scroll_area = scroll
        outer.addWidget(scroll)
        body = QWidget()
        body.setObjectName("PageBody")
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(16)
        header, self.title_label, self.subtitle_label = page_header(
            self.tr("Dashboard"), self.tr("Loading your progress…")
        )
        layout.addWidget(header)

        self.grid = QGridLayout()
        self.grid.setSpacing(16)
        layout.addLayout(self.grid, 1)

        # readiness
        self.readiness_card = Card(self.tr("Ready to start?"))
        row = QHBoxLayout()
        self.readiness_number = PlainLabel("0/0")
        self.readiness_number.setObjectName("BigNumber")
        self.readiness_number.setAccessibleName(self.tr("Required prerequisites done"))
        row.addWidget(self.readiness_number)
        self.readiness_text = muted()
        self.readiness_text.setAccessibleName(self.tr("Readiness"))
        row.addWidget(self.readiness_text, 1)
        self.readiness_card.body.addLayout(row)
        self.readiness_bar = QProgressBar()
        self.readiness_bar.setAccessibleName(self.tr("Readiness progress"))
        self.readiness_bar.setTextVisible(False)
        self.readiness_card.body.addWidget(self.readiness_bar)
        self.totals_label = muted()
        self.totals_label.setAccessibleName(self.tr("Totals"))
        self.readiness_card.body.addWidget(self.totals_label)

        # sections
        self.sections_card = Card(self.tr("Progress by section"))
        self.sections_grid = QGridLayout()
        self.sections_grid.setHorizontalSpacing(14)
        self.sections_grid.setVerticalSpacing(8)
        self.sections_grid.setColumnStretch(1, 1)
        self.sections_card.body.addLayout(self.sections_grid)

        # next up
        self.next_card = Card(self.tr("Next up"))
        self.next_list = QListWidget()
        self.next_list.setAccessibleName(self.tr("Next up"))
        self.next_list.setToolTip(self.tr("Press Enter or double-click to go there"))
        self.next_list.itemActivated.connect(self._step_activated)
        self.next_list.setMinimumHeight(260)
        self.next_list.setObjectName("CardList")
        self.next_list.setWordWrap(True)
        self.next_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.next_card.body.addWidget(self.next_list)

        # activity
        self.activity_card = Card(self.tr("Recent activity"))
        self.activity_list = QListWidget()
        self.activity_list.setAccessibleName(self.tr("Recent activity"))
        self.activity_list.setMinimumHeight(260)
        self.activity_list.setObjectName("CardList")
        self.activity_list.setWordWrap(True)
        self.activity_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.activity_list.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.activity_card.body.addWidget(self.activity_list)

        self.progress = StudyCards(context, self)  # forecast, timer, revisits, charts

        self.grid.addWidget(self.readiness_card, 0, 0)
        self.grid.addWidget(self.progress.forecast_card, 0, 1)
        self.grid.addWidget(self.next_card, 1, 0)
        self.grid.addWidget(self.progress.timer_column, 1, 1)
        self.grid.addWidget(self.progress.charts_box, 2, 0, 1, 2)
        self.grid.addWidget(self.sections_card, 3, 0)
        self.grid.addWidget(self.activity_card, 3, 1)
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1)
        self.grid.setRowStretch(1, 1)

    def refresh(self) -> None:
        """Read the snapshot (one transaction) and show it on every card."""
        try:
            snapshot = self.context.services.progress.dashboard(self.context.path_slug)
        except TrackerError as exc:
            self.subtitle_label.setText(str(exc))
            return
        self.show_snapshot(snapshot)

    def show_snapshot(self, snapshot: DashboardSnapshot) -> None:
        self.snapshot = snapshot
        summary = snapshot.summary
        checklist = snapshot.checklist
        path_title = isolate(snapshot.path_title)
        self.title_label.setText(self.tr("Your %s path") % path_title)
        self.subtitle_label.setText(
            self.tr("%d of %d skills ticked · %d resources done, %d in progress · %s studied")
            % (
                summary.skills.done,
                summary.skills.total,
                summary.resources.done,
                summary.resources_in_progress,
                minutes_text(summary.minutes_logged),
            )
        )
        required = summary.required
        self.readiness_number.setText(f"{required.done}/{required.total}")
        if summary.ready:
            text = (
                self.tr("All required prerequisites are done. You're ready to start %s!")
                % path_title
            )
        else:
            missing = required.total - required.done
            text = self.tr("required prerequisites done before learning %s. %d to go.") % (
                path_title,
                missing,
            )
        self.readiness_text.setText(text)
        self.readiness_bar.setMaximum(max(required.total, 1))
        self.readiness_bar.setValue(required.done)
        self.totals_label.setText(
            self.tr("Skills: %d/%d   ·   Resources done: %d/%d")
            % (
                summary.skills.done,
                summary.skills.total,
                summary.resources.done,
                summary.resources.total,
            )
        )
        self._fill_sections(summary.sections, {i.title: i.required for i in checklist.items})
        if snapshot.next_up != self._shown_next:
            self._fill_next(snapshot.next_up)
        if snapshot.events != self._shown_events:
            self._fill_activity(snapshot.events, snapshot.titles)
        self.progress.show(snapshot)
        self.scroll_area.fit_content()

    def _fill_activity(self, events: tuple[EventView, ...], titles: Mapping[str, str]) -> None:
        self._shown_events = events
        self.activity_list.clear()
        for event in events:
            entry = QListWidgetItem(f"{describe_event(event, dict(titles))}\n{when(event.at)}")
            self.activity_list.addItem(entry)
        if not events:
            self.activity_list.addItem(
                self.tr("Nothing yet. Tick a skill you know to get started.")
            )

    def _fill_sections(
        self, sections: tuple[tuple[str, Count], ...], required: dict[str, bool]
    ) -> None:
        layout = tuple((title, required.get(title, True)) for title, _count in sections)
        if layout == self._section_layout:  # the same sections: only their counts change
            for (_title, count), (bar, figure) in zip(sections, self._section_rows, strict=True):
                if (bar.value(), bar.maximum()) != (count.done, max(count.total, 1)):
                    bar.setMaximum(max(count.total, 1))
                    bar.setValue(count.done)
                    figure.setText(f"{count.done}/{count.total}")
            return
        self._section_layout = layout
        self._section_rows = []
        while self.sections_grid.count():
            child = self.sections_grid.takeAt(0)
            widget = child.widget() if child is not None else None
            if widget is not None:
                widget.deleteLater()
        for row, (title, count) in enumerate(sections):
            shown = isolate(title)
            label = PlainLabel(
                shown if required.get(title, True) else f"{shown}  ·  {self.tr('optional')}"
            )
            label.setObjectName("" if required.get(title, True) else "Muted")
            bar = QProgressBar()
            bar.setTextVisible(False)
            bar.setMaximum(max(count.total, 1))
            bar.setValue(count.done)
            bar.setMaximumHeight(10)
            bar.setAccessibleName(self.tr("%s progress") % shown)
            figure = muted(f"{count.done}/{count.total}")
            figure.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.sections_grid.addWidget(label, row, 0)
            self.sections_grid.addWidget(bar, row, 1)
            self.sections_grid.addWidget(figure, row, 2)
            self._section_rows.append((bar, figure))

    def _fill_next(self, steps: tuple[NextStep, ...]) -> None:
        self._shown_next = steps
        self.next_list.clear()
        for step in steps:
            marker = "☐" if step.kind == "prerequisite" else "▶"
            entry = QListWidgetItem(
                f"{marker}  {isolate(step.title)}\n      {isolate(step.detail)}"
            )
            entry.setToolTip(plain_tooltip(step.detail))
            entry.setData(Qt.ItemDataRole.UserRole, (step.kind, step.slug))
            self.next_list.addItem(entry)
        if not steps:
            self.next_list.addItem(self.tr("Nothing left: every prerequisite is done."))

    def _step_activated(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if data:
            self.step_requested.emit(data[0], data[1])
