"""Two fits in one process of an IMDB-like model (Embedding, then a recurrent layer), with the
same seed, for test_identical_runs.py (in a fresh process, so that KERAS_BACKEND picks the
backend).

    python imdb_identical_worker.py deterministic|default LAYER REVIEWS OUT.json

deterministic: rnnbook.deterministic_ops() first, as notebooks 03 and 04 do. The first
REVIEWS IMDB reviews, cut to 200 words: real text, whose common words many rows of a batch share
(random words rarely showed the varying sums).
"""

import json
import sys

import rnnbook

import keras  # noqa: E402

def fit(layer, words, labels):
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(None,)), keras.layers.Embedding(10000, 16),
                              getattr(keras.layers, layer)(8),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["acc"])
    history = model.fit(words, labels, epochs=1, batch_size=128, validation_split=0.2,
                        verbose=0)
    return history.history


def main(way, layer, reviews, out):
    if way == "deterministic":
        rnnbook.deterministic_ops()
    (texts, labels), _ = rnnbook.load_imdb(num_words=10000)
    words = keras.utils.pad_sequences(texts[: int(reviews)], maxlen=200)
    with open(out, "w") as f:
        json.dump([fit(layer, words, labels[: int(reviews)]) for _ in range(2)], f)


if __name__ == "__main__":
    main(*sys.argv[1:])
