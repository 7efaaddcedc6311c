"""How the report writes what was measured: mean ± sd over seeds, differences, dates."""

import numpy as np


def stats(values):
    """(mean, sample sd or None, n)."""
    values = [v for v in values if v is not None]
    if not values:
        return None, None, 0
    if len(set(values)) == 1:  # one run, or runs that agree (np.std would leave 1e-16)
        return float(values[0]), (None if len(values) == 1 else 0.0), len(values)
    return float(np.mean(values)), float(np.std(values, ddof=1)), len(values)


def spread(stat, digits=4):
    """'mean ± sd' of a `stats` result ('mean' alone for one run or runs that all gave the
    same value, such as a baseline: '± 0.0000' would read as a measured spread; '–' for none)."""
    mean, sd, _ = stat
    if mean is None:
        return "–"
    return f"{mean:.{digits}f}" + (f" ± {sd:.{digits}f}" if sd else "")


def fmt(mean, sd, n, digits=4):
    """`spread`, with the number of runs ('n=3, all equal' when they gave one value)."""
    if mean is None:
        return "–"
    return spread((mean, sd, n), digits) + (f" (n={n}, all equal)" if sd == 0 else f" (n={n})")


def signed(value, digits=4):
    return "–" if value is None else f"{value:+.{digits}f}"


def measured_sd(stat):
    """The sd of a `stats` result where it can judge a difference: from 3 values or more
    (the sd of 2 says little) that do not all agree; else None."""
    _, sd, n = stat
    return sd if sd and n >= 3 else None


def signed_in_sd(value, stat, digits=4):
    """'+0.0123 (+1.2 sd)': a difference and its size in the `measured_sd` of a `stats`
    result, where it has one."""
    sd = measured_sd(stat)
    if value is None or sd is None:
        return signed(value, digits)
    return f"{signed(value, digits)} ({value / sd:+.1f} sd)"


def minute(date):
    """'2026-11-23 10:14' of an ISO date '2026-11-23T10:14:16+00:00'."""
    return date[:16].replace("T", " ")


def markdown_table(header, rows):
    """A markdown table: the header's cells, the line under them, then each row's cells."""
    lines = ["| " + " | ".join(map(str, cells)) + " |" for cells in (header, *rows)]
    return "\n".join([lines[0], "|---" * len(header) + "|", *lines[1:]])
