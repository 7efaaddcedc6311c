"""Notebook 05's task in one call, for the notebooks after it: data, splits, windows,
baselines and its training."""

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..config import jit_compile, pick
from ..data.jena import Jena, load_jena
from .results import jena_record
from .windows import WindowDataset, fast_generator, jena_splits, window_args

__all__ = ["BATCH_SIZE", "JenaTask", "jena_task", "fit_jena"]

BATCH_SIZE = 128


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

    def windows(self, split, shuffle=False, reverse=False):
        """The book's generator over one split (training: shuffled); `reverse`: each window
        read from its end."""
        min_index, max_index = self.splits[split]
        batches = fast_generator(self.data, self.lookback, self.delay, min_index, max_index,
                                 shuffle=shuffle, batch_size=BATCH_SIZE, step=self.step)
        if not reverse:
            return batches
        return ((samples[:, ::-1], targets) for samples, targets in batches)

    def batches(self, split, reverse=False):
        """One exact in-order pass over a split, for validation and test (WindowDataset)."""
        min_index, max_index = self.splits[split]
        return WindowDataset(self.data, self.lookback, self.delay, min_index, max_index,
                             batch_size=BATCH_SIZE, step=self.step, reverse=reverse)

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
    """Load the Jena data and normalise it with the training rows, as notebook 05 does."""
    jena = load_jena()
    splits = jena_splits(len(jena.float_data))
    data = jena.float_data.copy()
    train_max = splits["train"][1]
    data -= data[:train_max].mean(axis=0)
    std = data[:train_max].std(axis=0)
    data /= std
    return JenaTask(jena, data, splits, float(std[1]), **window_args(jena.interval))


def fit_jena(task, model, epochs, reverse=False):
    """Notebook 05's training: RMSprop on MAE, 500 shuffled batches an epoch, one exact
    validation pass, the best validation epoch's weights kept; tested with those and with the
    last epoch's."""
    import tempfile
    import time

    import keras

    steps_per_epoch = pick(full=500, quick=10)
    val_steps = pick(full=task.steps("val"), quick=min(task.steps("val"), 5))
    test_steps = pick(full=task.steps("test"), quick=min(task.steps("test"), 5))
    best_weights = Path(tempfile.mkdtemp()) / "best.weights.h5"
    model.compile(optimizer=keras.optimizers.RMSprop(), loss="mae", jit_compile=jit_compile())
    keep_best = keras.callbacks.ModelCheckpoint(best_weights, monitor="val_loss",
                                                save_best_only=True, save_weights_only=True)
    start = time.perf_counter()
    history = model.fit(task.windows("train", shuffle=True, reverse=reverse),
                        steps_per_epoch=steps_per_epoch, epochs=epochs,
                        validation_data=task.batches("val", reverse=reverse),
                        validation_steps=val_steps, shuffle=False,  # the generator shuffles
                        callbacks=[keep_best], verbose=2)
    seconds = (time.perf_counter() - start) / epochs
    last = model.evaluate(task.batches("test", reverse=reverse), steps=test_steps, verbose=0)
    model.load_weights(best_weights)
    best = model.evaluate(task.batches("test", reverse=reverse), steps=test_steps, verbose=0)
    return history, jena_record(history, best, last, seconds, task.temperature_std)
