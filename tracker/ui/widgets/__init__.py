"""Widgets every page uses: safe text, labels, dialogs and the page base."""
