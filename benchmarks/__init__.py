"""On-demand benchmarks; results and the commands that reproduce them are in BENCHMARKS.md."""
