"""What `make bench` measured of a Jena epoch (results/full/bench-jena-cpu.json, written by
study/bench_jena.py): each way of running notebook 05's GRU and notebook 07's dropout GRU,
against the in-memory fit and the data side alone, and whether the speed goal is met. Only
the rounds taken on an idle machine count."""

import copy
import re

import numpy as np

from study.records import IDLE_LIMIT

from .benchmark import read_checked
from .formats import markdown_table, minute

GOAL_SECONDS, GOAL_SHARE = 12, 0.8  # the goal: a plain GRU epoch on this CPU, near its bound
GOAL_WAY, GOAL_MODEL = "dataset-xla", "GRU"  # the notebooks' way on a CPU, notebook 05's model
BASELINE = "generator"  # the notebooks' old way, what the speed-ups are against
BOUND = "tensorflow"  # the chosen way's compute bound: TensorFlow, jit_compile=True
NOTEBOOKS = {"GRU": "notebook 05", "GRU with dropout": "notebook 07"}
HEADING = "**Jena epochs against their computation (`make bench`: study/bench_jena.py).**"
PER_ROUND = ("seconds_per_epoch", "seconds_after_epoch", "val_loss", "others_cpu", "loadavg")


def clean_rounds(entry):
    """The rounds (indexes) in which no way of this model met more than IDLE_LIMIT of other
    work; a way without the measurement (an older record) makes no round clean."""
    ways = entry["ways"].values()
    rounds = min((len(times["seconds_per_epoch"]) for times in ways), default=0)
    return [i for i in range(rounds) if all(
        len(times.get("others_cpu", [])) > i and times["others_cpu"][i] is not None
        and times["others_cpu"][i] <= IDLE_LIMIT for times in ways)]


def clean(record):
    """The record with only its clean rounds (`clean_rounds`), and "rounds": how many each
    model had; the data side keeps the clean rounds of the run that measured it."""
    kept = copy.deepcopy(record)
    for entry in kept["models"].values():
        rounds = clean_rounds(entry)
        entry["rounds"] = len(entry["order_by_round"])
        entry["order_by_round"] = [entry["order_by_round"][i] for i in rounds]
        for times in [*entry["ways"].values(), *entry["bound"].values()]:
            for key in PER_ROUND:
                if key in times:
                    times[key] = [times[key][i] for i in rounds if i < len(times[key])]
    side = kept["data_side"]
    same_run = [e for e in record["models"].values() if e["date"] == side.get("date")]
    rounds = clean_rounds(same_run[0]) if same_run else []
    for key in ("generator_batches_per_s", "dataset_batches_per_s"):
        side[key] = [side[key][i] for i in rounds if i < len(side[key])]
    return kept


def positive(where, values):
    """Raise ValueError unless `values` is a non-empty list of finite positive numbers."""
    if not isinstance(values, list) or not values or not all(
            isinstance(v, (int, float)) and 0 < v < float("inf") for v in values):
        raise ValueError(f"{where}: {values!r}")


def check(record):
    for name, entry in record["models"].items():
        for way, times in entry["ways"].items():
            positive(f"{name}, {way}", times["seconds_per_epoch"])
            shares = times.get("others_cpu", [])
            if not isinstance(shares, list) or not all(
                    share is None or isinstance(share, (int, float)) and 0 <= share <= 1
                    for share in shares):
                raise ValueError(f"{name}, {way}, others_cpu: {shares!r}")
        for backend, bound in entry["bound"].items():
            positive(f"{name}, {backend} in-memory fit", bound["seconds_per_epoch"])
    for key in ("generator_batches_per_s", "dataset_batches_per_s"):
        positive(key, record["data_side"][key])


def read(results):
    """The record of study/bench_jena.py on the CPU, checked; None if it has not run."""
    path = results / "full" / "bench-jena-cpu.json"
    return read_checked(path, check, "a Jena bench record",
                        f"delete {path} and run `make bench` (or study/bench_jena.py) again")


def median(values):
    return float(np.median(values))


def per_round(numerators, denominators):
    """The median over rounds of numerator / denominator, both of the same round; None if no
    round has both."""
    ratios = [a / b for a, b in zip(numerators, denominators)]
    return median(ratios) if ratios else None


def row(label, validation, jit, seconds, baseline, bound):
    speed_up = per_round(baseline, seconds) if baseline else None
    share = per_round(bound, seconds) if bound else None
    return [label, validation, jit, f"{median(seconds):.1f}",
            f"{min(seconds):.1f}–{max(seconds):.1f} ({len(seconds)})",
            f"{speed_up:.2f}x" if speed_up else "–", f"{share:.2f}" if share else "–"]


def table(entry):
    """A row per way, then a row per compute bound."""
    baseline = entry["ways"].get(BASELINE, {}).get("seconds_per_epoch")
    bound = entry["bound"].get(BOUND, {}).get("seconds_per_epoch")
    rows = []
    for way, times in entry["ways"].items():
        validation = "the book's generator" if times["validation"] == "generator" else (
            "`WindowDataset`")
        jit = (f"auto: {times['jit_compile']}" if times["asked_jit_compile"] == "auto"
               else str(times["jit_compile"]))
        rows.append(row(way, validation, jit, times["seconds_per_epoch"], baseline, bound))
    for backend, measured in entry["bound"].items():
        rows.append(row(f"in-memory fit, {backend}", "batches in memory", "True",
                        measured["seconds_per_epoch"], None, None))
    return markdown_table(["way", "validation data", "jit_compile", "s/epoch, median",
                           "min–max (rounds)", f"speed-up against {BASELINE}",
                           f"{BOUND} in-memory fit / epoch"], rows)


def noise_note(record):
    """Where a way's epoch beat its round's in-memory fit: noise between two timings on an
    idle machine. Empty where none did."""
    beaten = []
    for entry in record["models"].values():
        bound = entry["bound"].get(BOUND, {}).get("seconds_per_epoch")
        shares = {way: per_round(bound, times["seconds_per_epoch"]) if bound else None
                  for way, times in entry["ways"].items()}
        over = [f"{way} {share:.2f}" for way, share in shares.items() if share and share > 1]
        beaten += [f"`{entry['layer']}` {', '.join(over)}"] if over else []
    if not beaten:
        return ""
    return (f"\n\nAbove 1 ({'; '.join(beaten)}): those epochs ran faster than the in-memory "
            "fit of the same round, which does the same work with its batches made already: "
            "the two timings' noise, which the in-memory fit's range shows.")


def goal_sentence(record):
    """Whether a plain GRU epoch the notebooks' way takes at most GOAL_SECONDS and reaches at
    least GOAL_SHARE of the compute bound, with the medians that say so."""
    entry = record["models"].get(GOAL_MODEL, {})
    times = entry.get("ways", {}).get(GOAL_WAY, {}).get("seconds_per_epoch")
    bound = entry.get("bound", {}).get(BOUND, {}).get("seconds_per_epoch")
    goal = (f"**The goal** — a plain `GRU(32)` epoch in at most {GOAL_SECONDS} s on this CPU "
            f"and at least {GOAL_SHARE} of the in-memory fit's speed —")
    if not times or not bound:
        return f"{goal} is not judged: this record has no {GOAL_WAY} epoch of the {GOAL_MODEL}."
    seconds, share = median(times), per_round(bound, times)
    fast, close = seconds <= GOAL_SECONDS, share >= GOAL_SHARE
    return (f"{goal} **{'is met' if fast and close else 'is not met'}** by {GOAL_WAY}, the "
            f"notebooks' way on a CPU: {seconds:.1f} s an epoch (median of {len(times)}"
            + ("" if fast else f"; over {GOAL_SECONDS} s") + f"), {share:.2f} of the in-memory "
            "fit's speed" + ("" if close else f" (under {GOAL_SHARE})") + ".")


def data_note(record):
    """The data side alone: batches a second, and the share of an epoch they take."""
    side = record["data_side"]
    if not side["generator_batches_per_s"]:
        return "**The data side alone** was not timed in an idle round of this record."
    rate, dataset = median(side["generator_batches_per_s"]), median(side["dataset_batches_per_s"])
    entry = record["models"].get(GOAL_MODEL) or next(iter(record["models"].values()))
    train, val = entry["steps"]["train"], entry["steps"]["val"]
    seconds, val_seconds = train / rate + val / dataset, val / dataset
    epoch = entry["ways"].get(GOAL_WAY, {}).get("seconds_per_epoch")
    share = (f", {seconds / median(epoch):.0%} of `{entry['layer']}`'s {GOAL_WAY} epoch"
             if epoch else "")
    cores = re.search(r"(\d+) CPUs", record["machine"])
    cores = f"{cores[1]} cores" if cores else "a CPU"
    rounds = len(side["generator_batches_per_s"])
    return (f"**The data side alone** (medians of {rounds} round{'' if rounds == 1 else 's'}): "
            f"the fast generator yields {rate:.0f} batches/s, the `WindowDataset` "
            f"{dataset:.0f}, so an epoch's {train} training and {val} validation batches take "
            f"{seconds:.2f} s{share}. PyDataset workers could take at most the validation "
            f"batches' {val_seconds:.2f} s off an epoch, and on {cores} a worker's time comes "
            "out of the computation's: they are not measured.")


def paragraphs(results):
    """The Jena bench's part of the Speed section (how to make it, before it has run), from
    the rounds taken on an idle machine only."""
    record = read(results)
    if not record:
        return (f"{HEADING} Not measured yet: `make bench` (or `python -m study.bench_jena`) "
                "times them into results/full/bench-jena-cpu.json.")
    taken = clean(record)
    first = next(iter(taken["models"].values()))
    if not all(entry["order_by_round"] for entry in taken["models"].values()):
        return (f"{HEADING} No round of results/full/bench-jena-cpu.json was taken on an idle "
                f"machine (other processes under {IDLE_LIMIT:.0%} of the CPU throughout, "
                f"measured since this check was added; the record has {first['rounds']}): its "
                "timings are not reported. Run `make bench` with nothing else running.")
    steps = first["steps"]
    versions = ", ".join(f"{name} {v}" for name, v in first["versions"].items())
    tables = "\n\n".join(
        f"**`{entry['layer']}`** ({NOTEBOOKS.get(name, name)}; {minute(entry['date'])} UTC, "
        f"code {entry['code']}; {len(entry['order_by_round'])} idle rounds of "
        f"{entry['rounds']})\n\n{table(entry)}" for name, entry in taken["models"].items()
    ) + noise_note(taken)
    return f"""{HEADING}
One epoch of notebook 05's protocol, RMSprop on the MAE, {steps['train']} batches of
{steps['batch_size']} windows from the shuffling generator, then one validation pass of
{steps['val']} batches, clocked from the epoch's start to its end after a compiling warm-up fit.
Four ways: `generator` (validation from the book's generator, `jit_compile="auto"`: the
notebooks' old default), `dataset` (validation from the `WindowDataset`), `dataset-xla` (the same
with `jit_compile=True`: the notebooks' default on a CPU) and `jax` (the JAX backend). Each ran
in a fresh process, the ways interleaved (the order rotated each round). Only the rounds in
which other processes took at most {IDLE_LIMIT:.0%} of the CPU while each way ran count: the
median, the range over them, and ratios taken within each round (their median). The in-memory
fit is the same model and fit with `jit_compile=True` on a few batches already in memory,
served again and again: the computation and Keras' loop, with no batch to make, which a fit
that makes its batches can beat only by noise.
On {record['machine']}; {versions}; {first['data']}.

{tables}

{data_note(taken)}

{goal_sentence(taken)}"""
