"""Exercise notebook 07e: the book's 6.3.9 "going even further" as guided experiments. The
student changes one thing in notebook 05's GRU(32) (more units, another learning rate, LSTM
for GRU, a bigger dense head), trains it with a short protocol (`train`) and hands the record
to a check. The check reads every layer's whole configuration (an RNN(cell) read as its
layer, an Activation layer folded into the Dense before it), says whether exactly that one
thing changed, and judges the result against the naive baseline, the plain GRU under the same
protocol and its stored figure, with the seed spread in mind."""

import math
import re
import time

import numpy as np

from .checking import NO_ANSWER_MESSAGE, Exercise, NoAnswerYet, Wrong
from ..config import jit_compile, pick, profile, seed
from .solutions import of

__all__ = ["STORED_GRU", "SPREAD", "SPREAD_SEEDS", "THRESHOLD", "RECURRENT", "LEARNING_RATE",
           "protocol", "describe", "prepare", "plain_gru", "train", "measure_spread",
           "changes", "judge", "experiment", "exercises", "HINTS"]

NOTEBOOK = "07e"  # solutions.py names the questions by their notebook

# The plain GRU's best validation MAE in results/full/05_jena_forecasting/seed0.json: 20
# epochs of 500 batches, seed 0, TensorFlow, on the hourly 2009-2016 file (a test compares).
STORED_GRU = 0.2595
# The seed spread assumed: the sample sd of the plain GRU's best validation MAE under this
# notebook's short protocol (full profile) over seeds 0, 1, 2: 0.2707, 0.2734, 0.2731 (mean
# 0.2724), TensorFlow, this project's 2-core machine, 2026-12-06 (`measure_spread`, training
# from task.training: each seed's batches fixed, so the figure repeats exactly).
SPREAD = 0.0015
SPREAD_SEEDS = (0, 1, 2)
# Two runs that differ by their seeds only each vary by SPREAD (sd), independently: their
# difference varies sqrt(2) times as much. A difference counts as beyond the spread when it
# exceeds twice that, 2 * sqrt(2) * SPREAD (about 95% of differences between two seeds of
# one model stay below it; with the sd from 3 seeds, a rough guide).
THRESHOLD = 2 * math.sqrt(2) * SPREAD
RECURRENT = ("GRU", "LSTM", "SimpleRNN", "Bidirectional", "RNN")
LEARNING_RATE = 0.001  # RMSprop's default, the book's
UNITS = 32  # the plain GRU's
# Settings that change neither what a layer computes nor what it learns: not changes.
IGNORED = ("name", "seed", "unroll", "zero_output_for_mask", "use_cudnn")
# Layers that only apply an activation: after a linear Dense, read as that Dense's activation.
ACTIVATIONS = {"ReLU": "relu", "LeakyReLU": "leaky_relu", "ELU": "elu", "PReLU": "prelu",
               "Softmax": "softmax"}
# Activations that applied twice are applied once: Dense(32, relu) + ReLU is Dense(32, relu).
IDEMPOTENT = ("relu", "relu6")


def protocol():
    """The short training: a few epochs of a few hundred batches (quick: a handful)."""
    return {"epochs": pick(full=3, quick=1), "steps_per_epoch": pick(full=200, quick=5)}


def _settings(layer):
    return {key: value for key, value in layer.get_config().items() if key not in IGNORED}


def _layers(model):
    """A model's layers in order, nested models opened, the input layer left out."""
    import keras

    for layer in model.layers:
        if isinstance(layer, keras.Model):
            yield from _layers(layer)
        elif type(layer).__name__ != "InputLayer":
            yield layer


def _read(layer):
    """(name, settings) of one layer: RNN(GRUCell(48)) reads as GRU, Bidirectional(GRU) as
    'Bidirectional(GRU)' with the settings of the layer it wraps and its merge_mode."""
    import keras

    if isinstance(layer, keras.layers.Bidirectional):
        name, settings = _read(layer.forward_layer)
        return f"Bidirectional({name})", {**settings, "merge_mode": layer.merge_mode}
    if type(layer) is keras.layers.RNN:
        cell = type(layer.cell).__name__
        name = cell[:-len("Cell")] if cell in ("GRUCell", "LSTMCell", "SimpleRNNCell") else (
            f"RNN({cell})")
        outer = {k: v for k, v in _settings(layer).items() if k != "cell"}
        regularizer = layer.activity_regularizer  # in GRU's config, not in RNN's
        outer["activity_regularizer"] = regularizer and keras.regularizers.serialize(regularizer)
        return name, {**_settings(layer.cell), **outer}
    return type(layer).__name__, _settings(layer)


def describe(model):
    """[(layer name, its whole configuration)] of a model's layers, as the checks compare
    them: nested models opened, RNN(cell) read as its layer, and an activation layer after a
    linear Dense folded into it (Dense(32) + Activation('relu') is Dense(32, relu))."""
    described = []
    for layer in _layers(model):
        name, settings = _read(layer)
        activation = settings.get("activation") if name == "Activation" else ACTIVATIONS.get(name)
        if (activation and described and described[-1][0] == "Dense"
                and described[-1][1].get("activation") in ("linear", activation)
                and described[-1][1].get("activation") in ("linear", *IDEMPOTENT)):
            described[-1] = ("Dense", {**described[-1][1], "activation": activation})
            continue
        described.append((name, settings))
    return described


_REFERENCES = {}


def _reference(name, units):
    """The settings of a default layer `name` ('GRU', 'Bidirectional(LSTM)', 'Dense') with
    `units`; None for a layer with no default to compare with."""
    key = (name, units)
    if key not in _REFERENCES:
        from keras import layers

        inner = re.fullmatch(r"Bidirectional\((\w+)\)", name)
        kind = inner[1] if inner else name
        if kind not in ("GRU", "LSTM", "SimpleRNN", "Dense"):
            return None
        layer = getattr(layers, kind)(units)
        _REFERENCES[key] = _read(layers.Bidirectional(layer) if inner else layer)[1]
    return _REFERENCES[key]


def _show(value):
    """A setting, short: a dtype policy by its dtype's name, an initializer or regularizer by
    its class (and numbers)."""
    if isinstance(value, dict) and value.get("class_name") == "DTypePolicy":
        return str(value.get("config", {}).get("name"))
    if isinstance(value, dict) and "class_name" in value:
        numbers = {k: v for k, v in value.get("config", {}).items()
                   if isinstance(v, (int, float)) and k not in ("seed", "gain")}
        return value["class_name"] + (f"{numbers}" if numbers else "")
    return str(value)


def _differences(settings, reference):
    """[(key, 'key default -> given')] where the settings differ from the default's: every
    key of either (a config leaves some out at their default: activity_regularizer)."""
    found = []
    for key in sorted(set(settings) | set(reference), key=lambda k: (k != "units", k)):
        if settings.get(key) != reference.get(key):
            found.append((key, f"{key} {_show(reference.get(key))} -> "
                               f"{_show(settings.get(key))}"))
    return found


def _shown(head):
    return " + ".join(f"{name}({settings.get('units')}, {settings.get('activation')})"
                      if name == "Dense" else name for name, settings in head)


def plain_gru(task):
    """Notebook 05's model: GRU(32), then Dense(1)."""
    import keras

    return keras.Sequential([keras.Input(shape=(None, task.data.shape[-1])),
                             keras.layers.GRU(UNITS), keras.layers.Dense(1)])


def _learning_rate(value):
    """(the learning rate as a float, None) or (None, why it is not one)."""
    if isinstance(value, (bool, np.bool_)):
        return None, f"learning_rate = {value!r} is a truth value: give a number, as 0.01"
    if isinstance(value, str):
        return None, f"learning_rate = {value!r} is text: give a number, without quotes"
    try:
        rate = float(np.asarray(value, dtype=float).reshape(()))  # np.float32, int, 0-d array
    except (TypeError, ValueError):
        return None, (f"learning_rate = {value!r} ({type(value).__name__}) is not one "
                      "number: give one, as 0.01")
    return rate, None


def _problem(error):
    """The first useful line of a Keras or TensorFlow error, short."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(error))
    lines = [line.strip() for line in text.splitlines()
             if line.strip() and not line.strip().startswith("Exception encountered")]
    first = lines[0] if lines else ""
    return f"{type(error).__name__}: {first[:160]}"


def prepare(model, learning_rate=LEARNING_RATE, input_shape=(None, 240, 6)):
    """What `train` checks before it trains: (record, a fresh copy of `model`, or None). The
    record holds the model's layers (`describe`), the learning rate as a float, the output
    shape for windows of `input_shape`, and `problem`: why it cannot be trained, or None."""
    import keras

    rate, problem = _learning_rate(learning_rate)
    record = {"layers": None, "learning_rate": rate, "output_shape": None, "problem": problem}
    if problem is None and not (0 < rate < np.inf):
        record["problem"] = (f"a learning rate of {rate:g} cannot learn: give a finite one "
                             "above 0")
    if not isinstance(model, keras.Model):
        record["problem"] = (f"the model is a {type(model).__name__}, not a Keras model: build "
                             "it as keras.Sequential([keras.Input(...), ...])")
        return record, None

    def refused(why):  # a learning rate's problem, found first, is named first
        record["problem"] = record["problem"] or why
        return record, None

    try:
        copy = keras.models.clone_model(model)  # weights drawn now: a rerun starts over
        record["layers"] = describe(copy)
    except Exception as error:  # the student's model: any error is a message, not a stop
        return refused(f"the model cannot be copied to train it afresh ({_problem(error)}): "
                       "build it with keras.Sequential or the functional API")
    try:
        output = copy(keras.KerasTensor(input_shape))  # shapes only: nothing computed
    except Exception as error:  # the student's model: any error is a message, not a stop
        return refused(f"the model cannot read the windows, shape (batch, {input_shape[1]}, "
                       f"{input_shape[2]}): {_problem(error)}. Start it with keras.Input(shape="
                       f"(None, {input_shape[2]})) and give its recurrent layer the windows as "
                       "they are")
    if isinstance(output, (list, tuple)):
        record["output_shape"] = [tuple(part.shape) for part in output]
        shown = ", ".join(str(shape) for shape in record["output_shape"])
        return refused(f"the model gives several outputs ({shown}): it must give one number a "
                       "window, shape (batch, 1); leave return_state at its default")
    record["output_shape"] = tuple(output.shape)
    if record["output_shape"] != (None, 1):
        extra = (": its recurrent layer returns every timestep (return_sequences=True); "
                 "the forecast reads only the last" if len(output.shape) == 3 else "")
        record["problem"] = record["problem"] or (
            f"the model's output has shape {record['output_shape']}, not (batch, 1), one "
            f"temperature a window{extra}")
    return record, (copy if record["problem"] is None else None)


def train(task, model, learning_rate=LEARNING_RATE, run_seed=None):
    """Train a fresh copy of `model` by the short protocol from the same random state every
    time (the same initial weights, the same batches; `model` itself stays untrained); return
    its record (what was trained, the validation MAE of each epoch, the naive baseline's on
    the same batches). None (no answer yet) gives None. A model or learning rate that cannot
    be trained gives a record that says why (printed too): it never stops the notebook."""
    import keras

    if model is None or learning_rate is None:
        missing = "model" if model is None else "learning rate"
        print(f"no {missing} yet: fill in the answer cell above, run it, then this cell")
        return None
    run = protocol()
    run_seed = seed() if run_seed is None else run_seed
    val = task.validation()  # every epoch, the whole pass
    keras.utils.set_random_seed(run_seed)
    record, copy = prepare(model, learning_rate, (None, *np.shape(val[0][0])[1:]))
    record.update(profile=profile(), trained=False, **run)
    if copy is None:
        print(f"not trained: {record['problem']}")
        return record
    copy.compile(optimizer=keras.optimizers.RMSprop(learning_rate=record["learning_rate"]),
                 loss="mae", jit_compile=pick(full=jit_compile(), quick="auto"))  # XLA if long
    training = task.training(run_seed, batches=run["steps_per_epoch"])  # fixed by the seed
    start = time.perf_counter()
    try:
        history = copy.fit(training, epochs=run["epochs"], shuffle=False, validation_data=val,
                           callbacks=[training.epoch_callback()], verbose=2)
    except Exception as error:  # the student's model: a message, not a stop
        record["problem"] = f"training stopped: {_problem(error)}"
        print(f"not trained: {record['problem']}")
        return record
    naive = np.mean([np.mean(np.abs(samples[:, -1, 1] - targets)) for samples, targets in val])
    maes = [float(v) for v in history.history["val_loss"]]
    if not np.isfinite(maes).any():
        record["problem"] = (f"the training diverged (validation MAE {maes[-1]}): the learning "
                             f"rate {record['learning_rate']:g} is too large")
        print(f"not trained: {record['problem']}")
        return record
    best = int(np.nanargmin(maes))
    record.update(trained=True, val_mae=maes, best_val_mae=maes[best], best_epoch=1 + best,
                  naive_val_mae=float(naive), seconds=time.perf_counter() - start)
    return record


def measure_spread(task, seeds=SPREAD_SEEDS):
    """(mean, sample sd, the values) of the plain GRU's best validation MAE by `train` over
    `seeds`, each from its own initial weights and batches: how SPREAD was measured (about a
    minute a seed on 2 CPU cores, full profile)."""
    maes = []
    for each in seeds:
        maes.append(train(task, plain_gru(task), run_seed=each)["best_val_mae"])
    return float(np.mean(maes)), float(np.std(maes, ddof=1)), maes


def _recurrent(layers):
    return [i for i, (name, _) in enumerate(layers) if name.startswith(RECURRENT)]


def changes(record):
    """[(kind, what changed)] between a record's model and the plain GRU, every setting of
    every layer compared with the default layer's."""
    found = []
    if not np.isclose(record["learning_rate"], LEARNING_RATE, rtol=1e-6, atol=0):
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
        name, settings = layers[recurrent[0]]
        if name != "GRU":
            found.append(("layer", f"GRU -> {name}"))
        reference = _reference(name, UNITS)
        if reference is not None:
            found += _differences(settings, reference)
    plain_head = [("Dense", _reference("Dense", 1))]
    head = layers[recurrent[-1] + 1:] if recurrent else layers
    if head != plain_head:
        settings_changed = []  # each Dense's settings but units and activation
        for name, settings in head:
            if name == "Dense":
                default = {**_reference("Dense", settings["units"]),
                           "activation": settings["activation"]}
                settings_changed += [("head", f"the head's Dense({settings['units']}): {what}")
                                     for _, what in _differences(settings, default)]
        if _shown(head) != _shown(plain_head) or not settings_changed:  # layers changed too
            found.append(("head", f"head Dense(1) -> {_shown(head) or 'nothing'}"))
        found += settings_changed
    return found


def _protocol_of(record):
    return f"{record['epochs']} epoch(s) of {record['steps_per_epoch']} batches"


def judge(record, plain):
    """The result in words: against naive, the plain GRU (same protocol) and its stored
    figure; in the quick profile, the figure alone (too few batches to judge)."""
    mae, naive = record["best_val_mae"], record["naive_val_mae"]
    result = f"best validation MAE {mae:.4f} at epoch {record['best_epoch']}"
    if record["profile"] != "full":
        return (f"{result} (quick profile, {_protocol_of(record)}: too few to judge it "
                "against the naive baseline, the plain GRU or the seed spread; the full "
                "profile does)")
    against_naive = (f"beats the naive baseline ({naive:.4f}) by {naive - mae:.4f}"
                     if mae < naive else f"does not beat the naive baseline ({naive:.4f}): "
                     f"{mae - naive:+.4f}")
    gap = mae - plain["best_val_mae"]
    spread = (f"the spread of a difference of two runs (2 x sqrt(2) x the seed spread "
              f"{SPREAD} = {THRESHOLD:.4f})")
    verdict = (f"within {spread}, so one seed each cannot tell them apart"
               if abs(gap) <= THRESHOLD else f"{'better' if gap < 0 else 'worse'}, beyond {spread}")
    against_plain = (f"{gap:+.4f} from the plain GRU's {plain['best_val_mae']:.4f} (same "
                     f"protocol): {verdict}")
    stored = (f"the stored full-length GRU reached {STORED_GRU} (20 epochs of 500 batches, "
              f"{mae - STORED_GRU:+.4f})")
    return f"{result}: {against_naive}; {against_plain}; {stored}"


def _not_as_asked(kind, record):
    """Why a record that changes `kind` does not make the change asked for (None: it does)."""
    layers = record["layers"]
    recurrent = _recurrent(layers)[0]  # exactly one: `changes` found one thing changed
    name, settings = layers[recurrent]
    if kind == "units" and settings["units"] < UNITS:
        return f"units {UNITS} -> {settings['units']} is fewer, not more"
    if kind == "learning rate" and not 0 < record["learning_rate"] < np.inf:  # nan too
        return (f"a learning rate of {record['learning_rate']:g} cannot learn: give a finite one "
                "above 0")
    if kind == "layer" and name != "LSTM":
        return f"GRU -> {name} is another layer, not the LSTM"
    if kind == "head":
        hidden = layers[recurrent + 1:-1]
        if not hidden or layers[-1] != ("Dense", _reference("Dense", 1)):
            return ("the head must still end with the plain model's Dense(1), with a Dense "
                    "layer before it")
        softmax = [settings for name, settings in hidden if name == "Dense"
                   and settings.get("activation") in ("softmax", "log_softmax")]
        if softmax:  # named before any other slip: a softmax then a ReLU is no hidden layer
            units, activation = softmax[0]["units"], softmax[0]["activation"]
            return (f"Dense({units}, {activation}): a softmax makes the hidden layer's {units} "
                    "outputs sum to 1, as if they were the chances of as many classes; a "
                    "hidden layer needs an activation applied to each unit on its own")
        activations = [settings.get("activation") if name == "Activation"
                       else ACTIVATIONS.get(name) for name, settings in hidden[1:]]
        if (hidden[0][0] == "Dense" and hidden[0][1].get("units", 0) >= 2 and activations
                and all(activations)):  # Dense(32, tanh) + Activation('relu')
            shown = " + ".join([f"Dense({hidden[0][1]['units']}, {hidden[0][1]['activation']})",
                                *(f"{name}({a})" for (name, _), a in zip(hidden[1:], activations))])
            return (f"{shown} applies {len(hidden)} activations in a row: give the hidden "
                    "Dense one activation, in the Dense or in one layer after a linear Dense")
        if any(name != "Dense" or settings.get("units", 0) < 2 for name, settings in hidden):
            shown = " + ".join(f"{name}({settings['units']})" if "units" in settings else name
                               for name, settings in hidden)
            return (f"{shown} is not a bigger dense head: the layer before Dense(1) must be a "
                    "Dense with more than one unit")
        if len(hidden) > 1:
            return (f"{_shown(hidden)}: {len(hidden)} Dense layers before Dense(1); the task "
                    "adds one hidden Dense layer, so that the result says what it did")
        (_, settings), = hidden
        if settings.get("activation") == "linear":
            return ("a linear Dense before Dense(1) makes one linear map of the two, no bigger "
                    "than Dense(1) alone: give it activation='relu'")
    return None


def _checked_record(record):
    if not isinstance(record, dict) or "layers" not in record:
        raise Wrong("pass the record that ex_experiments.train(...) returned, not "
                    f"{type(record).__name__}")
    if record["layers"] is None or record["learning_rate"] is None:
        raise Wrong(f"the model was not trained: {record['problem']}")
    return record


def experiment(kind, asked, plain):
    """A checker: the record changes exactly `kind` (asked: the task in words), its model
    gives one number a window, and it trained."""

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
        if record.get("problem") or not record.get("trained"):
            raise Wrong(f"the model was not trained: {record.get('problem')}")
        if (record["profile"], _protocol_of(record)) != (plain["profile"], _protocol_of(plain)):
            raise Wrong(f"this record was trained in the {record['profile']} profile "
                        f"({_protocol_of(record)}), the plain GRU in the {plain['profile']} "
                        f"({_protocol_of(plain)}): run the notebook from the top in one profile")
        return f"{what}: {judge(record, plain)}"

    return checker


def _brief(value, limit=60):
    """A value as a message shows it: its repr when short, else its type (a whole record is
    2,000 characters)."""
    shown = repr(value)
    if len(shown) <= limit:
        return shown
    kind = type(value).__name__
    return f"a {kind}" + (f" with keys {list(value)[:4]!r}" if isinstance(value, dict) else "")


def _checked_records(records):
    if not isinstance(records, dict) or len(records) != 4 or any(
            not isinstance(r, dict) for r in records.values()):
        raise Wrong("records must hold the four records of q1-q4: run them first")
    for name, record in records.items():
        if not record.get("trained"):
            raise Wrong(f"the record {name!r} was not trained ({record.get('problem')}): fix "
                        "its question first")
    return records


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
        _checked_records(records)
        if not isinstance(name, str) or name not in records:
            raise Wrong(f"best_change = {_brief(name)} is not a key of records: copy one of "
                        "its keys as it is written (print(list(records)))")
        best = min(records, key=lambda n: records[n]["best_val_mae"])
        if name != best:
            raise Wrong(f"{name!r} reached {records[name]['best_val_mae']:.4f}: another change "
                        "reached a lower best validation MAE; read the table again")
        if not isinstance(beyond_spread, (bool, np.bool_)):
            raise Wrong(f"beyond_spread must be True or False, not {beyond_spread!r}")
        gain = plain["best_val_mae"] - records[best]["best_val_mae"]
        if bool(beyond_spread) != (gain > THRESHOLD):
            raise Wrong(f"beyond_spread = {bool(beyond_spread)} does not follow from the table: "
                        "compare the gain, plain['best_val_mae'] minus the best change's, with "
                        "ex_experiments.THRESHOLD, 2 x sqrt(2) x the seed spread (a difference "
                        "of two runs varies sqrt(2) times as much as one run)")
        where = (f"{best!r} is {abs(gain):.4f} {'below' if gain >= 0 else 'above'} the plain "
                 f"GRU's {plain['best_val_mae']:.4f}, the lowest of the four")
        if plain["profile"] != "full":
            return (f"{where}; the quick profile's runs are too short for the seed spread, "
                    "measured in the full profile, to judge any change: your reading of the "
                    "table is right")
        return (f"{where}: " + ("better beyond" if gain > THRESHOLD else "not better beyond")
                + f" the spread of a difference of two runs ({THRESHOLD:.4f})")

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
            "MAE exceeds ex_experiments.THRESHOLD: a difference of two runs varies sqrt(2) "
            "times as much as one, so the threshold is 2 * sqrt(2) * ex_experiments.SPREAD.",
}
