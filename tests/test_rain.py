"""rnnbook.data.rain (the station's rain, exercise notebook 05e) and the rain checks (ex_rain):
files found, downloaded, refused with the fix; hours; samples; metrics; each check's messages."""

import zipfile
from pathlib import Path

import numpy as np
import pytest

from conftest import SHARED_STATION
from rnnbook.data import rain
from rnnbook.exercises import rain as ex_rain

HEADER = ('"Date Time","p (mbar)","T (degC)","rh (%)","rain (mm)","raining (s)"\n')


def station_csv(path, rows=13, rain_at=(), bad=None):
    """A small station-format file: 10-minute rows from 01.07.2021 00:10."""
    lines = [HEADER]
    for i in range(rows):
        minutes = 10 * (i + 1)
        stamp = f"01.07.2021 {minutes // 60:02d}:{minutes % 60:02d}:00"
        wet = "0.30" if i in rain_at else "0.00"
        lines.append(f"{stamp},  985.02,   16.07,   81.40,    {wet},    0.00\n")
    if bad is not None:
        lines[bad[0]] = bad[1]
    Path(path).write_text("".join(lines), encoding="latin-1")
    return path


def test_a_missing_file_names_the_folder_and_the_fix(env, tmp_path):
    env.setenv("RNN_DATA_DIR", str(tmp_path))
    with pytest.raises(FileNotFoundError) as error:
        rain.rain_files()
    assert str(error.value) == (
        f"RNN_DATA_DIR={tmp_path} holds no mpi_roof_2021-07-01_2021-11-28.csv (looked in it "
        "and in its jena/ folder): copy it there, or unset RNN_DATA_DIR to download "
        "https://www.bgc-jena.mpg.de/wetter/mpi_roof_2021b.zip")


def test_files_are_found_in_the_folder_or_its_jena_folder(env, tmp_path):
    (tmp_path / "jena").mkdir()
    names = list(rain.RAIN_FILES)
    for name in names[:2]:
        (tmp_path / "jena" / name).write_text("x")
    (tmp_path / names[2]).write_text("x")
    env.setenv("RNN_DATA_DIR", str(tmp_path))
    assert [(n, p.relative_to(tmp_path).as_posix(), how) for n, p, how in rain.rain_files()] == [
        (names[0], f"jena/{names[0]}", "RNN_DATA_DIR"),
        (names[1], f"jena/{names[1]}", "RNN_DATA_DIR"),
        (names[2], names[2], "RNN_DATA_DIR")]


@pytest.mark.parametrize("line, message", [
    ("01.07.2021 00:30:00,  985.02,  x,  81.40,  0.00,  0.00\n",
     "s.csv, line 4, column 'T (degC)': 'x' is not a number: repair or remove that line"),
    ("01.07.2021 00:30:00,  985.02,  16.07,  81.40,  wet,  0.00\n",
     "s.csv, line 4, column 'rain (mm)': 'wet' is not a number: repair or remove that line"),
])
def test_a_malformed_line_is_named(tmp_path, line, message):
    path = station_csv(tmp_path / "s.csv", bad=(3, line))
    with pytest.raises(ValueError) as error:
        rain.read_rain_csv(path)
    assert str(error.value) == message


def test_a_file_without_rain_says_which_files_have_it(tmp_path):
    path = tmp_path / "book.csv"
    path.write_text('"Date Time","p (mbar)","T (degC)"\n01.01.2009 00:10:00,996.52,-8.02\n')
    with pytest.raises(ValueError) as error:
        rain.read_rain_csv(path)
    assert str(error.value).startswith(
        "book.csv has no column 'rain (mm)': only the station's own half-year files carry "
        "rain (the book's 2009-2016 file does not). Use the files mpi_roof_2021-07-01_")


def test_other_numbers_are_refused_with_the_fix(env, tmp_path, monkeypatch):
    name = "mpi_roof_2021-07-01_2021-11-28.csv"
    path = station_csv(tmp_path / name, rows=12)
    monkeypatch.setitem(rain.PERIODS, name, ("2021-07-01T00:10", "2021-07-01T02:00"))
    with pytest.raises(ValueError) as error:
        rain._excerpt(name, path, "RNN_DATA_DIR")
    assert str(error.value).startswith(
        f"{name} (RNN_DATA_DIR) does not hold the numbers this exercise was measured on for "
        "2021-07-01T00:10 .. 2021-07-01T02:00 (their sha256 differs from 6b3eada694be...): "
        f"replace it with {name} or with the station's "
        "https://www.bgc-jena.mpg.de/wetter/mpi_roof_2021b.zip")


def test_the_download_unpacks_the_station_archive(env, tmp_path, monkeypatch):
    archive = tmp_path / "mpi_roof_2021b.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("mpi_roof_2021b.csv", "a,b\n1,2\n")
    monkeypatch.setattr(rain, "download", lambda fetch, name, url: str(archive))
    assert rain.download_station("mpi_roof_2021b").read_text() == "a,b\n1,2\n"
    broken = tmp_path / "mpi_roof_2024a.zip"
    broken.write_text("not a zip")
    monkeypatch.setattr(rain, "download", lambda fetch, name, url: str(broken))
    with pytest.raises(ValueError, match="is not the station's archive .*delete it and run"):
        rain.download_station("mpi_roof_2024a")


def test_hourly_rain_and_samples_without_gaps():
    hours = np.arange("2021-07-01T01", "2021-07-01T11", dtype="datetime64[h]")
    hours = np.r_[hours[:6], hours[7:]]  # hour 07 missing: samples must not span it
    table = {"hours": hours, "features": np.arange(len(hours) * 2.0).reshape(-1, 2),
             "rain": np.r_[0, 0.3, 0, 0, 0.1, 0, 0, 0.2, 0.0], "header": ["Date Time", "a", "b"]}
    task = rain.rain_task(table, lookback=2)
    ends = np.r_[task["hours_train"], task["hours_val"], task["hours_test"]]
    assert [str(h)[-2:] for h in ends] == ["03", "04", "05", "06", "10"]
    assert np.r_[task["y_train"], task["y_val"], task["y_test"]].tolist() == [0, 0, 1, 0, 0]
    assert task["x_train"].shape[1:] == (2, 3)


def test_metrics_against_brute_force():
    rng = np.random.default_rng(0)
    wet, score = rng.random(200) < 0.2, rng.integers(0, 4, 200).astype(float)
    pairs = [1.0 if a > b else 0.5 if a == b else 0.0 for a in score[wet] for b in score[~wet]]
    assert ex_rain.roc_auc(wet, score) == pytest.approx(np.mean(pairs), abs=1e-12)
    assert ex_rain.log_loss(np.array([1.0, 0.0]), np.array([0.5, 0.5])) == pytest.approx(np.log(2))


def small_rain_task():
    """A rain task of 400/199/200 hours whose windows carry each hour's own answer (feature 1)
    and a random number (feature 2, so that no two windows are alike): a model can be right or
    wrong by design."""
    rng = np.random.default_rng(1)
    task = {"lookback": 1}
    for split, n in [("train", 400), ("val", 199), ("test", 200)]:  # shares: many decimals
        before = (rng.random(n) < 0.1) * 0.5
        y = np.where(before > 0, rng.random(n) < 0.7, rng.random(n) < 0.05).astype("float32")
        task.update({f"x_{split}": np.c_[before, y, rng.random(n)][:, None, :].astype("float32"),
                     f"y_{split}": y, f"rain_before_{split}": before})
    return task


class Predicts:
    """A model: predict(x) gives `forecast(x)`."""

    def __init__(self, forecast):
        self.forecast = forecast

    def predict(self, x, verbose=0):
        return np.asarray(self.forecast(x), dtype="float32").reshape(-1, 1)


def sees_the_answer(x):
    return x[:, 0, 1] * 0.9 + 0.05


def rain_questions(task=None):
    task = task or small_rain_task()
    return task, ex_rain.exercises(ex_rain.handed_out(task), held_out=lambda: task)


def test_the_notebook_gets_no_test_hours():
    task = small_rain_task()
    assert sorted(ex_rain.handed_out(task)) == [
        "lookback", "rain_before_train", "rain_before_val", "x_train", "x_val", "y_train",
        "y_val"]


def test_rain_checks_right_and_wrong():
    task, (q7, q8, q9) = rain_questions()
    y, wet = task["y_val"], task["rain_before_val"] > 0
    dry, persist = float(np.mean(y == 0)), float(np.mean(wet == (y > 0)))
    assert q7.verdict(dry, persist)[0]
    assert q7.verdict(dry + 5e-9, persist - 5e-9)[0]  # a float32 mean's rounding is right
    assert q7.verdict(dry + 2 / len(y), persist)[1] == (
        f"always_dry = {dry + 2 / len(y):g} is not the share of validation hours that are dry: "
        "count y_val == 0 and divide by the number of validation hours")
    assert q7.verdict(dry * 100, persist * 100)[1] == (
        f"always_dry = {dry * 100:g}: a share is a fraction from 0 to 1, not a percentage: "
        "divide by 100")
    assert q7.verdict(1 - dry, persist)[1] == (
        f"always_dry = {1 - dry:g} is the share of rainy hours: always dry is right in the "
        "dry ones")
    assert q7.verdict(dry, 1.0)[1] == ("persistence = 1.0: you compared y_val with itself; "
                                       "persistence forecasts rain where rain_before_val > 0")
    rate = float(task["y_train"].mean())
    loss = ex_rain.log_loss(y, np.full(len(y), rate))
    assert q8.verdict(rate, loss)[0]
    assert q8.verdict(rate - 5e-9, loss)[0]  # np.mean(y_train > 0) in float64
    assert q8.verdict(float(y.mean()), loss)[1] == (
        f"rate = {y.mean():g} is the validation hours' rate: a forecast may only know the "
        "training hours")
    assert q8.verdict(rate, loss / np.log(2))[1] == (
        f"loss = {loss / np.log(2):g} in bits (log2): use the natural log, as Keras' binary "
        "cross-entropy does")
    assert q9.verdict(Predicts(sees_the_answer))[0]  # beats every baseline
    assert q9.verdict(Predicts(lambda x: np.zeros(len(x))))[1] == (
        "it gives every hour the same chance of rain: it has not learned from the 24 hours. A "
        "model trained on the MAE (of rain totals, or of rain yes/no) learns to say 'dry', "
        "since rain is rare: train on x_train, y_train with loss='binary_crossentropy' and a "
        "sigmoid output")
    assert q9.verdict("model")[1] == "pass the trained Keras model, not str"


def test_rounding_to_the_decimals_asked_passes_and_coarser_is_named():
    """Issue 35: q7 refused a 3-decimal rounding; the task now asks for 3 decimals or more."""
    task, (q7, q8, _) = rain_questions()
    y, wet = task["y_val"], task["rain_before_val"] > 0
    dry, persist = float(np.mean(y == 0)), float(np.mean(wet == (y > 0)))
    for decimals in (3, 4, 6):
        assert q7.verdict(round(dry, decimals), round(persist, decimals))[0]
    assert q7.verdict(np.float32(dry), np.array([persist]))[0]
    assert round(dry, 1) != round(dry, 3)
    assert q7.verdict(round(dry, 1), persist)[1] == (
        f"always_dry = {round(dry, 1):g} is rounded too far: give at least 3 decimals")
    rate = float(task["y_train"].mean())
    loss = ex_rain.log_loss(y, np.full(len(y), rate))
    assert q8.verdict(round(rate, 3), round(loss, 3))[0]
    assert q8.verdict(rate, round(loss, 1))[1] == (
        f"loss = {round(loss, 1):g} is rounded too far: give at least 3 decimals")


def test_no_rain_message_states_an_answer():
    """Issue 35: q7's and q8's messages gave the right values ("is 0.2528")."""
    task, (q7, q8, _) = rain_questions()
    y, wet = task["y_val"], task["rain_before_val"] > 0
    dry, persist = float(np.mean(y == 0)), float(np.mean(wet == (y > 0)))
    rate = float(task["y_train"].mean())
    loss = ex_rain.log_loss(y, np.full(len(y), rate))
    answers = [f"{v:.{k}f}" for v in (dry, persist, rate, loss) for k in (3, 4)] + [
        f"{v:.1%}" for v in (dry, persist, rate)]
    wrongs = [(q7, (dry + 0.05, persist)), (q7, (dry, persist - 0.05)), (q7, (1 - dry, persist)),
              (q8, (float(y.mean()), loss)), (q8, (rate + 0.05, loss)), (q8, (rate, loss + 0.1)),
              (q8, (rate, loss / np.log(2)))]
    for question, answer in wrongs:
        right, said = question.verdict(*answer)
        assert not right and not any(a in said for a in answers), said


def test_the_baseline_table_waits_for_q7_and_q8(capsys):
    """Issue 35: the table printed q7's and q8's answers right below the questions."""
    task, (q7, q8, _) = rain_questions()
    handed = ex_rain.handed_out(task)
    y = task["y_val"]
    dry = float(np.mean(y == 0))
    rate = float(task["y_train"].mean())
    loss = ex_rain.log_loss(y, np.full(len(y), rate))
    ex_rain.show_baselines(handed, q7, q8)
    hidden = capsys.readouterr().out
    for answer in (f"{dry:.4f}", f"{rate:.4f}", f"{loss:.4f}"):
        assert answer not in hidden
    assert hidden.endswith("(q7 and q8: the figures they ask for appear once their checks "
                           "pass)\n")
    q7.check(dry, float(np.mean((task["rain_before_val"] > 0) == (y > 0))))
    q8.check(rate, loss)
    capsys.readouterr()
    ex_rain.show_baselines(handed, q7, q8)
    shown = capsys.readouterr().out
    assert all(answer in shown for answer in (f"{dry:.4f}", f"{rate:.4f}", f"{loss:.4f}"))
    assert "(q7)" not in shown and "(q8)" not in shown


def test_q9_scores_the_test_hours_so_a_model_fitted_on_validation_gains_nothing():
    """Issue 35: a model fitted on the validation hours passed (0.1696): the check scored on
    them. A model that knows each validation hour by heart now fails on the test hours."""
    task, (_, _, q9) = rain_questions()
    known = {x.tobytes(): y for x, y in zip(task["x_val"], task["y_val"])}
    rate = float(task["y_train"].mean())

    def by_heart(x):
        return [0.99 if known.get(w.tobytes()) else 0.01 if w.tobytes() in known else rate
                for w in x]

    right, said = q9.verdict(Predicts(by_heart))
    assert not right
    assert said.endswith("fitted or tuned on the validation hours, a model learns those hours, "
                         "not the weather. Train on x_train, y_train only; use the validation "
                         "hours to choose the epochs")


def test_q9_reads_logits_and_two_class_softmax_as_probabilities():
    task, (_, _, q9) = rain_questions()
    logits = Predicts(lambda x: np.log(sees_the_answer(x) / (1 - sees_the_answer(x))))
    right, said = q9.verdict(logits)
    assert right and "read as logits, through a sigmoid" in said

    class TwoClasses:
        def predict(self, x, verbose=0):
            p = sees_the_answer(x)
            return np.c_[1 - p, p]

    right, said = q9.verdict(TwoClasses())
    assert right and "(two classes: column 1 read as P(rain))" in said


def test_q9_takes_the_one_output_of_a_named_or_listed_output():
    """Review 35, second student pass: keras.Model(inputs, {"rain": out}) was told it
    "cannot read x_val" (its predict returns a dict)."""
    task, (_, _, q9) = rain_questions()

    class Named:
        def __init__(self, wrap):
            self.wrap = wrap

        def predict(self, x, verbose=0):
            return self.wrap(sees_the_answer(x)[:, None])

    assert q9.verdict(Named(lambda p: {"rain": p}))[0]
    assert q9.verdict(Named(lambda p: [p]))[0]
    assert q9.verdict(Named(lambda p: list(p[:, 0])))[0]  # a list of numbers: one output
    assert q9.verdict(Named(lambda p: {"rain": p, "dry": 1 - p})) == (
        False, "the model gives 2 outputs ('rain', 'dry'): give it one output, one probability "
               "per hour, Dense(1, activation='sigmoid')")


def test_q9_advice_fits_the_cause():
    """Issue 35: every failing model was told it was trained on the MAE."""
    task, (_, _, q9) = rain_questions()
    rng = np.random.default_rng(0)
    noise = Predicts(lambda x: rng.uniform(0.0, 0.3, len(x)))
    said = q9.verdict(noise)[1]
    assert "MAE" not in said and said.endswith("it has not learned enough yet. Train more "
                                               "epochs, or with a larger learning rate")
    certain = Predicts(lambda x: (x[:, 0, 0] > 0).astype(float))
    assert q9.verdict(certain)[1] == (
        "it makes only certain forecasts (0 or 1): each miss costs -log(1e-7) = 16.1, so a "
        "forecast must say how sure it is. End it with Dense(1, activation='sigmoid') and "
        "train with binary_crossentropy")
    reversed_ = q9.verdict(Predicts(lambda x: 1 - sees_the_answer(x)))[1]  # review 35
    assert reversed_.endswith(
        "its ROC AUC, 0.000, is well below 0.5, a coin's: it gives the dry hours the higher "
        "chances of rain, so its outputs or the labels look reversed. Does it give P(dry) "
        "(1 - p), or was it trained on 1 - y? Train on y_train as it is, and pass the "
        "model's P(rain)")
    inflated = q9.verdict(Predicts(lambda x: 0.5 + 0.5 * sees_the_answer(x)))[1]
    assert inflated.endswith(
        "it ranks the hours better than the best baseline (ROC AUC 1.000 against 0.737), yet "
        "its log-loss is worse: its probabilities are miscalibrated, too high for how often it "
        "rains on the training hours, as class_weight, oversampling the rainy hours or an "
        "output shifted or scaled make them; more epochs will not fix it. Train on x_train, "
        "y_train as they are and pass the sigmoid's outputs unchanged")
    deflated = q9.verdict(Predicts(lambda x: 0.1 * sees_the_answer(x)))[1]
    assert "miscalibrated, too low for how often" in deflated
    every_step = Predicts(lambda x: np.zeros((len(x), 1)))
    every_step.predict = lambda x, verbose=0: np.zeros((len(x), 24, 1))
    assert q9.verdict(every_step)[1].startswith("the model gives (24, 1) numbers an hour")


@pytest.mark.skipif(SHARED_STATION is None, reason="no offline station files (RNN_DATA_DIR)")
def test_the_station_files_give_the_exercise_hours(env):
    env.setenv("RNN_DATA_DIR", str(SHARED_STATION.parent))
    table = rain.load_rain()
    assert len(table["hours"]) == 10060
    assert np.mean(table["rain"] > 0) == pytest.approx(0.08131, abs=1e-5)
    task = rain.rain_task(table)
    assert [len(task[f"y_{s}"]) for s in ("train", "val", "test")] == [4750, 2375, 2863]


def test_rains_solutions_are_its_notebooks_solution_cells():
    from rnnbook.exercises.solutions import of
    shown = [q._solution for q in rain_questions()[1]]
    assert shown == [of("05e", "q7"), of("05e", "q8"), of("05e", "q9")]
