"""The Jena station's own rain, hour by hour (exercise notebook 05e): the offline counterpart
of the lecture notes' exercise 8 (Kaggle's "How much did it rain? II", radar data that cannot
be had offline). NOT Kaggle's data: rain gauge readings on the same roof as the book's file.

The station publishes half-year files (`mpi_roof_2021b.zip` ...) with `rain (mm)` beside the
14 features of the book's file (the official 2009-2016 file has no rain). The exercise uses
three excerpts of them: 2021-07..11, 2024-01..05, 2024-06..10. Offline they are read from
RNN_DATA_DIR (or its jena/ folder); online the station's archives are downloaded and cut to
the same periods. Either way the numbers read are checked against the sha256 of the
excerpts' numbers (times, features, rain as float64), whatever the file's formatting.
"""

import hashlib
import zipfile
from pathlib import Path

import numpy as np

from .files import DOWNLOAD_DIR, data_dir, download
from .jena import parse_jena_csv

__all__ = ["STATION_URL", "RAIN", "RAIN_FILES", "PERIODS", "read_rain_csv", "numbers_digest",
           "rain_files", "download_station", "load_rain", "rain_task"]

STATION_URL = "https://www.bgc-jena.mpg.de/wetter/{archive}.zip"
RAIN = "rain (mm)"
# The excerpts: file name, the station's half-year archive, and the sha256 of their numbers.
RAIN_FILES = {
    "mpi_roof_2021-07-01_2021-11-28.csv":
        ("mpi_roof_2021b", "6b3eada694beed6bc5d791a6206022bb9b8e24374583166d2b8676d122a895e5"),
    "mpi_roof_2024-01-01_2024-05-15.csv":
        ("mpi_roof_2024a", "e2cbd473437c02ecb1dfc0ca1391065693d2645250a0cce126c2d8dcb226e1da"),
    "mpi_roof_2024-06-09_2024-10-20.csv":
        ("mpi_roof_2024b", "2be3e7d9f7e2a461e840bbdee0fdc67655f269f95bccb10fe52c312d6cde61ad"),
}
PERIODS = {  # first and last reading of each excerpt
    "mpi_roof_2021-07-01_2021-11-28.csv": ("2021-07-01T00:10", "2021-11-28T16:20"),
    "mpi_roof_2024-01-01_2024-05-15.csv": ("2024-01-01T00:10", "2024-05-15T16:00"),
    "mpi_roof_2024-06-09_2024-10-20.csv": ("2024-06-09T11:40", "2024-10-20T08:10"),
}


def read_rain_csv(path):
    """(header, features, times, rain) of a station file; a bad line or a missing rain
    column raises ValueError with the file, the line and the fix."""
    import pandas as pd

    header, features, times = parse_jena_csv(path)  # checks every line and feature
    name = Path(path).name
    first_line = Path(path).read_bytes().split(b"\n", 1)[0].decode("latin-1")
    names = [column.strip().strip('"') for column in first_line.strip().split(",")]
    if RAIN not in names:
        raise ValueError(
            f"{name} has no column '{RAIN}': only the station's own half-year files carry "
            "rain (the book's 2009-2016 file does not). Use the files "
            f"{', '.join(RAIN_FILES)} (RNN_DATA_DIR), or unset RNN_DATA_DIR to download them"
        )
    column = pd.read_csv(path, encoding="latin-1", header=0, names=names, usecols=[RAIN],
                         dtype=str, na_filter=False, skipinitialspace=True)[RAIN]
    rain = pd.to_numeric(column.str.strip().str.strip('"'), errors="coerce").to_numpy(float)
    if not np.isfinite(rain).all():
        line = int(np.argmax(~np.isfinite(rain))) + 2
        raise ValueError(f"{name}, line {line}, column '{RAIN}': {column.iloc[line - 2]!r} "
                         "is not a number: repair or remove that line")
    return header, features, times, rain


def numbers_digest(times, features, rain):
    """sha256 of the numbers read (not of the file's text, whose formatting varies)."""
    digest = hashlib.sha256(times.astype("datetime64[m]").astype(np.int64).tobytes())
    digest.update(np.ascontiguousarray(features, dtype=np.float64).tobytes())
    digest.update(np.ascontiguousarray(rain, dtype=np.float64).tobytes())
    return digest.hexdigest()


def _excerpt(name, path, found_by):
    """One excerpt's (times, features, rain): cut to its period, repeats dropped, checked."""
    header, features, times, rain = read_rain_csv(path)
    first, last = (np.datetime64(t, "m") for t in PERIODS[name])
    keep = (times >= first) & (times <= last)
    keep &= np.r_[True, np.diff(times) != np.timedelta64(0)]  # a repeated time: the first
    times, features, rain = times[keep], features[keep], rain[keep]
    archive, expected = RAIN_FILES[name]
    if numbers_digest(times, features, rain) != expected:
        raise ValueError(
            f"{Path(path).name} ({found_by}) does not hold the numbers this exercise was "
            f"measured on for {PERIODS[name][0]} .. {PERIODS[name][1]} (their sha256 "
            f"differs from {expected[:12]}...): replace it with {name} or with the station's "
            f"{STATION_URL.format(archive=archive)}"
        )
    return header, times, features, rain


def rain_files():
    """[(excerpt name, path, how found)]: from RNN_DATA_DIR (or its jena/), else downloaded."""
    folder = data_dir()
    found = []
    for name, (archive, _) in RAIN_FILES.items():
        url = STATION_URL.format(archive=archive)
        if folder is not None:
            path = next((p for p in (folder / "jena" / name, folder / name) if p.is_file()), None)
            if path is None:
                raise FileNotFoundError(
                    f"RNN_DATA_DIR={folder} holds no {name} (looked in it and in its jena/ "
                    f"folder): copy it there, or unset RNN_DATA_DIR to download {url}"
                )
            found.append((name, path, "RNN_DATA_DIR"))
        else:
            found.append((name, download_station(archive), "downloaded"))
    return found


def download_station(archive):
    """The CSV inside the station's half-year archive, downloaded once (Keras' cache)."""
    import keras

    url = STATION_URL.format(archive=archive)
    path = download(lambda: keras.utils.get_file(f"{archive}.zip", origin=url,
                                                 cache_dir=DOWNLOAD_DIR), f"{archive}.zip", url)
    csv = Path(path).with_suffix(".csv")
    if not csv.is_file():
        try:
            with zipfile.ZipFile(path) as zipped:
                member = next(n for n in zipped.namelist() if n.endswith(".csv"))
                csv.write_bytes(zipped.read(member))
        except (zipfile.BadZipFile, StopIteration) as error:
            raise ValueError(f"{path} is not the station's archive ({error}): delete it and "
                             "run again") from None
    return csv


def load_rain():
    """Hourly rain and features of the three excerpts: a dict with `hours` (datetime64[h],
    each hour's end), `features` (hourly means, rows x 14), `rain` (hourly totals, mm),
    `header` and `source`. Only hours with all six 10-minute readings are kept."""
    found = rain_files()
    headers, *columns = zip(*(_excerpt(name, path, how) for name, path, how in found))
    times, features, rain = (np.concatenate(column) for column in columns)
    assert np.all(np.diff(times) > np.timedelta64(0)), "the excerpts overlap"
    hour_end = (times + np.timedelta64(59, "m")).astype("datetime64[h]")  # 00:10..01:00 -> 01
    hours, first, counts = np.unique(hour_end, return_index=True, return_counts=True)
    complete = counts == 6
    sums = np.add.reduceat(np.c_[features, rain], first, axis=0)
    return {"hours": hours[complete], "features": sums[complete, :-1] / 6,
            "rain": np.round(sums[complete, -1], 6), "header": headers[0],
            "source": ", ".join(f"{name} ({how})" for name, _, how in found)}


def rain_task(table, lookback=24):
    """Samples for "will it rain in the next hour?": each the `lookback` hours before an hour
    (14 hourly means and log(1 + rain), normalised with the training hours) and whether rain
    fell in that hour; only where all `lookback` + 1 hours follow each other (no gap). Split
    by time with the book's fractions (0.476 / 0.238 / 0.286). Returns a dict of arrays:
    x_<split>, y_<split> (1.0: rain), rain_before_<split> (mm in the hour before), hours."""
    hours, rain = table["hours"], table["rain"]
    inputs = np.c_[table["features"], np.log1p(rain)]
    ends = np.arange(lookback, len(hours))
    ends = ends[(hours[ends] - hours[ends - lookback]).astype(int) == lookback]
    train_end = round(200000 / 420551 * len(ends))
    val_end = round(300000 / 420551 * len(ends))
    train_rows = inputs[: ends[train_end - 1]]  # the hours the training samples read
    inputs = (inputs - train_rows.mean(axis=0)) / train_rows.std(axis=0)
    task = {"lookback": lookback, "inputs": ["hourly mean of " + h for h in table["header"][1:]]
            + ["log(1 + rain in the hour)"]}
    for split, chosen in [("train", ends[:train_end]), ("val", ends[train_end:val_end]),
                          ("test", ends[val_end:])]:
        task[f"x_{split}"] = inputs[chosen[:, None] + np.arange(-lookback, 0)].astype("float32")
        task[f"y_{split}"] = (rain[chosen] > 0).astype("float32")
        task[f"rain_before_{split}"] = rain[chosen - 1]
        task[f"hours_{split}"] = hours[chosen]
    return task
