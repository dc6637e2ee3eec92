"""The prerequisites page: the checklist tree, a readiness counter, and the selected skill."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from tracker import formatting
from tracker.domain.changes import Kind
from tracker.domain.study import TimerView
from tracker.domain.views import Checklist, ChecklistItem, ResourceView
from tracker.ui.dashboard.timer_control import TimerButton
from tracker.ui.models.checklist import ChecklistTreeModel
from tracker.ui.shell.context import AppContext
from tracker.ui.widgets.common import heading, muted
from tracker.ui.widgets.labels import STATUS_LABELS, humanize
from tracker.ui.widgets.page import Page
from tracker.ui.widgets.safe_text import (
    PlainLabel,
    SafeTextBrowser,
    is_web_url,
    isolate,
    plain_tooltip,
)

CONFIDENCE_LABELS = (
    "Not rated",
    "1 – I've only heard of it",
    "2 – Shaky",
    "3 – Getting there",
    "4 – Comfortable",
    "5 – Could teach it",
)


def teaching_resources(item: ChecklistItem, resources: list[ResourceView]) -> list[ResourceView]:
    """The item's ``teaches_with`` resources first, then every resource whose ``teaches`` has it."""
    by_slug = {r.slug: r for r in resources}
    chosen = [by_slug[slug] for slug in item.teaches_with if slug in by_slug]
    seen = {r.slug for r in chosen}
    slugs = {entry.slug for entry in item.walk()}
    for resource in resources:
        if resource.slug not in seen and slugs.intersection(resource.teaches):
            chosen.append(resource)
            seen.add(resource.slug)
    return chosen


def link_html(link: str) -> str:
    """An evidence link as HTML: an anchor for an http(s) link, escaped text for anything else."""
    if is_web_url(link):
        return f'<a href="{escape(link, quote=True)}">{escape(link)}</a>'
    return escape(link)


class SkillDetail(QWidget):
    """Description, estimate, confidence, evidence links and the resources that teach it."""

    confidence_chosen = Signal(object)
    evidence_added = Signal(str)
    evidence_cleared = Signal()
    resource_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(QCoreApplication.translate("PrerequisitesPage", "Skill details"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 4, 6, 8)
        layout.setSpacing(10)
        self.title_label = heading("", "PageTitle")
        self.title_label.setStyleSheet("font-size: 19px;")
        layout.addWidget(self.title_label)
        badges = QHBoxLayout()
        self.kind_badge = PlainLabel()
        self.kind_badge.setAccessibleName(
            QCoreApplication.translate("PrerequisitesPage", "Required or recommended")
        )
        self.kind_badge.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.estimate_label = muted()
        self.estimate_label.setAccessibleName(
            QCoreApplication.translate("PrerequisitesPage", "Estimate")
        )
        badges.addWidget(self.kind_badge)
        badges.addWidget(self.estimate_label, 1)
        layout.addLayout(badges)
        self.description = SafeTextBrowser(max_height=200)
        self.description.setAccessibleName(
            QCoreApplication.translate("PrerequisitesPage", "Description")
        )
        layout.addWidget(self.description)
        self.timer_slot = QHBoxLayout()  # the page puts its study-timer button here
        layout.addLayout(self.timer_slot)

        confidence_row = QHBoxLayout()
        confidence_row.addWidget(
            heading(QCoreApplication.translate("PrerequisitesPage", "Confidence"))
        )
        self.confidence_combo = QComboBox()
        self.confidence_combo.setAccessibleName(
            QCoreApplication.translate("PrerequisitesPage", "Confidence")
        )
        for value, label in enumerate(CONFIDENCE_LABELS):
            self.confidence_combo.addItem(
                QCoreApplication.translate("PrerequisitesPage", label), value or None
            )
        self.confidence_combo.activated.connect(
            lambda _i: self.confidence_chosen.emit(self.confidence_combo.currentData())
        )
        confidence_row.addWidget(self.confidence_combo, 1)
        layout.addLayout(confidence_row)

        layout.addWidget(heading(QCoreApplication.translate("PrerequisitesPage", "Evidence")))
        self.evidence_view = SafeTextBrowser(max_height=120)
        self.evidence_view.setAccessibleName(
            QCoreApplication.translate("PrerequisitesPage", "Evidence links")
        )
        layout.addWidget(self.evidence_view)
        evidence_row = QHBoxLayout()
        self.evidence_edit = QLineEdit()
        self.evidence_edit.setPlaceholderText(
            QCoreApplication.translate(
                "PrerequisitesPage", "https://… a repo or project that shows it"
            )
        )
        self.evidence_edit.setAccessibleName(
            QCoreApplication.translate("PrerequisitesPage", "New evidence link")
        )
        self.evidence_edit.returnPressed.connect(self._add_evidence)
        self.add_evidence_button = QPushButton(
            QCoreApplication.translate("PrerequisitesPage", "Add link")
        )
        self.add_evidence_button.setAccessibleName(
            QCoreApplication.translate("PrerequisitesPage", "Add evidence link")
        )
        self.add_evidence_button.clicked.connect(self._add_evidence)
        self.clear_evidence_button = QPushButton(
            QCoreApplication.translate("PrerequisitesPage", "Clear")
        )
        self.clear_evidence_button.setAccessibleName(
            QCoreApplication.translate("PrerequisitesPage", "Clear evidence links")
        )
        self.clear_evidence_button.clicked.connect(self.evidence_cleared)
        evidence_row.addWidget(self.evidence_edit, 1)
        evidence_row.addWidget(self.add_evidence_button)
        evidence_row.addWidget(self.clear_evidence_button)
        layout.addLayout(evidence_row)

        layout.addWidget(heading(QCoreApplication.translate("PrerequisitesPage", "Learn it with")))
        self.resources_list = QListWidget()
        self.resources_list.setAccessibleName(
            QCoreApplication.translate("PrerequisitesPage", "Resources that teach this skill")
        )
        self.resources_list.setToolTip(
            QCoreApplication.translate(
                "PrerequisitesPage", "Double-click or press Enter to open it in the catalog"
            )
        )
        self.resources_list.itemActivated.connect(
            lambda item: self.resource_requested.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self.resources_list.setMinimumHeight(110)
        self.resources_list.setMaximumHeight(240)
        layout.addWidget(self.resources_list)
        layout.addStretch(1)

    def show_item(self, item: ChecklistItem | None, resources: list[ResourceView]) -> None:
        self.setEnabled(item is not None)
        self.resources_list.clear()
        if item is None:
            self.title_label.setText(
                QCoreApplication.translate("PrerequisitesPage", "Pick a skill")
            )
            self.kind_badge.setText("")
            self.estimate_label.setText(
                QCoreApplication.translate(
                    "PrerequisitesPage", "Select a skill in the list to see what it covers."
                )
            )
            self.description.setMarkdown("")
            self.evidence_view.setHtml("")
            return
        self.title_label.setText(item.title)
        self.kind_badge.setText(
            QCoreApplication.translate("PrerequisitesPage", "Required")
            if item.required
            else QCoreApplication.translate("PrerequisitesPage", "Recommended")
        )
        self.kind_badge.setObjectName("Badge" if item.required else "BadgeMuted")
        self.kind_badge.style().unpolish(self.kind_badge)
        self.kind_badge.style().polish(self.kind_badge)
        self.kind_badge.updateGeometry()
        parts = []
        if item.estimate_hours is not None:
            parts.append(
                QCoreApplication.translate("PrerequisitesPage", "about %s h")
                % f"{item.estimate_hours:g}"
            )
        if item.children:
            parts.append(
                QCoreApplication.translate("PrerequisitesPage", "%d of %d sub-skills done")
                % (item.done_children, len(item.children))
            )
        elif item.done:
            parts.append(QCoreApplication.translate("PrerequisitesPage", "done"))
        self.estimate_label.setText("  ·  ".join(parts))
        self.description.setMarkdown(
            item.description or QCoreApplication.translate("PrerequisitesPage", "*No description.*")
        )
        self.confidence_combo.setCurrentIndex(item.confidence or 0)
        self.evidence_view.setHtml(
            "<br>".join(link_html(link) for link in item.evidence)
            or escape(
                QCoreApplication.translate(
                    "PrerequisitesPage",
                    "No links yet: add a repo or project that shows this skill.",
                )
            )
        )
        for resource in resources:
            status = STATUS_LABELS.get(resource.status, "")
            suffix = (
                f"   ·   {QCoreApplication.translate('PrerequisitesPage', status)}"
                if resource.status
                else ""
            )
            entry = QListWidgetItem(
                f"{isolate(resource.title)}   ({humanize(resource.kind)}){suffix}"
            )
            entry.setData(Qt.ItemDataRole.UserRole, resource.slug)
            entry.setToolTip(plain_tooltip(resource.provider))
            self.resources_list.addItem(entry)
        if not resources:
            empty = QListWidgetItem(
                QCoreApplication.translate(
                    "PrerequisitesPage", "No resource in the catalog teaches this yet."
                )
            )
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.resources_list.addItem(empty)

    def _add_evidence(self) -> None:
        link = self.evidence_edit.text().strip()
        if link:
            self.evidence_added.emit(link)


class PrerequisitesPage(Page):
    """Tick what you know; each tick is saved at once and is one undo step."""

    title = "Prerequisites"
    shows = frozenset({Kind.CHECKLIST, Kind.CATALOG, Kind.STUDY, Kind.TIMER, Kind.PACKS})
    resource_requested = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model = ChecklistTreeModel(self)
        self.model.check_requested.connect(self.set_done)
        self._checklist: Checklist | None = None
        self._resources: list[ResourceView] = []
        self._selected_slug = ""

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 12)
        outer.setSpacing(12)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.title_label = heading(
            QCoreApplication.translate("PrerequisitesPage", "Before Learning"), "PageTitle"
        )
        self.title_label.setAccessibleName(
            QCoreApplication.translate("PrerequisitesPage", "Readiness")
        )
        titles.addWidget(self.title_label)
        self.subtitle_label = PlainLabel(
            QCoreApplication.translate(
                "PrerequisitesPage", "Tick what you already know. Sub-skills add up to their skill."
            )
        )
        self.subtitle_label.setObjectName("PageSubtitle")
        titles.addWidget(self.subtitle_label)
        header.addLayout(titles, 1)
        counter = QVBoxLayout()
        self.counter_label = PlainLabel("0/0")
        self.counter_label.setObjectName("BigNumber")
        self.counter_label.setAccessibleName(
            QCoreApplication.translate("PrerequisitesPage", "Required prerequisites done")
        )
        self.counter_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.counter_caption = muted(
            QCoreApplication.translate("PrerequisitesPage", "required done")
        )
        self.counter_caption.setAlignment(Qt.AlignmentFlag.AlignRight)
        counter.addWidget(self.counter_label)
        counter.addWidget(self.counter_caption)
        header.addLayout(counter)
        outer.addLayout(header)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(
            QCoreApplication.translate("PrerequisitesPage", "Readiness progress")
        )
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        outer.addWidget(self.progress)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("PrerequisitesSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.tree = QTreeView()
        self.tree.setAccessibleName(
            QCoreApplication.translate("PrerequisitesPage", "Prerequisite checklist")
        )
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setIndentation(22)
        self.tree.setStyleSheet("QTreeView::item { padding: 5px 2px; }")
        header_view = self.tree.header()
        header_view.setStretchLastSection(False)
        header_view.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header_view.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header_view.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header_view.resizeSection(1, 120)
        header_view.resizeSection(2, 80)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.splitter.addWidget(self.tree)
        self.detail = SkillDetail()
        self.detail.confidence_chosen.connect(self.set_confidence)
        self.detail.evidence_added.connect(self.add_evidence)
        self.detail.evidence_cleared.connect(self.clear_evidence)
        self.detail.resource_requested.connect(self.resource_requested)
        self.timer_button = TimerButton(context)
        self.detail.timer_slot.addWidget(self.timer_button)
        self._running_timer: TimerView | None = None
        self._minutes_spent: dict[tuple[str, str], int] = {}
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.detail)
        scroll.setMinimumWidth(340)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([640, 460])
        outer.addWidget(self.splitter, 1)
        self.detail.show_item(None, [])

    def refresh(self) -> None:
        services = self.context.services
        path = self.context.path_slug
        with services.snapshot():
            checklist = services.checklist.checklist(path)
            # only what a "learn it with" list can show: resources teaching something, or named
            named = {slug for item in checklist.all_items() for slug in item.teaches_with}
            teaching = services.catalog.resources(path, teaching=True)
            known = {r.slug for r in teaching}
            self._resources = teaching + [
                r for r in services.catalog.resources(path, slugs=named) if r.slug not in known
            ]
            self._running_timer = services.studylog.running_timer()
            self._minutes_spent = services.studylog.minutes_by_item(path)
        self._checklist = checklist
        title = self.context.path_title()
        first_fill = self.model.rowCount() == 0
        self.model.set_checklist(checklist)
        if first_fill:
            self.tree.expandAll()
        required = checklist.required
        self.title_label.setText(
            QCoreApplication.translate("PrerequisitesPage", "Before Learning %s") % isolate(title)
        )
        self.counter_label.setText(f"{required.done}/{required.total}")
        self.progress.setMaximum(max(required.total, 1))
        self.progress.setValue(required.done)
        self.counter_caption.setText(
            QCoreApplication.translate("PrerequisitesPage", "required done — ready to start!")
            if required.done == required.total and required.total
            else QCoreApplication.translate("PrerequisitesPage", "required done")
        )
        if self._selected_slug and not self.tree.currentIndex().isValid():
            self.select_skill(self._selected_slug)
        self._show_selected()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.model.item(current)
        self._selected_slug = item.slug if item else ""
        self._show_selected()

    def _show_selected(self) -> None:
        item = self._checklist.find(self._selected_slug) if self._checklist else None
        resources = teaching_resources(item, self._resources) if item else []
        self.detail.show_item(item, resources)
        if item is not None:
            minutes = sum(
                self._minutes_spent.get(("prerequisite", entry.slug), 0) for entry in item.walk()
            )
            if minutes:
                spent = formatting.minutes(minutes)
                self.detail.estimate_label.setText(
                    "  ·  ".join(
                        part
                        for part in (
                            self.detail.estimate_label.text(),
                            QCoreApplication.translate("PrerequisitesPage", "%s studied") % spent,
                        )
                        if part
                    )
                )
        self.timer_button.show_state(
            ("prerequisite", item.slug) if item else None, self._running_timer
        )

    def select_skill(self, slug: str) -> None:
        self.ensure_fresh()
        index = self.model.index_of(slug)
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def selected_item(self) -> ChecklistItem | None:
        return self._checklist.find(self._selected_slug) if self._checklist else None

    def set_done(self, slug: str, done: bool) -> None:
        checklist = self.context.services.checklist
        self.context.run(lambda: checklist.set_done(self.context.path_slug, slug, done))

    def set_confidence(self, confidence: int | None) -> None:
        item = self.selected_item()
        if item is not None and item.confidence != confidence:
            checklist = self.context.services.checklist
            path = self.context.path_slug
            self.context.run(lambda: checklist.set_confidence(path, item.slug, confidence))

    def add_evidence(self, link: str) -> None:
        item = self.selected_item()
        if item is None:
            return
        checklist = self.context.services.checklist
        path = self.context.path_slug
        links = [*item.evidence, link]
        if self.context.run(lambda: checklist.set_evidence(path, item.slug, links)) is not None:
            self.detail.evidence_edit.clear()

    def clear_evidence(self) -> None:
        item = self.selected_item()
        if item is not None and item.evidence:
            checklist = self.context.services.checklist
            path = self.context.path_slug
            self.context.run(lambda: checklist.set_evidence(path, item.slug, []))
