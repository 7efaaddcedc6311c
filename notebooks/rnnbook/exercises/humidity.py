"""Exercise notebook 05e, q5 and q6: another target, the relative humidity 12 hours on, as a
PyDataset over the validation rows, and its naive baseline. Each check reads the answer's
batches or numbers against a reference computed from `task`, names what differs (which
column, which delay, which rows, which scale) and never states the answer."""

import math

import numpy as np

from .checking import DECIMALS, Exercise, Wrong, number, rounded_too_far, rounds_to, too_coarse
from .solutions import of

__all__ = ["HUMIDITY", "HUMIDITY_HOURS", "exercises", "HINTS"]

NOTEBOOK = "05e"  # solutions.py names the questions by their notebook

HUMIDITY = "rh (%)"
HUMIDITY_HOURS = 12  # the humidity target: 12 hours after the window
BATCH_SIZE = 128
SCALE_BACK = ("multiply the normalised MAE by the humidity's standard deviation over the "
              "training rows (task.jena.float_data, in %)")  # from mae to mae_percent


def cut_to(given, right, decimals=range(DECIMALS, 8)):
    """True if `given` is `right` cut (truncated) to one of `decimals` decimals."""
    return any(abs(given - math.trunc(right * 10 ** k) / 10 ** k) <= 1e-7 * max(1, abs(right))
               for k in decimals)


def exercises(task):
    """q5 and q6 of notebook 05e, checked on `task` (rnnbook.jena_task)."""
    column = task.jena.header.index(HUMIDITY) - 1  # float_data has no date column
    delay = HUMIDITY_HOURS * task.step  # rows: task.step rows make one hour
    min_index, max_index = task.splits["val"]
    first = min_index + task.lookback
    offsets = np.arange(-task.lookback, 0, task.step)
    batches = max(1, (max_index - first - 1) // BATCH_SIZE)
    train_max = task.splits["train"][1]

    def rows_of(i, split_first=first, split_max=max_index):
        return np.arange(split_first + i * BATCH_SIZE,
                         min(split_first + (i + 1) * BATCH_SIZE, split_max))

    def reference(i):
        rows = rows_of(i)
        return task.data[rows[:, None] + offsets], task.data[rows + delay, column], rows

    def windows_differ(x, want_x, rows):
        """What differs between a batch's windows and the book's, both of one shape."""
        raw = task.jena.float_data[rows[:, None] + offsets]
        if np.allclose(x, raw):
            return ("they hold the raw readings (task.jena.float_data): use task.data, "
                    "normalised with the training rows")
        if np.allclose(x, want_x[:, ::-1]):
            return "each window runs newest first: keep the book's order, oldest first"
        for shift in range(-task.lookback, task.lookback + 1):
            if shift and np.allclose(x, task.data[rows[:, None] + offsets + shift]):
                return (f"every window starts {abs(shift)} rows "
                        f"{'late' if shift > 0 else 'early'}: the first window of a pass ends "
                        "just before row min_index + lookback")
        wrong = ~np.isclose(x, want_x)
        s, t, f = np.argwhere(wrong)[0]
        return (f"{wrong.sum():,} of their {wrong.size:,} values differ, the first at sample "
                f"{s}, timestep {t}, feature {f}: build each window as "
                "data[rows[:, None] + np.arange(-lookback, 0, step)]")

    def targets_differ(y, rows):
        raw = task.jena.float_data[rows + delay, column]
        if np.allclose(y, raw):
            return (f"your targets are the raw humidity (task.jena.float_data, in %): take "
                    "them from task.data, on the windows' scale")
        for c in range(task.data.shape[1]):
            for d in range(-task.lookback, 3 * delay + 1):
                if (c, d) != (column, delay) and np.allclose(y, task.data[rows + d, c]):
                    name = task.jena.header[c + 1]
                    return (f"your targets are {name!r} (column {c}) {d} rows after each row; "
                            f"the task asks for {HUMIDITY!r} (column {column}) "
                            f"{HUMIDITY_HOURS} hours after")
        return (f"the targets are not {HUMIDITY!r} (column {column}) {HUMIDITY_HOURS} hours "
                "after each window's rows[j]")

    def batch(dataset, i):
        try:
            x, y = (np.asarray(part, dtype=float) for part in dataset[i][:2])
        except Exception as error:  # the student's __getitem__: a message, not a stop
            raise Wrong(f"humidity_val[{i}] raised {type(error).__name__}: {error}: "
                        "__getitem__(i) must return batch i, (windows, targets)") from None
        return x, y

    def check_dataset(dataset):
        import keras

        if not isinstance(dataset, keras.utils.PyDataset):
            raise Wrong(f"humidity_val is a {type(dataset).__name__}: make it an instance of "
                        "your keras.utils.PyDataset subclass, so that Keras asks for its "
                        "batches by index")
        try:
            length = len(dataset)
        except Exception as error:
            raise Wrong(f"len(humidity_val) raised {type(error).__name__}: {error}: define "
                        "__len__, the number of batches in one pass") from None
        if length != batches:
            raise Wrong(f"len(dataset) = {length}, but one pass over the validation rows "
                        f"holds {batches} batches of {BATCH_SIZE}")
        for i in (0, 1, batches - 1):
            x, y = batch(dataset, i)
            want_x, want_y, rows = reference(i)
            if y.shape == want_y.shape + (1,):  # targets as a column train the same
                y = y[:, 0]
            if x.shape != want_x.shape:
                raise Wrong(f"batch {i}: the windows have shape {x.shape}; the book's have "
                            f"shape {want_x.shape} (samples, lookback // step, features): the "
                            "same lookback, step and batch size as task.batches('val')")
            if not np.allclose(x, want_x):
                raise Wrong(f"batch {i}: the windows have the book's shape {x.shape}, but "
                            f"{windows_differ(x, want_x, rows)}")
            if y.shape != want_y.shape:
                raise Wrong(f"batch {i}: the targets have shape {y.shape}, not one a window "
                            f"{want_y.shape}")
            if not np.allclose(y, want_y):
                raise Wrong(f"batch {i}: {targets_differ(y, rows)}")
        return f"{batches} batches; targets: {HUMIDITY} {HUMIDITY_HOURS} hours on"

    def naive(column_, delay_, split="val", newest=-1, pooled=False):
        """The naive MAE over one pass of a split, as the book averages it (each batch's
        MAE) or pooled over every window."""
        split_min, split_max = task.splits[split]
        split_first = split_min + task.lookback
        count = max(1, (split_max - split_first - 1) // BATCH_SIZE)
        errors, sizes = [], []
        for i in range(count):
            rows = rows_of(i, split_first, split_max)
            errors.append(np.mean(np.abs(task.data[rows + offsets[newest], column_]
                                         - task.data[rows + delay_, column_])))
            sizes.append(len(rows))
        return float(np.average(errors, weights=sizes if pooled else None))

    def std_of(rows):
        return float(task.jena.float_data[rows, column].std())

    def check_naive(mae, mae_percent):
        if mae is None or mae_percent is None:
            raise Wrong("fill in both: mae (normalised) and mae_percent (points of rh)")
        mae, percent = number(mae, "mae"), number(mae_percent, "mae_percent")
        std = std_of(slice(None, train_max))
        rights = (naive(column, delay), naive(column, delay, pooled=True))
        # "to 3 decimals or more": rounded, or cut as read off a printout (1.0025 -> 1.002)
        if not any(rounds_to(mae, right) or cut_to(mae, right) for right in rights):
            if any(too_coarse(mae, right) or cut_to(mae, right, range(1, DECIMALS))
                   for right in rights):
                raise rounded_too_far("mae", mae)
            if any(rounds_to(mae, right * std, tolerance=1e-3) for right in rights):
                raise Wrong(f"mae = {mae:g} is in percentage points: give mae normalised, on "
                            "the scale of task.data, and the points in mae_percent")
            slips = [("the temperature's naive MAE (column 1)", naive(1, delay)),
                     ("the naive MAE 24 hours ahead", naive(column, 2 * delay)),
                     ("the naive MAE from each window's oldest reading, samples[:, 0]; the "
                      "naive forecast is the newest, samples[:, -1]",
                      naive(column, delay, newest=0)),
                     ("the naive MAE over the training rows", naive(column, delay, "train"))]
            for what, value in slips:
                if rounds_to(mae, value):
                    raise Wrong(f"mae = {mae:g} is {what}; the task: {HUMIDITY}, "
                                f"{HUMIDITY_HOURS} hours ahead, over humidity_val")
            raise Wrong(f"mae = {mae:g} is not the naive MAE over humidity_val: first make "
                        "sure q5 passes, then average |newest humidity - target| over its "
                        "batches")
        given_mae, mae = mae, min(rights, key=lambda right: abs(right - mae))
        if rounds_to(percent, mae):
            raise Wrong(f"mae_percent = {percent:g} is still normalised: {SCALE_BACK}")
        ddof1 = std * np.sqrt(train_max / (train_max - 1))  # pandas' std: as right
        # the points from the MAE itself or from the mae given (rounded as the task allows)
        if not any(rounds_to(percent, m * s, tolerance=1e-3)
                   for m in (mae, given_mae) for s in (std, ddof1)):
            if too_coarse(percent, mae * std) or too_coarse(percent, given_mae * std):
                raise rounded_too_far("mae_percent", percent)
            if any(rounds_to(percent, round(mae, k) * s, tolerance=1e-3)
                   for k in range(1, 8) for s in (std, ddof1)):
                raise Wrong(f"mae_percent = {percent:g} scales a rounded MAE, not the mae you "
                            f"give ({given_mae:g}): compute it from the unrounded MAE, or from "
                            "the mae you give")
            for k in range(DECIMALS):  # the std as printed, say to 2 decimals
                if any(rounds_to(percent, m * round(s, k), tolerance=1e-3)
                       for m in (mae, given_mae) for s in (std, ddof1)):
                    raise Wrong(f"mae_percent = {percent:g} multiplies by the standard "
                                f"deviation rounded to {k} decimals, off by more than the "
                                f"{DECIMALS} decimals asked: use the std unrounded")
            for what, rows in [("all the rows", slice(None)),
                               ("the validation rows", slice(min_index, max_index))]:
                if rounds_to(percent, mae * std_of(rows), tolerance=1e-3):
                    raise Wrong(f"mae_percent = {percent:g} uses the standard deviation of "
                                f"{what}: task.data was normalised with the training rows', "
                                "so scale back with theirs")
            raise Wrong(f"mae_percent = {percent:g} is not mae in percentage points: "
                        f"{SCALE_BACK}")
        return f"the naive humidity forecast is off by {mae:.4f} = {mae * std:.2f} points of rh"

    return (Exercise("q5, humidity 12 hours on, as a PyDataset", check_dataset, HINTS["dataset"],
                     of(NOTEBOOK, "q5")),
            Exercise("q6, the naive baseline for humidity", check_naive, HINTS["naive"],
                     of(NOTEBOOK, "q6")))


HINTS = {
    "dataset": "Copy rnnbook.WindowDataset (rnnbook.show_source(rnnbook.WindowDataset)) and "
               "add a target_column; the humidity's column is header.index('rh (%)') - 1, "
               "because float_data has no date column; 12 hours are 12 * task.step rows.",
    "naive": "Loop over your dataset: the prediction is samples[:, -1, rh_column], the "
             "newest humidity in the window; average the batches' MAEs. Percentage points: "
             "multiply by the humidity's standard deviation over the training rows.",
}
