"""Notebook 05e's checks (rnnbook.ex_jena, rnnbook.ex_humidity): each given the wrong answers
students write, with the exact message, and the right answer passing."""

from types import SimpleNamespace

import numpy as np
import pytest

import rnnbook
import rnnbook.exercises.checking
from rnnbook.exercises import humidity as ex_humidity, jena as ex_jena
from rnnbook.exercises.checking import Wrong

q1, q2, q3, q4 = ex_jena.exercises()


def verdict(exercise, *answer):
    return exercise.verdict(*answer)


def test_window_right_and_the_usual_mistakes():
    assert verdict(q1, [20, 23, 26, 29], 36) == (
        True, "rows [20, 23, 26, 29] and target row 36: the target lies 7 rows after the "
              "newest reading, not `delay` rows")
    assert verdict(q1, [12, 15, 18, 21], 28) == (
        False, "[12, 15, 18, 21] is the window of sample 2 of batch 0; the task asks for "
               "sample 2 of batch 1 (both counted from 0)")
    assert verdict(q1, list(range(20, 32)), 36) == (
        False, "[20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31] has every row: the window "
               "keeps one row in step=3")
    assert verdict(q1, [20, 23, 26, 29], 33) == (
        False, "target_row = 33 counts delay from the window's last reading; the book counts "
               "it from rows[j] = 32, the row after the window: 32 + 4")
    assert verdict(q1, [20, 23, 26, 29], 37) == (
        False, "target_row = 37, but the target is delay = 4 rows after rows[j] (off by +1)")


def test_window_answer_agrees_with_the_generator():
    batches = rnnbook.generator(ex_jena.row_numbers(), shuffle=False, **ex_jena.WINDOW_ARGS)
    next(batches)
    samples, targets = next(batches)
    assert q1.verdict(list(samples[2, :, 0]), targets[2])[0]


def test_wrap_right_and_wrong():
    assert verdict(q2, 3, list(range(58, 74)))[0]
    assert verdict(q2, 4, []) == (
        False, "4 batches would fit in rows 10..73, but at i = 58 the test i + batch_size >= "
               "max_index (58 + 16 >= 74) is true: the generator starts again, and yields 3")
    assert verdict(q2, 3, list(range(58, 75))) == (
        False, "max_index = 74 is exclusive: no window ends there, so it is not a row the "
               "pass leaves out")
    assert verdict(q2, 3.0, [])[1] == "batches should be a whole number, not 3.0"
    assert verdict(q2, 3, list(range(73, 57, -1)))[0]  # which rows, in any order


def test_row_numbers_must_be_whole():
    assert verdict(q1, [20.9, 23.9, 26.9, 29.9], 36.9) == (
        False, "window_rows should hold whole row numbers, not [20.9, 23.9, 26.9, 29.9]")
    assert verdict(q1, [20.0, 23.0, 26.0, 29.0], 36.0)[0]


def test_wrap_count_agrees_with_batches_per_pass():
    a = ex_jena.WRAP_ARGS
    assert rnnbook.batches_per_pass(a["min_index"], a["max_index"], a["lookback"],
                                    a["batch_size"]) == 3


def test_wrap_test_right_and_wrong():
    assert verdict(q3, lambda i, size, end: i + size > end)[0]
    assert verdict(q3, lambda i, size, end: i + size >= end) == (
        False, "wraps(58, 16, 74) is True, but rows 58..73 all lie below max_index = 74: that "
               "batch fits (the book's >= is the bug)")
    assert verdict(q3, lambda i, size, end: i > end) == (
        False, "wraps(59, 16, 74) is False, but a batch from row 59 reaches row 74, past "
               "max_index - 1 = 73")
    # Right below max_index, but at i == max_index (where q2's fourth batch would start) it
    # says "no wrap": the generator would then yield empty batches forever.
    assert verdict(q3, lambda i, size, end: 0 < end - i < size) == (
        False, "wraps(1, 1, 1) is False, but a batch from row 1 reaches row 1, past "
               "max_index - 1 = 0")


def test_a_wrap_test_that_returns_none_in_some_cases_is_told_so():
    def wraps(i, batch_size, max_index):
        if i + batch_size > max_index:
            return True

    assert verdict(q3, wraps) == (
        False, "wraps(58, 16, 74) returned None: return True or False in every case")


def test_a_stub_is_no_answer_yet():
    def wraps(i, batch_size, max_index):
        return None

    assert verdict(q3, wraps) == (
        False, "no answer yet: fill in the cell above, run it, then check again")


def test_reverse_right_and_wrong():
    assert verdict(q4, lambda s: s[:, ::-1])[0]
    assert verdict(q4, lambda s: s[::-1]) == (
        False, "you reversed the order of the samples in the batch (axis 0); reverse each "
               "window's timesteps: axis 1")
    assert verdict(q4, np.flip) == (
        False, "you reversed every axis at once; reverse each window's timesteps: axis 1")
    assert verdict(q4, lambda s: s[:, ::-1].reshape(-1)) == (
        False, "a batch of shape (3, 5, 2) came back as (30,): keep the shape, reverse only "
               "the timesteps (axis 1)")


def small_task(rows=900):
    """A JenaTask-like stand-in: 3 features (rh second), hourly rows, the book's fractions."""
    rng = np.random.default_rng(0)
    float_data = rng.normal(size=(rows, 3)).cumsum(axis=0)
    data = (float_data - float_data[:400].mean(axis=0)) / float_data[:400].std(axis=0)
    jena = SimpleNamespace(header=["Date Time", "p (mbar)", "T (degC)", "rh (%)"],
                           float_data=float_data)
    return SimpleNamespace(jena=jena, data=data, lookback=24, step=1, delay=24,
                           splits={"train": (0, 400), "val": (401, 700), "test": (701, None)})


class TargetWindows(rnnbook.WindowDataset):
    """The solution's dataset, built on WindowDataset with another target column."""

    def __init__(self, *args, target_column, **kwargs):
        super().__init__(*args, **kwargs)
        self.target_column = target_column

    def __getitem__(self, i):
        samples, _ = super().__getitem__(i)
        start = self.first_row + i * self.batch_size
        rows = np.arange(start, min(start + self.batch_size, self.max_index))
        return samples, self.data[rows + self.delay, self.target_column]


def humidity(task, column=2, hours=12):
    return TargetWindows(task.data, task.lookback, hours, 401, 700, batch_size=128,
                         step=1, target_column=column)


def test_humidity_dataset_right_and_wrong():
    task = small_task()
    q5, _ = ex_humidity.exercises(task)
    assert q5.verdict(humidity(task)) == (True, "2 batches; targets: rh (%) 12 hours on")

    class ColumnTargets(TargetWindows):
        def __getitem__(self, i):
            samples, targets = super().__getitem__(i)
            return samples, targets[:, None]

    column = ColumnTargets(task.data, task.lookback, 12, 401, 700, batch_size=128, step=1,
                           target_column=2)
    assert column[0][1].shape == (128, 1) and q5.verdict(column)[0]  # they train the same
    assert q5.verdict(humidity(task, column=1)) == (
        False, "batch 0: your targets are 'T (degC)' (column 1) 12 rows after each row; the "
               "task asks for 'rh (%)' (column 2) 12 rows after (12 h)")
    assert q5.verdict(humidity(task, column=3 - 1, hours=24)) == (
        False, "batch 0: your targets are 'rh (%)' (column 2) 24 rows after each row; the "
               "task asks for 'rh (%)' (column 2) 12 rows after (12 h)")
    assert q5.verdict(rnnbook.WindowDataset(task.data, 24, 12, 401, 600, step=1)) == (
        False, "len(dataset) = 1, but one pass over the validation rows holds 2 batches of 128")
    assert q5.verdict([1, 2]) == (
        False, "humidity_val is a list: make it an instance of your keras.utils.PyDataset "
               "subclass, so that Keras asks for its batches by index")


def test_humidity_naive_right_and_wrong():
    task = small_task()
    _, q6 = ex_humidity.exercises(task)
    batches = humidity(task)
    mae = float(np.mean([np.mean(np.abs(x[:, -1, 2] - y)) for x, y in batches]))
    std = float(task.jena.float_data[:400, 2].std())
    assert q6.verdict(mae, mae * std)[0]
    day = humidity(task, hours=24)
    day_mae = float(np.mean([np.mean(np.abs(x[:, -1, 2] - y)) for x, y in day]))
    assert q6.verdict(day_mae, 0) == (
        False, f"mae = {day_mae:.4f} is 24 hours ahead: the humidity's naive MAE; the task: "
               f"rh (%), 12 hours ahead ({mae:.4f} is off by {day_mae - mae:+.4f})")
    assert q6.verdict(mae * std, 0) == (
        False, f"mae = {mae * std:.4f} is in percentage points: the normalised MAE is "
               f"{mae * std:.4f} / {std:.2f}, the training rows' standard deviation")
    assert q6.verdict(mae, mae) == (
        False, f"mae_percent = {mae:.3f}: multiply the normalised MAE by the humidity's "
               f"training standard deviation ({std:.3f}), which gives {mae * std:.3f}")


def test_every_check_raises_wrong_when_strict(monkeypatch):
    monkeypatch.setenv("RNN_CHECK_STRICT", "1")
    with pytest.raises(Wrong, match="the wrap test's off-by-one: 4 batches would fit"):
        q2.check(4, [])


def test_humiditys_solutions_are_its_notebooks_solution_cells():
    from rnnbook.exercises.solutions import of
    q5, q6 = ex_humidity.exercises(small_task())
    assert (q5._solution, q6._solution) == (of("05e", "q5"), of("05e", "q6"))
