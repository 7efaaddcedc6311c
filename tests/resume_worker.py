"""A small long run, trained as notebook 07 trains its models, for the kill tests.

    RNN_CHECKPOINTS_DIR=ROOT python resume_worker.py EPOCHS OUT.json

(tests/test_resume.py starts it as `child`, forked from a server that imported Keras once.)

Fits a GRU with dropout on a random walk (ShuffledWindows, WindowDataset) through
rnnbook.LongRun, or loads it once finished, then writes its history, the validation loss of
its best weights, its test losses (last and best weights) and its optimizer's step count
to OUT.json. Each training batch sleeps PAUSE seconds, so that an epoch lasts long enough to
be killed in its middle; Keras' backup pauses between its writes (slow_backup_metadata), and
`fit` pauses at its end before LongRun marks the run finished.
"""

import json
import os
import sys
import time
from pathlib import Path

import rnnbook  # before Keras

import keras  # noqa: E402
import numpy as np  # noqa: E402

PAUSE = 0.05
BATCHES = 6  # an epoch: about 0.3 s of pauses
WRITE_PAUSE = 0.2


def slow_backup_metadata():
    """Widen the two windows of a kill inside Keras' backup, for the tests to hit: its weights
    written but not yet its metadata, and its metadata emptied but not yet written. Keras'
    BackupAndRestore writes them one after the other, through file_utils.File."""
    from keras.src.utils import file_utils

    keras_file = file_utils.File

    def paused_file(path, mode="r"):
        if mode != "w" or not str(path).endswith("training_metadata.json"):
            return keras_file(path, mode)
        time.sleep(WRITE_PAUSE)
        stream = keras_file(path, mode)  # emptied
        time.sleep(WRITE_PAUSE)
        return stream

    file_utils.File = paused_file


def windows(data):
    """Training, validation and test windows over `data`'s rows (target: column 1)."""
    args = {"lookback": 12, "delay": 2, "batch_size": 16, "step": 1}
    return (rnnbook.ShuffledWindows(data, min_index=0, max_index=1200, batches=BATCHES,
                                    seed=rnnbook.seed(), **args),
            rnnbook.WindowDataset(data, min_index=1200, max_index=1500, **args),
            rnnbook.WindowDataset(data, min_index=1500, max_index=None, **args))


def series(rows, features=3):
    """A random walk that drifts back to 0 (AR(1)): the next values follow from the last."""
    noise = np.random.RandomState(1).normal(size=(rows, features))
    data = np.zeros_like(noise)
    for t in range(1, rows):
        data[t] = 0.9 * data[t - 1] + 0.45 * noise[t]
    return data.astype("float32")


def main(epochs, out):
    slow_backup_metadata()
    keras.utils.set_random_seed(rnnbook.seed())
    data = series(1800)
    training, validation, test = windows(data)
    model = keras.Sequential([keras.Input(shape=(None, 3)),
                              keras.layers.GRU(64, dropout=0.2, recurrent_dropout=0.2),
                              keras.layers.Dense(1)])
    # Not compiled by XLA as 07's models are on a CPU: the backup and the log are under test,
    # not the compiler, and XLA would compile again in each of the tests' 24 processes.
    model.compile(optimizer=keras.optimizers.RMSprop(), loss="mae", jit_compile=False)
    run = rnnbook.LongRun("worker", "GRU", model, epochs, data="random")
    if run.finished():
        run.load()
    else:
        pause = keras.callbacks.LambdaCallback(  # first: before LongRun marks the run finished
            on_train_batch_end=lambda batch, logs: time.sleep(PAUSE),
            on_train_end=lambda logs: time.sleep(WRITE_PAUSE))
        model.fit(training, epochs=epochs, shuffle=False, validation_data=validation,
                  callbacks=[pause, training.epoch_callback(), *run.callbacks()], verbose=2)
    last = {"last_test": model.evaluate(test, verbose=0),
            "iterations": int(model.optimizer.iterations)}  # steps taken, all epochs
    model.load_weights(run.best_weights())
    Path(out).write_text(json.dumps(last | {
        "history": run.history(), "best_val": model.evaluate(validation, verbose=0),
        "best_test": model.evaluate(test, verbose=0)}))


def child(epochs, out, log, checkpoints):
    """`main` in a process forked from a server that imported rnnbook and Keras (TensorFlow)
    and ran nothing: what the command line does, without importing TensorFlow again (about
    5 s of CPU a process). Its output goes to the file `log`."""
    os.environ.update(RNN_CHECKPOINTS_DIR=str(checkpoints), RNN_QUICK="1")
    os.environ.pop("RNN_SEED", None)
    stream = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(stream, 1)
    os.dup2(stream, 2)
    main(epochs, out)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
