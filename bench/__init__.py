"""Benchmarks: `make bench` (or `python -m bench`). Not part of the test suite."""
