"""Benchmarks are opt-in: collected only from this folder, run with --benchmark-only."""
