"""Tests import the course package as installed (`pip install -e .`, as `make` does) and the
study and the tools from the repository's root (pytest.ini's pythonpath)."""

import os
from pathlib import Path

import pytest

import rnnbook  # noqa: F401  (sets TensorFlow's environment before Keras loads)

ROOT = Path(__file__).resolve().parent.parent

# The real offline data, where this machine has it (CI: ../shared/data).
SHARED_DATA = os.environ.get("RNN_DATA_DIR")


def _shared(name):
    """A folder of the shared offline data, or None where this machine has none."""
    folder = Path(SHARED_DATA or "/nonexistent") / name
    return folder if folder.is_dir() else None


SHARED_STATION = _shared("jena")  # the station's 10-minute periods (2020, 2021, 2024)
SHARED_HOURLY = _shared("jena_hourly")  # the book's period, hourly, 6 features


@pytest.fixture
def env(monkeypatch):
    """A clean slate: none of the project's variables set; tests set what they need."""
    for name in ("RNN_QUICK", "RNN_SEED", "RNN_DATA_DIR", "RNN_JENA_CSV", "RNN_JENA_HOURLY",
                 "RNN_CHECKPOINTS_DIR"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


# The modules that wait most (on kills, Chromium, a grading timeout, subprocesses), the kill
# tests (the longest) first. `make test` starts them first, while the JAX pass takes the cores
# they leave idle; started in collection order, the kill tests and the decks ran on after the
# JAX pass ended, and the cores were idle a sixth of that time (vmstat).
WAITING = ("test_resume.py", "test_slides.py", "test_identical_runs.py", "test_grade.py")


def pytest_collection_modifyitems(items):
    """The modules that wait first, then the other slow ones and the notebooks in their order,
    the fast tests last. Two workers each take a module at a time (`make test`: --dist
    loadscope, in this order): the short modules then fill in at the end, and no long one
    starts when the other worker is almost done. xdist's own order, by number of tests,
    started test_identical_runs (3 tests, 64 s) last."""
    def order(item):
        fast = isinstance(item, pytest.Function) and item.get_closest_marker("slow") is None
        name = item.path.name
        return fast, WAITING.index(name) if name in WAITING else len(WAITING)

    items.sort(key=order)
