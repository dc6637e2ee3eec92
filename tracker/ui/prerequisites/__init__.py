"""The Prerequisites page: the checklist tree and the detail of one skill."""
