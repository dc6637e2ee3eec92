"""The pages of the main window, each a widget built from the services it needs."""
