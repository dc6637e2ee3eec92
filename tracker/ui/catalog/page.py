"""The catalog page: filterable, searchable table of resources with a detail pane."""

from __future__ import annotations

import uuid

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tracker import formatting
from tracker.domain.changes import Kind, OpChanges
from tracker.domain.study import TimerView
from tracker.domain.views import ResourceView
from tracker.errors import TrackerError
from tracker.ui.catalog.detail import ResourceDetail
from tracker.ui.catalog.filters import CatalogFilterBar
from tracker.ui.catalog.table import resource_table
from tracker.ui.dashboard.timer_control import TimerButton, TimerControl
from tracker.ui.models.catalog import (
    CatalogTableModel,
    PreparedRows,
    prepare_rows,
)
from tracker.ui.shell.context import AppContext
from tracker.ui.tasks import show_crash
from tracker.ui.widgets.common import heading, muted
from tracker.ui.widgets.page import Page
from tracker.ui.widgets.safe_text import (
    PlainLabel,
    open_web_url,
)

NOTES_DEBOUNCE_MS = 500
FIRST_SCREEN_ROWS = 200


class CatalogPage(Page):
    """Browse and filter resources; set status, rating and notes (each an undo step)."""

    title = "Catalog"
    shows = frozenset({Kind.CATALOG, Kind.PACKS, Kind.STUDY, Kind.TIMER})
    resource_selected = Signal(str)
    fully_loaded = Signal()  # every row is in memory (search filters in memory from now)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model = CatalogTableModel(self)
        # a bigger catalog shows this many rows at once and loads the rest in the background
        self.first_screen_rows = FIRST_SCREEN_ROWS
        self._complete = False
        self._stamp: tuple[object, ...] = ()
        self._loaded_path = ""
        self._learner: dict[str, tuple[object, ...]] = {}
        self._generation = 0
        self._preview_matches = 0
        self._load_again = False
        self._described_last: tuple[ResourceView | None, ResourceView | None] = (None, None)
        self._loading = False  # a load is on the task runner (it reads on its own connection)
        self._selected_slug = ""
        self._notes_session = 0  # a stretch of typing in the notes box: one undo step
        self._notes_sessions_of = uuid.uuid4().hex[:12]  # this page's, not another run's
        self._notes_slug = ""
        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(NOTES_DEBOUNCE_MS)
        self._notes_timer.timeout.connect(self.save_notes)
        context.flush_requested.connect(self.save_notes)
        context.path_changed.connect(lambda _slug: self._select_slug(""))

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 12)
        outer.setSpacing(12)
        header = QHBoxLayout()
        title_box = QVBoxLayout()
        title_box.setSpacing(2)
        title_box.addWidget(heading(self.tr("Catalog"), "PageTitle"))
        self.count_label = PlainLabel()
        self.count_label.setObjectName("PageSubtitle")
        self.count_label.setAccessibleName(self.tr("How many resources are shown"))
        title_box.addWidget(self.count_label)
        header.addLayout(title_box, 1)
        self.add_button = QPushButton(self.tr("Add my own resource…"))
        self.add_button.setAccessibleName(self.tr("Add my own resource"))
        self.add_button.clicked.connect(self.add_own_resource)
        header.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignBottom)
        outer.addLayout(header)

        self.filter_bar = CatalogFilterBar()
        self.search_edit = self.filter_bar.search_edit
        self.kind_combo = self.filter_bar.kind_combo
        self.price_combo = self.filter_bar.price_combo
        self.format_combo = self.filter_bar.format_combo
        self.level_combo = self.filter_bar.level_combo
        self.status_combo = self.filter_bar.status_combo
        self.search_edit.textChanged.connect(self._search_changed)
        self.filter_bar.filters_changed.connect(self._filters_changed)
        outer.addWidget(self.filter_bar)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("CatalogSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.table = resource_table(self.model)
        self.table.setAccessibleName(self.tr("Resources"))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.splitter.addWidget(self.table)

        self.detail = ResourceDetail()
        self.detail.status_chosen.connect(self.set_status)
        self.detail.rating_chosen.connect(self.set_rating)
        self.detail.open_requested.connect(self.open_selected)
        self.detail.notes_edit.textChanged.connect(self._notes_typed)
        self.detail.notes_edit.installEventFilter(self)
        self.detail.setMinimumHeight(230)
        self.timer_button = TimerButton(context)
        self.detail.timer_slot.addWidget(self.timer_button)
        self._running_timer: TimerView | None = None
        self.splitter.addWidget(self.detail)
        self.splitter.setHandleWidth(12)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([430, 290])
        outer.addWidget(self.splitter, 1)
        self.empty_label = muted(self.tr("No resource matches. Clear the search or the filters."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()
        outer.addWidget(self.empty_label)
        self.detail.show_view(None)
        self.setTabOrder(self.status_combo, self.table)

    def filter_combos(self) -> list[QComboBox]:
        return self.filter_bar.combos()

    # --- reading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show what is stored, read in one snapshot, as little as the change needs.

        - First fill (or a new path, an import, an own resource added): a catalog of up to
          ``first_screen_rows`` rows loads at once; a bigger one shows its first rows at once
          and loads the rest on the loader thread (search meanwhile asks the database,
          ``CatalogService.search``), then switches to the in-memory filter.
        - After a learner change (a status click, a rating, a note, time studied, an undo):
          only the rows whose learner state changed are read and updated in place.
        """
        with self.context.services.snapshot():
            self._refresh()

    def _refresh(self) -> None:
        path = self.context.path_slug
        self._running_timer = TimerControl.of(self.context).running()
        same_path = path == self._loaded_path
        snapshot = self.context.services.catalog.snapshot(
            path,
            first=self.first_screen_rows,
            known_stamp=self._stamp if same_path else (),
            known_learner=self._learner if same_path and self._complete else None,
        )
        if not snapshot.fresh:  # the same catalog: the rows whose learner state changed
            self._learner = snapshot.learner
            self._show_changed_rows(snapshot.rows)
            return
        first = snapshot.rows[: self.first_screen_rows]
        if same_path and snapshot.stamp == self._stamp:
            # still loading, and the load in flight is still right: what changed meanwhile
            # is fixed on arrival
            self._show_preview(None if self.search_edit.text().strip() else first)
            return
        self._stamp = snapshot.stamp
        self._loaded_path = path
        self._generation += 1
        self._learner = snapshot.learner
        if len(snapshot.rows) <= self.first_screen_rows:  # that is every row: a small catalog
            self.model.set_rows(snapshot.rows)
            self._complete = True
            self._after_reset()
            self.fully_loaded.emit()
            return
        self._complete = False
        self._show_preview(first)
        self._start_load()

    def _start_load(self) -> None:
        """Load every row on the loader thread; one load at a time, the newest wins."""
        if self._loading:  # an older load: dropped when it arrives, then this one starts
            self._load_again = True
            return
        self._load_again = False
        generation = self._generation
        catalog = self.context.services.catalog
        path = self.context.path_slug

        def load() -> object:  # on the loader thread: no Qt here
            texts: list[str] = []  # views without descriptions: each held once, in its text
            return generation, prepare_rows(catalog.resources(path, texts=texts), texts)

        self._loading = True
        self.context.tasks.run(load, self._loaded, self._load_failed)

    def reload(self) -> None:
        """Read every row again, as on first show (a big catalog loads in the background)."""
        self._stamp = ()
        self.refresh()

    @property
    def is_loading(self) -> bool:
        """True while the full catalog is loading in the background (search asks the database)."""
        return not self._complete

    def wait_for_loading(self) -> None:
        """Block until a background load has finished and its rows are shown (tests, close)."""
        while self._loading:
            self.context.tasks.wait()
            QCoreApplication.processEvents()

    def stop_loading(self) -> None:
        """Drop a background load (the window is closing): wait for its thread, ignore its rows."""
        self._generation += 1
        self.context.tasks.wait()

    def _loaded(self, result: object) -> None:
        self._loading = False
        assert isinstance(result, tuple)
        generation, prepared = result
        assert isinstance(prepared, PreparedRows)
        if generation != self._generation or not self.context.is_open:
            if self._load_again and self.context.is_open:
                self._start_load()  # a newer load (another path, an import) replaces it
            return
        self.model.set_prepared(prepared)
        self._complete = True
        self.model.set_search(self.search_edit.text())
        self._after_reset()
        # a change made while loading is in the database but maybe not in these rows
        self._update_changed_rows()
        self.fully_loaded.emit()

    def _show_preview(self, first: list[ResourceView] | None = None) -> None:
        """While loading: the first rows, or the database search's first matches."""
        services = self.context.services
        path = self.context.path_slug
        text = self.search_edit.text().strip()
        with services.snapshot():
            if text:
                slugs = services.catalog.search(path, text)
                self._preview_matches = len(slugs)
                rows = services.catalog.resources(path, slugs=slugs[: self.first_screen_rows])
            else:
                rows = first or services.catalog.resources(path, limit=self.first_screen_rows)
        self.model.set_rows(rows)
        self.model.set_search("")  # the rows are already the matches
        self._after_reset()

    def show_changes(self, changes: OpChanges) -> None:
        """A change the page shows: the timer alone updates its button; anything else reads
        the snapshot, which holds only the changed rows when the catalog's content is as it
        was (a status click, a note, time logged, their undo)."""
        if changes.kinds == {Kind.TIMER}:
            self._running_timer = TimerControl.of(self.context).running()
            self._show_selected(self._selected_view())
            return
        self.refresh()

    def _update_changed_rows(self) -> None:
        """After a background load: the rows whose stored learner state differs from the
        loaded rows (a change made while loading is in the database, maybe not in them)."""
        catalog = self.context.services.catalog
        path = self.context.path_slug
        state = catalog.learner_state(path)
        changed = {s for s in {*state, *self._learner} if state.get(s) != self._learner.get(s)}
        changed |= {
            slug
            for slug, values in state.items()
            if (view := self.model.view_of(slug)) is not None
            and (view.status, view.rating, view.notes, view.minutes_spent) != values
        }
        self._learner = state
        self._show_changed_rows(catalog.resources(path, slugs=changed) if changed else [])

    def _show_changed_rows(self, rows: list[ResourceView]) -> None:
        """Replace these rows in place (all rows again if one is unknown to the table)."""
        if rows and not self.model.update_rows(rows):
            self.model.set_rows(self.context.services.catalog.resources(self.context.path_slug))
        self._after_reset()

    def _after_reset(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count()
        if not self._complete:
            self.count_label.setText(
                self.tr("Matches: %s · loading the catalog…") % f"{self._preview_matches:,}"
                if self.search_edit.text().strip()
                else self.tr("The first %s · loading the catalog…")
                % formatting.counted(shown, "resource")
            )
        elif shown == total:
            self.count_label.setText(formatting.counted(total, "resource"))
        else:
            self.count_label.setText(
                self.tr("%s of %s") % (f"{shown:,}", formatting.counted(total, "resource"))
            )
        self.empty_label.setVisible(shown == 0 and total > 0)
        row = self.model.row_of(self._selected_slug) if self._selected_slug else -1
        if row >= 0:
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self._show_selected(self.model.view_at(row))
        else:
            self._show_selected(self._selected_view())

    def _load_failed(self, exc: BaseException) -> None:
        self._loading = False
        if not isinstance(exc, TrackerError):
            show_crash(exc)
            return
        self.count_label.setText(self.tr("The catalog could not be read: %s") % exc)

    def _selected_view(self) -> ResourceView | None:
        return self.model.view_of(self._selected_slug) if self._selected_slug else None

    def _show_selected(self, view: ResourceView | None) -> None:
        notes = self.detail.notes_edit
        blocked = notes.blockSignals(True)
        try:
            self.detail.show_view(self._described(view))
            typing = self._notes_timer.isActive() and view is not None
            if view is None:
                notes.setPlainText("")
            elif typing and self._notes_slug == view.slug:
                pass  # keep what the learner is typing; the timer saves it
            elif view.notes != notes.toPlainText() or self._notes_slug != view.slug:
                notes.setPlainText(view.notes)
        finally:
            notes.blockSignals(blocked)
        self._notes_slug = view.slug if view else ""
        self.timer_button.show_state(("resource", view.slug) if view else None, self._running_timer)

    def _described(self, view: ResourceView | None) -> ResourceView | None:
        """``view`` with its description and URL: a big catalog's rows leave those out."""
        if view is None or (view.description and view.url) or not self.context.is_open:
            return view
        if self._described_last[0] is not view:
            try:
                full = self.context.services.catalog.resource(self.context.path_slug, view.slug)
            except TrackerError:
                full = view
            self._described_last = (view, full)
        return self._described_last[1]

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        view = self.model.view_at(current.row())
        if view.slug != self._selected_slug:
            self.save_notes()
            self._notes_session += 1
            self._selected_slug = view.slug
            self._show_selected(view)
            self.resource_selected.emit(view.slug)

    def _select_slug(self, slug: str) -> None:
        self._selected_slug = slug

    def select_resource(self, slug: str) -> bool:
        """Show ``slug`` (clearing filters that hide it); used by 'teaches this' links."""
        self.ensure_fresh()
        if self.model.row_of(slug) < 0:
            self.clear_filters()
        row = self.model.row_of(slug)
        if row < 0:
            return False
        self.save_notes()
        self._notes_session += 1
        self._selected_slug = slug
        self._after_reset()
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def clear_filters(self) -> None:
        self.filter_bar.clear()

    # --- filtering --------------------------------------------------------------------------

    def _search_changed(self, text: str) -> None:
        if not self._complete and self.context.is_open and self._loaded_path:
            self._show_preview()
            return
        self.model.set_search(text)
        self._after_reset()

    def _filters_changed(self) -> None:
        self.model.set_filter(self.filter_bar.chosen(self.model.current_filter.search))
        self._after_reset()

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    # --- changing ---------------------------------------------------------------------------

    def selected_view(self) -> ResourceView | None:
        return self._selected_view()

    def set_status(self, status: str) -> None:
        view = self._selected_view()
        if view is None:
            return
        new = None if view.status == status else status  # clicking the current one clears it
        path, catalog = self.context.path_slug, self.context.services.catalog
        self.context.run(lambda: catalog.set_status(path, view.slug, new))

    def set_rating(self, rating: int) -> None:
        view = self._selected_view()
        if view is None:
            return
        path, catalog = self.context.path_slug, self.context.services.catalog
        self.context.run(lambda: catalog.set_rating(path, view.slug, rating or None))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.detail.notes_edit and event.type() == QEvent.Type.FocusOut:
            # leaving the notes box ends an editing session: the next typing is a new undo step
            self.save_notes()
            self._notes_session += 1
        return super().eventFilter(watched, event)

    def _notes_typed(self) -> None:
        if self._notes_slug:
            self._notes_timer.start()

    def save_notes(self) -> None:
        """Save typed notes now (the debounce timer, a selection change, undo and close call it)."""
        self._notes_timer.stop()
        view = self._selected_view()
        if view is None or view.slug != self._notes_slug:
            return
        text = self.detail.notes_edit.toPlainText()
        if text == view.notes:
            return
        path, catalog = self.context.path_slug, self.context.services.catalog
        session = f"{self._notes_sessions_of}:{self._notes_session}"
        self.context.run(lambda: catalog.set_notes(path, view.slug, text, typing_session=session))

    def open_selected(self) -> None:
        view = self._described(self._selected_view())
        if view is not None:
            open_web_url(view.url)

    def add_own_resource(self) -> None:
        from tracker.ui.widgets.dialogs import AddResourceDialog

        dialog = AddResourceDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.add_resource_fields(dialog.fields()))
        dialog.open()

    def add_resource_fields(self, fields: dict[str, object]) -> str:
        """Add the learner's own resource and show it; its slug, or "" if it was refused."""
        path, catalog = self.context.path_slug, self.context.services.catalog
        slug = self.context.run(lambda: catalog.add_own_resource(path, fields))
        if slug is None:
            return ""
        self.select_resource(slug)
        return slug
