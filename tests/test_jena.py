"""load_jena: the book's parse of the Jena CSV, from whichever source is configured."""

import os

import keras
import numpy as np
import pytest
import rnnbook
import rnnbook.data.files
import rnnbook.data.jena
from conftest import SHARED_HOURLY, SHARED_STATION

FEATURES = rnnbook.JENA_FEATURES
STAMPS = ["01.01.2009 00:10:00", "01.01.2009 00:20:00", "01.01.2009 00:30:00"]


def official_csv(path, stamps=STAMPS, rows=None):
    """A file in the official format: 15 quoted ASCII names, LF line ends."""
    rows = rows or [[i * 14 + j + 0.5 for j in range(14)] for i in range(len(stamps))]
    header = ",".join(f'"{name}"' for name in ["Date Time"] + FEATURES)
    lines = [header] + [",".join([s] + [str(v) for v in row]) for s, row in zip(stamps, rows)]
    path.write_text("\n".join(lines) + "\n")
    return path


def excerpt_csv(path):
    """A file like the 2024 excerpt: extra Latin-1 columns, CRLF, features interleaved."""
    names = ["Date Time", "rain (mm)"] + FEATURES[:5] + ["SWDR (W/m²)"] + FEATURES[5:]
    lines = [",".join(names)]
    for i, stamp in enumerate(STAMPS):
        features = [str(i * 14 + j + 0.5) for j in range(14)]
        lines.append(",".join([stamp, "0"] + features[:5] + ["99"] + features[5:]))
    path.write_bytes("\r\n".join(lines).encode("latin-1") + b"\r\n")
    return path


EXPECTED = np.arange(42).reshape(3, 14) + 0.5


@pytest.mark.parametrize("write", [official_csv, excerpt_csv])
def test_parse_selects_the_14_features_by_name(tmp_path, write):
    header, float_data, times = rnnbook.parse_jena_csv(write(tmp_path / "jena.csv"))
    assert header == ["Date Time"] + FEATURES and len(header) == 15
    np.testing.assert_array_equal(float_data, EXPECTED)
    assert [str(t) for t in times] == ["2009-01-01T00:10", "2009-01-01T00:20", "2009-01-01T00:30"]


def test_missing_column_is_named(tmp_path):
    path = tmp_path / "jena.csv"
    path.write_text("Date Time,p (mbar),rh (%)\n01.01.2009 00:10:00,996.5,93.3\n")
    with pytest.raises(ValueError, match=r"jena.csv has no column 'T \(degC\)': .* needs 'Date"):
        rnnbook.parse_jena_csv(path)


def test_a_subset_of_the_features_is_kept_in_the_official_order(tmp_path):
    path = tmp_path / "jena.csv"
    path.write_text('"Date Time","wv (m/s)","T (degC)","p (mbar)","rain (mm)"\n'
                    "01.01.2009 00:10:00,1.03,-8.02,996.52,0.0\n")
    header, float_data, _ = rnnbook.parse_jena_csv(path)
    assert header == ["Date Time", "p (mbar)", "T (degC)", "wv (m/s)"]
    np.testing.assert_array_equal(float_data, [[996.52, -8.02, 1.03]])


def test_a_long_line_gives_its_number(tmp_path):
    path = official_csv(tmp_path / "jena.csv")
    lines = path.read_text().splitlines()
    lines[2] += ",1.0"
    path.write_text("\n".join(lines))
    with pytest.raises(ValueError, match="jena.csv, line 3: 16 fields, the header has 15: repair"):
        rnnbook.parse_jena_csv(path)


def test_a_blank_line_among_the_rows_gives_its_number(tmp_path):
    path = official_csv(tmp_path / "jena.csv")
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:2] + [""] + lines[2:]) + "\n")
    with pytest.raises(ValueError, match="jena.csv, line 3: 1 fields, the header has 15"):
        rnnbook.parse_jena_csv(path)


def test_values_are_read_exactly_as_the_book_reads_them(tmp_path):
    values = ["996.52", "-8.02", "0.1", "1e-05", "93.30", "1179.66", "-9999.00"]
    rows = [[float(v)] * 14 for v in values]
    stamps = [f"01.01.2009 {h:02}:10:00" for h in range(len(values))]
    path = official_csv(tmp_path / "jena.csv", stamps=stamps, rows=rows)
    book = np.array([[float(x) for x in line.split(",")[1:]]
                     for line in path.read_text().splitlines()[1:]])
    np.testing.assert_array_equal(rnnbook.parse_jena_csv(path)[1], book)


def test_empty_file(tmp_path):
    path = tmp_path / "jena.csv"
    path.write_text("")
    with pytest.raises(ValueError, match="jena.csv is empty: replace it"):
        rnnbook.parse_jena_csv(path)


def test_header_without_rows(tmp_path):
    path = official_csv(tmp_path / "jena.csv")
    path.write_text(path.read_text().splitlines()[0])
    with pytest.raises(ValueError, match="a header but no data rows"):
        rnnbook.parse_jena_csv(path)


def test_non_numeric_value_gives_line_and_column(tmp_path):
    path = official_csv(tmp_path / "jena.csv")
    path.write_text(path.read_text().replace(",16.5,", ",n/a,"))
    with pytest.raises(ValueError, match=r"jena.csv, line 3, column 'Tpot \(K\)': 'n/a' is not"):
        rnnbook.parse_jena_csv(path)


def test_short_line_gives_its_number(tmp_path):
    path = official_csv(tmp_path / "jena.csv")
    lines = path.read_text().splitlines()
    lines[3] = lines[3].rsplit(",", 2)[0]
    path.write_text("\n".join(lines))
    with pytest.raises(ValueError, match="line 4: 13 fields, the header has 15"):
        rnnbook.parse_jena_csv(path)


def test_bad_date_gives_its_line(tmp_path):
    path = official_csv(tmp_path / "jena.csv", stamps=[STAMPS[0], "2009-01-01 00:20", STAMPS[2]])
    with pytest.raises(ValueError, match="line 3: '2009-01-01 00:20' is not a 'dd.mm.yyyy"):
        rnnbook.parse_jena_csv(path)


def test_irregularities_are_counted_not_fatal(tmp_path):
    stamps = [
        "01.01.2009 00:10:00",
        "01.01.2009 00:20:00",
        "01.01.2009 00:20:00",  # repeated
        "01.01.2009 01:00:00",  # 3 rows missing before it
        "01.01.2009 01:10:00",
    ]
    rows = [[1.0] * 14 for _ in stamps]
    rows[1][11] = rows[4][12] = rnnbook.data.jena.SENTINEL  # wv and max. wv, as in the official file
    _, float_data, times = rnnbook.parse_jena_csv(official_csv(tmp_path / "j.csv", stamps, rows))
    keep = [0, 1, 3, 4]  # load_jena drops the repeated timestamp
    assert rnnbook.data.jena.irregularities(float_data[keep], times[keep], repeats=1) == {
        "gaps in the 10-minute steps": 1,
        "missing 10-minute rows": 3,
        "hours in the longest gap": 0,
        "repeated timestamps dropped": 1,
        "-9999 sentinel values": 2,
    }


def test_load_jena_reports_source_and_data(env, tmp_path, capsys):
    env.setenv("RNN_JENA_CSV", str(excerpt_csv(tmp_path / "other.csv")))
    jena = rnnbook.load_jena()
    np.testing.assert_array_equal(jena.float_data, EXPECTED)
    assert not jena.is_book_data
    assert jena.label == "Jena 2009-01-01 to 2009-01-01, NOT the book's data"
    assert capsys.readouterr().out == (
        "Jena climate data from other.csv (RNN_JENA_CSV): NOT the book's 2009-2016 data\n"
        "3 rows x 14 features, 2009-01-01 00:10 .. 2009-01-01 00:30, a reading every 10 minutes\n"
        "irregularities: 0 gaps in the 10-minute steps, 0 missing 10-minute rows, "
        "0 hours in the longest gap, 0 repeated timestamps dropped, 0 -9999 sentinel values\n"
    )


def test_the_official_file_is_recognised_by_its_hash(env, tmp_path):
    path = official_csv(tmp_path / rnnbook.data.jena.JENA_FILE)
    env.setattr(rnnbook.data.jena, "JENA_SHA256", rnnbook.data.files.file_digest(path))
    env.setenv("RNN_DATA_DIR", str(tmp_path))
    jena = rnnbook.load_jena()
    assert jena.is_book_data and jena.source == f"{rnnbook.data.jena.JENA_FILE} (RNN_DATA_DIR)"
    assert jena.label == "Jena 2009-2016, the book's data"


def test_rnn_jena_csv_that_does_not_exist(env, tmp_path):
    env.setenv("RNN_JENA_CSV", str(tmp_path / "missing.csv"))
    with pytest.raises(FileNotFoundError, match="RNN_JENA_CSV names .*missing.csv, which is not"):
        rnnbook.load_jena()


def test_missing_offline_file_names_the_variable_and_the_url(env, tmp_path):
    env.setenv("RNN_DATA_DIR", str(tmp_path))
    with pytest.raises(FileNotFoundError) as error:
        rnnbook.load_jena()
    assert f"holds no {rnnbook.data.jena.JENA_FILE}" in str(error.value)
    assert rnnbook.data.jena.JENA_URL in str(error.value)


def test_offline_file_with_wrong_hash_is_rejected(env, tmp_path):
    official_csv(tmp_path / rnnbook.data.jena.JENA_FILE)
    env.setenv("RNN_DATA_DIR", str(tmp_path))
    with pytest.raises(ValueError, match="not the official file.*RNN_JENA_CSV"):
        rnnbook.load_jena()


def test_failed_download_says_how_to_work_offline(env):
    def offline(**kwargs):
        raise Exception("URL fetch failure: no network")

    env.setattr(keras.utils, "get_file", offline)
    with pytest.raises(RuntimeError, match="Could not download .*set RNN_DATA_DIR"):
        rnnbook.load_jena()


def test_download_that_unpacks_to_another_file_is_rejected(env, tmp_path):
    official_csv(tmp_path / rnnbook.data.jena.JENA_FILE)
    env.setattr(keras.utils, "get_file", lambda **kwargs: str(tmp_path))
    with pytest.raises(ValueError, match="did not unpack to the official"):
        rnnbook.load_jena()


def station_csv(path, stamps, first_value=0.5):
    """A file in the station's half-year format: quoted 22-column header, padded values."""
    names = ["Date Time"] + FEATURES + ["rain (mm)", "CO2 (ppm)"]
    lines = [",".join(f'"{n}"' for n in names)]
    for i, stamp in enumerate(stamps):
        values = [first_value + i * 14 + j for j in range(14)] + [0.0, 420.2]
        lines.append(",".join([stamp] + [f"{v:8.2f}" for v in values]))
    path.write_bytes("\r\n".join(lines).encode("latin-1") + b"\r\n")
    return path


def test_bom_is_ignored(tmp_path):
    path = official_csv(tmp_path / "jena.csv")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    _, float_data, _ = rnnbook.parse_jena_csv(path)
    np.testing.assert_array_equal(float_data, EXPECTED)


def test_semicolon_separator_says_how_to_save_the_file(tmp_path):
    path = official_csv(tmp_path / "jena.csv")
    path.write_text(path.read_text().replace(",", ";"))
    with pytest.raises(ValueError, match="jena.csv separates its fields with ';': save it with ','"):
        rnnbook.parse_jena_csv(path)


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "  nan  "])
def test_nan_or_infinite_values_are_refused_with_line_and_column(tmp_path, value):
    path = official_csv(tmp_path / "jena.csv")
    path.write_text(path.read_text().replace(",17.5,", f",{value},"))
    with pytest.raises(ValueError, match=r"line 3, column 'Tdew \(degC\)': .* is not a number"):
        rnnbook.parse_jena_csv(path)


def test_station_format_with_padded_values(tmp_path):
    path = station_csv(tmp_path / "half.csv", STAMPS)
    header, float_data, times = rnnbook.parse_jena_csv(path)
    np.testing.assert_array_equal(float_data, EXPECTED)
    assert str(times[0]) == "2009-01-01T00:10"


def test_several_files_are_one_series_sorted_with_repeats_dropped(env, tmp_path, capsys):
    # given out of order, in two formats, one timestamp in both files, a 2-hour gap
    late = station_csv(tmp_path / "late.csv", ["02.01.2009 00:00:00", "02.01.2009 00:10:00"], 100)
    early = official_csv(
        tmp_path / "early.csv",
        stamps=["01.01.2009 23:40:00", "01.01.2009 23:50:00", "02.01.2009 00:00:00"],
        rows=[[float(i)] * 14 for i in range(3)],
    )
    env.setenv("RNN_JENA_CSV", f"{late}{os.pathsep}{early}")
    jena = rnnbook.load_jena()
    assert [str(t) for t in jena.times] == [
        "2009-01-01T23:40", "2009-01-01T23:50", "2009-01-02T00:00", "2009-01-02T00:10"
    ]
    # the repeated 00:00 keeps the first given (late.csv's row), as a stable sort does
    assert list(jena.float_data[:, 0]) == [0.0, 1.0, 100.0, 114.0]
    assert jena.files == {
        "late.csv": (2, np.datetime64("2009-01-02T00:00"), np.datetime64("2009-01-02T00:10")),
        "early.csv": (3, np.datetime64("2009-01-01T23:40"), np.datetime64("2009-01-02T00:00")),
    }
    assert jena.irregularities["repeated timestamps dropped"] == 1
    assert jena.label == "Jena 2009-01-01 to 2009-01-02 (2 periods), NOT the book's data"
    assert capsys.readouterr().out.splitlines()[:3] == [
        "Jena climate data from late.csv, early.csv (RNN_JENA_CSV): NOT the book's 2009-2016 data",
        "  late.csv: 2 rows, 2009-01-02 00:00 .. 2009-01-02 00:10",
        "  early.csv: 3 rows, 2009-01-01 23:40 .. 2009-01-02 00:00",
    ]


def test_a_folder_of_csv_files(env, tmp_path):
    folder = tmp_path / "jena"
    folder.mkdir()
    station_csv(folder / "b.csv", ["01.01.2009 03:00:00"])
    station_csv(folder / "a.csv", ["01.01.2009 00:10:00", "01.01.2009 00:20:00"])
    (folder / "notes.txt").write_text("not read")
    env.setenv("RNN_JENA_CSV", str(folder))
    jena = rnnbook.load_jena()
    assert list(jena.files) == ["a.csv", "b.csv"]
    assert jena.irregularities["gaps in the 10-minute steps"] == 1
    assert jena.irregularities["missing 10-minute rows"] == 15
    assert jena.irregularities["hours in the longest gap"] == 2


@pytest.mark.parametrize("entry", ["missing.csv", "empty_folder"])
def test_each_named_entry_must_exist(env, tmp_path, entry):
    good = station_csv(tmp_path / "good.csv", STAMPS)
    (tmp_path / "empty_folder").mkdir()
    env.setenv("RNN_JENA_CSV", f"{good}{os.pathsep}{tmp_path / entry}")
    with pytest.raises(FileNotFoundError, match=f"RNN_JENA_CSV names .*{entry}, which is not"):
        rnnbook.load_jena()


def test_a_bad_file_among_several_is_named(env, tmp_path):
    good = station_csv(tmp_path / "good.csv", STAMPS)
    bad = tmp_path / "bad.csv"
    bad.write_text("")
    env.setenv("RNN_JENA_CSV", f"{good}{os.pathsep}{bad}")
    with pytest.raises(ValueError, match="bad.csv is empty"):
        rnnbook.load_jena()


def test_windows_across_gaps_are_counted():
    times = np.datetime64("2024-01-01T00:00") + np.arange(0, 200, 10).astype("timedelta64[m]")
    times[12:] += np.timedelta64(60, "m")  # a one-hour hole between rows 11 and 12
    # rows 3..17 with lookback 3 and delay 2 span [row - 3, row + 2]: rows 10..14 span the hole
    assert rnnbook.windows_across_gaps(times, lookback=3, delay=2, min_index=0, max_index=18) == (
        5,
        15,
    )


# --- On the real files, where this machine has them (CI does: ../shared/data) ------------

needs_station = pytest.mark.skipif(not SHARED_STATION, reason="no jena/ in RNN_DATA_DIR")
needs_hourly = pytest.mark.skipif(not SHARED_HOURLY, reason="no jena_hourly/ in RNN_DATA_DIR")
PERIODS = {  # rows in the file, first and last time
    "mpi_roof_2020-01-01_2021-01-01.csv": (52695, "2020-01-01T00:10", "2021-01-01T00:00"),
    "mpi_roof_2021-07-01_2021-11-28.csv": (21698, "2021-07-01T00:10", "2021-11-28T16:20"),
    "mpi_roof_2024-01-01_2024-05-15.csv": (19537, "2024-01-01T00:10", "2024-05-15T16:00"),
    "mpi_roof_2024-06-09_2024-10-20.csv": (19132, "2024-06-09T11:40", "2024-10-20T08:10"),
}


@needs_station
@pytest.mark.parametrize("name", sorted(PERIODS))
def test_each_real_period(env, name):
    env.setenv("RNN_JENA_CSV", str(SHARED_STATION / name))
    jena = rnnbook.load_jena()
    rows, first, last = PERIODS[name]
    assert jena.float_data.shape == (rows - (name == "mpi_roof_2024-01-01_2024-05-15.csv"), 14)
    assert (str(jena.times[0]), str(jena.times[-1])) == (first, last)
    assert np.all(np.diff(jena.times) > np.timedelta64(0))
    assert jena.interval == 10 and not jena.is_book_data


@needs_station
def test_the_four_real_periods_as_one_series(env):
    env.setenv("RNN_JENA_CSV", str(SHARED_STATION))  # the folder: its four files
    jena = rnnbook.load_jena()
    assert list(jena.files) == sorted(PERIODS)
    assert jena.float_data.shape == (113061, 14)  # 113,062 rows, 13.04.2024 06:00 twice
    assert (str(jena.times[0]), str(jena.times[-1])) == ("2020-01-01T00:10", "2024-10-20T08:10")
    assert jena.irregularities == {
        "gaps in the 10-minute steps": 4,
        # 2020-05-29 09:30 .. 11:10; 2021-01-01 00:00 .. 2021-07-01 00:10;
        # 2021-11-28 16:20 .. 2024-01-01 00:10; 2024-05-15 16:00 .. 2024-06-09 11:40
        "missing 10-minute rows": 9 + 26064 + 109918 + 3573,
        "hours in the longest gap": 18319,
        "repeated timestamps dropped": 1,
        "-9999 sentinel values": 1,  # wv (m/s), 20.02.2020 07:40; the rest are in max. PAR
    }
    sentinel = np.argwhere(jena.float_data == rnnbook.data.jena.SENTINEL)
    assert str(jena.times[sentinel[0, 0]]) == "2020-02-20T07:40"
    assert jena.header[1:][sentinel[0, 1]] == "wv (m/s)"
    assert jena.label == "Jena 2020-01-01 to 2024-10-20 (4 periods), NOT the book's data"
    assert jena.float_data[52695, 1] == 16.07  # T (degC) of the 2021 file's first row


@needs_hourly
def test_the_hourly_2009_2016_file(env):
    env.setenv("RNN_JENA_CSV", str(SHARED_HOURLY))
    jena = rnnbook.load_jena()
    assert jena.float_data.shape == (70038, 6) and jena.interval == 60
    assert (str(jena.times[0]), str(jena.times[-1])) == ("2009-01-01T00:10", "2016-12-31T23:50")
    assert jena.header[1:3] == ["p (mbar)", "T (degC)"]  # T is feature column 1, as in the book
    np.testing.assert_array_equal(jena.float_data[0], [996.52, -8.02, -8.90, 93.30, 3.33, 1.03])
    assert jena.float_data[:, 1].min() == -23.01  # the official file's minimum
    assert jena.irregularities == {
        "gaps in the 60-minute steps": 5,  # 80 min, 70, 70, 16 h 50, 3 days 3 h 10
        "missing 60-minute rows": 0 + 0 + 0 + 15 + 74,
        "hours in the longest gap": 75,
        "repeated timestamps dropped": 0,
        "-9999 sentinel values": 0,  # its maker set them to 0
    }
    assert jena.label == "Jena 2009–2016, hourly, 6 of the 14 features: not the book's exact data"


def hourly_csv(path, stamps):
    """A file like the hourly 2009-2016 one: 6 of the 14 features, quoted header, LF."""
    names = ["Date Time", "p (mbar)", "T (degC)", "Tdew (degC)", "rh (%)", "VPmax (mbar)",
             "wv (m/s)"]
    lines = [",".join(f'"{n}"' for n in names)]
    lines += [",".join([s] + [f"{i + j / 10:.2f}" for j in range(6)]) for i, s in enumerate(stamps)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_the_interval_is_measured_and_gaps_counted_against_it(env, tmp_path, capsys):
    # hourly, then 80 min (no row missing), then 3 h (2 rows missing); the minute drifts
    stamps = ["01.01.2009 00:10:00", "01.01.2009 01:10:00", "01.01.2009 02:10:00",
              "01.01.2009 03:30:00", "01.01.2009 06:30:00", "01.01.2009 07:30:00"]
    env.setenv("RNN_JENA_CSV", str(hourly_csv(tmp_path / "hourly.csv", stamps)))
    jena = rnnbook.load_jena()
    assert jena.interval == 60
    assert jena.header[1:] == ["p (mbar)", "T (degC)", "Tdew (degC)", "rh (%)", "VPmax (mbar)",
                               "wv (m/s)"]
    assert jena.irregularities == {
        "gaps in the 60-minute steps": 2,
        "missing 60-minute rows": 2,
        "hours in the longest gap": 3,
        "repeated timestamps dropped": 0,
        "-9999 sentinel values": 0,
    }
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "6 rows x 6 features, 2009-01-01 00:10 .. 2009-01-01 07:30, a reading every 60 minutes"
    assert out[2] == (
        "features: 6 of the official 14: p (mbar), T (degC), Tdew (degC), rh (%), VPmax (mbar), "
        "wv (m/s); missing: Tpot (K), VPact (mbar), VPdef (mbar), sh (g/kg), H2OC (mmol/mol), "
        "rho (g/m**3), max. wv (m/s), wd (deg)"
    )


def test_files_with_different_features_are_refused(env, tmp_path):
    hourly = hourly_csv(tmp_path / "hourly.csv", ["01.01.2009 00:10:00"])
    full = official_csv(tmp_path / "full.csv")
    env.setenv("RNN_JENA_CSV", f"{full}{os.pathsep}{hourly}")
    with pytest.raises(ValueError, match="hourly.csv holds the features .* full.csv holds .*"
                                         "name files with the same features"):
        rnnbook.load_jena()


@pytest.mark.parametrize("interval, expected", [
    (10, {"lookback": 1440, "step": 6, "delay": 144}),  # the book's, on the official file
    (60, {"lookback": 240, "step": 1, "delay": 24}),
    (30, {"lookback": 480, "step": 2, "delay": 48}),
])
def test_windows_in_hours(interval, expected):
    assert rnnbook.window_args(interval) == expected


@pytest.mark.parametrize("interval", [7, 90, 0])
def test_intervals_that_make_no_whole_hours_are_refused(interval):
    with pytest.raises(ValueError, match=f"every {interval} minutes do not make whole hours"):
        rnnbook.window_args(interval)


def test_a_known_file_gets_its_label(env, tmp_path):
    path = hourly_csv(tmp_path / "hourly.csv", ["01.01.2009 00:10:00", "01.01.2009 01:10:00"])
    env.setitem(rnnbook.data.jena.KNOWN_FILES, rnnbook.data.files.file_digest(path), "Jena hourly, a test file")
    env.setenv("RNN_JENA_CSV", str(path))
    jena = rnnbook.load_jena()
    assert jena.label == "Jena hourly, a test file" and not jena.is_book_data
