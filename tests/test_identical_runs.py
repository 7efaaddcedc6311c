"""Identical runs give identical curves, and every validation pass is one exact pass over the
validation windows, on TensorFlow and on JAX: two executions of the same two fits (as notebook
05 runs its Dense network and its GRU, one after the other), with the same seed, give the same
histories to the last digit, and each epoch's val_loss is the MAE over all the validation
windows. Training batches come from ShuffledWindows (batch i of epoch e a function of seed, e
and i), validation and test from whole WindowDatasets: nothing depends on what Keras reads
ahead. (The worker's `generator` way, the old one, gave 2 different outcomes in 4 runs.)"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # subprocesses that train

WORKER = Path(__file__).with_name("identical_worker.py")


def run(backend, out):
    env = os.environ | {"KERAS_BACKEND": backend}
    done = subprocess.run([sys.executable, WORKER, "indexed", out], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(Path(out).read_text())


@pytest.mark.parametrize("backend", ["tensorflow", "jax"])
def test_two_executions_give_the_same_curves_each_validated_on_every_window(backend, tmp_path):
    first = run(backend, tmp_path / "first.json")
    second = run(backend, tmp_path / "second.json")
    assert first == second  # bit for bit
    assert [len(fit["history"]["val_loss"]) for fit in first] == [3, 3]
    assert first[0]["history"]["loss"] != first[1]["history"]["loss"]  # two models trained
    for fit in first:
        assert fit["history"]["val_loss"] == pytest.approx(fit["exact"], abs=2e-6)


IMDB_WORKER = Path(__file__).with_name("imdb_identical_worker.py")


def test_tensorflows_imdb_fits_with_the_same_seed_give_the_same_curves(tmp_path):
    # On TensorFlow only: JAX's ops are deterministic (the Jena test above fits on both), and
    # its SimpleRNN took 100 s here to compile and fit.
    # Without rnnbook.deterministic_ops() the two fits parted in the 7th digit of the loss
    # (0.6927367449 against 0.6927366853) in 2 of 3 runs of this worker.
    out = tmp_path / "fits.json"
    done = subprocess.run([sys.executable, IMDB_WORKER, "deterministic", "SimpleRNN", "2000",
                           out], env=os.environ | {"KERAS_BACKEND": "tensorflow"},
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    first, second = json.loads(out.read_text())
    assert first == second  # bit for bit
    assert len(first["val_loss"]) == 1
