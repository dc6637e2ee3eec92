"""Light, dark or follow-the-system: a Fusion palette with one accent colour and style sheets."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QWidget

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


def theme_name(colors: Colors) -> str:
    """ "light" or "dark": the icons' suffix and the windows' theme property."""
    return "dark" if colors is DARK else "light"


def _icon(name: str, colors: Colors) -> str:
    return (resources_dir() / "icons" / f"{name}-{theme_name(colors)}.svg").as_posix()


# The palette's roles, for rules that must follow whichever theme is in use when a widget is
# polished (a ``palette(role)`` is read then, not when the palette changes later).
PALETTE_ROLES = Colors(
    window="palette(window)",
    base="palette(base)",
    alt_base="palette(alternate-base)",
    card="palette(button)",
    border="palette(mid)",
    text="palette(text)",
    muted="palette(placeholder-text)",
    accent="palette(highlight)",
    accent_text="palette(highlighted-text)",
    accent_soft="palette(alternate-base)",
    good="palette(text)",
    warn="palette(text)",
)


def _scoped(scope: str, rules: list[tuple[str, str]]) -> str:
    """``rules`` as (selectors, declarations), each selector put under ``scope``."""
    lines = []
    for selectors, declarations in rules:
        scoped = ", ".join(f"{scope}{selector.strip()}" for selector in selectors.split(","))
        lines.append(f"{scoped} {{ {declarations} }}")
    return "\n".join(lines) + "\n"


def _controls(c: Colors, scope: str = "") -> str:
    """Qt's own widgets (buttons, fields, tables, scroll bars), without theme images."""
    return _scoped(
        scope,
        [
            (
                "QComboBox QAbstractItemView",
                f"background: {c.base}; border: 1px solid {c.border}; "
                f"selection-background-color: {c.accent_soft}; selection-color: {c.text};",
            ),
            ("QListWidget::item", "padding: 4px 2px;"),
            (
                "QProgressBar",
                f"background: {c.alt_base}; border: 1px solid {c.border}; border-radius: 5px; "
                "height: 10px; text-align: center; color: transparent;",
            ),
            ("QProgressBar::chunk", f"background: {c.accent}; border-radius: 4px;"),
            (
                "QTableView, QTreeView, QListView, QTextBrowser, QPlainTextEdit",
                f"background: {c.base}; border: 1px solid {c.border}; border-radius: 8px; "
                f"selection-background-color: {c.accent}; selection-color: {c.accent_text};",
            ),
            ("QTableView", "gridline-color: transparent;"),
            (
                "QHeaderView::section",
                f"background: {c.alt_base}; color: {c.muted}; border: none; "
                f"border-bottom: 1px solid {c.border}; padding: 6px 8px; font-weight: 600;",
            ),
            (
                "QLineEdit, QComboBox, QSpinBox",
                f"padding: 5px 8px; border: 1px solid {c.border}; border-radius: 7px; "
                f"background: {c.base};",
            ),
            (
                "QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus, QSpinBox:focus",
                f"border: 1px solid {c.accent};",
            ),
            (
                "QPushButton",
                f"padding: 6px 14px; border: 1px solid {c.border}; border-radius: 7px; "
                f"background: {c.base};",
            ),
            ("QPushButton:hover", f"border-color: {c.accent};"),
            ("QPushButton:focus", f"border: 1px solid {c.accent};"),
            (
                "QPushButton:checked",
                f"background: {c.accent}; color: {c.accent_text}; border-color: {c.accent};",
            ),
            (
                "QPushButton#Primary",
                f"background: {c.accent}; color: {c.accent_text}; border-color: {c.accent}; "
                "font-weight: 600;",
            ),
            ("QSplitter::handle", "background: transparent;"),
            (
                "QTableCornerButton::section",
                f"background: {c.alt_base}; border: none; border-bottom: 1px solid {c.border};",
            ),
            ("QScrollBar:vertical", "background: transparent; width: 11px; margin: 2px;"),
            ("QScrollBar:horizontal", "background: transparent; height: 11px; margin: 2px;"),
            (
                "QScrollBar::handle:vertical, QScrollBar::handle:horizontal",
                f"background: {c.border}; border-radius: 3px; min-height: 28px; min-width: 28px;",
            ),
            ("QScrollBar::handle:hover", f"background: {c.muted};"),
            ("QScrollBar::add-line, QScrollBar::sub-line", "width: 0; height: 0;"),
            ("QScrollBar::add-page, QScrollBar::sub-page", "background: transparent;"),
            ("QScrollArea", "border: none; background: transparent;"),
        ],
    )


def _images(c: Colors) -> list[tuple[str, str]]:
    """The check boxes' and combo boxes' images, drawn in each theme's colours."""
    unchecked = _icon("checkbox-unchecked", c)
    checked = _icon("checkbox-checked", c)
    partial = _icon("checkbox-partial", c)
    chevron = _icon("chevron-down", c)
    return [
        ("QComboBox::drop-down", "border: none; width: 24px;"),
        ("QComboBox::down-arrow", f"image: url({chevron}); width: 12px; height: 12px;"),
        ("QTreeView::indicator, QCheckBox::indicator", "width: 16px; height: 16px;"),
        (
            "QTreeView::indicator:unchecked, QCheckBox::indicator:unchecked",
            f"image: url({unchecked});",
        ),
        ("QTreeView::indicator:checked, QCheckBox::indicator:checked", f"image: url({checked});"),
        ("QTreeView::indicator:indeterminate", f"image: url({partial});"),
    ]


def _parts(c: Colors) -> str:
    """The app's own parts, by object name (``#Card``, ``#PageTitle``, the sidebar)."""
    return f"""
    #PageBody {{ background: {c.window}; }}
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
    QStatusBar {{ color: {c.muted}; }}
    """


@cache
def style_sheet(c: Colors) -> str:
    """The theme's sheet for a part of the main window: the sidebar, the status bar, a page.

    Each part holds its own copy, so a new theme restyles the parts on screen at once and a
    hidden page when it is next shown (``Page.use_colors``), not every widget of the app.
    """
    return _controls(c) + _scoped("", _images(c)) + _parts(c)


# A window's property naming its theme ("light" or "dark"): the dialogs it opens pick their
# images by it. Rules read a property when a widget is polished, so setting it costs nothing.
THEME_PROPERTY = "themeName"

# The application's own sheet: the same in both themes, so a switch never re-polishes every
# widget of the app. It gives dialogs and message boxes the controls of the pages in the
# palette's colours, read when each dialog is polished (dialogs are made when opened), and
# the images of the theme named by the window that opened them.
APP_STYLE_SHEET = _controls(PALETTE_ROLES, "QDialog ") + "".join(
    _scoped(f'*[{THEME_PROPERTY}="{name}"] QDialog ', _images(colors))
    for name, colors in (("light", LIGHT), ("dark", DARK))
)


def apply_theme(app: QApplication, mode: ThemeMode) -> Colors:
    """Set the palette for ``mode`` (and, the first time, Fusion and the app's sheet).

    The palette is all a switch changes app-wide; the window's parts and pages take
    ``style_sheet`` of the returned colours themselves (``MainWindow.set_theme``).
    """
    colors = effective_colors(mode)
    first = app.styleSheet() != APP_STYLE_SHEET
    if first:
        app.setStyle("Fusion")
    app.setPalette(build_palette(colors))
    if first:
        app.setStyleSheet(APP_STYLE_SHEET)
    return colors


def follow_palette(root: QWidget) -> None:
    """Give ``root`` and its widgets outside any style sheet of their own the app's palette.

    With an app style sheet, every widget keeps the palette it was polished with: a new app
    palette reaches windows, not their widgets. Widgets holding a sheet get theirs when
    restyled; this reaches the rest (the menu bar, the page stack), which is cheap.
    """
    event = QEvent(QEvent.Type.ApplicationPaletteChange)
    pending = [root]
    while pending:
        widget = pending.pop()
        QCoreApplication.sendEvent(widget, event)
        children = widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        pending.extend(c for c in children if not c.isWindow() and not c.styleSheet())


@runtime_checkable
class Themed(Protocol):
    """A widget that takes the theme's colours itself (a page: when it is next shown)."""

    def use_colors(self, colors: Colors) -> None: ...


def restyle(widget: QWidget, colors: Colors) -> None:
    """Give ``widget`` the theme's sheet: at once, or as it chooses if it is ``Themed``."""
    if isinstance(widget, Themed):
        widget.use_colors(colors)
    else:
        widget.setStyleSheet(style_sheet(colors))


def name_theme(window: QWidget, colors: Colors) -> None:
    """Name the theme on ``window``: the dialogs it opens take their images by it."""
    window.setProperty(THEME_PROPERTY, theme_name(colors))


def repolish_dialogs(app: QApplication) -> None:
    """Polish every dialog again, so its ``palette(role)`` rules take the new palette."""
    for window in app.topLevelWidgets():
        if isinstance(window, QDialog):
            for widget in (window, *window.findChildren(QWidget)):
                style = widget.style()
                style.unpolish(widget)
                style.polish(widget)
            window.update()


def current_colors(app: QApplication) -> Colors:
    """The colours in use, read back from the palette (pages use them for inline HTML)."""
    return DARK if app.palette().color(QPalette.ColorRole.Window).lightness() < 128 else LIGHT


def colors_in_use() -> Colors:
    """The colours of the app's palette (light without an application)."""
    app = QApplication.instance()
    return current_colors(app) if isinstance(app, QApplication) else LIGHT


def status_colors() -> dict[str, QColor]:
    """Text colours of resource statuses in tables, for the theme in use."""
    colors = colors_in_use()
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
