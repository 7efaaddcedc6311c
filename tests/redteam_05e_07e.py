"""The red-team corpus of exercises 05e and 07e: answers as students write them, each with the
verdict it must get (tests/test_redteam_05e_07e.py runs them all).

Right answers come in every valid form (lists, tuples, ranges, NumPy arrays, float32, whole
floats, rounding to the decimals asked, another PyDataset, the MAE pooled over every window,
logits, two-class softmax, the functional API, RNN(cell), nested models, Activation and ReLU
layers, NumPy learning rates); wrong ones the ways students get them wrong, each with a
phrase its message must hold (what it must teach). An answer is built lazily: `make()`
returns the arguments check() gets. 05e's q5-q9 are judged on small synthetic tasks (the
real data is not needed, and the answers can be right or wrong by design); 07e's records
come from `prepare`, train's check of the model before it trains, with a made-up result, so
no model trains. The few that train are marked slow: 05e's q9 on the station's rain (one
GRU, quick profile, and forms derived from it) and 07e through `train` (quick profile).
"""

from functools import cache

import numpy as np

from rnnbook.exercises import experiments as ex
from rnnbook.exercises import jena as ex_jena

from redteam import Corpus
from test_ex_jena import TargetWindows, small_task
from test_rain import small_rain_task

FEATURES = 6  # 07e: the Jena windows' features


ANSWERS = Corpus()
right, wrong = ANSWERS.right, ANSWERS.wrong


def args(*values):
    return lambda: values


# ------------------------------------------------------------- 05e q1: the generator's window
Q = "05e.q1"
WINDOW, TARGET = [20, 23, 26, 29], 36


def _batch(batch=1):
    """(samples, targets) of in-order batch `batch` of the generator on row_numbers()."""
    import rnnbook

    batches = rnnbook.generator(ex_jena.row_numbers(), shuffle=False, **ex_jena.WINDOW_ARGS)
    for _ in range(batch):
        next(batches)
    return next(batches)


def _from_the_generator(dtype=None):
    samples, targets = _batch()
    window, target = samples[2, :, 0], targets[2]
    return (window, target) if dtype is None else (window.astype(dtype), target.astype(dtype))


def _whole_window(batch=1):
    """The generator's window as it stores it: (lookback // step, 2), both columns the rows."""
    samples, targets = _batch(batch)
    return samples[2], targets[2]


right(Q, "a list", args(WINDOW, TARGET))
right(Q, "a tuple", args(tuple(WINDOW), TARGET))
right(Q, "a range", args(range(20, 30, 3), TARGET))
right(Q, "whole floats", args([20.0, 23.0, 26.0, 29.0], 36.0))
right(Q, "the generator's float arrays", _from_the_generator)
right(Q, "float32 arrays", lambda: _from_the_generator("float32"))
right(Q, "np.int64", args(np.array(WINDOW, dtype=np.int64), np.int64(TARGET)))
right(Q, "a column array", args(np.array(WINDOW)[:, None], np.array([TARGET])))
wrong(Q, "batch 0", args([12, 15, 18, 21], 28), "sample 2 of batch 0")
wrong(Q, "sample 1", args([19, 22, 25, 28], 35), "sample 1 of batch 1")
wrong(Q, "every row", args(list(range(20, 32)), TARGET), "keeps one row in step=3")
wrong(Q, "newest first", args(WINDOW[::-1], TARGET), "oldest first")
wrong(Q, "two rows late", args([22, 25, 28, 31], TARGET), "ends just before rows[j]")
wrong(Q, "delay from the window's end", args(WINDOW, 33), "counts delay from the window's")
wrong(Q, "rows[j] as the target", args(WINDOW, 32), "is rows[j] itself")
wrong(Q, "target off by one", args(WINDOW, 35), "is not that sample's target")
wrong(Q, "target one late", args(WINDOW, 37), "is not that sample's target")
wrong(Q, "fractional rows", args([20.5, 23, 26, 29], TARGET), "whole row numbers")
wrong(Q, "text", args("20, 23, 26, 29", TARGET), "not the text")
# review 35 (student): the prose says "ask the generator": its whole window is right too
right(Q, "the generator's whole window, samples[2]", _whole_window)
wrong(Q, "batch 0's whole window", lambda: _whole_window(0), "sample 2 of batch 0")
wrong(Q, "two columns that differ", args(np.c_[WINDOW, np.add(WINDOW, 1)], TARGET),
      "columns that differ")
# review 35, second student pass: the whole window flattened, its two columns interleaved
wrong(Q, "the whole window flattened, samples[2].ravel()",
      lambda: (_whole_window()[0].ravel(), _whole_window()[1]), "2 columns")

# --------------------------------------------------------------- 05e q2: the wrap's off-by-one
Q = "05e.q2"
UNUSED = list(range(58, 74))
right(Q, "int and list", args(3, UNUSED))
right(Q, "a whole float", args(3.0, UNUSED))
right(Q, "np.int64 and an array", args(np.int64(3), np.arange(58, 74)))
right(Q, "np.float32", args(np.float32(3), np.arange(58, 74, dtype="float32")))
right(Q, "a range", args(3, range(58, 74)))
right(Q, "newest first", args(3, UNUSED[::-1]))
right(Q, "a set", args(3, set(UNUSED)))
wrong(Q, "the batches that fit", args(4, []), "holds one step too early")
wrong(Q, "two", args(2, UNUSED), "follow the test")
wrong(Q, "3.5", args(3.5, UNUSED), "a whole number")
wrong(Q, "text", args("3", UNUSED), "is text")
wrong(Q, "max_index included", args(3, UNUSED + [74]), "exclusive")
wrong(Q, "nothing unused", args(3, []), "leaves rows out")
wrong(Q, "the rows the windows read", args(3, list(range(48, 73))), "rows the left-out windows")
wrong(Q, "one row early", args(3, list(range(57, 74))), "from the first i where")
wrong(Q, "True for the count", args(True, UNUSED), "truth value")

# --------------------------------------------------------------------- 05e q3: the fixed test
Q = "05e.q3"


def wraps_that_divide(i, batch_size, max_index):
    return (i + batch_size) / (max_index - i) > 1


right(Q, "solution", args(lambda i, b, m: i + b > m))
right(Q, "not <=", args(lambda i, b, m: not i + b <= m))
right(Q, "the last row", args(lambda i, b, m: i + b - 1 >= m))
right(Q, "rows left", args(lambda i, b, m: m - i < b))
right(Q, "np.bool_", args(lambda i, b, m: np.bool_(i + b > m)))
right(Q, "0 or 1", args(lambda i, b, m: int(i + b > m)))
wrong(Q, "the book's >=", args(lambda i, b, m: i + b >= m), "the book's >= is the bug")
wrong(Q, "i past max_index", args(lambda i, b, m: i > m), "past max_index - 1")
wrong(Q, "never", args(lambda i, b, m: False), "is False, but a batch")
wrong(Q, "None sometimes", args(lambda i, b, m: True if i + b > m else None), "returned None")
wrong(Q, "text", args(lambda i, b, m: str(i + b > m)), "return True or False")
wrong(Q, "divides by zero", args(wraps_that_divide), "ZeroDivisionError", student_raises=True)
# review 35 (student): a 0-d boolean array is a truth value; a 0-d float array is not
right(Q, "a 0-d boolean array", args(lambda i, b, m: np.array(i + b > m)))
wrong(Q, "a 0-d float array", args(lambda i, b, m: np.array(float(i + b > m))),
      "return True or False")

# -------------------------------------------------------------- 05e q4: windows read backwards
Q = "05e.q4"


def _by_loop(samples):
    return np.stack([window[::-1] for window in samples])


right(Q, "slice", args(lambda s: s[:, ::-1]))
right(Q, "slice, every axis named", args(lambda s: s[:, ::-1, :]))
right(Q, "np.flip axis 1", args(lambda s: np.flip(s, axis=1)))
right(Q, "a loop over windows", args(_by_loop))
right(Q, "a nested list", args(lambda s: s[:, ::-1].tolist()))
right(Q, "float32", args(lambda s: s[:, ::-1].astype("float32")))
wrong(Q, "the batch", args(lambda s: s[::-1]), "samples in the batch (axis 0)")
wrong(Q, "the features", args(lambda s: s[:, :, ::-1]), "features of each reading")
wrong(Q, "every axis", args(np.flip), "every axis at once")
wrong(Q, "unchanged", args(lambda s: s), "the windows are unchanged")
wrong(Q, "transposed", args(lambda s: s.transpose(1, 0, 2)), "keep the shape")
wrong(Q, "rolled", args(lambda s: np.roll(s, 1, axis=1)), "read backwards")
# review 35 (student): a sort equals a reversal only on a batch that increases in time
right(Q, "np.fliplr", args(np.fliplr))
right(Q, "keras.ops.flip", args(lambda s: __import__("keras").ops.flip(s, axis=1)))
wrong(Q, "sorted, largest first", args(lambda s: np.sort(s, axis=1)[:, ::-1]),
      "not each window read backwards")
wrong(Q, "sorted", args(lambda s: np.sort(s, axis=1)), "not each window read backwards")
# review 35, second student pass: reversed in place, nothing returned
wrong(Q, "in place, returns None",
      args(lambda s: s.__setitem__(slice(None), s[:, ::-1].copy())), "returned None")

# ------------------------------------------------------ 05e q5: humidity 12 hours on, a dataset
Q = "05e.q5"


@cache
def humidity_task():
    return small_task()


def _pydataset_class():
    import keras

    class Humidity(keras.utils.PyDataset):  # written from scratch, as the solution is
        def __init__(self, data, rows, lookback, delay, column, as_column=False, **kwargs):
            super().__init__(**kwargs)
            self.data, self.rows, self.lookback = data, rows, lookback
            self.delay, self.column, self.as_column = delay, column, as_column

        def __len__(self):
            return (len(self.rows) - 1) // 128

        def __getitem__(self, i):
            rows = self.rows[i * 128:(i + 1) * 128]
            targets = self.data[rows + self.delay, self.column]
            return (self.data[rows[:, None] + np.arange(-self.lookback, 0)],
                    targets[:, None] if self.as_column else targets)

    return Humidity


def _humidity(column=2, hours=12, min_index=401, data=None, batch_size=128, kind=None):
    task = humidity_task()
    return lambda: ((kind or TargetWindows)(
        task.data if data is None else data(task), task.lookback, hours, min_index, 700,
        batch_size=batch_size, step=1, target_column=column),)


def _from_scratch(dtype=None, as_column=False):
    def make():
        task = humidity_task()
        data = task.data if dtype is None else task.data.astype(dtype)
        return (_pydataset_class()(data, np.arange(425, 700), 24, 12, 2, as_column),)

    return make


class _Weighted(TargetWindows):
    def __getitem__(self, i):
        samples, targets = super().__getitem__(i)
        return samples, targets, np.ones(len(targets))


def _broken():
    class Broken(TargetWindows):
        def __getitem__(self, i):
            return self.no_such_attribute

    task = humidity_task()
    return (Broken(task.data, 24, 12, 401, 700, batch_size=128, step=1, target_column=2),)


right(Q, "WindowDataset with a target column", _humidity())
right(Q, "a PyDataset from scratch", _from_scratch())
right(Q, "float32 data", _from_scratch("float32"))
right(Q, "targets as a column", _from_scratch(as_column=True))
right(Q, "with sample weights", _humidity(kind=_Weighted))
wrong(Q, "the temperature", _humidity(column=1), "'T (degC)' (column 1)")
wrong(Q, "24 hours on", _humidity(hours=24), "24 rows after each row")
wrong(Q, "the raw readings", _humidity(data=lambda task: task.jena.float_data), "raw")
wrong(Q, "one row late", _humidity(min_index=402), "starts 1 rows late")
wrong(Q, "batches of 64", _humidity(batch_size=64), "holds 2 batches of 128")
wrong(Q, "a list of batches", lambda: ([_humidity()()[0][0]],), "keras.utils.PyDataset")
wrong(Q, "its __getitem__ fails", _broken, "humidity_val[0] raised AttributeError")

# ------------------------------------------------------------ 05e q6: the naive humidity MAE
Q = "05e.q6"


@cache
def naive_figures():
    """(the book's mean of batch MAEs, the pooled MAE, the oldest reading's, 24 hours on's,
    the training rows' std, all rows' std) on the small task."""
    task = humidity_task()

    def maes(dataset, newest=-1):
        errors = [np.abs(x[:, newest, 2] - y) for x, y in dataset]
        return float(np.mean([e.mean() for e in errors])), float(np.concatenate(errors).mean())

    book, pooled = maes(_humidity()()[0])
    return {"mae": book, "pooled": pooled, "oldest": maes(_humidity()()[0], newest=0)[0],
            "day": maes(_humidity(hours=24)()[0])[0],
            "std": float(task.jena.float_data[:400, 2].std()),
            "all std": float(task.jena.float_data[:, 2].std())}


def naive(make):
    return lambda: make(naive_figures())


right(Q, "the book's mean", naive(lambda f: (f["mae"], f["mae"] * f["std"])))
right(Q, "pooled over every window", naive(lambda f: (f["pooled"], f["pooled"] * f["std"])))
right(Q, "float32", naive(lambda f: (np.float32(f["mae"]), np.float32(f["mae"] * f["std"]))))
right(Q, "3 decimals", naive(lambda f: (round(f["mae"], 3), round(f["mae"] * f["std"], 3))))
right(Q, "4 decimals", naive(lambda f: (round(f["mae"], 4), round(f["mae"] * f["std"], 4))))
right(Q, "0-d arrays", naive(lambda f: (np.array(f["mae"]), np.array(f["mae"] * f["std"]))))
right(Q, "pandas' std (ddof=1)", naive(lambda f: (f["mae"], f["mae"] * f["std"]
                                                   * np.sqrt(400 / 399))))
wrong(Q, "in points", naive(lambda f: (f["mae"] * f["std"], f["mae"] * f["std"])),
      "is in percentage points")
wrong(Q, "not scaled back", naive(lambda f: (f["mae"], f["mae"])), "still normalised")
wrong(Q, "all rows' std", naive(lambda f: (f["mae"], f["mae"] * f["all std"])),
      "standard deviation of all the rows")
wrong(Q, "oldest reading", naive(lambda f: (f["oldest"], f["oldest"] * f["std"])),
      "oldest reading")
wrong(Q, "24 hours on", naive(lambda f: (f["day"], f["day"] * f["std"])), "24 hours ahead")
wrong(Q, "2 decimals", naive(lambda f: (round(f["mae"], 1), f["mae"] * f["std"])),
      "rounded too far")
wrong(Q, "one of two", naive(lambda f: (f["mae"], None)), "fill in both")
wrong(Q, "text", naive(lambda f: (str(f["mae"]), f["mae"] * f["std"])), "is text")
# review 35 (student): the points from the mae as given, rounded to the decimals asked
right(Q, "points from the 3-decimal mae", naive(lambda f: (round(f["mae"], 3),
                                                           round(f["mae"], 3) * f["std"])))
right(Q, "points from the 4-decimal mae, to 3", naive(lambda f: (
    round(f["mae"], 4), round(round(f["mae"], 4) * f["std"], 3))))
right(Q, "points from the pooled 3-decimal mae", naive(lambda f: (
    round(f["pooled"], 3), round(f["pooled"], 3) * f["std"])))
wrong(Q, "points from a 3-decimal mae, mae unrounded", naive(lambda f: (
    f["mae"], round(f["mae"], 3) * f["std"])), "from the unrounded MAE")
# review 35, second student pass: the printed MAE cut (not rounded) to 3 decimals, and the
# std typed as printed (to 2 decimals here it lands within the tolerance by chance, near
# pandas' std: test_ex_jena has it on a std where it does not)
right(Q, "the mae cut to 3 decimals", naive(lambda f: (
    int(f["mae"] * 1000) / 1000, int(f["mae"] * 1000) / 1000 * f["std"])))
right(Q, "the pooled mae cut to 4 decimals", naive(lambda f: (
    int(f["pooled"] * 10000) / 10000, f["pooled"] * f["std"])))
wrong(Q, "the mae cut to 2 decimals", naive(lambda f: (
    int(f["mae"] * 100) / 100, f["mae"] * f["std"])), "rounded too far")
wrong(Q, "the std as printed, to 1 decimal", naive(lambda f: (
    round(f["mae"], 3), round(f["mae"], 3) * round(f["std"], 1))), "std unrounded")

# ------------------------------------------------------------- 05e q7-q9: rain, the baselines
RAIN = small_rain_task()  # numbers only: cheap to build at import


def rain_figures():
    y, wet = RAIN["y_val"], RAIN["rain_before_val"] > 0
    rate = float(RAIN["y_train"].mean())
    p = np.full(len(y), rate)
    return {"dry": float(np.mean(y == 0)), "persistence": float(np.mean(wet == (y > 0))),
            "rate": rate, "val rate": float(y.mean()),
            "loss": float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))}


F = rain_figures()
Q = "05e.q7"
right(Q, "exact", args(F["dry"], F["persistence"]))
right(Q, "float32 means", args(np.float32(F["dry"]), np.float32(F["persistence"])))
right(Q, "3 decimals", args(round(F["dry"], 3), round(F["persistence"], 3)))
right(Q, "4 decimals", args(round(F["dry"], 4), round(F["persistence"], 4)))
right(Q, "one-element arrays", args(np.array([F["dry"]]), np.array(F["persistence"])))
wrong(Q, "percentages", args(100 * F["dry"], 100 * F["persistence"]), "not a percentage")
wrong(Q, "the rainy share", args(1 - F["dry"], F["persistence"]), "share of rainy hours")
wrong(Q, "swapped", args(F["persistence"], F["dry"]), "swapped")
wrong(Q, "y_val with itself", args(F["dry"], 1.0), "compared y_val with itself")
wrong(Q, "1 decimal", args(round(F["dry"], 1), F["persistence"]), "rounded too far")
wrong(Q, "mm against 0/1", args(F["dry"], float(np.mean(RAIN["rain_before_val"] == RAIN["y_val"]))),
      "compares the rain in mm")
wrong(Q, "the training hours", args(float(np.mean(RAIN["y_train"] == 0)), F["persistence"]),
      "training hours' share")
wrong(Q, "both in one list", args([F["dry"], F["persistence"]], F["persistence"]),
      "one number")
wrong(Q, "text", args(f"{F['dry']:.4f}", F["persistence"]), "is text")

Q = "05e.q8"
right(Q, "exact", args(F["rate"], F["loss"]))
right(Q, "float32", args(np.float32(F["rate"]), np.float32(F["loss"])))
right(Q, "3 decimals", args(round(F["rate"], 3), round(F["loss"], 3)))
right(Q, "4 decimals", args(round(F["rate"], 4), round(F["loss"], 4)))
right(Q, "0-d arrays", args(np.array(F["rate"]), np.array(F["loss"])))
wrong(Q, "the validation rate", args(F["val rate"], F["loss"]), "validation hours' rate")
wrong(Q, "in bits", args(F["rate"], F["loss"] / np.log(2)), "in bits")
wrong(Q, "log10", args(F["rate"], F["loss"] / np.log(10)), "log10")
wrong(Q, "negative", args(F["rate"], -F["loss"]), "positive number")
wrong(Q, "rainy hours only", args(F["rate"], float(-np.mean(RAIN["y_val"] * np.log(F["rate"])))),
      "only the rainy hours")
wrong(Q, "a percentage", args(100 * F["rate"], F["loss"]), "not a percentage")
wrong(Q, "validation rate as p", args(F["rate"], float(-np.mean(
    RAIN["y_val"] * np.log(F["val rate"]) + (1 - RAIN["y_val"]) * np.log(1 - F["val rate"])))),
      "validation hours' rate as p")
wrong(Q, "1 decimal", args(F["rate"], round(F["loss"], 1)), "rounded too far")
wrong(Q, "a slip", args(F["rate"], F["loss"] + 0.05), "is not the log-loss of P = rate")

# --------------------------------------------------------------- 05e q9: a model, on test hours
Q = "05e.q9"


class Predicts:
    """A model that is only its predict(): forecast(x) of each window."""

    def __init__(self, forecast, shape=None):
        self.forecast, self.shape = forecast, shape

    def predict(self, x, verbose=0):
        p = np.asarray(self.forecast(x), dtype="float32")
        return p.reshape(self.shape(len(x)) if self.shape else (-1, 1))


def _sees(x):
    """A good forecast: each synthetic window carries its hour's answer (feature 1)."""
    return x[:, 0, 1] * 0.9 + 0.05


def _by_heart():
    known = {x.tobytes(): y for x, y in zip(RAIN["x_val"], RAIN["y_val"])}
    return (Predicts(lambda x: [0.99 if known.get(w.tobytes()) else 0.01
                                if w.tobytes() in known else F["rate"] for w in x]),)


def _keras_reader(functional=False):
    """A Keras model with set weights: sigmoid(8 * feature 1 - 4), no training."""
    import keras

    def make():
        inputs = keras.Input(shape=RAIN["x_val"].shape[1:])
        dense = keras.layers.Dense(1, activation="sigmoid")
        flat = keras.layers.Flatten()
        if functional:
            model = keras.Model(inputs, dense(flat(inputs)))
        else:
            model = keras.Sequential([inputs, flat, dense])
        dense.set_weights([np.array([[0.0], [8.0], [0.0]]), np.array([-4.0])])
        return (model,)

    return make


class _TwoClasses:
    def predict(self, x, verbose=0):
        p = _sees(x)
        return np.c_[1 - p, p]


class _SkLearnLike:
    def predict(self, x):  # no verbose argument
        return _sees(x)


class _Refuses:
    def predict(self, x, verbose=0):
        raise ValueError(f"expected shape (None, 24, 15), got {x.shape}")


right(Q, "a probability per hour", args(Predicts(_sees)))
right(Q, "a flat vector", args(Predicts(_sees, shape=lambda n: (n,))))
right(Q, "logits", args(Predicts(lambda x: np.log(_sees(x) / (1 - _sees(x))))))
right(Q, "two-class softmax", args(_TwoClasses()))
right(Q, "predict without verbose", args(_SkLearnLike()))
right(Q, "Keras Sequential, weights set", _keras_reader())
right(Q, "Keras functional, weights set", _keras_reader(functional=True))
wrong(Q, "knows the validation hours by heart", _by_heart, "fitted or tuned on the validation")
wrong(Q, "says dry (MAE-trained)", args(Predicts(lambda x: np.zeros(len(x)))),
      "learns to say 'dry'")
wrong(Q, "the climatology", args(Predicts(lambda x: np.full(len(x), F["rate"]))),
      "same chance of rain")
wrong(Q, "certain persistence", args(Predicts(lambda x: (x[:, 0, 0] > 0).astype(float))),
      "only certain forecasts")
wrong(Q, "noise", args(Predicts(lambda x: np.random.default_rng(0).uniform(0, 0.3, len(x)))),
      "not learned enough yet")
wrong(Q, "every timestep", args(Predicts(np.zeros_like, shape=lambda n: (n, 1, 3))),
      "return_sequences=True")
wrong(Q, "NaN", args(Predicts(lambda x: np.full(len(x), np.nan))), "diverged")
wrong(Q, "another input", args(_Refuses()), "cannot read x_val")
wrong(Q, "not a model", args("rain_model"), "pass the trained Keras model")
# review 35 (student): advice by cause when the model ranks the hours, backwards or well
wrong(Q, "inverted, 1 - p", args(Predicts(lambda x: 1 - _sees(x))), "look reversed")
wrong(Q, "trained with class_weight (inflated)", args(Predicts(
    lambda x: 1 / (1 + (1 - _sees(x)) / _sees(x) * np.exp(-3)))), "miscalibrated")
wrong(Q, "squashed toward one half", args(Predicts(lambda x: 0.5 + 0.1 * (_sees(x) - 0.5))),
      "miscalibrated")
wrong(Q, "timid: ranks well, stays near the rate", args(Predicts(
    lambda x: F["rate"] + 0.05 * (_sees(x) - 0.05 - 0.9 * F["rate"]))), "not learned enough yet")


class _Named:
    """A model whose predict returns a dict (a named output) or a list of outputs."""

    def __init__(self, outputs):
        self.outputs = outputs

    def predict(self, x, verbose=0):
        return self.outputs(_sees(x)[:, None])


def _keras_named():
    """keras.Model(inputs, {"rain": out}): its predict returns {"rain": array}."""
    import keras

    inputs = keras.Input(shape=RAIN["x_val"].shape[1:])
    dense = keras.layers.Dense(1, activation="sigmoid")
    model = keras.Model(inputs, {"rain": dense(keras.layers.Flatten()(inputs))})
    dense.set_weights([np.array([[0.0], [8.0], [0.0]]), np.array([-4.0])])
    return (model,)


# review 35, second student pass: one named output is one output; two are not
right(Q, "Keras functional, a named output", _keras_named)
right(Q, "a dict of one output", args(_Named(lambda p: {"rain": p})))
right(Q, "a list of one output", args(_Named(lambda p: [p])))
wrong(Q, "a dict of two outputs", args(_Named(lambda p: {"rain": p, "dry": 1 - p})),
      "2 outputs")


@cache
def station_model():
    """The solution's GRU on the station's rain, quick profile (4 epochs): a real right answer."""
    import keras
    from rnnbook.data.rain import load_rain, rain_task

    task = rain_task(load_rain())
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=task["x_train"].shape[1:]), keras.layers.GRU(16),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.003),
                  loss="binary_crossentropy")
    model.fit(task["x_train"], task["y_train"], epochs=4, batch_size=64, verbose=0,
              validation_data=(task["x_val"], task["y_val"]),
              callbacks=[keras.callbacks.EarlyStopping(patience=3, restore_best_weights=True)])
    return model


def _station_logits():
    """The same GRU giving logits: its last Dense without the sigmoid."""
    import keras

    trained = station_model()
    inputs = keras.Input(shape=trained.input_shape[1:])
    gru, dense = keras.layers.GRU(16), keras.layers.Dense(1)
    model = keras.Model(inputs, dense(gru(inputs)))
    gru.set_weights(trained.layers[0].get_weights())
    dense.set_weights(trained.layers[1].get_weights())
    return (model,)


def _station_every_step():
    import keras

    trained = station_model()
    gru = keras.layers.GRU(16, return_sequences=True)
    model = keras.Sequential([keras.Input(shape=trained.input_shape[1:]), gru,
                              keras.layers.Dense(1, activation="sigmoid")])
    gru.set_weights(trained.layers[0].get_weights())
    return (model,)


class _Weighted:
    """The station's GRU with its odds of rain times 10: what class_weight={1: 10} does to a
    calibrated model (review 35: it was told to train more)."""

    def predict(self, x, verbose=0):
        p = np.clip(station_model().predict(x, verbose=0), 1e-7, 1 - 1e-7)
        return 1 / (1 + (1 - p) / (10 * p))


right(Q, "the solution's GRU (station)", lambda: (station_model(),), slow=True, data="station")
wrong(Q, "class_weight={1: 10}'s odds (station)", args(_Weighted()), "miscalibrated",
      slow=True, data="station")
right(Q, "its logits (station)", _station_logits, slow=True, data="station")
wrong(Q, "its every timestep (station)", _station_every_step, "return_sequences=True",
      slow=True, data="station")

# ------------------------------------------------------------------ 07e: records of experiments


def model(*model_layers, inputs=(None, FEATURES)):
    import keras

    return keras.Sequential([keras.Input(shape=inputs), *model_layers])


def record(make_model, learning_rate=0.001, mae=0.2680, profile="full"):
    """make() for q1-q4: `prepare`'s record of the model, with a made-up result."""

    def make():
        built = make_model()
        prepared = ex.prepare(built, learning_rate)[0]
        epochs, steps = (3, 200) if profile == "full" else (1, 5)
        return ({**prepared, "profile": profile, "epochs": epochs, "steps_per_epoch": steps,
                 "trained": prepared["problem"] is None, "val_mae": [mae], "best_val_mae": mae,
                 "best_epoch": 1, "naive_val_mae": 0.2896, "seconds": 60.0},)

    return make


def plain_record():
    from keras import layers

    return record(lambda: model(layers.GRU(32), layers.Dense(1)), mae=0.2750)()[0]


def L():
    from keras import layers

    return layers


def _functional(recurrent, *head):
    import keras

    inputs = keras.Input(shape=(None, FEATURES))
    x = recurrent(inputs)
    for layer in head:
        x = layer(x)
    return keras.Model(inputs, x)


Q = "07e.q1"
right(Q, "GRU(48)", record(lambda: model(L().GRU(48), L().Dense(1))))
right(Q, "GRU(64)", record(lambda: model(L().GRU(64), L().Dense(1))))
right(Q, "functional", record(lambda: _functional(L().GRU(48), L().Dense(1))))
right(Q, "RNN(GRUCell(48))", record(lambda: model(L().RNN(L().GRUCell(48)), L().Dense(1))))
right(Q, "a fixed window length", record(lambda: model(L().GRU(48), L().Dense(1),
                                                       inputs=(240, FEATURES))))
right(Q, "a nested Sequential", record(lambda: model(model(L().GRU(48)), L().Dense(1))))
right(Q, "tanh said aloud", record(lambda: model(L().GRU(48, activation="tanh"), L().Dense(1))))
right(Q, "a linear Activation after Dense(1)", record(lambda: model(
    L().GRU(48), L().Dense(1), L().Activation("linear"))))
wrong(Q, "return_sequences", record(lambda: model(L().GRU(48, return_sequences=True),
                                                  L().Dense(1))), "return_sequences False -> True")
wrong(Q, "reset_after=False", record(lambda: model(L().GRU(48, reset_after=False),
                                                   L().Dense(1))), "reset_after True -> False")
wrong(Q, "fewer units", record(lambda: model(L().GRU(16), L().Dense(1))), "fewer, not more")
wrong(Q, "unchanged", record(lambda: model(L().GRU(32), L().Dense(1))), "unchanged")
wrong(Q, "and backwards", record(lambda: model(L().GRU(48, go_backwards=True), L().Dense(1))),
      "go_backwards False -> True")
wrong(Q, "and dropout", record(lambda: model(L().GRU(48, dropout=0.2), L().Dense(1))),
      "dropout 0.0 -> 0.2")
wrong(Q, "an LSTM(48)", record(lambda: model(L().LSTM(48), L().Dense(1))), "GRU -> LSTM")
wrong(Q, "bidirectional", record(lambda: model(L().Bidirectional(L().GRU(24)), L().Dense(1))),
      "GRU -> Bidirectional(GRU)")
wrong(Q, "stacked", record(lambda: model(L().GRU(48, return_sequences=True), L().GRU(48),
                                         L().Dense(1))), "2 recurrent layers")
wrong(Q, "a relu output", record(lambda: model(L().GRU(48), L().Dense(1, activation="relu"))),
      "head Dense(1) -> Dense(1, relu)")
wrong(Q, "relu inside", record(lambda: model(L().GRU(48, activation="relu"), L().Dense(1))),
      "activation tanh -> relu")
wrong(Q, "no bias", record(lambda: model(L().GRU(48, use_bias=False), L().Dense(1))),
      "use_bias True -> False")
wrong(Q, "and a learning rate", record(lambda: model(L().GRU(48), L().Dense(1)),
                                       learning_rate=0.003), "you changed 2 things")
wrong(Q, "five features", record(lambda: model(L().GRU(48), L().Dense(1), inputs=(None, 5))),
      "cannot read the windows")
wrong(Q, "return_state", record(lambda: _functional(L().GRU(48, return_state=True))),
      "return_state False -> True")
wrong(Q, "a list of layers", record(lambda: [L().GRU(48), L().Dense(1)]), "not a Keras model")
# review 35 (student): the output Dense's settings and a dtype, named by what changed
wrong(Q, "an output Dense without bias", record(lambda: model(L().GRU(48),
                                                              L().Dense(1, use_bias=False))),
      "the head's Dense(1): use_bias True -> False")
wrong(Q, "a zero-initialised output", record(lambda: model(
    L().GRU(48), L().Dense(1, kernel_initializer="zeros"))),
      "kernel_initializer GlorotUniform -> Zeros")
wrong(Q, "float16", record(lambda: model(L().GRU(48, dtype="float16"), L().Dense(1))),
      "dtype float32 -> float16")
# review 35, second student pass: every setting of the head's Dense, named by what changed
wrong(Q, "an activity regularizer on the output", record(lambda: model(
    L().GRU(48), L().Dense(1, activity_regularizer="l2"))),
      "the head's Dense(1): activity_regularizer None -> L2")
wrong(Q, "a kernel constraint on the output", record(lambda: model(
    L().GRU(48), L().Dense(1, kernel_constraint="non_neg"))),
      "the head's Dense(1): kernel_constraint None -> NonNeg")

Q = "07e.q2"


def plain_model():
    return model(L().GRU(32), L().Dense(1))


right(Q, "0.003", record(plain_model, 0.003))
right(Q, "np.float32", record(plain_model, np.float32(0.003)))
right(Q, "0.01", record(plain_model, 0.01))
right(Q, "an int", record(plain_model, 1))
right(Q, "smaller", record(plain_model, np.float64(0.0005)))
right(Q, "a 0-d array", record(plain_model, np.array(0.002)))
wrong(Q, "the default", record(plain_model, 0.001), "unchanged")
wrong(Q, "the default in float32", record(plain_model, np.float32(0.001)), "unchanged")
wrong(Q, "zero", record(plain_model, 0), "cannot learn")
wrong(Q, "negative", record(plain_model, -0.003), "cannot learn")
wrong(Q, "nan", record(plain_model, float("nan")), "cannot learn")
wrong(Q, "infinite", record(plain_model, float("inf")), "cannot learn")
wrong(Q, "text", record(plain_model, "0.003"), "without quotes")
right(Q, "a one-element list", record(plain_model, [0.003]))
wrong(Q, "two rates", record(plain_model, [0.003, 0.01]), "not one number")
wrong(Q, "and units", record(lambda: model(L().GRU(48), L().Dense(1)), 0.003), "2 things")

Q = "07e.q3"
right(Q, "LSTM(32)", record(lambda: model(L().LSTM(32), L().Dense(1))))
right(Q, "RNN(LSTMCell(32))", record(lambda: model(L().RNN(L().LSTMCell(32)), L().Dense(1))))
right(Q, "functional", record(lambda: _functional(L().LSTM(32), L().Dense(1))))
wrong(Q, "return_sequences", record(lambda: model(L().LSTM(32, return_sequences=True),
                                                  L().Dense(1))), "return_sequences False -> True")
wrong(Q, "more units too", record(lambda: model(L().LSTM(64), L().Dense(1))), "units 32 -> 64")
wrong(Q, "SimpleRNN", record(lambda: model(L().SimpleRNN(32), L().Dense(1))), "not the LSTM")
wrong(Q, "bidirectional", record(lambda: model(L().Bidirectional(L().LSTM(16)), L().Dense(1))),
      "Bidirectional(LSTM)")
wrong(Q, "the GRU", record(lambda: model(L().GRU(32), L().Dense(1))), "unchanged")
wrong(Q, "backwards", record(lambda: model(L().LSTM(32, go_backwards=True), L().Dense(1))),
      "go_backwards")
wrong(Q, "no forget bias", record(lambda: model(L().LSTM(32, unit_forget_bias=False),
                                                L().Dense(1))), "unit_forget_bias True -> False")
wrong(Q, "and a head", record(lambda: model(L().LSTM(32), L().Dense(32, activation="relu"),
                                            L().Dense(1))), "2 things")

Q = "07e.q4"


def _relu():
    import keras

    return keras.activations.relu


right(Q, "Dense(32, relu)", record(lambda: model(L().GRU(32), L().Dense(32, activation="relu"),
                                                 L().Dense(1))))
right(Q, "Dense + Activation", record(lambda: model(L().GRU(32), L().Dense(32),
                                                    L().Activation("relu"), L().Dense(1))))
right(Q, "Dense + ReLU", record(lambda: model(L().GRU(32), L().Dense(32), L().ReLU(),
                                              L().Dense(1))))
right(Q, "the relu function", record(lambda: model(L().GRU(32), L().Dense(32, activation=_relu()),
                                                   L().Dense(1))))
right(Q, "Dense(64, relu)", record(lambda: model(L().GRU(32), L().Dense(64, activation="relu"),
                                                 L().Dense(1))))
right(Q, "functional", record(lambda: _functional(L().GRU(32), L().Dense(32, activation="relu"),
                                                  L().Dense(1))))
wrong(Q, "linear", record(lambda: model(L().GRU(32), L().Dense(32), L().Dense(1))),
      "one linear map")
wrong(Q, "dropout", record(lambda: model(L().GRU(32), L().Dropout(0.5), L().Dense(1))),
      "Dropout is not a bigger dense head")
wrong(Q, "one unit", record(lambda: model(L().GRU(32), L().Dense(1, activation="relu"),
                                          L().Dense(1))), "more than one unit")
wrong(Q, "no Dense(1)", record(lambda: model(L().GRU(32), L().Dense(32, activation="relu"))),
      "must still end with the plain model's Dense(1)")
wrong(Q, "in front", record(lambda: model(L().Dense(32, activation="relu"), L().GRU(32),
                                          L().Dense(1))), "changed the front")
wrong(Q, "a sigmoid output", record(lambda: model(L().GRU(32), L().Dense(32, activation="relu"),
                                                  L().Dense(1, activation="sigmoid"))),
      "must still end with the plain model's Dense(1)")
wrong(Q, "no bias in the head", record(lambda: model(
    L().GRU(32), L().Dense(32, activation="relu", use_bias=False), L().Dense(1))),
      "use_bias True -> False")
wrong(Q, "and more units", record(lambda: model(L().GRU(48), L().Dense(32, activation="relu"),
                                                L().Dense(1))), "2 things")
wrong(Q, "two outputs", record(lambda: model(L().GRU(32), L().Dense(32, activation="relu"),
                                             L().Dense(2))), "must still end")
# review 35 (student): softmax is no hidden activation; the task adds one layer
right(Q, "Dense(32, tanh)", record(lambda: model(L().GRU(32), L().Dense(32, activation="tanh"),
                                                 L().Dense(1))))
wrong(Q, "a softmax hidden layer", record(lambda: model(
    L().GRU(32), L().Dense(32, activation="softmax"), L().Dense(1))), "sum to 1")
wrong(Q, "Dense + Softmax", record(lambda: model(L().GRU(32), L().Dense(32), L().Softmax(),
                                                 L().Dense(1))), "sum to 1")
wrong(Q, "two hidden layers", record(lambda: model(
    L().GRU(32), L().Dense(32, activation="relu"), L().Dense(32, activation="relu"),
    L().Dense(1))), "one hidden Dense layer")
# review 35, second student pass: relu twice is relu; a softmax before a ReLU is named
right(Q, "relu said twice", record(lambda: model(
    L().GRU(32), L().Dense(32, activation="relu"), L().Activation("relu"), L().Dense(1))))
right(Q, "relu said twice, a ReLU layer", record(lambda: model(
    L().GRU(32), L().Dense(32, activation="relu"), L().ReLU(), L().Dense(1))))
wrong(Q, "Dense + Softmax + ReLU", record(lambda: model(
    L().GRU(32), L().Dense(32), L().Softmax(), L().ReLU(), L().Dense(1))), "softmax")
wrong(Q, "tanh, then an Activation relu", record(lambda: model(
    L().GRU(32), L().Dense(32, activation="tanh"), L().Activation("relu"), L().Dense(1))),
      "one activation")

Q = "07e.q5"
FIVE = {"units": 0.2700, "learning rate": 0.2690, "LSTM": 0.2740, "head": 0.2760}  # best: 0.0060


def records(maes=FIVE, missing=None):
    from keras import layers

    made = {name: record(lambda: model(layers.GRU(48), layers.Dense(1)), mae=mae)()[0]
            for name, mae in maes.items()}
    if missing:
        made[missing] = None
    return made


def q5(name, beyond, **options):
    return lambda: (records(**options), name, beyond)


right(Q, "name and True", q5("learning rate", True))
right(Q, "np.bool_", q5("learning rate", np.bool_(True)))
right(Q, "within the spread", q5("units", False, maes={**FIVE, "learning rate": 0.2720,
                                                       "units": 0.2720 - 0.0010}))
right(Q, "every change worse", q5("LSTM", False, maes={"units": 0.29, "learning rate": 0.29,
                                                       "LSTM": 0.28, "head": 0.30}))
wrong(Q, "the second lowest", q5("units", True), "another change reached a lower")
wrong(Q, "the highest", q5("head", False), "another change reached a lower")
wrong(Q, "twice one run's sd", q5("units", True, maes={**FIVE, "learning rate": 0.2720,
                                                       "units": 0.2715}),
      "does not follow from the table")
wrong(Q, "not beyond", q5("learning rate", False), "2 x sqrt(2)")
wrong(Q, "text for the verdict", q5("learning rate", "True"), "must be True or False")
wrong(Q, "0 or 1", q5("learning rate", 1), "must be True or False")
wrong(Q, "another spelling", q5("learning_rate", True), "not a key of records")
wrong(Q, "a missing record", q5("learning rate", True, missing="head"), "run them first")
# review 35 (student): the best record itself, not its key: named by type, not printed
wrong(Q, "the best record, not its key", lambda: (lambda made: (
    made, made["learning rate"], True))(records()), "best_change = a dict with keys")


# ----------------------------------------------------- 07e through train itself (quick profile)
@cache
def quick_task():
    from test_jena_task import synthetic_task

    return synthetic_task(train_batches=10, eval_batches=2)


def trained(make_model, learning_rate=0.001):
    return lambda: (ex.train(quick_task(), make_model(), learning_rate),)


right("07e.q1", "GRU(48), trained", trained(lambda: model(L().GRU(48), L().Dense(1))),
      slow=True, data="train")
wrong("07e.q3", "return_sequences, through train", trained(lambda: model(
    L().LSTM(32, return_sequences=True), L().Dense(1))), "return_sequences False -> True",
      slow=True, data="train")
