"""rnnbook.jena_task: notebook 05's pipeline in one call, on the real files where they are.

The hourly 2009-2016 file is the data of the stored outputs; the station's four 10-minute
periods keep the 10-minute path (the official file's) tested.
"""

from types import SimpleNamespace

import numpy as np
import pytest

import rnnbook
import rnnbook.lessons.task
from conftest import SHARED_HOURLY, SHARED_STATION


def task_on(folder):
    if folder is None:
        pytest.skip("the shared offline data is not on this machine")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("RNN_JENA_CSV", str(folder))
        return rnnbook.jena_task()


@pytest.fixture(scope="module")
def hourly():
    return task_on(SHARED_HOURLY)


@pytest.fixture(scope="module")
def station():
    return task_on(SHARED_STATION)


def test_hourly_windows_are_the_books_in_hours(hourly):
    assert (hourly.lookback, hourly.step, hourly.delay) == (240, 1, 24)
    assert hourly.splits == {"train": (0, 33308), "val": (33309, 49962), "test": (49963, None)}


def test_hourly_naive_baseline_is_the_books(hourly):
    # notebook 05's checked output; the book's 0.2897 on the official file
    assert round(hourly.naive_mae("val"), 4) == 0.2896
    assert round(hourly.naive_mae("test"), 4) == 0.3058
    assert (hourly.steps("val"), hourly.steps("test")) == (128, 154)
    assert round(hourly.temperature_std, 3) == 8.848


def test_station_windows_are_the_books_own_numbers(station):
    assert (station.lookback, station.step, station.delay) == (1440, 6, 144)
    samples, targets = next(station.windows("train"))
    assert samples.shape == (128, 240, 14) and targets.shape == (128,)


def test_station_fast_generator_gives_the_books_batches(station):
    args = dict(lookback=station.lookback, delay=station.delay, step=station.step,
                min_index=station.splits["val"][0], max_index=station.splits["val"][1])
    for shuffle in (False, True):
        np.random.seed(0)
        book = rnnbook.generator(station.data, shuffle=shuffle, **args)
        book_batches = [next(book) for _ in range(3)]
        np.random.seed(0)
        fast = rnnbook.fast_generator(station.data, shuffle=shuffle, **args)
        for (b_samples, b_targets), (f_samples, f_targets) in zip(book_batches, fast):
            np.testing.assert_array_equal(f_samples, b_samples)
            np.testing.assert_array_equal(f_targets, b_targets)


def test_station_naive_baseline(station):
    assert round(station.naive_mae("val"), 4) == 0.3482
    assert round(station.naive_mae("test"), 4) == 0.3673
    assert (station.steps("val"), station.steps("test")) == (198, 240)


@pytest.mark.parametrize("which", ["hourly", "station"])
def test_training_rows_are_normalised_and_the_rest_only_shifted_by_them(request, which):
    task = request.getfixturevalue(which)
    train = task.data[: task.splits["train"][1]]
    np.testing.assert_allclose(train.mean(axis=0), 0, atol=1e-6)
    np.testing.assert_allclose(train.std(axis=0), 1, atol=1e-6)


def test_reversed_windows_are_the_same_windows_read_from_their_end(hourly):
    forward, backward = hourly.windows("val"), hourly.windows("val", reverse=True)
    for _ in range(2):
        (samples, targets), (reversed_samples, same_targets) = next(forward), next(backward)
        np.testing.assert_array_equal(reversed_samples, samples[:, ::-1])
        np.testing.assert_array_equal(same_targets, targets)


def test_hourly_training_mean_baseline(hourly):
    # predicting the training mean (0) every time: notebook 05's second baseline
    batches = hourly.windows("val")
    targets = np.concatenate([next(batches)[1] for _ in range(hourly.steps("val"))])
    assert hourly.mean_mae("val") == pytest.approx(np.mean(np.abs(targets)), rel=1e-12)


def synthetic_task(train_batches=500, eval_batches=None, rows=4000):
    data = np.random.default_rng(0).normal(size=(rows, 6))
    return rnnbook.lessons.task.JenaTask(SimpleNamespace(label="synthetic"), data,
                                         rnnbook.jena_splits(rows), 1.0, lookback=24, step=1,
                                         delay=6, train_batches=train_batches,
                                         eval_batches=eval_batches)


def test_a_quick_task_validates_and_tests_on_the_first_batches_of_each_split():
    full, quick = synthetic_task(), synthetic_task(train_batches=10, eval_batches=2)
    assert (len(full.training(0)), len(quick.training(0))) == (500, 10)
    assert len(full.validation()) == full.steps("val") == 7 and len(quick.validation()) == 2
    assert len(full.test()) == full.steps("test") and len(quick.test()) == 2
    for i in range(2):  # the same first batches, and nothing read beyond them
        np.testing.assert_array_equal(quick.validation()[i][0], full.validation()[i][0])
    assert quick.naive_mae("val") == full.naive_mae("val")  # baselines: the whole split
