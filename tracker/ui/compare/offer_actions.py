"""The Compare page's actions on the selected option: add, edit, duplicate, delete, choose."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QWidget

from tracker.domain.choosing import Option
from tracker.services.choosing import offer_fields, validate_offer
from tracker.ui.compare.offer import OfferDialog
from tracker.ui.shell.context import AppContext
from tracker.ui.widgets.safe_text import isolate


class OfferActions(QWidget):
    """The row of buttons under the ranking; each action is one undo step."""

    offer_saved = Signal(str, bool)
    """An offer was added or changed: its slug, and whether to tick it for comparison."""
    offer_deleted = Signal()
    choice_made = Signal(str)
    message = Signal(str, bool)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._option: Option | None = None
        self.offer_dialog: OfferDialog | None = None
        self.confirm_box: QMessageBox | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self.add_button = QPushButton(self.tr("Add &offer…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.duplicate_button = QPushButton(self.tr("Duplicate"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.choose_button = QPushButton(self.tr("★ &Mark as my choice"))
        self.choose_button.setObjectName("Primary")
        self.add_button.setToolTip(self.tr("Add a bootcamp, class or course you are considering"))
        self.duplicate_button.setToolTip(self.tr("Copy the selected option into an offer of yours"))
        self.add_button.clicked.connect(self.add_offer)
        self.edit_button.clicked.connect(self.edit_offer)
        self.duplicate_button.clicked.connect(self.duplicate_offer)
        self.delete_button.clicked.connect(self.delete_offer)
        self.choose_button.clicked.connect(self.mark_choice)
        for button in (
            self.add_button,
            self.edit_button,
            self.duplicate_button,
            self.delete_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.choose_button)

    def set_current(self, option: Option | None, chosen: bool) -> None:
        """The option the actions apply to (None: nothing selected), and whether it is chosen."""
        self._option = option
        own = option is not None and option.own
        self.edit_button.setEnabled(own)
        self.delete_button.setEnabled(own)
        self.duplicate_button.setEnabled(option is not None)
        self.choose_button.setEnabled(option is not None and not chosen)
        self.choose_button.setText(
            self.tr("★ Your choice") if chosen else self.tr("★ &Mark as my choice")
        )

    # --- offers ----------------------------------------------------------------------------

    def add_offer(self) -> None:
        """Open the offer form (not modal to the app, so a test or the user can fill it)."""
        self._open_dialog(self.tr("Add an offer"), None, None)

    def edit_offer(self) -> None:
        option = self._option
        if option is None:
            return
        if not option.own:
            self.message.emit(
                self.tr("Only your own offers can be edited: duplicate this one first."), True
            )
            return
        self._open_dialog(
            self.tr("Edit %s") % isolate(option.title), option.slug, offer_fields(option)
        )

    def _open_dialog(self, title: str, slug: str | None, initial: dict[str, Any] | None) -> None:
        saved: list[str] = []
        choosing = self.context.services.choosing
        path = self.context.path_slug

        def save(fields: dict[str, Any]) -> None:
            validate_offer(fields)  # problems show next to their fields, nothing is saved
            # a refusal (a full disk, a duplicate title) raises here: the dialog shows it and
            # stays open with what was typed; a saved offer is one undo step like any other
            if slug is None:
                added = choosing.add_offer(path, fields)
                self.context.apply(added)
                saved.append(added.value)
            else:
                self.context.apply(choosing.update_offer(path, slug, fields))
                saved.append(slug)

        dialog = OfferDialog(save, initial, self, title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)

        def accepted() -> None:
            self.offer_saved.emit(saved[-1], slug is None)
            self.message.emit(self.tr("Saved %s.") % dialog.fields()["title"], False)

        dialog.accepted.connect(accepted)
        self.offer_dialog = dialog
        dialog.open()

    def duplicate_offer(self) -> None:
        option = self._option
        if option is None:
            return
        choosing, path = self.context.services.choosing, self.context.path_slug
        copy = self.context.run(lambda: choosing.duplicate_offer(path, option.slug))
        if copy is None:
            return
        self.offer_saved.emit(copy, False)
        self.message.emit(
            self.tr("Duplicated as your own offer: edit it to enter a real offer's details."),
            False,
        )

    def delete_offer(self) -> None:
        option = self._option
        if option is None:
            return
        if not option.own:
            self.message.emit(self.tr("Offers that come with the path cannot be deleted."), True)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete offer"),
            self.tr("Delete %s? Edit › Undo brings it back; its history stays in your log.")
            % isolate(option.title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setWindowModality(Qt.WindowModality.WindowModal)

        def answered(button: int) -> None:
            if QMessageBox.StandardButton(button) != QMessageBox.StandardButton.Yes:
                return
            choosing, path = self.context.services.choosing, self.context.path_slug
            if self.context.run(lambda: choosing.delete_offer(path, option.slug)) is None:
                return
            self.message.emit(
                self.tr("Deleted %s. Edit › Undo brings it back.") % isolate(option.title), False
            )
            self.offer_deleted.emit()

        box.finished.connect(answered)
        self.confirm_box = box
        box.open()

    # --- choice ----------------------------------------------------------------------------

    def mark_choice(self) -> None:
        option = self._option
        if option is None:
            return
        self.context.flush_requested.emit()  # a weight still moving counts in today's ranking
        choosing, path = self.context.services.choosing, self.context.path_slug
        if self.context.run(lambda: choosing.choose(path, option.slug)) is None:
            return
        self.message.emit(
            self.tr("Recorded your choice: %s, with today's ranking.") % isolate(option.title),
            False,
        )
        self.choice_made.emit(option.slug)
