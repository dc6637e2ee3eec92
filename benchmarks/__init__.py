"""Scripts that measure and prove: crash and corruption tests, timings."""
