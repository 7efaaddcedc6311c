"""The book's numbers next to ours: a row per model of the IMDB (section 6.2) and Jena (6.3)
tables, mean ± sd over seeds, with the data each was computed on. README.md shows them too."""

import numpy as np
from rnnbook.data.jena import KNOWN_FILES

from .book import (BOOK_IMDB, BOOK_IMDB_SECONDS, BOOK_JENA, BOOK_JENA_SECONDS, IMDB_MODELS,
                   JENA_MODELS)
from .formats import fmt, markdown_table, signed_in_sd, spread, stats
from .runs import data_label, ran


def imdb_rows(runs):
    rows = []
    for notebook, model, metrics in ran(runs, IMDB_MODELS):
        best, book = stats([m["best_val_acc"] for m in metrics]), BOOK_IMDB[model]
        rows.append({"model": model, "book_best_val_acc": book, "best_val_acc": best,
                     "difference": None if book is None else best[0] - book,
                     "best_epoch": stats([m["best_epoch"] for m in metrics]),
                     "test_acc": stats([m["test_acc"] for m in metrics]),
                     "data": imdb_data(runs[notebook][0]["data"])}
                    | epoch_times(metrics, runs[notebook]))
    return rows


# An epoch this many times its run's median: the run was stopped (paused, or resumed in a
# later session), so its seconds per epoch are no speed. 07's seed 0 has one of 50 times.
PAUSED = 5


def paused(seconds):
    """Did a run stop during one of these epochs (their seconds)? Only a run that logged each
    epoch's seconds can tell."""
    return bool(seconds) and max(seconds) >= PAUSED * float(np.median(seconds))


def epoch_times(metrics, records):
    """A row's seconds per epoch over its seeds (leaving out the seeds whose run paused), and
    on how many machines they ran."""
    stopped_runs = {id(m) for m in metrics if paused(m.get("history", {}).get("seconds"))}
    stopped = [r["seed"] for r in records if stopped_runs & {id(m) for m in r["models"].values()}]
    seconds = [None if id(m) in stopped_runs else m.get("seconds_per_epoch") for m in metrics]
    known = [s for s in seconds if s is not None]
    return {"seconds_per_epoch": stats(seconds),
            "seconds_range": (min(known), max(known)) if known else None,
            "paused_seeds": stopped,
            # Seeds run on different machines: their times are not one quantity.
            "machines": len({r.get("machine") for r in records}),
            "commits": len({str(r.get("code")).removesuffix("-dirty") for r in records})}


def seconds_cell(row):
    """The s/epoch column: mean ± sd on one machine, the range over several; flagged where
    the seeds ran different commits, and naming the seeds left out because their run paused."""
    if row["machines"] > 1 and row["seconds_range"]:
        cell = "{:.1f}–{:.1f} on {} machines".format(*row["seconds_range"], row["machines"])
    else:
        cell = spread(row["seconds_per_epoch"], digits=1)
    flagged = row.get("commits", 1) > 1 and row["seconds_range"]  # no time, nothing to flag
    stopped = row.get("paused_seeds")
    return (cell + (f", {row['commits']} commits" if flagged else "")
            + (f", without seed {', '.join(map(str, stopped))} (paused)" if stopped else ""))


def imdb_data(data):
    """The IMDB part of a record's data ('Jena ...; IMDB (...)' in notebook 06)."""
    return next((part for part in data.split("; ") if part.startswith("IMDB")), data)


def comparable_with_book(data):
    """Does a Jena run's normalised MAE compare with the book's? Only on the book's period:
    the official file, or the hourly 2009-2016 file (its temperature spread: 8.848 °C against
    about 8.87 °C in the official file)."""
    label = data_label(data)
    return label == "Jena 2009-2016, the book's data" or label in KNOWN_FILES.values()


def jena_rows(runs):
    rows = []
    for notebook, model, metrics in ran(runs, JENA_MODELS):
        records = runs[notebook]
        best = stats([m["best_val_mae"] for m in metrics])
        rows.append(
            {
                "model": model, "book_best_val_mae": BOOK_JENA[model], "best_val_mae": best,
                "best_val_mae_celsius": stats([m["best_val_mae_celsius"] for m in metrics]),
                "best_epoch": stats([m.get("best_epoch") for m in metrics]),
                "test_mae_celsius": stats([m["test_mae_celsius"] for m in metrics]),
                # Each seed's, for "beats naive": a mean can hide a seed that differs.
                "seeds": {key: [m[key] for m in metrics]
                          for key in ("best_val_mae_celsius", "test_mae_celsius")},
                "last_test_mae_celsius": stats([m.get("last_test_mae_celsius") for m in metrics]),
                "data": records[0]["data"],
                # The book's own file; the hourly one covers its period, but is not it.
                "book_data": data_label(records[0]["data"]) == "Jena 2009-2016, the book's data",
                "difference": (
                    best[0] - BOOK_JENA[model]
                    if BOOK_JENA[model] is not None and comparable_with_book(records[0]["data"])
                    else None
                ),
            }
            | epoch_times(metrics, records)
        )
    return rows


def book_cell(value):
    return "–" if value is None else f"{value:.4f}"


def imdb_table(rows):
    header = ["model", "book: best val_acc", "ours: best val_acc", "ours − book (in sd)",
              "best epoch", "test acc (last epoch's weights)", "s/epoch (book)", "data"]
    return markdown_table(header, [
        [r["model"], book_cell(r["book_best_val_acc"]), fmt(*r["best_val_acc"]),
         signed_in_sd(r["difference"], r["best_val_acc"]), spread(r["best_epoch"], digits=1),
         spread(r["test_acc"]),
         f"{seconds_cell(r)} ({BOOK_IMDB_SECONDS.get(r['model'], '–')})", r["data"]]
        for r in rows])


def beats(row, naive, key):
    """'yes' / '**no**' when every seed's MAE is / none is below the naive baseline's (the
    same in every seed), else how many seeds are: '1 of 2 seeds'."""
    below = sum(value < naive[key][0] for value in row["seeds"][key])
    if below in (0, len(row["seeds"][key])):
        return "yes" if below else "**no**"
    return f"{below} of {len(row['seeds'][key])} seeds"


def jena_table(rows):
    header = ["model", "book: best val MAE (official file)", "ours: best val MAE",
              "ours − book (in sd)", "best epoch", "ours in °C", "test MAE °C, best epoch (last)",
              "beats naive: val / test", "s/epoch (book)", "data"]
    naive = next((r for r in rows if r["model"] == "naive baseline"), None)
    cells = []
    for r in rows:
        label = data_label(r["data"])
        data = label if comparable_with_book(r["data"]) else f"**{label}**"  # another period
        last = r["last_test_mae_celsius"]
        test = spread(r["test_mae_celsius"], digits=2) + (
            f" ({spread(last, digits=2)})" if last[0] is not None else "")
        verdict = "–" if naive in (None, r) else (
            f"{beats(r, naive, 'best_val_mae_celsius')} / {beats(r, naive, 'test_mae_celsius')}")
        cells.append([r["model"], book_cell(r["book_best_val_mae"]), fmt(*r["best_val_mae"]),
                      signed_in_sd(r["difference"], r["best_val_mae"]),
                      spread(r["best_epoch"], digits=1),
                      spread(r["best_val_mae_celsius"], digits=2), test, verdict,
                      f"{seconds_cell(r)} ({BOOK_JENA_SECONDS.get(r['model'], '–')})", data])
    shown = {r["model"] for r in rows}
    cells += [[model, book_cell(BOOK_JENA[model]), f"**not run yet** ({notebook})", *["–"] * 5,
               f"– ({BOOK_JENA_SECONDS.get(model, '–')})", "–"]
              for notebook, model in JENA_MODELS if model not in shown]
    return markdown_table(header, cells)


def markdown(imdb, jena):
    """Both tables under their headings: the report's and README.md's."""
    tables = f"### IMDB (section 6.2)\n\n{imdb_table(imdb)}\n\n### Jena (section 6.3)\n\n"
    return tables + (jena_table(jena) if jena else "Notebook 05 has not run yet.")


def section(tables):
    return f"""## The book's numbers next to ours

{tables}

**Ours − book (in sd):** our mean minus the book's single run, and in brackets that difference
in standard deviations of our seeds (where n ≥ 3): within ±2 sd the book's figure lies inside
our seed spread, and the gap is no evidence of a difference.

**Jena target:** a recurrent model is worth having only if it beats the naive baseline on the
validation data *and* on the test data, in °C ("beats naive"). The test MAE is that of the
weights of the best validation epoch (in brackets: the last epoch's).

The Jena rows were computed on the data named in their last column. Unless it says "the
book's data", that is **not the book's 2009–2016 file**. A normalised MAE is in units of the
training rows' temperature spread. On the hourly file of the book's period (every 6th row of
the official file, 6 of its 14 features) that spread is 8.848 °C against about 8.87 °C in the
official file, and the naive baseline 0.2896 against the book's 0.2897: there the normalised
figures compare with the book's ("ours − book"). On other data they do not; compare in °C."""
