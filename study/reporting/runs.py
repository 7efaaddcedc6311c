"""The saved runs the report is made from, read and checked: results/<profile>/<notebook>/
seed<N>.json, one record per notebook run, and results/<profile>/timings.json."""

from rnnbook.lessons.results import not_finite, read_record
from study import records

from .book import IMDB_MODELS, JENA_MODELS

# What the report reads of each model of its tables (a model may add more).
IMDB_METRICS = {"best_val_acc", "best_epoch", "test_acc", "seconds_per_epoch", "history"}
JENA_METRICS = {"best_val_mae", "best_val_mae_celsius", "test_mae_celsius"}
METRICS = {**dict.fromkeys(IMDB_MODELS, IMDB_METRICS), **dict.fromkeys(JENA_MODELS, JENA_METRICS)}


def metric_problems(record):
    """What the report needs and a record lacks: ['GRU has no test_acc', ...]."""
    problems = [f"{model} has no {key}" for model, metrics in record["models"].items()
                for key in sorted(METRICS.get((record["notebook"], model), set()) - set(metrics))]
    return problems + [f"{where} is not a number" for where in not_finite(record)]


def load_runs(results, profile="full"):
    """{notebook: [record, ...]}, one checked record per seed, sorted by seed. If any file is
    bad, SystemExit lists them all: a table is never built from records that cannot be trusted.
    """
    runs, problems = {}, []
    for path in sorted((results / profile).glob("*/seed*.json")):
        try:
            record = read_record(path)
        except ValueError as exc:
            problems.append(str(exc))
            continue
        missing = metric_problems(record)
        if missing:
            problems.append(f"{path}: {'; '.join(missing)}: delete it and execute notebook "
                            f"{record['notebook']} again (make run)")
        runs.setdefault(record["notebook"], []).append(record)
    try:
        records.read_timings(results / profile / "timings.json")
    except ValueError as exc:
        problems.append(str(exc))
    if problems:
        raise SystemExit("report.py: nothing written, the saved results have problems:\n  - "
                         + "\n  - ".join(problems))
    return {name: sorted(records, key=lambda r: r["seed"]) for name, records in runs.items()}


def ran(runs, models):
    """(notebook, model, its metrics in every seed's run) of each of `models` that has run."""
    for notebook, model in models:
        metrics = [r["models"][model] for r in runs.get(notebook, []) if model in r["models"]]
        if metrics:
            yield notebook, model, metrics


def data_label(data):
    """The data a run names, without the files it read or notebook 06's IMDB part."""
    return data.split(";")[0]
