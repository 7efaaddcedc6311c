"""Exercise notebook 07e: the book's 6.3.9 "going even further" as guided experiments. The
student changes one thing in notebook 05's GRU(32) (more units, another learning rate, LSTM
for GRU, a bigger dense head), trains it with a short protocol (`train`) and hands the record
to a check, which says whether exactly that one thing changed and judges the result against
the naive baseline, the plain GRU under the same protocol, and the plain GRU's stored figure,
with the seed spread in mind."""

import time

import numpy as np

from .checking import Exercise, NoAnswerYet, Wrong, NO_ANSWER_MESSAGE
from ..config import jit_compile, pick, profile, seed
from .solutions import of

__all__ = ["STORED_GRU", "SPREAD", "SPREAD_SEEDS", "RECURRENT", "LEARNING_RATE", "KEYS",
           "protocol", "describe", "plain_gru", "train", "measure_spread", "changes", "judge",
           "experiment", "exercises", "HINTS"]

NOTEBOOK = "07e"  # solutions.py names the questions by their notebook

# The plain GRU's best validation MAE in results/full/05_jena_forecasting/seed0.json: 20
# epochs of 500 batches, seed 0, TensorFlow, on the hourly 2009-2016 file (a test compares).
STORED_GRU = 0.2599
# The seed spread assumed: the sample sd of the plain GRU's best validation MAE under this
# notebook's short protocol (full profile) over seeds 0, 1, 2: 0.2707, 0.2734, 0.2731 (mean
# 0.2724), TensorFlow, this project's 2-core machine, 2026-12-06 (`measure_spread`, training
# from task.training: each seed's batches fixed, so the figure repeats exactly). The stored
# figure's own spread, 05's GRU over seeds 0-2 (0.2607 +- 0.0007), is smaller.
SPREAD = 0.0015
SPREAD_SEEDS = (0, 1, 2)
RECURRENT = ("GRU", "LSTM", "SimpleRNN", "Bidirectional")
LEARNING_RATE = 0.001  # RMSprop's default, the book's
KEYS = ("units", "activation", "dropout", "recurrent_dropout", "go_backwards")


def protocol():
    """The short training: a few epochs of a few hundred batches (quick: a handful)."""
    return {"epochs": pick(full=3, quick=1), "steps_per_epoch": pick(full=200, quick=5)}


def describe(model):
    """[(layer class, {units, activation, dropout, recurrent_dropout, go_backwards})] of a
    model's layers (a functional model's input layer left out, as Sequential leaves it)."""
    layers = []
    for layer in model.layers:
        if type(layer).__name__ == "InputLayer":
            continue
        inner = getattr(layer, "forward_layer", layer)  # Bidirectional: the layer it wraps
        config = inner.get_config()
        name = type(layer).__name__
        if inner is not layer:
            name = f"{name}({type(inner).__name__})"
        layers.append((name, {key: config.get(key) for key in KEYS if key in config}))
    return layers


def plain_gru(task):
    """Notebook 05's model: GRU(32), then Dense(1)."""
    import keras

    return keras.Sequential([keras.Input(shape=(None, task.data.shape[-1])),
                             keras.layers.GRU(32), keras.layers.Dense(1)])


def train(task, model, learning_rate=LEARNING_RATE, run_seed=None):
    """Train a fresh copy of `model` by the short protocol from the same random state every
    time (the same initial weights, the same batches; `model` itself stays untrained); return
    its record (what was trained, the validation MAE of each epoch, the naive baseline's on
    the same batches). None (no answer yet) gives None."""
    import keras

    if model is None or learning_rate is None:
        missing = "model" if model is None else "learning rate"
        print(f"no {missing} yet: fill in the answer cell above, run it, then this cell")
        return None
    run = protocol()
    run_seed = seed() if run_seed is None else run_seed
    keras.utils.set_random_seed(run_seed)
    model = keras.models.clone_model(model)  # weights drawn now: a rerun starts over
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=learning_rate), loss="mae",
                  jit_compile=pick(full=jit_compile(), quick="auto"))  # XLA: worth it if long
    training = task.training(run_seed, batches=run["steps_per_epoch"])  # fixed by the seed
    val = task.validation()  # every epoch, the whole pass
    start = time.perf_counter()
    history = model.fit(training, epochs=run["epochs"], shuffle=False, validation_data=val,
                        callbacks=[training.epoch_callback()], verbose=2)
    naive = np.mean([np.mean(np.abs(samples[:, -1, 1] - targets)) for samples, targets in val])
    maes = [float(v) for v in history.history["val_loss"]]
    return {"layers": describe(model), "learning_rate": float(learning_rate),
            "val_mae": maes, "best_val_mae": min(maes), "best_epoch": 1 + int(np.argmin(maes)),
            "naive_val_mae": float(naive), "seconds": time.perf_counter() - start,
            "profile": profile(), **run}


def measure_spread(task, seeds=SPREAD_SEEDS):
    """(mean, sample sd, the values) of the plain GRU's best validation MAE by `train` over
    `seeds`, each from its own initial weights and batches: how SPREAD was measured (about a
    minute a seed on 2 CPU cores, full profile)."""
    maes = []
    for each in seeds:
        maes.append(train(task, plain_gru(task), run_seed=each)["best_val_mae"])
    return float(np.mean(maes)), float(np.std(maes, ddof=1)), maes


def _recurrent(layers):
    """The indices of the recurrent layers in `describe`'s list."""
    return [i for i, (name, _) in enumerate(layers) if name.startswith(RECURRENT)]


def changes(record):
    """[(kind, what changed)] between a record's model and the plain GRU."""
    found = []
    if not np.isclose(record["learning_rate"], LEARNING_RATE):
        found.append(("learning rate", f"learning rate {LEARNING_RATE} -> "
                                       f"{record['learning_rate']:g}"))
    layers = record["layers"]
    recurrent = _recurrent(layers)
    if recurrent and recurrent[0] > 0:
        shown = " + ".join(name for name, _ in layers[:recurrent[0]])
        found.append(("front", f"{shown} before the recurrent layer"))
    if len(recurrent) != 1:
        found.append(("stacking", f"{len(recurrent)} recurrent layers instead of one"))
    else:
        name, config = layers[recurrent[0]]
        if name != "GRU":
            found.append(("layer", f"GRU -> {name}"))
        plain = {"units": 32, "activation": "tanh", "dropout": 0.0, "recurrent_dropout": 0.0,
                 "go_backwards": False}
        for key, value in plain.items():
            if config.get(key) != value:
                found.append((key, f"{key} {value} -> {config.get(key)}"))
    head = layers[recurrent[-1] + 1:] if recurrent else layers
    if head != [("Dense", {"units": 1, "activation": "linear"})]:
        shown = " + ".join(f"{n}({c.get('units')}, {c.get('activation')})" for n, c in head)
        found.append(("head", f"head Dense(1) -> {shown}"))
    return found


def judge(record, plain):
    """The result in words: against naive, the plain GRU (same protocol) and its stored figure."""
    mae, naive = record["best_val_mae"], record["naive_val_mae"]
    against_naive = (f"beats the naive baseline ({naive:.4f}) by {naive - mae:.4f}"
                     if mae < naive else f"does not beat the naive baseline ({naive:.4f}): "
                     f"{mae - naive:+.4f}")
    gap = mae - plain["best_val_mae"]
    if abs(gap) <= 2 * SPREAD:
        against_plain = (f"{gap:+.4f} from the plain GRU's {plain['best_val_mae']:.4f} (same "
                         f"protocol): within twice the seed spread ({2 * SPREAD:.4f}), so one "
                         "seed cannot tell them apart")
    else:
        better = "better" if gap < 0 else "worse"
        against_plain = (f"{gap:+.4f} from the plain GRU's {plain['best_val_mae']:.4f} (same "
                         f"protocol): {better}, beyond twice the seed spread ({2 * SPREAD:.4f})")
    stored = (f"the stored full-length GRU reached {STORED_GRU} (20 epochs of 500 batches, "
              f"{mae - STORED_GRU:+.4f})")
    short = "" if record["profile"] == "full" else (
        " (quick profile: too few batches to judge anything)")
    return (f"best validation MAE {mae:.4f} at epoch {record['best_epoch']}{short}: "
            f"{against_naive}; {against_plain}; {stored}")


def _not_as_asked(kind, record):
    """Why a record that changes `kind` does not make the change asked for (None: it does)."""
    layers = record["layers"]
    recurrent = _recurrent(layers)[0]  # exactly one: `changes` found one thing changed
    name, config = layers[recurrent]
    if kind == "units" and config["units"] < 32:
        return f"units 32 -> {config['units']} is fewer, not more"
    if kind == "learning rate" and not 0 < record["learning_rate"] < np.inf:  # nan too
        return (f"a learning rate of {record['learning_rate']:g} cannot learn: give a finite one "
                "above 0")
    if kind == "layer" and name != "LSTM":
        return f"GRU -> {name} is another layer, not the LSTM"
    if kind == "head":
        hidden = layers[recurrent + 1:-1]
        if not hidden or layers[-1] != ("Dense", {"units": 1, "activation": "linear"}):
            return "the head must still end with Dense(1), with a Dense layer before it"
        if any(name != "Dense" or config.get("units", 0) < 2 for name, config in hidden):
            shown = " + ".join(f"{name}({config['units']})" if "units" in config else name
                               for name, config in hidden)
            return (f"{shown} is not a bigger dense head: the layer before Dense(1) must be a "
                    "Dense with more than one unit")
        if all(config.get("activation") == "linear" for _, config in hidden):
            return ("a linear Dense before Dense(1) makes one linear map of the two, no bigger "
                    "than Dense(1) alone: give it activation='relu'")
    return None


def _checked_record(record):
    if not isinstance(record, dict) or "layers" not in record:
        raise Wrong("pass the record that ex_experiments.train(...) returned, not "
                    f"{type(record).__name__}")
    return record


def experiment(kind, asked, plain):
    """A checker: the record changes exactly `kind` (asked: the task in words)."""

    def checker(record):
        found = changes(_checked_record(record))
        if not found:
            raise Wrong(f"this is the plain GRU, unchanged: {asked}")
        if len(found) > 1:
            raise Wrong(f"you changed {len(found)} things ({'; '.join(w for _, w in found)}): "
                        f"change only one, so the result says what it did: {asked}")
        (changed, what), = found
        if changed != kind:
            raise Wrong(f"you changed the {changed} ({what}); this exercise asks: {asked}")
        why_not = _not_as_asked(kind, record)
        if why_not:
            raise Wrong(f"{why_not}: {asked}")
        return f"{what}: {judge(record, plain)}"

    return checker


def exercises(plain):
    """q1-q5 of notebook 07e, against `plain`, the record of the plain GRU by `train`."""
    _checked_record(plain)
    asked = {"units": "give the GRU more units (48, say)",
             "learning rate": "train with another learning_rate (0.003, say)",
             "layer": "use LSTM(32) instead of GRU(32)",
             "head": "put a Dense(32, activation='relu') between the GRU and Dense(1)"}
    titles = {"units": "q1, more units", "learning rate": "q2, another learning rate",
              "layer": "q3, LSTM for GRU", "head": "q4, a bigger dense head"}
    made = [Exercise(titles[kind], experiment(kind, asked[kind], plain),
                     HINTS[kind], of(NOTEBOOK, titles[kind].split(",")[0])) for kind in asked]

    def best_change(records, name, beyond_spread):
        if name is None or beyond_spread is None:
            raise NoAnswerYet(NO_ANSWER_MESSAGE)
        if not isinstance(records, dict) or any(r is None for r in records.values()):
            raise Wrong("records must hold the four records of q1-q4: run them first")
        best = min(records, key=lambda n: records[n]["best_val_mae"])
        if name != best:
            raise Wrong(f"{name!r} is not the lowest: {best!r} reached "
                        f"{records[best]['best_val_mae']:.4f}"
                        + (f", {name!r} {records[name]['best_val_mae']:.4f}"
                           if name in records else f" (choose one of {list(records)})"))
        if not isinstance(beyond_spread, (bool, np.bool_)):
            raise Wrong(f"beyond_spread must be True or False, not {beyond_spread!r}")
        gain = plain["best_val_mae"] - records[best]["best_val_mae"]
        where = (f"{best!r} is {abs(gain):.4f} {'below' if gain >= 0 else 'above'} the plain "
                 f"GRU's {plain['best_val_mae']:.4f}")
        if beyond_spread != (gain > 2 * SPREAD):
            raise Wrong(f"{where}; twice the seed spread is {2 * SPREAD:.4f}, so beyond_spread "
                        f"is {gain > 2 * SPREAD}")
        return (f"{where}, the lowest of the four: "
                + ("better beyond" if gain > 2 * SPREAD else "not better beyond")
                + f" twice the seed spread ({2 * SPREAD:.4f})")

    made.append(Exercise("q5, which change helped", best_change, HINTS["best"], of(NOTEBOOK, "q5")))
    return made


HINTS = {
    "units": "Copy plain_gru's layers and change only GRU(32) to GRU(48); train with "
             "ex_experiments.train(task, model), which keeps the learning rate.",
    "learning rate": "Keep the model: ex_experiments.plain_gru(task); pass only "
                     "learning_rate to train (RMSprop's default, the book's, is 0.001).",
    "layer": "layers.LSTM(32) in place of layers.GRU(32); nothing else.",
    "head": "GRU(32), then layers.Dense(32, activation='relu'), then layers.Dense(1).",
    "best": "min(records, key=lambda name: records[name]['best_val_mae']) names the best; "
            "it beats the plain GRU beyond the spread when plain['best_val_mae'] minus its "
            "MAE exceeds 2 * ex_experiments.SPREAD.",
}
