"""Tests import the helpers module the notebooks use, from notebooks/."""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "notebooks"))

import rnnbook  # noqa: E402,F401  (sets TensorFlow's environment before Keras loads)

# The real offline data, where this machine has it (CI: ../shared/data).
SHARED_DATA = os.environ.get("RNN_DATA_DIR")
SHARED_JENA = os.environ.get("RNN_JENA_CSV")


@pytest.fixture
def env(monkeypatch):
    """A clean slate: none of the project's variables set; tests set what they need."""
    for name in ("RNN_QUICK", "RNN_SEED", "RNN_DATA_DIR", "RNN_JENA_CSV"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch
