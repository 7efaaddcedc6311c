"""The book's Jena generator, its vectorised twin, and the split indices."""

import itertools

import keras
import numpy as np
import pytest
import rnnbook

DATA = np.random.default_rng(0).normal(size=(400, 5))


def batches(make, n, **kwargs):
    return list(itertools.islice(make(DATA, **kwargs), n))


SETTINGS = [
    dict(lookback=24, delay=6, min_index=0, max_index=200, batch_size=16, step=3),
    dict(lookback=24, delay=6, min_index=201, max_index=None, batch_size=16, step=3),
    dict(lookback=10, delay=0, min_index=5, max_index=60, batch_size=7, step=1),
    dict(lookback=30, delay=12, min_index=100, max_index=388, batch_size=64, step=6),
]


@pytest.mark.parametrize("settings", SETTINGS)
def test_fast_generator_yields_the_books_batches_in_order(settings):
    # enough batches to wrap around at least twice
    book = batches(rnnbook.generator, 40, **settings)
    fast = batches(rnnbook.fast_generator, 40, **settings)
    for (samples, targets), (fast_samples, fast_targets) in zip(book, fast, strict=True):
        assert samples.shape == fast_samples.shape and samples.dtype == fast_samples.dtype
        np.testing.assert_array_equal(samples, fast_samples)
        np.testing.assert_array_equal(targets, fast_targets)


@pytest.mark.parametrize("settings", SETTINGS)
def test_fast_generator_yields_the_books_batches_shuffled(settings):
    np.random.seed(42)
    book = batches(rnnbook.generator, 10, shuffle=True, **settings)
    np.random.seed(42)
    fast = batches(rnnbook.fast_generator, 10, shuffle=True, **settings)
    for (samples, targets), (fast_samples, fast_targets) in zip(book, fast, strict=True):
        np.testing.assert_array_equal(samples, fast_samples)
        np.testing.assert_array_equal(targets, fast_targets)


def test_a_window_holds_every_step_th_row_before_its_target_row():
    samples, targets = next(
        rnnbook.generator(
            DATA, lookback=6, delay=4, min_index=0, max_index=50, batch_size=2, step=2
        )
    )
    # first row is min_index + lookback = 6: window rows 0, 2, 4; target row 6 + 4 = 10
    np.testing.assert_array_equal(samples[0], DATA[[0, 2, 4]])
    np.testing.assert_array_equal(samples[1], DATA[[1, 3, 5]])
    np.testing.assert_array_equal(targets, DATA[[10, 11], 1])


def test_in_order_the_generator_drops_the_partial_batch_and_starts_again():
    # rows 4..14 are eligible; batches of 3: [4 5 6] [7 8 9] [10 11 12], then 13 + 3 >= 15
    # starts again at 4: rows 13 and 14 are never served, and 15 (max_index) never is.
    data = np.arange(30.0)[:, None].repeat(2, axis=1)
    generator = rnnbook.generator(
        data, lookback=4, delay=1, min_index=0, max_index=15, batch_size=3, step=2
    )
    target_rows = [list(targets - 1) for _, targets in itertools.islice(generator, 5)]
    assert target_rows == [[4, 5, 6], [7, 8, 9], [10, 11, 12], [4, 5, 6], [7, 8, 9]]
    assert rnnbook.batches_per_pass(min_index=0, max_index=15, lookback=4, batch_size=3) == 3


@pytest.mark.parametrize(
    "min_index, max_index", [(0, 200), (201, 393), (0, 393), (50, 99), (0, 33), (0, 32)]
)
def test_batches_per_pass_counts_distinct_batches(min_index, max_index):
    settings = dict(lookback=24, delay=6, min_index=min_index, max_index=max_index, batch_size=8)
    generator = rnnbook.fast_generator(DATA, step=3, **settings)
    first_rows = [targets[0] for _, targets in itertools.islice(generator, 200)]
    period = first_rows.index(first_rows[0], 1)  # when the first batch comes round again
    assert period == rnnbook.batches_per_pass(min_index, max_index, 24, 8)


def test_book_splits_on_the_official_file():
    assert rnnbook.jena_splits(420551) == {
        "train": (0, 200000),
        "val": (200001, 300000),
        "test": (300001, None),
    }


def test_splits_keep_the_books_fractions_on_another_file():
    assert rnnbook.jena_splits(19132) == {
        "train": (0, 9099),
        "val": (9100, 13648),
        "test": (13649, None),
    }


BAD = [
    (dict(step=0), "step, batch_size and lookback must be positive"),
    (dict(step=-6), "step, batch_size and lookback must be positive"),
    (dict(batch_size=0), "step, batch_size and lookback must be positive"),
    (dict(delay=-1), "delay not negative"),
    (dict(lookback=25), "lookback=25 is not a multiple of step=6"),
    (dict(min_index=100, max_index=100), "min_index=100 must be >= 0 and below max_index=100"),
    (dict(min_index=-1), "min_index=-1 must be >= 0"),
    (dict(max_index=395), r"puts targets past the last row \(399\): use max_index <= 394"),
    (dict(lookback=240, min_index=0, max_index=240), "lookback=240 does not fit"),
    (dict(lookback=600, max_index=None), "lookback=600 and delay=6 need more than the data's"),
    (dict(delay=500, max_index=None), "lookback=24 and delay=500 need more than the data's 400"),
    (dict(lookback=372, min_index=30, max_index=None),
     r"lookback=372 does not fit between min_index=30 and max_index=None \(row 393, the last "),
    (dict(min_index=394, max_index=None), r"below max_index=None \(row 393, the last with a"),
]


@pytest.mark.parametrize("make", [rnnbook.generator, rnnbook.fast_generator])
@pytest.mark.parametrize("bad, message", BAD)
def test_out_of_range_arguments_raise_when_the_generator_is_created(make, bad, message):
    settings = dict(lookback=24, delay=6, min_index=0, max_index=200, batch_size=16, step=6)
    with pytest.raises(ValueError, match=message):
        make(DATA, **(settings | bad))  # not next(): fit() would be the first to ask


@pytest.mark.parametrize("make", [rnnbook.generator, rnnbook.fast_generator])
def test_when_the_rows_fit_in_one_batch_every_batch_is_that_partial_one(make):
    settings = dict(lookback=24, delay=6, min_index=0, max_index=30, batch_size=16, step=6)
    target_rows = [list(t) for _, t in itertools.islice(make(DATA, **settings), 3)]
    rows = list(DATA[np.arange(24, 30) + 6, 1])
    assert target_rows == [rows, rows, rows]
    assert rnnbook.batches_per_pass(0, 30, lookback=24, batch_size=16) == 1


def test_the_last_valid_max_index_is_accepted():
    samples, targets = next(
        rnnbook.fast_generator(DATA, lookback=24, delay=6, min_index=0, max_index=394)
    )
    assert samples.shape == (128, 4, 5)
    np.testing.assert_array_equal(targets, DATA[np.arange(24, 152) + 6, 1])


@pytest.mark.parametrize("settings", SETTINGS + [
    dict(lookback=24, delay=6, min_index=0, max_index=30, batch_size=16, step=3)])  # < 1 batch
def test_window_dataset_is_one_pass_of_the_books_in_order_batches(settings):
    dataset = rnnbook.WindowDataset(DATA, **settings)
    max_index = len(DATA) - settings["delay"] - 1 if settings["max_index"] is None else (
        settings["max_index"])
    assert len(dataset) == rnnbook.batches_per_pass(
        settings["min_index"], max_index, settings["lookback"], settings["batch_size"])
    book = batches(rnnbook.generator, 2 * len(dataset), **settings)  # two passes of the book's
    ours = [dataset[i] for i in range(len(dataset))]
    for (samples, targets), (our_samples, our_targets) in zip(book, ours + ours, strict=True):
        assert samples.shape == our_samples.shape and samples.dtype == our_samples.dtype
        np.testing.assert_array_equal(samples, our_samples)
        np.testing.assert_array_equal(targets, our_targets)
    with pytest.raises(IndexError, match=f"batch {len(dataset)} of a pass of {len(dataset)}"):
        dataset[len(dataset)]


def test_window_dataset_reversed_reads_each_window_from_its_end():
    forward = rnnbook.WindowDataset(DATA, **SETTINGS[0])
    backward = rnnbook.WindowDataset(DATA, **SETTINGS[0], reverse=True)
    for i in (0, len(forward) - 1):
        np.testing.assert_array_equal(backward[i][0], forward[i][0][:, ::-1])
        np.testing.assert_array_equal(backward[i][1], forward[i][1])


def test_window_dataset_checks_its_arguments_as_the_generator_does():
    with pytest.raises(ValueError, match="lookback=25 is not a multiple of step=3"):
        rnnbook.WindowDataset(DATA, lookback=25, delay=6, min_index=0, max_index=200, step=3)


def counting():
    """A generator that numbers every batch it hands out: 0, 1, 2, ... for ever."""
    for k in itertools.count():
        yield np.zeros((4, 1)), np.full(4, float(k))


class Indexed(keras.utils.PyDataset):
    def __len__(self):
        return 10

    def __getitem__(self, k):
        return np.zeros((4, 1)), np.full(4, float(k))


def test_keras_evaluates_every_batch_of_an_indexed_dataset_in_order_every_epoch():
    assert rnnbook.evaluated_batches(Indexed(), 10) == [list(range(10))] * 4


def test_keras_evaluates_the_wrong_batches_from_a_generator_after_the_first_epoch():
    # The pitfall notebook 05 shows (Keras 3.15, both backends): the adapter peeks at two
    # batches and puts them in front of the live generator at every validation pass, which
    # then goes on from wherever the generator stands (on TensorFlow past a read-ahead of a
    # varying length, so only what does not vary is asserted).
    first, *later = rnnbook.evaluated_batches(counting(), 10)
    assert first == list(range(10))
    stood_at = 10
    for epoch in later:
        assert epoch[:2] == [0, 1], epoch
        assert epoch[2] >= stood_at and epoch[2:] == sorted(set(epoch[2:])), epoch
        stood_at = epoch[-1] + 1


def test_jit_compile_is_on_for_tensorflow_on_this_cpu():
    expected = True if keras.backend.backend() == "tensorflow" else "auto"
    assert rnnbook.jit_compile() == expected


TRAIN = dict(lookback=24, delay=6, min_index=0, max_index=300, step=3)


def shuffled(seed=7, batches=4, **kwargs):
    return rnnbook.ShuffledWindows(DATA, **TRAIN, batches=batches, seed=seed, batch_size=16,
                                   **kwargs)


def test_a_shuffled_batch_depends_on_the_seed_the_epoch_and_its_index_only():
    first, second = shuffled(), shuffled()
    later = [second[i] for i in (3, 1, 0, 2)]  # read in another order, some twice
    later += [second[1]]
    for (samples, targets), (same_samples, same_targets) in zip(
            [first[i] for i in (3, 1, 0, 2, 1)], later, strict=True):
        np.testing.assert_array_equal(samples, same_samples)
        np.testing.assert_array_equal(targets, same_targets)
    assert not np.array_equal(first[0][0], first[1][0])  # batches differ
    second.epoch = 1
    assert not np.array_equal(first[0][0], second[0][0])  # so do epochs
    assert not np.array_equal(first[0][0], shuffled(seed=8)[0][0])  # and seeds


def test_shuffled_windows_draw_rows_as_the_books_generator_does():
    dataset = shuffled(batches=200)
    rows = np.concatenate([dataset[i][1] for i in range(200)])
    # each target is DATA[row + delay, 1]; recover the rows and their range
    where = {value: k for k, value in enumerate(DATA[:, 1])}
    drawn = np.array([where[t] for t in rows]) - TRAIN["delay"]
    assert drawn.min() == TRAIN["min_index"] + TRAIN["lookback"]  # the book's lowest row
    assert drawn.max() == TRAIN["max_index"] - 1  # and its highest: randint's bound is open
    samples, _ = dataset[0]
    row = where[dataset[0][1][0]] - TRAIN["delay"]
    np.testing.assert_array_equal(samples[0], DATA[row - 24:row:3])  # the window before it
    assert samples.shape == (16, 8, 5)


def test_reversed_shuffled_windows_read_each_window_from_its_end():
    forward, backward = shuffled()[2], shuffled(reverse=True)[2]
    np.testing.assert_array_equal(forward[0][:, ::-1], backward[0])
    np.testing.assert_array_equal(forward[1], backward[1])


def test_the_epoch_callback_tells_the_dataset_which_epoch_fit_is_in():
    dataset = shuffled()
    callback = dataset.epoch_callback()
    callback.on_epoch_begin(5)
    assert dataset.epoch == 5
    with pytest.raises(IndexError, match="batch 4 of an epoch of 4 batches"):
        dataset[4]
    with pytest.raises(ValueError, match="batches=0: an epoch needs at least one batch"):
        shuffled(batches=0)
