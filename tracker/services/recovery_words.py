"""What recovery says to a learner whose progress file cannot be opened: titles, plans, results."""

from __future__ import annotations

from tracker.storage.backups import FileProblem
from tracker.wording import QT_TRANSLATE_NOOP

GOOD_BACKUPS = QT_TRANSLATE_NOOP("Recovery", "Good backups, newest content first:")
DATES_AFTER_NOW = QT_TRANSLATE_NOOP(
    "Recovery",
    "Note: {name} holds the newest changes, but its dates are after now; "
    "check the list before you choose.",
)
DAMAGED_WILL_BE_KEPT = QT_TRANSLATE_NOOP(
    "Recovery", "The damaged file will be kept in the 'damaged' folder, never deleted."
)
FILE_IS_DAMAGED = {
    FileProblem.EMPTY: QT_TRANSLATE_NOOP(
        "Recovery", "The progress file {name} is empty: its contents are gone ({detail})."
    ),
    FileProblem.NOT_A_DATABASE: QT_TRANSLATE_NOOP(
        "Recovery",
        "The progress file {name} is not a database any more (something overwrote it) ({detail}).",
    ),
    FileProblem.TRUNCATED: QT_TRANSLATE_NOOP(
        "Recovery",
        "The progress file {name} is cut short, probably by a failed copy or a full disk "
        "({detail}).",
    ),
    FileProblem.CORRUPT: QT_TRANSLATE_NOOP(
        "Recovery", "The progress file {name} is damaged ({detail})."
    ),
}
INTERRUPTED_RECOVERY_FINISHED = QT_TRANSLATE_NOOP(
    "Recovery", "An interrupted recovery was finished"
)
COULD_NOT_OPEN = QT_TRANSLATE_NOOP(
    "Recovery", "Your data could not be opened, but it is not damaged"
)
NOT_CHANGED_NOT_DAMAGED = QT_TRANSLATE_NOOP(
    "Recovery",
    "Your progress file {database} was not changed; it is not damaged as far as the app can "
    "tell. Start the app again once this is fixed.",
)
NOT_A_FILE = QT_TRANSLATE_NOOP("Recovery", "Your progress file is not a file")
NOT_A_FILE_FIX = QT_TRANSLATE_NOOP("Recovery", "{detail}, then start again. Nothing was changed.")
OFFER_BACKUP_OR_FRESH = QT_TRANSLATE_NOOP(
    "Recovery",
    "You can go back to a good backup (the one with the newest content is suggested; you "
    "lose only what you did after it), or start fresh.",
)
OFFER_FRESH = QT_TRANSLATE_NOOP(
    "Recovery", "There is no backup to go back to, so the app can start with a fresh database."
)
DAMAGED = QT_TRANSLATE_NOOP("Recovery", "Your progress file is damaged")
MISSING = QT_TRANSLATE_NOOP("Recovery", "Your progress file is missing")
MISSING_WITH_BACKUPS = QT_TRANSLATE_NOOP(
    "Recovery",
    "There is no progress file at {database}, but this data folder has {backups} in "
    "{backup_folder}: your progress existed. The app did not create an empty one over it. "
    "Go back to a good backup, or start fresh if you mean to.",
)
MISSING_WITH_DAMAGED = QT_TRANSLATE_NOOP(
    "Recovery",
    "There is no progress file at {database}, but this data folder has {files} in "
    "{damaged_folder}: your progress existed. The app did not create an empty one over it. "
    "Go back to a good backup, or start fresh if you mean to.",
)
MISSING_WITH_BOTH = QT_TRANSLATE_NOOP(
    "Recovery",
    "There is no progress file at {database}, but this data folder has {backups} in "
    "{backup_folder} and {files} in {damaged_folder}: your progress existed. The app did not "
    "create an empty one over it. Go back to a good backup, or start fresh if you mean to.",
)
FROM_NEWER_VERSION = QT_TRANSLATE_NOOP("Recovery", "Your progress file is from a newer version")
WRITTEN_BY_NEWER_VERSION = QT_TRANSLATE_NOOP(
    "Recovery",
    "This database was written by a newer Learning Path Tracker (version {written_by}, "
    "schema {revision}); this is version {version} (schema {schema}). Update the app to open "
    "it. The file was left unchanged.",
)
DAMAGED_IS_NEWER = QT_TRANSLATE_NOOP("Recovery", "A damaged file is newer than your progress")
DAMAGED_WRITTEN_AFTER_CHANGE = QT_TRANSLATE_NOOP(
    "Recovery",
    "{file} was last written {written} UTC, after your progress file (the last change in it "
    "is from {last} UTC). It may hold progress your current file lacks; it is kept, not "
    "deleted. If you did not choose to start fresh or to go back to a backup, close the app "
    "and ask for help before you work on.",
)
DAMAGED_WRITTEN_NO_CHANGES = QT_TRANSLATE_NOOP(
    "Recovery",
    "{file} was last written {written} UTC, after your progress file (it has no changes). "
    "It may hold progress your current file lacks; it is kept, not deleted. If you did not "
    "choose to start fresh or to go back to a backup, close the app and ask for help before "
    "you work on.",
)
RESUMED_AND_FINISHED = QT_TRANSLATE_NOOP(
    "Recovery",
    "A recovery was interrupted (the app stopped while it put {source} in place); it has been "
    "finished now. Damaged files are kept in {damaged}.",
)
COULD_NOT_RESUME = QT_TRANSLATE_NOOP(
    "Recovery",
    "An interrupted recovery could not be finished ({problem}); nothing more was changed.",
)
RESUMED_COMPLETE = QT_TRANSLATE_NOOP(
    "Recovery",
    "A recovery was interrupted just after it put {source} in place; it is complete.",
)
NOTHING_LOST = QT_TRANSLATE_NOOP(
    "Recovery",
    "An earlier recovery was interrupted before it replaced anything; nothing was lost.",
)
NOT_POSSIBLE = QT_TRANSLATE_NOOP(
    "Recovery", "That way of recovering is not possible here: {explanation}"
)
NO_BACKUP_CALLED = QT_TRANSLATE_NOOP(
    "Recovery", "There is no good backup called {name}. Good backups: {names}."
)
NO_BACKUP_CALLED_AND_NONE = QT_TRANSLATE_NOOP(
    "Recovery", "There is no good backup called {name}. Good backups: none."
)
NO_GOOD_BACKUP = QT_TRANSLATE_NOOP("Recovery", "There is no good backup to go back to.")
NOTHING_WAS_CHANGED = QT_TRANSLATE_NOOP("Recovery", "Nothing was changed.")
RESTORED = QT_TRANSLATE_NOOP(
    "Recovery", "Restored your backup {name} ({taken} UTC). It holds: {contents}."
)
STARTED_FRESH = QT_TRANSLATE_NOOP("Recovery", "Started fresh.")
DAMAGED_KEPT_IN = QT_TRANSLATE_NOOP("Recovery", "The damaged file is kept in {damaged}.")
