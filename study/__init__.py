"""The reproduction study: the notebooks run over several seeds (run_all), the report that
sets them next to the book (report, reporting/), the benchmarks (bench, bench_jena) and the
Keras 2 study (keras2). It imports the course package `rnnbook` as installed
(`pip install -e .`, which `make` does in .venv) and is never imported by it.

Run its scripts from the repository's root as modules: `python -m study.report`.
"""

__all__ = []
