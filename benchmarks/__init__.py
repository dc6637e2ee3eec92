"""Benchmarks of the tracker against the floors of the libraries it stands on (not timed tests)."""
