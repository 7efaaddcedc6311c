"""Each notebook's metrics, saved with the profile, seed, data and versions they came from,
and read back checked. (The study's runner adds the code version and the machine.)"""

import json
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from ..config import profile, run_folder, seed
from ..data.files import _REPO, IN_REPO, write_atomic

__all__ = ["RESULTS_DIR", "imdb_record", "jena_record", "results_file", "save_results",
           "not_finite", "RECORD_KEYS", "read_record", "load_results", "seed_results"]

RESULTS_DIR = _REPO / "results" if IN_REPO else Path("results")


def imdb_record(history, test_acc, seconds_per_epoch):
    """What the report needs of one IMDB model: its curves, best epoch and test accuracy."""
    curves = {key: [float(v) for v in values] for key, values in history.history.items()}
    best = int(np.argmax(curves["val_acc"]))
    return {
        "best_val_acc": curves["val_acc"][best],
        "best_epoch": best + 1,
        "test_acc": float(test_acc),
        "seconds_per_epoch": float(seconds_per_epoch),
        "history": curves,
    }


def jena_record(history, test_mae_best, test_mae_last, seconds_per_epoch, temperature_std):
    """What the report needs of one Jena model: best epoch, train/validation/test MAE, curves.

    `history`: a keras History, or a dict of curves (a long run's, read back from its log).

    MAE in normalised units; the *_celsius twins are times the temperature's std.
    """
    history = getattr(history, "history", history)  # a keras History or its dict of curves
    curves = {key: [float(v) for v in values] for key, values in history.items()}
    best = int(np.argmin(curves["val_loss"]))
    mae = {
        "best_val_mae": curves["val_loss"][best],
        "train_mae_at_best": curves["loss"][best],
        "test_mae": float(test_mae_best),  # with the weights of the best validation epoch
        "last_test_mae": float(test_mae_last),  # with the weights of the last epoch
    }
    return (
        mae
        | {f"{key}_celsius": value * float(temperature_std) for key, value in mae.items()}
        | {"best_epoch": best + 1, "seconds_per_epoch": float(seconds_per_epoch), "history": curves}
    )


def results_file(name):
    """results/<run>/<name>/seed<N>.json: one file per run; quick never overwrites full.

    <run> is the profile on TensorFlow, the backend of the stored outputs and the report;
    on another backend it is named too ('full-jax'), so its runs never overwrite those.
    """
    import keras

    run = run_folder(profile(), keras.backend.backend())
    return RESULTS_DIR / run / name / f"seed{seed()}.json"


def save_results(name, models, data, **measurements):
    """Save a notebook's metrics with the profile, seed, data and code they came from.

    `models` maps a model's name to its metrics; `measurements` are other numbers to keep.
    """
    import importlib

    import keras

    backend = keras.backend.backend()  # tensorflow, jax or torch
    record = {
        "notebook": name,
        "profile": profile(),
        "backend": backend,
        "seed": seed(),
        "data": data,
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "versions": {
            "keras": keras.__version__,
            backend: importlib.import_module(backend).__version__,
        },
        "models": models,
    } | measurements
    path = results_file(name)
    bad = not_finite(models) + not_finite(measurements)
    if bad:
        raise ValueError(
            f"not saving results/{path.parent.parent.name}/{name}/{path.name}: not a finite "
            f"number (training diverged?): {', '.join(bad)}. Fix the run and execute the "
            "notebook again"
        )
    write_atomic(path, json.dumps(record, indent=1, allow_nan=False) + "\n")
    print(f"saved results/{path.parent.parent.name}/{name}/{path.name}")


def not_finite(value, where=""):
    """The places in a nested dict/list that hold NaN or an infinity: ['GRU.history.loss[3]']."""
    if isinstance(value, dict):
        return [bad for k, v in value.items() for bad in not_finite(v, f"{where}.{k}".lstrip("."))]
    if isinstance(value, (list, tuple)):
        return [bad for i, v in enumerate(value) for bad in not_finite(v, f"{where}[{i}]")]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [] if np.isfinite(value) else [where]
    return []


RECORD_KEYS = {"notebook": str, "profile": str, "seed": int, "data": str, "date": str,
               "models": dict}


def read_record(path):
    """A saved results file, checked against its place: results/<run>/<notebook>/seed<N>.json.

    Raises ValueError naming the file, what is wrong with it and what to do.
    """
    path = Path(path)
    fix = f"delete it and execute notebook {path.parent.name} again (make run)"

    def bad(problem):
        return ValueError(f"{path}: {problem}: {fix}")

    def no_constant(name):  # json reads NaN and Infinity unless told not to
        raise bad(f"holds {name}, not a number")

    try:
        record = json.loads(path.read_text(encoding="utf-8"), parse_constant=no_constant)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise bad(f"not valid JSON, truncated or corrupt ({exc})") from None
    if not isinstance(record, dict):
        raise bad("not a results record (a JSON object)")
    for key, kind in RECORD_KEYS.items():
        if key not in record:
            raise bad(f"has no {key!r}: an old or foreign format")
        if not isinstance(record[key], kind) or isinstance(record[key], bool):
            raise bad(f"{key!r} is {record[key]!r}, not a {kind.__name__}")
    place = (path.parent.parent.name, path.parent.name, path.name)
    backend = record.get("backend", "tensorflow")  # older records: TensorFlow's
    meant = (run_folder(record["profile"], backend), record["notebook"],
             f"seed{record['seed']}.json")
    if place != meant:
        raise bad(
            f"it says profile {meant[0]!r}, notebook {meant[1]!r}, seed {record['seed']}, "
            f"so it belongs in {'/'.join(meant)}, not {'/'.join(place)}"
        )
    if not all(isinstance(m, dict) for m in record["models"].values()):
        raise bad("'models' must map each model's name to its metrics")
    return record


def load_results(name):
    """The saved results of notebook `name` for this profile and seed (checked), or None."""
    path = results_file(name)
    return read_record(path) if path.is_file() else None


def seed_results(name):
    """Every stored run of notebook `name` for this profile and backend, checked: {seed: record}."""
    folder = results_file(name).parent
    records = [read_record(path) for path in sorted(folder.glob("seed*.json"))]
    return {record["seed"]: record for record in records}
