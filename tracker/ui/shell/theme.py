"""Light, dark or follow-the-system: a Fusion palette with one accent colour and a style sheet."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from tracker.locations import resources_dir


class ThemeMode(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True)
class Colors:
    """The few colours the app's own widgets use (cards, headings, badges)."""

    window: str
    base: str
    alt_base: str
    card: str
    border: str
    text: str
    muted: str
    accent: str
    accent_text: str
    accent_soft: str
    good: str
    warn: str


LIGHT = Colors(
    window="#f5f6fa",
    base="#ffffff",
    alt_base="#f8f9fc",
    card="#ffffff",
    border="#e1e4ec",
    text="#1d2433",
    muted="#667085",
    accent="#4f5bd5",
    accent_text="#ffffff",
    accent_soft="#eceefe",
    good="#1a7f5a",
    warn="#b54708",
)

DARK = Colors(
    window="#16181f",
    base="#1e2129",
    alt_base="#232731",
    card="#1e2129",
    border="#2f3440",
    text="#e6e8ef",
    muted="#9aa3b5",
    accent="#8b93f8",
    accent_text="#10121a",
    accent_soft="#2a2e4a",
    good="#4cc38a",
    warn="#f5a35c",
)


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def effective_colors(mode: ThemeMode) -> Colors:
    if mode is ThemeMode.SYSTEM:
        return DARK if system_is_dark() else LIGHT
    return DARK if mode is ThemeMode.DARK else LIGHT


def build_palette(colors: Colors) -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    pairs = {
        role.Window: colors.window,
        role.WindowText: colors.text,
        role.Base: colors.base,
        role.AlternateBase: colors.alt_base,
        role.Text: colors.text,
        role.Button: colors.card,
        role.ButtonText: colors.text,
        role.ToolTipBase: colors.card,
        role.ToolTipText: colors.text,
        role.PlaceholderText: colors.muted,
        role.Highlight: colors.accent,
        role.HighlightedText: colors.accent_text,
        role.Link: colors.accent,
        role.LinkVisited: colors.accent,
        role.Accent: colors.accent,
        role.Mid: colors.border,
        role.Midlight: colors.border,
    }
    for color_role, value in pairs.items():
        palette.setColor(color_role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for color_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, color_role, QColor(colors.muted))
    return palette


def _icon(name: str, colors: Colors) -> str:
    mode = "dark" if colors is DARK else "light"
    return (resources_dir() / "icons" / f"{name}-{mode}.svg").as_posix()


def style_sheet(c: Colors) -> str:
    """Object names set by the pages pick these rules up (e.g. ``#Card``, ``#PageTitle``)."""
    unchecked = _icon("checkbox-unchecked", c)
    checked = _icon("checkbox-checked", c)
    partial = _icon("checkbox-partial", c)
    chevron = _icon("chevron-down", c)
    return f"""
    QComboBox::drop-down {{ border: none; width: 24px; }}
    QComboBox::down-arrow {{ image: url({chevron}); width: 12px; height: 12px; }}
    QComboBox QAbstractItemView {{ background: {c.base}; border: 1px solid {c.border};
        selection-background-color: {c.accent_soft}; selection-color: {c.text}; }}
    QTreeView::indicator, QCheckBox::indicator {{ width: 16px; height: 16px; }}
    QTreeView::indicator:unchecked, QCheckBox::indicator:unchecked {{ image: url({unchecked}); }}
    QTreeView::indicator:checked, QCheckBox::indicator:checked {{ image: url({checked}); }}
    QTreeView::indicator:indeterminate {{ image: url({partial}); }}
    QListWidget::item {{ padding: 4px 2px; }}
    QMainWindow, #PageBody {{ background: {c.window}; }}
    #Sidebar {{ background: {c.base}; border: none; border-right: 1px solid {c.border};
        padding: 8px 6px; font-size: 14px; outline: 0; }}
    #Sidebar::item {{ padding: 9px 14px; border-radius: 8px; margin: 2px 4px; color: {c.text}; }}
    #Sidebar::item:selected {{ background: {c.accent_soft}; color: {c.accent};
        font-weight: 600; }}
    #Sidebar::item:hover:!selected {{ background: {c.alt_base}; }}
    #AppTitle {{ font-size: 15px; font-weight: 700; color: {c.accent}; padding: 18px 16px 10px; }}
    #AppSubtitle {{ color: {c.muted}; padding: 0 16px 10px; }}
    #PageTitle {{ font-size: 22px; font-weight: 700; color: {c.text}; }}
    #PageSubtitle {{ color: {c.muted}; font-size: 13px; }}
    #SectionTitle {{ font-size: 15px; font-weight: 650; color: {c.text}; }}
    #Muted {{ color: {c.muted}; }}
    #BigNumber {{ font-size: 40px; font-weight: 700; color: {c.accent}; }}
    #Card {{ background: {c.card}; border: 1px solid {c.border}; border-radius: 12px; }}
    #Callout {{ background: {c.accent_soft}; border-radius: 10px; padding: 10px 14px;
        color: {c.text}; }}
    #CalloutTitle {{ font-weight: 700; color: {c.text}; }}
    #Badge {{ background: {c.accent_soft}; color: {c.accent}; border-radius: 9px;
        padding: 2px 9px; font-size: 12px; font-weight: 600; }}
    #BadgeMuted {{ background: {c.alt_base}; color: {c.muted}; border: 1px solid {c.border};
        border-radius: 9px; padding: 1px 8px; font-size: 12px; }}
    #CardList {{ border: none; background: transparent; }}
    #CardList::item {{ padding: 7px 4px; border-bottom: 1px solid {c.border}; color: {c.text}; }}
    #CardList::item:selected {{ background: {c.accent_soft}; color: {c.text}; }}
    QProgressBar {{ background: {c.alt_base}; border: 1px solid {c.border}; border-radius: 5px;
        height: 10px; text-align: center; color: transparent; }}
    QProgressBar::chunk {{ background: {c.accent}; border-radius: 4px; }}
    QTableView, QTreeView, QListView, QTextBrowser, QPlainTextEdit {{
        background: {c.base}; border: 1px solid {c.border}; border-radius: 8px;
        selection-background-color: {c.accent}; selection-color: {c.accent_text}; }}
    QTableView {{ gridline-color: transparent; }}
    QHeaderView::section {{ background: {c.alt_base}; color: {c.muted}; border: none;
        border-bottom: 1px solid {c.border}; padding: 6px 8px; font-weight: 600; }}
    QLineEdit, QComboBox, QSpinBox {{ padding: 5px 8px; border: 1px solid {c.border};
        border-radius: 7px; background: {c.base}; }}
    QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus, QSpinBox:focus {{
        border: 1px solid {c.accent}; }}
    QPushButton {{ padding: 6px 14px; border: 1px solid {c.border}; border-radius: 7px;
        background: {c.base}; }}
    QPushButton:hover {{ border-color: {c.accent}; }}
    QPushButton:focus {{ border: 1px solid {c.accent}; }}
    QPushButton:checked {{ background: {c.accent}; color: {c.accent_text};
        border-color: {c.accent}; }}
    QPushButton#Primary {{ background: {c.accent}; color: {c.accent_text};
        border-color: {c.accent}; font-weight: 600; }}
    QSplitter::handle {{ background: transparent; }}
    QTableCornerButton::section {{ background: {c.alt_base}; border: none;
        border-bottom: 1px solid {c.border}; }}
    QScrollBar:vertical {{ background: transparent; width: 11px; margin: 2px; }}
    QScrollBar:horizontal {{ background: transparent; height: 11px; margin: 2px; }}
    QScrollBar::handle:vertical, QScrollBar::handle:horizontal {{ background: {c.border};
        border-radius: 3px; min-height: 28px; min-width: 28px; }}
    QScrollBar::handle:hover {{ background: {c.muted}; }}
    QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
    QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
    QStatusBar {{ color: {c.muted}; }}
    QScrollArea {{ border: none; background: transparent; }}
    """


def apply_theme(app: QApplication, mode: ThemeMode) -> Colors:
    """Set Fusion, the palette and the style sheet for ``mode``; return the colours in use."""
    colors = effective_colors(mode)
    app.setStyle("Fusion")
    app.setPalette(build_palette(colors))
    app.setStyleSheet(style_sheet(colors))
    return colors


def current_colors(app: QApplication) -> Colors:
    """The colours in use, read back from the palette (pages use them for inline HTML)."""
    return DARK if app.palette().color(QPalette.ColorRole.Window).lightness() < 128 else LIGHT


def status_colors() -> dict[str, QColor]:
    """Text colours of resource statuses in tables, for the theme in use."""
    app = QApplication.instance()
    colors = current_colors(app) if isinstance(app, QApplication) else LIGHT
    return {
        "in-progress": QColor(colors.accent),
        "done": QColor(colors.good),
        "planned": QColor(colors.text),
        "skipped": QColor(colors.muted),
    }


def stored_theme(ui_settings: QSettings) -> ThemeMode:
    """The theme the learner chose (View > Theme), kept in the window's settings."""
    try:
        return ThemeMode(str(ui_settings.value("view/theme", ThemeMode.SYSTEM.value)))
    except ValueError:
        return ThemeMode.SYSTEM
