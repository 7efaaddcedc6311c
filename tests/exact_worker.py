"""Two seeded fits of a small GRU with notebook 05's training and validation, for
test_exact_validation.py (run in a fresh process, so that KERAS_BACKEND picks the backend).

    python exact_worker.py generator|dataset OUT.json

Writes each fit's validation curve, and for the first fit the MAE of its model after each
epoch over all the validation windows, computed by NumPy from `predict`.
"""

import json
import sys
from pathlib import Path

import rnnbook  # noqa: E402  (before Keras)

import keras  # noqa: E402
import numpy as np  # noqa: E402

DATA = np.random.default_rng(0).normal(size=(1200, 3))
WINDOWS = dict(lookback=24, delay=6, batch_size=32, step=2)
VAL = dict(min_index=700, max_index=1000)


def fit(validation, exact=None):
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(None, 3)), keras.layers.GRU(8),
                              keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.RMSprop(), loss="mae",
                  jit_compile=rnnbook.jit_compile())
    dataset = rnnbook.WindowDataset(DATA, **WINDOWS, **VAL)
    if validation == "generator":  # the book's way: what Keras evaluates is not one pass
        data = rnnbook.fast_generator(DATA, **WINDOWS, **VAL)
    else:
        data = dataset
    samples = np.concatenate([dataset[i][0] for i in range(len(dataset))])
    targets = np.concatenate([dataset[i][1] for i in range(len(dataset))])
    check = keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: exact.append(
        float(np.mean(np.abs(model.predict(samples, verbose=0)[:, 0] - targets)))))
    train = rnnbook.fast_generator(DATA, **WINDOWS, min_index=0, max_index=699, shuffle=True)
    history = model.fit(train, steps_per_epoch=10, epochs=4, validation_data=data,
                        validation_steps=len(dataset), verbose=0,
                        callbacks=[] if exact is None else [check])
    return history.history["val_loss"]


if __name__ == "__main__":
    exact = []
    runs = [fit(sys.argv[1], exact), fit(sys.argv[1])]
    Path(sys.argv[2]).write_text(json.dumps({"runs": runs, "exact": exact}))
