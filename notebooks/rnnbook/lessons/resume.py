"""Long runs that survive a kill, saved by Keras' own callbacks (BackupAndRestore, CSVLogger,
ModelCheckpoint): `LongRun` gives `fit` one model's folder and callbacks, and reads the folder
back. What it adds to Keras, and why: README, *Long runs*."""

import csv
import json
import os
import re
import shutil
import time
from pathlib import Path

import keras

from ..config import profile, run_folder, seed
from ..data.files import _REPO, IN_REPO, write_atomic

__all__ = ["CHECKPOINTS_DIR", "checkpoints_root", "checkpoint_folder", "LongRun", "read_log",
           "print_epochs", "restore_whole_backup"]

CHECKPOINTS_DIR = _REPO / "checkpoints" if IN_REPO else Path("checkpoints")


def checkpoints_root():
    """The folder named by RNN_CHECKPOINTS_DIR (in Colab, one on Google Drive, which outlives
    the machine), else checkpoints/."""
    value = os.environ.get("RNN_CHECKPOINTS_DIR")
    return Path(value).expanduser() if value else CHECKPOINTS_DIR


def checkpoint_folder(notebook, model_name):
    """<root>/<run>/<notebook>/<model>/seed<N>/: a run's progress, one folder per run."""
    slug = re.sub(r"[^a-z0-9]+", "-", model_name.lower()).strip("-")
    run = run_folder(profile(), keras.backend.backend())
    return checkpoints_root() / run / notebook / slug / f"seed{seed()}"


def read_log(path):
    """CSVLogger's log as curves ({"loss": [...], ...}), one value an epoch. An epoch whose
    row was written but not its backup is trained again after a kill, and logged twice: its
    last row is the one its backup and its weights come from."""
    if not Path(path).is_file():
        return {}
    with open(path, newline="", encoding="utf-8") as stream:
        rows = {int(row.pop("epoch")): row for row in csv.DictReader(stream)}  # last row wins
    epochs = [rows[epoch] for epoch in sorted(rows)]
    return {name: [float(row[name]) for row in epochs] for name in epochs[0]} if epochs else {}


def print_epochs(history, epochs):
    """Print the epochs in `history`, one line each as Keras' `verbose=2` log shows them:
    "Epoch 7/40 - 28s - loss: 0.2706 - val_loss: 0.2603" (the time is the epoch's "seconds",
    every other entry a metric)."""
    metrics = [name for name in history if name != "seconds"]
    for i in range(len(next(iter(history.values()), []))):
        line = f"Epoch {i + 1}/{epochs}"
        if "seconds" in history:
            line += f" - {history['seconds'][i]:.0f}s"
        for name in metrics:
            value = history[name][i]
            line += f" - {name}: {value:.4f}" if abs(value) > 1e-3 else f" - {name}: {value:.4e}"
        print(line)


def restore_whole_backup(backup, model, steps):
    """Put BackupAndRestore's previous backup back if a kill cut its last one short.

    Keras writes the weights, then the metadata (the epochs done), in place: a kill between
    the two leaves weights an epoch ahead of the metadata, or the metadata cut short, and
    Keras would then train an epoch over on top of itself, or fail on every rerun. In a whole
    backup the optimizer has taken `steps` steps for each epoch done. With
    `double_checkpoint`, the previous pair (*.bkp) is whole by then; in the first epoch there
    is none, and the run starts over. `model` (compiled) is left with the weights checked.
    """
    weights, metadata = backup / "latest.weights.h5", backup / "training_metadata.json"
    if not weights.exists() or _is_whole(weights, metadata, model, steps):
        return
    for path in (weights, metadata):
        previous = path.with_name(f"{path.name}.bkp")
        if previous.exists():
            shutil.copy(previous, path)
        else:
            path.unlink(missing_ok=True)


def _is_whole(weights, metadata, model, steps):
    """Whether `weights` are those of the epochs `metadata` counts (loading them)."""
    try:
        epochs = json.loads(metadata.read_text(encoding="utf-8"))["epoch"]
        _load_weights(model, weights)
    except (OSError, ValueError, KeyError):  # a file absent or cut short
        return False
    return int(model.optimizer.iterations) == epochs * steps


def _load_weights(model, weights):
    """Load weights saved with the optimizer's state (as Keras saves them after `fit`)."""
    if not model.optimizer.built:  # else Keras skips the optimizer's state, with a warning
        model.optimizer.build(model.trainable_variables)
    model.load_weights(weights)


def _unnamed(config):
    """A Keras config without its "name"s, which count the models built before (gru_3)."""
    if isinstance(config, dict):
        return {key: _unnamed(value) for key, value in config.items() if key != "name"}
    if isinstance(config, list):
        return [_unnamed(value) for value in config]
    return config


class LongRun:
    """One model's training for `epochs` epochs, saved as it goes in its checkpoint folder:

        log.csv                   each epoch's losses and seconds (CSVLogger)
        backup/                   the weights and optimizer state of the last epoch done
                                  (BackupAndRestore), until the run finishes
        best-epochNNN.weights.h5  each epoch that was the best so far (ModelCheckpoint)
        last.weights.h5           the last epoch's weights: the run is finished
        run.json                  what the run is: the model, its optimizer, `epochs` and
                                  `what` (the data...); a folder of another run is refused

    The model must be compiled. Train it with `model.fit(..., epochs=epochs,
    callbacks=[*run.callbacks()])`, or `load()` it once `finished()`.
    """

    def __init__(self, notebook, name, model, epochs, **what):
        self.folder, self.model, self.epochs = checkpoint_folder(notebook, name), model, epochs
        self.log, self.backup = self.folder / "log.csv", self.folder / "backup"
        self.last_weights = self.folder / "last.weights.h5"
        self.shown = self.folder.relative_to(_REPO) if self.folder.is_relative_to(
            _REPO) else self.folder
        self._claim({"model": _unnamed(model.get_config()),
                     "optimizer": _unnamed(model.optimizer.get_config()),
                     "epochs": epochs} | what)

    def _claim(self, key):
        """Mark the folder as this run's, or refuse it if it holds another run."""
        key = json.loads(json.dumps(key, default=str))
        saved = self.folder / "run.json"
        if not saved.is_file():
            write_atomic(saved, json.dumps(key, indent=1) + "\n")
            return
        theirs = json.loads(saved.read_text(encoding="utf-8"))
        changed = sorted(k for k in theirs.keys() | key.keys() if theirs.get(k) != key.get(k))
        if changed:
            raise ValueError(
                f"{self.shown} holds another run (it differs in: {', '.join(changed)}): "
                "delete that folder to start this run over, or restore the settings it was "
                "made with to go on with it")

    def callbacks(self):
        """The callbacks that save the run after each epoch and restore it when `fit`
        starts; their order matters (see _Progress)."""
        best = self.folder / "best-epoch{epoch:03d}.weights.h5"  # one file each: none cut
        return [
            _Progress(self),
            keras.callbacks.CSVLogger(str(self.log), append=True),
            keras.callbacks.ModelCheckpoint(str(best), save_best_only=True,
                                            save_weights_only=True),  # by val_loss
            keras.callbacks.BackupAndRestore(str(self.backup), double_checkpoint=True),
        ]

    def finished(self):
        return self.last_weights.is_file()

    def load(self):
        """Load the finished run's last weights into the model, and print its log."""
        _load_weights(self.model, self.last_weights)
        history = self.history()
        print(f"{self.shown}: finished before ({len(history['loss'])} of {self.epochs}"
              " epochs), loaded")
        print_epochs(history, self.epochs)

    def history(self):
        """The curves of every epoch done, each once, with each epoch's "seconds"."""
        return read_log(self.log)

    def best_weights(self):
        """The weights file of the best validation epoch."""
        val_loss = self.history()["val_loss"]
        return self.folder / f"best-epoch{val_loss.index(min(val_loss)) + 1:03d}.weights.h5"

    def say_start(self, epoch):
        """Say whether the run starts or resumes; if it resumes, print the epochs before."""
        if not epoch:
            print(f"{self.shown}: starting, epoch 1 of {self.epochs}")
            return
        print(f"{self.shown}: resuming after epoch {epoch} of {self.epochs}; the epochs"
              " before, from its log:")
        print_epochs({name: curve[:epoch] for name, curve in self.history().items()},
                     self.epochs)

    def save_last(self):
        """Write the last weights, whole or not at all: once there, the run is finished."""
        partial = self.folder / ".last.partial.weights.h5"
        self.model.save_weights(partial)
        partial.replace(self.last_weights)


class _Progress(keras.callbacks.Callback):
    """The run's own part of `fit`, first in its callbacks: each of its steps comes before
    a Keras callback's. It puts the previous backup back, if the last one was cut short,
    before BackupAndRestore loads it; says where the run starts; adds each epoch's seconds
    to the logs before CSVLogger writes them (as LearningRateScheduler adds the rate); and
    writes the last weights before BackupAndRestore deletes its backup."""

    def __init__(self, run):
        super().__init__()
        self.run, self.started = run, False

    def on_train_begin(self, logs=None):
        restore_whole_backup(self.run.backup, self.model, self.params["steps"])

    def on_epoch_begin(self, epoch, logs=None):
        if not self.started:
            self.run.say_start(epoch)
            self.started = True
        self.start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        logs["seconds"] = time.perf_counter() - self.start

    def on_train_end(self, logs=None):
        if not self.started:  # a kill after the last epoch's backup: nothing left to train
            self.run.say_start(self.run.epochs)
        self.run.save_last()
