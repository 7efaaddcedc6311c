"""Shared plumbing for the RNN notebooks (Deep Learning with Python, 1st ed., 6.2-6.3).

Import this module before Keras: importing it sets the environment variables TensorFlow
reads when it loads. It holds data loading, the run profile and small utilities; the code
each lesson is about stays in the notebooks.

Environment variables:
    RNN_QUICK=1        the quick profile (CI): small subsets, few epochs. Unset: the book's.
    RNN_SEED=N         the random seed of a run (default 0); the report runs several.
    RNN_DATA_DIR=DIR   read imdb.npz, imdb_word_index.json, jena_climate_2009_2016.csv
                       from DIR instead of downloading them.
    RNN_JENA_CSV=FILE  a Jena-format CSV to use instead of the official file.
"""

import os
import sys
import warnings

# TensorFlow reads these once, when it is first imported.
if "tensorflow" in sys.modules:
    warnings.warn("import rnnbook before keras/tensorflow, or its settings come too late")
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"  # hide TensorFlow's C++ info and warning logs
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"  # no oneDNN kernels, whose float sums vary by CPU
os.environ["COLUMNS"] = "80"  # model.summary() has the same width everywhere

import hashlib  # noqa: E402  (the environment must be set first)
import inspect  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import pickle  # noqa: E402
import platform  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import zipfile  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from datetime import datetime, timezone  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

# In the repository, downloads are cached in data/ and metrics saved in results/. When this
# module runs on its own, as in Colab: Keras' cache (~/.keras/datasets) and ./results.
_REPO = Path(__file__).resolve().parent.parent
IN_REPO = (_REPO / "notebooks" / "rnnbook.py").is_file()
DOWNLOAD_DIR = _REPO / "data" if IN_REPO else None
RESULTS_DIR = _REPO / "results" if IN_REPO else Path("results")


# --- Run profile -------------------------------------------------------------------------


def profile():
    """'quick' under RNN_QUICK=1 (the CI profile), else 'full' (the book's settings)."""
    value = os.environ.get("RNN_QUICK", "")
    if value not in ("", "0", "1"):
        raise ValueError(
            f"RNN_QUICK={value!r} is not understood: set RNN_QUICK=1 for the quick "
            "profile, or unset it (or 0) for the full one"
        )
    return "quick" if value == "1" else "full"


def pick(full, quick):
    """The value for this run: `full` (the book's setting) or `quick` under RNN_QUICK=1."""
    return quick if profile() == "quick" else full


def seed():
    """This run's random seed: RNN_SEED (the report runs several seeds), else 0."""
    value = os.environ.get("RNN_SEED") or "0"
    if not value.isdigit():
        raise ValueError(f"RNN_SEED={value!r} is not a seed: use a whole number, as RNN_SEED=1")
    return int(value)


def show_source(obj):
    """Print the source of a helper, so a lesson shows the code it runs."""
    print(inspect.getsource(obj))


# --- Files -------------------------------------------------------------------------------


def data_dir():
    """The folder named by RNN_DATA_DIR, or None when data is to be downloaded."""
    value = os.environ.get("RNN_DATA_DIR")
    if not value:
        return None
    folder = Path(value).expanduser()
    if not folder.is_dir():
        raise FileNotFoundError(
            f"RNN_DATA_DIR={value} is not a folder: point it at the folder that holds "
            "the offline datasets, or unset it to download them"
        )
    return folder


def offline_file(folder, name, url):
    """`folder/name`, or an error that says how to get the file."""
    path = folder / name
    if not path.is_file():
        raise FileNotFoundError(
            f"RNN_DATA_DIR={folder} holds no {name}: copy it there (official file: "
            f"{url}), or unset RNN_DATA_DIR to download it"
        )
    return path


def file_digest(path, algorithm="sha256"):
    """Hex digest of a file, read in chunks."""
    digest = hashlib.new(algorithm)
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def download(fetch, name, url):
    """Run `fetch()` (a Keras download); if it fails, say how to work offline."""
    try:
        return fetch()
    except Exception as exc:
        raise RuntimeError(
            f"Could not download {name} from {url} ({exc}). Without internet, set "
            f"RNN_DATA_DIR to a folder holding {name} (see data/README.md)"
        ) from exc


# NumPy stores ragged arrays (IMDB's reviews) as pickles. Unpickling can run any code, so
# only the three globals that rebuild a NumPy array are allowed, as Keras' own loader does.
# Keras' loader allows the first four; `scalar` rebuilds a NumPy number (a rebuilt file may
# store np.int64 word ranks), from a dtype and raw bytes: no code runs either.
_NUMPY_GLOBALS = {
    ("numpy", "ndarray"),
    ("numpy", "dtype"),
    ("numpy.core.multiarray", "_reconstruct"),
    ("numpy._core.multiarray", "_reconstruct"),
    ("numpy.core.multiarray", "scalar"),
    ("numpy._core.multiarray", "scalar"),
}


class RefusedPickle(pickle.UnpicklingError):
    """A pickle that asks for something other than NumPy arrays: refused, never run."""


class NumpyOnlyUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if (module, name) not in _NUMPY_GLOBALS:
            raise RefusedPickle(f"{module}.{name}")
        return super().find_class(module, name)


def read_npy(stream):
    """One array from a .npy stream, without executing pickled code."""
    version = np.lib.format.read_magic(stream)
    read_header = {1: np.lib.format.read_array_header_1_0}.get(
        version[0], np.lib.format.read_array_header_2_0
    )
    _, _, dtype = read_header(stream)
    if dtype.hasobject:
        return NumpyOnlyUnpickler(stream).load()
    stream.seek(0)
    return np.lib.format.read_array(stream, allow_pickle=False)


def read_npz(path, url):
    """The arrays of an .npz file, by name; a clear error if it is truncated or corrupt."""
    try:
        with zipfile.ZipFile(path) as archive:
            return {
                name.removesuffix(".npy"): read_npy(io.BytesIO(archive.read(name)))
                for name in archive.namelist()
            }
    except RefusedPickle as exc:
        raise ValueError(
            f"{Path(path).name} refused: the file contains code or objects other than NumPy "
            f"arrays ({exc}), and loading it could run them: replace it with {url}"
        ) from None
    except Exception as exc:
        raise ValueError(
            f"{Path(path).name} is truncated or corrupt ({type(exc).__name__}: {exc}): "
            f"replace it with a fresh copy of {url}"
        ) from exc


# --- IMDB --------------------------------------------------------------------------------

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


def imdb_from_arrays(
    arrays,
    num_words=None,
    skip_top=0,
    maxlen=None,
    seed=113,
    start_char=1,
    oov_char=2,
    index_from=3,
):
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

        return download(
            lambda: keras.datasets.imdb.load_data(num_words=num_words, **kwargs),
            "imdb.npz",
            IMDB_URL,
        )
    arrays = read_npz(offline_file(folder, "imdb.npz", IMDB_URL), IMDB_URL)
    check_imdb_arrays(arrays)
    return imdb_from_arrays(arrays, num_words=num_words, **kwargs)


def load_imdb_word_index():
    """`keras.datasets.imdb.get_word_index()`: word -> rank, read from RNN_DATA_DIR if set."""
    folder = data_dir()
    if folder is None:
        import keras

        return download(
            keras.datasets.imdb.get_word_index, "imdb_word_index.json", IMDB_WORD_INDEX_URL
        )
    path = offline_file(folder, "imdb_word_index.json", IMDB_WORD_INDEX_URL)
    if file_digest(path, "md5") != IMDB_WORD_INDEX_MD5:
        raise ValueError(
            f"{path.name} is not the official word index (md5 differs from "
            f"{IMDB_WORD_INDEX_MD5}): replace it with {IMDB_WORD_INDEX_URL}"
        )
    return json.loads(path.read_text(encoding="utf-8"))


# --- Jena climate ------------------------------------------------------------------------

JENA_URL = (
    "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
    "jena_climate_2009_2016.csv.zip"
)
JENA_FILE = "jena_climate_2009_2016.csv"
# The official CSV's sha256. The download is checked by what it unpacks to, the CSV.
JENA_SHA256 = "8c48db8ce89c8730b7e4013a611bf383a65e5bddaa361b46cb1c9d8f6a417424"
JENA_FEATURES = [
    "p (mbar)", "T (degC)", "Tpot (K)", "Tdew (degC)", "rh (%)", "VPmax (mbar)",
    "VPact (mbar)", "VPdef (mbar)", "sh (g/kg)", "H2OC (mmol/mol)", "rho (g/m**3)",
    "wv (m/s)", "max. wv (m/s)", "wd (deg)",
]
# The book's generator reads the temperature from feature column 1, after the pressure.
REQUIRED_FEATURES = ["p (mbar)", "T (degC)"]
SENTINEL = -9999.0  # the station's mark for a missing reading
# Files other than the official one that the notebooks know, by sha256, and how to label them.
KNOWN_FILES = {
    "b3f13e48694038492e2a8294e7a53a3afe096b5ed292b058b7ab7053e13534c4":
        "Jena 2009–2016, hourly, 6 of the 14 features: not the book's exact data",
}


@dataclass
class Jena:
    """The Jena climate table as the book parses it, and where it came from."""

    header: list  # 'Date Time' and the feature names found, in the official file's order
    float_data: np.ndarray  # rows x features, in the order of header[1:]
    times: np.ndarray  # datetime64[m], one per row, increasing
    files: dict  # each CSV's name -> (rows read, first time, last time), in the order given
    paths: list  # the CSVs read, in the order given
    found_by: str  # RNN_JENA_CSV, RNN_DATA_DIR or downloaded
    is_book_data: bool  # True only for the official 2009-2016 file
    known_as: str = None  # the label of a known other file (KNOWN_FILES)
    irregularities: dict = field(default_factory=dict)

    @property
    def file(self):
        return ", ".join(self.files)

    @property
    def source(self):
        return f"{self.file} ({self.found_by})"

    @property
    def interval(self):
        """Minutes between readings: the most common step (10 in the official file)."""
        return reading_interval(self.times)

    @property
    def label(self):
        """For titles: which data a plot or a number comes from."""
        if self.is_book_data:
            return "Jena 2009-2016, the book's data"
        if self.known_as:
            return self.known_as
        first, last = (str(t)[:10] for t in (self.times[0], self.times[-1]))
        periods = f" ({len(self.files)} periods)" if len(self.files) > 1 else ""
        return f"Jena {first} to {last}{periods}, NOT the book's data"

    def __str__(self):
        data = "the book's data" if self.is_book_data else self.known_as or (
            "NOT the book's 2009-2016 data")
        first, last = (_when(t) for t in (self.times[0], self.times[-1]))
        features = self.header[1:]
        missing = [name for name in JENA_FEATURES if name not in features]
        found = ", ".join(f"{count:,} {what}" for what, count in self.irregularities.items())
        lines = [f"Jena climate data from {self.source}: {data}"]
        if len(self.files) > 1:
            lines += [
                f"  {name}: {rows:,} rows, {_when(start)} .. {_when(stop)}"
                for name, (rows, start, stop) in self.files.items()
            ]
        lines.append(
            f"{len(self.float_data):,} rows x {len(features)} features, {first} .. {last},"
            f" a reading every {self.interval} minutes"
        )
        if missing:
            lines.append(f"features: {len(features)} of the official 14: {', '.join(features)};"
                         f" missing: {', '.join(missing)}")
        return "\n".join(lines + [f"irregularities: {found}"])


def _when(time):
    return str(time).replace("T", " ")


def reading_interval(times):
    """The most common step between readings, in minutes (10 if there is no step)."""
    steps, counts = np.unique(np.diff(times).astype(int), return_counts=True)
    return int(steps[np.argmax(counts)]) if len(steps) else 10


def jena_csvs():
    """The Jena CSVs to read and how they were found: RNN_JENA_CSV, RNN_DATA_DIR or download.

    RNN_JENA_CSV may name several files, and folders of *.csv files, separated by
    os.pathsep (':' on Linux and macOS, ';' on Windows): the station publishes half-years.
    """
    named = os.environ.get("RNN_JENA_CSV")
    if named:
        paths = []
        for entry in filter(None, named.split(os.pathsep)):
            path = Path(entry).expanduser()
            found = sorted(path.glob("*.csv")) if path.is_dir() else [path]
            if not found or not found[0].is_file():
                raise FileNotFoundError(
                    f"RNN_JENA_CSV names {entry}, which is not a file or a folder with *.csv "
                    f"files: name existing Jena-format CSVs (separated by {os.pathsep!r}), "
                    "or unset RNN_JENA_CSV to use the official file"
                )
            paths += found
        return paths, "RNN_JENA_CSV"
    folder = data_dir()
    if folder is not None:
        path = offline_file(folder, JENA_FILE, JENA_URL)
        if file_digest(path) != JENA_SHA256:
            raise ValueError(
                f"{JENA_FILE} in RNN_DATA_DIR is not the official file (its sha256 differs "
                f"from {JENA_SHA256}): replace it with the CSV inside {JENA_URL}, or name "
                "another Jena-format file with RNN_JENA_CSV"
            )
        return [path], "RNN_DATA_DIR"
    return [download_jena()], "downloaded"


def download_jena():
    """Download and unzip the official file; check the CSV against its known sha256."""
    import keras

    folder = download(
        lambda: keras.utils.get_file(origin=JENA_URL, extract=True, cache_dir=DOWNLOAD_DIR),
        JENA_FILE,
        JENA_URL,
    )
    path = next(Path(folder).rglob(JENA_FILE), None)
    if path is None or file_digest(path) != JENA_SHA256:
        raise ValueError(
            f"The download from {JENA_URL} did not unpack to the official {JENA_FILE}: "
            f"delete {folder} and run again"
        )
    return path


def parse_jena_csv(path):
    """(header, float_data, times) of a Jena-format CSV, read with pandas.

    The official file has 15 quoted ASCII columns; the station's half-year files have 22,
    quoted and padded with spaces or not, a Latin-1 header and CRLF line ends; other files
    hold fewer features. The features are found by name and kept in the official order.
    A bad line raises ValueError naming the file, the line, the column and the fix.
    """
    import pandas as pd

    name = Path(path).name
    raw = Path(path).read_bytes().removeprefix(b"\xef\xbb\xbf")  # a UTF-8 BOM, if saved with one
    if not raw.strip():
        raise ValueError(f"{name} is empty: replace it with a Jena-format CSV")
    lines = raw.decode("latin-1").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if ";" in lines[0] and "," not in lines[0]:
        raise ValueError(
            f"{name} separates its fields with ';': save it with ',' between fields and '.' "
            "in numbers, as the station and Keras publish it"
        )
    names = [column.strip().strip('"') for column in lines[0].split(",")]
    missing = [column for column in ["Date Time"] + REQUIRED_FEATURES if column not in names]
    if missing:
        raise ValueError(
            f"{name} has no column {', '.join(map(repr, missing))}: a Jena-format CSV needs "
            "'Date Time', 'p (mbar)' and 'T (degC)' (the book's generator reads the "
            "temperature from feature column 1), then any of the other features of "
            "jena_climate_2009_2016.csv"
        )
    if not any(line.strip() for line in lines[1:]):
        raise ValueError(f"{name} has a header but no data rows")

    def bad_line(row, problem):
        return ValueError(f"{name}, line {row + 2}{problem}: repair or remove that line")

    try:  # every field as text: a bad one is then found and named, not guessed at
        table = pd.read_csv(io.BytesIO(raw), encoding="latin-1", header=0, names=names,
                            dtype=str, na_filter=False, skipinitialspace=True,
                            skip_blank_lines=False)
    except pd.errors.ParserError as error:  # a line with more fields than the header
        found = re.search(r"line (\d+), saw (\d+)", str(error))
        if not found:
            raise ValueError(f"{name}: not a CSV pandas can read ({error})") from None
        raise bad_line(int(found[1]) - 2, f": {found[2]} fields, the header has {len(names)}")
    features = [column for column in JENA_FEATURES if column in names]
    float_data = np.column_stack([_floats(table[column]) for column in features])
    times = pd.to_datetime(table["Date Time"].str.strip('"'), format="%d.%m.%Y %H:%M:%S",
                           errors="coerce").to_numpy()
    bad = ~np.isfinite(float_data).all(axis=1) | np.isnat(times)
    if bad.any():  # name the first bad line, as a reader of the file would find it
        i = int(np.argmax(bad))
        fields = len(lines[i + 1].split(","))
        if fields != len(names):  # pandas leaves the missing fields empty
            raise bad_line(i, f": {fields} fields, the header has {len(names)}")
        for j, column in enumerate(features):
            if not np.isfinite(float_data[i, j]):
                raise bad_line(i, f", column {column!r}: {table[column][i]!r} is not a number")
        raise bad_line(i, f": {table['Date Time'][i]!r} is not a 'dd.mm.yyyy HH:MM:SS' date")
    return ["Date Time"] + features, float_data, times.astype("datetime64[m]")


def _floats(texts):
    """A column of text as floats, exactly as Python's float() reads each; NaN where it can't."""
    texts = texts.to_numpy(dtype=object)
    try:
        return texts.astype(float)
    except ValueError:
        return np.array([_float_or_nan(text) for text in texts])


def _float_or_nan(text):
    try:
        return float(text)
    except ValueError:
        return np.nan


def irregularities(float_data, times, repeats=0):
    """What real station files have: gaps in the steps, repeated timestamps, -9999 readings.

    Gaps are counted against the data's own interval (`reading_interval`: 10 minutes in the
    station's files, 60 in the hourly one). `times` must be sorted; `repeats` counts the
    repeated timestamps dropped to sort them.
    """
    interval = reading_interval(times)
    steps = np.diff(times).astype(int)  # minutes
    gaps = steps[steps > interval]
    return {
        f"gaps in the {interval}-minute steps": len(gaps),
        f"missing {interval}-minute rows": int(np.sum(gaps // interval - 1)),
        "hours in the longest gap": int(gaps.max(initial=0) // 60),
        "repeated timestamps dropped": repeats,
        "-9999 sentinel values": int(np.sum(float_data == SENTINEL)),
    }


def load_jena():
    """Load the Jena climate table (see `jena_csvs` for where from) and say what it is.

    Several files are read as one series: sorted by time, a repeated timestamp kept once.
    They must hold the same features.
    """
    paths, found_by = jena_csvs()
    files, tables = {}, []
    for path in paths:
        header, float_data, times = parse_jena_csv(path)
        if tables and header != tables[0][0]:
            raise ValueError(
                f"{path.name} holds the features {header[1:]}, {paths[0].name} holds "
                f"{tables[0][0][1:]}: name files with the same features in RNN_JENA_CSV"
            )
        files[path.name] = (len(times), times.min(), times.max())
        tables.append((header, float_data, times))
    float_data = np.concatenate([table for _, table, _ in tables])
    times = np.concatenate([stamps for _, _, stamps in tables])
    order = np.argsort(times, kind="stable")
    float_data, times = float_data[order], times[order]
    first_of_its_time = np.r_[True, np.diff(times) != np.timedelta64(0)]
    float_data, times = float_data[first_of_its_time], times[first_of_its_time]
    digests = [file_digest(path) for path in paths] if len(paths) == 1 else []
    jena = Jena(
        header=header,
        float_data=float_data,
        times=times,
        files=files,
        paths=list(paths),
        found_by=found_by,
        is_book_data=digests == [JENA_SHA256],
        known_as=KNOWN_FILES.get(digests[0]) if digests else None,
        irregularities=irregularities(float_data, times, repeats=int(np.sum(~first_of_its_time))),
    )
    print(jena)
    return jena


def windows_across_gaps(times, lookback, delay, min_index, max_index):
    """How many of the rows [min_index + lookback, max_index) have a window or target that
    spans a gap in the steps: the book's generator reads such rows as if the series were
    continuous."""
    rows = np.arange(min_index + lookback, max_index)
    span = (times[rows + delay] - times[rows - lookback]).astype(int)  # minutes
    return int(np.sum(span != reading_interval(times) * (lookback + delay))), len(rows)


# --- Jena: splits and windows ------------------------------------------------------------

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
        i = min_index + lookback
        while 1:
            if shuffle:
                rows = np.random.randint(min_index + lookback, max_index, size=batch_size)
            else:
                if i + batch_size >= max_index:
                    i = min_index + lookback
                rows = np.arange(i, min(i + batch_size, max_index))
                i += len(rows)

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
        i = min_index + lookback
        while True:
            if shuffle:
                rows = np.random.randint(min_index + lookback, max_index, size=batch_size)
            else:
                if i + batch_size >= max_index:
                    i = min_index + lookback
                rows = np.arange(i, min(i + batch_size, max_index))
                i += len(rows)
            yield data[rows[:, None] + offsets], data[rows + delay, 1]

    return batches()


def batches_per_pass(min_index, max_index, lookback, batch_size):
    """How many batches the in-order generator yields before it starts again.

    Full batches only, except when the rows fit in one batch: then every batch is that one.
    """
    return max(1, (max_index - (min_index + lookback) - 1) // batch_size)


# --- Notebook 05's task in one call, for the notebooks after it ----------------------------

BATCH_SIZE = 128


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


@dataclass
class JenaTask:
    """The normalised Jena data, its splits and the naive baseline, as notebook 05 built them."""

    jena: Jena
    data: np.ndarray  # every feature normalised with the training rows' mean and std
    splits: dict  # {"train": (min_index, max_index), "val": ..., "test": ...}
    temperature_std: float  # °C per normalised unit
    lookback: int  # rows: 10 days (window_args)
    step: int  # rows: one an hour
    delay: int  # rows: 24 hours

    def windows(self, split, shuffle=False, reverse=False):
        """Batches of windows from one split; `reverse`: each window read from its end."""
        min_index, max_index = self.splits[split]
        batches = fast_generator(self.data, self.lookback, self.delay, min_index, max_index,
                                 shuffle=shuffle, batch_size=BATCH_SIZE, step=self.step)
        if not reverse:
            return batches
        return ((samples[:, ::-1], targets) for samples, targets in batches)

    def steps(self, split):
        """Batches in one in-order pass over a split (the test split: as far as targets go)."""
        min_index, max_index = self.splits[split]
        max_index = len(self.data) - self.delay - 1 if max_index is None else max_index
        return batches_per_pass(min_index, max_index, self.lookback, BATCH_SIZE)

    def naive_mae(self, split):
        """MAE of 'the temperature in 24 h is the temperature now' over one pass."""
        return self._mae(split, lambda samples: samples[:, -1, 1])

    def mean_mae(self, split):
        """MAE of 'the temperature in 24 h is the training mean' (0 when normalised)."""
        return self._mae(split, lambda samples: 0.0)

    def _mae(self, split, predict):
        batches = self.windows(split)
        errors = [np.mean(np.abs(predict(s) - t)) for s, t in
                  (next(batches) for _ in range(self.steps(split)))]
        return float(np.mean(errors))


def jena_task():
    """Load the Jena data and normalise it with the training rows, as notebook 05 does."""
    jena = load_jena()
    splits = jena_splits(len(jena.float_data))
    data = jena.float_data.copy()
    train_max = splits["train"][1]
    data -= data[:train_max].mean(axis=0)
    std = data[:train_max].std(axis=0)
    data /= std
    return JenaTask(jena, data, splits, float(std[1]), **window_args(jena.interval))


def fit_jena(task, model, epochs, reverse=False):
    """Notebook 05's training: RMSprop on MAE, 500 batches an epoch, one validation pass, the
    best validation epoch's weights kept; tested with those and with the last epoch's."""
    import tempfile
    import time

    import keras

    steps_per_epoch = pick(full=500, quick=10)
    val_steps = pick(full=task.steps("val"), quick=min(task.steps("val"), 5))
    test_steps = pick(full=task.steps("test"), quick=min(task.steps("test"), 5))
    best_weights = Path(tempfile.mkdtemp()) / "best.weights.h5"
    model.compile(optimizer=keras.optimizers.RMSprop(), loss="mae")
    keep_best = keras.callbacks.ModelCheckpoint(best_weights, monitor="val_loss",
                                                save_best_only=True, save_weights_only=True)
    start = time.perf_counter()
    history = model.fit(task.windows("train", shuffle=True, reverse=reverse),
                        steps_per_epoch=steps_per_epoch, epochs=epochs,
                        validation_data=task.windows("val", reverse=reverse),
                        validation_steps=val_steps, shuffle=False,  # the generator shuffles
                        callbacks=[keep_best], verbose=2)
    seconds = (time.perf_counter() - start) / epochs
    last = model.evaluate(task.windows("test", reverse=reverse), steps=test_steps, verbose=0)
    model.load_weights(best_weights)
    best = model.evaluate(task.windows("test", reverse=reverse), steps=test_steps, verbose=0)
    return history, jena_record(history, best, last, seconds, task.temperature_std)


# --- Long runs that survive a kill ----------------------------------------------------------

CHECKPOINTS_DIR = _REPO / "checkpoints" if IN_REPO else Path("checkpoints")


def checkpoint_folder(notebook, model_name):
    """checkpoints/<run>/<notebook>/<model>/seed<N>/: a run's progress, one folder per run."""
    import keras

    slug = re.sub(r"[^a-z0-9]+", "-", model_name.lower()).strip("-")
    return CHECKPOINTS_DIR / run_folder(profile(), keras.backend.backend()) / notebook / slug / (
        f"seed{seed()}")


def _fault(point):
    """Fault injection for the tests: RNN_FAULT_AT=<point> kills this process (kill -9) there."""
    if os.environ.get("RNN_FAULT_AT") == point:
        os.kill(os.getpid(), 9)


def run_key(model, **what):
    """What defines a run: the model's layers and optimizer (without Keras' automatic names)
    and whatever else the caller names (data, epochs...), plus profile, seed and backend."""
    import keras

    def unnamed(config):
        if isinstance(config, dict):
            return {k: unnamed(v) for k, v in config.items() if k != "name"}
        if isinstance(config, list):
            return [unnamed(v) for v in config]
        return config

    layers = [{"class": type(layer).__name__, "config": unnamed(layer.get_config())}
              for layer in model.layers]
    optimizer = unnamed(model.optimizer.get_config()) if model.optimizer else None
    return json.loads(json.dumps(
        {"layers": layers, "optimizer": optimizer, "profile": profile(), "seed": seed(),
         "backend": keras.backend.backend()} | what, default=str))


def _seed_states(model):
    """The states of the model's random seed generators (its dropout masks), which
    `save_weights` leaves out."""
    return [variable for variable in model.variables if "seed_generator_state" in variable.path]


class Resumable:
    """A folder that holds a run's progress, so that `fit` goes on where a kill stopped it.

    After each epoch one folder `epoch-NNN/` is written whole, then renamed into place: the
    weights with the optimizer's state (`latest.weights.h5`), the best validation epoch's
    weights (`best.weights.h5`), the history of every epoch so far (`history.json`) and
    NumPy's random state (the generators shuffle with it). The newest complete one is the
    run's state: a kill at any instant leaves either the old state or the new one. The states
    of the dropout layers' seed generators are saved with NumPy's. When the
    last epoch is done, `finished.json` marks the run finished; running it again loads it.
    `resumed.json` lists the epochs after which the run was resumed.
    `key.json` says what the run is; a folder holding another run is refused.
    """

    def __init__(self, folder, key):
        self.folder = Path(folder)
        self.key = key

    def check(self):
        """Refuse a folder that holds another run (its key differs) before any work."""
        saved = self.folder / "key.json"
        if saved.is_file():
            theirs = json.loads(saved.read_text(encoding="utf-8"))
            if theirs != self.key:
                changed = sorted(k for k in set(theirs) | set(self.key)
                                 if theirs.get(k) != self.key.get(k))
                raise ValueError(
                    f"{self.folder} holds another run (it differs in: {', '.join(changed)}): "
                    "delete that folder to start this run over, or restore the settings it "
                    "was made with to go on with it"
                )
        else:
            write_atomic(saved, json.dumps(self.key, indent=1) + "\n")

    def latest(self):
        """(epochs done, that epoch's folder), or (0, None) for a new run."""
        done = sorted(self.folder.glob("epoch-[0-9][0-9][0-9]"))
        return (int(done[-1].name[6:]), done[-1]) if done else (0, None)

    @property
    def finished(self):
        return (self.folder / "finished.json").is_file()

    def restore(self, model):
        """Load the newest state into a built, compiled model: (epochs done, history so far)."""
        done, state = self.latest()
        if not done:
            return 0, {}
        model.optimizer.build(model.trainable_variables)
        model.load_weights(state / "latest.weights.h5")
        with np.load(state / "random_state.npz") as saved:
            np.random.set_state(tuple(saved[f"s{i}"] for i in range(5)))
            for i, variable in enumerate(_seed_states(model)):
                variable.assign(saved[f"seed{i}"])
        return done, json.loads((state / "history.json").read_text(encoding="utf-8"))

    def save(self, model, epoch, history, best_so_far):
        """Write the state after `epoch` (1-based): a new folder, renamed when complete."""
        import shutil

        import keras

        _, previous = self.latest()
        partial = self.folder / f".epoch-{epoch:03d}.partial"
        shutil.rmtree(partial, ignore_errors=True)  # a kill's leftover
        partial.mkdir(parents=True)
        model.save_weights(partial / "latest.weights.h5")
        if best_so_far:
            model.save_weights(partial / "best.weights.h5")
        else:
            shutil.copy(previous / "best.weights.h5", partial / "best.weights.h5")
        np.savez(partial / "random_state.npz",
                 **{f"s{i}": np.asarray(part) for i, part in enumerate(np.random.get_state())},
                 **{f"seed{i}": keras.ops.convert_to_numpy(variable)
                    for i, variable in enumerate(_seed_states(model))})
        (partial / "history.json").write_text(json.dumps(history), encoding="utf-8")
        _fault(f"writing epoch {epoch}")
        partial.rename(self.folder / f"epoch-{epoch:03d}")  # atomic: the new state
        if previous is not None:
            shutil.rmtree(previous)
        _fault(f"after epoch {epoch}")

    def resumes(self):
        """The epochs after which this run was resumed, in order (none: trained in one go)."""
        saved = self.folder / "resumed.json"
        return json.loads(saved.read_text(encoding="utf-8")) if saved.is_file() else []

    def note_resume(self, epoch):
        write_atomic(self.folder / "resumed.json", json.dumps(self.resumes() + [epoch]) + "\n")

    def finish(self):
        write_atomic(self.folder / "finished.json", json.dumps({"finished": True}) + "\n")


def fit_resumable(model, folder, key, epochs, **fit_args):
    """`model.fit(..., epochs=epochs, **fit_args)` that goes on after a kill.

    Returns (history, best_weights): the curves of every epoch, resumed or not, with each
    epoch's training time under "seconds"; and the file of the best validation epoch's
    weights. The model is left with the last epoch's weights. It must be compiled. Prints
    whether the run starts, resumes (after epoch k of n) or was finished before.
    """
    import time

    import keras

    run = Resumable(folder, key)
    run.check()
    done, history = run.restore(model)
    shown = run.folder.relative_to(_REPO) if run.folder.is_relative_to(_REPO) else run.folder
    if done and not run.finished:
        run.note_resume(done)
    resumed = "".join(f", resumed after epoch {k}" for k in run.resumes())
    if run.finished:
        print(f"{shown}: finished before ({done} of {epochs} epochs{resumed}), loaded")
    elif done:
        print(f"{shown}: resuming after epoch {done} of {epochs}")
    else:
        print(f"{shown}: starting, epoch 1 of {epochs}")

    class SaveEachEpoch(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            _fault(f"epoch {self.epoch} batch {batch + 1}")

        def on_epoch_begin(self, epoch, logs=None):
            self.epoch, self.start = epoch + 1, time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            logs = dict(logs) | {"seconds": time.perf_counter() - self.start}
            for name, value in logs.items():
                history.setdefault(name, []).append(float(value))
            best = int(np.argmin(history["val_loss"]))
            run.save(self.model, epoch + 1, history, best_so_far=best == epoch)

    if done < epochs:
        model.fit(epochs=epochs, initial_epoch=done, callbacks=[SaveEachEpoch()], **fit_args)
        run.finish()
    return history, run.latest()[1] / "best.weights.h5"


# --- Results and plots -------------------------------------------------------------------


def imdb_record(history, test_acc, seconds_per_epoch):
    """What the report needs of one IMDB model: its curves, best epoch and test accuracy."""
    curves = {key: [float(v) for v in values] for key, values in history.history.items()}
    best = int(np.argmax(curves["val_acc"]))
    return {
        "best_val_acc": curves["val_acc"][best],
        "best_epoch": best + 1,
        "test_acc": float(test_acc),
        "seconds_per_epoch": float(seconds_per_epoch),
        "history": curves,
    }


def jena_record(history, test_mae_best, test_mae_last, seconds_per_epoch, temperature_std):
    """What the report needs of one Jena model: best epoch, train/validation/test MAE, curves.

    `history`: a keras History, or the dict of curves that fit_resumable returns.

    MAE in normalised units; the *_celsius twins are times the temperature's std.
    """
    history = getattr(history, "history", history)  # a keras History or its dict of curves
    curves = {key: [float(v) for v in values] for key, values in history.items()}
    best = int(np.argmin(curves["val_loss"]))
    mae = {
        "best_val_mae": curves["val_loss"][best],
        "train_mae_at_best": curves["loss"][best],
        "test_mae": float(test_mae_best),  # with the weights of the best validation epoch
        "last_test_mae": float(test_mae_last),  # with the weights of the last epoch
    }
    return (
        mae
        | {f"{key}_celsius": value * float(temperature_std) for key, value in mae.items()}
        | {"best_epoch": best + 1, "seconds_per_epoch": float(seconds_per_epoch), "history": curves}
    )


def results_file(name):
    """results/<run>/<name>/seed<N>.json: one file per run; quick never overwrites full.

    <run> is the profile on TensorFlow, the backend of the stored outputs and the report;
    on another backend it is named too ('full-jax'), so its runs never overwrite those.
    """
    import keras

    run = run_folder(profile(), keras.backend.backend())
    return RESULTS_DIR / run / name / f"seed{seed()}.json"


def run_folder(profile, backend):
    """'full', 'quick'; 'full-jax' for the full profile on JAX."""
    return profile if backend == "tensorflow" else f"{profile}-{backend}"


def code_version():
    """The git commit the notebooks ran from, '-dirty' if notebooks/ differed; else None.

    run_all.py sets RNN_CODE_VERSION to the version it found before it wrote anything, so
    that a notebook rewritten in place does not make the next one's version read '-dirty'.
    """
    if os.environ.get("RNN_CODE_VERSION"):
        return os.environ["RNN_CODE_VERSION"]

    def git(*args):
        return subprocess.run(
            ["git", *args], cwd=_REPO, capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        return git("rev-parse", "--short", "HEAD") + (
            "-dirty" if git("status", "--porcelain", "--", "notebooks") else ""
        )
    except (OSError, subprocess.CalledProcessError):
        return None


def machine():
    """'x86_64, 2 CPUs (AMD EPYC ...)': timings and even float results depend on the CPU."""
    cpuinfo = Path("/proc/cpuinfo")
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text()) if cpuinfo.exists() else None
    return f"{platform.machine()}, {os.cpu_count()} CPUs" + (f" ({model[1]})" if model else "")


def save_results(name, models, data, **measurements):
    """Save a notebook's metrics with the profile, seed, data and code they came from.

    `models` maps a model's name to its metrics; `measurements` are other numbers to keep.
    """
    import importlib

    import keras

    backend = keras.backend.backend()  # tensorflow, jax or torch
    record = {
        "notebook": name,
        "profile": profile(),
        "backend": backend,
        "seed": seed(),
        "data": data,
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "code": code_version(),
        "helpers_sha256": file_digest(__file__)[:12],
        "machine": machine(),
        "versions": {
            "keras": keras.__version__,
            backend: importlib.import_module(backend).__version__,
        },
        "models": models,
    } | measurements
    path = results_file(name)
    bad = not_finite(models) + not_finite(measurements)
    if bad:
        raise ValueError(
            f"not saving results/{path.parent.parent.name}/{name}/{path.name}: not a finite "
            f"number (training diverged?): {', '.join(bad)}. Fix the run and execute the "
            "notebook again"
        )
    write_atomic(path, json.dumps(record, indent=1, allow_nan=False) + "\n")
    print(f"saved results/{path.parent.parent.name}/{name}/{path.name}")


def write_atomic(path, content):
    """Write text or bytes to `path` so that it is either the old file or the whole new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")  # renamed only once complete
    if isinstance(content, bytes):
        partial.write_bytes(content)
    else:
        partial.write_text(content, encoding="utf-8")
    partial.replace(path)


def not_finite(value, where=""):
    """The places in a nested dict/list that hold NaN or an infinity: ['GRU.history.loss[3]']."""
    if isinstance(value, dict):
        return [bad for k, v in value.items() for bad in not_finite(v, f"{where}.{k}".lstrip("."))]
    if isinstance(value, (list, tuple)):
        return [bad for i, v in enumerate(value) for bad in not_finite(v, f"{where}[{i}]")]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [] if np.isfinite(value) else [where]
    return []


RECORD_KEYS = {"notebook": str, "profile": str, "seed": int, "data": str, "date": str,
               "models": dict}


def read_record(path):
    """A saved results file, checked against its place: results/<profile>/<notebook>/seed<N>.json.

    Raises ValueError naming the file, what is wrong with it and what to do.
    """
    path = Path(path)
    fix = f"delete it and execute notebook {path.parent.name} again (make run)"

    def bad(problem):
        return ValueError(f"{path}: {problem}: {fix}")

    def no_constant(name):  # json reads NaN and Infinity unless told not to
        raise bad(f"holds {name}, not a number")

    try:
        record = json.loads(path.read_text(encoding="utf-8"), parse_constant=no_constant)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise bad(f"not valid JSON, truncated or corrupt ({exc})") from None
    if not isinstance(record, dict):
        raise bad("not a results record (a JSON object)")
    for key, kind in RECORD_KEYS.items():
        if key not in record:
            raise bad(f"has no {key!r}: an old or foreign format")
        if not isinstance(record[key], kind) or isinstance(record[key], bool):
            raise bad(f"{key!r} is {record[key]!r}, not a {kind.__name__}")
    place = (path.parent.parent.name, path.parent.name, path.name)
    backend = record.get("backend", "tensorflow")  # older records: TensorFlow's
    meant = (
        run_folder(record["profile"], backend),
        record["notebook"],
        f"seed{record['seed']}.json",
    )
    if place != meant:
        raise bad(
            f"it says profile {meant[0]!r}, notebook {meant[1]!r}, seed {record['seed']}, "
            f"so it belongs in {'/'.join(meant)}, not {'/'.join(place)}"
        )
    if not all(isinstance(m, dict) for m in record["models"].values()):
        raise bad("'models' must map each model's name to its metrics")
    return record


def load_results(name):
    """The saved results of notebook `name` for this profile and seed (checked), or None."""
    path = results_file(name)
    return read_record(path) if path.is_file() else None


def read_timings(path):
    """results/<profile>/timings.json, checked: {notebook: {"seconds": ...}}; {} if absent."""
    path = Path(path)
    if not path.is_file():
        return {}
    fix = f"delete {path}; `make run` writes it again"
    try:
        timings = json.loads(path.read_text(encoding="utf-8"), parse_constant=float)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: not valid JSON, truncated or corrupt ({exc}): {fix}") from None
    if not isinstance(timings, dict):
        raise ValueError(f"{path}: not a table of notebooks and their seconds: {fix}")
    for name, entry in timings.items():
        seconds = entry.get("seconds") if isinstance(entry, dict) else None
        if not isinstance(seconds, (int, float)) or not 0 <= seconds < float("inf"):
            raise ValueError(f"{path}: {name!r} has no valid 'seconds' ({entry!r}): {fix}")
    return timings


def plot_mae(runs, naive_mae, temperature_std, title):
    """Training (dots) and validation (line) MAE by epoch, in °C, with the naive baseline.

    `runs` maps a name to a history's curves ({"loss": [...], "val_loss": [...]}), so that
    several models share one plot; the right axis gives the same MAE in normalised units.
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    fig, ax = plt.subplots(figsize=(7, 4))
    for (name, curves), color in zip(runs.items(), plt.rcParams["axes.prop_cycle"].by_key()["color"]):
        epochs = range(1, len(curves["loss"]) + 1)
        celsius = {key: np.array(curves[key]) * temperature_std for key in ("loss", "val_loss")}
        ax.plot(epochs, celsius["loss"], "o", color=color, label=f"{name}: training")
        ax.plot(epochs, celsius["val_loss"], "-", color=color, label=f"{name}: validation")
    ax.axhline(naive_mae * temperature_std, color="k", ls="--", label="naive baseline, validation")
    ax.set_title(title)
    ax.set_xlabel("epoch")
    ax.set_ylabel("MAE (°C)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    normalised = ax.secondary_yaxis(
        "right", functions=(lambda c: c / temperature_std, lambda n: n * temperature_std))
    normalised.set_ylabel("MAE (normalised)")
    ax.legend()
    ax.grid()
    plt.show()


def plot_training(history, metric="acc", title=""):
    """The book's two plots side by side: training ('bo') and validation ('b') curves."""
    import matplotlib.pyplot as plt

    curves = history if isinstance(history, dict) else history.history
    epochs = range(1, len(curves["loss"]) + 1)
    panels = [(metric, "accuracy")] if metric in curves else []
    fig, axes = plt.subplots(1, len(panels) + 1, figsize=(5.5 * (len(panels) + 1), 3.8))
    for ax, (key, label) in zip(np.atleast_1d(axes), panels + [("loss", "loss")]):
        ax.plot(epochs, curves[key], "bo", label=f"Training {label}")
        ax.plot(epochs, curves[f"val_{key}"], "b", label=f"Validation {label}")
        ax.set_title(f"{title}: training and validation {label}".lstrip(": "))
        ax.set_xlabel("epoch")
        ax.set_ylabel(label)
        ax.legend()
        ax.grid()
    plt.show()
