"""Progress widgets for the dashboard: the study timer, the study-log editor and the charts."""
