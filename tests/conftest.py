"""Tests import the helpers module the notebooks use, from notebooks/, and the tools, from tools/."""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "notebooks"))  # rnnbook, the helpers the notebooks import
sys.path.insert(0, str(ROOT / "tools"))  # the scripts that run, time and report them

import rnnbook  # noqa: E402,F401  (sets TensorFlow's environment before Keras loads)

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
    for name in ("RNN_QUICK", "RNN_SEED", "RNN_DATA_DIR", "RNN_JENA_CSV", "RNN_JENA_HOURLY"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch
