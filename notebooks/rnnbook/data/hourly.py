"""The hourly 2009-2016 Jena data of the stored outputs, derived from the official file.

Notebooks 05-07 were executed offline on `jena_2009_2016_hourly_6features.csv` (sha256
HOURLY_SHA256): every 6th row of the official `jena_climate_2009_2016.csv`, 6 of its 14
features. Online, RNN_JENA_HOURLY=1 derives that file from the official one, byte for byte,
so that the stored numbers can be reproduced. Each step works on the text of the fields,
never on floats: reformatting a number could change a byte and so the checksum.
"""

import os
from pathlib import Path

from .files import file_digest, write_atomic

__all__ = ["HOURLY_FILE", "HOURLY_SHA256", "HOURLY_COLUMNS", "WIND_SPEED", "WIND_SENTINEL",
           "WIND_ZERO", "hourly_setting", "read_csv_lines", "drop_repeated_times", "every_sixth",
           "select_columns", "zero_wind_sentinels", "write_rows", "derive_hourly", "hourly_csv"]

HOURLY_FILE = "jena_2009_2016_hourly_6features.csv"
HOURLY_SHA256 = "b3f13e48694038492e2a8294e7a53a3afe096b5ed292b058b7ab7053e13534c4"
HOURLY_COLUMNS = ["Date Time", "p (mbar)", "T (degC)", "Tdew (degC)", "rh (%)",
                  "VPmax (mbar)", "wv (m/s)"]
WIND_SPEED = "wv (m/s)"
WIND_SENTINEL = -9999.0  # the station's mark for a missing reading
WIND_ZERO = "0.00"  # how the hourly file's maker wrote a -9999 wind speed


def hourly_setting():
    """True when RNN_JENA_HOURLY=1; unset (or empty) is False; any other value is refused.

    It cannot be combined with RNN_JENA_CSV: one names other files, the other derives the
    hourly data from the official file, and silently preferring one would mislabel results.
    """
    value = os.environ.get("RNN_JENA_HOURLY", "")
    if value not in ("", "1"):
        raise ValueError(
            f"RNN_JENA_HOURLY={value!r}: set it to 1 to derive the hourly data of the stored "
            "outputs from the official file, or unset it to use the official file itself"
        )
    if value and os.environ.get("RNN_JENA_CSV"):
        raise ValueError(
            "RNN_JENA_HOURLY=1 and RNN_JENA_CSV are both set: set only one (RNN_JENA_HOURLY=1 "
            "derives the hourly data from the official file, RNN_JENA_CSV names other files)"
        )
    return value == "1"


def read_csv_lines(path):
    """(column names, data lines) of a Jena-format CSV, its lines kept as text.

    Latin-1 reads any byte (the station's headers have ° and µ); CRLF ends become LF.
    """
    text = Path(path).read_bytes().decode("latin-1").replace("\r\n", "\n")
    header, *lines = text.rstrip("\n").split("\n")
    return [name.strip().strip('"') for name in header.split(",")], lines


def drop_repeated_times(lines):
    """The lines without a timestamp seen before: the first reading of each time is kept.

    The official file repeats some timestamps; every 6th row is only every hour once they
    are gone.
    """
    seen, kept = set(), []
    for line in lines:
        stamp = line.split(",", 1)[0]
        if stamp not in seen:
            seen.add(stamp)
            kept.append(line)
    return kept


def every_sixth(lines):
    """Rows 0, 6, 12, ...: the readings at 00:10, 01:10, ... of a 10-minute series."""
    return lines[::6]


def select_columns(names, lines, columns=HOURLY_COLUMNS):
    """Each line's fields under `columns`, in that order, found by name, as stripped text."""
    missing = [column for column in columns if column not in names]
    if missing:
        raise ValueError(f"no column {', '.join(map(repr, missing))} among {names}")
    where = [names.index(column) for column in columns]
    split = [line.split(",") for line in lines]
    return [[fields[i].strip() for i in where] for fields in split]


def zero_wind_sentinels(rows, index=HOURLY_COLUMNS.index(WIND_SPEED)):
    """Field `index` (the wind speed) written as 0.00 where it holds the -9999 sentinel.

    The hourly file's maker set the missing wind speeds to 0, so the derived file must too.
    """
    for row in rows:
        if float(row[index]) == WIND_SENTINEL:
            row[index] = WIND_ZERO
    return rows


def write_rows(rows, out_csv, columns=HOURLY_COLUMNS):
    """Write the rows as the hourly file has them: quoted header, LF, a final newline."""
    header = ",".join(f'"{column}"' for column in columns)
    lines = [header] + [",".join(row) for row in rows]
    write_atomic(out_csv, ("\n".join(lines) + "\n").encode("ascii"))
    return Path(out_csv)


def derive_hourly(official_csv, out_csv):
    """Derive the hourly 6-feature CSV from the official file into `out_csv`; its path."""
    names, lines = read_csv_lines(official_csv)
    rows = select_columns(names, every_sixth(drop_repeated_times(lines)))
    return write_rows(zero_wind_sentinels(rows), out_csv)


def hourly_csv(official_csv):
    """The hourly CSV beside the official file: derived once, reused while its sha256 is right.

    The official file is checked by its own sha256 before this is called; checking the
    derived file too means the stored outputs' exact data, or a stop that says why not.
    """
    derived = Path(official_csv).with_name(HOURLY_FILE)
    if derived.is_file() and file_digest(derived) == HOURLY_SHA256:
        return derived
    try:
        derive_hourly(official_csv, derived)
    except OSError as error:  # an offline data folder is often read-only
        raise OSError(
            f"cannot write {derived} ({error.strerror}): RNN_JENA_HOURLY=1 derives it beside "
            f"the official file: make {derived.parent} writable, or copy the official file "
            "to a writable folder and point RNN_DATA_DIR there"
        ) from error
    digest = file_digest(derived)
    if digest != HOURLY_SHA256:
        raise ValueError(
            f"{derived} (RNN_JENA_HOURLY=1) has sha256 {digest}, not {HOURLY_SHA256}: "
            "the official file is not the one the stored outputs were derived from: "
            f"replace {official_csv} with the official jena_climate_2009_2016.csv, "
            "or unset RNN_JENA_HOURLY to use the file as it is"
        )
    return derived
