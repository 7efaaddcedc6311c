"""A small training run through rnnbook.fit_resumable, for the fault-injection tests.

    python resume_worker.py FOLDER EPOCHS OUT.json [VERBOSE]

Trains a GRU on random sequences with a shuffling generator (as the Jena notebooks do) and
writes the history it returns, and the test loss with the best weights, to OUT.json.
VERBOSE is `fit`'s (default 2, as notebook 07's).
RNN_FAULT_AT=<point> kills it there (see rnnbook.lessons.resume._fault).
"""

import json
import sys
from pathlib import Path

import rnnbook  # noqa: E402  (before Keras)
import rnnbook.lessons.resume

import keras  # noqa: E402
import numpy as np  # noqa: E402


def batches(data, targets, shuffle):
    i = 0
    while True:
        if shuffle:
            rows = np.random.randint(0, len(data), size=16)
        else:
            rows = np.arange(i, i + 16) % 64  # 4 batches a pass, as validation_steps
            i = (i + 16) % 64
        yield data[rows], targets[rows]


def main(folder, epochs, out, verbose=2):
    keras.utils.set_random_seed(0)
    data = np.random.RandomState(1).normal(size=(256, 12, 3))
    targets = data[:, -1, 1] + 0.1 * data[:, 0, 0]
    model = keras.Sequential([keras.Input(shape=(None, 3)),
                              keras.layers.GRU(4, dropout=0.2, recurrent_dropout=0.2),
                              keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.RMSprop(), loss="mae")
    key = rnnbook.run_key(model, data="random", epochs=epochs)
    history, best_weights = rnnbook.fit_resumable(
        model, folder, key, epochs, x=batches(data, targets, shuffle=True), steps_per_epoch=5,
        validation_data=batches(data, targets, shuffle=False), validation_steps=4, verbose=verbose)
    model.load_weights(best_weights)
    test_loss = model.evaluate(batches(data, targets, shuffle=False), steps=4, verbose=0)
    Path(out).write_text(json.dumps({"history": history, "test_loss": test_loss}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], *map(int, sys.argv[4:5]))
