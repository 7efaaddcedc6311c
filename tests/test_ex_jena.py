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
               "it from rows[j], the row after the window")
    assert verdict(q1, [20, 23, 26, 29], 39) == (
        False, "target_row = 39 is not that sample's target: the target is the row delay rows "
               "after rows[j], and rows[j] is the row right after the window's last reading")
    assert verdict(q1, [20, 23, 26, 29], 37)[1] == verdict(q1, [20, 23, 26, 29], 39)[1].replace(
        "39", "37")  # the window is right: an off-by-one target is about delay, not samples
    assert verdict(q1, [20, 23, 26, 29], 32) == (
        False, "target_row = 32 is rows[j] itself: the target lies delay rows after it")
    assert verdict(q1, [29, 26, 23, 20], 36) == (
        False, "[29, 26, 23, 20] runs newest first: give the window's rows oldest first, as the "
               "generator stores them")


def test_window_answer_agrees_with_the_generator():
    batches = rnnbook.generator(ex_jena.row_numbers(), shuffle=False, **ex_jena.WINDOW_ARGS)
    next(batches)
    samples, targets = next(batches)
    assert q1.verdict(list(samples[2, :, 0]), targets[2])[0]
    assert q1.verdict(samples[2], targets[2])[0]  # the window as stored: both columns
    assert verdict(q1, np.c_[[20, 23, 26, 29], [21, 24, 27, 30]], 36) == (
        False, "window_rows has 2 columns that differ: give the window's row numbers, one "
               "column")


def test_wrap_right_and_wrong():
    assert verdict(q2, 3, list(range(58, 74)))[0]
    assert verdict(q2, 4, []) == (
        False, "4 batches would fit in rows 10..73, but the book's test i + batch_size >= "
               "max_index holds one step too early: follow i from 10 (min_index + lookback), "
               "batch_size rows at a time, and count the batches yielded before the test first "
               "holds")
    assert verdict(q2, 3, list(range(58, 75))) == (
        False, "max_index = 74 is exclusive: no window ends there, so it is not a row the "
               "pass leaves out")
    assert verdict(q2, 3.5, [])[1] == "batches should be a whole number, not 3.5"
    assert verdict(q2, 3, list(range(73, 57, -1)))[0]  # which rows, in any order


@pytest.mark.parametrize("batches", [3, 3.0, np.int64(3), np.float32(3), np.array(3)])
def test_wrap_takes_a_whole_number_in_any_form_as_q1_does(batches):
    """Issue 35: 05e q1 took floats (20.0) but q2 refused 3.0."""
    assert verdict(q2, batches, np.arange(58, 74))[0]


def test_wrap_messages_give_neither_answer():
    """Issue 35: q2's messages said "yields 3" and "58 up to 73"."""
    for answer in [(4, []), (2, []), (3, list(range(57, 74))), (3, [58, 59]), (3, [])]:
        right, said = verdict(q2, *answer)
        assert not right
        assert not any(leak in said for leak in ("yields 3", " 3 ", "58", "16 rows")), said
    assert verdict(q2, 3, list(range(57, 74))) == (
        False, "unused_rows: 17 rows given; the pass leaves out the rows[j] from the first i "
               "where the wrap test holds up to max_index - 1 (max_index itself is exclusive)")


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


def test_window_flattened_is_told_it_has_two_columns():
    samples, targets = next(rnnbook.generator(ex_jena.row_numbers(), shuffle=False,
                                              **ex_jena.WINDOW_ARGS))
    assert verdict(q1, samples[2].ravel(), targets[2]) == (
        False, "window_rows holds every row twice, 8 values: a window has 2 columns per row "
               "(both hold the row numbers here), and flattening it interleaves them: give one "
               "column of the window, not the whole window flattened")


def test_reverse_in_place_returning_none_is_told_so():
    def in_place(samples):
        samples[:] = samples[:, ::-1].copy()

    assert verdict(q4, in_place) == (
        False, "your function returned None after changing the batch in place: return the "
               "reversed batch")
    assert verdict(q4, lambda samples: None)[1].startswith("no answer yet")


def test_reverse_right_and_wrong():
    assert verdict(q4, lambda s: s[:, ::-1])[0]
    assert verdict(q4, lambda s: np.sort(s, axis=1)[:, ::-1]) == (  # review 35: it passed
        False, "the result is not each window read backwards: its first timestep must be the "
               "window's last (samples[:, -1])")
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


def test_humidity_windows_that_differ_say_how():
    """Issue 35: a wrong window of the right shape got "(128, 24, 3) is not the book's
    (128, 24, 3)"; now the message names what differs."""
    task = small_task()
    q5, _ = ex_humidity.exercises(task)

    class Raw(TargetWindows):  # the readings before normalisation
        def __getitem__(self, i):
            samples, targets = super().__getitem__(i)
            start = self.first_row + i * self.batch_size
            rows = np.arange(start, min(start + self.batch_size, self.max_index))
            return task.jena.float_data[rows[:, None] + np.arange(-24, 0)], targets

    class Backwards(TargetWindows):
        def __getitem__(self, i):
            samples, targets = super().__getitem__(i)
            return samples[:, ::-1], targets

    made = dict(lookback=task.lookback, delay=12, max_index=700, batch_size=128, step=1,
                target_column=2)
    assert q5.verdict(Raw(task.data, min_index=401, **made)) == (
        False, "batch 0: the windows have the book's shape (128, 24, 3), but they hold the raw "
               "readings (task.jena.float_data): use task.data, normalised with the training "
               "rows")
    assert q5.verdict(Backwards(task.data, min_index=401, **made)) == (
        False, "batch 0: the windows have the book's shape (128, 24, 3), but each window runs "
               "newest first: keep the book's order, oldest first")
    late = TargetWindows(task.data, min_index=402, **made)
    assert q5.verdict(late)[1].startswith("batch 0: the windows have the book's shape (128, 24, "
                                          "3), but every window starts 1 rows late")
    noisy = task.data.copy()
    noisy[430, 0] += 1
    assert q5.verdict(TargetWindows(noisy, min_index=401, **made)) == (
        False, "batch 0: the windows have the book's shape (128, 24, 3), but 24 of their 9,216 "
               "values differ, the first at sample 6, timestep 23, feature 0: build each window "
               "as data[rows[:, None] + np.arange(-lookback, 0, step)]")

    class Broken(TargetWindows):
        def __getitem__(self, i):
            raise IndexError("no such batch")

    assert q5.verdict(Broken(task.data, min_index=401, **made)) == (
        False, "humidity_val[0] raised IndexError: no such batch: __getitem__(i) must return "
               "batch i, (windows, targets)")


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
               "task asks for 'rh (%)' (column 2) 12 hours after")
    assert q5.verdict(humidity(task, column=3 - 1, hours=24)) == (
        False, "batch 0: your targets are 'rh (%)' (column 2) 24 rows after each row; the "
               "task asks for 'rh (%)' (column 2) 12 hours after")
    assert q5.verdict(rnnbook.WindowDataset(task.data, 24, 12, 401, 600, step=1)) == (
        False, "len(dataset) = 1, but one pass over the validation rows holds 2 batches of 128")
    assert q5.verdict([1, 2]) == (
        False, "humidity_val is a list: make it an instance of your keras.utils.PyDataset "
               "subclass, so that Keras asks for its batches by index")


def naive_maes(batches, newest=-1):
    """(the book's mean of batch MAEs, the MAE pooled over every window)."""
    errors = [np.abs(x[:, newest, 2] - y) for x, y in batches]
    return float(np.mean([e.mean() for e in errors])), float(np.concatenate(errors).mean())


def test_humidity_naive_right_and_wrong():
    task = small_task()
    _, q6 = ex_humidity.exercises(task)
    mae, pooled = naive_maes(humidity(task))
    std = float(task.jena.float_data[:400, 2].std())
    assert q6.verdict(mae, mae * std)[0]
    assert q6.verdict(pooled, pooled * std)[0]  # the MAE over every window is right too
    assert q6.verdict(np.float32(mae), round(mae * std, 3))[0]
    day_mae = naive_maes(humidity(task, hours=24))[0]
    assert q6.verdict(day_mae, 0) == (
        False, f"mae = {day_mae:g} is the naive MAE 24 hours ahead; the task: rh (%), 12 hours "
               "ahead, over humidity_val")
    assert q6.verdict(mae * std, 0) == (
        False, f"mae = {mae * std:g} is in percentage points: give mae normalised, on the scale "
               "of task.data, and the points in mae_percent")
    assert q6.verdict(mae, mae) == (
        False, f"mae_percent = {mae:g} is still normalised: multiply the normalised MAE by the "
               "humidity's standard deviation over the training rows (task.jena.float_data, in "
               "%)")
    everywhere = float(task.jena.float_data[:, 2].std())
    assert q6.verdict(mae, mae * everywhere) == (
        False, f"mae_percent = {mae * everywhere:g} uses the standard deviation of all the rows: "
               "task.data was normalised with the training rows', so scale back with theirs")


def test_humidity_naive_takes_a_cut_mae_and_names_a_rounded_std():
    """Review 35, second student pass: an MAE cut to 3 decimals as read off the printout is
    "to 3 decimals" (it was sent back to q5); the std typed as printed, to 2 decimals, was told
    to multiply by the std, which it did."""
    task = small_task()
    scale = 16.7245 / float(task.jena.float_data[:400, 2].std())  # the real task's std, about
    task.jena.float_data = task.jena.float_data * scale  # task.data (normalised) unchanged
    _, q6 = ex_humidity.exercises(task)
    mae = naive_maes(humidity(task))[0]
    std = float(task.jena.float_data[:400, 2].std())
    cut = int(mae * 1000) / 1000
    assert cut != round(mae, 3)  # cut, not rounded: 0.4897 -> 0.489
    assert q6.verdict(cut, cut * std)[0]
    assert q6.verdict(int(mae * 10000) / 10000, mae * std)[0]
    assert q6.verdict(int(mae * 100) / 100, mae * std) == (
        False, f"mae = {int(mae * 100) / 100:g} is rounded too far: give at least 3 decimals")
    printed = round(mae, 3) * round(std, 2)
    assert q6.verdict(round(mae, 3), printed) == (
        False, f"mae_percent = {printed:g} multiplies by the standard deviation rounded to 2 "
               "decimals, off by more than the 3 decimals asked: use the std unrounded")


def test_humidity_naive_messages_fit_the_cause_and_give_no_answer():
    """Issue 35: q6 said "which gives 16.767", and told a student who used the newest reading
    to use the newest reading."""
    task = small_task()
    _, q6 = ex_humidity.exercises(task)
    mae = naive_maes(humidity(task))[0]
    std = float(task.jena.float_data[:400, 2].std())
    oldest = naive_maes(humidity(task), newest=0)[0]
    assert q6.verdict(oldest, oldest * std) == (
        False, f"mae = {oldest:g} is the naive MAE from each window's oldest reading, "
               "samples[:, 0]; the naive forecast is the newest, samples[:, -1]; the task: rh "
               "(%), 12 hours ahead, over humidity_val")
    # The newest reading on a dataset that is not q5's: the message sends them to q5.
    other = naive_maes(TargetWindows(task.data, task.lookback, 12, 402, 700, batch_size=128,
                                     step=1, target_column=2))[0]
    said = q6.verdict(other, other * std)[1]
    assert said == (f"mae = {other:g} is not the naive MAE over humidity_val: first make sure q5 "
                    "passes, then average |newest humidity - target| over its batches")
    for wrong in [(mae, mae * std + 0.2), (mae, mae), (mae + 0.01, 0), (oldest, 0)]:
        said = q6.verdict(*wrong)[1]
        assert f"{mae:.3f}" not in said and f"{mae * std:.3f}" not in said, said
        assert f"{mae * std:.2f}" not in said and f"{std:.2f}" not in said, said


def test_every_check_raises_wrong_when_strict(monkeypatch):
    monkeypatch.setenv("RNN_CHECK_STRICT", "1")
    with pytest.raises(Wrong, match="the wrap test's off-by-one: 4 batches would fit"):
        q2.check(4, [])


def test_humiditys_solutions_are_its_notebooks_solution_cells():
    from rnnbook.exercises.solutions import of
    q5, q6 = ex_humidity.exercises(small_task())
    assert (q5._solution, q6._solution) == (of("05e", "q5"), of("05e", "q6"))
