"""Keras' own `timeseries_dataset_from_array`, called as `rnnbook.timeseries_windows` calls it,
cuts exactly the book's windows and targets (notebook 05): in order, one pass of the book's
generator (`rnnbook.WindowDataset`) batch for batch, then the last rows the generator never
reaches; shuffled, every window the generator draws from, each once."""

import numpy as np
import pytest
import rnnbook

# Row k of the data holds k in its temperature column (1) and k + 0.5 in the others: every
# window and target says which rows it was cut from.
ROWS = 700
DATA = np.arange(ROWS, dtype="float64")[:, None] + np.array([0.5, 0.0, 0.5])

# (lookback, step, delay, min_index, max_index, batch_size): the hourly file's windows, the
# book's on the official file (scaled down: step 6), a range that ends on a full batch, and
# the test split's max_index=None.
CASES = [
    (24, 1, 6, 0, 400, 32),
    (72, 6, 18, 10, 500, 16),
    (48, 2, 4, 100, 100 + 48 + 3 * 20 + 1, 20),
    (36, 3, 9, 401, None, 25),
]


def batches(dataset):
    return [(np.asarray(x), np.asarray(y)) for x, y in dataset]


@pytest.mark.parametrize("lookback, step, delay, min_index, max_index, batch_size", CASES)
def test_in_order_it_is_one_pass_of_the_book_generator_then_the_rows_it_skips(
        lookback, step, delay, min_index, max_index, batch_size):
    args = dict(lookback=lookback, delay=delay, min_index=min_index, max_index=max_index,
                batch_size=batch_size, step=step)
    keras_batches = batches(rnnbook.timeseries_windows(DATA, **args))
    book = rnnbook.WindowDataset(DATA, **args)
    assert len(keras_batches) in (len(book), len(book) + 1)
    for i in range(len(book)):
        samples, targets = book[i]
        np.testing.assert_array_equal(keras_batches[i][0], samples)
        np.testing.assert_array_equal(keras_batches[i][1], targets)
    last_row = (max_index or ROWS - delay - 1) - 1
    skipped = np.arange(min_index + lookback + len(book) * batch_size, last_row + 1)
    rest = keras_batches[len(book):]
    rest_rows = rest[0][1].astype(int) - delay if rest else np.array([], dtype=int)
    np.testing.assert_array_equal(rest_rows, skipped)


@pytest.mark.parametrize("lookback, step, delay, min_index, max_index, batch_size", CASES)
def test_shuffled_it_holds_every_window_the_generator_draws_from_once(
        lookback, step, delay, min_index, max_index, batch_size):
    dataset = rnnbook.timeseries_windows(DATA, lookback, delay, min_index, max_index,
                                         batch_size=batch_size, step=step, shuffle=True, seed=1)
    samples, targets = (np.concatenate(part) for part in zip(*batches(dataset)))
    rows = targets.astype(int) - delay  # the generator's row r: its target is r + delay
    max_index = max_index or ROWS - delay - 1
    np.testing.assert_array_equal(np.sort(rows), np.arange(min_index + lookback, max_index))
    assert not np.array_equal(rows, np.sort(rows))  # shuffled
    offsets = np.arange(-lookback, 0, step)
    np.testing.assert_array_equal(samples, DATA[rows[:, None] + offsets])


def test_bad_arguments_fail_as_the_generator_does():
    with pytest.raises(ValueError, match="lookback=600 does not fit between min_index=0"):
        rnnbook.timeseries_windows(DATA, 600, 6, 0, 500)
