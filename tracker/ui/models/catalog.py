"""The catalog table: immutable ResourceView rows, filtered and sorted in Python over prepared keys.

QSortFilterProxyModel's string filter costs ~300 ms per keystroke at 100k rows; filtering a list of
prepared lowercase haystacks costs a few ms. ``set_search_results`` takes the matches of a
database search instead (a catalog still loading).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from tracker import formatting
from tracker.domain.views import ResourceView, search_text
from tracker.ui.shell.theme import status_colors
from tracker.ui.widgets.labels import STATUS_LABELS, humanize
from tracker.ui.widgets.safe_text import plain_tooltip

ModelIndex = QModelIndex | QPersistentModelIndex

STATUS_ORDER = {"in-progress": 0, "planned": 1, None: 2, "done": 3, "skipped": 4}
LEVEL_ORDER = {"beginner": 0, "intermediate": 1, "advanced": 2, "all": 3}
NOT_STARTED = "not-started"


def format_cost(view: ResourceView) -> str:
    """``Free``, ``Varies`` (no price given) or the price: ``$49``, ``€12.50``."""
    if view.cost is None:
        return QCoreApplication.translate("CatalogTableModel", "Varies")
    if view.cost == 0:
        return QCoreApplication.translate("CatalogTableModel", "Free")
    return formatting.money(view.cost, view.currency)


def format_duration(view: ResourceView) -> str:
    """``6 wk · 10 h/wk``, ``6 wk``, ``2.5 h``, or ``—`` when the pack gives no duration."""
    if view.duration_weeks is not None:
        weeks = QCoreApplication.translate("CatalogTableModel", "%s wk") % formatting.hours(
            view.duration_weeks
        )
        if view.hours_per_week is not None:
            per_week = QCoreApplication.translate(
                "CatalogTableModel", "%s h/wk"
            ) % formatting.hours(view.hours_per_week)
            return f"{weeks} · {per_week}"
        return weeks
    if view.duration_hours is not None:
        return QCoreApplication.translate("CatalogTableModel", "%s h") % formatting.hours(
            view.duration_hours
        )
    return "—"


@dataclass(frozen=True)
class CatalogFilter:
    """The filter bar's choices; an empty string means 'any'."""

    kind: str = ""
    price: str = ""  # "free" | "paid" | ""
    format: str = ""
    level: str = ""
    status: str = ""  # a ResourceStatus value, NOT_STARTED, or ""
    search: str = ""

    def accepts(self, view: ResourceView) -> bool:
        if self.kind and view.kind != self.kind:
            return False
        if self.price == "free" and not view.is_free:
            return False
        if self.price == "paid" and view.is_free:
            return False
        if self.format and view.format != self.format:
            return False
        if self.level and view.level != self.level:
            return False
        if self.status == NOT_STARTED:
            return view.status is None
        return not (self.status and view.status != self.status)


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[ResourceView], str]
    key: Callable[[ResourceView], Any]
    align_right: bool = False


def _inf(value: float | None) -> float:
    return float("inf") if value is None else value


COLUMNS: tuple[Column, ...] = (
    Column(
        str(QT_TRANSLATE_NOOP("CatalogTableModel", "Title")),
        lambda v: v.title,
        lambda v: v.title.casefold(),
    ),
    Column(
        str(QT_TRANSLATE_NOOP("CatalogTableModel", "Kind")),
        lambda v: humanize(v.kind),
        lambda v: v.kind,
    ),
    Column(
        str(QT_TRANSLATE_NOOP("CatalogTableModel", "Provider")),
        lambda v: v.provider or "—",
        lambda v: v.provider.casefold(),
    ),
    Column(
        str(QT_TRANSLATE_NOOP("CatalogTableModel", "Cost")), format_cost, lambda v: _inf(v.cost)
    ),
    Column(
        str(QT_TRANSLATE_NOOP("CatalogTableModel", "Duration")),
        format_duration,
        lambda v: _inf(v.estimated_hours),
    ),
    Column(
        str(QT_TRANSLATE_NOOP("CatalogTableModel", "Format")),
        lambda v: humanize(v.format),
        lambda v: v.format,
    ),
    Column(
        str(QT_TRANSLATE_NOOP("CatalogTableModel", "Level")),
        lambda v: humanize(v.level),
        lambda v: LEVEL_ORDER.get(v.level, 9),
    ),
    Column(
        str(QT_TRANSLATE_NOOP("CatalogTableModel", "Status")),
        lambda v: QCoreApplication.translate("CatalogTableModel", STATUS_LABELS.get(v.status, "—")),
        lambda v: STATUS_ORDER[v.status],
    ),
)
STATUS_COLUMN = 7


def haystack(view: ResourceView) -> str:
    """The lowercase text a search looks through: title, provider, tags, description, notes."""
    return search_text(view.title, view.provider, view.tags, view.description, view.notes)


@dataclass
class PreparedRows:
    """Rows ready for the table: views, their search haystacks and a slug index.

    Built by :func:`prepare_rows` (pure Python, so a worker thread can build it while the GUI
    stays responsive) and handed to :meth:`CatalogTableModel.set_prepared`.
    """

    rows: list[ResourceView] = field(default_factory=list)
    haystacks: list[str] = field(default_factory=list)
    slugs: dict[str, int] = field(default_factory=dict)


def prepare_rows(rows: Iterable[ResourceView], texts: list[str] | None = None) -> PreparedRows:
    """``texts``: the rows' search texts when the service gave them (views without their
    description, ``CatalogService.resources(path, texts=...)``), else made from the views."""
    data = list(rows)
    haystacks = texts if texts is not None else [haystack(v) for v in data]
    return PreparedRows(data, haystacks, {v.slug: i for i, v in enumerate(data)})


class CatalogTableModel(QAbstractTableModel):
    """Resources as a sortable, filterable table; row order = ``visible`` indices into ``rows``."""

    SlugRole = Qt.ItemDataRole.UserRole + 1
    ViewRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._data = PreparedRows()
        self._filter = CatalogFilter()
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._order: list[int] = []  # all row indices in sort order
        self._visible: list[int] = []
        self._search_results: frozenset[str] | None = None
        # narrowing: when the search text extends the last one, only its matches can match
        self._last_search = ""
        self._last_matches: list[int] | None = None

    # --- data in ----------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[ResourceView]) -> None:
        """Replace every row (keeps the current search, filters and sort)."""
        self.set_prepared(prepare_rows(rows))

    def set_prepared(self, prepared: PreparedRows) -> None:
        """Replace every row with rows prepared by :func:`prepare_rows` (possibly in a thread)."""
        self.beginResetModel()
        self._data = prepared
        self._order = self._sorted_order()
        self._forget_narrowing()
        self._visible = self._filtered()
        self.endResetModel()

    def update_rows(self, views: Iterable[ResourceView], texts: Sequence[str] = ()) -> bool:
        """Replace the rows of these slugs in place (a status click, a note): ``dataChanged``
        for each row still shown, no reset. Returns False if a slug is unknown (nothing done)
        and the caller should ``set_rows``. If a change moves a row in or out of the filter or
        the sort, the rows are re-filtered as one layout change (persistent indexes kept).
        """
        changed = list(views)
        slugs = self._data.slugs
        if any(v.slug not in slugs for v in changed):
            return False
        membership_changed = False
        indices = []
        for number, view in enumerate(changed):
            index = slugs[view.slug]
            was = self.matches(index)
            self._data.rows[index] = view
            self._data.haystacks[index] = texts[number] if number < len(texts) else haystack(view)
            indices.append(index)
            membership_changed = membership_changed or was != self.matches(index)
        self._forget_narrowing()
        if membership_changed or self._sort_column >= 0:
            self.layoutAboutToBeChanged.emit()
            old = list(self._visible)
            self._order = self._sorted_order()
            self._visible = self._filtered()
            self._remap_persistent(old)
            self.layoutChanged.emit()
            return True
        position = {data_index: row for row, data_index in enumerate(self._visible)}
        last = len(COLUMNS) - 1
        for index in indices:
            row = position.get(index)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        return True

    def set_filter(self, catalog_filter: CatalogFilter) -> None:
        if catalog_filter == self._filter:
            return
        self.beginResetModel()
        self._filter = catalog_filter
        self._visible = self._filtered()
        self.endResetModel()

    def set_search(self, text: str) -> None:
        """Filter as you type: every word must appear in the row's haystack."""
        self.set_filter(
            CatalogFilter(**{**self._filter.__dict__, "search": text.strip().casefold()})
        )

    def set_search_results(self, slugs: Iterable[str] | None) -> None:
        """Only these slugs match the search (a database search's answer; None: search here)."""
        self.beginResetModel()
        self._search_results = None if slugs is None else frozenset(slugs)
        self._forget_narrowing()
        self._visible = self._filtered()
        self.endResetModel()

    def _forget_narrowing(self) -> None:
        self._last_search, self._last_matches = "", None

    @property
    def current_filter(self) -> CatalogFilter:
        return self._filter

    def matches(self, index: int) -> bool:
        """Whether row ``index`` (into ``rows``) passes the filters and the search."""
        view = self._data.rows[index]
        if not self._filter.accepts(view):
            return False
        if self._search_results is not None:
            return view.slug in self._search_results
        text = self._data.haystacks[index]
        return all(word in text for word in self._filter.search.split())

    def _filtered(self) -> list[int]:
        f = self._filter
        if not (f.kind or f.price or f.format or f.level or f.status):
            if self._search_results is not None:
                wanted = self._search_results
                rows = self._data.rows
                return [i for i in self._order if rows[i].slug in wanted]
            return self._searched(f.search)
        return [i for i in self._order if self.matches(i)]

    def _searched(self, text: str) -> list[int]:
        """Rows (in sort order) whose haystack holds every word of ``text``.

        Typing extends the text one letter at a time: every row matching "flas" matched "fla",
        so when the new text extends the last one only the last matches are checked again.
        """
        words = text.split()
        if not words:
            self._forget_narrowing()
            return list(self._order)
        hay = self._data.haystacks
        pool: list[int] = self._order
        if (
            self._last_matches is not None
            and self._last_search
            and text.startswith(self._last_search)
        ):
            pool = self._last_matches
        if len(words) == 1:
            word = words[0]
            matched = [i for i in pool if word in hay[i]]
        else:
            matched = [i for i in pool if all(w in hay[i] for w in words)]
        self._last_search, self._last_matches = text, matched
        return matched

    def _sorted_order(self) -> list[int]:
        indices = list(range(len(self._data.rows)))
        if self._sort_column < 0:
            return indices
        key = COLUMNS[self._sort_column].key
        rows = self._data.rows
        indices.sort(
            key=lambda i: key(rows[i]), reverse=self._sort_order == Qt.SortOrder.DescendingOrder
        )
        return indices

    # --- data out ---------------------------------------------------------------------------

    @property
    def rows(self) -> tuple[ResourceView, ...]:
        return tuple(self._data.rows)

    def view_at(self, row: int) -> ResourceView:
        return self._data.rows[self._visible[row]]

    def view_of(self, slug: str) -> ResourceView | None:
        """The row for ``slug`` whether shown or filtered out (a dict lookup)."""
        index = self._data.slugs.get(slug)
        return None if index is None else self._data.rows[index]

    def row_of(self, slug: str) -> int:
        """The visible row of ``slug``, or -1 if filtered out or unknown."""
        index = self._data.slugs.get(slug)
        if index is None:
            return -1
        try:
            return self._visible.index(index)
        except ValueError:
            return -1

    def matching_slugs(self) -> list[str]:
        return [self._data.rows[i].slug for i in self._visible]

    def total_count(self) -> int:
        return len(self._data.rows)

    # --- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._visible):
            return None
        column = COLUMNS[index.column()]
        view = self._data.rows[self._visible[index.row()]]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(view)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            own = (
                "\n" + QCoreApplication.translate("CatalogTableModel", "Your own resource")
                if view.own
                else ""
            )
            return plain_tooltip(view.title + own)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == STATUS_COLUMN:
            return status_colors().get(view.status or "")
        if role == Qt.ItemDataRole.FontRole and index.column() == STATUS_COLUMN and view.status:
            font = QFont()
            font.setWeight(QFont.Weight.DemiBold)
            return font
        if role == self.SlugRole:
            return view.slug
        if role == self.ViewRole:
            return view
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("CatalogTableModel", COLUMNS[section].title)
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._visible):
            return section + 1
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        old = list(self._visible)
        self._sort_column = column if 0 <= column < len(COLUMNS) else -1
        self._sort_order = order
        self._order = self._sorted_order()
        self._forget_narrowing()
        self._visible = self._filtered()
        self._remap_persistent(old)
        self.layoutChanged.emit()

    def _remap_persistent(self, old: Sequence[int]) -> None:
        position = {data_index: row for row, data_index in enumerate(self._visible)}
        previous = self.persistentIndexList()
        updated = []
        for index in previous:
            row = position.get(old[index.row()], -1) if 0 <= index.row() < len(old) else -1
            updated.append(self.index(row, index.column()) if row >= 0 else QModelIndex())
        self.changePersistentIndexList(previous, updated)
