"""The application shell: the QApplication, the main window, theme, crash dialog, context."""
