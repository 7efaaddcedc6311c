"""The report's Speed section: how long the models take, and why. Seconds per epoch of the
notebooks' runs (in the tables), notebook 07's epoch times, the window generator's batches a
second, the benchmark of the backends (`benchmark`), a Jena epoch against its computation
(`jena_bench`), and each notebook's wall time.

A new paragraph on speed (for Jena, say) goes here: a function that writes it from the runs,
and a line for it in `section`.
"""

import numpy as np
from study import records

from . import benchmark, jena_bench
from .formats import markdown_table
from .runs import data_label
from .tables import paused

TIMINGS = {"full": "full profile", "full-jax": "full, JAX"}  # the profiles, as columns


def long_run_times(runs):
    """Notebook 07's epoch times, seed by seed (its runs span sessions and loads): each
    model's fastest and median epoch, and the hours of each seed's epochs."""
    records = runs.get("07_jena_dropout_stacking", [])
    timed = {}  # seed: {model: each epoch's seconds}, from the seeds whose log kept them
    for record in records:
        seconds = {name: model["history"]["seconds"] for name, model in record["models"].items()
                   if model["history"].get("seconds")}
        if seconds:
            timed[record["seed"]] = seconds
    if not timed:
        return "Notebook 07 has not run yet, or no run of it kept its epochs' times."
    seeds = []
    for seed, seconds in sorted(timed.items()):
        times = "; ".join(f"{name} {min(s):.0f} s fastest, {np.median(s):.0f} s median"
                          for name, s in seconds.items())
        hours = sum(sum(s) for s in seconds.values()) / 3600
        seeds.append(f"seed {seed}: {times}; {hours:.1f} h in all" + pauses(seconds))
    untimed = sorted(r["seed"] for r in records if r["seed"] not in timed)
    return ("Its 40-epoch runs can span several sessions and whatever else the machine ran then, "
            "all of which the mean seconds per epoch in the Jena table above include. Per epoch, "
            f"validation included, seed by seed: {'. '.join(seeds)}."
            + (f" Seed {', '.join(map(str, untimed))} kept no epoch times." if untimed else "")
            + " The notebook's wall time below is that of its last execution, which loads "
            "finished models from their checkpoints instead of training them again.")


def pauses(seconds):
    """' (paused: ...)' for a seed whose run stopped during an epoch (tables.paused): its
    hours are not training time, and the tables leave it out."""
    stopped = [f"an epoch of {name} took {max(s):.0f} s, {max(s) / np.median(s):.0f}x its median"
               for name, s in seconds.items() if paused(s)]
    return f" (paused: {'; '.join(stopped)}; not a speed)" if stopped else ""


def generator_speed(runs):
    """Notebook 05's batches a second of the book's window generator and of its NumPy twin,
    as its first run saved them; None before it has run."""
    return next((r.get("generator_speed") for r in runs.get("05_jena_forecasting", [])), None)


def generator_note(runs):
    speed = generator_speed(runs)
    if not speed:
        return "Notebook 05 has not run yet."
    ratio = speed["fast_batches_per_s"] / speed["book_batches_per_s"]
    return (f"The book's generator: {speed['book_batches_per_s']:.0f} batches/s; the NumPy "
            f"twin, same batches: {speed['fast_batches_per_s']:.0f} batches/s "
            f"(**{ratio:.1f}x**), 128 windows of 240 readings each "
            f"({data_label(runs['05_jena_forecasting'][0]['data'])}).")


def timings_table(results):
    """Each notebook's wall time (seed 0) in each profile, from results/<profile>/timings.json."""
    timings = {p: records.read_timings(results / p / "timings.json") for p in TIMINGS}
    timings = {p: t for p, t in timings.items() if t}
    names = sorted({name for t in timings.values() for name in t})
    if not names:
        return "No wall times recorded yet: `make run` records them."
    rows = [[name, *(f"{t[name]['seconds']:.0f} s" if name in t else "–"
                     for t in timings.values())] for name in names]
    totals = [sum(e["seconds"] for e in t.values()) / 60 for t in timings.values()]
    rows.append(["**all**", *(f"**{total:.1f} min**" for total in totals)])
    return markdown_table(["notebook", *(TIMINGS[p] for p in timings)], rows)


def section(runs, benches, results):
    """The Speed section; `benches` as `benchmark.read_benches` found them."""
    return f"""## Speed

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

**Window generator (Jena).** {generator_note(runs)}

{benchmark.paragraphs(benches)}

{jena_bench.paragraphs(results)}

**Wall time per notebook** (seed 0, as `make run` records it).

{timings_table(results)}"""
