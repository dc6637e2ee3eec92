"""The Qt desktop app: the only layer that imports Qt; it calls services and holds no SQL."""
