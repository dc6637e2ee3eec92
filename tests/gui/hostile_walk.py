"""Walk every page and dialog over hostile content; report what showed and how memory grew.

tests/gui/test_hostile_content.py runs it in a process of its own, with the sentinel folder
(tests/gui/hostile.py) as the working directory, so that a file read without end (/dev/zero)
ends this process under its memory limit instead of the test run:

    QT_QPA_PLATFORM=offscreen python -m tests.gui.hostile_walk DATA_DIR PACK REPORT.json
        [--shots DIR --size 1024x700 --size 1600x1000]

Every item of every page is selected so its detail pane renders, every tooltip is shown, and
the dialogs that show content are opened: the own-resource and own-offer forms, the offer
delete question, the study log, the pack-import report and a refused pack, the warning box,
and the PDF report. REPORT.json says which labels rendered hostile text as rich text, which
tooltips did not show it literally, which text views kept an image, and the RSS before/after.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6 import QtGui
from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QEventLoop,
    QModelIndex,
    QPoint,
    QSettings,
    Qt,
    QTimer,
    SignalInstance,
)
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTextEdit,
    QToolTip,
    QWidget,
)

from tests.gui.hostile import limit_memory, statm
from tests.gui.shown import details_dialog
from tracker.app import build_window, open_data
from tracker.exchange import export
from tracker.ui.shell.main_window import MainWindow
from tracker.ui.widgets.dialogs import AddResourceDialog
from tracker.wiring import Settings

HOSTILE = re.compile(r"<(img|link|style|span|object|iframe)\b|/dev/zero", re.IGNORECASE)
TOOLTIP = "qtooltip_label"  # the label QToolTip shows tooltips in


def columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # a list widget's model keeps columnCount private: one column
        return 1


def indexes(model: QAbstractItemModel, parent: QModelIndex | None = None) -> Iterator[QModelIndex]:
    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        for column in range(columns(model, parent)):
            index = model.index(row, column, parent)
            yield index
            if column == 0:
                yield from indexes(model, index)


def rendered_as_rich_text(label: QLabel) -> bool:
    text_format = label.textFormat()
    if text_format == Qt.TextFormat.AutoText:
        return QtGui.Qt.mightBeRichText(label.text())
    return text_format in (Qt.TextFormat.RichText, Qt.TextFormat.MarkdownText)


class Walk:
    def __init__(self, app: QApplication, window: MainWindow) -> None:
        self.app = app
        self.window = window
        self.rich_labels: set[str] = set()
        self.markup_tooltips: set[str] = set()
        self.images_in_views: set[str] = set()
        self.hostile_labels = 0
        self.hostile_tooltips = 0
        self.steps: list[str] = []

    def settle(self) -> None:
        for _ in range(3):
            self.app.processEvents()
        # what an event loop would have deleted by now (the walk runs outside one)
        self.app.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def tops(self) -> list[QWidget]:
        return [w for w in self.app.topLevelWidgets() if w.isVisible()]

    def render(self, step: str, *widgets: QWidget) -> None:
        """Paint ``widgets`` (or every window) and check what each label and view shows."""
        self.settle()
        for widget in widgets or tuple(self.tops()):
            widget.grab()
        self.steps.append(step)
        for top in self.tops():
            labels = top.findChildren(QLabel) + ([top] if isinstance(top, QLabel) else [])
            for label in labels:
                if label.objectName() == TOOLTIP or not HOSTILE.search(label.text()):
                    continue  # tooltips are checked as they are shown
                self.hostile_labels += 1
                if rendered_as_rich_text(label):
                    name = type(label).__name__
                    self.rich_labels.add(f"{step}: {name} {label.text()[:70]!r}")
            for view in top.findChildren(QTextEdit):
                images = _images(view)
                if images:
                    self.images_in_views.add(f"{step}: {images} image(s) in {_name(view)}")

    def tooltips(self, step: str, root: QWidget) -> None:
        """Show every tooltip under ``root``: widgets', items' and headers'."""
        for widget in [root, *root.findChildren(QWidget)]:
            if widget.isVisible() and widget.toolTip():
                self._show_tip(step, widget.toolTip(), widget)
        for view in root.findChildren(QAbstractItemView):
            model = view.model()
            if model is None or not view.isVisible():
                continue
            for index in indexes(model):
                tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
                if tip:
                    self._show_tip(step, str(tip), view.viewport())
            for orientation, count in (
                (Qt.Orientation.Horizontal, columns(model, QModelIndex())),
                (Qt.Orientation.Vertical, model.rowCount()),
            ):
                for section in range(count):
                    tip = model.headerData(section, orientation, Qt.ItemDataRole.ToolTipRole)
                    if tip:
                        self._show_tip(step, str(tip), view)

    def _show_tip(self, step: str, tip: str, widget: QWidget) -> None:
        QToolTip.showText(widget.mapToGlobal(QPoint(4, 4)), tip, widget)
        self.app.processEvents()
        QToolTip.hideText()
        if not HOSTILE.search(tip):
            return
        self.hostile_tooltips += 1
        shown = (
            QTextDocumentFragment.fromHtml(tip).toPlainText()
            if QtGui.Qt.mightBeRichText(tip)
            else tip
        )
        if not HOSTILE.search(shown):
            self.markup_tooltips.add(f"{step}: {tip[:70]!r}")


def _images(view: QTextEdit) -> int:
    count = 0
    block = view.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            if fragments.fragment().charFormat().isImageFormat():
                count += 1
            fragments += 1
        block = block.next()
    return count


def _name(widget: QWidget) -> str:
    return widget.accessibleName() or widget.objectName() or type(widget).__name__


def wait_for(app: QApplication, *signals: SignalInstance) -> None:
    loop = QEventLoop()
    for signal in signals:
        signal.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    loop.exec()
    app.processEvents()


def walk_pages(walk: Walk, pack: Path, out: Path) -> None:
    app, window = walk.app, walk.window
    context = window.context

    window.show_page("dashboard")
    window.dashboard.progress.build_charts()
    walk.render("dashboard", window)
    walk.tooltips("dashboard", window.dashboard)
    log = window.dashboard.progress.open_study_log()
    walk.render("study log", log)
    walk.tooltips("study log", log)
    log.close()

    window.show_page("prerequisites")
    page = window.prerequisites
    checklist = context.services.checklist.checklist(context.path_slug)
    for item in checklist.all_items():
        page.select_skill(item.slug)
        walk.render(f"prerequisite {item.slug}", page)
        walk.tooltips(f"prerequisite {item.slug}", page.detail)
    walk.tooltips("prerequisites", page)

    window.show_page("catalog")
    catalog = window.catalog
    catalog.wait_for_loading()
    for row in range(catalog.model.rowCount()):
        catalog.table.selectRow(row)
        if row == 0:
            catalog.timer_button.button.click()  # the timer runs on a hostile title
        walk.render(f"catalog row {row}", catalog)
        walk.tooltips(f"catalog row {row}", catalog.detail)
    walk.tooltips("catalog", catalog)
    before = app.topLevelWidgets()
    catalog.add_own_resource()
    dialog = next(
        w for w in app.topLevelWidgets() if w not in before and isinstance(w, AddResourceDialog)
    )
    dialog.title_edit.setText("<img src='/dev/zero'> added in the form")
    walk.render("own resource form", dialog)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    walk.render("own resource added", catalog)

    window.show_page("compare")
    compare = window.compare
    compare.show_view(compare.WEIGHED)
    choose = compare
    recommendation = choose.recommendation()
    assert recommendation is not None
    for entry in recommendation.ranking:
        choose.select_option(entry.option.slug)
        walk.render(f"option {entry.option.slug}", choose)
        walk.tooltips(f"option {entry.option.slug}", choose)
    own = next(e.option.slug for e in recommendation.ranking if e.option.own)
    choose.select_option(own)
    choose.offers.edit_offer()
    assert choose.offers.offer_dialog is not None
    walk.render("own offer form", choose.offers.offer_dialog)
    walk.tooltips("own offer form", choose.offers.offer_dialog)
    choose.offers.offer_dialog.reject()
    choose.offers.delete_offer()
    assert choose.offers.confirm_box is not None
    walk.render("delete offer question", choose.offers.confirm_box)
    choose.offers.confirm_box.reject()
    compare.show_view(compare.ARTICLE)
    walk.render("what the article says", compare)
    walk.tooltips("what the article says", compare)

    window.show_page("dashboard")
    walk.render("dashboard after", window)
    walk.tooltips("dashboard after", window.dashboard)

    assert window.import_pack(pack)
    assert window.importer is not None
    wait_for(app, window.importer.finished, window.importer.failed)
    report_dialog = details_dialog(window)
    walk.render("pack import report", report_dialog)
    report_dialog.close()
    broken = out.parent / "broken.yaml"
    broken.write_text(f'format: 1\nslug: broken\ntitle: "<img src=\'/dev/zero\'>"\nx: "{pack}"\n')
    assert window.import_pack(broken)
    wait_for(app, window.importer.finished, window.importer.failed)
    refused = details_dialog(window)
    walk.render("pack refused", refused)
    refused.close()

    box = window.show_message("<img src='/dev/zero'> title", "<img src='/dev/zero'> message")
    assert isinstance(box, QMessageBox)
    walk.render("warning box", box)
    box.close()

    exported = export(
        context.services, "pdf", out.parent / "report.pdf", path_slug=context.path_slug
    )
    walk.steps.append(exported.message)


def save_shots(app: QApplication, window: MainWindow, folder: Path, sizes: list[str]) -> None:
    """The touched pages and forms at each size, with hostile content selected."""
    folder.mkdir(parents=True, exist_ok=True)
    context = window.context
    first_skill = context.services.checklist.checklist(context.path_slug).items[0].slug
    for size in sizes:
        width, height = (int(n) for n in size.split("x"))
        window.resize(width, height)
        window.prerequisites.select_skill(first_skill)
        window.catalog.table.selectRow(0)
        for key in ("dashboard", "prerequisites", "catalog", "compare"):
            window.show_page(key)
            views = [("", None)]
            if key == "compare":
                views = [("-weighed", window.compare.WEIGHED), ("-article", window.compare.ARTICLE)]
            for suffix, view in views:
                if view is not None:
                    window.compare.show_view(view)
                for _ in range(3):
                    app.processEvents()
                window.grab().save(str(folder / f"{key}{suffix}-{size}.png"))
        choose = window.compare
        recommendation = choose.recommendation()
        if recommendation is not None:
            own = next(e.option.slug for e in recommendation.ranking if e.option.own)
            choose.select_option(own)
            choose.offers.edit_offer()
            if choose.offers.offer_dialog is not None:
                app.processEvents()
                choose.offers.offer_dialog.grab().save(str(folder / f"offer-form-{size}.png"))
                choose.offers.offer_dialog.reject()
        log = window.dashboard.progress.open_study_log()
        app.processEvents()
        log.grab().save(str(folder / f"study-log-{size}.png"))
        log.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("pack", type=Path)
    parser.add_argument("report", type=Path)
    parser.add_argument("--shots", type=Path)
    parser.add_argument("--size", action="append", default=[])
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    settings = Settings.resolve(args.data_dir)
    ui_settings = QSettings(str(args.data_dir / "ui.ini"), QSettings.Format.IniFormat)
    window = build_window(settings, ui_settings)
    window.resize(1320, 840)
    window.show()
    app.processEvents()
    import tracker.ui.dashboard.charts  # noqa: F401  (pyqtgraph: its import is not the walk's growth)

    limit_memory()
    rss_before = statm(1)
    open_data(window)
    walk = Walk(app, window)
    walk_pages(walk, args.pack, args.report)
    rss_after = statm(1)
    if args.shots:
        save_shots(app, window, args.shots, args.size)
    args.report.write_text(
        json.dumps(
            {
                "rss_before": rss_before,
                "rss_after": rss_after,
                "rich_labels": sorted(walk.rich_labels),
                "markup_tooltips": sorted(walk.markup_tooltips),
                "images_in_views": sorted(walk.images_in_views),
                "hostile_labels": walk.hostile_labels,
                "hostile_tooltips": walk.hostile_tooltips,
                "revisits": window.dashboard.progress.revisits.list.count()
                if window.dashboard.progress.revisits
                else 0,
                "steps": walk.steps,
            },
            indent=1,
        )
    )
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
