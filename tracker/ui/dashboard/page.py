"""The dashboard: how ready the learner is, progress per section, what's next, recent activity."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from tracker.ui.dashboard.cards import ProgressCards
from tracker.ui.shell.context import AppContext
from tracker.ui.widgets.common import Card, FlowScrollArea, muted, page_header
from tracker.ui.widgets.labels import STATUS_LABELS
from tracker.ui.widgets.page import Page
from tracker.ui.widgets.safe_text import PlainLabel, isolate, plain_tooltip

if TYPE_CHECKING:
    from tracker.domain.views import EventView, ProgressSummary


def tr(text: str) -> str:
    return QCoreApplication.translate("DashboardPage", text)


def describe_event(event: EventView, titles: dict[str, str]) -> str:
    """An event log entry in plain words: 'Ticked HTML5', 'Set status of Flask tutorial to done'."""
    if event.unreadable:
        return tr("An entry this version cannot read (%s)") % isolate(event.action)
    name = isolate(titles.get(event.item_slug or "", event.item_slug or ""))
    action = event.action
    if action == "prerequisite.done":
        return (tr("Ticked %s") if event.new else tr("Unticked %s")) % name
    if action == "prerequisite.confidence":
        if event.new is None:
            return tr("Cleared your confidence in %s") % name
        return tr("Rated your confidence in %s %s/5") % (name, event.new)
    if action == "prerequisite.evidence":
        return tr("Changed the evidence for %s") % name
    if action == "resource.status":
        if event.new is None:
            return tr("Cleared the status of %s") % name
        return tr("Set status of %s to %s") % (
            name,
            tr(STATUS_LABELS.get(event.new, event.new)).lower(),
        )
    if action == "resource.rating":
        if event.new is None:
            return tr("Removed the rating of %s") % name
        return tr("Rated %s %s/5") % (name, event.new)
    if action == "resource.notes":
        return tr("Edited notes on %s") % name
    if action == "resource.added":
        return tr("Added your own resource %s") % _title_in(event.new, name)
    if action == "resource.edited":
        return tr("Edited your resource %s") % name
    if action == "resource.deleted":
        return tr("Removed your resource %s") % _title_in(event.old, name)
    if action == "time.logged":
        if name:
            return tr("Logged %s min on %s") % (event.new, name)
        return tr("Logged %s min of study") % (event.new,)
    if action == "profile.created":
        return tr("Started tracking")
    return _describe_more(event, name) or (
        action.replace(".", " ").replace("_", " ").capitalize() + (f" {name}" if name else "")
    )


def _title_in(value: Any, fallback: str) -> str:
    return isolate(str(value.get("title", fallback))) if isinstance(value, dict) else fallback


def _describe_more(event: EventView, name: str) -> str | None:
    """Wording for the study log, revisits, the comparison and data transfers."""
    action = event.action
    on = (tr(" on %s") % name) if name else ""
    if action == "timer.started":
        return tr("Started the study timer") + on
    if action == "timer.stopped":
        return tr("Stopped the study timer") + on
    if action == "timer.discarded":
        return tr("Discarded the study timer") + on
    if action == "time.edited":
        return tr("Edited a study log entry") + on
    if action == "time.deleted":
        return tr("Deleted a study log entry") + on
    if action == "time.restored":
        return tr("Restored a study log entry") + on
    if action == "prerequisite.revisit_scheduled":
        if event.new is None:
            return tr("No revisit needed for %s") % name
        return tr("Scheduled a revisit of %s for %s") % (name, event.new)
    if action == "prerequisite.revisited":
        return tr("Revisited %s") % name
    if action == "situation.changed":
        return tr("Updated your situation")
    if action == "situation.weights":
        return tr("Changed what matters to you in the comparison")
    if action == "offer.added":
        return tr("Added the offer %s") % _title_in(event.new, name)
    if action == "offer.edited":
        return tr("Edited the offer %s") % _title_in(event.new, name)
    if action == "offer.deleted":
        return tr("Removed the offer %s") % _title_in(event.old, name)
    if action == "decision.made":
        return tr("Chose %s as the way to learn") % _title_in(event.new, name)
    if action == "decision.cleared":
        return tr("Cleared your choice of how to learn")
    if action == "progress.imported":
        return tr("Imported progress from another machine")
    return None


def when(at: datetime, now: datetime | None = None) -> str:
    """A short local time: '14:32' today, 'Mon 14:32' this week, else '3 Nov'."""
    local = at.replace(tzinfo=UTC).astimezone()
    now = now or datetime.now().astimezone()
    if local.date() == now.date():
        return local.strftime("%H:%M")
    if (now.date() - local.date()).days < 7:
        return local.strftime("%a %H:%M")
    return f"{local.day} {local.strftime('%b')}"


class DashboardPage(Page):
    """The first page: readiness, sections, next up, recent activity.

    The grid: readiness (0, 0), next up (1, 0), progress by section (3, 0), recent activity
    (3, 1). ``add_card(widget, row, column, row_span, column_span)`` fills the rest, and
    ``extra_refresh`` callbacks run on every refresh: issue 6 (``ProgressCards``) adds the
    forecast (0, 1), the timer and revisits due (1, 1) and the charts (row 2, both columns).
    """

    title = "Dashboard"
    step_requested = Signal(str, str)  # (item kind, slug)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.extra_refresh: list[Any] = []
        self.summary: ProgressSummary | None = None
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
            tr("Dashboard"), tr("Loading your progress…")
        )
        layout.addWidget(header)

        self.grid = QGridLayout()
        self.grid.setSpacing(16)
        layout.addLayout(self.grid, 1)

        # readiness
        self.readiness_card = Card(tr("Ready to start?"))
        row = QHBoxLayout()
        self.readiness_number = PlainLabel("0/0")
        self.readiness_number.setObjectName("BigNumber")
        self.readiness_number.setAccessibleName(tr("Required prerequisites done"))
        row.addWidget(self.readiness_number)
        self.readiness_text = muted()
        self.readiness_text.setAccessibleName(tr("Readiness"))
        row.addWidget(self.readiness_text, 1)
        self.readiness_card.body.addLayout(row)
        self.readiness_bar = QProgressBar()
        self.readiness_bar.setAccessibleName(tr("Readiness progress"))
        self.readiness_bar.setTextVisible(False)
        self.readiness_card.body.addWidget(self.readiness_bar)
        self.totals_label = muted()
        self.totals_label.setAccessibleName(tr("Totals"))
        self.readiness_card.body.addWidget(self.totals_label)

        # sections
        self.sections_card = Card(tr("Progress by section"))
        self.sections_grid = QGridLayout()
        self.sections_grid.setHorizontalSpacing(14)
        self.sections_grid.setVerticalSpacing(8)
        self.sections_grid.setColumnStretch(1, 1)
        self.sections_card.body.addLayout(self.sections_grid)

        # next up
        self.next_card = Card(tr("Next up"))
        self.next_list = QListWidget()
        self.next_list.setAccessibleName(tr("Next up"))
        self.next_list.setToolTip(tr("Press Enter or double-click to go there"))
        self.next_list.itemActivated.connect(self._step_activated)
        self.next_list.setMinimumHeight(260)
        self.next_list.setObjectName("CardList")
        self.next_list.setWordWrap(True)
        self.next_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.next_card.body.addWidget(self.next_list)

        # activity
        self.activity_card = Card(tr("Recent activity"))
        self.activity_list = QListWidget()
        self.activity_list.setAccessibleName(tr("Recent activity"))
        self.activity_list.setMinimumHeight(260)
        self.activity_list.setObjectName("CardList")
        self.activity_list.setWordWrap(True)
        self.activity_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.activity_list.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.activity_card.body.addWidget(self.activity_list)

        self.grid.addWidget(self.readiness_card, 0, 0)
        self.grid.addWidget(self.next_card, 1, 0)
        self.grid.addWidget(self.sections_card, 3, 0)
        self.grid.addWidget(self.activity_card, 3, 1)
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1)
        self.grid.setRowStretch(1, 1)
        self.progress = ProgressCards(self)  # issue 6: forecast, timer, revisits, charts

    def add_card(
        self, widget: QWidget, row: int, column: int, row_span: int = 1, column_span: int = 1
    ) -> None:
        """Put a card in the dashboard's grid (see the class docstring for what is where)."""
        self.grid.addWidget(widget, row, column, row_span, column_span)

    def refresh(self) -> None:
        services = self.context.services
        path = self.context.path_slug
        summary = services.progress.summary(path)
        self.summary = summary  # extra_refresh callbacks read it instead of asking again
        checklist = services.checklist.checklist(path)
        path_title = isolate(
            next((p.title for p in services.packs.paths() if p.slug == path), path)
        )
        self.title_label.setText(tr("Your %s path") % path_title)
        hours, minutes = divmod(summary.minutes_logged, 60)
        self.subtitle_label.setText(
            tr("%d of %d skills ticked · %d resources done, %d in progress · %s studied")
            % (
                summary.skills.done,
                summary.skills.total,
                summary.resources.done,
                summary.resources_in_progress,
                f"{hours} h {minutes:02d} min" if hours else f"{minutes} min",
            )
        )
        required = summary.required
        self.readiness_number.setText(f"{required.done}/{required.total}")
        if summary.ready:
            text = tr("All required prerequisites are done. You're ready to start %s!") % path_title
        else:
            missing = required.total - required.done
            text = tr("required prerequisites done before learning %s. %d to go.") % (
                path_title,
                missing,
            )
        self.readiness_text.setText(text)
        self.readiness_bar.setMaximum(max(required.total, 1))
        self.readiness_bar.setValue(required.done)
        self.totals_label.setText(
            tr("Skills: %d/%d   ·   Resources done: %d/%d")
            % (
                summary.skills.done,
                summary.skills.total,
                summary.resources.done,
                summary.resources.total,
            )
        )
        self._fill_sections(summary.sections, {i.title: i.required for i in checklist.items})
        titles = {item.slug: item.title for item in checklist.all_items()}
        self._fill_next(services.progress.next_up(path, limit=8))
        self.activity_list.clear()
        events = services.progress.recent_events(limit=12, path_slug=path)
        named = {e.item_slug for e in events if e.item_kind == "resource" and e.item_slug}
        titles.update({r.slug: r.title for r in services.catalog.resources(path, slugs=named)})
        for event in events:
            entry = QListWidgetItem(f"{describe_event(event, titles)}\n{when(event.at)}")
            self.activity_list.addItem(entry)
        if not events:
            self.activity_list.addItem(tr("Nothing yet. Tick a skill you know to get started."))
        for callback in self.extra_refresh:
            callback()
        self.scroll_area.fit_content()

    def _fill_sections(self, sections: Any, required: dict[str, bool]) -> None:
        while self.sections_grid.count():
            child = self.sections_grid.takeAt(0)
            widget = child.widget() if child is not None else None
            if widget is not None:
                widget.deleteLater()
        for row, (title, count) in enumerate(sections):
            shown = isolate(title)
            label = PlainLabel(
                shown if required.get(title, True) else f"{shown}  ·  {tr('optional')}"
            )
            label.setObjectName("" if required.get(title, True) else "Muted")
            bar = QProgressBar()
            bar.setTextVisible(False)
            bar.setMaximum(max(count.total, 1))
            bar.setValue(count.done)
            bar.setMaximumHeight(10)
            bar.setAccessibleName(tr("%s progress") % shown)
            figure = muted(f"{count.done}/{count.total}")
            figure.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.sections_grid.addWidget(label, row, 0)
            self.sections_grid.addWidget(bar, row, 1)
            self.sections_grid.addWidget(figure, row, 2)

    def _fill_next(self, steps: Any) -> None:
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
            self.next_list.addItem(tr("Nothing left: every prerequisite is done."))

    def _step_activated(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if data:
            self.step_requested.emit(data[0], data[1])
