"""rnnbook.jena_task: notebook 05's preparation in one call, for the notebooks after it."""

import numpy as np
import pytest

import rnnbook
from conftest import SHARED_JENA

needs_station_files = pytest.mark.skipif(not SHARED_JENA, reason="RNN_JENA_CSV not set")


THREE_PERIODS = "Jena 2021-07-01 to 2024-10-20 (3 periods), NOT the book's data"


@pytest.fixture(scope="module")
def task():
    task = rnnbook.jena_task()
    if task.jena.label != THREE_PERIODS:
        pytest.skip("the checked numbers are those of the three station periods")
    return task


@needs_station_files
def test_the_naive_baseline_is_notebook_05s(task):
    # notebook 05's checked output on the three station periods
    assert round(task.naive_mae("val"), 4) == 0.3657
    assert round(task.naive_mae("test"), 4) == 0.3642
    assert (task.steps("val"), task.steps("test")) == (100, 122)


@needs_station_files
def test_training_rows_are_normalised_and_the_rest_only_shifted_by_them(task):
    train = task.data[: task.splits["train"][1]]
    np.testing.assert_allclose(train.mean(axis=0), 0, atol=1e-6)
    np.testing.assert_allclose(train.std(axis=0), 1, atol=1e-6)
    assert round(task.temperature_std, 2) == 7.52


@needs_station_files
def test_reversed_windows_are_the_same_windows_read_from_their_end(task):
    forward, backward = task.windows("val"), task.windows("val", reverse=True)
    for _ in range(2):
        (samples, targets), (reversed_samples, same_targets) = next(forward), next(backward)
        np.testing.assert_array_equal(reversed_samples, samples[:, ::-1])
        np.testing.assert_array_equal(same_targets, targets)
