"""Shared plumbing for the RNN notebooks (Deep Learning with Python, 1st ed., 6.2-6.3).

Import this module before Keras: importing it sets the environment variables TensorFlow
reads when it loads. It holds data loading, the run profile and small utilities; the code
each lesson is about stays in the notebooks.

Environment variables:
    RNN_QUICK=1        the quick profile (CI): small subsets, few epochs. Unset: the book's.
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
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"  # same float results on every CPU run
os.environ["COLUMNS"] = "80"  # model.summary() has the same width everywhere

import hashlib  # noqa: E402  (the environment must be set first)
import inspect  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import pickle  # noqa: E402
import zipfile  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

# Where downloads are cached: the repository's data/ folder, or Keras' default
# (~/.keras/datasets) when this module runs on its own, as in Colab.
_REPO_DATA = Path(__file__).resolve().parent.parent / "data"
DOWNLOAD_DIR = _REPO_DATA if _REPO_DATA.is_dir() else None


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
_NUMPY_GLOBALS = {
    ("numpy", "ndarray"),
    ("numpy", "dtype"),
    ("numpy.core.multiarray", "_reconstruct"),
    ("numpy._core.multiarray", "_reconstruct"),
}


class NumpyOnlyUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if (module, name) not in _NUMPY_GLOBALS:
            raise pickle.UnpicklingError(f"refusing to unpickle {module}.{name}")
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
SENTINEL = -9999.0  # the station's mark for a missing reading


@dataclass
class Jena:
    """The Jena climate table as the book parses it, and where it came from."""

    header: list  # 'Date Time' and the 14 feature names
    float_data: np.ndarray  # rows x 14 features, in the order of header[1:]
    times: np.ndarray  # datetime64[m], one per row
    source: str  # file name and how it was found
    is_book_data: bool  # True only for the official 2009-2016 file
    irregularities: dict = field(default_factory=dict)

    def __str__(self):
        data = "the book's data" if self.is_book_data else "NOT the book's 2009-2016 data"
        first, last = (str(t).replace("T", " ") for t in (self.times[0], self.times[-1]))
        found = ", ".join(f"{count:,} {what}" for what, count in self.irregularities.items())
        return (
            f"Jena climate data from {self.source}: {data}\n"
            f"{len(self.float_data):,} rows x {self.float_data.shape[1]} features, "
            f"{first} .. {last}\n"
            f"irregularities: {found}"
        )


def jena_csv():
    """The Jena CSV to read and how it was found: RNN_JENA_CSV, RNN_DATA_DIR or download."""
    named = os.environ.get("RNN_JENA_CSV")
    if named:
        path = Path(named).expanduser()
        if not path.is_file():
            raise FileNotFoundError(
                f"RNN_JENA_CSV={named} is not a file: name an existing Jena-format CSV, "
                "or unset RNN_JENA_CSV to use the official file"
            )
        return path, f"{path.name} (RNN_JENA_CSV)"
    folder = data_dir()
    if folder is not None:
        path = offline_file(folder, JENA_FILE, JENA_URL)
        if file_digest(path) != JENA_SHA256:
            raise ValueError(
                f"{JENA_FILE} in RNN_DATA_DIR is not the official file (its sha256 differs "
                f"from {JENA_SHA256}): replace it with the CSV inside {JENA_URL}, or name "
                "another Jena-format file with RNN_JENA_CSV"
            )
        return path, f"{JENA_FILE} (RNN_DATA_DIR)"
    return download_jena(), f"{JENA_FILE} (downloaded)"


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


def minutes(stamp):
    """'dd.mm.yyyy HH:MM:SS' (the file's format) -> 'yyyy-mm-ddTHH:MM' (NumPy's)."""
    return f"{stamp[6:10]}-{stamp[3:5]}-{stamp[0:2]}T{stamp[11:16]}"


def parse_jena_csv(path):
    """(header, float_data, times) of a Jena-format CSV: the book's loop, by column name.

    The official file has 15 quoted ASCII columns; the 2024 excerpt has 22 unquoted ones, a
    Latin-1 header and CRLF line ends. Both hold the 14 features under the same names.
    """
    lines = Path(path).read_bytes().decode("latin-1").splitlines()
    names = [name.strip().strip('"') for name in lines[0].split(",")] if lines else []
    missing = [name for name in ["Date Time"] + JENA_FEATURES if name not in names]
    if missing:
        raise ValueError(
            f"{Path(path).name} has no column {', '.join(map(repr, missing))}: a Jena-format "
            "CSV needs 'Date Time' and the 14 features of jena_climate_2009_2016.csv"
        )
    if len(lines) < 2:
        raise ValueError(f"{Path(path).name} has a header but no data rows")
    columns = [names.index(name) for name in JENA_FEATURES]
    float_data = np.zeros((len(lines) - 1, len(columns)))
    stamps = []
    for i, line in enumerate(lines[1:]):
        values = line.split(",")
        if len(values) != len(names):
            raise ValueError(
                f"{Path(path).name}, line {i + 2}: {len(values)} fields, the header has "
                f"{len(names)}: repair or remove that line"
            )
        for j, column in enumerate(columns):
            try:
                float_data[i, j] = float(values[column])
            except ValueError:
                raise ValueError(
                    f"{Path(path).name}, line {i + 2}, column {names[column]!r}: "
                    f"{values[column]!r} is not a number: repair or remove that line"
                ) from None
        stamps.append(minutes(values[names.index("Date Time")]))
    try:
        times = np.array(stamps, dtype="datetime64[m]")
    except ValueError:
        bad = next(i for i, s in enumerate(stamps) if not _is_time(s))
        raise ValueError(
            f"{Path(path).name}, line {bad + 2}: {lines[bad + 1].split(',')[0]!r} is not a "
            "'dd.mm.yyyy HH:MM:SS' date: repair or remove that line"
        ) from None
    return ["Date Time"] + JENA_FEATURES, float_data, times


def _is_time(stamp):
    try:
        np.datetime64(stamp, "m")
        return True
    except ValueError:
        return False


def irregularities(float_data, times):
    """What a real station file has: gaps in the 10-minute steps, repeats, -9999 readings."""
    steps = np.diff(times).astype(int)  # minutes
    return {
        "gaps in the 10-minute steps": int(np.sum(steps > 10)),
        "missing 10-minute rows": int(np.sum(steps[steps > 10] // 10 - 1)),
        "repeated or backward timestamps": int(np.sum(steps <= 0)),
        "-9999 sentinel values": int(np.sum(float_data == SENTINEL)),
    }


def load_jena():
    """Load the Jena climate table (see `jena_csv` for where from) and say what it is."""
    path, source = jena_csv()
    header, float_data, times = parse_jena_csv(path)
    jena = Jena(
        header=header,
        float_data=float_data,
        times=times,
        source=source,
        is_book_data=file_digest(path) == JENA_SHA256,
        irregularities=irregularities(float_data, times),
    )
    print(jena)
    return jena
