"""The Jena lesson's windows: the book's splits; its lookback, step and delay in hours; its
`generator` (the tested copy of notebook 05's), a faster twin that yields the same batches,
the batches in one pass, the arguments checked first; `WindowDataset`, the same in-order
batches as an indexed dataset that Keras evaluates exactly; the same windows by Keras' own
`timeseries_dataset_from_array`; the windows that span a gap."""

import keras
import numpy as np

from ..data.jena import reading_interval

__all__ = ["BOOK_ROWS", "jena_splits", "check_window_args", "generator", "fast_generator",
           "batches_per_pass", "WindowDataset", "ShuffledWindows", "evaluated_batches",
           "timeseries_windows", "window_args", "windows_across_gaps"]

BOOK_ROWS = 420551  # rows of the official file, which the book's split indices refer to


def jena_splits(rows):
    """(min_index, max_index) of train, val and test: the book's, scaled to `rows`.

    On the official file these are the book's 0-200000, 200001-300000, 300001-end; on any
    other file, the same fractions of its length.
    """
    train_end = round(200000 * rows / BOOK_ROWS)
    val_end = round(300000 * rows / BOOK_ROWS)
    return {"train": (0, train_end), "val": (train_end + 1, val_end), "test": (val_end + 1, None)}


def check_window_args(data, lookback, delay, min_index, max_index, batch_size, step):
    """The generator's max_index (None: the last row with a target, plus one), checked.

    Raises ValueError, with the fix, for arguments that give no valid (window, target).
    """
    if step <= 0 or batch_size <= 0 or lookback <= 0 or delay < 0:
        raise ValueError(
            f"step={step}, batch_size={batch_size}, lookback={lookback}, delay={delay}: "
            "step, batch_size and lookback must be positive, delay not negative"
        )
    if lookback % step:
        raise ValueError(
            f"lookback={lookback} is not a multiple of step={step}: each window must hold "
            "lookback // step rows"
        )
    if lookback + delay >= len(data):
        raise ValueError(
            f"lookback={lookback} and delay={delay} need more than the data's {len(data)} "
            "rows for a single window and its target: shorten them or use more data"
        )
    named = f"max_index={max_index}"
    if max_index is None:
        max_index = len(data) - delay - 1
        named = f"max_index=None (row {max_index}, the last with a target)"
    if not 0 <= min_index < max_index:
        raise ValueError(f"min_index={min_index} must be >= 0 and below {named}")
    if max_index + delay > len(data):  # the last row, max_index - 1, needs a target
        raise ValueError(
            f"{named} with delay={delay} puts targets past the last row "
            f"({len(data) - 1}): use max_index <= {len(data) - delay}, or None"
        )
    if min_index + lookback >= max_index:
        raise ValueError(
            f"lookback={lookback} does not fit between min_index={min_index} and "
            f"{named}: widen the range or shorten the lookback"
        )
    return max_index


def _batch_rows(min_index, max_index, lookback, shuffle, batch_size):
    """The book's generator, first half (as notebook 05 splits it): the rows that each
    batch's windows end before; shared, so that both generators draw the same rows."""
    i = min_index + lookback
    while 1:
        if shuffle:
            rows = np.random.randint(min_index + lookback, max_index, size=batch_size)
        else:
            if i + batch_size >= max_index:
                i = min_index + lookback
            rows = np.arange(i, min(i + batch_size, max_index))
            i += len(rows)
        yield rows


def generator(data, lookback, delay, min_index, max_index, shuffle=False, batch_size=128, step=6):
    """The book's generator (listing 6.33); its arguments are checked when it is created.

    Yields (samples, targets): samples[j] holds every `step`-th row of the `lookback` rows
    before rows[j]; targets[j] is the temperature (column 1) `delay` rows after rows[j].
    In order (shuffle=False), it yields only full batches: when the next batch would reach
    max_index it starts again at min_index + lookback, so rows >= max_index - batch_size may
    be skipped, and max_index itself is never a row.
    """
    max_index = check_window_args(data, lookback, delay, min_index, max_index, batch_size, step)

    def batches():
        for rows in _batch_rows(min_index, max_index, lookback, shuffle, batch_size):
            samples = np.zeros((len(rows), lookback // step, data.shape[-1]))
            targets = np.zeros((len(rows),))
            for j, row in enumerate(rows):
                indices = range(rows[j] - lookback, rows[j], step)
                samples[j] = data[indices]
                targets[j] = data[rows[j] + delay][1]
            yield samples, targets

    return batches()


def fast_generator(
    data, lookback, delay, min_index, max_index, shuffle=False, batch_size=128, step=6
):
    """The book's generator with the per-row loop replaced by one NumPy fancy index.

    Same arguments, same checks, same rows in the same order, the same batches, bit for bit.
    """
    max_index = check_window_args(data, lookback, delay, min_index, max_index, batch_size, step)
    offsets = np.arange(-lookback, 0, step)  # window positions relative to a row

    def batches():
        for rows in _batch_rows(min_index, max_index, lookback, shuffle, batch_size):
            yield data[rows[:, None] + offsets], data[rows + delay, 1]

    return batches()


def batches_per_pass(min_index, max_index, lookback, batch_size):
    """How many batches the in-order generator yields before it starts again.

    Full batches only, except when the rows fit in one batch: then every batch is that one.
    """
    return max(1, (max_index - (min_index + lookback) - 1) // batch_size)


class WindowDataset(keras.utils.PyDataset):
    """One in-order pass of the book's windows as an indexed dataset: batch `i` is the i-th
    batch of `generator(..., shuffle=False)`, the same windows and targets.

    Keras asks for batches by index, from 0, at every evaluation: each validation pass sees
    exactly these batches, in order, on every backend. A Python generator cannot promise
    that (notebook 05 shows what Keras evaluates from one). `reverse`: each window read from
    its end (notebook 06).
    """

    def __init__(self, data, lookback, delay, min_index, max_index, batch_size=128, step=6,
                 reverse=False):
        super().__init__()
        self.max_index = check_window_args(data, lookback, delay, min_index, max_index,
                                           batch_size, step)
        self.data, self.delay, self.batch_size, self.reverse = data, delay, batch_size, reverse
        self.first_row = min_index + lookback
        self.offsets = np.arange(-lookback, 0, step)  # window positions relative to a row
        self.batches = batches_per_pass(min_index, self.max_index, lookback, batch_size)

    def __len__(self):
        return self.batches

    def __getitem__(self, i):
        if not 0 <= i < len(self):
            raise IndexError(f"batch {i} of a pass of {len(self)} batches")
        start = self.first_row + i * self.batch_size
        rows = np.arange(start, min(start + self.batch_size, self.max_index))
        samples = self.data[rows[:, None] + self.offsets]
        return samples[:, ::-1] if self.reverse else samples, self.data[rows + self.delay, 1]


class ShuffledWindows(keras.utils.PyDataset):
    """The book's shuffled training batches as an indexed dataset: batch `i` of epoch `e`
    holds `batch_size` rows drawn as `generator(..., shuffle=True)` draws them, uniformly from
    [min_index + lookback, max_index), but by a random generator seeded with (seed, e, i).

    So a batch depends on nothing else: not on what Keras read ahead, nor on what ran before,
    nor on whether the run was stopped and resumed. Keras tells the dataset which epoch it is
    in through `epoch_callback()`, added to `fit`'s callbacks. `batches` is the epoch's length
    (the book's 500 steps per epoch); fit it with `shuffle=False`: the draws are the shuffle.
    """

    def __init__(self, data, lookback, delay, min_index, max_index, batches, seed,
                 batch_size=128, step=6, reverse=False):
        super().__init__()
        self.max_index = check_window_args(data, lookback, delay, min_index, max_index,
                                           batch_size, step)
        if batches <= 0:
            raise ValueError(f"batches={batches}: an epoch needs at least one batch")
        self.data, self.delay, self.batch_size, self.reverse = data, delay, batch_size, reverse
        self.first_row, self.batches, self.seed = min_index + lookback, batches, seed
        self.offsets = np.arange(-lookback, 0, step)  # window positions relative to a row
        self.epoch = 0

    def __len__(self):
        return self.batches

    def __getitem__(self, i):
        if not 0 <= i < len(self):
            raise IndexError(f"batch {i} of an epoch of {len(self)} batches")
        draw = np.random.default_rng((self.seed, self.epoch, i))
        rows = draw.integers(self.first_row, self.max_index, size=self.batch_size)
        samples = self.data[rows[:, None] + self.offsets]
        return samples[:, ::-1] if self.reverse else samples, self.data[rows + self.delay, 1]

    def epoch_callback(self):
        """A callback that sets `epoch` as each epoch of `fit` begins (resumed ones too)."""
        return keras.callbacks.LambdaCallback(
            on_epoch_begin=lambda epoch, logs=None: setattr(self, "epoch", epoch))


def timeseries_windows(data, lookback, delay, min_index, max_index, batch_size=128, step=6,
                       shuffle=False, seed=None):
    """The book's windows by `keras.utils.timeseries_dataset_from_array` (a `tf.data.Dataset`),
    the way Keras users cut them today (DLwP 2nd ed., keras.io's Jena example).

    Keras numbers a window by its first row s: every `step`-th row of s .. s + lookback - 1,
    and its target `targets[s]`. The generator's row r (the row after the window) is
    s + lookback, so the target is the temperature at s + lookback + delay, and the windows of
    rows r in [min_index + lookback, max_index) are those that end before max_index - step.
    In order, its batches are the generator's one pass (`WindowDataset`), then one batch more
    with the last rows the generator never reaches; shuffled, each of those windows once.
    """
    max_index = check_window_args(data, lookback, delay, min_index, max_index, batch_size, step)
    return keras.utils.timeseries_dataset_from_array(
        data, targets=data[lookback + delay:, 1], sequence_length=lookback // step,
        sampling_rate=step, batch_size=batch_size, shuffle=shuffle, seed=seed,
        start_index=min_index, end_index=max_index - step)


def evaluated_batches(validation_data, batches, epochs=4):
    """Which batches Keras evaluates at each epoch's validation pass of `fit`.

    `validation_data` yields (x, y) batches whose every target is the batch's index (k for
    the k-th batch of a pass). A model that predicts 0 and never learns then has an MAE of k
    on batch k; Keras reports a running mean over the pass, from which each batch's value
    is recovered. Returns one list of batch indices per epoch.
    """
    model = keras.Sequential([keras.Input(shape=(1,)),
                              keras.layers.Dense(1, kernel_initializer="zeros")])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss="mae")
    passes = []

    class Record(keras.callbacks.Callback):
        def on_test_begin(self, logs=None):
            passes.append([])

        def on_test_batch_end(self, batch, logs=None):
            mean = float(logs["loss"])  # the mean over the pass's first `batch + 1` batches
            passes[-1].append(round((batch + 1) * mean - batch * self.previous))
            self.previous = mean

        def on_test_batch_begin(self, batch, logs=None):
            if batch == 0:
                self.previous = 0.0

    model.fit(np.zeros((8, 1)), np.zeros(8), batch_size=8, epochs=epochs, verbose=0,
              shuffle=False, validation_data=validation_data, validation_steps=batches,
              callbacks=[Record()])
    return passes


def window_args(interval):
    """The book's windows, in rows of data read every `interval` minutes: 10 days back
    (`lookback`), one reading an hour (`step`), the temperature 24 hours on (`delay`).

    On the official file (10 minutes) these are the book's 1440, 6 and 144; hourly: 240, 1, 24.
    """
    if interval <= 0 or 60 % interval:
        raise ValueError(
            f"readings every {interval} minutes do not make whole hours: the windows need "
            "data read every 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60 minutes"
        )
    rows_per_hour = 60 // interval
    return {"lookback": 240 * rows_per_hour, "step": rows_per_hour, "delay": 24 * rows_per_hour}


def windows_across_gaps(times, lookback, delay, min_index, max_index):
    """How many of the rows [min_index + lookback, max_index) have a window or target that
    spans a gap in the steps: the book's generator reads such rows as if the series were
    continuous."""
    rows = np.arange(min_index + lookback, max_index)
    span = (times[rows + delay] - times[rows - lookback]).astype(int)  # minutes
    return int(np.sum(span != reading_interval(times) * (lookback + delay))), len(rows)
