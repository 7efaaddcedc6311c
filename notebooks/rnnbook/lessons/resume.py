"""Long runs that survive a kill: `fit` that saves each epoch and goes on where it stopped."""

import json
import os
import re
from pathlib import Path

import numpy as np

from ..config import profile, run_folder, seed
from ..data.files import _REPO, IN_REPO, write_atomic

__all__ = ["CHECKPOINTS_DIR", "checkpoint_folder", "run_key", "Resumable", "print_epochs",
           "fit_resumable"]

CHECKPOINTS_DIR = _REPO / "checkpoints" if IN_REPO else Path("checkpoints")


def checkpoint_folder(notebook, model_name):
    """checkpoints/<run>/<notebook>/<model>/seed<N>/: a run's progress, one folder per run."""
    import keras

    slug = re.sub(r"[^a-z0-9]+", "-", model_name.lower()).strip("-")
    return CHECKPOINTS_DIR / run_folder(profile(), keras.backend.backend()) / notebook / slug / (
        f"seed{seed()}")


def _fault(point):
    """Fault injection for the tests: RNN_FAULT_AT=<point> kills this process (kill -9) there."""
    if os.environ.get("RNN_FAULT_AT") == point:
        os.kill(os.getpid(), 9)


def run_key(model, **what):
    """What defines a run: the model's layers and optimizer (without Keras' automatic names)
    and whatever else the caller names (data, epochs...), plus profile, seed and backend."""
    import keras

    def unnamed(config):
        if isinstance(config, dict):
            return {k: unnamed(v) for k, v in config.items() if k != "name"}
        if isinstance(config, list):
            return [unnamed(v) for v in config]
        return config

    layers = [{"class": type(layer).__name__, "config": unnamed(layer.get_config())}
              for layer in model.layers]
    optimizer = unnamed(model.optimizer.get_config()) if model.optimizer else None
    return json.loads(json.dumps(
        {"layers": layers, "optimizer": optimizer, "profile": profile(), "seed": seed(),
         "backend": keras.backend.backend()} | what, default=str))


def _seed_states(model):
    """The states of the model's random seed generators (its dropout masks), which
    `save_weights` leaves out."""
    return [variable for variable in model.variables if "seed_generator_state" in variable.path]


class Resumable:
    """A folder that holds a run's progress, so that `fit` goes on where a kill stopped it.

    After each epoch one folder `epoch-NNN/` is written whole, then renamed into place: the
    weights with the optimizer's state (`latest.weights.h5`), the best validation epoch's
    weights (`best.weights.h5`), the history of every epoch so far (`history.json`) and
    NumPy's random state (the generators shuffle with it). The newest complete one is the
    run's state: a kill at any instant leaves either the old state or the new one. The states
    of the dropout layers' seed generators are saved with NumPy's. When the
    last epoch is done, `finished.json` marks the run finished; running it again loads it.
    `resumed.json` lists the epochs after which the run was resumed.
    `key.json` says what the run is; a folder holding another run is refused.
    """

    def __init__(self, folder, key):
        self.folder = Path(folder)
        self.key = key

    def check(self):
        """Refuse a folder that holds another run (its key differs) before any work."""
        saved = self.folder / "key.json"
        if saved.is_file():
            theirs = json.loads(saved.read_text(encoding="utf-8"))
            if theirs != self.key:
                changed = sorted(k for k in set(theirs) | set(self.key)
                                 if theirs.get(k) != self.key.get(k))
                raise ValueError(
                    f"{self.folder} holds another run (it differs in: {', '.join(changed)}): "
                    "delete that folder to start this run over, or restore the settings it "
                    "was made with to go on with it"
                )
        else:
            write_atomic(saved, json.dumps(self.key, indent=1) + "\n")

    def latest(self):
        """(epochs done, that epoch's folder), or (0, None) for a new run."""
        done = sorted(self.folder.glob("epoch-[0-9][0-9][0-9]"))
        return (int(done[-1].name[6:]), done[-1]) if done else (0, None)

    @property
    def finished(self):
        return (self.folder / "finished.json").is_file()

    def restore(self, model):
        """Load the newest state into a built, compiled model: (epochs done, history so far)."""
        done, state = self.latest()
        if not done:
            return 0, {}
        model.optimizer.build(model.trainable_variables)
        model.load_weights(state / "latest.weights.h5")
        with np.load(state / "random_state.npz") as saved:
            np.random.set_state(tuple(saved[f"s{i}"] for i in range(5)))
            for i, variable in enumerate(_seed_states(model)):
                variable.assign(saved[f"seed{i}"])
        return done, json.loads((state / "history.json").read_text(encoding="utf-8"))

    def save(self, model, epoch, history, best_so_far):
        """Write the state after `epoch` (1-based): a new folder, renamed when complete."""
        import shutil

        import keras

        _, previous = self.latest()
        partial = self.folder / f".epoch-{epoch:03d}.partial"
        shutil.rmtree(partial, ignore_errors=True)  # a kill's leftover
        partial.mkdir(parents=True)
        model.save_weights(partial / "latest.weights.h5")
        if best_so_far:
            model.save_weights(partial / "best.weights.h5")
        else:
            shutil.copy(previous / "best.weights.h5", partial / "best.weights.h5")
        np.savez(partial / "random_state.npz",
                 **{f"s{i}": np.asarray(part) for i, part in enumerate(np.random.get_state())},
                 **{f"seed{i}": keras.ops.convert_to_numpy(variable)
                    for i, variable in enumerate(_seed_states(model))})
        (partial / "history.json").write_text(json.dumps(history), encoding="utf-8")
        _fault(f"writing epoch {epoch}")
        partial.rename(self.folder / f"epoch-{epoch:03d}")  # atomic: the new state
        if previous is not None:
            shutil.rmtree(previous)
        _fault(f"after epoch {epoch}")

    def resumes(self):
        """The epochs after which this run was resumed, in order (none: trained in one go)."""
        saved = self.folder / "resumed.json"
        return json.loads(saved.read_text(encoding="utf-8")) if saved.is_file() else []

    def note_resume(self, epoch):
        write_atomic(self.folder / "resumed.json", json.dumps(self.resumes() + [epoch]) + "\n")

    def finish(self):
        write_atomic(self.folder / "finished.json", json.dumps({"finished": True}) + "\n")


def print_epochs(history, epochs, resumes=()):
    """Print the epochs in `history`, one line each as Keras' `verbose=2` log shows them:
    "Epoch 7/40 - 28s - loss: 0.2706 - val_loss: 0.2603" (the time is the epoch's "seconds",
    every other entry a metric), and "-- resumed after epoch k --" after each epoch k in
    `resumes`."""
    metrics = [name for name in history if name != "seconds"]
    done = len(next(iter(history.values()), []))
    for i in range(done):
        line = f"Epoch {i + 1}/{epochs}"
        if "seconds" in history:
            line += f" - {history['seconds'][i]:.0f}s"
        for name in metrics:
            value = history[name][i]
            line += f" - {name}: {value:.4f}" if abs(value) > 1e-3 else f" - {name}: {value:.4e}"
        print(line)
        for k in resumes:
            if k == i + 1:
                print(f"-- resumed after epoch {k} --")


def fit_resumable(model, folder, key, epochs, **fit_args):
    """`model.fit(..., epochs=epochs, **fit_args)` that goes on after a kill.

    Returns (history, best_weights): the curves of every epoch, resumed or not, with each
    epoch's training time under "seconds"; and the file of the best validation epoch's
    weights. The model is left with the last epoch's weights. It must be compiled. Prints
    whether the run starts, resumes (after epoch k of n) or was finished before; unless
    `verbose=0`, a run loaded or resumed prints the epochs it loads (`print_epochs`), and
    Keras' log goes on with those it trains.
    """
    import time

    import keras

    run = Resumable(folder, key)
    run.check()
    done, history = run.restore(model)
    shown = run.folder.relative_to(_REPO) if run.folder.is_relative_to(_REPO) else run.folder
    if done and not run.finished:
        run.note_resume(done)
    resumed = "".join(f", resumed after epoch {k}" for k in run.resumes())
    log = fit_args.get("verbose", "auto") != 0
    if run.finished:
        print(f"{shown}: finished before ({done} of {epochs} epochs{resumed}), loaded")
    elif done:
        print(f"{shown}: resuming after epoch {done} of {epochs}")
        if log:
            print("the epochs before, from the saved progress:")
    else:
        print(f"{shown}: starting, epoch 1 of {epochs}")
    if done and log:
        print_epochs(history, epochs, run.resumes())

    class SaveEachEpoch(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            _fault(f"epoch {self.epoch} batch {batch + 1}")

        def on_epoch_begin(self, epoch, logs=None):
            self.epoch, self.start = epoch + 1, time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            logs = dict(logs) | {"seconds": time.perf_counter() - self.start}
            for name, value in logs.items():
                history.setdefault(name, []).append(float(value))
            best = int(np.argmin(history["val_loss"]))
            run.save(self.model, epoch + 1, history, best_so_far=best == epoch)

    if done < epochs:
        model.fit(epochs=epochs, initial_epoch=done, callbacks=[SaveEachEpoch()], **fit_args)
        run.finish()
    return history, run.latest()[1] / "best.weights.h5"
