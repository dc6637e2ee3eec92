"""The Qt layer: windows, dialogs and item models. It calls services and contains no SQL."""
