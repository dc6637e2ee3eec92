"""Run the tracker with ``python -m tracker``."""

from tracker.cli import main

raise SystemExit(main())
