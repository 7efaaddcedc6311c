"""The red-team corpus of exercises 02e and 04e: answers as students write them, each with the
verdict it must get (tests/test_redteam_02e_04e.py runs them all).

Right answers come in every valid form (NumPy arrays, float32, lists, dicts, np.dot or @,
the functional API, RNN(cell), Bidirectional, Activation layers, ...); wrong ones the ways
students get them wrong, each with a phrase its message must hold (what it must teach).
An answer is built lazily: `make()` returns the arguments `check()` gets. The ones that train
a model are marked slow (a few seconds each, on small data).
"""

import random

import numpy as np

from redteam import Corpus
from rnnbook.exercises.lstm_gru import _gru_variant as gru  # the check's mistakes, made
from rnnbook.exercises.reber import REBER, SYMBOLS, encode, twin, why_not_embedded


ANSWERS = Corpus()
right, wrong = ANSWERS.right, ANSWERS.wrong


def one(value):
    """make() for a check of one argument."""
    return lambda: (value,)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


# ---------------------------------------------------------------- 02e q1: the SimpleRNN step
Q = "02e.q1"
right(Q, "solution", one(lambda x, h, k, r, b: np.tanh(x @ k + h @ r + b)))
right(Q, "np.dot", one(lambda x, h, k, r, b: np.tanh(np.dot(x, k) + np.dot(h, r) + b)))
right(Q, "transposes, the book's way", one(lambda x, h, k, r, b: np.tanh(k.T @ x + r.T @ h + b)))
right(Q, "float32", one(lambda x, h, k, r, b: np.tanh(
    x.astype("float32") @ k.astype("float32") + h.astype("float32") @ r.astype("float32")
    + b.astype("float32"))))
right(Q, "einsum", one(lambda x, h, k, r, b: np.tanh(np.einsum("i,ij->j", x, k)
                                                     + np.einsum("i,ij->j", h, r) + b)))
right(Q, "a list", one(lambda x, h, k, r, b: list(np.tanh(x @ k + h @ r + b))))


def _loop_step(x_t, h_prev, kernel, recurrent_kernel, bias):
    state = []
    for unit in range(kernel.shape[1]):
        total = bias[unit] + sum(x_t[i] * kernel[i, unit] for i in range(len(x_t)))
        total += sum(h_prev[j] * recurrent_kernel[j, unit] for j in range(len(h_prev)))
        state.append(np.tanh(total))
    return np.array(state)


right(Q, "loops over units", one(_loop_step))
wrong(Q, "no tanh", one(lambda x, h, k, r, b: x @ k + h @ r + b), "apply np.tanh")
wrong(Q, "relu", one(lambda x, h, k, r, b: np.maximum(0, x @ k + h @ r + b)), "relu")
wrong(Q, "sigmoid", one(lambda x, h, k, r, b: sigmoid(x @ k + h @ r + b)), "sigmoid")
wrong(Q, "no bias", one(lambda x, h, k, r, b: np.tanh(x @ k + h @ r)), "bias is missing")
wrong(Q, "U @ h", one(lambda x, h, k, r, b: np.tanh(x @ k + r @ h + b)),
      "not recurrent_kernel @ h_prev")
wrong(Q, "no state", one(lambda x, h, k, r, b: np.tanh(x @ k + b)), "ignores the previous state")
wrong(Q, "bias outside", one(lambda x, h, k, r, b: np.tanh(x @ k + h @ r) + b), "inside the tanh")
wrong(Q, "book orientation", one(lambda x, h, k, r, b: np.tanh(k @ x + r @ h + b)),
      "the input term is x_t @ kernel")
wrong(Q, "half the state", one(lambda x, h, k, r, b: np.tanh(x @ k + 0.5 * h @ r + b)),
      "step 2 differs")
wrong(Q, "tanh of each term", one(lambda x, h, k, r, b: np.tanh(x @ k) + np.tanh(h @ r) + b),
      "already differs")
wrong(Q, "summed state", one(lambda x, h, k, r, b: np.tanh(x @ k + h @ r + b).sum()),
      "shape ()")
wrong(Q, "a batch axis", one(lambda x, h, k, r, b: np.tanh(x @ k + h @ r + b)[None]),
      "shape (1, 3)")
wrong(Q, "a string", one(lambda x, h, k, r, b: "tanh"), "returns str")
wrong(Q, "undefined name", one(lambda x, h, k, r, b: tanh(x @ k + h @ r + b)),  # noqa: F821
      "NameError", student_raises=True)
wrong(Q, "stub", one(lambda x, h, k, r, b: None), "no answer yet")
# Review 35: right numbers, rounded (or computed coarsely): the message says how close they
# are, not to look at the input term, the bias and the activation.
right(Q, "rounded to 6 decimals", one(lambda x, h, k, r, b: np.round(np.tanh(x @ k + h @ r + b),
                                                                      6)))
wrong(Q, "rounded to 2 decimals", one(lambda x, h, k, r, b: np.round(np.tanh(x @ k + h @ r + b),
                                                                      2)), "close to Keras'")
wrong(Q, "rounded to 3 decimals", one(lambda x, h, k, r, b: np.round(np.tanh(x @ k + h @ r + b),
                                                                      3)), "close to Keras'")
wrong(Q, "float16", one(lambda x, h, k, r, b: np.tanh((x @ k + h @ r + b).astype("float16"))),
      "lower precision")
wrong(Q, "not a function", one("np.tanh(x_t @ kernel + h_prev @ recurrent_kernel + bias)"),
      "expected a function")

# ---------------------------------------------------------------- 02e q2: output shapes
Q = "02e.q2"
right(Q, "tuples", lambda: ((5, 16), (5, 12, 16), (5, 4), (5, 12, 1)))
right(Q, "lists", lambda: ([5, 16], [5, 12, 16], [5, 4], [5, 12, 1]))
right(Q, "NumPy arrays", lambda: tuple(np.array(s) for s in [(5, 16), (5, 12, 16), (5, 4),
                                                              (5, 12, 1)]))
right(Q, "NumPy integers", lambda: ((np.int64(5), np.int32(16)), (5, 12, 16), (5, 4), (5, 12, 1)))
right(Q, "whole floats", lambda: ((5.0, 16.0), (5, 12, 16), (5, 4), (5, 12, 1)))
right(Q, "one tuple of four", lambda: (((5, 16), (5, 12, 16), (5, 4), (5, 12, 1)),))
right(Q, "shapes of arrays", lambda: tuple(np.zeros(s).shape for s in [(5, 16), (5, 12, 16),
                                                                        (5, 4), (5, 12, 1)]))
wrong(Q, "a with the time axis", lambda: ((5, 12, 16), (5, 12, 16), (5, 4), (5, 12, 1)),
      "only its last output")
wrong(Q, "b without it", lambda: ((5, 16), (5, 16), (5, 4), (5, 12, 1)), "keeps the time axis")
wrong(Q, "b axes swapped", lambda: ((5, 16), (5, 16, 12), (5, 4), (5, 12, 1)),
      "the time axis comes before the units")
wrong(Q, "c the first layer's", lambda: ((5, 16), (5, 12, 16), (5, 16), (5, 12, 1)),
      "its last layer")
wrong(Q, "c with the time axis", lambda: ((5, 16), (5, 12, 16), (5, 12, 4), (5, 12, 1)),
      "no return_sequences")
wrong(Q, "d without the time axis", lambda: ((5, 16), (5, 12, 16), (5, 4), (5, 1)),
      "the time axis stays")
wrong(Q, "d the LSTM's", lambda: ((5, 16), (5, 12, 16), (5, 4), (5, 12, 16)),
      "comes after the LSTM")
wrong(Q, "no batch axis", lambda: ((16,), (12, 16), (4,), (12, 1)), "no batch axis")
wrong(Q, "the input's features", lambda: ((5, 8), (5, 12, 16), (5, 4), (5, 12, 1)),
      "not the input's 8 features")
wrong(Q, "None for the batch", lambda: ((None, 16), (None, 12, 16), (None, 4), (None, 12, 1)),
      "holds None")
wrong(Q, "strings", lambda: ("(5, 16)", "(5, 12, 16)", "(5, 4)", "(5, 12, 1)"),
      "a tuple of whole numbers")
wrong(Q, "one left out", lambda: ((5, 16), None, (5, 4), (5, 12, 1)), "(b) has no answer yet")
wrong(Q, "three shapes", lambda: ((5, 16), (5, 12, 16), (5, 4)), "give the four shapes")
wrong(Q, "a fraction", lambda: ((5, 16.5), (5, 12, 16), (5, 4), (5, 12, 1)), "whole numbers")

# ---------------------------------------------------------------- 02e q3: parameter counts
Q = "02e.q3"
COUNTS = [32000, 200, 1008, 216, 5]
right(Q, "a list", one(list(COUNTS)))
right(Q, "formulas", one([2000 * 16, 8 * 8 + 16 * 8 + 8, 4 * (12 * 12 + 8 * 12 + 12),
                          3 * (4 * 4 + 12 * 4 + 2 * 4), 4 + 1]))
right(Q, "a tuple", one(tuple(COUNTS)))
right(Q, "an int array", one(np.array(COUNTS)))
right(Q, "a float32 array", one(np.array(COUNTS, dtype="float32")))
right(Q, "NumPy integers", one([np.int64(c) for c in COUNTS]))
right(Q, "floats", one([float(c) for c in COUNTS]))
right(Q, "a dict", one(dict(zip(["Embedding", "SimpleRNN", "LSTM", "GRU", "Dense"], COUNTS))))
right(Q, "a lower-case dict", one(dict(zip(["embedding", "simplernn", "lstm", "gru", "dense"],
                                           COUNTS))))
# Review 35: dicts keyed as Keras names the layers, with its suffixes after a rebuild
KERAS_NAMES = ["embedding", "simple_rnn", "lstm", "gru", "dense"]
right(Q, "Keras' layer names", one(dict(zip(KERAS_NAMES, COUNTS))))
right(Q, "Keras' names after rebuilds", one(dict(zip(
    ["embedding_1", "simple_rnn_2", "lstm_1", "gru_12", "dense_3"], COUNTS))))


def _counts_by_layer_name():
    """{layer.name: layer.count_params()} of the task's model, built twice (so its names
    carry Keras' suffixes), as a student may write it."""
    import keras

    layers = _layers()
    for _ in range(2):
        model = keras.Sequential([keras.Input(shape=(None,)), layers.Embedding(2000, 16),
                                  layers.SimpleRNN(8, return_sequences=True),
                                  layers.LSTM(12, return_sequences=True), layers.GRU(4),
                                  layers.Dense(1, activation="sigmoid")])
    return ({layer.name: layer.count_params() for layer in model.layers},)


right(Q, "{layer.name: layer.count_params()}", _counts_by_layer_name)


def counts_with(layer, value):
    counts = list(COUNTS)
    counts[["Embedding", "SimpleRNN", "LSTM", "GRU", "Dense"].index(layer)] = value
    return one(counts)


wrong(Q, "SimpleRNN reads 8", counts_with("SimpleRNN", 136), "16 features")
wrong(Q, "SimpleRNN without bias", counts_with("SimpleRNN", 192), "bias is missing")
wrong(Q, "LSTM one transformation", counts_with("LSTM", 252), "an LSTM has four")
wrong(Q, "LSTM reads 16", counts_with("LSTM", 1392), "8 outputs")
wrong(Q, "LSTM without biases", counts_with("LSTM", 960), "biases are missing")
wrong(Q, "GRU reset_after=False", counts_with("GRU", 204), "reset_after=False")
wrong(Q, "GRU four transformations", counts_with("GRU", 288), "a GRU has three")
wrong(Q, "GRU reads 8", counts_with("GRU", 168), "12 outputs")
wrong(Q, "Dense without bias", counts_with("Dense", 4), "a bias too")
wrong(Q, "Embedding one per word", counts_with("Embedding", 2000), "a vector of 16")
wrong(Q, "Embedding off by a row", counts_with("Embedding", 32016), "more than Keras counts")
wrong(Q, "LSTM a little short", counts_with("LSTM", 1000), "fewer than Keras counts")
wrong(Q, "a count as text", counts_with("SimpleRNN", "200"), "not a whole number")
wrong(Q, "a fraction", counts_with("GRU", 216.5), "not a whole number")
wrong(Q, "one missing", counts_with("Dense", None), "Dense has no answer yet")
wrong(Q, "four counts", one(COUNTS[:4]), "give a list of 5 counts")
wrong(Q, "the total", one(33429), "give a list of 5 counts")
wrong(Q, "a 2-D array", one(np.array([COUNTS])), "a flat list")
wrong(Q, "a dict short of layers", one({"Embedding": 32000, "LSTM": 1008}),
      "no count for SimpleRNN")
wrong(Q, "SimpleRNN without its recurrent kernel", counts_with("SimpleRNN", 136),
      "recurrent kernel")  # 16·8 + 8, the same count as reading 8 features
wrong(Q, "two counts for one layer", one({**dict(zip(KERAS_NAMES, COUNTS)), "lstm_1": 1000}),
      "two counts for LSTM")
# Review 35-student-2: keys as model.summary() prints the layers, and the layer classes
right(Q, "keys as summary() prints them", one(dict(zip(
    ["embedding (Embedding)", "simple_rnn (SimpleRNN)", "lstm (LSTM)", "gru (GRU)",
     "dense (Dense)"], COUNTS))))
right(Q, "summary() keys after rebuilds", one(dict(zip(
    ["embedding_1 (Embedding)", "simple_rnn_2 (SimpleRNN)", "lstm_1 (LSTM)", "gru_3 (GRU)",
     "dense_4 (Dense)"], COUNTS))))
right(Q, "the layer classes as keys", lambda: (dict(zip(
    [getattr(_layers(), name) for name in ["Embedding", "SimpleRNN", "LSTM", "GRU", "Dense"]],
    COUNTS)),))
wrong(Q, "summary() keys, a count wrong", one(dict(zip(
    ["embedding (Embedding)", "simple_rnn (SimpleRNN)", "lstm (LSTM)", "gru (GRU)",
     "dense (Dense)"], [32000, 200, 1008, 204, 5]))), "reset_after=False")
wrong(Q, "the layer classes, one missing", lambda: (dict(zip(
    [getattr(_layers(), name) for name in ["Embedding", "SimpleRNN", "LSTM", "GRU"]],
    COUNTS)),), "no count for Dense")

# ---------------------------------------------------------------- 02e q4, q5: choices
for Q, answer, others in [("02e.q4", "B", "ACD"), ("02e.q5", "C", "ABD")]:
    right(Q, "upper case", one(answer))
    right(Q, "lower case, spaces", one(f" {answer.lower()} "))
    for letter in others:
        wrong(Q, f"option {letter}", one(letter), f"{letter} is not it")
    wrong(Q, "two letters", one("BC"), "one letter")
    wrong(Q, "a number", one(2), "one letter")
    wrong(Q, "empty", one(None), "no answer yet")


# ---------------------------------------------------------------- 02e q6: the video model
Q = "02e.q6"


def video(*middle, head=None, inputs=(10, 32, 32, 3)):
    import keras
    from keras import layers

    head = head or [layers.Dense(5, activation="softmax")]
    return keras.Sequential([keras.Input(shape=inputs), *middle, *head])


def per_frame(filters=4):
    from keras import layers

    return [layers.TimeDistributed(layers.Conv2D(filters, 3, activation="relu")),
            layers.TimeDistributed(layers.GlobalAveragePooling2D())]


def video_answer(build):
    return lambda: (build(),)


def _layers():
    from keras import layers

    return layers


right(Q, "solution", video_answer(lambda: video(
    _layers().TimeDistributed(_layers().Conv2D(16, 3, activation="relu")),
    _layers().TimeDistributed(_layers().MaxPooling2D(2)),
    _layers().TimeDistributed(_layers().GlobalAveragePooling2D()), _layers().LSTM(32))))
right(Q, "GRU", video_answer(lambda: video(*per_frame(), _layers().GRU(8))))
right(Q, "Bidirectional(LSTM)", video_answer(
    lambda: video(*per_frame(), _layers().Bidirectional(_layers().LSTM(8)))))
right(Q, "RNN(LSTMCell)", video_answer(
    lambda: video(*per_frame(), _layers().RNN(_layers().LSTMCell(8)))))
right(Q, "Activation layer", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(8),
    head=[_layers().Dense(5), _layers().Activation("softmax")])))
right(Q, "Softmax layer", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(8), head=[_layers().Dense(5), _layers().Softmax()])))
right(Q, "Flatten per frame", video_answer(lambda: video(
    _layers().TimeDistributed(_layers().Conv2D(2, 3, strides=4)),
    _layers().TimeDistributed(_layers().Flatten()), _layers().LSTM(8))))
right(Q, "any number of frames", video_answer(
    lambda: video(*per_frame(), _layers().LSTM(8), inputs=(None, 32, 32, 3))))
right(Q, "stacked LSTMs", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(8, return_sequences=True), _layers().LSTM(8))))
right(Q, "pooled over time", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(8, return_sequences=True),
    _layers().GlobalAveragePooling1D())))
right(Q, "SeparableConv2D", video_answer(lambda: video(
    _layers().TimeDistributed(_layers().SeparableConv2D(4, 3)),
    _layers().TimeDistributed(_layers().GlobalAveragePooling2D()), _layers().LSTM(8))))


def _nested_cnn():
    import keras

    layers = _layers()
    cnn = keras.Sequential([layers.Conv2D(4, 3, activation="relu"),
                            layers.GlobalAveragePooling2D()])
    return video(layers.TimeDistributed(cnn), layers.LSTM(8))


right(Q, "a CNN model per frame", video_answer(_nested_cnn))


def _functional():
    import keras

    layers = _layers()
    clips = keras.Input(shape=(10, 32, 32, 3))
    x = layers.TimeDistributed(layers.Conv2D(4, 3, activation="relu"))(clips)
    x = layers.TimeDistributed(layers.GlobalMaxPooling2D())(x)
    x = layers.LSTM(8)(x)
    return keras.Model(clips, layers.Dense(5, activation="softmax")(x))


right(Q, "functional API", video_answer(_functional))


def _sequential_without_input():
    import keras

    layers = _layers()
    return keras.Sequential([*per_frame(), layers.LSTM(8), layers.Dense(5, activation="softmax")])


right(Q, "no Input layer", video_answer(_sequential_without_input))
right(Q, "activation=keras.activations.softmax", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(8), head=[_layers().Dense(
        5, activation=__import__("keras").activations.softmax)])))
# Review 35's two debatable answers, accepted by decision: each reads the frames in order
# with a recurrent layer and ends with one softmax over the 5 classes.
right(Q, "every output, flattened", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(8, return_sequences=True), _layers().Flatten())))
right(Q, "a class per frame, averaged", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(8, return_sequences=True),
    head=[_layers().TimeDistributed(_layers().Dense(5, activation="softmax")),
          _layers().GlobalAveragePooling1D()])))
# Review 35: a softmax over probabilities (they still sum to 1, squashed toward 1/5)
wrong(Q, "softmax, then Softmax()", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(8),
    head=[_layers().Dense(5, activation="softmax"), _layers().Softmax()])), "softmax twice")
wrong(Q, "softmax, then Activation('softmax')", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(8),
    head=[_layers().Dense(5, activation="softmax"), _layers().Activation("softmax")])),
      "toward 1/5")
wrong(Q, "a class per frame", video_answer(
    lambda: video(*per_frame(), _layers().LSTM(8, return_sequences=True))), "a class per frame")
wrong(Q, "no softmax", video_answer(
    lambda: video(*per_frame(), _layers().LSTM(8), head=[_layers().Dense(5)])),
      "activation='softmax'")
wrong(Q, "sigmoid", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(8), head=[_layers().Dense(5, activation="sigmoid")])),
      "activation='softmax'")
wrong(Q, "3 classes", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(8), head=[_layers().Dense(3, activation="softmax")])),
      "one probability per class")
wrong(Q, "no convolution", video_answer(
    lambda: video(_layers().Reshape((10, 32 * 32 * 3)), _layers().LSTM(8))),
      "no TimeDistributed(Conv2D")
wrong(Q, "Conv3D over the clip", video_answer(lambda: video(
    _layers().Conv3D(4, 3), _layers().Reshape((8, -1)), _layers().LSTM(8))),
      "no TimeDistributed(Conv2D")
wrong(Q, "no recurrent layer", video_answer(
    lambda: video(*per_frame(), _layers().GlobalAveragePooling1D())), "no recurrent layer")
wrong(Q, "RNN before the CNN", video_answer(lambda: video(
    _layers().Reshape((10, 32 * 32 * 3)), _layers().LSTM(64, return_sequences=True),
    _layers().Reshape((10, 8, 8, 1)), *per_frame(), _layers().GlobalAveragePooling1D())),
      "comes before the convolution")


def _conv2d_on_the_clip():
    import keras

    layers = _layers()  # no Input: the model fails when it first sees a clip, in the check
    return keras.Sequential([layers.Conv2D(4, 3), layers.LSTM(8),
                             layers.Dense(5, activation="softmax")])


wrong(Q, "Conv2D on the clip", video_answer(_conv2d_on_the_clip), "cannot read clips")
wrong(Q, "flat frames", video_answer(
    lambda: video(_layers().LSTM(8), inputs=(10, 32 * 32 * 3))), "cannot read clips")
wrong(Q, "a string", one("video_model"), "expected a Keras model")
wrong(Q, "empty", one(None), "no answer yet")
# Review 35-student-2: a bounded activation feeding the final softmax (no class can reach 1),
# and a layer after it that changes the probabilities in training (Dropout)
wrong(Q, "sigmoid, then Softmax()", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(8),
    head=[_layers().Dense(5, activation="sigmoid"), _layers().Softmax()])), "no class can reach")
wrong(Q, "tanh, then Softmax()", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(8),
    head=[_layers().Dense(5, activation="tanh"), _layers().Softmax()])), "between -1 and 1")
wrong(Q, "softsign, then Activation('softmax')", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(8),
    head=[_layers().Dense(5, activation="softsign"), _layers().Activation("softmax")])),
      "no class can reach")
wrong(Q, "hard_sigmoid, then Dropout, then Softmax()", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(8),
    head=[_layers().Dense(5, activation="hard_sigmoid"), _layers().Dropout(0.2),
          _layers().Softmax()])), "no class can reach")
wrong(Q, "sigmoid, then Lambda(keras.ops.softmax)", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(8),
    head=[_layers().Dense(5, activation="sigmoid"),
          _layers().Lambda(__import__("keras").ops.softmax)])), "no class can reach")
wrong(Q, "LSTM(5), then Softmax()", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(5), head=[_layers().Softmax()])), "no class can reach")
wrong(Q, "softmax, then Dropout(0.5)", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(8),
    head=[_layers().Dense(5, activation="softmax"), _layers().Dropout(0.5)])), "in training")
wrong(Q, "softmax, then GaussianNoise", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(8),
    head=[_layers().Dense(5, activation="softmax"), _layers().GaussianNoise(0.1)])),
      "in training")
right(Q, "Lambda(keras.ops.softmax)", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(8),
    head=[_layers().Dense(5), _layers().Lambda(__import__("keras").ops.softmax)])))
right(Q, "relu, then Dense(5, softmax)", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(8),
    head=[_layers().Dense(16, activation="relu"), _layers().Dense(5, activation="softmax")])))
right(Q, "tanh, then Dense(5, softmax)", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(8),
    head=[_layers().Dense(16, activation="tanh"), _layers().Dense(5, activation="softmax")])))
right(Q, "Dropout, then Dense(5, softmax)", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(8),
    head=[_layers().Dropout(0.5), _layers().Dense(5, activation="softmax")])))
right(Q, "Dense(5), Dropout, Softmax()", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(8),
    head=[_layers().Dense(5), _layers().Dropout(0.5), _layers().Softmax()])))
right(Q, "Softmax(axis=1)", video_answer(lambda: video(
    *per_frame(), _layers().LSTM(8), head=[_layers().Dense(5), _layers().Softmax(axis=1)])))


# ---------------------------------------------------------------- 04e q1: the LSTM step
def lstm(order="ifco", forget=True, input_gate=True, output_tanh=True, new_carry=True,
         gate=sigmoid, candidate=np.tanh, bias_on=True, recurrent=True, swap=False,
         carry_scale=1.0):
    """A student's LSTM step, right with the defaults; each argument one way to get it wrong."""
    def lstm_step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
        z = x_t @ kernel + (h_prev @ recurrent_kernel if recurrent else 0) + (
            bias if bias_on else 0)
        parts = dict(zip(order, np.split(z, 4)))
        i, f, o = gate(parts["i"]), gate(parts["f"]), gate(parts["o"])
        c = (f * c_prev if forget else c_prev) + (i if input_gate else 1) * candidate(parts["c"])
        h = o * (np.tanh(c if new_carry else c_prev) if output_tanh else c)
        return (c, h) if swap else (h, c * carry_scale)
    return lstm_step


def _lstm_by_columns(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    units = h_prev.shape[0]
    block = lambda k: (x_t @ kernel[:, k * units:(k + 1) * units]  # noqa: E731
                       + h_prev @ recurrent_kernel[:, k * units:(k + 1) * units]
                       + bias[k * units:(k + 1) * units])
    i, f, o = sigmoid(block(0)), sigmoid(block(1)), sigmoid(block(3))
    c = f * c_prev + i * np.tanh(block(2))
    return [o * np.tanh(c), c]


def _lstm_float32(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    cast = [np.asarray(a, dtype="float32") for a in (x_t, h_prev, c_prev, kernel,
                                                      recurrent_kernel, bias)]
    return lstm()(*cast)


Q = "04e.q1"
right(Q, "solution", one(lstm()))
right(Q, "columns by units, a list", one(_lstm_by_columns))
right(Q, "float32", one(_lstm_float32))


def _lstm_np_dot(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    z = np.dot(x_t, kernel) + np.dot(h_prev, recurrent_kernel) + bias
    i, f, c_hat, o = np.split(z, 4)
    c = sigmoid(f) * c_prev + sigmoid(i) * np.tanh(c_hat)
    return sigmoid(o) * np.tanh(c), c


right(Q, "np.dot", one(_lstm_np_dot))
for order in ["ifoc", "icfo", "fico", "oicf"]:
    wrong(Q, f"gates {order}", one(lstm(order=order)), "another order")
wrong(Q, "no forget gate", one(lstm(forget=False)), "scaled by the forget gate")
wrong(Q, "no input gate", one(lstm(input_gate=False)), "scaled by the input gate")
wrong(Q, "h = o * c", one(lstm(output_tanh=False)), "squash the new carry")
wrong(Q, "tanh of the old carry", one(lstm(new_carry=False)), "not c_prev")
wrong(Q, "candidate sigmoid", one(lstm(candidate=sigmoid)), "candidate is a tanh")
wrong(Q, "gates tanh", one(lstm(gate=np.tanh)), "are sigmoids")
wrong(Q, "no bias", one(lstm(bias_on=False)), "bias is missing")
wrong(Q, "no recurrence", one(lstm(recurrent=False)), "ignores h_prev")
wrong(Q, "(c, h)", one(lstm(swap=True)), "return (h, c)")
wrong(Q, "h only", one(lambda *args: lstm()(*args)[0]), "return a pair (h, c)")
wrong(Q, "a carry half as big", one(lstm(carry_scale=0.5)), "step 2 differs")
wrong(Q, "kernel @ x", one(lambda x, h, c, k, r, b: lstm()(x, h, c, k.T, r.T, b)),
      "the input term is x_t @ kernel")
wrong(Q, "stub", one(lambda *args: None), "no answer yet")
right(Q, "np.stack([h, c])", one(lambda *args: np.stack(lstm()(*args))))  # unpacks as a pair
# Review 35-student-2: Keras' cell form (output, [h, c]) is refused with a message naming it
wrong(Q, "Keras' cell form (h, [h, c])", one(lambda *args: (lstm()(*args)[0],
                                                             list(lstm()(*args)))),
      "Keras' cell form")
wrong(Q, "Keras' cell form (h, (h, c))", one(lambda *args: (lstm()(*args)[0],
                                                             tuple(lstm()(*args)))),
      "return the pair (h, c)")
wrong(Q, "rounded to 2 decimals", one(lambda *args: tuple(np.round(v, 2)
                                                          for v in lstm()(*args))),
      "close to Keras'")


# ---------------------------------------------------------------- 04e q2: the GRU step
def _gru_by_columns(x_t, h_prev, kernel, recurrent_kernel, bias):
    units = len(h_prev)
    input_bias, state_bias = bias
    x = x_t @ kernel + input_bias
    h = h_prev @ recurrent_kernel + state_bias
    z = sigmoid(x[:units] + h[:units])
    r = sigmoid(x[units:2 * units] + h[units:2 * units])
    candidate = np.tanh(x[2 * units:] + r * h[2 * units:])
    return z * h_prev + (1 - z) * candidate


Q = "04e.q2"
right(Q, "solution", one(gru()))
right(Q, "slices by units", one(_gru_by_columns))
right(Q, "float32", one(lambda x, h, k, r, b: gru()(*[np.asarray(a, dtype="float32")
                                                       for a in (x, h, k, r, b)])))
right(Q, "a list", one(lambda *args: gru()(*args).tolist()))
wrong(Q, "reset_after=False", one(gru(reset_after=False)), "reset_after=False")
wrong(Q, "z the other way", one(gru(swap_z=True)), "z weights the old state")
for order in ["rzh", "hzr", "zhr"]:
    wrong(Q, f"gates {order}", one(gru(order=order)), "another order")
wrong(Q, "one bias", one(gru(biases=1)), "state's bias is missing")
wrong(Q, "no bias", one(gru(biases=0)), "biases are missing")
wrong(Q, "state bias outside the reset", one(gru(state_bias_outside=True)),
      "inside the reset gate")
wrong(Q, "no reset gate", one(gru(reset=False)), "reset gate is missing")
wrong(Q, "candidate sigmoid", one(gru(candidate=sigmoid)), "candidate is a tanh")
wrong(Q, "the whole bias added", one(lambda x, h, k, r, b: np.tanh(x @ k + h @ r + b)),
      "shape (2, 9)")
wrong(Q, "stub", one(lambda *args: None), "no answer yet")
wrong(Q, "rounded to 2 decimals", one(lambda *args: np.round(gru()(*args), 2)),
      "close to Keras'")
wrong(Q, "z from the input only", one(
    lambda x, h, k, r, b: gru()(x, h, k, np.concatenate([0 * r[:, :3], r[:, 3:]], axis=1), b)),
      "step 2 differs")


# ---------------------------------------------------------------- 04e q3: Reber strings
def walk(rng, pick=lambda rng, n: rng.integers(n), table=REBER):
    state, letters = 0, []
    while state is not None:
        letter, state = table[state][pick(rng, len(table[state]))]
        letters.append(letter)
    return "".join(letters)


def embedded(inner=walk, branch=lambda rng: "TP"[rng.integers(2)]):
    def embedded_reber(rng):
        x = branch(rng)
        return "B" + x + inner(rng) + x + "E"
    return embedded_reber


def _recursive(rng, state=0):
    if state is None:
        return ""
    letter, after = REBER[state][rng.integers(len(REBER[state]))]
    return letter + _recursive(rng, after)


TABLE = {0: "B1", 1: "T2P3", 2: "S2X4", 3: "T3V5", 4: "X3S6", 5: "P4V6", 6: "E."}


def _from_a_table(rng):
    state, letters = "0", ""
    while state != ".":
        edges = TABLE[int(state)]
        k = rng.choice(len(edges) // 2)
        letters, state = letters + edges[2 * k], edges[2 * k + 1]
    return letters


def _capped(rng, most=8):
    """Loops taken only while the string is short: not equal chances."""
    state, letters = 0, []
    while state is not None:
        edges = REBER[state]
        k = rng.integers(len(edges)) if len(letters) < most else len(edges) - 1
        letter, state = edges[k]
        letters.append(letter)
    return "".join(letters)


def _global_random(rng):
    return embedded(inner=lambda r: walk(r, pick=lambda _, n: np.random.randint(n)),
                    branch=lambda _: "TP"[random.randint(0, 1)])(rng)


Q = "04e.q3"
right(Q, "rng.integers", one(embedded()))
right(Q, "rng.choice", one(embedded(inner=lambda rng: walk(rng, lambda r, n: r.choice(n)),
                                    branch=lambda rng: rng.choice(["T", "P"]))))
right(Q, "rng.random() < 0.5", one(embedded(
    inner=lambda rng: walk(rng, lambda r, n: int(r.random() < 0.5) if n == 2 else 0),
    branch=lambda rng: "T" if rng.random() < 0.5 else "P")))
right(Q, "recursive", one(embedded(inner=_recursive)))
right(Q, "a table of its own", one(embedded(inner=_from_a_table)))
right(Q, "NumPy string", one(lambda rng: np.str_(embedded()(rng))))
wrong(Q, "T 60% of the time", one(embedded(branch=lambda rng: "TP"[int(rng.random() < 0.4)])),
      "T 60%")
wrong(Q, "loops 2 times in 3", one(embedded(inner=lambda rng: walk(
    rng, lambda r, n: int(r.random() < 1 / 3) if n == 2 else 0))), "at state")
wrong(Q, "always the last edge", one(embedded(inner=lambda rng: walk(rng, lambda r, n: n - 1))),
      "at state")  # (always the first would loop for ever at state 2)
wrong(Q, "loops while short", one(embedded(inner=_capped)), "at state")
wrong(Q, "one string", one(lambda rng: "BTBTXSETE"), "after the first B")
wrong(Q, "two strings", one(lambda rng: ["BTBTXSETE", "BPBPVVEPE"][rng.integers(2)]),
      "at state")
wrong(Q, "branches drawn apart", one(lambda rng: "B" + "TP"[rng.integers(2)] + walk(rng)
                                     + "TP"[rng.integers(2)] + "E"), "second-to-last letter")
wrong(Q, "no wrapping", one(walk), "is not an embedded Reber string")
wrong(Q, "no final E", one(lambda rng: embedded()(rng)[:-1]), "start with B and end with E")
wrong(Q, "letters in a list", one(lambda rng: list(embedded()(rng))), "returned list")
wrong(Q, "np.random and random", one(_global_random), "the same rng gives other strings")
wrong(Q, "rng.choice(3) % 2", one(embedded(
    inner=lambda rng: walk(rng, pick=lambda r, n: r.choice(n + 1) % n if n > 1 else 0))),
      "at state")
wrong(Q, "stub", one(lambda rng: None), "no answer yet")


def edges_drawn_as_pairs(rng):
    state, letters = 0, []
    while state is not None:
        letter, state = rng.choice(REBER[state])  # an array of two strings: state is a str
        letters.append(letter)
    return "".join(letters)


wrong(Q, "rng.choice of (letter, state) pairs", one(embedded(inner=edges_drawn_as_pairs)),
      "KeyError", student_raises=True)


# ---------------------------------------------------------------- 04e q4: near-misses
def changed_at(position, letter=None):
    """A near-miss maker: the position from `position(string, rng)`, another letter at random."""
    def near_miss(string, rng):
        i = int(position(string, rng))
        others = [s for s in SYMBOLS if s != string[i]]
        new = letter(string[i], rng) if letter else others[rng.integers(len(others))]
        return string[:i] + new + string[i + 1:]
    return near_miss


def _retry_letter(string, rng):
    i = rng.integers(len(string))
    while True:
        new = SYMBOLS[rng.integers(len(SYMBOLS))]
        if new != string[i]:
            letters = list(string)
            letters[i] = new
            return "".join(letters)


Q = "04e.q4"
right(Q, "rng.integers", one(changed_at(lambda s, rng: rng.integers(len(s)))))
right(Q, "rng.choice", one(changed_at(lambda s, rng: rng.choice(len(s)))))
right(Q, "rng.random() * length", one(changed_at(lambda s, rng: rng.random() * len(s))))
right(Q, "retry until another letter", one(_retry_letter))
right(Q, "always the next letter of SYMBOLS", one(changed_at(
    lambda s, rng: rng.integers(len(s)),
    letter=lambda old, rng: SYMBOLS[(SYMBOLS.index(old) + 1) % len(SYMBOLS)])))
right(Q, "rng.integers(0, length)", one(changed_at(lambda s, rng: rng.integers(0, len(s)))))
right(Q, "always P (T where it was P)", one(changed_at(  # the task: any other letter will do
    lambda s, rng: rng.integers(len(s)), letter=lambda old, rng: "T" if old == "P" else "P")))
wrong(Q, "always the middle", one(changed_at(lambda s, rng: len(s) // 2)), "the middle third")
wrong(Q, "never the last letter", one(changed_at(lambda s, rng: rng.integers(len(s) - 1))),
      "the last letter")
wrong(Q, "never the first letter", one(changed_at(lambda s, rng: rng.integers(1, len(s)))),
      "the first letter")
wrong(Q, "only inside", one(changed_at(lambda s, rng: rng.integers(2, len(s) - 2))),
      "changed the")
wrong(Q, "first half only", one(changed_at(lambda s, rng: rng.integers(len(s) // 2))),
      "changed the")
wrong(Q, "the twin", one(lambda s, rng: twin(s)), "the second-to-last letter")
wrong(Q, "maybe the same letter", one(changed_at(
    lambda s, rng: rng.integers(len(s)), letter=lambda old, rng: SYMBOLS[rng.integers(7)])),
      "came back unchanged")
wrong(Q, "two letters swapped", one(lambda s, rng: s[:3] + s[4] + s[3] + s[5:]),
      "2 letters changed")
wrong(Q, "a letter added", one(lambda s, rng: s + "E"), "of the same length")
wrong(Q, "lower case", one(changed_at(lambda s, rng: rng.integers(len(s)),
                                      letter=lambda old, rng: old.lower())),
      "the grammar's letters")
wrong(Q, "np.random", one(changed_at(lambda s, rng: np.random.randint(len(s)))),
      "the same rng gives other near-misses")
wrong(Q, "a list", one(lambda s, rng: list(changed_at(lambda s, r: r.integers(len(s)))(s, rng))),
      "of the same length")
wrong(Q, "stub", one(lambda s, rng: None), "no answer yet")


# ---------------------------------------------------------------- 04e q5: the Reber model
def memory_layers(rnn):
    """The layers between the Embedding and the Dense head: a recurrent layer in one of its
    forms, or none (a convolution)."""
    import keras

    layers = _layers()
    return {"GRU": lambda: [layers.GRU(4)], "SimpleRNN": lambda: [layers.SimpleRNN(4)],
            "LSTM": lambda: [layers.LSTM(4)],
            "Bidirectional(GRU)": lambda: [layers.Bidirectional(layers.GRU(4))],
            "RNN(GRUCell)": lambda: [layers.RNN(layers.GRUCell(4))],
            "nested GRU": lambda: [keras.Sequential([layers.GRU(4)])],
            "Conv1D": lambda: [layers.Conv1D(4, 3, activation="relu"),
                               layers.GlobalMaxPooling1D()],
            "pooled": lambda: [layers.GlobalAveragePooling1D()]}[rnn]()


def oracle(decide, rnn="GRU", trained_steps=5000, loss="binary_crossentropy", outputs=None,
           head="sigmoid"):
    """A Keras model whose predictions come from decide(string): a model trained as well as
    the rule, without the training. `trained_steps` and `loss` are what its optimizer says."""
    import keras

    layers = _layers()
    model = keras.Sequential([keras.Input(shape=(None,)), layers.Embedding(8, 4),
                              *memory_layers(rnn), layers.Dense(1, activation=head)])
    if trained_steps:
        model.compile(optimizer="adam", loss=loss)
        model.optimizer.build(model.trainable_variables)
        model.optimizer.iterations.assign(trained_steps)

    def predict(codes):
        strings = ["".join(SYMBOLS[i - 1] for i in row if i) for row in np.asarray(codes)]
        scores = np.array([[decide(s)] for s in strings], dtype="float32")
        return scores if outputs is None else outputs(scores)

    model.predict_on_batch = predict
    return model


def knows(string):
    return float(why_not_embedded(string) is None)


def forgets(string):
    """The grammar without the long memory: the second-to-last letter read as the second."""
    return float(why_not_embedded(string[:-2] + string[1] + string[-1]) is None)


def _training_strings():
    from rnnbook.exercises import reber

    seen = {}
    for size, seed in [(4000, 0), (500, 100)]:
        strings, labels, _ = reber.dataset(size, np.random.default_rng(seed))
        seen.update(zip(strings, labels))
    return seen


def memorises():
    """Right on every string of the notebook's training and validation sets, and blind to
    the twins elsewhere: it passes only if the check's strings are among them."""
    seen = _training_strings()
    return lambda s: seen[s] if s in seen else forgets(s)


def _end_padded_model():
    """Answers right for codes padded at the end, and wrong for codes padded in front."""
    model = oracle(knows)

    def predict(codes):
        codes = np.asarray(codes)
        padded_in_front = (codes[:, 0] == 0) & (codes[:, -1] != 0)
        strings = ["".join(SYMBOLS[i - 1] for i in row if i) for row in codes]
        return np.array([[0.0 if front else knows(s)] for front, s in
                         zip(padded_in_front, strings)], dtype="float32")

    model.predict_on_batch = predict
    return model


def _untrained(*middle, head=None, compiled=False, inputs=(None,)):
    import keras

    layers = _layers()
    model = keras.Sequential([keras.Input(shape=inputs), *middle,
                              *(head or [layers.Dense(1, activation="sigmoid")])])
    if compiled:
        model.compile(optimizer="adam", loss="binary_crossentropy")
    return model


Q = "04e.q5"
right(Q, "knows the grammar", lambda: (oracle(knows),))
right(Q, "an LSTM", lambda: (oracle(knows, rnn="LSTM"),))
right(Q, "outputs of shape (strings,)", lambda: (oracle(knows, outputs=lambda s: s[:, 0]),))
right(Q, "confident probabilities", lambda: (oracle(lambda s: 0.98 * knows(s) + 0.01),))
right(Q, "trained otherwise (no record)", lambda: (oracle(knows, trained_steps=0),))
wrong(Q, "memorises the training strings", lambda: (oracle(memorises()),), "99% needed")
wrong(Q, "forgets the second letter", lambda: (oracle(forgets),), "the twins need the long memory")
wrong(Q, "blind after a P", lambda: (oracle(lambda s: knows(s) if s[1] == "T" else 1.0),),
      "has not learnt the grammar itself")
wrong(Q, "a SimpleRNN", lambda: (oracle(forgets, rnn="SimpleRNN"),), "a SimpleRNN forgets")
wrong(Q, "trained on the MSE", lambda: (oracle(forgets, loss="mse"),), "binary_crossentropy")
wrong(Q, "trained 4 epochs", lambda: (oracle(forgets, trained_steps=500),), "fewer than the task's")
wrong(Q, "says grammatical always", lambda: (oracle(lambda s: 1.0),), "99% needed")
wrong(Q, "padded at the end", lambda: (_end_padded_model(),), "padded at the end")
right(Q, "logits", lambda: (oracle(knows, outputs=lambda s: 8 * s - 4),))  # as 05e q9 reads them
wrong(Q, "logits of a model that forgets", lambda: (oracle(forgets, outputs=lambda s: 8 * s - 4),),
      "the twins need the long memory")
wrong(Q, "NaN", lambda: (oracle(knows, outputs=lambda s: s * np.nan),), "NaN")
wrong(Q, "two softmax outputs", lambda: (oracle(knows, outputs=lambda s: np.hstack([1 - s, s])),),
      "one probability per string")
wrong(Q, "untrained", lambda: (_untrained(_layers().Embedding(8, 4), _layers().GRU(4)),),
      "not been trained")
wrong(Q, "compiled, not fitted", lambda: (_untrained(
    _layers().Embedding(8, 4), _layers().GRU(4), compiled=True),), "not been trained")
wrong(Q, "Embedding(7, ...)", lambda: (_untrained(_layers().Embedding(7, 4), _layers().GRU(4)),),
      "needs 8 rows")
wrong(Q, "one-hot input", lambda: (_untrained(_layers().GRU(4), inputs=(None, 8)),),
      "cannot read encode(strings)")
wrong(Q, "a fixed length", lambda: (_untrained(_layers().Embedding(8, 4), _layers().GRU(4),
                                               inputs=(13,)),), "keras.Input(shape=(None,))")
wrong(Q, "a sequence out", lambda: (_untrained(
    _layers().Embedding(8, 4), _layers().GRU(4, return_sequences=True)),),
      "one probability per string")
wrong(Q, "a string", one("reber_model"), "expected a Keras model")
wrong(Q, "empty", one(None), "no answer yet")
# Review 35: recurrent layers in other forms pass; a model without one does not, however
# well it scores (a Conv1D and a global max pooling find BTB...ETE at both ends)
right(Q, "Bidirectional(GRU)", lambda: (oracle(knows, rnn="Bidirectional(GRU)"),))
right(Q, "RNN(GRUCell)", lambda: (oracle(knows, rnn="RNN(GRUCell)"),))
right(Q, "a GRU in a nested model", lambda: (oracle(knows, rnn="nested GRU"),))
wrong(Q, "Conv1D, no recurrent layer", lambda: (oracle(knows, rnn="Conv1D"),),
      "no recurrent layer")
wrong(Q, "pooled embeddings, no recurrent layer", lambda: (oracle(forgets, rnn="pooled"),),
      "no recurrent layer")
# Review 35: advice that fits the cause
wrong(Q, "outputs reversed", lambda: (oracle(lambda s: 1 - knows(s)),), "reversed")
wrong(Q, "1 - p, never compiled", lambda: (oracle(lambda s: 1 - knows(s), trained_steps=0),),
      "reversed")
wrong(Q, "labels reversed, partly learnt", lambda: (oracle(lambda s: 1 - forgets(s)),),
      "reversed")


def _softmax_head(steps=5000):
    """Dense(1, activation="softmax"), compiled and (as its optimizer says) trained: its
    output is 1 for every string, whatever the weights."""
    import keras

    layers = _layers()
    model = keras.Sequential([keras.Input(shape=(None,)), layers.Embedding(8, 4), layers.GRU(4),
                              layers.Dense(1, activation="softmax")])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    model.optimizer.build(model.trainable_variables)
    model.optimizer.iterations.assign(steps)
    return model


wrong(Q, "Dense(1, activation='softmax')", lambda: (_softmax_head(),), "softmax over one unit")
wrong(Q, "Dense(1) then Activation('softmax')", lambda: (_untrained(
    _layers().Embedding(8, 4), _layers().GRU(4),
    head=[_layers().Dense(1), _layers().Activation("softmax")]),), "softmax over one unit")


def _fitted(memory, loss="binary_crossentropy", head="sigmoid", epochs=1):
    """A small model really trained, briefly, on 1,000 of the notebook's strings."""
    import keras

    from rnnbook.exercises import reber

    layers = _layers()
    keras.utils.set_random_seed(0)
    strings, labels, _ = reber.dataset(500, np.random.default_rng(0))
    model = keras.Sequential([keras.Input(shape=(None,)), layers.Embedding(8, 4),
                              *(memory if isinstance(memory, list) else [memory]),
                              layers.Dense(1, activation=head)])
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss=loss)
    model.fit(encode(strings), labels, epochs=epochs, batch_size=64, verbose=0)
    return model


wrong(Q, "a SimpleRNN, trained", lambda: (_fitted(_layers().SimpleRNN(8)),), "a SimpleRNN forgets",
      slow=True)
wrong(Q, "no sigmoid, trained on logits, briefly", lambda: (_fitted(
    _layers().GRU(8), loss=__import__("keras").losses.BinaryCrossentropy(from_logits=True),
    head=None),), "read as logits", slow=True)  # judged as probabilities, not refused for its form
wrong(Q, "Dense(1, softmax), trained", lambda: (_fitted(_layers().GRU(8), head="softmax"),),
      "softmax over one unit", slow=True)
wrong(Q, "Conv1D, trained", lambda: (_fitted([_layers().Conv1D(8, 3, activation="relu"),
                                              _layers().GlobalMaxPooling1D()]),),
      "no recurrent layer", slow=True)
