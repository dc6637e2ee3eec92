"""The main window: path switcher, page navigation, menus, status bar, saved window state."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QKeySequence,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tracker.ui.shell.context import AppContext
from tracker.ui.shell.menus import build_menus
from tracker.ui.shell.theme import (
    Colors,
    ThemeMode,
    apply_theme,
    colors_in_use,
    follow_palette,
    name_theme,
    repolish_dialogs,
    restyle,
)
from tracker.ui.widgets.safe_text import PlainLabel

if TYPE_CHECKING:
    from tracker.ui.catalog.page import CatalogPage
    from tracker.ui.compare.page import ComparePage
    from tracker.ui.dashboard.page import DashboardPage
    from tracker.ui.data.importer import PackImporter
    from tracker.ui.prerequisites.page import PrerequisitesPage


class MainWindow(QMainWindow):
    """The app's window: a sidebar of pages, the menus, and a status bar.

    - ``add_page(key, title, widget)`` / ``replace_page(key, widget)`` / ``page(key)``;
    - ``menu(name)`` for "File", "Edit", "View", "Tools", "Help" (``add_file_action`` puts a
      data action, such as back up or export, before Quit);
    - ``context`` (AppContext): services, operations and undo, ``changed``.

    The frame (sidebar, menus, empty pages) is built without touching the database, so it
    paints before SQLAlchemy loads; ``first_painted`` fires once after the first paint.
    """

    first_painted = Signal()
    # the window's own actions, made by build_menus
    quit_action: QAction
    undo_action: QAction
    redo_action: QAction
    find_action: QAction
    theme_group: QActionGroup
    theme_actions: dict[ThemeMode, QAction]

    def __init__(self, context: AppContext, settings: QSettings) -> None:
        super().__init__()
        if context.parent() is None:
            # first child, so destroyed first: its undo stack's last signals find live actions
            context.setParent(self)
        self.context = context
        self.settings = settings
        self._painted = False
        self._pages: dict[str, QWidget] = {}
        self._page_keys: list[str] = []
        self._unbuilt: set[str] = set()
        self._deferring = False
        self._splitters_restored = False
        self._menus: dict[str, QMenu] = {}
        self.setWindowTitle(QCoreApplication.translate("MainWindow", "Learning Path Tracker"))
        self.setAccessibleName(QCoreApplication.translate("MainWindow", "Learning Path Tracker"))
        self.resize(1280, 800)
        self.setMinimumSize(900, 600)

        central = QWidget()
        self.setCentralWidget(central)
        root = QHBoxLayout(central)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)

        side = self._sidebar = QWidget()
        side.setObjectName("Sidebar")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(0)
        app_title = PlainLabel(QCoreApplication.translate("MainWindow", "Learning Path Tracker"))
        app_title.setObjectName("AppTitle")
        side_layout.addWidget(app_title)
        path_label = PlainLabel(QCoreApplication.translate("MainWindow", "&Path"))
        path_label.setObjectName("AppSubtitle")
        self.path_combo = QComboBox()
        self.path_combo.setAccessibleName(QCoreApplication.translate("MainWindow", "Learning path"))
        self.path_combo.setToolTip(
            QCoreApplication.translate("MainWindow", "Switch between the installed learning paths")
        )
        self.path_combo.currentIndexChanged.connect(self._path_chosen)
        path_label.setBuddy(self.path_combo)
        side_layout.addWidget(path_label)
        combo_box = QHBoxLayout()
        combo_box.setContentsMargins(14, 0, 14, 10)
        combo_box.addWidget(self.path_combo)
        side_layout.addLayout(combo_box)
        self.nav = QListWidget()
        self.nav.setObjectName("Sidebar")
        self.nav.setAccessibleName(QCoreApplication.translate("MainWindow", "Pages"))
        self.nav.currentRowChanged.connect(self._nav_changed)
        side_layout.addWidget(self.nav, 1)
        side.setFixedWidth(236)
        root.addWidget(side)

        self.stack = QStackedWidget()
        self.stack.setObjectName("PageBody")
        root.addWidget(self.stack, 1)

        self.saved_label = PlainLabel(
            QCoreApplication.translate("MainWindow", "Opening your data…")
        )
        self.saved_label.setAccessibleName(QCoreApplication.translate("MainWindow", "Save status"))
        self.statusBar().addPermanentWidget(self.saved_label)
        self._use_colors(colors_in_use())
        self._menus.update(build_menus(self))
        from tracker.ui.data.actions import SafetyActions
        from tracker.ui.data.importer import PackImport

        self.pack_import = PackImport(self)  # File › Import a learning path…

        self.safety = SafetyActions(self)  # File › Back up now, Backups…, Export, Import progress
        context.saved.connect(self._saved)
        context.save_failed.connect(self.show_save_failure)
        context.services_opened.connect(self._services_opened)
        context.services_failed.connect(self._services_failed)

    # --- pages ------------------------------------------------------------------------------

    def add_page(self, key: str, title: str, widget: QWidget) -> None:
        """Add a page to the sidebar and the stack (Ctrl+N for the first nine)."""
        if key in self._pages:
            raise ValueError(f"A page {key!r} exists already; use replace_page.")
        self._pages[key] = widget
        self._page_keys.append(key)
        restyle(widget, colors_in_use())
        self.stack.addWidget(widget)
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        position = len(self._page_keys)
        if position <= 9:
            item.setToolTip(f"{title} (Ctrl+{position})")
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{position}"))
            action.triggered.connect(lambda _c=False, k=key: self.show_page(k))
            self.addAction(action)
        self.nav.addItem(item)

    def replace_page(self, key: str, widget: QWidget) -> None:
        """Swap the widget of page ``key``, keeping its place in the sidebar and on screen."""
        old = self._pages[key]
        index = self.stack.indexOf(old)
        current = self.stack.currentWidget() is old
        self.stack.insertWidget(index, widget)
        self.stack.removeWidget(old)
        old.deleteLater()
        self._pages[key] = widget
        if current:
            self.stack.setCurrentWidget(widget)

    def page(self, key: str) -> QWidget:
        return self._pages[key]

    def page_keys(self) -> list[str]:
        return list(self._page_keys)

    def current_page_key(self) -> str:
        row = self.nav.currentRow()
        return self._page_keys[row] if 0 <= row < len(self._page_keys) else ""

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(self._page_keys.index(key))

    def _nav_changed(self, row: int) -> None:
        if 0 <= row < len(self._page_keys):
            key = self._page_keys[row]
            page = self._pages[key] if self._deferring else self.ensure_page(key)
            self.stack.setCurrentWidget(page)

    @property
    def dashboard(self) -> DashboardPage:
        return self.ensure_page("dashboard")  # type: ignore[return-value]

    @property
    def prerequisites(self) -> PrerequisitesPage:
        return self.ensure_page("prerequisites")  # type: ignore[return-value]

    @property
    def catalog(self) -> CatalogPage:
        return self.ensure_page("catalog")  # type: ignore[return-value]

    @property
    def compare(self) -> ComparePage:
        return self.ensure_page("compare")  # type: ignore[return-value]

    def build_pages(self, lazy: bool = False) -> None:
        """The four pages: Dashboard, Prerequisites, Catalog, Compare (empty until the data opens).

        With ``lazy``, every page is a placeholder until the first paint is done: then
        ``finish_building`` builds the page on screen and ``build_remaining_pages`` the rest
        (a page is also built whenever it is first shown or asked for).
        """
        self._deferring = lazy
        for key, title in (
            ("dashboard", QCoreApplication.translate("MainWindow", "Dashboard")),
            ("prerequisites", QCoreApplication.translate("MainWindow", "Prerequisites")),
            ("catalog", QCoreApplication.translate("MainWindow", "Catalog")),
            ("compare", QCoreApplication.translate("MainWindow", "Compare")),
        ):
            if lazy:
                placeholder = QLabel(QCoreApplication.translate("MainWindow", "Loading…"))
                placeholder.setObjectName("Muted")
                placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
                self._unbuilt.add(key)
                self.add_page(key, title, placeholder)
            else:
                self.add_page(key, title, self._make_page(key))

    def finish_building(self) -> None:
        """Build the page on screen (after the first paint of a lazily built window)."""
        self._deferring = False
        key = self.current_page_key()
        if key:
            self.stack.setCurrentWidget(self.ensure_page(key))

    def _make_page(self, key: str) -> QWidget:
        if key == "dashboard":
            from tracker.ui.dashboard.page import DashboardPage

            dashboard = DashboardPage(self.context)
            dashboard.step_requested.connect(self._show_step)
            return dashboard
        if key == "prerequisites":
            from tracker.ui.prerequisites.page import PrerequisitesPage

            prerequisites = PrerequisitesPage(self.context)
            prerequisites.resource_requested.connect(self.show_resource)
            return prerequisites
        if key == "catalog":
            from tracker.ui.catalog.page import CatalogPage

            return CatalogPage(self.context)
        from tracker.ui.compare.page import ComparePage

        return ComparePage(self.context)

    def ensure_page(self, key: str) -> QWidget:
        """Build page ``key`` now if it is still a placeholder; return it."""
        if key in self._unbuilt:
            self._unbuilt.discard(key)
            self.replace_page(key, self._make_page(key))
            if self._splitters_restored:
                self._restore_splitters(self._pages[key])
        return self._pages[key]

    def build_remaining_pages(self) -> None:
        while self.build_next_page():
            pass

    def build_next_page(self) -> bool:
        """Build one page still a placeholder; False when none is left.

        The app builds them one per turn of the event loop after the page on screen has
        painted its data, so a keystroke in it waits for one page at most, not all.
        """
        self._deferring = False
        for key in list(self._page_keys):
            if key in self._unbuilt:
                self.ensure_page(key)
                return True
        return False

    def show_resource(self, slug: str) -> None:
        self.show_page("catalog")
        self.catalog.select_resource(slug)

    def _show_step(self, kind: str, slug: str) -> None:
        if kind == "resource":
            self.show_resource(slug)
        else:
            self.show_page("prerequisites")
            self.prerequisites.select_skill(slug)

    # --- menus ------------------------------------------------------------------------------

    def menu(self, name: str) -> QMenu:
        """The menu called ``name`` ("File", "Edit", "View", "Tools", "Help")."""
        return self._menus[name]

    def add_file_action(self, action: QAction) -> None:
        """Put ``action`` in the File menu above Quit (back up, restore, export)."""
        self.menu("File").insertAction(self.quit_action, action)

    def show_tools_menu(self) -> None:
        self._menus["Tools"].menuAction().setVisible(True)

    def focus_search(self) -> None:
        self.show_page("catalog")
        self.catalog.focus_search()

    def show_shortcuts(self) -> None:
        from tracker.ui.widgets.dialogs import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_about(self) -> None:
        from tracker.ui.widgets.dialogs import about_text

        QMessageBox.about(
            self,
            QCoreApplication.translate("MainWindow", "About Learning Path Tracker"),
            about_text(),
        )

    # --- theme ------------------------------------------------------------------------------

    def set_theme(self, mode: ThemeMode) -> None:
        """Switch to ``mode``: the palette, the frame and the page on screen now; a hidden page
        takes the theme's colours when it is next shown."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self._use_colors(apply_theme(app, mode))
            follow_palette(self)
            repolish_dialogs(app)
        self.theme_actions[mode].setChecked(True)
        self.settings.setValue("view/theme", mode.value)

    def _use_colors(self, colors: Colors) -> None:
        """The frame's parts and each page hold the theme's sheet (the app's has no colours)."""
        name_theme(self, colors)
        for widget in (self._sidebar, self.statusBar(), *self._pages.values()):
            restyle(widget, colors)

    def follow_system_scheme(self, _scheme: object = None) -> None:
        """The system switched light/dark: follow it if the learner chose 'system'."""
        if self.theme() is ThemeMode.SYSTEM:
            self.set_theme(ThemeMode.SYSTEM)

    def theme(self) -> ThemeMode:
        try:
            return ThemeMode(str(self.settings.value("view/theme", ThemeMode.SYSTEM.value)))
        except ValueError:
            return ThemeMode.SYSTEM

    # --- services and data ------------------------------------------------------------------

    def _services_opened(self) -> None:
        services = self.context.services
        self.show_paths(self.context.path_slug)
        self.saved_label.setText(
            QCoreApplication.translate("MainWindow", "All changes are saved as you make them")
        )
        if not self.context.path_slug:
            self.statusBar().showMessage(
                QCoreApplication.translate(
                    "MainWindow",
                    "No learning path is installed: use File › Import a learning path.",
                ),
                0,
            )
        if services.startup_notes:
            # e.g. "Today's automatic backup failed: …": the app works, the learner should know
            self.statusBar().showMessage("  ".join(services.startup_notes), 0)

    def _services_failed(self, message: str) -> None:
        self.saved_label.setText(
            QCoreApplication.translate("MainWindow", "Your data could not be opened")
        )
        self.show_message(
            QCoreApplication.translate("MainWindow", "Could not open your data"), message
        )

    def _path_chosen(self, index: int) -> None:
        slug = self.path_combo.itemData(index)
        if slug and self.context.is_open:
            self.context.set_path(str(slug))

    def _saved(self, at: datetime) -> None:
        self.saved_label.setText(
            QCoreApplication.translate("MainWindow", "Saved %s") % at.strftime("%H:%M:%S")
        )

    def show_save_failure(self, message: str) -> None:
        self.saved_label.setText(QCoreApplication.translate("MainWindow", "Not saved"))
        self.show_message(
            QCoreApplication.translate("MainWindow", "Your change was not saved"),
            message
            + "\n\n"
            + QCoreApplication.translate("MainWindow", "The window shows what is stored."),
        )

    def show_message(self, title: str, text: str) -> QMessageBox:
        """A non-blocking warning, owned by the window and deleted when closed."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setAccessibleName(title)
        box.open()
        return box

    # --- importing packs --------------------------------------------------------------------

    def import_pack(self, file: Path) -> bool:
        """Import ``file`` in the background, with a progress dialog; the window stays live."""
        return self.pack_import.import_file(file)

    @property
    def importer(self) -> PackImporter:
        return self.pack_import.importer

    def show_paths(self, selected: str) -> None:
        """Fill the path switcher with the installed paths, ``selected`` chosen."""
        blocked = self.path_combo.blockSignals(True)
        self.path_combo.clear()
        for path in self.context.services.packs.paths():
            self.path_combo.addItem(path.title, path.slug)
        self.path_combo.setCurrentIndex(self.path_combo.findData(selected))
        self.path_combo.blockSignals(blocked)

    # --- window state -----------------------------------------------------------------------

    def restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(QByteArray(geometry))
        key = str(self.settings.value("window/page", "dashboard"))
        self.show_page(key if key in self._pages else self._page_keys[0])
        self.theme_actions[self.theme()].setChecked(True)
        self.nav.setFocus(Qt.FocusReason.OtherFocusReason)

    def _restore_splitters(self, within: QWidget | None = None) -> None:
        for splitter in self._splitters(within):
            state = self.settings.value(f"splitters/{splitter.objectName()}")
            if isinstance(state, QByteArray | bytes):
                splitter.restoreState(QByteArray(state))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._splitters_restored:
            # after the window has its size, so the saved sizes are not rescaled
            self._splitters_restored = True
            self._restore_splitters()

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/page", self.current_page_key())
        for splitter in self._splitters():
            self.settings.setValue(f"splitters/{splitter.objectName()}", splitter.saveState())
        self.settings.sync()

    def _splitters(self, within: QWidget | None = None) -> list[QSplitter]:
        root: QWidget = within or self
        return [s for s in root.findChildren(QSplitter) if s.objectName()]

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.context.tasks.wait()  # a restore, import or export under way finishes first
        catalog = self._pages.get("catalog")
        stop_loading = getattr(catalog, "stop_loading", None)  # the page may be a placeholder
        if callable(stop_loading):
            stop_loading()  # a catalog still loading reads nothing after close
        self.save_state()
        self.context.close()
        super().closeEvent(event)
