"""Where the results come from: for each notebook the seeds that ran, their dates, the code
(commit) and machine of each, and the data; warnings where runs mix commits or machines."""

import subprocess

from study.records import REPO

from .book import JENA_MODELS
from .formats import markdown_table, minute

# From this commit on, notebooks 05-07 train on ShuffledWindows, an indexed dataset (batch i of
# epoch e drawn from the seed, e and i); older code drew the training windows from the book's
# generator. Both draw random windows as the book does and validate on every window, so their
# results are draws of one protocol, but not of the same batches.
INDEXED_TRAINING = "8bb19f4"
JENA_NOTEBOOKS = list(dict.fromkeys(notebook for notebook, _ in JENA_MODELS))


def table(runs):
    rows, mixed = [], []
    for name, records in runs.items():
        codes = sorted({str(r["code"]) for r in records})
        if len({code.removesuffix("-dirty") for code in codes}) > 1:
            mixed.append(name)
        dates = sorted(minute(r["date"]) for r in records)
        machines = "; ".join(
            f"{m} (seed {', '.join(str(r['seed']) for r in records if r['machine'] == m)})"
            for m in sorted({r["machine"] for r in records})
        )
        rows.append([name, ", ".join(str(r["seed"]) for r in records), f"{dates[0]} .. {dates[-1]}",
                     ", ".join(codes), machines, records[0]["data"]])
    lines = [markdown_table(["notebook", "seeds", "dates", "code", "machine", "data"], rows)]
    if mixed:
        lines.append(f"\n**Warning:** the runs of {', '.join(mixed)} come from different commits.")
    if len({r["machine"] for records in runs.values() for r in records}) > 1:
        lines.append(
            "\n**Warning:** these runs come from different machines (column *machine*; older "
            "records name no CPU model). Seconds per epoch compare only within one machine, "
            "and even a seed's accuracy can differ in the last digits between CPUs."
        )
    lines.append("\n'-dirty': notebooks/ had changes not yet committed when that run saved.")
    return "\n".join(lines)


def indexed(code):
    """Whether commit `code` trains 05-07 on ShuffledWindows; None where git cannot tell (no
    git, a copy without the history, an unknown commit)."""
    try:
        done = subprocess.run(["git", "merge-base", "--is-ancestor", INDEXED_TRAINING,
                               str(code).removesuffix("-dirty")],
                              cwd=REPO, capture_output=True)
    except OSError:
        return None
    return {0: True, 1: False}.get(done.returncode)


def training_batches(runs):
    """Which seeds of 05-07 trained on which batches, by the commit each ran: a reader of a
    row that mixes commits must know what differs between them."""
    ways = {True: "`ShuffledWindows` (the indexed dataset)",
            False: f"The book's generator (code before {INDEXED_TRAINING})",
            None: "Unknown (git cannot place the commit)"}
    seeds = {}
    for name in JENA_NOTEBOOKS:
        for record in runs.get(name, []):
            seeds.setdefault(indexed(record["code"]), {}).setdefault(name[:2], []).append(
                str(record["seed"]))
    if not seeds:
        return ""
    parts = [f"{ways[way]}: " + "; ".join(f"{number}: seed {', '.join(numbers)}"
                                          for number, numbers in by_notebook.items())
             for way, by_notebook in seeds.items()]
    return ("\n\n**Training batches of 05–07**, by each run's commit. " + ". ".join(parts)
            + ". Both draw random windows as the book's generator does and validate on every "
            "window: their results are draws of one protocol, not runs of the same batches.")


def machine(runs):
    """The machine(s) the results were measured on, as the runs recorded them."""
    first = next(iter(runs.values()))[0]
    versions = ", ".join(f"{k} {v}" for k, v in first["versions"].items())
    machines = sorted({r["machine"] for records in runs.values() for r in records})
    # Older records name no CPU model: "x86_64, 2 CPUs" may be "x86_64, 2 CPUs (Intel Xeon)"
    # or another CPU of that size (the JAX runs met AMD ones); say so rather than guess.
    unnamed = [m for m in machines if any(o.startswith(f"{m} (") for o in machines)]
    named = [m for m in machines if m not in unnamed]
    older = "".join(f" (and older records of '{m}', whose CPU model is not recorded)"
                    for m in unnamed)
    return f"{' and '.join(named)}{older}; {versions}"


def section(runs):
    return f"""## Where the results come from

{table(runs)}{training_batches(runs)}

**One seed, two runs.** A seed fixes the initial weights and the order of the batches, but
TensorFlow sums in parallel threads, in an order that can vary from run to run and from one
CPU to another (Intel against AMD): the same seed need not repeat a run bit for bit. Hence
the means over seeds."""
