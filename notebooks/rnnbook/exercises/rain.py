"""Exercise notebook 05e, part 2: will it rain in the next hour? The offline counterpart of the
lecture notes' exercise 8 on the Jena station's own rain gauge (rnnbook.data.rain), not Kaggle's
radar data. Baselines first, then a small recurrent model, judged by a metric for a rare
event: the log-loss of the forecast probability (lower is better), with the ROC AUC beside it.

The notebook gets the training and validation hours only (`handed_out`); q9's check reads the
test hours itself and scores the model there, so a model fitted or tuned on the validation
hours gains nothing from them. The baselines' table shows the figures q7 and q8 ask for only
once those checks have passed.
"""

import numpy as np

from .checking import Exercise, Wrong, number, rounded_too_far, rounds_to, too_coarse
from .solutions import of

__all__ = ["EPSILON", "log_loss", "roc_auc", "markov_rates", "handed_out", "show_baselines",
           "SHARE_TOLERANCE", "exercises"]

NOTEBOOK = "05e"  # solutions.py names the questions by their notebook

EPSILON = 1e-7  # probabilities are clipped to [EPSILON, 1 - EPSILON] for the log-loss


def log_loss(rain, probability):
    """Mean binary cross-entropy (natural log) of forecast probabilities of rain."""
    p = np.clip(np.asarray(probability, dtype=float), EPSILON, 1 - EPSILON)
    return float(-np.mean(rain * np.log(p) + (1 - rain) * np.log(1 - p)))


def roc_auc(rain, score):
    """The chance that a rainy hour scores above a dry one (ties count half)."""
    rain, score = np.asarray(rain) > 0, np.asarray(score, dtype=float)
    order = np.argsort(score, kind="mergesort")
    ranks = np.empty(len(score))
    sorted_scores = score[order]
    first = np.r_[True, sorted_scores[1:] != sorted_scores[:-1]]
    group = np.cumsum(first) - 1
    starts = np.flatnonzero(first)
    ends = np.r_[starts[1:], len(score)]
    ranks[order] = ((starts + ends + 1) / 2)[group]  # mean rank of each run of ties
    wet, dry = rain.sum(), (~rain).sum()
    return float((ranks[rain].sum() - wet * (wet + 1) / 2) / (wet * dry))


def markov_rates(task):
    """P(rain | rain in the hour before) and P(rain | dry hour before), from training hours."""
    wet_before = task["rain_before_train"] > 0
    return (float(task["y_train"][wet_before].mean()), float(task["y_train"][~wet_before].mean()))


def handed_out(task):
    """The rain task without its test hours: those stay with q9's check."""
    return {key: value for key, value in task.items() if not key.endswith("_test")}


def _forecasts(task, split):
    """{kind: (label, probabilities)} of the four baselines on one split. The climatology's
    label leaves out its rate, q8's answer."""
    wet_before = task[f"rain_before_{split}"] > 0
    climate = float(task["y_train"].mean())
    after_wet, after_dry = markov_rates(task)
    n = len(task[f"y_{split}"])
    return {
        "always dry": ("always dry", np.zeros(n)),
        "persistence": ("persistence (rain if it rained the hour before)",
                        wet_before.astype(float)),
        "climatology": ("climatology (the training hours' rate)", np.full(n, climate)),
        "markov": (f"persistence as probabilities ({after_wet:.3f} after rain, "
                   f"{after_dry:.3f} after a dry hour)",
                   np.where(wet_before, after_wet, after_dry)),
    }


def _scores(task, split):
    """{kind: (label, {accuracy, log_loss, roc_auc})} of the baselines on one split."""
    rain = task[f"y_{split}"]
    return {kind: (label, {"accuracy": float(np.mean((p > 0.5) == (rain > 0))),
                           "log_loss": log_loss(rain, p), "roc_auc": roc_auc(rain, p)})
            for kind, (label, p) in _forecasts(task, split).items()}


def _best(task, split):
    """(label, scores) of the baseline with the lowest log-loss on a split."""
    return min(_scores(task, split).values(), key=lambda b: b[1]["log_loss"])


def show_baselines(task, q7, q8):
    """Print the baselines on the validation hours. The accuracies (and the certain
    forecasts' log-losses, which give them away) wait for q7 to pass; the climatology's rate
    and log-loss for q8."""
    climate = float(task["y_train"].mean())
    print("val:  accuracy  log-loss  ROC AUC")
    for kind, (label, score) in _scores(task, "val").items():
        accuracy = f"{score['accuracy']:8.4f}" if q7.passed else f"{'(q7)':>8}"
        loss = f"{score['log_loss']:8.4f}"
        if kind in ("always dry", "persistence") and not q7.passed:
            loss = f"{'(q7)':>8}"
        if kind == "climatology":
            label = f"climatology (P = {climate:.4f}" if q8.passed else "climatology (P = (q8)"
            label += ", the training hours' rate)"
            loss = loss if q8.passed else f"{'(q8)':>8}"
        print(f"  {accuracy}  {loss}  {score['roc_auc']:7.3f}  {label}")
    waiting = [q for q, exercise in (("q7", q7), ("q8", q8)) if not exercise.passed]
    if waiting:
        print(f"({' and '.join(waiting)}: the figures they ask for appear once their checks "
              "pass)")


# How far a share of hours may be off and still be right: float32 means (y_val.mean()) are
# off by about 4e-9, while one hour of the 10,060 moves a share by 1e-4. A share may also be
# rounded to DECIMALS decimals or more (checking.rounds_to).
SHARE_TOLERANCE = 1e-6


def _share(answer, what):
    value = number(answer, what)
    if value > 1:
        raise Wrong(f"{what} = {value:g}: a share is a fraction from 0 to 1, not a "
                    "percentage: divide by 100")
    if value < 0:
        raise Wrong(f"{what} = {value:g}: a share of hours cannot be negative")
    return value


def _is(given, right):
    return rounds_to(given, right, tolerance=SHARE_TOLERANCE)


def _sigmoid(z):
    return 1 / (1 + np.exp(-np.clip(z, -500, 500)))


def _load_held_out(lookback):
    from ..data.rain import load_rain, rain_task

    return rain_task(load_rain(), lookback=lookback)


def exercises(task, held_out=None):
    """The rain exercises, checked against `task` (rnnbook.data.rain.rain_task, handed out
    without its test hours). `held_out()` gives the whole task, test hours included, for q9's
    check (default: read again from the station's files, at q9's first check)."""
    rain, wet_before = task["y_val"], task["rain_before_val"] > 0
    dry_right = float(np.mean(rain == 0))
    persistence_right = float(np.mean(wet_before == (rain > 0)))
    climate = float(task["y_train"].mean())
    climate_loss = log_loss(rain, np.full(len(rain), climate))
    held_out = held_out or (lambda: _load_held_out(task["lookback"]))
    held = {}

    def check_accuracies(always_dry, persistence):
        dry, persist = _share(always_dry, "always_dry"), _share(persistence, "persistence")
        if _is(dry, persistence_right) and _is(persist, dry_right):
            raise Wrong("the two answers are swapped: always_dry first, then persistence")
        if not _is(dry, dry_right):
            if _is(dry, 1 - dry_right):
                raise Wrong(f"always_dry = {dry:g} is the share of rainy hours: always dry is "
                            "right in the dry ones")
            if too_coarse(dry, dry_right):
                raise rounded_too_far("always_dry", dry)
            if _is(dry, float(np.mean(task["y_train"] == 0))):
                raise Wrong(f"always_dry = {dry:g} is the training hours' share: the task asks "
                            "for the validation hours (y_val)")
            raise Wrong(f"always_dry = {dry:g} is not the share of validation hours that are "
                        "dry: count y_val == 0 and divide by the number of validation hours")
        if persist == 1.0:
            raise Wrong("persistence = 1.0: you compared y_val with itself; persistence "
                        "forecasts rain where rain_before_val > 0")
        if not _is(persist, persistence_right):
            if too_coarse(persist, persistence_right):
                raise rounded_too_far("persistence", persist)
            if _is(persist, float(np.mean(task["rain_before_val"] == rain))):
                raise Wrong(f"persistence = {persist:g} compares the rain in mm with y_val's "
                            "0 or 1: compare (rain_before_val > 0) with (y_val > 0)")
            train = float(np.mean((task["rain_before_train"] > 0) == (task["y_train"] > 0)))
            if _is(persist, train):
                raise Wrong(f"persistence = {persist:g} is the training hours' accuracy: the "
                            "task asks for the validation hours")
            raise Wrong(f"persistence = {persist:g} is not the share of validation hours "
                        "where persistence is right: compare (rain_before_val > 0) with "
                        "(y_val > 0)")
        return (f"always dry is right in {dry_right:.1%} of the validation hours, persistence "
                f"in {persistence_right:.1%}: a model must beat both, and accuracy barely "
                "tells them apart")

    def check_climatology(rate, loss):
        rate, loss = _share(rate, "rate"), number(loss, "loss")
        if not _is(rate, climate):
            if _is(rate, float(rain.mean())):
                raise Wrong(f"rate = {rate:g} is the validation hours' rate: a forecast may "
                            "only know the training hours")
            if too_coarse(rate, climate):
                raise rounded_too_far("rate", rate)
            raise Wrong(f"rate = {rate:g} is not the share of training hours with rain "
                        "(y_train)")
        p = np.full(len(rain), climate)
        if not rounds_to(loss, climate_loss):
            slips = [("in bits (log2): use the natural log, as Keras' binary cross-entropy "
                      "does", climate_loss / np.log(2)),
                     ("with log10: use the natural log, as Keras' binary cross-entropy does",
                      climate_loss / np.log(10)),
                     ("negative: the log-loss is -mean(...), a positive number", -climate_loss),
                     ("counts only the rainy hours: add (1 - y) * log(1 - p) for the dry ones",
                      float(-np.mean(rain * np.log(climate)))),
                     ("counts only the dry hours: add y * log(p) for the rainy ones",
                      float(-np.mean((1 - rain) * np.log(1 - climate)))),
                     ("is over the training hours: the task asks for the validation hours",
                      log_loss(task["y_train"], np.full(len(task["y_train"]), climate))),
                     ("uses the validation hours' rate as p: the forecast is the training "
                      "hours' rate", log_loss(rain, np.full(len(rain), rain.mean())))]
            for what, value in slips:
                if rounds_to(loss, value):
                    raise Wrong(f"loss = {loss:g} {what}")
            if too_coarse(loss, climate_loss):
                raise rounded_too_far("loss", loss)
            raise Wrong(f"loss = {loss:g} is not the log-loss of P = rate over the validation "
                        "hours: -mean(y log p + (1 - y) log(1 - p)) with y = y_val, natural log")
        return (f"always forecasting P(rain) = {climate:.4f} costs a log-loss of "
                f"{log_loss(rain, p):.4f}; a certain forecast (always dry, persistence) pays "
                "-log(1e-7) = 16.1 for each miss")

    def whole_task():
        if not held:
            try:
                held.update(held_out())
            except Exception as error:  # the data: a message, not a stop
                raise Wrong(f"the test hours could not be read ({type(error).__name__}: "
                            f"{error}): run the notebook's data cells first") from None
            if held["y_val"].shape != rain.shape or not np.array_equal(held["y_val"], rain):
                held.clear()
                raise Wrong("rain_data's validation hours are not the station's: rebuild it "
                            "with rain_task(load_rain()), as the notebook does")
        return held

    def outputs(model, x, what):
        try:
            try:
                out = model.predict(x, verbose=0)
            except TypeError:  # a predict without verbose (scikit-learn's)
                out = model.predict(x)
        except Exception as error:  # the student's model: a message, not a stop
            raise Wrong(f"the model cannot read {what}, shape {x.shape} ({type(error).__name__}"
                        f": {str(error).splitlines()[0][:160] if str(error) else ''}): start "
                        "it with keras.Input(shape=x_train.shape[1:])") from None
        return np.asarray(one_output(out, len(x)), dtype=float)

    def one_output(out, hours):
        """The one output of a model whose predict gives a dict (named outputs) or a list."""
        if isinstance(out, dict):
            parts = list(out.values())
        elif isinstance(out, (list, tuple)) and all(
                np.ndim(part) >= 1 and len(part) == hours for part in out):
            parts = list(out)  # a list of outputs; a list of numbers is one output
        else:
            return out
        if len(parts) != 1:
            names = f" ({', '.join(map(repr, out))})" if isinstance(out, dict) else ""
            raise Wrong(f"the model gives {len(parts)} outputs{names}: give it one output, one "
                        "probability per hour, Dense(1, activation='sigmoid')")
        return parts[0]

    def probabilities(out, hours):
        """P(rain) for each hour from a model's outputs; a note if they were read otherwise."""
        if out.shape in ((hours,), (hours, 1)):
            return out.reshape(-1), ""
        if out.shape == (hours, 2) and np.allclose(out.sum(axis=1), 1) and out.min() >= 0:
            return out[:, 1], " (two classes: column 1 read as P(rain))"
        if out.ndim == 3 and out.shape[0] == hours:
            raise Wrong(f"the model gives {out.shape[1:]} numbers an hour, one per timestep: "
                        "its recurrent layer returns every step (return_sequences=True); let "
                        "it return the last only, then Dense(1, activation='sigmoid')")
        raise Wrong(f"the model gives outputs of shape {out.shape} for {hours} hours: one "
                    "probability per hour, shape (hours, 1): end it with Dense(1, "
                    "activation='sigmoid')")

    def advice(p, losses, best, aucs):
        """Why a model does not beat the best baseline on the test hours, from its outputs
        (log-losses by split, the best baseline's, and the ROC AUCs on the test hours)."""
        if losses["val"] < 0.8 * best["val"]:
            return (f"on the validation hours it scores {losses['val']:.4f}, far below their "
                    f"best baseline's {best['val']:.4f}, yet not on the test hours: fitted or "
                    "tuned on the validation hours, a model learns those hours, not the "
                    "weather. Train on x_train, y_train only; use the validation hours to "
                    "choose the epochs")
        if aucs["model"] < 0.4:  # well below a random forecast's 0.5: ranked backwards
            return (f"its ROC AUC, {aucs['model']:.3f}, is well below 0.5, a coin's: it gives "
                    "the dry hours the higher chances of rain, so its outputs or the labels "
                    "look reversed. Does it give P(dry) (1 - p), or was it trained on 1 - y? "
                    "Train on y_train as it is, and pass the model's P(rain)")
        if np.quantile(p["test"], 0.99) < 0.02:
            return ("it gives nearly every hour a chance of rain below 2%: it has learned to "
                    "say 'dry', as a model trained on the MAE (of rain totals, or of rain "
                    "yes/no) does, since rain is rare. Train on y_train with "
                    "loss='binary_crossentropy' and a sigmoid output")
        if p["test"].std() < 0.01:
            return ("it gives nearly every hour the same chance of rain: it has not learned "
                    "from the 24 hours yet. Train longer, or with a larger learning rate")
        if losses["train"] < 0.75 * losses["val"]:
            return (f"on the training hours it scores {losses['train']:.4f}, far below the "
                    f"validation hours' {losses['val']:.4f}: it has learned the training "
                    "hours by heart. Keep the epoch with the lowest validation loss "
                    "(EarlyStopping(restore_best_weights=True)), or use fewer units")
        rate, mean = float(task["y_train"].mean()), float(p["train"].mean())
        if aucs["model"] > aucs["best"] and abs(mean - rate) > 0.25 * rate:  # not timid
            side = "too high" if mean > rate else "too low"
            return (f"it ranks the hours better than the best baseline (ROC AUC "
                    f"{aucs['model']:.3f} against {aucs['best']:.3f}), yet its log-loss is "
                    f"worse: its probabilities are miscalibrated, {side} for how often it "
                    "rains on the training hours, as class_weight, "
                    "oversampling the rainy hours or an output shifted or scaled make them; "
                    "more epochs will not fix it. Train on x_train, y_train as they are and "
                    "pass the sigmoid's outputs unchanged")
        return (f"on the training hours it scores {losses['train']:.4f}, close to the "
                f"validation hours' {losses['val']:.4f}: it has not learned enough yet. "
                "Train more epochs, or with a larger learning rate")

    def check_model(model):
        if not hasattr(model, "predict"):
            raise Wrong(f"pass the trained Keras model, not {type(model).__name__}")
        whole = whole_task()
        parts = {"val": (task["x_val"], rain), "test": (whole["x_test"], whole["y_test"])}
        out = {split: outputs(model, x, f"x_{split}") for split, (x, _) in parts.items()}
        p, note = {}, ""
        for split, (x, y) in parts.items():
            p[split], note = probabilities(out[split], len(y))
        if not all(np.isfinite(v).all() for v in p.values()):
            raise Wrong("its outputs hold NaN or inf: the training diverged. Train again with "
                        "a smaller learning rate")
        low, high = min(v.min() for v in p.values()), max(v.max() for v in p.values())
        if low < 0 or high > 1:  # logits: read through a sigmoid
            p = {split: _sigmoid(v) for split, v in p.items()}
            note = (f" (its outputs run from {low:.3g} to {high:.3g}: read as logits, through "
                    "a sigmoid)")
        every = np.concatenate(list(p.values()))
        if np.ptp(every) < 1e-6:  # no scores: a constant forecast's are q7's and q8's answers
            raise Wrong("it gives every hour the same chance of rain: it has not learned from "
                        "the 24 hours. " + ("A model trained on the MAE (of rain totals, or of "
                        "rain yes/no) learns to say 'dry', since rain is rare: train"
                        if every.max() < 0.02 else "Train it longer,")
                        + " on x_train, y_train with loss='binary_crossentropy' and a sigmoid "
                        "output")
        if np.isin(every, (0.0, 1.0)).all():
            raise Wrong("it makes only certain forecasts (0 or 1): each miss costs "
                        "-log(1e-7) = 16.1, so a forecast must say how sure it is. End it with "
                        "Dense(1, activation='sigmoid') and train with binary_crossentropy")
        losses = {split: log_loss(y, p[split]) for split, (_, y) in parts.items()}
        best = {"val": _best(task, "val"), "test": _best(whole, "test")}
        said = (f"on the test hours, which this check holds back: log-loss "
                f"{losses['test']:.4f} against the best baseline's "
                f"{best['test'][1]['log_loss']:.4f} ({best['test'][0]}), ROC AUC "
                f"{roc_auc(whole['y_test'], p['test']):.3f} against "
                f"{best['test'][1]['roc_auc']:.3f}; on the validation hours "
                f"{losses['val']:.4f} against {best['val'][1]['log_loss']:.4f}, ROC AUC "
                f"{roc_auc(rain, p['val']):.3f} against {best['val'][1]['roc_auc']:.3f}{note}")
        margin = best["test"][1]["log_loss"] - losses["test"]
        if margin <= 0:
            train_p = probabilities(outputs(model, task["x_train"], "x_train"),
                                    len(task["y_train"]))[0]
            if low < 0 or high > 1:
                train_p = _sigmoid(train_p)
            losses["train"], p["train"] = log_loss(task["y_train"], train_p), train_p
            aucs = {"model": roc_auc(whole["y_test"], p["test"]),
                    "best": best["test"][1]["roc_auc"]}
            raise Wrong(f"{said}: it does not beat the best baseline on the test hours; "
                        + advice(p, losses, {k: b[1]["log_loss"] for k, b in best.items()},
                                 aucs))
        return (f"{said}: better on the test hours by {margin:.4f} "
                f"({margin / best['test'][1]['log_loss']:.1%})")

    accuracies = Exercise(
        "q7, rain: accuracy of the certain baselines", check_accuracies,
        hint="A forecast is right where it says what happened. always dry: the hours with "
             "y_val == 0. Persistence says rain where rain_before_val > 0.",
        solution=of(NOTEBOOK, "q7"))
    climatology = Exercise(
        "q8, rain: the climatology's log-loss", check_climatology,
        hint="rate = the training hours' share of rain; the log-loss is "
             "-mean(y log p + (1 - y) log(1 - p)) over the validation hours, natural log.",
        solution=of(NOTEBOOK, "q8"))
    model = Exercise(
        "q9, rain: a recurrent model against the best baseline", check_model,
        hint="GRU(16) on the 24 hours, then Dense(1, activation='sigmoid'); compile with "
             "RMSprop(learning_rate=0.003) and loss='binary_crossentropy'; fit on x_train, "
             "y_train with batch_size=64 and keep the epoch with the lowest validation loss "
             "(keras.callbacks.EarlyStopping(restore_best_weights=True) with "
             "validation_data=(x_val, y_val)).",
        solution=of(NOTEBOOK, "q9"))
    return accuracies, climatology, model
