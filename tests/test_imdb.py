"""load_imdb: Keras' IMDB loader, reproduced exactly, reading an offline copy safely."""

import io
import os
import pickle
import zipfile
from pathlib import Path

import keras
import numpy as np
import pytest
import rnnbook
import rnnbook.data.files
import rnnbook.data.imdb
from conftest import SHARED_DATA


def ragged(reviews):
    """An object array of lists, as Keras stores IMDB's reviews."""
    reviews = [[int(w) for w in r] for r in reviews]
    array = np.empty(len(reviews), dtype="object")
    array[:] = reviews
    return array


def write_imdb(path, n=20, vocabulary=30, seed=0):
    """A small file with the layout of Keras' imdb.npz: raw word ranks, 0/1 labels."""
    rng = np.random.default_rng(seed)
    arrays = {}
    for split in ("train", "test"):
        lengths = rng.integers(1, 15, size=n)
        arrays[f"x_{split}"] = ragged(rng.integers(1, vocabulary, size=k) for k in lengths)
        arrays[f"y_{split}"] = rng.integers(0, 2, size=n)
    np.savez(path, **arrays)
    return path


def keras_load_data(monkeypatch, path, **kwargs):
    """Keras' own loader, with its download pointed at `path`."""
    monkeypatch.setattr(keras.src.datasets.imdb, "get_file", lambda *a, **k: str(path))
    return keras.datasets.imdb.load_data(**kwargs)


def assert_same(ours, theirs):
    for (x1, y1), (x2, y2) in zip(ours, theirs):
        assert x1.dtype == x2.dtype == object
        assert [list(r) for r in x1] == [list(r) for r in x2]
        np.testing.assert_array_equal(y1, y2)
        assert y1.dtype == y2.dtype


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"num_words": 12},
        {"num_words": 12, "skip_top": 5},
        {"num_words": 12, "oov_char": None},
        {"maxlen": 8},
        {"seed": 7, "start_char": None},
        {"start_char": None, "index_from": 0},
    ],
)
def test_imdb_from_arrays_equals_keras_load_data(tmp_path, monkeypatch, kwargs):
    path = write_imdb(tmp_path / "imdb.npz")
    ours = rnnbook.data.imdb.imdb_from_arrays(rnnbook.data.files.read_npz(path, "url"), **kwargs)
    assert_same(ours, keras_load_data(monkeypatch, path, **kwargs))


def test_read_npz_returns_the_saved_arrays(tmp_path):
    path = write_imdb(tmp_path / "imdb.npz")
    with np.load(path, allow_pickle=True) as reference:
        arrays = rnnbook.data.files.read_npz(path, "url")
        assert sorted(arrays) == sorted(reference.files)
        for name in reference.files:
            assert [list(np.atleast_1d(v)) for v in arrays[name]] == [
                list(np.atleast_1d(v)) for v in reference[name]
            ]


class RunsCode:
    """A pickle that would run a command when loaded."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_read_npz_refuses_pickled_code(tmp_path):
    marker = tmp_path / "code-ran"
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        header, {"descr": "|O", "fortran_order": False, "shape": (1,)}
    )
    path = tmp_path / "imdb.npz"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("x_train.npy", header.getvalue() + pickle.dumps(RunsCode(marker)))
    with pytest.raises(ValueError) as error:
        rnnbook.data.files.read_npz(path, rnnbook.data.imdb.IMDB_URL)
    assert str(error.value) == (
        "imdb.npz refused: the file contains code or objects other than NumPy arrays "
        "(posix.system), and loading it could run them: replace it with " + rnnbook.data.imdb.IMDB_URL
    )
    assert not marker.exists()


def test_read_npz_reads_reviews_stored_as_numpy_scalars(tmp_path):
    # A rebuilt file may hold np.int64 word ranks: pickled as numpy scalars, not code.
    reviews = np.empty(2, dtype="object")
    reviews[:] = [[np.int64(5), np.int64(7)], [np.int64(9)]]
    path = tmp_path / "imdb.npz"
    np.savez(path, x_train=reviews, y_train=np.array([0, 1]))
    arrays = rnnbook.data.files.read_npz(path, rnnbook.data.imdb.IMDB_URL)
    assert [list(r) for r in arrays["x_train"]] == [[5, 7], [9]]
    assert isinstance(arrays["x_train"][0][0], np.int64)


def test_truncated_npz_says_to_replace_it(tmp_path):
    path = write_imdb(tmp_path / "imdb.npz")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(
        ValueError, match="imdb.npz is truncated or corrupt.*fresh copy of https://"
    ):
        rnnbook.data.files.read_npz(path, rnnbook.data.imdb.IMDB_URL)


def test_load_imdb_reads_a_corrupt_offline_file_as_an_error(env, tmp_path):
    (tmp_path / "imdb.npz").write_bytes(b"not a zip file")
    env.setenv("RNN_DATA_DIR", str(tmp_path))
    with pytest.raises(ValueError, match="truncated or corrupt"):
        rnnbook.load_imdb()


def test_missing_offline_file_names_the_variable_and_the_url(env, tmp_path):
    env.setenv("RNN_DATA_DIR", str(tmp_path))
    with pytest.raises(FileNotFoundError) as error:
        rnnbook.load_imdb()
    assert f"RNN_DATA_DIR={tmp_path} holds no imdb.npz" in str(error.value)
    assert rnnbook.data.imdb.IMDB_URL in str(error.value)


def test_rnn_data_dir_that_is_not_a_folder(env, tmp_path):
    env.setenv("RNN_DATA_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError, match="is not a folder"):
        rnnbook.load_imdb()


def test_failed_download_says_how_to_work_offline(env, monkeypatch):
    def offline(**kwargs):
        raise Exception("URL fetch failure: no network")

    monkeypatch.setattr(keras.datasets.imdb, "load_data", offline)
    with pytest.raises(RuntimeError) as error:
        rnnbook.load_imdb()
    message = str(error.value)
    assert rnnbook.data.imdb.IMDB_URL in message and "set RNN_DATA_DIR" in message


def test_small_file_in_rnn_data_dir_is_rejected_by_content(env, tmp_path):
    write_imdb(tmp_path / "imdb.npz", n=20)
    env.setenv("RNN_DATA_DIR", str(tmp_path))
    with pytest.raises(ValueError, match="has 20 train reviews and 20 labels, IMDB has 25,000"):
        rnnbook.load_imdb()


def test_wrong_keys_are_rejected():
    with pytest.raises(ValueError, match="not Keras' IMDB arrays"):
        rnnbook.data.imdb.check_imdb_arrays({"x_train": [], "y_train": []})


def test_unbalanced_labels_are_rejected():
    n = rnnbook.data.imdb.IMDB_REVIEWS
    arrays = {f"x_{s}": ragged([[1]] * n) for s in ("train", "test")}
    arrays |= {"y_train": np.ones(n, dtype=int), "y_test": np.ones(n, dtype=int)}
    with pytest.raises(ValueError, match="train labels are not 12,500 zeros and 12,500 ones"):
        rnnbook.data.imdb.check_imdb_arrays(arrays)


def test_word_index_with_wrong_hash_is_rejected(env, tmp_path):
    (tmp_path / "imdb_word_index.json").write_text('{"the": 1}')
    env.setenv("RNN_DATA_DIR", str(tmp_path))
    with pytest.raises(ValueError, match="not the official word index"):
        rnnbook.load_imdb_word_index()


# --- On the real data, where this machine has it (CI does) ------------------------------

def needs_imdb(test):
    """A test on the real 50,000 reviews: slow, and skipped where they are not."""
    return pytest.mark.slow(pytest.mark.skipif(
        not (SHARED_DATA and Path(SHARED_DATA, "imdb.npz").is_file()),
        reason="RNN_DATA_DIR with imdb.npz not set",
    )(test))


@pytest.fixture(scope="module")
def real_imdb():
    return rnnbook.load_imdb(num_words=10000)


@needs_imdb
def test_real_imdb_has_the_books_numbers(real_imdb):
    (x_train, y_train), (x_test, y_test) = real_imdb
    assert x_train[0][:12] == [1, 14, 22, 16, 43, 530, 973, 1622, 1385, 65, 458, 4468]
    assert y_train[0] == 1
    assert (len(x_train), len(x_test)) == (25000, 25000)
    assert int(y_train.sum()) == int(y_test.sum()) == 12500
    assert max(max(r) for r in x_train) == 9999


@needs_imdb
def test_real_imdb_equals_keras_load_data(real_imdb, monkeypatch):
    path = Path(SHARED_DATA, "imdb.npz")
    assert_same(real_imdb, keras_load_data(monkeypatch, path, num_words=10000))


@needs_imdb
def test_real_word_index(monkeypatch):
    monkeypatch.setenv("RNN_DATA_DIR", SHARED_DATA)
    word_index = rnnbook.load_imdb_word_index()
    assert len(word_index) == 88584
    assert word_index["the"] == 1
