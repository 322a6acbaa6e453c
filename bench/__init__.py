"""Rakor's benchmark harness: `make bench` (python -m bench.run), see docs/benchmarks.md.

The orchestrator (run.py) generates the scale databases (generate.py, COPY), then measures
each scale in child processes with DATABASE_URL pointing at that scale's database, so every
figure is taken against the data it names. Nothing here is imported by the app.
"""
