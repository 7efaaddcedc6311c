"""Where the results come from: for each notebook the seeds that ran, their dates, the code
(commit) and machine of each, and the data; warnings where runs mix commits or machines."""

from .formats import markdown_table, minute


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

{table(runs)}

**One seed, two runs.** A seed fixes the initial weights and the order of the batches, but
TensorFlow sums in parallel threads, in an order that can vary from run to run and from one
CPU to another (Intel against AMD): the same seed need not repeat a run bit for bit. Hence
the means over seeds."""
