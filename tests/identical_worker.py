"""Two fits in one process, as notebooks 05-07 run them, for test_identical_runs.py (in a fresh
process, so that KERAS_BACKEND picks the backend).

    python identical_worker.py indexed|generator OUT.json

indexed: training from ShuffledWindows, validation and test from a whole WindowDataset (the
notebooks' way). generator: the old way, training from the book's shuffling generator with
steps_per_epoch, and validation_steps shorter than the WindowDataset both fits share.
Writes both fits' histories and test losses, and after each epoch of the indexed way the MAE
of the model over all the validation windows, computed by NumPy from `predict`.
"""

import json
import sys

import rnnbook  # noqa: F401  (before Keras)

import keras  # noqa: E402
import numpy as np  # noqa: E402

DATA = np.random.default_rng(0).normal(size=(3000, 3)).astype("float32")
WINDOWS = dict(lookback=24, delay=6, batch_size=32, step=2)


def main(way, out):
    keras.utils.set_random_seed(0)
    training = rnnbook.ShuffledWindows(DATA, **WINDOWS, min_index=0, max_index=1500,
                                       batches=6, seed=0)
    validation = rnnbook.WindowDataset(DATA, **WINDOWS, min_index=1501, max_index=2400)
    samples = np.concatenate([validation[i][0] for i in range(len(validation))])
    targets = np.concatenate([validation[i][1] for i in range(len(validation))])
    short = None
    if way == "generator":
        training = rnnbook.fast_generator(DATA, **WINDOWS, min_index=0, max_index=1500,
                                          shuffle=True)
        short = 3  # of validation's 27 batches
    runs = []
    for layer in (keras.layers.Flatten(), keras.layers.GRU(4)):
        model = keras.Sequential([keras.Input(shape=(12, 3)), layer, keras.layers.Dense(1)])
        model.compile(optimizer=keras.optimizers.RMSprop(), loss="mae",
                      jit_compile=rnnbook.jit_compile())
        exact = []
        check = keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: exact.append(
            float(np.mean(np.abs(model.predict(samples, verbose=0)[:, 0] - targets)))))
        callbacks = [check] if short else [training.epoch_callback(), check]
        history = model.fit(training, epochs=3, shuffle=False, validation_data=validation,
                            steps_per_epoch=6 if short else None, validation_steps=short,
                            callbacks=callbacks, verbose=0)
        test = model.evaluate(validation, steps=short, verbose=0)
        runs.append({"history": history.history, "test": test, "exact": exact})
    with open(out, "w") as f:
        json.dump(runs, f)


if __name__ == "__main__":
    main(*sys.argv[1:])
