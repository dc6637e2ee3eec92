"""Item models of the Compare page: the ranking (pick 2-4 to compare) and the side-by-side table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from tracker.domain.choosing import Criterion, RankedOption, Recommendation
from tracker.ui.widgets.safe_text import isolate, plain_tooltip

ModelIndex = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()

MIN_COMPARED, MAX_COMPARED = 2, 4


CRITERION_LABELS = {
    Criterion.TIMELINE: str(QT_TRANSLATE_NOOP("Criterion", "Timeline")),
    Criterion.PREREQUISITES: str(QT_TRANSLATE_NOOP("Criterion", "Prerequisites")),
    Criterion.CAREER_FOCUS: str(QT_TRANSLATE_NOOP("Criterion", "Career focus")),
    Criterion.SUPPORT: str(QT_TRANSLATE_NOOP("Criterion", "Support level")),
    Criterion.COST: str(QT_TRANSLATE_NOOP("Criterion", "Cost")),
    Criterion.TIME_PER_WEEK: str(QT_TRANSLATE_NOOP("Criterion", "Time per week")),
    Criterion.FLEXIBILITY: str(QT_TRANSLATE_NOOP("Criterion", "Flexibility")),
    Criterion.OUTCOMES: str(QT_TRANSLATE_NOOP("Criterion", "Outcomes")),
}


def criterion_label(criterion: Criterion) -> str:
    """A criterion's name as the GUI shows it (translated)."""
    return QCoreApplication.translate("Criterion", CRITERION_LABELS[criterion])


@dataclass(frozen=True)
class Tints:
    """Cell tints and text colours of the comparison, for a light or a dark theme."""

    good: QColor
    fair: QColor
    poor: QColor
    unknown: QColor
    warning: QColor
    muted: QColor


LIGHT_TINTS = Tints(
    good=QColor("#e4f4e6"),
    fair=QColor("#fdf3dc"),
    poor=QColor("#fbe3e1"),
    unknown=QColor("#eef0f3"),
    warning=QColor("#a3302a"),
    muted=QColor("#5f6b7a"),
)
DARK_TINTS = Tints(
    good=QColor("#1d3a2c"),
    fair=QColor("#3a321c"),
    poor=QColor("#432528"),
    unknown=QColor("#272b35"),
    warning=QColor("#ff8a80"),
    muted=QColor("#9aa3b5"),
)
SHORT_LIMITS = {
    Criterion.COST: str(QT_TRANSLATE_NOOP("RankingModel", "over budget")),
    Criterion.TIME_PER_WEEK: str(QT_TRANSLATE_NOOP("RankingModel", "too many hours")),
    Criterion.TIMELINE: str(QT_TRANSLATE_NOOP("RankingModel", "past your date")),
    Criterion.PREREQUISITES: str(QT_TRANSLATE_NOOP("RankingModel", "assumes skills")),
}
"""A broken limit in two words, for the ranking's narrow column (the tooltip says it all)."""

BAR_GOOD = QColor("#2e8b57")
BAR_FAIR = QColor("#d08c16")
BAR_POOR = QColor("#c2413b")


def fit_colour(score: float, known: bool = True, tints: Tints = LIGHT_TINTS) -> QColor:
    """The tint of a 0-10 fit: green when it fits, amber when so-so, red when it does not."""
    if not known:
        return tints.unknown
    if score >= 7:
        return tints.good
    if score >= 4:
        return tints.fair
    return tints.poor


def bar_colour(score: float) -> QColor:
    """The colour of a 0-100 score bar."""
    if score >= 65:
        return BAR_GOOD
    if score >= 40:
        return BAR_FAIR
    return BAR_POOR


class RankingModel(QAbstractTableModel):
    """The ranking, best first: tick an option to compare it, see its score and broken limits."""

    COMPARE, RANK, OPTION, SCORE, LIMITS = range(5)
    HEADERS = (
        str(QT_TRANSLATE_NOOP("RankingModel", "Compare")),
        str(QT_TRANSLATE_NOOP("RankingModel", "#")),
        str(QT_TRANSLATE_NOOP("RankingModel", "Option")),
        str(QT_TRANSLATE_NOOP("RankingModel", "Fit")),
        str(QT_TRANSLATE_NOOP("RankingModel", "Limits")),
    )
    """Column titles (translated when shown)."""
    SlugRole = Qt.ItemDataRole.UserRole + 1
    ScoreRole = Qt.ItemDataRole.UserRole + 2

    compared_changed = Signal()
    """The set of ticked options changed."""
    compare_refused = Signal(str)
    """A tick was refused (more than the maximum); the argument says why."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._recommendation = Recommendation((), "")
        self._rows: tuple[RankedOption, ...] = ()
        self._compared: list[str] = []
        self._chosen: str | None = None
        self.tints = LIGHT_TINTS

    def set_dark(self, dark: bool) -> None:
        """Use the dark theme's colours (or the light one's)."""
        self.tints = DARK_TINTS if dark else LIGHT_TINTS
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._rows) - 1, len(self.HEADERS) - 1),
                [Qt.ItemDataRole.ForegroundRole],
            )

    # --- content ---------------------------------------------------------------------------

    def set_recommendation(self, recommendation: Recommendation, chosen: str | None) -> None:
        self.beginResetModel()
        self._recommendation = recommendation
        self._rows = recommendation.ranking
        self._chosen = chosen
        known = {entry.option.slug for entry in self._rows}
        self._compared = [slug for slug in self._compared if slug in known]
        self.endResetModel()

    def set_compared(self, slugs: Iterable[str]) -> None:
        known = {entry.option.slug for entry in self._rows}
        wanted = [slug for slug in slugs if slug in known][:MAX_COMPARED]
        if wanted == self._compared:
            return
        self._compared = wanted
        if self._rows:
            self.dataChanged.emit(
                self.index(0, self.COMPARE),
                self.index(len(self._rows) - 1, self.COMPARE),
                [Qt.ItemDataRole.CheckStateRole],
            )
        self.compared_changed.emit()

    def recommendation(self) -> Recommendation:
        """The ranking shown, with the weights it was made with."""
        return self._recommendation

    def compared(self) -> list[RankedOption]:
        """The ticked options, in ranking order."""
        wanted = set(self._compared)
        return [entry for entry in self._rows if entry.option.slug in wanted]

    def compared_slugs(self) -> list[str]:
        return [entry.option.slug for entry in self.compared()]

    def entry(self, row: int) -> RankedOption:
        return self._rows[row]

    def row_of(self, slug: str) -> int | None:
        for row, entry in enumerate(self._rows):
            if entry.option.slug == slug:
                return row
        return None

    # --- Qt --------------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return self.tr(self.HEADERS[section])
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.COMPARE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role == self.SlugRole:
            return entry.option.slug
        if role == self.ScoreRole:
            return entry.score
        if role == Qt.ItemDataRole.CheckStateRole and column == self.COMPARE:
            ticked = entry.option.slug in self._compared
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.LIMITS and entry.violations:
                return plain_tooltip("\n".join(violation.message for violation in entry.violations))
            if column == self.SCORE:
                return self.tr("%.1f before penalties, %d off") % (entry.weighted, entry.penalty)
            if column == self.COMPARE:
                return plain_tooltip(
                    self.tr("Tick to compare %s side by side") % isolate(entry.option.title)
                )
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.SCORE:
            return self.tr("%d of 100") % round(entry.score)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.LIMITS and entry.violations:
                return QBrush(self.tints.warning)
            if column in (self.RANK, self.LIMITS):
                return QBrush(self.tints.muted)
            return None
        if role == Qt.ItemDataRole.FontRole and column == self.OPTION:
            font = QFont()
            font.setBold(entry.rank == 1 or entry.option.slug == self._chosen)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.RANK, self.SCORE):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, entry: RankedOption, column: int) -> str | None:
        if column == self.RANK:
            return str(entry.rank)
        if column == self.OPTION:
            mine = "★ " if entry.option.slug == self._chosen else ""
            return f"{mine}{isolate(entry.option.title)}"
        if column == self.SCORE:
            return f"{entry.score:.0f}"
        if column == self.LIMITS:
            if not entry.violations:
                return self.tr("none broken")
            short = (
                self.tr(SHORT_LIMITS[v.criterion])
                if v.criterion in SHORT_LIMITS
                else criterion_label(v.criterion).lower()
                for v in entry.violations
            )
            return "⚠ " + ", ".join(dict.fromkeys(short))
        return None

    def _short_limit(self, criterion: Criterion) -> str:
        if criterion in SHORT_LIMITS:
            return self.tr(SHORT_LIMITS[criterion])
        return criterion_label(criterion).lower()

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != self.COMPARE
            or role != Qt.ItemDataRole.CheckStateRole
        ):
            return False
        slug = self._rows[index.row()].option.slug
        ticked = Qt.CheckState(value) == Qt.CheckState.Checked
        if ticked and slug not in self._compared:
            if len(self._compared) >= MAX_COMPARED:
                self.compare_refused.emit(
                    self.tr("Compare up to %d options at once: untick one first.") % MAX_COMPARED
                )
                return False
            self._compared.append(slug)
        elif not ticked and slug in self._compared:
            self._compared.remove(slug)
        else:
            return False
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.compared_changed.emit()
        return True


class ComparisonModel(QAbstractTableModel):
    """Options side by side: criteria as rows, options as columns, each cell value and fit."""

    SCORE_ROW = len(Criterion)
    ScoreRole = Qt.ItemDataRole.UserRole + 1
    KnownRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns: tuple[RankedOption, ...] = ()
        self._weights: dict[Criterion, int] = {}
        self._criteria = tuple(Criterion)
        self.tints = LIGHT_TINTS

    def set_dark(self, dark: bool) -> None:
        """Use the dark theme's tints (or the light one's)."""
        self.tints = DARK_TINTS if dark else LIGHT_TINTS
        if self._columns:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._criteria), len(self._columns) - 1),
                [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole],
            )

    def set_columns(self, entries: Sequence[RankedOption], weights: dict[Criterion, int]) -> None:
        self.beginResetModel()
        self._columns = tuple(entries)
        self._weights = dict(weights)
        self.endResetModel()

    def column_slugs(self) -> list[str]:
        return [entry.option.slug for entry in self._columns]

    def rowCount(self, parent: ModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() or not self._columns else len(self._criteria) + 1

    def columnCount(self, parent: ModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._columns):
                return None
            entry = self._columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{entry.rank}. {isolate(entry.option.title)}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tooltip(entry.option.provider or entry.option.kind_label)
            return None
        if not 0 <= section <= len(self._criteria):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == self.SCORE_ROW:
                return self.tr("Overall fit")
            criterion = self._criteria[section]
            return f"{criterion_label(criterion)}  ×{self._weights.get(criterion, 0)}"
        if role == Qt.ItemDataRole.ToolTipRole and section < self.SCORE_ROW:
            return self.tr("Weight %d of 10") % self._weights.get(self._criteria[section], 0)
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            not index.isValid()
            or not 0 <= index.column() < len(self._columns)
            or not 0 <= index.row() <= len(self._criteria)
        ):
            return None
        entry = self._columns[index.column()]
        if index.row() == self.SCORE_ROW:
            return self._score_data(entry, role)
        cell = entry.criterion(self._criteria[index.row()])
        broken = [v.message for v in entry.violations if v.criterion is cell.criterion]
        if role == Qt.ItemDataRole.DisplayRole:
            mark = "⚠ " if broken else ""
            return f"{mark}{cell.value}\n{cell.score:.0f}/10"
        if role == self.ScoreRole:
            return cell.score
        if role == self.KnownRole:
            return cell.known
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip("\n".join([cell.reason, *broken]))
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(fit_colour(cell.score, cell.known, self.tints))
        if role == Qt.ItemDataRole.ForegroundRole and broken:
            return QBrush(self.tints.warning)
        if role == Qt.ItemDataRole.FontRole and not cell.known:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _score_data(self, entry: RankedOption, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            limits = len(entry.violations)
            if limits == 1:
                suffix = "\n⚠ " + self.tr("1 limit broken")
            elif limits:
                suffix = "\n⚠ " + self.tr("%d limits broken") % limits
            else:
                suffix = ""
            return f"{entry.score:.0f}/100{suffix}"
        if role == self.ScoreRole:
            return entry.score
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and entry.violations:
            return QBrush(self.tints.warning)
        return None


class ScoreBarDelegate(QStyledItemDelegate):
    """Draws a 0-100 score as a short bar with its number, so the ranking reads at a glance."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        score = index.data(RankingModel.ScoreRole)
        if score is None:
            super().paint(painter, option, index)
            return
        painter.save()
        rect: QRect = option.rect
        state = option.state
        if state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, option.palette.highlight())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        track = rect.adjusted(8, rect.height() // 2 - 4, -44, -(rect.height() // 2 - 4))
        painter.setPen(Qt.PenStyle.NoPen)
        palette = option.palette
        painter.setBrush(palette.color(palette.ColorRole.Mid))
        painter.drawRoundedRect(track, 4, 4)
        filled = QRect(track)
        filled.setWidth(max(4, int(track.width() * float(score) / 100)))
        painter.setBrush(bar_colour(float(score)))
        painter.drawRoundedRect(filled, 4, 4)
        selected = bool(state & QStyle.StateFlag.State_Selected)
        text_role = palette.ColorRole.HighlightedText if selected else palette.ColorRole.Text
        painter.setPen(palette.color(text_role))
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        text_rect = QRect(track.right() + 6, rect.top(), 38, rect.height())
        painter.drawText(
            text_rect,
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            f"{score:.0f}",
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width(), 120), hint.height())
