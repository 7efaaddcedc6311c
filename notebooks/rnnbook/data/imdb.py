"""IMDB (notebooks 03, 04, 06): the reviews as word indices, checked, offline or downloaded."""

import json

import numpy as np

from .files import data_dir, download, file_digest, offline_file, read_npz

__all__ = ["IMDB_URL", "IMDB_WORD_INDEX_URL", "IMDB_WORD_INDEX_MD5", "IMDB_REVIEWS",
           "check_imdb_arrays", "imdb_from_arrays", "load_imdb", "load_imdb_word_index"]

IMDB_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb.npz"
IMDB_WORD_INDEX_URL = (
    "https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb_word_index.json"
)
IMDB_WORD_INDEX_MD5 = "bfafd718b763782e994055a2d397834f"  # what Keras checks
IMDB_REVIEWS = 25000  # per split, half of them positive


def check_imdb_arrays(arrays, name="imdb.npz"):
    """Raise unless `arrays` hold IMDB as Keras ships it: 2 x 25,000 labelled reviews.

    The offline copy is checked by content, not by hash: a rebuilt file can hold the same
    data in different bytes.
    """
    expected = {"x_train", "y_train", "x_test", "y_test"}
    if set(arrays) != expected:
        raise ValueError(
            f"{name} holds {sorted(arrays)}, not Keras' IMDB arrays {sorted(expected)}: "
            f"replace it with {IMDB_URL}"
        )
    for split in ("train", "test"):
        x, y = arrays[f"x_{split}"], arrays[f"y_{split}"]
        if len(x) != IMDB_REVIEWS or len(y) != IMDB_REVIEWS:
            raise ValueError(
                f"{name} has {len(x):,} {split} reviews and {len(y):,} labels, IMDB has "
                f"{IMDB_REVIEWS:,} of each: replace it with {IMDB_URL}"
            )
        if set(np.unique(y)) != {0, 1} or int(np.sum(y)) != IMDB_REVIEWS // 2:
            raise ValueError(
                f"{name}: the {split} labels are not 12,500 zeros and 12,500 ones: "
                f"replace it with {IMDB_URL}"
            )


def imdb_from_arrays(arrays, num_words=None, skip_top=0, maxlen=None, seed=113, start_char=1,
                     oov_char=2, index_from=3):
    """The steps of `keras.datasets.imdb.load_data`, applied to the file's raw arrays."""
    rng = np.random.RandomState(seed)
    splits = []
    for split in ("train", "test"):  # one generator: train is shuffled first, then test
        order = np.arange(len(arrays[f"x_{split}"]))
        rng.shuffle(order)
        x, y = arrays[f"x_{split}"][order], arrays[f"y_{split}"][order]
        head = [] if start_char is None else [start_char]
        x = [head + [w + index_from for w in review] for review in x]
        if maxlen:
            kept = [i for i, review in enumerate(x) if len(review) < maxlen]
            x, y = [x[i] for i in kept], y[kept]
            if not x:
                raise ValueError(f"no {split} review is shorter than maxlen={maxlen}")
        splits.append((x, y))
    if not num_words:
        num_words = max(max(review) for x, _ in splits for review in x)

    def in_vocabulary(review):
        if oov_char is None:
            return [w for w in review if skip_top <= w < num_words]
        return [w if skip_top <= w < num_words else oov_char for w in review]

    return tuple(
        (np.array([in_vocabulary(review) for review in x], dtype="object"), y)
        for x, y in splits
    )


def load_imdb(num_words=10000, **kwargs):
    """`keras.datasets.imdb.load_data(num_words=...)`, read from RNN_DATA_DIR if set.

    Returns `(x_train, y_train), (x_test, y_test)` exactly as Keras does; `kwargs` are
    Keras' (skip_top, maxlen, seed, start_char, oov_char, index_from).
    """
    folder = data_dir()
    if folder is None:
        import keras

        return download(lambda: keras.datasets.imdb.load_data(num_words=num_words, **kwargs),
                        "imdb.npz", IMDB_URL)
    arrays = read_npz(offline_file(folder, "imdb.npz", IMDB_URL), IMDB_URL)
    check_imdb_arrays(arrays)
    return imdb_from_arrays(arrays, num_words=num_words, **kwargs)


def load_imdb_word_index():
    """`keras.datasets.imdb.get_word_index()`: word -> rank, read from RNN_DATA_DIR if set."""
    folder = data_dir()
    if folder is None:
        import keras

        return download(keras.datasets.imdb.get_word_index, "imdb_word_index.json",
                        IMDB_WORD_INDEX_URL)
    path = offline_file(folder, "imdb_word_index.json", IMDB_WORD_INDEX_URL)
    if file_digest(path, "md5") != IMDB_WORD_INDEX_MD5:
        raise ValueError(
            f"{path.name} is not the official word index (md5 differs from "
            f"{IMDB_WORD_INDEX_MD5}): replace it with {IMDB_WORD_INDEX_URL}"
        )
    return json.loads(path.read_text(encoding="utf-8"))
