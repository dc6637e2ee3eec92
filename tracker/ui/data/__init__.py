"""Data actions: backups, recovery, the database check, import and export."""
