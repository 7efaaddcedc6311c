"""Write results/REPORT.md: the book's numbers next to ours, made from the saved results.

    python tools/report.py      (the last step of `make run`)

Reads results/full/<notebook>/seed<N>.json (one file per notebook run) and
results/<profile>/timings.json; writes results/REPORT.md, results/report.json (the numbers
in the report), two figures, and the summary table into README.md. Nothing is typed in by
hand except the book's own figures, below.
"""

import io
import json
import re
from datetime import datetime, timezone
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator  # noqa: E402
import numpy as np  # noqa: E402

import sys
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "notebooks"))  # rnnbook
import rnnbook  # noqa: E402

RESULTS = rnnbook.RESULTS_DIR
README = RESULTS.parent / "README.md"

# The book's figures: the logs of its companion notebooks (github.com/fchollet/
# deep-learning-with-python-notebooks, first_edition/6.2-understanding-recurrent-neural-
# networks.ipynb and 6.3-advanced-usage-of-recurrent-neural-networks.ipynb), best validation
# score of the one run each. BOOK_SOURCE says so in the report.
BOOK_SOURCE = (
    "the logs of the book's companion notebooks, "
    "[fchollet/deep-learning-with-python-notebooks](https://github.com/fchollet/"
    "deep-learning-with-python-notebooks), `first_edition/6.2-understanding-recurrent-neural-"
    "networks.ipynb` and `6.3-advanced-usage-of-recurrent-neural-networks.ipynb`"
)
BOOK_IMDB = {"SimpleRNN": 0.8460, "LSTM": 0.8928, "GRU": None, "LSTM, reversed reviews": None,
             "bidirectional LSTM": 0.8856}
BOOK_JENA = {
    "naive baseline": 0.2897,
    "training mean": None,
    "Dense": 0.2994,
    "GRU": 0.2644,
    "GRU, reversed windows": None,
    # the book's 40-epoch models (6.3.6-6.3.8), and the lecture notes' dropout LSTM
    "GRU with dropout": 0.2619,
    "LSTM with dropout": None,
    "stacked GRUs with dropout": 0.2633,
    "bidirectional GRU": 0.2615,
}
BOOK_IMDB_SECONDS = {"SimpleRNN": "19–22", "LSTM": "~107", "bidirectional LSTM": "~210"}
BOOK_JENA_SECONDS = {"Dense": "9–10", "GRU": "~168", "GRU with dropout": "~170",
                     "stacked GRUs with dropout": "~345", "bidirectional GRU": "~324"}
# Forward-pass multiply-adds of one recurrent step per sample: transformations x (W + U).
IMDB_STEP_MACS = {"SimpleRNN": 1 * (32 * 32 + 32 * 32), "LSTM": 4 * 2048, "GRU": 3 * 2048}
IMDB_MODELS = [
    ("03_imdb_simplernn_lstm", "SimpleRNN"),
    ("03_imdb_simplernn_lstm", "LSTM"),
    ("04_gru", "GRU"),
    ("06_reversed_bidirectional", "LSTM, reversed reviews"),
    ("06_reversed_bidirectional", "bidirectional LSTM"),
]
JENA_MODELS = [
    ("05_jena_forecasting", "naive baseline"),
    ("05_jena_forecasting", "training mean"),
    ("05_jena_forecasting", "Dense"),
    ("05_jena_forecasting", "GRU"),
    ("06_reversed_bidirectional", "GRU, reversed windows"),
    ("07_jena_dropout_stacking", "GRU with dropout"),
    ("07_jena_dropout_stacking", "LSTM with dropout"),
    ("07_jena_dropout_stacking", "stacked GRUs with dropout"),
    ("07_jena_dropout_stacking", "bidirectional GRU"),
]


# What the report reads of each model of its tables (a model may add more).
IMDB_METRICS = {"best_val_acc", "best_epoch", "test_acc", "seconds_per_epoch", "history"}
JENA_METRICS = {"best_val_mae", "best_val_mae_celsius", "test_mae_celsius"}
METRICS = {**dict.fromkeys(IMDB_MODELS, IMDB_METRICS), **dict.fromkeys(JENA_MODELS, JENA_METRICS)}


def metric_problems(record):
    """What the report needs and a record lacks: ['GRU has no test_acc', ...]."""
    problems = [
        f"{model} has no {key}"
        for model, metrics in record["models"].items()
        for key in sorted(METRICS.get((record["notebook"], model), set()) - set(metrics))
    ]
    return problems + [f"{where} is not a number" for where in rnnbook.not_finite(record)]


def load_runs(profile="full"):
    """{notebook: [record, ...]}, one checked record per seed, sorted by seed.

    Every file is checked first; if any is bad, SystemExit lists them all and nothing is
    written: a table is never built from records that cannot be trusted.
    """
    runs, problems = {}, []
    for path in sorted((RESULTS / profile).glob("*/seed*.json")):
        try:
            record = rnnbook.read_record(path)
        except ValueError as exc:
            problems.append(str(exc))
            continue
        missing = metric_problems(record)
        if missing:
            problems.append(
                f"{path}: {'; '.join(missing)}: delete it and execute notebook "
                f"{record['notebook']} again (make run)"
            )
        runs.setdefault(record["notebook"], []).append(record)
    try:
        rnnbook.read_timings(RESULTS / profile / "timings.json")
    except ValueError as exc:
        problems.append(str(exc))
    if problems:
        raise SystemExit(
            "report.py: nothing written, the saved results have problems:\n  - "
            + "\n  - ".join(problems)
        )
    return {name: sorted(records, key=lambda r: r["seed"]) for name, records in runs.items()}


def model_runs(runs, notebook, model):
    """The metrics of `model` in every seed's run of `notebook`."""
    return [r["models"][model] for r in runs.get(notebook, []) if model in r["models"]]


def stats(values):
    """(mean, sample sd or None, n)."""
    values = [v for v in values if v is not None]
    if not values:
        return None, None, 0
    sd = float(np.std(values, ddof=1)) if len(values) > 1 else None
    return float(np.mean(values)), sd, len(values)


def spread(stat, digits=4):
    """'mean ± sd' of a `stats` result ('mean' alone for one run; '–' for none)."""
    mean, sd, _ = stat
    if mean is None:
        return "–"
    return f"{mean:.{digits}f}" + (f" ± {sd:.{digits}f}" if sd is not None else "")


def fmt(mean, sd, n, digits=4):
    """`spread`, with the number of runs."""
    return spread((mean, sd, n), digits) + (f" (n={n})" if mean is not None else "")


def imdb_rows(runs):
    rows = []
    for notebook, model in IMDB_MODELS:
        metrics = model_runs(runs, notebook, model)
        if not metrics:
            continue
        best = stats([m["best_val_acc"] for m in metrics])
        book = BOOK_IMDB[model]
        rows.append(
            {
                "model": model,
                "book_best_val_acc": book,
                "best_val_acc": best,
                "difference": None if book is None else best[0] - book,
                "best_epoch": stats([m["best_epoch"] for m in metrics]),
                "test_acc": stats([m["test_acc"] for m in metrics]),
                "seconds_per_epoch": stats([m["seconds_per_epoch"] for m in metrics]),
                "data": imdb_data(runs[notebook][0]["data"]),
            }
        )
    return rows


def imdb_data(data):
    """The IMDB part of a record's data ('Jena ...; IMDB (...)' in notebook 06)."""
    return next((part for part in data.split("; ") if part.startswith("IMDB")), data)


def comparable_with_book(data):
    """Does a Jena run's normalised MAE compare with the book's? Only on the book's period:
    the official file, or the hourly 2009-2016 file (its temperature spread: 8.848 °C against
    about 8.87 °C in the official file)."""
    label = data.split(";")[0]
    return label == "Jena 2009-2016, the book's data" or label in rnnbook.KNOWN_FILES.values()


def jena_rows(runs):
    rows = []
    for notebook, model in JENA_MODELS:
        metrics = model_runs(runs, notebook, model)
        if not metrics:
            continue
        records = runs[notebook]
        best = stats([m["best_val_mae"] for m in metrics])
        rows.append(
            {
                "model": model,
                "book_best_val_mae": BOOK_JENA[model],
                "best_val_mae": best,
                "best_val_mae_celsius": stats([m["best_val_mae_celsius"] for m in metrics]),
                "test_mae_celsius": stats([m["test_mae_celsius"] for m in metrics]),
                "last_test_mae_celsius": stats([m.get("last_test_mae_celsius") for m in metrics]),
                "seconds_per_epoch": stats([m.get("seconds_per_epoch") for m in metrics]),
                "data": records[0]["data"],
                "book_data": "NOT the book's data" not in records[0]["data"],
                "difference": (
                    best[0] - BOOK_JENA[model]
                    if BOOK_JENA[model] is not None and comparable_with_book(records[0]["data"])
                    else None
                ),
            }
        )
    return rows


def signed(value, digits=4):
    return "–" if value is None else f"{value:+.{digits}f}"


def imdb_table(rows):
    lines = [
        "| model | book: best val_acc | ours: best val_acc | ours − book | best epoch "
        "| test acc | s/epoch (book) | data |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        book = "–" if r["book_best_val_acc"] is None else f"{r['book_best_val_acc']:.4f}"
        seconds = spread(r["seconds_per_epoch"], digits=1)
        lines.append(
            f"| {r['model']} | {book} | {fmt(*r['best_val_acc'])} | {signed(r['difference'])} "
            f"| {spread(r['best_epoch'], digits=1)} "
            f"| {spread(r['test_acc'])} "
            f"| {seconds} ({BOOK_IMDB_SECONDS.get(r['model'], '–')}) | {r['data']} |"
        )
    return "\n".join(lines)


def beats(row, naive, key):
    """'yes'/'no': is the model's mean MAE below the naive baseline's?"""
    return "yes" if row[key][0] < naive[key][0] else "**no**"


def jena_table(rows):
    lines = [
        "| model | book: best val MAE (official file) | ours: best val MAE | ours − book "
        "| ours in °C | test MAE °C, best epoch (last) | beats naive: val / test "
        "| s/epoch (book) | data |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    naive = next((r for r in rows if r["model"] == "naive baseline"), None)
    for r in rows:
        book = "–" if r["book_best_val_mae"] is None else f"{r['book_best_val_mae']:.4f}"
        seconds = spread(r["seconds_per_epoch"], digits=1)
        label = r["data"].split(";")[0]  # the Jena data, not the files or notebook 06's IMDB
        data = label if r["book_data"] else f"**{label}**"
        last = r["last_test_mae_celsius"]
        test = spread(r["test_mae_celsius"], digits=2) + (
            f" ({spread(last, digits=2)})" if last[0] is not None else ""
        )
        verdict = "–" if naive in (None, r) else (
            f"{beats(r, naive, 'best_val_mae_celsius')} / {beats(r, naive, 'test_mae_celsius')}"
        )
        lines.append(
            f"| {r['model']} | {book} | {fmt(*r['best_val_mae'])} | {signed(r['difference'])} "
            f"| {spread(r['best_val_mae_celsius'], digits=2)} | {test} | {verdict} "
            f"| {seconds} ({BOOK_JENA_SECONDS.get(r['model'], '–')}) | {data} |"
        )
    shown = {r["model"] for r in rows}
    for notebook, model in JENA_MODELS:
        if model not in shown:
            book = "–" if BOOK_JENA[model] is None else f"{BOOK_JENA[model]:.4f}"
            lines.append(
                f"| {model} | {book} | **not run yet** ({notebook}) | – "
                f"| – | – | – | – ({BOOK_JENA_SECONDS.get(model, '–')}) | – |"
            )
    return "\n".join(lines)


def backend_table(tf_rows, tf_here_rows, jax_rows, key, title, digits):
    """A row per model run on JAX: `key` on both backends, how far JAX's mean lies from
    TensorFlow's in TensorFlow's seed sd, and s/epoch of both on the JAX runs' machine."""
    tf, tf_here = ({r["model"]: r for r in rows} for rows in (tf_rows, tf_here_rows))
    lines = [
        f"| model | TensorFlow: {title} | JAX: {title} | JAX − TensorFlow (in sd) "
        "| TensorFlow: s/epoch, same machine | JAX: s/epoch |",
        "|---|---|---|---|---|---|",
    ]
    within = compared = 0
    for row in jax_rows:
        ours, theirs = row[key], tf.get(row["model"], {}).get(key, (None, None, 0))
        distance = "–"
        if theirs[0] is not None:
            difference = ours[0] - theirs[0]
            distance = signed(difference, digits)
            if theirs[1]:
                distance += f" ({difference / theirs[1]:+.1f} sd)"
                within += abs(difference) <= 2 * theirs[1]
                compared += 1
        here = tf_here.get(row["model"], {}).get("seconds_per_epoch", (None, None, 0))
        lines.append(
            f"| {row['model']} | {fmt(*theirs, digits)} | {fmt(*ours, digits)} | {distance} "
            f"| {fmt(*here, 1)} | {fmt(*row['seconds_per_epoch'], 1)} |"
        )
    return "\n".join(lines), within, compared


def backends_section(runs, jax_runs):
    """The same notebooks' results on TensorFlow and on JAX, when `make run BACKEND=jax` ran."""
    if not jax_runs:
        return (
            "No full-profile run on JAX yet: `make run BACKEND=jax` writes `results/full-jax/`."
            " (CI checks every notebook on both backends in the quick profile.)"
        )
    elsewhere = {name: records[0]["data"].split(";")[0] for name, records in jax_runs.items()
                 if name in runs and records[0]["data"] != runs[name][0]["data"]}
    jax_runs = {name: records for name, records in jax_runs.items() if name not in elsewhere}
    machines = {r["machine"] for records in jax_runs.values() for r in records}
    here = {nb: [r for r in records if r["machine"] in machines] for nb, records in runs.items()}
    parts, within, compared = [], 0, 0
    for rows, key, title, digits in (
        (imdb_rows, "best_val_acc", "best val_acc", 4),
        (jena_rows, "best_val_mae_celsius", "best val MAE °C", 2),
        (jena_rows, "test_mae_celsius", "test MAE °C", 2),
    ):
        jax_rows = rows(jax_runs)
        if not jax_rows:
            continue
        table, inside, seen = backend_table(rows(runs), rows(here), jax_rows, key, title, digits)
        parts.append(table)
        within, compared = within + inside, compared + seen
    missing = sorted(set(runs) - set(jax_runs) - set(elsewhere))
    if elsewhere:
        other = "; ".join(f"{name} ({data})" for name, data in sorted(elsewhere.items()))
        parts.append(
            f"Run on JAX on other data than TensorFlow's, so not compared: {other}."
            " `make run BACKEND=jax` runs them again on the data in use."
        )
    if missing:
        parts.append(f"Not run on JAX on the same data yet: {', '.join(missing)}.")
    parts.append(
        f"Where TensorFlow has several seeds, JAX's mean lies within twice their sd of their mean "
        f"for {within} of {compared} results. "
        "s/epoch: TensorFlow's runs on the machine the JAX runs used only "
        f"({'; '.join(sorted(machines))}), one after another, not side by side."
    )
    parts.append(f"Where the JAX results come from:\n\n{provenance(jax_runs)}")
    return "\n\n".join(parts)


def read_benches():
    """{device: benchmark record} for the devices `make bench` has measured."""
    found = {
        device: read_bench(RESULTS / "full" / f"bench-{device}.json") for device in ("cpu", "gpu")
    }
    return {device: bench for device, bench in found.items() if bench}


def bench_section(found):
    if not found:
        return "Not measured yet: `make bench` times every way on this machine."
    parts = []
    for device, bench in found.items():
        ways = "; ".join(bench_provenance(way, r, bench) for way, r in bench["ways"].items())
        parts.append(
            f"**On the {device.upper()}** ({bench['machine']}; {ways}).\n\n{bench_table(bench)}"
            + (f"\n\n{gpu_reading(bench)}" if device == "gpu" else f"\n\n{goals_note(bench)}")
            + teardown_note(bench)
        )
    return "\n\n".join(parts)


def epoch_seconds(bench):
    """{way: {model: seconds per epoch}}, for the models each way timed."""
    return {way: {name: m["seconds_per_epoch"] for name, m in result["models"].items()}
            for way, result in bench["ways"].items()}


def goals_note(bench):
    """The speed goals, way by way: at or below plain TensorFlow for every model, and GRU
    (three quarters of LSTM's arithmetic) no slower than LSTM."""
    times = epoch_seconds(bench)
    plain = times.get("tensorflow", {})
    below = [
        f"{way} {'yes' if all(t[n] <= plain[n] for n in t if n in plain) else 'no'}"
        for way, t in times.items() if way != "tensorflow"
    ]
    gru = [
        f"{way} {'yes' if t['GRU'] <= t['LSTM'] else 'no'} ({t['GRU']:.1f} s against "
        f"{t['LSTM']:.1f})"
        for way, t in times.items() if {"GRU", "LSTM"} <= set(t)
    ]
    parts = []
    if plain and below:
        parts.append(f"At or below plain TensorFlow for every model: {', '.join(below)}")
    if gru:
        parts.append(f"GRU no slower than LSTM: {', '.join(gru)}")
    return f"**The goals, on this run.** {'; '.join(parts)}." if parts else ""


def teardown_note(bench):
    """How long `fit` went on after the timed epoch had ended, where that was over a second."""
    waits = {
        way: max(m.get("seconds_after_epoch", 0) for m in result["models"].values())
        for way, result in bench["ways"].items()
    }
    waits = {way: wait for way, wait in waits.items() if wait > 1}
    if not waits:
        return ""
    return (
        "\n\nNot counted above: after the epoch, `fit` returned up to "
        + ", ".join(f"{wait:.0f} s later ({way})" for way, wait in waits.items())
        + ". TensorFlow's `fit` waits at its end for tf.data's autotuning thread to wake from "
        "a nap that doubles from 10 ms, once per call: a one-epoch timing of the whole call "
        "rounds up to about 20, 41 or 82 s."
    )


def dropout_costs(bench):
    """'jax: LSTM 3.5 -> 5.7 s (1.6x), GRU ...': what recurrent_dropout=0.2 costs, per way."""
    costs = []
    for way, times in epoch_seconds(bench).items():
        pairs = []
        for layer in ("LSTM", "GRU"):
            plain, dropped = times.get(layer), times.get(f"{layer}, recurrent_dropout=0.2")
            if plain and dropped:
                ratio = dropped / plain
                pairs.append(f"{layer} {plain:.1f} → {dropped:.1f} s "
                             f"({ratio:.{1 if ratio < 10 else 0}f}x)")
        if pairs:
            costs.append(f"{way}: {', '.join(pairs)}")
    return "; ".join(costs)


def gpu_reading(bench):
    return (
        f"**What `recurrent_dropout` costs on the GPU** (s/epoch without → with it): "
        f"{dropout_costs(bench)}. Without it, Keras 3.15 runs LSTM through cuDNN's fused kernel "
        "on both backends, and GRU through cuDNN on PyTorch and through its own compiled scan "
        "on JAX (JAX has no cuDNN GRU). With it, both fall back to Keras' generic loop over the "
        "500 timesteps: on JAX one compiled XLA loop, on PyTorch a Python loop that launches "
        "each step's small kernels one by one (as it does for SimpleRNN, not timed on PyTorch "
        "here for that reason). TensorFlow is not in this table: the GPU machine lent here has "
        "no TensorFlow and no internet, and TensorFlow's CUDA build with NVIDIA's libraries "
        "(several GB) is far over what can be carried to it; `make bench` times it on any "
        "machine where `tensorflow[and-cuda]` is installed."
    )


def bench_provenance(way, result, bench):
    """'jax 0.11.2, jit_compile=True, 2026-11-23 10:14 UTC, code 5572928' (older records
    keep the date and code of the whole run, not of each way)."""
    version = f" {result['backend_version']}" if "backend_version" in result else ""
    jit = next(iter(result["models"].values()))["jit_compile"]
    date, code = result.get("date", bench.get("date")), result.get("code", bench.get("code"))
    return f"{way}{version}, jit_compile={jit}, {date[:16].replace('T', ' ')} UTC, code {code}"


KERAS2_SETTINGS = {
    "keras3": "Keras 3 defaults (sigmoid gates, RMSprop ε under the root)",
    "hard_sigmoid": "Keras 2's hard_sigmoid gates only",
    "rmsprop": "Keras 2's RMSprop step only",
    "keras2": "Keras 2.0.8 settings (both)",
}


def read_keras2():
    """{setting: [model metrics, ...]} from `make keras2`, every file checked."""
    found, problems = {}, []
    for path in sorted((RESULTS / "full" / "keras2").glob("*/seed*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"), parse_constant=float)
            model = record["model"]
            values = [model[key] for key in ("best_val_acc", "test_acc", "seconds_per_epoch")]
            if record["setting"] != path.parent.name or f"seed{record['seed']}.json" != path.name:
                raise ValueError(f"it says {record['setting']}/seed{record['seed']}")
            if record["profile"] != "full" or not all(0 <= v < float("inf") for v in values):
                raise ValueError(f"profile {record['profile']!r}, metrics {values}")
        except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            problems.append(f"{path}: not a valid run ({exc!r}): delete it, run `make keras2`")
            continue
        found.setdefault(record["setting"], []).append(model)
    if problems:
        raise SystemExit("report.py: nothing written:\n  - " + "\n  - ".join(problems))
    return {setting: found[setting] for setting in KERAS2_SETTINGS if setting in found}


def keras2_section(found):
    if not found:
        return "Not measured yet: `make keras2` trains the LSTM both ways, 3 seeds each."
    lines = ["| LSTM on IMDB, setting | best val_acc | book's 0.8928 minus our mean (in sd) "
             "| test acc | s/epoch |", "|---|---|---|---|---|"]
    for setting, models in found.items():
        best = stats([m["best_val_acc"] for m in models])
        gap = 0.8928 - best[0]
        in_sd = f" ({gap / best[1]:.1f} sd)" if best[1] else ""
        lines.append(
            f"| {KERAS2_SETTINGS[setting]} | {fmt(*best)} | {gap:+.4f}{in_sd} "
            f"| {spread(stats([m['test_acc'] for m in models]))} "
            f"| {spread(stats([m['seconds_per_epoch'] for m in models]), digits=1)} |"
        )
    if min(len(models) for models in found.values()) < 3:
        lines.append(
            "\n**Incomplete:** fewer than 3 seeds for some setting, so no conclusion yet: a "
            "difference smaller than the spread of seeds (notebook 03's LSTM: about ± 0.007) "
            "may be chance. `make keras2` runs the rest; each run is saved as it ends."
        )
    elif {"keras3", "keras2"} <= set(found):
        lines.append("\n" + keras2_verdict(found["keras3"], found["keras2"]))
    return "\n".join(lines)


def keras2_verdict(new, old):
    """What the seeds say: is Keras 2's setting better, and is the book's run inside its spread?"""
    new_mean, new_sd, n_new = stats([m["best_val_acc"] for m in new])
    old_mean, old_sd, n_old = stats([m["best_val_acc"] for m in old])
    difference = old_mean - new_mean
    error = (new_sd**2 / n_new + old_sd**2 / n_old) ** 0.5  # standard error of the difference
    if abs(difference) > 2 * error:
        settings = "larger than twice its standard error: the settings make a difference"
    else:
        settings = "within twice its standard error: with this many seeds, not told from chance"
    above = (0.8928 - old_mean) / old_sd
    book = ("inside" if above <= 2 else "outside") + " that spread (2 sd)"
    return (
        f"**What the seeds say.** Keras 2.0.8's settings minus Keras 3's defaults: "
        f"{difference:+.4f} best val_acc (standard error {error:.4f}, {n_old} and {n_new} seeds), "
        f"{settings}. The book's single run lies {above:.1f} sd above the mean with Keras "
        f"2.0.8's settings: {book}."
    )


def provenance(runs):
    lines = ["| notebook | seeds | dates | code | machine | data |", "|---|---|---|---|---|---|"]
    mixed = []
    for name, records in runs.items():
        codes = sorted({str(r["code"]) for r in records})
        if len({code.removesuffix("-dirty") for code in codes}) > 1:
            mixed.append(name)
        dates = sorted(r["date"][:16].replace("T", " ") for r in records)
        machines = "; ".join(
            f"{m} (seed {', '.join(str(r['seed']) for r in records if r['machine'] == m)})"
            for m in sorted({r["machine"] for r in records})
        )
        lines.append(
            f"| {name} | {', '.join(str(r['seed']) for r in records)} "
            f"| {dates[0]} .. {dates[-1]} | {', '.join(codes)} | {machines} | {records[0]['data']} |"
        )
    if mixed:
        lines.append(
            f"\n**Warning:** the runs of {', '.join(mixed)} come from different commits."
        )
    if len({r["machine"] for records in runs.values() for r in records}) > 1:
        lines.append(
            "\n**Warning:** these runs come from different machines (column *machine*; older "
            "records name no CPU model). Seconds per epoch compare only within one machine, "
            "and even a seed's accuracy can differ in the last digits between CPUs."
        )
    lines.append("\n'-dirty': notebooks/ had changes not yet committed when that run saved.")
    return "\n".join(lines)


def timings_table():
    titles = {"full": "full profile", "full-jax": "full, JAX"}
    timings = {p: rnnbook.read_timings(RESULTS / p / "timings.json") for p in titles}
    timings = {p: t for p, t in timings.items() if t}
    names = sorted({name for t in timings.values() for name in t})
    if not names:
        return "No wall times recorded yet: `make run` records them."
    lines = ["| notebook | " + " | ".join(titles[p] for p in timings) + " |",
             "|---|" + "---|" * len(timings)]
    for name in names:
        cells = [f"{t[name]['seconds']:.0f} s" if name in t else "–" for t in timings.values()]
        lines.append(f"| {name} | {' | '.join(cells)} |")
    totals = [sum(e["seconds"] for e in t.values()) / 60 for t in timings.values()]
    lines.append("| **all** | " + " | ".join(f"**{total:.1f} min**" for total in totals) + " |")
    return "\n".join(lines)


def read_bench(path):
    """A `make bench` record (results/full/bench-<device>.json), checked; None if absent."""
    if not path.is_file():
        return None
    fix = f"delete {path} and run `make bench` again"
    try:
        bench = json.loads(path.read_text(encoding="utf-8"), parse_constant=float)
        for result in bench["ways"].values():
            for name, m in result["models"].items():
                seconds = m["seconds_per_epoch"]
                if not isinstance(seconds, (int, float)) or not 0 < seconds < float("inf"):
                    raise ValueError(f"{name}: seconds_per_epoch {seconds!r}")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SystemExit(f"report.py: {path}: not valid JSON, truncated or corrupt ({exc}): {fix}")
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise SystemExit(f"report.py: {path}: not a benchmark record ({exc!r}): {fix}")
    return bench


def bench_table(bench):
    """s/epoch of each model, one column per way of running it."""
    times = epoch_seconds(bench)
    lines = [
        "| model | " + " | ".join(f"{way}: s/epoch" for way in times) + " | fastest |",
        "|---|" + "---|" * (len(times) + 1),
    ]
    for model in next(iter(times.values())):
        seconds = {way: t[model] for way, t in times.items() if model in t}
        cells = [f"{seconds[way]:.1f}" if way in seconds else "–" for way in times]
        lines.append(f"| {model} | {' | '.join(cells)} | {min(seconds, key=seconds.get)} |")
    return "\n".join(lines)


def imdb_epoch_flops(model):
    """FLOPs of one IMDB epoch's recurrent layer, from the shapes: 20,000 training reviews x
    500 steps forward and backward (~3x the forward pass), plus 5,000 validation forward."""
    return 2 * IMDB_STEP_MACS[model] * 500 * (3 * 20000 + 5000)


def flops_note(bench):
    """Arithmetic of an IMDB epoch from the shapes, against the CPU benchmark's times and the
    peak `make bench` measured on the same machine."""
    ways = " | ".join(f"{way}: GFLOP/s (share of peak)" for way in bench["ways"])
    lines = [f"| model | GFLOP per epoch | {ways} |", "|---|---|" + "---|" * len(bench["ways"])]
    for model in IMDB_STEP_MACS:
        flops = imdb_epoch_flops(model)
        cells = []
        for times in epoch_seconds(bench).values():
            rate = flops / times[model] / 1e9 if model in times else None
            cells.append(f"{rate:.1f} ({rate / bench['matmul_gflops']:.1%})" if rate else "–")
        lines.append(f"| {model} | {flops / 1e9:.0f} | {' | '.join(cells)} |")
    return "\n".join(lines)


def limit_section(found):
    bench = found.get("cpu")
    if not bench or "matmul_gflops" not in bench:
        return "Not measured yet: `make bench` measures the peak and times the models."
    return (
        f"The CPU's practical peak, float32 products of 2048 x 2048 matrices through NumPy's BLAS "
        f"on all cores, measured by `make bench` before it timed the models on the same machine "
        f"({bench['machine']}): **{bench['matmul_gflops']:.0f} GFLOP/s**.\n\n{flops_note(bench)}"
    )


def band(ax, curves, label):
    curves = np.array([c for c in curves if len(c) == len(curves[0])])
    epochs = np.arange(1, curves.shape[1] + 1)
    mean = curves.mean(axis=0)
    (line,) = ax.plot(epochs, mean, marker="o", label=f"{label} (n={len(curves)})")
    if len(curves) > 1:
        sd = curves.std(axis=0, ddof=1)
        ax.fill_between(epochs, mean - sd, mean + sd, color=line.get_color(), alpha=0.2)


def save_figure(fig, path):
    """Save a PNG atomically: a reader never sees half a figure."""
    image = io.BytesIO()
    fig.savefig(image, format="png", dpi=100, bbox_inches="tight")
    plt.close(fig)
    rnnbook.write_atomic(path, image.getvalue())


def imdb_figure(runs, path):
    fig, ax = plt.subplots(figsize=(7, 4))
    for notebook, model in IMDB_MODELS:
        curves = [m["history"]["val_acc"] for m in model_runs(runs, notebook, model)]
        if curves:
            band(ax, curves, model)
    ax.set_title("IMDB: validation accuracy, mean ± sd over seeds")
    ax.set_xlabel("epoch")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("validation accuracy")
    ax.legend()
    ax.grid()
    save_figure(fig, path)


def jena_figure(runs, rows, path):
    fig, ax = plt.subplots(figsize=(10, 4.5))
    for notebook, model in JENA_MODELS[2:]:  # the trained models, not the baselines
        curves = [m["history"]["val_loss"] for m in model_runs(runs, notebook, model)]
        if curves:
            band(ax, curves, model)
    naive = next(r for r in rows if r["model"] == "naive baseline")["best_val_mae"][0]
    ax.axhline(naive, color="k", ls="--", label="naive baseline")
    ax.set_title(f"Jena: validation MAE by epoch\n({rows[0]['data'].split(';')[0]})")
    ax.set_xlabel("epoch")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("validation MAE (normalised)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1))  # beside the plot: seven curves
    ax.grid()
    save_figure(fig, path)


def long_run_times(runs):
    """Notebook 07's epoch times: fastest and median, since its runs span sessions and loads."""
    records = runs.get("07_jena_dropout_stacking", [])
    timed = {name: model["history"]["seconds"] for name, model in records[0]["models"].items()
             if model["history"].get("seconds")} if records else {}
    if not timed:
        return "Notebook 07 has not run yet."
    times = "; ".join(f"{name} {min(s):.0f} s fastest, {np.median(s):.0f} s median"
                      for name, s in timed.items())
    return (
        "Its 40-epoch runs can span several sessions and whatever else the machine ran then, "
        "all of which the mean seconds per epoch in the Jena table above include. Per epoch, "
        f"validation included: {times}."
    )


def dropout_masks_note(jena):
    """Whether the dropout GRU's gap to the book asks for Keras' mask changes to explain it."""
    gap = {r["model"]: r["difference"] for r in jena if r["difference"] is not None}
    if "GRU with dropout" not in gap or "GRU" not in gap:
        return "Notebook 07 has not run on the book's period yet."
    dropout, plain = gap["GRU with dropout"], gap["GRU"]
    verdict = (
        "a gap no larger than the one dropout cannot cause is no evidence of a mask effect"
        if abs(dropout) <= abs(plain)
        else "the dropout GRU's gap is the larger, which a mask effect could explain"
    )
    return (
        "Keras has changed how recurrent layers draw their dropout masks since the book "
        "(keras-team/keras issue 19993; pulls 20656 and 20663 made recurrent dropout match "
        "Keras 2 again in December 2024). Not measured here: the dropout GRU's best validation "
        f"MAE lies {dropout:+.4f} from the book's, the plain GRU's, which has no dropout, "
        f"{plain:+.4f}; with one seed each, {verdict}, and several seeds of each model would be "
        "needed to find one."
    )


def machine(runs):
    """The machine(s) the results were measured on, as the runs recorded them."""
    first = next(iter(runs.values()))[0]
    versions = ", ".join(f"{k} {v}" for k, v in first["versions"].items())
    machines = sorted({r["machine"] for records in runs.values() for r in records})
    return f"{' and '.join(machines)}; {versions}"


def main():
    runs = load_runs()
    if not runs:
        raise SystemExit("No results in results/full/: run `make run` first.")
    jax_runs = load_runs("full-jax") if (RESULTS / "full-jax").is_dir() else {}
    imdb, jena = imdb_rows(runs), jena_rows(runs)
    benches = read_benches()  # read (and checked) before anything is written
    keras2 = read_keras2()
    speed = next((r.get("generator_speed") for r in runs.get("05_jena_forecasting", [])), None)
    speed_data = next((r["data"].split(";")[0] for r in runs.get("05_jena_forecasting", [])), "")
    imdb_figure(runs, RESULTS / "imdb_val_acc.png")
    if jena:
        jena_figure(runs, jena, RESULTS / "jena_val_mae.png")

    generator = "Notebook 05 has not run yet."
    if speed:
        ratio = speed["fast_batches_per_s"] / speed["book_batches_per_s"]
        generator = (
            f"The book's generator: {speed['book_batches_per_s']:.0f} batches/s; the NumPy "
            f"twin, same batches: {speed['fast_batches_per_s']:.0f} batches/s "
            f"(**{ratio:.1f}x**), 128 windows of 240 readings each ({speed_data})."
        )
    tables = f"### IMDB (section 6.2)\n\n{imdb_table(imdb)}\n\n### Jena (section 6.3)\n\n"
    tables += jena_table(jena) if jena else "Notebook 05 has not run yet."
    report = f"""# Reproduction report

Generated by `tools/report.py` from the saved results in `results/full/` on
{datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M")} UTC. Machine: {machine(runs)}.
The book's figures: one run each, Keras 2 on a GPU, from {BOOK_SOURCE}.
Ours: mean ± sample standard deviation over the seeds that ran (n).

## The book's numbers next to ours

{tables}

**Jena target:** a recurrent model is worth having only if it beats the naive baseline on the
validation data *and* on the test data, in °C ("beats naive"). The test MAE is that of the
weights of the best validation epoch (in brackets: the last epoch's).

The Jena rows were computed on the data named in their last column. Unless it says "the
book's data", that is **not the book's 2009–2016 file**. A normalised MAE is in units of the
training rows' temperature spread. On the hourly file of the book's period (every 6th row of
the official file, 6 of its 14 features) that spread is 8.848 °C against about 8.87 °C in the
official file, and the naive baseline 0.2896 against the book's 0.2897: there the normalised
figures compare with the book's ("ours − book"). On other data they do not; compare in °C.

![IMDB validation accuracy](imdb_val_acc.png)
{"" if not jena else chr(10) + "![Jena validation MAE](jena_val_mae.png)" + chr(10)}
## Where the results come from

{provenance(runs)}

**One seed, two runs.** A seed fixes the initial weights and the order of the batches, but
TensorFlow sums in parallel threads, in an order that can vary from run to run and from one
CPU to another (Intel against AMD): the same seed need not repeat a run bit for bit. Hence
the means over seeds.

## Speed

Seconds per epoch are in the tables above (validation included; measured in the notebooks).
On the shared 2-core machines these ran on, one epoch can take up to twice as long as the
next with nothing else running (see the epoch logs in notebooks 03 and 04): read differences
smaller than that as noise.

**The book's IMDB times** (SimpleRNN 19–22 s, LSTM about 107 s an epoch) came from a 2017
GPU set-up that ran the recurrent loop step by step. On a CPU the 500 steps of a review run
one after another however many cores there are; per step an LSTM does four times a
SimpleRNN's arithmetic and a GRU three times, but at 32 units the time goes mostly into the
500 small steps, not into the arithmetic, so a GRU need not be faster than an LSTM (the
bench below times them one after another).

**Notebook 07.** {long_run_times(runs)}

**Window generator (Jena).** {generator}

**Backends, one epoch each, side by side (`make bench`).** SimpleRNN, LSTM and GRU (32 units)
on IMDB, the book's protocol, timed one after another in one run: TensorFlow as Keras runs it
by default, TensorFlow with `jit_compile=True` (XLA), and JAX; one epoch each, so the noise
above applies. The notebooks' defaults stay TensorFlow's (and the stored outputs are
TensorFlow's) until full runs on JAX (`make run BACKEND=jax`, section *The same notebooks on
JAX*) show the same accuracy as TensorFlow's within the spread of several seeds; `val_acc`
after a single epoch is no test of that.

{bench_section(benches)}

**Wall time per notebook** (seed 0, as `make run` records it).

{timings_table()}

## The same notebooks on JAX

{backends_section(runs, jax_runs)}

## Keras 2.0.8 against Keras 3: the LSTM's gap to the book

The book's LSTM ran on Keras 2.0.8. For this model two defaults changed since, the
initialisers did not: the gates' `recurrent_activation` (Keras 2: `hard_sigmoid`,
clip(0.2x + 0.5, 0, 1); Keras 3: `sigmoid`) and RMSprop's step (Keras 2:
lr·g / (√v + 1e-8); Keras 3: lr·g / √(v + 1e-7), smaller wherever v is tiny, as for the
embeddings of rare words). `tools/keras2.py` trains notebook 03's LSTM with either, over
the same seeds (mean ± sd; the book's single run against our spread; test acc: the weights of
the last of the 10 epochs, as in notebook 03, not of the best validation epoch):

{keras2_section(keras2)}

**Dropout masks (notebook 07).** {dropout_masks_note(jena)}

## How close to the limit

A recurrent layer's arithmetic is small matrix products, one timestep after another. From the
shapes: a 32-unit layer reading 32 features does `transformations x 2 x (32x32 + 32x32)`
FLOPs per review and step (SimpleRNN 1 transformation, GRU 3, LSTM 4), and an epoch is 20,000
reviews x 500 steps forward and backward (about 3x the forward pass) plus 5,000 forward for
validation.

{limit_section(benches)}

The models use a small fraction of the peak. The 500 steps of a review depend on each other and
must run in order; each step multiplies a 128 x 32 batch by 32 x 32 matrices — far too little
work per step to fill the vector units, so the time goes to per-step overhead (launching
small operations, moving data, TensorFlow's sequential loop). More cores would not help much;
larger batches or fused kernels (cuDNN on a GPU) would.
"""
    rnnbook.write_atomic(RESULTS / "REPORT.md", report)
    summary = {"imdb": imdb, "jena": jena, "generator_speed": speed,
               "bench": benches, "keras2": keras2, "jax": {"imdb": imdb_rows(jax_runs), "jena": jena_rows(jax_runs)}}
    summary = json.dumps(summary, indent=1, allow_nan=False)  # NaN is not JSON
    rnnbook.write_atomic(RESULTS / "report.json", summary + "\n")
    embed_in_readme(tables)
    print("wrote results/REPORT.md, results/report.json and the figures; README table updated")


def embed_in_readme(tables):
    start, end = "<!-- report:start -->", "<!-- report:end -->"
    text = README.read_text()
    if start not in text:
        return
    block = f"{start}\n(Generated by `make run` from `results/`; details in [the report](results/REPORT.md).)\n\n{tables}\n{end}"
    rnnbook.write_atomic(README, re.sub(f"{start}.*?{end}", lambda _: block, text, flags=re.S))


if __name__ == "__main__":
    main()
