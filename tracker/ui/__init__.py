"""The Qt desktop app: pages, dialogs and item models over the services (no SQL here)."""
