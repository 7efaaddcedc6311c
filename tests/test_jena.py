"""load_jena: the book's parse of the Jena CSV, from whichever source is configured."""

from pathlib import Path

import keras
import numpy as np
import pytest
import rnnbook
from conftest import SHARED_JENA

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
    path.write_text("Date Time,p (mbar),T (degC)\n01.01.2009 00:10:00,996.5,-8.0\n")
    with pytest.raises(ValueError, match=r"no column 'Tpot \(K\)', 'Tdew \(degC\)'"):
        rnnbook.parse_jena_csv(path)


def test_empty_file(tmp_path):
    path = tmp_path / "jena.csv"
    path.write_text("")
    with pytest.raises(ValueError, match="no column 'Date Time'"):
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
    rows[1][11] = rows[4][12] = rnnbook.SENTINEL  # wv and max. wv, as in the official file
    _, float_data, times = rnnbook.parse_jena_csv(official_csv(tmp_path / "j.csv", stamps, rows))
    assert rnnbook.irregularities(float_data, times) == {
        "gaps in the 10-minute steps": 1,
        "missing 10-minute rows": 3,
        "repeated or backward timestamps": 1,
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
        "3 rows x 14 features, 2009-01-01 00:10 .. 2009-01-01 00:30\n"
        "irregularities: 0 gaps in the 10-minute steps, 0 missing 10-minute rows, "
        "0 repeated or backward timestamps, 0 -9999 sentinel values\n"
    )


def test_the_official_file_is_recognised_by_its_hash(env, tmp_path):
    path = official_csv(tmp_path / rnnbook.JENA_FILE)
    env.setattr(rnnbook, "JENA_SHA256", rnnbook.file_digest(path))
    env.setenv("RNN_DATA_DIR", str(tmp_path))
    jena = rnnbook.load_jena()
    assert jena.is_book_data and jena.source == f"{rnnbook.JENA_FILE} (RNN_DATA_DIR)"
    assert jena.label == "Jena 2009-2016, the book's data"


def test_rnn_jena_csv_that_does_not_exist(env, tmp_path):
    env.setenv("RNN_JENA_CSV", str(tmp_path / "missing.csv"))
    with pytest.raises(FileNotFoundError, match="RNN_JENA_CSV=.*missing.csv is not a file"):
        rnnbook.load_jena()


def test_missing_offline_file_names_the_variable_and_the_url(env, tmp_path):
    env.setenv("RNN_DATA_DIR", str(tmp_path))
    with pytest.raises(FileNotFoundError) as error:
        rnnbook.load_jena()
    assert f"holds no {rnnbook.JENA_FILE}" in str(error.value)
    assert rnnbook.JENA_URL in str(error.value)


def test_offline_file_with_wrong_hash_is_rejected(env, tmp_path):
    official_csv(tmp_path / rnnbook.JENA_FILE)
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
    official_csv(tmp_path / rnnbook.JENA_FILE)
    env.setattr(keras.utils, "get_file", lambda **kwargs: str(tmp_path))
    with pytest.raises(ValueError, match="did not unpack to the official"):
        rnnbook.load_jena()


# --- On the real 2024 excerpt, where this machine has it (CI does) ----------------------


@pytest.mark.skipif(not SHARED_JENA, reason="RNN_JENA_CSV not set")
def test_real_2024_excerpt(monkeypatch):
    monkeypatch.setenv("RNN_JENA_CSV", SHARED_JENA)
    jena = rnnbook.load_jena()
    assert jena.float_data.shape == (19132, 14)
    assert (str(jena.times[0]), str(jena.times[-1])) == ("2024-06-09T11:40", "2024-10-20T08:10")
    assert not jena.is_book_data
    assert set(jena.irregularities.values()) == {0}
    assert jena.source == f"{Path(SHARED_JENA).name} (RNN_JENA_CSV)"
    assert jena.float_data[0, 1] == 18.76  # T (degC) of the first row
