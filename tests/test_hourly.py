"""RNN_JENA_HOURLY=1: the hourly file of the stored outputs, derived from the official file."""

import shutil

import numpy as np
import pytest
import rnnbook
import rnnbook.data.files
import rnnbook.data.hourly
import rnnbook.data.jena
from conftest import SHARED_HOURLY, SHARED_STATION

needs_station = pytest.mark.skipif(not SHARED_STATION, reason="no jena/ in RNN_DATA_DIR")
needs_hourly = pytest.mark.skipif(not SHARED_HOURLY, reason="no jena_hourly/ in RNN_DATA_DIR")
HOURLY_LABEL = "Jena 2009–2016, hourly, 6 of the 14 features: not the book's exact data"
JAN_2024 = "mpi_roof_2024-01-01_2024-05-15.csv"  # 13.04.2024 06:00:00 twice, lines 14869-70


def station_lines(name):
    return rnnbook.data.hourly.read_csv_lines(SHARED_STATION / name)


# --- Each step on the station's real 10-minute files --------------------------------------

@needs_station
def test_a_repeated_timestamp_keeps_its_first_reading():
    names, lines = station_lines(JAN_2024)
    repeat = 14870 - 2  # the second 13.04.2024 06:00:00: file line 14870, data line 14868
    assert lines[repeat - 1].split(",")[0] == lines[repeat].split(",")[0] == "13.04.2024 06:00:00"
    lines[repeat] = lines[repeat].replace("1001.31", "1001.99")  # the two now differ
    kept = rnnbook.data.hourly.drop_repeated_times(lines)
    assert kept == lines[:repeat] + lines[repeat + 1:]
    assert "1001.99" not in kept[repeat - 1] and "1001.31" in kept[repeat - 1]


@needs_station
def test_every_sixth_row_of_the_deduplicated_file_is_each_hour_at_ten_past():
    _, lines = station_lines(JAN_2024)
    hourly = rnnbook.data.hourly.every_sixth(rnnbook.data.hourly.drop_repeated_times(lines))
    hours = np.datetime64("2024-01-01T00:10") + np.arange(len(hourly)).astype("timedelta64[h]")
    expected = [f"{t:%d.%m.%Y %H:%M}:00" for t in hours.astype(object)]
    assert len(hourly) == 3256  # 19,536 distinct readings, 01.01.2024 00:10 .. 15.05.2024 16:00
    assert [line.split(",")[0] for line in hourly] == expected
    assert hourly[-1].startswith("15.05.2024 15:10:00,")


@needs_station
@pytest.mark.parametrize("name, first", [
    # quoted header, values padded with spaces, CRLF
    ("mpi_roof_2021-07-01_2021-11-28.csv",
     ["01.07.2021 00:10:00", "985.02", "16.07", "12.89", "81.40", "18.29", "0.78"]),
    # unquoted header, no padding, no trailing zeros, CRLF
    ("mpi_roof_2024-06-09_2024-10-20.csv",
     ["09.06.2024 11:40:00", "982.81", "18.76", "8.85", "52.48", "21.68", "1.87"]),
])
def test_the_six_features_are_selected_by_name_from_the_22_columns(name, first):
    names, lines = station_lines(name)
    assert len(names) == 22 and names[3] == "Tpot (K)"  # between T and Tdew: skipped
    rows = rnnbook.data.hourly.select_columns(names, lines)
    assert rows[0] == first and len(rows) == len(lines)
    assert {len(row) for row in rows} == {7}


@needs_station
def test_columns_are_found_by_name_not_by_position():
    names, lines = station_lines("mpi_roof_2024-06-09_2024-10-20.csv")
    # the 22 columns in reverse order: no feature is where the official file has it
    reversed_lines = [",".join(line.split(",")[::-1]) for line in lines[:3]]
    rows = rnnbook.data.hourly.select_columns(names[::-1], reversed_lines)
    assert rows == rnnbook.data.hourly.select_columns(names, lines[:3])
    assert rows[2] == ["09.06.2024 12:00:00", "982.61", "19.14", "8.83", "51.17", "22.2", "2.14"]


@needs_station
def test_wind_speed_sentinels_become_zero_and_nothing_else_changes():
    names, lines = station_lines("mpi_roof_2020-01-01_2021-01-01.csv")
    rows = rnnbook.data.hourly.select_columns(names, lines)
    planted = 100
    assert rows[planted][6] == "0.24"
    rows[planted][6] = "-9999.00"  # as the official file writes it
    rows[planted][2] = "-9999.00"  # a sentinel in T (degC) is not the wind's: left alone
    before = [list(row) for row in rows]
    after = rnnbook.data.hourly.zero_wind_sentinels(rows)
    changed = [i for i, (old, new) in enumerate(zip(before, after)) if old != new]
    real = 7247 - 2  # 20.02.2020 07:40:00, the file's own -9999.0 in wv (m/s)
    assert changed == [planted, real]
    assert before[real][6] == "-9999.0" and after[real][6] == after[planted][6] == "0.00"
    assert after[planted][2] == "-9999.00" and after[real][:6] == before[real][:6]


@needs_station
def test_the_written_file_has_the_hourly_files_layout(tmp_path):
    names, lines = station_lines(JAN_2024)
    rows = rnnbook.data.hourly.select_columns(names, lines[:2])
    path = rnnbook.data.hourly.write_rows(rows, tmp_path / "out.csv")
    assert path.read_bytes() == (
        b'"Date Time","p (mbar)","T (degC)","Tdew (degC)","rh (%)","VPmax (mbar)","wv (m/s)"\n'
        b"01.01.2024 00:10:00,979.65,7.63,2.83,71.53,10.47,3.37\n"
        b"01.01.2024 00:20:00,979.56,7.63,2.76,71.18,10.47,2.63\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no partial file left


# --- The whole derivation, on an official-format file rebuilt from the hourly one ----------

# The official file's first row: plausible values for what the hourly file does not hold.
FILLER = dict(zip(rnnbook.JENA_FEATURES, (
    "996.52,-8.02,265.40,-8.90,93.30,3.33,3.11,0.22,1.94,3.12,1307.75,1.03,1.75,152.30"
).split(",")))
SENTINEL_ROW = 648  # 28.01.2009 00:10: a 0.00 in wv (m/s) of the hourly file (0-based data row)
REPEAT_ROW = 1000  # a reading repeated right after it, with other values


def rebuild_official(hourly_csv):
    """The official file's layout, holding the hourly file's rows: each hourly row, then five
    filler rows at +10..+50 minutes; 15 quoted columns; LF, no final newline (as the official
    file: the book's `split('\\n')` loop would fail on an empty last line).
    """
    names, lines = rnnbook.data.hourly.read_csv_lines(hourly_csv)
    rows = [line.split(",") for line in lines]
    assert rows[SENTINEL_ROW][6] == "0.00"
    rows[SENTINEL_ROW][6] = "-9999.00"
    stamps = [row[0] for row in rows]
    iso = [f"{s[6:10]}-{s[3:5]}-{s[:2]}T{s[11:16]}" for s in stamps]
    times = np.array(iso, dtype="datetime64[m]")
    later = [np.datetime_as_string(times + np.timedelta64(10 * k, "m")) for k in range(1, 6)]
    fill = ",".join(FILLER.values())
    out = []
    for i, row in enumerate(rows):
        by_name = dict(zip(names, row))
        out.append(",".join([row[0]] + [by_name.get(name, FILLER[name])
                                        for name in rnnbook.JENA_FEATURES]))
        if i == REPEAT_ROW:
            out.append(f"{row[0]},{fill}")
        out += [f"{t[8:10]}.{t[5:7]}.{t[:4]} {t[11:16]}:00,{fill}" for t in
                (later[k][i] for k in range(5))]
    header = ",".join(f'"{name}"' for name in ["Date Time"] + rnnbook.JENA_FEATURES)
    return header + "\n" + "\n".join(out)


@pytest.fixture(scope="module")
def official_text():
    if not SHARED_HOURLY:
        pytest.skip("no jena_hourly/ in RNN_DATA_DIR")
    return rebuild_official(SHARED_HOURLY / rnnbook.data.hourly.HOURLY_FILE)


@pytest.fixture
def official(official_text, tmp_path):
    path = tmp_path / rnnbook.data.jena.JENA_FILE
    path.write_text(official_text)
    return path


@pytest.mark.slow  # reads the rebuilt 10-minute file: 420,000 rows
def test_the_rebuilt_official_file_looks_like_the_official_one(official_text):
    lines = official_text.split("\n")
    assert len(lines) == 1 + 70038 * 6 + 1
    assert lines[1] == ("01.01.2009 00:10:00,996.52,-8.02,265.40,-8.90,93.30,3.33,3.11,0.22,"
                        "1.94,3.12,1307.75,1.03,1.75,152.30")  # the official first row
    assert [line[:19] for line in lines[2:8]] == [
        "01.01.2009 00:20:00", "01.01.2009 00:30:00", "01.01.2009 00:40:00",
        "01.01.2009 00:50:00", "01.01.2009 01:00:00", "01.01.2009 01:10:00"]


@pytest.mark.slow  # reads the rebuilt 10-minute file: 420,000 rows
def test_deriving_the_rebuilt_official_file_gives_the_hourly_file_byte_for_byte(official):
    out = rnnbook.data.hourly.derive_hourly(official, official.with_name("derived.csv"))
    assert out == official.with_name("derived.csv")
    assert rnnbook.data.files.file_digest(out) == rnnbook.data.hourly.HOURLY_SHA256
    assert rnnbook.data.hourly.HOURLY_SHA256 == "b3f13e48694038492e2a8294e7a53a3afe096b5ed292b058b7ab7053e13534c4"


@pytest.mark.slow  # reads the rebuilt 10-minute file: 420,000 rows
def test_crlf_line_ends_and_a_final_newline_give_the_same_file(official):
    official.write_bytes(official.read_bytes().replace(b"\n", b"\r\n") + b"\r\n")
    out = rnnbook.data.hourly.derive_hourly(official, official.with_name("derived.csv"))
    assert rnnbook.data.files.file_digest(out) == rnnbook.data.hourly.HOURLY_SHA256


# --- The setting ---------------------------------------------------------------------------

def load_jena_error(kind):
    """The message load_jena stops with, raised as `kind`."""
    with pytest.raises(kind) as error:
        rnnbook.load_jena()
    return str(error.value)


@pytest.fixture
def hourly_env(env, official):
    """RNN_JENA_HOURLY=1, RNN_DATA_DIR holding the rebuilt file, taken for the official one."""
    env.setattr(rnnbook.data.jena, "JENA_SHA256", rnnbook.data.files.file_digest(official))
    env.setenv("RNN_DATA_DIR", str(official.parent))
    env.setenv("RNN_JENA_HOURLY", "1")
    return env


@pytest.mark.slow  # reads the rebuilt 10-minute file: 420,000 rows
def test_the_setting_loads_the_derived_hourly_data(hourly_env, official, capsys):
    jena = rnnbook.load_jena()
    derived = official.with_name(rnnbook.data.hourly.HOURLY_FILE)
    assert jena.paths == [derived] and rnnbook.data.files.file_digest(derived) == rnnbook.data.hourly.HOURLY_SHA256
    assert jena.label == HOURLY_LABEL and not jena.is_book_data
    assert jena.source == f"{rnnbook.data.hourly.HOURLY_FILE} (RNN_DATA_DIR, RNN_JENA_HOURLY=1)"
    assert jena.float_data.shape == (70038, 6) and jena.interval == 60
    np.testing.assert_array_equal(jena.float_data[0], [996.52, -8.02, -8.90, 93.30, 3.33, 1.03])
    assert capsys.readouterr().out.startswith(
        f"Jena climate data from {rnnbook.data.hourly.HOURLY_FILE} (RNN_DATA_DIR, RNN_JENA_HOURLY=1): "
        f"{HOURLY_LABEL}\n70,038 rows x 6 features"
    )


@pytest.mark.slow  # reads the rebuilt 10-minute file: 420,000 rows
def test_a_derived_file_is_reused_while_its_hash_is_right(hourly_env, official):
    derived = official.with_name(rnnbook.data.hourly.HOURLY_FILE)
    shutil.copyfile(SHARED_HOURLY / rnnbook.data.hourly.HOURLY_FILE, derived)
    hourly_env.setattr(rnnbook.data.hourly, "derive_hourly", None)  # deriving again would fail
    assert rnnbook.load_jena().paths == [derived]


@pytest.mark.slow  # reads the rebuilt 10-minute file: 420,000 rows
def test_a_damaged_derived_file_is_derived_again(hourly_env, official):
    derived = official.with_name(rnnbook.data.hourly.HOURLY_FILE)
    derived.write_text("half a file")
    assert rnnbook.load_jena().label == HOURLY_LABEL
    assert rnnbook.data.files.file_digest(derived) == rnnbook.data.hourly.HOURLY_SHA256


@pytest.mark.slow  # reads the rebuilt 10-minute file: 420,000 rows
def test_a_downloaded_official_file_is_derived_beside_it(hourly_env, official):
    hourly_env.delenv("RNN_DATA_DIR")
    hourly_env.setattr(rnnbook.data.jena, "download_jena", lambda: official)  # checked as today
    jena = rnnbook.load_jena()
    assert jena.source == f"{rnnbook.data.hourly.HOURLY_FILE} (downloaded, RNN_JENA_HOURLY=1)"
    assert jena.paths == [official.with_name(rnnbook.data.hourly.HOURLY_FILE)]


@pytest.mark.slow  # reads the rebuilt 10-minute file: 420,000 rows
def test_another_official_file_stops_with_the_hash_error(hourly_env, official):
    text = official.read_text()
    official.write_text(text.replace(",-8.02,", ",-8.03,", 1))  # one value of a kept row
    hourly_env.setattr(rnnbook.data.jena, "JENA_SHA256", rnnbook.data.files.file_digest(official))
    derived = official.with_name(rnnbook.data.hourly.HOURLY_FILE)
    assert load_jena_error(ValueError) == (
        f"{derived} (RNN_JENA_HOURLY=1) has sha256 {rnnbook.data.files.file_digest(derived)}, not "
        f"{rnnbook.data.hourly.HOURLY_SHA256}: the official file is not the one the stored outputs were "
        f"derived from: replace {official} with the official jena_climate_2009_2016.csv, "
        "or unset RNN_JENA_HOURLY to use the file as it is"
    )


@pytest.mark.slow  # reads the rebuilt 10-minute file: 420,000 rows
def test_a_folder_that_cannot_be_written_says_what_to_do(hourly_env, official):
    def read_only(path, content):
        raise PermissionError(13, "Permission denied")

    hourly_env.setattr(rnnbook.data.hourly, "write_atomic", read_only)
    derived = official.with_name(rnnbook.data.hourly.HOURLY_FILE)
    assert load_jena_error(OSError) == (
        f"cannot write {derived} (Permission denied): RNN_JENA_HOURLY=1 derives it beside the "
        f"official file: make {official.parent} writable, or copy the official file to a "
        "writable folder and point RNN_DATA_DIR there"
    )


@pytest.mark.slow  # reads the rebuilt 10-minute file: 420,000 rows
def test_the_official_file_is_still_checked_first(hourly_env, official):
    official.write_text(official.read_text().replace(",-8.02,", ",-8.03,", 1))
    with pytest.raises(ValueError, match="in RNN_DATA_DIR is not the official file"):
        rnnbook.load_jena()
    assert not official.with_name(rnnbook.data.hourly.HOURLY_FILE).exists()


def test_without_the_official_file_the_setting_says_where_it_looked(env, tmp_path):
    env.setenv("RNN_DATA_DIR", str(tmp_path))
    env.setenv("RNN_JENA_HOURLY", "1")
    with pytest.raises(FileNotFoundError, match=f"holds no {rnnbook.data.jena.JENA_FILE}"):
        rnnbook.load_jena()


@pytest.mark.parametrize("value", ["0", "yes", "true", " 1", "2"])
def test_other_values_of_the_setting_are_refused(env, value):
    env.setenv("RNN_JENA_HOURLY", value)
    assert load_jena_error(ValueError) == (
        f"RNN_JENA_HOURLY={value!r}: set it to 1 to derive the hourly data of the stored "
        "outputs from the official file, or unset it to use the official file itself"
    )


def test_the_setting_with_rnn_jena_csv_is_refused(env, tmp_path):
    env.setenv("RNN_JENA_HOURLY", "1")
    env.setenv("RNN_JENA_CSV", str(tmp_path / "other.csv"))
    assert load_jena_error(ValueError) == (
        "RNN_JENA_HOURLY=1 and RNN_JENA_CSV are both set: set only one (RNN_JENA_HOURLY=1 "
        "derives the hourly data from the official file, RNN_JENA_CSV names other files)"
    )
