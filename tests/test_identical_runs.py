"""Identical runs give identical curves: two executions of the same fits, with the same seed,
give the same histories to the last digit, on TensorFlow and on JAX. Training batches come
from ShuffledWindows (batch i of epoch e a function of seed, e and i), validation and test
from whole WindowDatasets: nothing depends on what Keras reads ahead."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # subprocesses that train

WORKER = Path(__file__).with_name("identical_worker.py")


def run(backend, way, out):
    env = os.environ | {"KERAS_BACKEND": backend}
    done = subprocess.run([sys.executable, WORKER, way, out], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(Path(out).read_text())


@pytest.mark.parametrize("backend", ["tensorflow", "jax"])
def test_two_executions_of_the_same_fits_give_the_same_curves(backend, tmp_path):
    first = run(backend, "indexed", tmp_path / "first.json")
    second = run(backend, "indexed", tmp_path / "second.json")
    assert first == second
    assert [len(fit["history"]["val_loss"]) for fit in first] == [3, 3]
    assert first[0]["history"]["loss"] != first[1]["history"]["loss"]  # two models trained
