"""What the comparison says to a learner below the GUI: undo labels, refusals and notes."""

from __future__ import annotations

from tracker.wording import QT_TRANSLATE_NOOP

SET_SITUATION = QT_TRANSLATE_NOOP("Choosing", "Set {fields}")
WEIGH = QT_TRANSLATE_NOOP("Choosing", "Weigh {criteria}")
RESET_WEIGHTS = QT_TRANSLATE_NOOP("Choosing", "Reset the weights")
ADD_OFFER = QT_TRANSLATE_NOOP("Choosing", "Add {title}")
EDIT_OFFER = QT_TRANSLATE_NOOP("Choosing", "Edit {title}")
DUPLICATE_OFFER = QT_TRANSLATE_NOOP("Choosing", "Duplicate {title}")
DELETE_OFFER = QT_TRANSLATE_NOOP("Choosing", "Delete {title}")
CHOOSE = QT_TRANSLATE_NOOP("Choosing", "Choose {title}")
CLEAR_CHOICE = QT_TRANSLATE_NOOP("Choosing", "Clear my choice")
COPY_TITLE = QT_TRANSLATE_NOOP("Choosing", "{title} (copy)")

NO_OPTION = QT_TRANSLATE_NOOP("Choosing", "There is no option {slug!r} in the {path!r} path.")
NOT_OWN = QT_TRANSLATE_NOOP("Choosing", "{slug!r} is not one of your own offers in {path!r}.")
EXPORT_FORMATS = QT_TRANSLATE_NOOP("Choosing", "Export to a .csv or .md file, not {name!r}.")

SKIPPED_ONE = QT_TRANSLATE_NOOP("Choosing", "1 saved offer could not be read and is left out.")
SKIPPED = QT_TRANSLATE_NOOP("Choosing", "{count} saved offers could not be read and are left out.")
UNREADABLE_ONE = QT_TRANSLATE_NOOP(
    "Choosing", "Your saved {names} could not be read, so it is not weighed: set it again."
)
UNREADABLE = QT_TRANSLATE_NOOP(
    "Choosing", "Your saved {names} could not be read, so they are not weighed: set them again."
)
