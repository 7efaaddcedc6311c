"""A notebook's stored runs as the numbers its prose quotes: each model's figure over the seeds
(mean ± sd, lowest–highest) and comparisons computed from them, so that a sentence such as
"higher in every seed" is printed from the records it is about and cannot drift from them.

    runs = seed_runs("07_jena_dropout_stacking", this_run=results)
    dropout = Seeds.of(runs["GRU with dropout"], "best_val_mae")
    f"{dropout:.4f}"        '0.2656 ± 0.0009' (3 seeds), '0.2663' (one)
    dropout.span(".4f")     '0.2645–0.2663'
    compare(dropout, plain, lower="beats it", higher="loses to it", level="ties")
"""

import numpy as np

from ..config import seed
from .results import seed_results

__all__ = ["seed_runs", "seed_table", "Seeds", "compare", "joined"]

NO_RUN = "not compared: no stored run in this profile"


def seed_runs(name, this_run=None):
    """{model: {seed: metrics}}: notebook `name`'s stored runs (this profile and backend), each
    model's seeds in order. `this_run` ({model: metrics}, the notebook's own run) stands in for
    the stored run of this seed, which may be an older one until the notebook saves it."""
    runs = {}
    for number, record in seed_results(name).items():
        for model, metrics in record["models"].items():
            runs.setdefault(model, {})[number] = metrics
    for model, metrics in (this_run or {}).items():
        runs.setdefault(model, {})[seed()] = metrics
    return {model: dict(sorted(by_seed.items())) for model, by_seed in runs.items()}


def seed_table(name, metrics, digits=4):
    """The stored runs of notebook `name` as a table: a row per model, for each of `metrics`
    (a record's keys, such as "test_acc") its mean ± sd over the seeds, and the seeds' count.

    A pandas DataFrame, so that a notebook and a slide show it as an HTML table. The sd is
    the sample standard deviation (n - 1); with one seed it is left out. Raises ValueError
    naming the notebook to run when no run is stored.
    """
    import pandas as pd

    runs = seed_runs(name)
    if not runs:
        raise ValueError(f"no stored results of notebook {name} for this profile: execute it "
                         "first (make run stores every seed's)")
    rows = {model: {metric: format(Seeds.of(by_seed, metric), f".{digits}f") for metric in metrics}
            | {"seeds": len(by_seed)} for model, by_seed in runs.items()}
    return pd.DataFrame.from_dict(rows, orient="index")


class Seeds:
    """One figure of one model over its seeds ({seed: value}), as the prose quotes it.

    format(s, ".4f") is the mean ± the sample sd (n - 1), as seed_table prints it; the
    mean alone for one seed; "–" for none.
    """

    def __init__(self, values):
        self.values = {number: float(value) for number, value in sorted(values.items())}

    @classmethod
    def of(cls, runs, key):
        """A figure of each run ({seed: metrics}): the metric `key`, or key(metrics)."""
        return cls({number: key(m) if callable(key) else m[key] for number, m in runs.items()})

    @property
    def n(self):
        return len(self.values)

    @property
    def lo(self):
        return min(self.values.values())

    @property
    def hi(self):
        return max(self.values.values())

    @property
    def mean(self):
        """The mean over the seeds (NaN for none)."""
        return float(np.mean(list(self.values.values()))) if self.n else float("nan")

    @property
    def sd(self):
        return float(np.std(list(self.values.values()), ddof=1)) if self.n > 1 else None

    def __format__(self, spec):
        if not self.n:
            return "–"
        if self.n == 1:
            return format(self.mean, spec)
        return f"{self.mean:{spec}} ± {self.sd:{spec}}"

    def span(self, spec):
        """'lowest–highest' over the seeds ('0.2645–0.2663'); one value when they print alike."""
        if not self.n:
            return "–"
        lo, hi = format(self.lo, spec), format(self.hi, spec)
        return lo if lo == hi else f"{lo}–{hi}"

    def each(self, spec):
        """Each seed's value, in the order of the seeds: '0.2663, 0.2660, 0.2645'."""
        return ", ".join(format(value, spec) for value in self.values.values())

    @property
    def counted(self):
        """'3 seeds', '1 seed'."""
        return f"{self.n} seed{'' if self.n == 1 else 's'}"

    def seeds(self):
        """'each of its 3 seeds' or 'its one run (seed 0)': what "in ..." a claim holds for."""
        if self.n == 1:
            return f"its one run (seed {next(iter(self.values))})"
        return f"each of its {self.n} seeds"

    def __repr__(self):
        return f"Seeds({self.values})"


def compare(a, b, lower, higher, level, missing=NO_RUN):
    """The phrase that is true of `a` against `b`: `lower` when every seed of a lies below every
    seed of b, `higher` when every one lies above, `level` when their seeds overlap (the
    difference is no larger than the seeds' own spread); `missing` when either has no run."""
    if not (a.n and b.n):
        return missing
    if a.hi < b.lo:
        return lower
    if a.lo > b.hi:
        return higher
    return level


def joined(words, empty="none"):
    """'a', 'a and b', 'a, b and c': a list in a sentence; `empty` when there is none."""
    words = list(words)
    if not words:
        return empty
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
