"""The Jena climate CSV (notebooks 05-07): found, downloaded or given, parsed, checked, labelled."""

import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .files import DOWNLOAD_DIR, data_dir, download, file_digest, offline_file
from .hourly import HOURLY_SHA256, hourly_csv, hourly_setting

__all__ = ["JENA_URL", "JENA_FILE", "JENA_SHA256", "JENA_FEATURES", "REQUIRED_FEATURES",
           "SENTINEL", "KNOWN_FILES", "Jena", "reading_interval", "jena_csvs", "download_jena",
           "parse_jena_csv", "irregularities", "load_jena"]

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
    HOURLY_SHA256:  # what notebooks 05-07 ran on; RNN_JENA_HOURLY=1 derives it (hourly.py)
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
    found_by: str  # RNN_JENA_CSV, RNN_DATA_DIR or downloaded (+ RNN_JENA_HOURLY=1)
    is_book_data: bool  # True only for the official 2009-2016 file
    known_as: str = None  # the label of a known other file (KNOWN_FILES)
    irregularities: dict = field(default_factory=dict)

    @property
    def source(self):
        return f"{', '.join(self.files)} ({self.found_by})"

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
    RNN_JENA_HOURLY=1 reads the hourly file derived from the official one (hourly.py).
    """
    hourly = hourly_setting()  # refuses a bad value, or RNN_JENA_CSV set too
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
        found_by = "RNN_DATA_DIR"
    else:
        path, found_by = download_jena(), "downloaded"
    if hourly:  # the hourly file of the stored outputs, derived once beside the official one
        return [hourly_csv(path)], f"{found_by}, RNN_JENA_HOURLY=1"
    return [path], found_by


def download_jena():
    """Download and unzip the official file; check the CSV against its known sha256."""
    import keras

    folder = download(lambda: keras.utils.get_file(origin=JENA_URL, extract=True,
                                                   cache_dir=DOWNLOAD_DIR), JENA_FILE, JENA_URL)
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
    jena = Jena(header=header, float_data=float_data, times=times, files=files,
                paths=list(paths), found_by=found_by, is_book_data=digests == [JENA_SHA256],
                known_as=KNOWN_FILES.get(digests[0]) if digests else None,
                irregularities=irregularities(float_data, times,
                                              repeats=int(np.sum(~first_of_its_time))))
    print(jena)
    return jena
