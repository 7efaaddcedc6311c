"""Keras 2.0.8 against Keras 3: does a changed default explain the LSTM's gap to the book?

    python -m study.keras2 [SETTING ...] [--seeds 0 1 2]     (`make keras2`)

The book's LSTM on IMDB (Embedding(10000, 32), LSTM(32), Dense; RMSprop; 10 epochs) reached a
best validation accuracy of 0.8928 in one run on Keras 2.0.8. For this model two defaults
changed since; the initialisers did not (Glorot-uniform kernels, orthogonal recurrent kernel,
forget-gate bias 1, Embedding uniform in ±0.05, in both versions):

  recurrent_activation  Keras 2: hard_sigmoid, clip(0.2 x + 0.5, 0, 1)
                        Keras 3: sigmoid (Keras 3's own hard_sigmoid has slope 1/6, not 0.2)
  RMSprop step          Keras 2: lr * g / (sqrt(v) + 1e-8)
                        Keras 3: lr * g / sqrt(v + 1e-7): smaller steps wherever v is below
                        ~1e-7, e.g. the embeddings of rarely seen words

(GRU's reset_after, False -> True, is the third change; notebook 04 shows what it does to the
parameter count. It does not touch the LSTM.)

SETTING is one or more of: keras3 (today's defaults), hard_sigmoid, rmsprop, keras2 (both);
default: keras3 and keras2. Each run trains notebook 03's LSTM with the book's protocol (the
quick profile: a subset, 2 epochs) and is saved as soon as it ends, atomically:
results/<profile>/keras2/<setting>/seed<N>.json. `make report` compares them.
"""

import argparse
import json
import time
from datetime import datetime, timezone

import rnnbook  # before Keras: TensorFlow's environment
from rnnbook.data.files import write_atomic
from study import records
import keras  # noqa: E402
from keras import layers  # noqa: E402

SETTINGS = {  # name: (Keras 2's recurrent activation?, Keras 2's RMSprop step?)
    "keras3": (False, False),
    "hard_sigmoid": (True, False),
    "rmsprop": (False, True),
    "keras2": (True, True),
}


def keras2_hard_sigmoid(x):
    """Keras 2's hard sigmoid: slope 0.2, flat beyond ±2.5."""
    return keras.ops.clip(0.2 * x + 0.5, 0.0, 1.0)


def keras2_rmsprop():
    # Keras 3 adds epsilon under the square root, Keras 2 added 1e-8 after it. sqrt(v + 1e-16)
    # is sqrt(v) + 1e-8 wherever sqrt(v) >> 1e-8, and never more than 1.42x apart below.
    return keras.optimizers.RMSprop(epsilon=1e-16)


def lstm_model(setting):
    old_activation, old_rmsprop = SETTINGS[setting]
    activation = keras2_hard_sigmoid if old_activation else "sigmoid"
    model = keras.Sequential([keras.Input(shape=(None,)), layers.Embedding(10000, 32),
                              layers.LSTM(32, recurrent_activation=activation),
                              layers.Dense(1, activation="sigmoid")])
    optimizer = keras2_rmsprop() if old_rmsprop else keras.optimizers.RMSprop()
    model.compile(optimizer=optimizer, loss="binary_crossentropy", metrics=["acc"])
    return model


def run(setting, seed, data):
    (x_train, y_train), (x_test, y_test) = data
    keras.utils.set_random_seed(seed)
    model = lstm_model(setting)
    epochs = rnnbook.pick(full=10, quick=2)
    start = time.perf_counter()
    history = model.fit(x_train, y_train, epochs=epochs, batch_size=128, validation_split=0.2,
                        verbose=0)
    seconds = (time.perf_counter() - start) / epochs
    _, test_acc = model.evaluate(x_test, y_test, verbose=0)
    record = {"setting": setting, "seed": seed, "profile": rnnbook.profile(),
              "backend": keras.backend.backend(), "code": records.code_version(),
              "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "model": rnnbook.imdb_record(history, test_acc, seconds)}
    path = records.RESULTS_DIR / rnnbook.profile() / "keras2" / setting / f"seed{seed}.json"
    write_atomic(path, json.dumps(record, indent=1, allow_nan=False) + "\n")
    return record["model"], path


def imdb_data():
    (x_train, y_train), (x_test, y_test) = rnnbook.load_imdb(num_words=10000)
    x_train = keras.utils.pad_sequences(x_train, maxlen=500)
    x_test = keras.utils.pad_sequences(x_test, maxlen=500)
    size = rnnbook.pick(full=len(x_train), quick=2000)
    return (x_train[:size], y_train[:size]), (x_test[:size], y_test[:size])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("settings", nargs="*", metavar="SETTING")
    parser.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2])
    args = parser.parse_args(argv)
    unknown = [name for name in args.settings if name not in SETTINGS]
    if unknown:  # checked here: argparse's `choices` refuses an empty list of settings
        parser.error(f"invalid choice: {', '.join(map(repr, unknown))} (choose from "
                     f"{', '.join(SETTINGS)})")
    settings = args.settings or ["keras3", "keras2"]
    data = imdb_data()  # a missing or bad data file is said before any training
    for seed in args.seeds:
        for setting in settings:
            m, path = run(setting, seed, data)
            print(f"{setting:12} seed {seed}: best val_acc {m['best_val_acc']:.4f} (epoch "
                  f"{m['best_epoch']}), test {m['test_acc']:.4f}, {m['seconds_per_epoch']:.1f}"
                  f" s/epoch -> {path.relative_to(records.RESULTS_DIR.parent)}", flush=True)


if __name__ == "__main__":
    main()
