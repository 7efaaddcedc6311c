"""The same notebooks on JAX (results/full-jax/, from `make run BACKEND=jax`) against
TensorFlow: each model's results on both, how far apart in TensorFlow's spread over seeds,
and s/epoch of both on the machine the JAX runs used."""

from study import jax_gap

from . import provenance
from .formats import fmt, markdown_table, measured_sd, signed_in_sd
from .runs import data_label
from .tables import imdb_rows, jena_rows


def backend_table(tf_rows, tf_here_rows, jax_rows, key, title, digits):
    """A row per model run on JAX: `key` on both backends, how far JAX's mean lies from
    TensorFlow's in TensorFlow's seed sd, and s/epoch of both on the JAX runs' machine."""
    tf, tf_here = ({r["model"]: r for r in rows} for rows in (tf_rows, tf_here_rows))
    cells, within, compared = [], 0, 0
    for row in jax_rows:
        ours, theirs = row[key], tf.get(row["model"], {}).get(key, (None, None, 0))
        distance = "–"
        if theirs[0] is not None:
            difference = ours[0] - theirs[0]
            distance = signed_in_sd(difference, theirs, digits)
            if measured_sd(theirs) is not None:
                within += abs(difference) <= 2 * measured_sd(theirs)
                compared += 1
        here = tf_here.get(row["model"], {}).get("seconds_per_epoch", (None, None, 0))
        cells.append([row["model"], fmt(*theirs, digits), fmt(*ours, digits), distance,
                      fmt(*here, 1), fmt(*row["seconds_per_epoch"], 1)])
    header = ["model", f"TensorFlow: {title}", f"JAX: {title}", "JAX − TensorFlow (in sd)",
              "TensorFlow: s/epoch, same machine", "JAX: s/epoch"]
    return markdown_table(header, cells), within, compared


def comparison(runs, jax_runs):
    """The tables of the notebooks run on JAX and on TensorFlow on the same data, and what
    was not compared."""
    if not jax_runs:
        return ("No full-profile run on JAX yet: `make run BACKEND=jax` writes `results/full-jax/`."
                " (CI checks every notebook on both backends in the quick profile.)")
    elsewhere = {name: data_label(records[0]["data"]) for name, records in jax_runs.items()
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
        parts.append(f"Run on JAX on other data than TensorFlow's, so not compared: {other}."
                     " `make run BACKEND=jax` runs them again on the data in use.")
    if missing:
        parts.append(f"Not run on JAX on the same data yet: {', '.join(missing)}.")
    parts.append(
        (f"Where TensorFlow has three seeds or more, JAX's mean lies within twice their sd of "
         f"their mean for {within} of {compared} results. " if compared else
         "No model here has three TensorFlow seeds, too few to say whether JAX's mean lies "
         "within their spread. ")
        + "s/epoch: TensorFlow's runs on the machine the JAX runs used only "
        f"({'; '.join(sorted(machines))}), one after another, not side by side."
    )
    parts.append(f"Where the JAX results come from:\n\n{provenance.table(jax_runs)}")
    return "\n\n".join(parts)


def section(runs, jax_runs, gap=None):
    """`gap`: study/jax_gap.py's record (why JAX's SimpleRNN scores higher), or None."""
    found = "" if gap is None else f"\n\n{jax_gap.finding(gap)}"
    return f"## The same notebooks on JAX\n\n{comparison(runs, jax_runs)}{found}"
