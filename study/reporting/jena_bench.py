"""What `make bench` measured of a Jena epoch (results/full/bench-jena-cpu.json, written by
study/bench_jena.py): each way of running notebook 05's GRU and notebook 07's dropout GRU,
against the compute bound and the data side alone, and whether the speed goal is met."""

import re

import numpy as np

from .benchmark import read_checked
from .formats import minute

GOAL_SECONDS, GOAL_SHARE = 12, 0.8  # the goal: a plain GRU epoch on this CPU, near its bound
GOAL_WAY, GOAL_MODEL = "dataset-xla", "GRU"  # the notebooks' way on a CPU, notebook 05's model
BASELINE = "generator"  # the notebooks' old way, what the speed-ups are against
BOUND = "tensorflow"  # the chosen way's compute bound: TensorFlow, jit_compile=True
NOTEBOOKS = {"GRU": "notebook 05", "GRU with dropout": "notebook 07"}
HEADING = "**Jena epochs against their computation (`make bench`: study/bench_jena.py).**"


def plural(count, noun):
    """"1 round", "3 rounds"."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def positive(where, values):
    """Raise ValueError unless `values` is a non-empty list of finite positive numbers."""
    if not isinstance(values, list) or not values or not all(
            isinstance(v, (int, float)) and 0 < v < float("inf") for v in values):
        raise ValueError(f"{where}: {values!r}")


def check(record):
    for name, entry in record["models"].items():
        for way, times in entry["ways"].items():
            positive(f"{name}, {way}", times["seconds_per_epoch"])
        for backend, bound in entry["bound"].items():
            positive(f"{name}, {backend} bound", bound["seconds_per_epoch"])
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
    return (f"| {label} | {validation} | {jit} | {median(seconds):.1f} | {min(seconds):.1f}–"
            f"{max(seconds):.1f} ({len(seconds)}) | "
            + (f"{speed_up:.2f}x" if speed_up else "–") + " | "
            + (f"{share:.2f}" if share else "–") + " |")


def table(entry):
    """A row per way, then a row per compute bound."""
    baseline = entry["ways"].get(BASELINE, {}).get("seconds_per_epoch")
    bound = entry["bound"].get(BOUND, {}).get("seconds_per_epoch")
    lines = [f"| way | validation data | jit_compile | s/epoch, median | min–max (rounds) | "
             f"speed-up against {BASELINE} | {BOUND} bound / epoch |", "|---|" + "---|" * 6]
    for way, times in entry["ways"].items():
        validation = "the book's generator" if times["validation"] == "generator" else (
            "`WindowDataset`")
        jit = (f"auto: {times['jit_compile']}" if times["asked_jit_compile"] == "auto"
               else str(times["jit_compile"]))
        lines.append(row(way, validation, jit, times["seconds_per_epoch"], baseline, bound))
    for backend, measured in entry["bound"].items():
        lines.append(row(f"compute bound, {backend}", "one fixed batch", "True",
                         measured["seconds_per_epoch"], None, None))
    return "\n".join(lines)


def noise_note(record):
    """Where a way's epoch beat its round's compute bound: the bound's short timing met more
    load than the epoch did. Empty where none did."""
    beaten = []
    for entry in record["models"].values():
        bound = entry["bound"].get(BOUND, {}).get("seconds_per_epoch")
        shares = {way: per_round(bound, times["seconds_per_epoch"]) if bound else None
                  for way, times in entry["ways"].items()}
        over = [f"{way} {share:.2f}" for way, share in shares.items() if share and share > 1]
        beaten += [f"`{entry['layer']}` {', '.join(over)}"] if over else []
    if not beaten:
        return ""
    steps = next(iter(record["models"].values()))["steps"]["bound"]
    return (f"\n\nAbove 1 ({'; '.join(beaten)}): those epochs ran faster than the compute "
            f"bound of the same round, timed over {steps} training steps and {steps} validation "
            "batches that met more of the machine's other work than the epoch did; the bound's "
            "range says how much.")


def goal_sentence(record):
    """Whether a plain GRU epoch the notebooks' way takes at most GOAL_SECONDS and reaches at
    least GOAL_SHARE of the compute bound, with the medians that say so."""
    entry = record["models"].get(GOAL_MODEL, {})
    times = entry.get("ways", {}).get(GOAL_WAY, {}).get("seconds_per_epoch")
    bound = entry.get("bound", {}).get(BOUND, {}).get("seconds_per_epoch")
    goal = (f"**The goal** — a plain `GRU(32)` epoch in at most {GOAL_SECONDS} s on this CPU "
            f"and at least {GOAL_SHARE} of the compute bound —")
    if not times or not bound:
        return f"{goal} is not judged: this record has no {GOAL_WAY} epoch of the {GOAL_MODEL}."
    seconds, share = median(times), per_round(bound, times)
    fast, close = seconds <= GOAL_SECONDS, share >= GOAL_SHARE
    return (f"{goal} **{'is met' if fast and close else 'is not met'}** by {GOAL_WAY}, the "
            f"notebooks' way on a CPU: {seconds:.1f} s an epoch (median of {len(times)}"
            + ("" if fast else f"; over {GOAL_SECONDS} s") + f"), {share:.2f} of the compute "
            "bound" + ("" if close else f" (under {GOAL_SHARE})") + ".")


def data_note(record):
    """The data side alone: batches a second, and the share of an epoch they take."""
    side = record["data_side"]
    rate, dataset = median(side["generator_batches_per_s"]), median(side["dataset_batches_per_s"])
    entry = record["models"].get(GOAL_MODEL) or next(iter(record["models"].values()))
    train, val = entry["steps"]["train"], entry["steps"]["val"]
    seconds, val_seconds = train / rate + val / dataset, val / dataset
    epoch = entry["ways"].get(GOAL_WAY, {}).get("seconds_per_epoch")
    share = (f", {seconds / median(epoch):.0%} of `{entry['layer']}`'s {GOAL_WAY} epoch"
             if epoch else "")
    cores = re.search(r"(\d+) CPUs", record["machine"])
    cores = f"{cores[1]} cores" if cores else "a CPU"
    return (f"**The data side alone** (medians of "
            f"{plural(len(side['generator_batches_per_s']), 'round')}): the fast generator yields {rate:.0f} batches/s, the `WindowDataset` "
            f"{dataset:.0f}, so an epoch's {train} training and {val} validation batches take "
            f"{seconds:.2f} s{share}. PyDataset workers could take at most the validation "
            f"batches' {val_seconds:.2f} s off an epoch, and on {cores} a worker's time comes "
            "out of the computation's: they are not measured.")


def paragraphs(results):
    """The Jena bench's part of the Speed section (how to make it, before it has run)."""
    record = read(results)
    if not record:
        return (f"{HEADING} Not measured yet: `make bench` (or `python -m study.bench_jena`) "
                "times them into results/full/bench-jena-cpu.json.")
    first = next(iter(record["models"].values()))
    steps, rounds = first["steps"], len(first["order_by_round"])
    versions = ", ".join(f"{name} {v}" for name, v in first["versions"].items())
    tables = "\n\n".join(
        f"**`{entry['layer']}`** ({NOTEBOOKS.get(name, name)}; {minute(entry['date'])} UTC, "
        f"code {entry['code']})\n\n{table(entry)}" for name, entry in record["models"].items()
    ) + noise_note(record)
    return f"""{HEADING}
One epoch of notebook 05's protocol, RMSprop on the MAE, {steps['train']} batches of
{steps['batch_size']} windows from the shuffling generator, then one validation pass of
{steps['val']} batches, clocked from the epoch's start to its end after a compiling warm-up fit.
Four ways: `generator` (validation from the book's generator, `jit_compile="auto"`: the
notebooks' old default), `dataset` (validation from the `WindowDataset`), `dataset-xla` (the same
with `jit_compile=True`: the notebooks' default on a CPU) and `jax` (the JAX backend). Each ran
in a fresh process, the ways interleaved over {plural(rounds, 'round')} (the order rotated each round) on a
machine busy with other work: the median, the range over the rounds, and ratios taken within
each round (their median). The compute bound is the same model's `train_on_batch` on one fixed
training batch and `test_on_batch` on one fixed validation batch, with `jit_compile=True`:
{steps['train']} / (steps/s) + {steps['val']} / (batches/s), an epoch of nothing but computation.
On {record['machine']}; {versions}; {first['data']}.

{tables}

{data_note(record)}

{goal_sentence(record)}"""
