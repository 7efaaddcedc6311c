"""Every validation pass of the Jena notebooks' `fit` is exactly one pass over the validation
windows, on TensorFlow and on JAX: two seeded fits give identical curves, and each epoch's
val_loss is the MAE over all the windows."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # subprocesses that train

WORKER = Path(__file__).with_name("exact_worker.py")


def fits(backend, validation, tmp_path):
    out = tmp_path / f"{backend}-{validation}.json"
    env = os.environ | {"KERAS_BACKEND": backend}
    done = subprocess.run([sys.executable, WORKER, validation, out], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(out.read_text())


@pytest.mark.parametrize("backend", ["tensorflow", "jax"])
def test_two_seeded_fits_validate_on_exactly_the_validation_windows(backend, tmp_path):
    result = fits(backend, "dataset", tmp_path)
    first, second = result["runs"]
    assert first == second  # bit for bit
    assert first == pytest.approx(result["exact"], abs=2e-6)


def test_the_same_check_fails_on_the_books_generator(tmp_path):
    # what the check above would catch: from epoch 2, Keras evaluates other batches
    result = fits("tensorflow", "generator", tmp_path)
    first, _ = result["runs"]
    assert first[0] == pytest.approx(result["exact"][0], abs=2e-6)
    assert first[1:] != pytest.approx(result["exact"][1:], abs=2e-6)
