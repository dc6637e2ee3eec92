"""Scripts that measure and prove: benchmarks beside their floors, crash and corruption tests."""
