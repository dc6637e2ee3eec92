"""The main window's pages: dashboard, prerequisites, catalog and compare."""
