"""Benchmarks for Casework Trainer: each figure is a ratio against a raw baseline.

Every benchmark module is named ``*_bench.py`` and exposes
``run(quick: bool) -> list[Row]``; ``python -m bench`` (or ``python bench/run.py``)
runs them all and prints one table. See docs/performance.md.
"""
