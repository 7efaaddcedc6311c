"""Notebook 05's task in one call, for the notebooks after it: data, splits, windows and
baselines, sized for the run's profile."""

from dataclasses import dataclass

import numpy as np

from ..config import pick
from ..data.jena import Jena, load_jena
from .windows import ShuffledWindows, WindowDataset, fast_generator, jena_splits, window_args

__all__ = ["BATCH_SIZE", "STEPS_PER_EPOCH", "JenaTask", "jena_task"]

BATCH_SIZE = 128
STEPS_PER_EPOCH = 500  # the book's training batches an epoch


@dataclass
class JenaTask:
    """The normalised Jena data, its splits and the naive baseline, as notebook 05 built them."""

    jena: Jena
    data: np.ndarray  # every feature normalised with the training rows' mean and std
    splits: dict  # {"train": (min_index, max_index), "val": ..., "test": ...}
    temperature_std: float  # °C per normalised unit
    lookback: int  # rows: 10 days (window_args)
    step: int  # rows: one an hour
    delay: int  # rows: 24 hours
    train_batches: int = STEPS_PER_EPOCH  # an epoch of training
    eval_batches: int | None = None  # a validation or test pass; None: the whole split

    def windows(self, split, shuffle=False, reverse=False):
        """The book's generator over one split (training: shuffled); `reverse`: each window
        read from its end."""
        min_index, max_index = self.splits[split]
        batches = fast_generator(self.data, self.lookback, self.delay, min_index, max_index,
                                 shuffle=shuffle, batch_size=BATCH_SIZE, step=self.step)
        if not reverse:
            return batches
        return ((samples[:, ::-1], targets) for samples, targets in batches)

    def training(self, seed, reverse=False, batches=None):
        """The training windows, drawn at random as the book's generator draws them, as an
        indexed dataset (ShuffledWindows): `batches` an epoch (default `train_batches`), fixed
        by `seed`."""
        min_index, max_index = self.splits["train"]
        return ShuffledWindows(self.data, self.lookback, self.delay, min_index, max_index,
                               batches or self.train_batches, seed, batch_size=BATCH_SIZE,
                               step=self.step, reverse=reverse)

    def batches(self, split, reverse=False, batches=None):
        """One exact in-order pass over a split (WindowDataset); `batches`: its first ones."""
        min_index, max_index = self.splits[split]
        if batches is not None:  # rows enough for `batches` full batches, and no more
            max_index = min(max_index or len(self.data) - self.delay,
                            min_index + self.lookback + batches * BATCH_SIZE + 1)
        return WindowDataset(self.data, self.lookback, self.delay, min_index, max_index,
                             batch_size=BATCH_SIZE, step=self.step, reverse=reverse)

    def validation(self, reverse=False):
        """What this run validates on: one exact pass over the validation split (the quick
        profile: its first `eval_batches`). Keras reads all of it, every epoch."""
        return self.batches("val", reverse, self.eval_batches)

    def test(self, reverse=False):
        """What this run tests on: one exact pass over the test split (quick: its first
        `eval_batches`)."""
        return self.batches("test", reverse, self.eval_batches)

    def steps(self, split):
        """Batches in one in-order pass over a split (the test split: as far as targets go)."""
        return len(self.batches(split))

    def naive_mae(self, split):
        """MAE of 'the temperature in 24 h is the temperature now' over one pass."""
        return self._mae(split, lambda samples: samples[:, -1, 1])

    def mean_mae(self, split):
        """MAE of 'the temperature in 24 h is the training mean' (0 when normalised)."""
        return self._mae(split, lambda samples: 0.0)

    def _mae(self, split, predict):
        return float(np.mean([np.mean(np.abs(predict(samples) - targets))
                              for samples, targets in self.batches(split)]))


def jena_task():
    """Load the Jena data and normalise it with the training rows, as notebook 05 does; in
    the quick profile (RNN_QUICK=1), epochs of 10 batches and passes of 5."""
    jena = load_jena()
    splits = jena_splits(len(jena.float_data))
    data = jena.float_data.copy()
    train_max = splits["train"][1]
    data -= data[:train_max].mean(axis=0)
    std = data[:train_max].std(axis=0)
    data /= std
    return JenaTask(jena, data, splits, float(std[1]), **window_args(jena.interval),
                    train_batches=pick(full=STEPS_PER_EPOCH, quick=10),
                    eval_batches=pick(full=None, quick=5))
