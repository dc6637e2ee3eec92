"""Learning Path Tracker: an offline tracker for learning a technology."""

__version__ = "0.1.0"
