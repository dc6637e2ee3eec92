"""The prerequisite tree: skills and sub-skills with check boxes; parents show partial."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from tracker.domain.views import Checklist, ChecklistItem

ModelIndex = QModelIndex | QPersistentModelIndex
COLUMN_TITLES = ("Skill", "Kind", "Estimate")


@dataclass
class _Node:
    item: ChecklistItem
    parent: int  # node id of the parent, -1 for top level
    row: int
    children: list[int] = field(default_factory=list)


def check_state(item: ChecklistItem) -> Qt.CheckState:
    if item.done:
        return Qt.CheckState.Checked
    if item.children and any(c.done or c.own_done or c.done_children for c in item.children):
        return Qt.CheckState.PartiallyChecked
    return Qt.CheckState.Unchecked


class ChecklistTreeModel(QAbstractItemModel):
    """A read model of a Checklist; ticking emits ``check_requested`` (the page saves it)."""

    check_requested = Signal(str, bool)

    SlugRole = Qt.ItemDataRole.UserRole + 1
    RequiredRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._nodes: list[_Node] = []
        self._top: list[int] = []
        self._by_slug: dict[str, int] = {}

    def set_checklist(self, checklist: Checklist) -> None:
        """Show ``checklist``; same structure = in-place update (keeps expansion and selection)."""
        nodes: list[_Node] = []
        top: list[int] = []

        def add(item: ChecklistItem, parent: int, row: int) -> int:
            node_id = len(nodes)
            nodes.append(_Node(item, parent, row))
            for child_row, child in enumerate(item.children):
                nodes[node_id].children.append(add(child, node_id, child_row))
            return node_id

        for row, item in enumerate(checklist.items):
            top.append(add(item, -1, row))
        same_shape = [(n.item.slug, n.parent, n.row) for n in nodes] == [
            (n.item.slug, n.parent, n.row) for n in self._nodes
        ]
        if same_shape and nodes:
            self._nodes = nodes
            for node_id, node in enumerate(nodes):
                left = self.createIndex(node.row, 0, node_id)
                right = self.createIndex(node.row, len(COLUMN_TITLES) - 1, node_id)
                self.dataChanged.emit(left, right)
            return
        self.beginResetModel()
        self._nodes, self._top = nodes, top
        self._by_slug = {node.item.slug: i for i, node in enumerate(nodes)}
        self.endResetModel()

    def item(self, index: ModelIndex) -> ChecklistItem | None:
        if not index.isValid():
            return None
        return self._nodes[index.internalId()].item

    def index_of(self, slug: str) -> QModelIndex:
        node_id = self._by_slug.get(slug)
        if node_id is None:
            return QModelIndex()
        return self.createIndex(self._nodes[node_id].row, 0, node_id)

    # --- QAbstractItemModel -----------------------------------------------------------------

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        siblings = self._nodes[parent.internalId()].children if parent.isValid() else self._top
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent_id = self._nodes[index.internalId()].parent
        if parent_id < 0:
            return QModelIndex()
        return self.createIndex(self._nodes[parent_id].row, 0, parent_id)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._top)
        if parent.column() != 0:
            return 0
        return len(self._nodes[parent.internalId()].children)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMN_TITLES)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._nodes[index.internalId()].item
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                if item.children:
                    return f"{item.title}   {item.done_children}/{len(item.children)}"
                return item.title
            if column == 1 and self._nodes[index.internalId()].parent < 0:
                return (
                    QCoreApplication.translate("ChecklistTreeModel", "Required")
                    if item.required
                    else QCoreApplication.translate("ChecklistTreeModel", "Recommended")
                )
            if column == 2:
                return f"{item.estimate_hours:g} h" if item.estimate_hours is not None else ""
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return check_state(item)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 0:
            state = (
                QCoreApplication.translate("ChecklistTreeModel", "done")
                if item.done
                else QCoreApplication.translate("ChecklistTreeModel", "not done")
            )
            kind = (
                QCoreApplication.translate("ChecklistTreeModel", "required")
                if item.required
                else QCoreApplication.translate("ChecklistTreeModel", "recommended")
            )
            return f"{item.title}, {kind}, {state}"
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return (
                QCoreApplication.translate("ChecklistTreeModel", "Required before you start")
                if item.required
                else QCoreApplication.translate("ChecklistTreeModel", "Recommended")
            )
        if role == Qt.ItemDataRole.ForegroundRole and not item.required and column > 0:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                return app.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.FontRole and column == 0 and index.parent().isValid() is False:
            font = QFont()
            font.setWeight(QFont.Weight.DemiBold)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.SlugRole:
            return item.slug
        if role == self.RequiredRole:
            return item.required
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        item = self._nodes[index.internalId()].item
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))
        # a click on a partial or unticked box ticks it (and its sub-skills); ticked unticks
        self.check_requested.emit(item.slug, state == Qt.CheckState.Checked)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMN_TITLES)
        ):
            return QCoreApplication.translate("ChecklistTreeModel", COLUMN_TITLES[section])
        return None
