"""Exercise notebook 05e, part 2: will it rain in the next hour? The offline counterpart of the
lecture notes' exercise 8 on the Jena station's own rain gauge (rnnbook.data.rain), not Kaggle's
radar data. Baselines first, then a small recurrent model, judged by a metric for a rare
event: the log-loss of the forecast probability (lower is better), with the ROC AUC beside it.
"""

import numpy as np

from .checking import Exercise, Wrong
from .solutions import of

__all__ = ["EPSILON", "log_loss", "roc_auc", "markov_rates", "baselines", "SHARE_TOLERANCE",
           "exercises"]

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


def baselines(task, split):
    """The baselines on one split: accuracy, log-loss and ROC AUC of each."""
    rain, wet_before = task[f"y_{split}"], task[f"rain_before_{split}"] > 0
    climate = float(task["y_train"].mean())
    after_wet, after_dry = markov_rates(task)
    forecasts = {
        "always dry": np.zeros(len(rain)),
        "persistence (rain if it rained the hour before)": wet_before.astype(float),
        f"climatology (P = {climate:.4f}, the training hours' rate)": np.full(len(rain), climate),
        f"persistence as probabilities ({after_wet:.3f} after rain, {after_dry:.3f} after a "
        "dry hour)": np.where(wet_before, after_wet, after_dry),
    }
    return {name: {"accuracy": float(np.mean((p > 0.5) == (rain > 0))),
                   "log_loss": log_loss(rain, p), "roc_auc": roc_auc(rain, p)}
            for name, p in forecasts.items()}


def _number(answer, what):
    if isinstance(answer, (list, tuple, np.ndarray, dict)) or answer is None:
        raise Wrong(f"{what} should be one number, not {type(answer).__name__}")
    try:
        return float(answer)
    except (TypeError, ValueError):
        raise Wrong(f"{what} should be a number, not {answer!r}") from None


# How far a share of hours may be off and still be right: float32 means (y_val.mean()) are
# off by about 4e-9, while one hour of the 10,060 moves a share by 1e-4.
SHARE_TOLERANCE = 1e-6


def exercises(task):
    """The rain exercises, checked against `task` (rnnbook.data.rain.rain_task)."""
    rain, wet_before = task["y_val"], task["rain_before_val"] > 0
    dry_right = float(np.mean(rain == 0))
    persistence_right = float(np.mean(wet_before == (rain > 0)))
    climate = float(task["y_train"].mean())
    climate_loss = log_loss(rain, np.full(len(rain), climate))

    def check_accuracies(always_dry, persistence):
        dry, persist = _number(always_dry, "always_dry"), _number(persistence, "persistence")
        if dry > 1 or persist > 1:
            raise Wrong(f"accuracies are fractions from 0 to 1, not percentages "
                        f"({dry}, {persist}): divide by 100")
        if abs(dry - (1 - dry_right)) < SHARE_TOLERANCE:
            raise Wrong(f"always_dry = {dry:.4f} is the share of rainy hours: always dry is "
                        "right in the dry ones")
        if abs(dry - dry_right) > SHARE_TOLERANCE:
            raise Wrong(f"always_dry = {dry:.4f}, but {dry_right:.4f} of the validation hours "
                        f"are dry (off by {dry - dry_right:+.4f}): count y_val == 0")
        if persist == 1.0:
            raise Wrong("persistence = 1.0: you compared y_val with itself; persistence "
                        "forecasts rain where rain_before_val > 0")
        if abs(persist - persistence_right) > SHARE_TOLERANCE:
            raise Wrong(f"persistence = {persist:.4f}, off by {persist - persistence_right:+.4f}:"
                        " compare (rain_before_val > 0) with (y_val > 0) on the validation hours")
        return (f"always dry is right in {dry:.1%} of the validation hours, persistence in "
                f"{persist:.1%}: a model must beat both, and accuracy barely tells them apart")

    def check_climatology(rate, loss):
        rate, loss = _number(rate, "rate"), _number(loss, "loss")
        if abs(rate - float(rain.mean())) < SHARE_TOLERANCE:
            raise Wrong(f"rate = {rate:.4f} is the validation hours' rate: a forecast may only "
                        f"know the training hours ({climate:.4f})")
        if abs(rate - climate) > SHARE_TOLERANCE:
            raise Wrong(f"rate = {rate:.4f}, but the training hours' rate of rain is "
                        f"{climate:.4f}: y_train.mean()")
        if abs(loss - climate_loss / np.log(2)) < 1e-6:
            raise Wrong(f"loss = {loss:.4f} is in bits (log2): use the natural log, as Keras' "
                        f"binary cross-entropy does ({climate_loss:.4f})")
        only_wet = float(-np.mean(rain * np.log(climate)))
        if abs(loss - only_wet) < 1e-6:
            raise Wrong(f"loss = {loss:.4f} counts only the rainy hours: add "
                        "(1 - y) * log(1 - p) for the dry ones")
        if abs(loss - climate_loss) > 1e-6:
            raise Wrong(f"loss = {loss:.4f}, but the log-loss of P = {climate:.4f} on the "
                        f"validation hours is {climate_loss:.4f} (off by {loss - climate_loss:+.4f})")
        return (f"always forecasting P(rain) = {climate:.4f} costs a log-loss of "
                f"{climate_loss:.4f}; a certain forecast (always dry, persistence) pays "
                "-log(1e-7) = 16.1 for each miss")

    def check_model(model):
        if not hasattr(model, "predict"):
            raise Wrong(f"pass the trained Keras model, not {type(model).__name__}")
        p = np.asarray(model.predict(task["x_val"], verbose=0), dtype=float).reshape(-1)
        if p.size != rain.size:
            raise Wrong(f"the model gives {p.size} numbers for {rain.size} validation hours: "
                        "end it with Dense(1, activation='sigmoid')")
        if p.min() < 0 or p.max() > 1 or not np.isfinite(p).all():
            raise Wrong(f"the model's outputs run from {p.min():.3g} to {p.max():.3g}, not "
                        "probabilities: end it with Dense(1, activation='sigmoid') and train "
                        "it on binary_crossentropy")
        loss, auc = log_loss(rain, p), roc_auc(rain, p)
        best_name, best = min(baselines(task, "val").items(), key=lambda b: b[1]["log_loss"])
        said = (f"log-loss {loss:.4f} against the best baseline's {best['log_loss']:.4f} "
                f"({best_name}); ROC AUC {auc:.3f} against {best['roc_auc']:.3f}")
        if loss >= best["log_loss"]:
            raise Wrong(f"{said}: the model does not beat the best baseline (by "
                        f"{loss - best['log_loss']:+.4f}). A model trained on the MAE of rain "
                        "totals learns to say 'dry': train on rain yes/no with binary_crossentropy")
        return f"{said}: better by {best['log_loss'] - loss:.4f} ({1 - loss / best['log_loss']:.1%})"

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
             "RMSprop(learning_rate=0.003) and loss='binary_crossentropy'; fit with "
             "batch_size=64 and keep the epoch with the lowest validation loss "
             "(keras.callbacks.EarlyStopping(restore_best_weights=True)).",
        solution=of(NOTEBOOK, "q9"))
    return accuracies, climatology, model
