"""Keras 2.0.8 against Keras 3: whether the defaults that changed since the book explain our
LSTM's gap to its 0.8928 (`make keras2`, results/full/keras2/<setting>/seed<N>.json), and
whether Keras' changed dropout masks need to explain the dropout GRU's (notebook 07)."""

import json

from .book import BOOK_IMDB
from .formats import fmt, markdown_table, measured_sd, signed_in_sd, spread, stats

BOOK_LSTM = BOOK_IMDB["LSTM"]  # best val_acc of the book's one run
KERAS2_SETTINGS = {
    "keras3": "Keras 3 defaults (sigmoid gates, RMSprop ε under the root)",
    "hard_sigmoid": "Keras 2's hard_sigmoid gates only",
    "rmsprop": "Keras 2's RMSprop step only",
    "keras2": "Keras 2.0.8 settings (both)",
}


def read_keras2(results):
    """{setting: [model metrics, ...]} from `make keras2`, every file checked."""
    found, problems = {}, []
    for path in sorted((results / "full" / "keras2").glob("*/seed*.json")):
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


def keras2_table(found):
    if not found:
        return "Not measured yet: `make keras2` trains the LSTM both ways, 3 seeds each."
    rows = []
    for setting, models in found.items():
        best = stats([m["best_val_acc"] for m in models])
        rows.append([KERAS2_SETTINGS[setting], fmt(*best), signed_in_sd(BOOK_LSTM - best[0], best),
                     spread(stats([m["test_acc"] for m in models])),
                     spread(stats([m["seconds_per_epoch"] for m in models]), digits=1)])
    lines = [markdown_table(["LSTM on IMDB, setting", "best val_acc",
                             f"book's {BOOK_LSTM:.4f} minus our mean (in sd)", "test acc",
                             "s/epoch"], rows)]
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
    above = (BOOK_LSTM - old_mean) / old_sd
    book = ("inside" if above <= 2 else "outside") + " that spread (2 sd)"
    return (
        f"**What the seeds say.** Keras 2.0.8's settings minus Keras 3's defaults: "
        f"{difference:+.4f} best val_acc (standard error {error:.4f}, {n_old} and {n_new} seeds), "
        f"{settings}. The book's single run lies {above:.1f} sd above the mean with Keras "
        f"2.0.8's settings: {book}."
    )


def dropout_masks_note(jena):
    """Whether the dropout GRU's gap to the book asks for Keras' mask changes to explain it."""
    rows = {r["model"]: r for r in jena if r["difference"] is not None}
    if "GRU with dropout" not in rows or "GRU" not in rows:
        return "Notebook 07 has not run on the book's period yet."
    dropout, plain = rows["GRU with dropout"], rows["GRU"]
    lead = ("Keras has changed how recurrent layers draw their dropout masks since the book "
            "(keras-team/keras issue 19993; pulls 20656 and 20663 made recurrent dropout match "
            "Keras 2 again in December 2024). Not measured here: the dropout GRU's best validation "
            f"MAE lies {signed_in_sd(dropout['difference'], dropout['best_val_mae'])} from the "
            "book's, the plain GRU's, which has no dropout, "
            f"{signed_in_sd(plain['difference'], plain['best_val_mae'])}; ")
    sds = [measured_sd(row["best_val_mae"]) for row in (dropout, plain)]
    if None in sds:
        verdict = (
            "a gap no larger than the one dropout cannot cause is no evidence of a mask effect"
            if abs(dropout["difference"]) <= abs(plain["difference"])
            else "the dropout GRU's gap is the larger, which a mask effect could explain"
        )
        return lead + (f"with one seed each, {verdict}, and several seeds of each model would "
                       "be needed to find one.")
    # What dropout changes, ours (means) against the book's (one run each). The book's two
    # runs carry seed noise too: take ours for theirs, sd^2 (1 + 1/n) per model.
    ours = dropout["best_val_mae"][0] - plain["best_val_mae"][0]
    book = dropout["book_best_val_mae"] - plain["book_best_val_mae"]
    noise = sum(sd**2 * (1 + 1 / row["best_val_mae"][2])
                for sd, row in zip(sds, (dropout, plain))) ** 0.5
    verdict = (
        "beyond twice the seed noise of that difference ({:.4f}): dropout does something else "
        "here than in the book, which the mask change could explain, and so could the data "
        "(not the book's file); these runs do not tell the two apart"
        if abs(ours - book) > 2 * noise
        else "within twice the seed noise of that difference ({:.4f}): no evidence of a mask effect"
    ).format(noise)
    return lead + (
        f"over {dropout['best_val_mae'][2]} and {plain['best_val_mae'][2]} seeds, dropout moves "
        f"ours by {ours:+.4f}, the book's by {book:+.4f}, {verdict}."
    )


def section(found, jena):
    """The section; `found` as `read_keras2` read it, `jena` the Jena table's rows."""
    return f"""## Keras 2.0.8 against Keras 3: the LSTM's gap to the book

The book's LSTM ran on Keras 2.0.8. For this model two defaults changed since, the
initialisers did not: the gates' `recurrent_activation` (Keras 2: `hard_sigmoid`,
clip(0.2x + 0.5, 0, 1); Keras 3: `sigmoid`) and RMSprop's step (Keras 2:
lr·g / (√v + 1e-8); Keras 3: lr·g / √(v + 1e-7), smaller wherever v is tiny, as for the
embeddings of rare words). `study/keras2.py` trains notebook 03's LSTM with either, over
the same seeds (mean ± sd; the book's single run against our spread; test acc: the weights of
the last of the 10 epochs, as in notebook 03, not of the best validation epoch):

{keras2_table(found)}

**Dropout masks (notebook 07).** {dropout_masks_note(jena)}"""
