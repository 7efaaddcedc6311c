"""Exercise notebook 05e, q5 and q6: another target, the humidity 12 hours after the window,
as an indexed dataset (a keras.utils.PyDataset), and its naive baseline. Each answer is
checked exactly, on the notebook's task (rnnbook.jena_task)."""

import numpy as np

from .checking import Exercise, Wrong
from .solutions import of

__all__ = ["HUMIDITY", "HUMIDITY_HOURS", "exercises", "HINTS"]

NOTEBOOK = "05e"  # solutions.py names the questions by their notebook

HUMIDITY = "rh (%)"
HUMIDITY_HOURS = 12  # the humidity target: 12 hours after the window


def exercises(task):
    """q5 and q6 of notebook 05e, checked on `task` (rnnbook.jena_task)."""
    column = task.jena.header.index(HUMIDITY) - 1  # float_data has no date column
    delay = HUMIDITY_HOURS * task.step  # rows: task.step rows make one hour
    min_index, max_index = task.splits["val"]
    first = min_index + task.lookback
    offsets = np.arange(-task.lookback, 0, task.step)
    batches = (max(1, (max_index - first - 1) // 128))

    def reference(i):
        rows = np.arange(first + i * 128, min(first + (i + 1) * 128, max_index))
        return task.data[rows[:, None] + offsets], task.data[rows + delay, column], rows

    def check_dataset(dataset):
        import keras

        if not isinstance(dataset, keras.utils.PyDataset):
            raise Wrong(f"humidity_val is a {type(dataset).__name__}: make it an instance of "
                        "your keras.utils.PyDataset subclass, so that Keras asks for its "
                        "batches by index")
        if len(dataset) != batches:
            raise Wrong(f"len(dataset) = {len(dataset)}, but one pass over the validation "
                        f"rows holds {batches} batches of 128")
        for i in (0, 1, batches - 1):
            x, y = (np.asarray(part) for part in dataset[i][:2])
            want_x, want_y, rows = reference(i)
            if y.shape == want_y.shape + (1,):  # targets as a column train the same
                y = y[:, 0]
            if x.shape != want_x.shape or not np.allclose(x, want_x):
                raise Wrong(f"batch {i}: the windows (shape {x.shape}) are not the book's "
                            f"(shape {want_x.shape}): the same lookback, step and rows as "
                            "task.batches('val')")
            if y.shape != want_y.shape or not np.allclose(y, want_y):
                for c in range(task.data.shape[1]):
                    for d in range(-task.lookback, 3 * delay):
                        if y.shape == want_y.shape and np.allclose(y, task.data[rows + d, c]):
                            name = task.jena.header[c + 1]
                            raise Wrong(f"batch {i}: your targets are {name!r} (column {c}) "
                                        f"{d} rows after each row; the task asks for "
                                        f"{HUMIDITY!r} (column {column}) {delay} rows after "
                                        f"({HUMIDITY_HOURS} h)")
                raise Wrong(f"batch {i}: the targets are not the humidity {delay} rows after "
                            "each row")
        return f"{batches} batches; targets: {HUMIDITY} {HUMIDITY_HOURS} hours on"

    def naive(column_, delay_):
        errors = []
        for i in range(batches):
            rows = np.arange(first + i * 128, min(first + (i + 1) * 128, max_index))
            errors.append(np.mean(np.abs(task.data[rows - task.step, column_]
                                         - task.data[rows + delay_, column_])))
        return float(np.mean(errors))

    def check_naive(mae, mae_percent):
        if mae is None or mae_percent is None:
            raise Wrong("fill in both: mae (normalised) and mae_percent (points of rh)")
        mae, percent = (float(np.asarray(v)) for v in (mae, mae_percent))
        right = naive(column, delay)
        std = float(task.jena.float_data[:task.splits["train"][1], column].std())
        if abs(mae - right) > 1e-6:
            if abs(mae - right * std) < 1e-4:
                raise Wrong(f"mae = {mae:.4f} is in percentage points: the normalised MAE is "
                            f"{mae:.4f} / {std:.2f}, the training rows' standard deviation")
            for what, value in [("the temperature's", naive(1, delay)),
                                ("24 hours ahead: the humidity's", naive(column, 2 * delay))]:
                if abs(mae - value) < 1e-6:
                    raise Wrong(f"mae = {mae:.4f} is {what} naive MAE; the task: {HUMIDITY}, "
                                f"{HUMIDITY_HOURS} hours ahead ({right:.4f} is off by "
                                f"{mae - right:+.4f})")
            raise Wrong(f"mae = {mae:.4f}, off by {mae - right:+.4f}: predict each target by "
                        f"the window's last humidity, samples[:, -1, {column}]")
        if abs(percent - right * std) > 1e-3:
            raise Wrong(f"mae_percent = {percent:.3f}: multiply the normalised MAE by the "
                        f"humidity's training standard deviation ({std:.3f}), which gives "
                        f"{right * std:.3f}")
        return f"the naive humidity forecast is off by {right:.4f} = {right * std:.2f} points of rh"

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
