"""Exercise notebook 05e, q1 to q4: the book's windows by hand (which rows, which target, the
wrap test's off-by-one, windows read backwards). Each answer is checked exactly; q5 and q6
(humidity) are in ex_humidity."""

import numpy as np

from .checking import NO_ANSWER_MESSAGE, Exercise, NoAnswerYet, Wrong, call, whole_number
from .solutions import of

__all__ = ["exercises", "WINDOW_ARGS", "WRAP_ARGS", "row_numbers", "check_window", "check_wrap",
           "check_wrap_test", "check_reverse", "HINTS"]

NOTEBOOK = "05e"  # solutions.py names the questions by their notebook

# The generator's arguments of the first two exercises, on `row_numbers()`.
WINDOW_ARGS = {"lookback": 12, "delay": 4, "min_index": 10, "max_index": 90, "batch_size": 8,
               "step": 3}
WRAP_ARGS = {"lookback": 10, "delay": 4, "min_index": 0, "max_index": 74, "batch_size": 16,
             "step": 1}


def row_numbers(rows=100):
    """Data whose every value is its row's number: the windows then show their rows."""
    return np.repeat(np.arange(float(rows))[:, None], 2, axis=1)


def _rows(answer, what):
    """Whole row numbers from a list, tuple, range, set or NumPy array (floats that are whole
    too, as a generator's float windows give them)."""
    if isinstance(answer, (set, frozenset)):
        answer = sorted(answer)
    if isinstance(answer, str):
        raise Wrong(f"{what} should be row numbers, not the text {answer!r}")
    try:
        values = [float(r) for r in np.asarray(answer, dtype=float).reshape(-1)]
    except (TypeError, ValueError):
        raise Wrong(f"{what} should be a list of row numbers, not {answer!r}") from None
    if any(v != int(v) for v in values):
        raise Wrong(f"{what} should hold whole row numbers, not {answer!r}")
    return [int(v) for v in values]


def _one_column(window):
    """A window as the generator stores it, (timesteps, features), reads as its rows when
    every column holds the same row numbers (on row_numbers() they all do)."""
    if isinstance(window, (str, set, frozenset, range)):
        return window
    try:
        array = np.asarray(window, dtype=float)
    except (TypeError, ValueError):
        return window
    if array.ndim == 1 and array.size >= 4 and array.size % 2 == 0 and (
            array[0::2] == array[1::2]).all():  # samples[2].ravel(): both columns interleaved
        raise Wrong(f"window_rows holds every row twice, {array.size} values: a window has 2 "
                    "columns per row (both hold the row numbers here), and flattening it "
                    "interleaves them: give one column of the window, not the whole window "
                    "flattened")
    if array.ndim != 2 or array.shape[1] < 2:
        return window
    if not (array == array[:, :1]).all():
        raise Wrong(f"window_rows has {array.shape[1]} columns that differ: give the window's "
                    "row numbers, one column")
    return array[:, 0]


def _sample(batch, j):
    """(window rows, target row, rows[j]) of sample j of in-order batch `batch` (WINDOW_ARGS)."""
    a = WINDOW_ARGS
    row = a["min_index"] + a["lookback"] + batch * a["batch_size"] + j
    return list(range(row - a["lookback"], row, a["step"])), row + a["delay"], row


OTHER_SAMPLES = [(0, 2), (1, 1), (1, 3), (2, 2), (2, 1), (0, 1)]  # the usual miscounts


def check_window(window_rows, target_row):
    """Batch 1 (the second), sample 2 (the third), in order: its window's rows and target.
    No message gives the rows or the target: each names the slip."""
    a = WINDOW_ARGS
    rows, target, row = _sample(1, 2)
    given = _rows(_one_column(window_rows), "window_rows")
    if given != rows:
        for batch, j in OTHER_SAMPLES:
            if given == _sample(batch, j)[0]:
                raise Wrong(f"{given} is the window of sample {j} of batch {batch}; the task "
                            "asks for sample 2 of batch 1 (both counted from 0)")
        if given == rows[::-1]:
            raise Wrong(f"{given} runs newest first: give the window's rows oldest first, as "
                        "the generator stores them")
        if given == list(range(row - a["lookback"], row)):
            raise Wrong(f"{given} has every row: the window keeps one row in step={a['step']}")
        raise Wrong(f"{given} is not that window's rows: a window holds lookback // step = "
                    f"{a['lookback']} // {a['step']} rows, one every step rows, and ends just "
                    "before rows[j]; in order, batch b starts at rows[0] = min_index + "
                    "lookback + b * batch_size")
    target_row = _rows(target_row, "target_row")
    if target_row != [target]:
        if len(target_row) != 1:
            raise Wrong(f"target_row should be one row number, not {len(target_row)}")
        given_target = target_row[0]
        if given_target == rows[-1] + a["delay"]:
            raise Wrong(f"target_row = {given_target} counts delay from the window's last "
                        "reading; the book counts it from rows[j], the row after the window")
        if given_target == row:
            raise Wrong(f"target_row = {given_target} is rows[j] itself: the target lies "
                        "delay rows after it")
        raise Wrong(f"target_row = {given_target} is not that sample's target: the target "
                    "is the row delay rows after rows[j], and rows[j] is the row right after "
                    "the window's last reading")
    return (f"rows {rows} and target row {target}: the target lies {target - rows[-1]} rows "
            "after the newest reading, not `delay` rows")


def _wrap_pass():
    """(batches one in-order pass with WRAP_ARGS yields, the rows[j] it never uses, the first
    rows[j]: min_index + lookback)."""
    a = WRAP_ARGS
    first = a["min_index"] + a["lookback"]
    i, starts = first, []
    while not i + a["batch_size"] >= a["max_index"]:  # the book's wrap test
        starts.append(i)
        i += a["batch_size"]
    return len(starts), list(range(i, a["max_index"])), first


def check_wrap(batches, unused_rows):
    """How many in-order batches a pass yields, and which rows (rows[j], the rows the windows
    end before) it never uses. No message gives either."""
    a = WRAP_ARGS
    yielded, unused, first = _wrap_pass()
    batches = whole_number(batches, "batches")
    if batches != yielded:
        fits = (a["max_index"] - first) // a["batch_size"]
        if batches == fits:
            raise Wrong(f"{fits} batches would fit in rows {first}..{a['max_index'] - 1}, but "
                        "the book's test i + batch_size >= max_index holds one step too early: "
                        f"follow i from {first} (min_index + lookback), batch_size rows at a "
                        "time, and count the batches yielded before the test first holds")
        raise Wrong(f"batches = {batches}: follow the test i + batch_size >= max_index from "
                    f"i = {first} (min_index + lookback), batch_size rows at a time; each i "
                    "where it does not hold yields a batch")
    given = sorted(_rows(unused_rows, "unused_rows"))  # which rows, in any order
    if given != unused:
        if not given:
            raise Wrong("unused_rows is empty, but the pass leaves rows out: which rows[j] "
                        "does no batch reach before the generator starts again?")
        if given == unused + [a["max_index"]]:
            raise Wrong(f"max_index = {a['max_index']} is exclusive: no window ends there, so "
                        "it is not a row the pass leaves out")
        if given == list(range(unused[0] - a["lookback"], unused[-1])):
            raise Wrong("those are rows the left-out windows read; the question asks which "
                        "rows[j] (the rows the windows end before) no batch reaches")
        raise Wrong(f"unused_rows: {len(given)} rows given; the pass leaves out the rows[j] "
                    "from the first i where the wrap test holds up to max_index - 1 "
                    "(max_index itself is exclusive)")
    return (f"{yielded} batches, and rows {unused[0]}..{unused[-1]} ({len(unused)} rows, a "
            "whole batch that fits) are never used: the book's off-by-one")


def check_wrap_test(wraps):
    """`wraps(i, batch_size, max_index)`: True only when a full batch would reach max_index."""
    cases = [(58, 16, 74), (59, 16, 74), (42, 16, 74)]  # q2's pass first, then a grid
    cases += [(i, size, end) for end in range(1, 40) for size in range(1, 12)
              for i in range(end + 1)]  # i == max_index too: q2's pass ends there
    answers = []
    for case in cases:
        try:
            answers.append(call(wraps, *case))
        except NoAnswerYet:  # None: a stub if every case gives it
            answers.append(None)
    if all(said is None for said in answers):
        raise NoAnswerYet(NO_ANSWER_MESSAGE)
    for (i, batch_size, max_index), said in zip(cases, answers):
        right = i + batch_size > max_index
        if said is None:
            raise Wrong(f"wraps({i}, {batch_size}, {max_index}) returned None: return True "
                        "or False in every case")
        if isinstance(said, np.ndarray) and said.ndim == 0 and said.dtype == bool:
            said = said.item()  # np.array(i + b > m): a truth value too
        if not (isinstance(said, (bool, np.bool_))
                or isinstance(said, (int, np.integer)) and said in (0, 1)):
            raise Wrong(f"wraps({i}, {batch_size}, {max_index}) returned {said!r}: return True "
                        "or False")
        said = bool(said)
        if said == right:
            continue
        if said:
            raise Wrong(f"wraps({i}, {batch_size}, {max_index}) is True, but rows "
                        f"{i}..{i + batch_size - 1} all lie below max_index = "
                        f"{max_index}: that batch fits (the book's >= is the bug)")
        raise Wrong(f"wraps({i}, {batch_size}, {max_index}) is False, but a batch from "
                    f"row {i} reaches row {i + batch_size - 1}, past max_index - 1 = "
                    f"{max_index - 1}")
    return "a batch that ends exactly at max_index - 1 is yielded now"


def check_reverse(reverse_windows):
    """`reverse_windows(samples)`: each window's timesteps from newest to oldest."""
    # values in no order along time: only a reversal of axis 1 gives the reversed windows
    # (on a batch that increases along time, sorting each window largest first would too)
    samples = np.random.default_rng(5).permutation(3 * 5 * 2).astype(float).reshape(3, 5, 2)
    batch = samples.copy()
    try:
        given = np.asarray(call(reverse_windows, batch))
    except NoAnswerYet:
        if np.array_equal(batch, samples):  # the stub: nothing done
            raise
        raise Wrong("your function returned None after changing the batch in place: return "
                    "the reversed batch") from None
    wrongs = {"the order of the samples in the batch (axis 0)": samples[::-1],
              "the features of each reading (axis 2)": samples[:, :, ::-1],
              "every axis at once": samples[::-1, ::-1, ::-1],
              "nothing: the windows are unchanged": samples}
    if given.shape != samples.shape:
        raise Wrong(f"a batch of shape {samples.shape} came back as {given.shape}: keep the "
                    "shape, reverse only the timesteps (axis 1)")
    for what, wrong in wrongs.items():
        if np.array_equal(given, wrong):
            raise Wrong(f"you reversed {what}; reverse each window's timesteps: axis 1")
    if not np.array_equal(given, samples[:, ::-1]):
        raise Wrong("the result is not each window read backwards: its first timestep must "
                    "be the window's last (samples[:, -1])")
    return "each window now starts with its newest reading"


HINTS = {
    "window": "In order, batch b starts at row min_index + lookback + b * batch_size; sample "
              "j is the row after it by j. Its window: range(row - lookback, row, step); its "
              "target: row + delay. Or ask the generator: on row_numbers() every value is its "
              "row's number.",
    "wrap": "Follow i from min_index + lookback, batch_size at a time, and stop at the first "
            "i where i + batch_size >= max_index holds.",
    "wrap_test": "A batch covers rows i .. i + batch_size - 1; it fits while that last row "
                 "is below max_index.",
    "reverse": "Axis 0 is the batch, axis 1 the timesteps, axis 2 the features: slice ::-1 "
               "on axis 1 only.",
}


def exercises():
    """q1-q4 of notebook 05e, in order: `q1, q2, q3, q4 = exercises()`."""
    q1 = Exercise("q1, the generator's window", check_window, HINTS["window"],
                  of(NOTEBOOK, "q1"))
    q2 = Exercise("q2, the wrap test's off-by-one", check_wrap, HINTS["wrap"],
                  of(NOTEBOOK, "q2"))
    q3 = Exercise("q3, a wrap test without the off-by-one", check_wrap_test, HINTS["wrap_test"],
                  of(NOTEBOOK, "q3"))
    q4 = Exercise("q4, windows read backwards", check_reverse, HINTS["reverse"],
                  of(NOTEBOOK, "q4"))
    return q1, q2, q3, q4
