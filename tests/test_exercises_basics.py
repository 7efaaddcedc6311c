"""The checks of notebook 02e (rnnbook.exercises.basics): each passes its solution and names,
exactly, what is wrong in answers students write; the answer keys are Keras' own shapes and
counts. tests/test_redteam_02e_04e.py runs the corpus of right and wrong answers."""

import re

import keras
import numpy as np
import pytest
from keras import layers

from rnnbook.exercises import basics as ex

q1, q2, q3, q4, q5, q6 = ex.exercises()


def verdict(exercise, *answer):
    return exercise.verdict(*answer)


# q1: the SimpleRNN step

def right_step(x_t, h_prev, kernel, recurrent_kernel, bias):
    return np.tanh(x_t @ kernel + h_prev @ recurrent_kernel + bias)


def test_q1_the_right_step_matches_keras():
    assert verdict(q1, right_step) == (
        True, "your step matches keras.layers.SimpleRNN over 6 steps")


@pytest.mark.parametrize("step, message", [
    (lambda x, h, k, r, b: x @ k + h @ r + b,
     "your states are not squashed: apply np.tanh to the sum"),
    (lambda x, h, k, r, b: np.maximum(0, x @ k + h @ r + b),
     "that is a relu: SimpleRNN's default activation is tanh"),
    (lambda x, h, k, r, b: np.tanh(x @ k + h @ r),
     "the bias is missing: add bias to the sum"),
    (lambda x, h, k, r, b: np.tanh(x @ k + r @ h + b),
     "write h_prev @ recurrent_kernel, not recurrent_kernel @ h_prev: Keras' weights multiply "
     "from the right (the book's U is its transpose)"),
    (lambda x, h, k, r, b: np.tanh(x @ k + b),
     "your step ignores the previous state: add h_prev @ recurrent_kernel"),
    (lambda x, h, k, r, b: np.tanh(x @ k + h @ r + b).sum(),
     "your step returns shape (): the new state has shape (3,), one value per unit"),
    (lambda x, h, k, r, b: 1 / (1 + np.exp(-(x @ k + h @ r + b))),
     "that is a sigmoid: SimpleRNN's default activation is tanh"),
    (lambda x, h, k, r, b: np.tanh(x @ k + h @ r) + b,
     "the bias goes inside the tanh, with the two products"),
    (lambda x, h, k, r, b: np.tanh(0.9 * (x @ k + h @ r + b)),
     "your first step, from a zero state, already differs from Keras' (by up to 0.045): "
     "there h_prev is zero, so look at the input term, the bias and the activation"),
    (lambda x, h, k, r, b: np.tanh(x @ k + 0.5 * h @ r + b),
     "your first step matches Keras', from a zero state; step 2 differs by up to 0.069: "
     "what the previous state adds is wrong (which weights multiply h_prev, and from which "
     "side)"),
    (lambda x, h, k, r, b: "state",
     "your step returns str: return the new state, an array of shape (3,)"),
    (lambda x, h, k, r, b: np.round(np.tanh(x @ k + h @ r + b), 2),
     "your states are close to Keras' but not equal (off by up to 0.0049): they are rounded "
     "to 2 decimals. Return the state as computed, unrounded"),
    (lambda x, h, k, r, b: np.tanh((x @ k + h @ r + b).astype("float16")),
     "your states are close to Keras' but not equal (off by up to 0.0002): they are float16 "
     "numbers, a lower precision. Compute in float32 or float64"),
])
def test_q1_wrong_steps_are_named(step, message):
    assert verdict(q1, step) == (False, message)


def test_q1_the_books_orientation_fails_with_the_kernels_shape():
    right, said = verdict(q1, lambda x, h, k, r, b: np.tanh(k @ x + r @ h + b))
    assert not right
    assert re.fullmatch(r"your step raised ValueError at line \d+ of <lambda> \(matmul: .*\): "
                        r"Keras' kernel has shape "
                        r"\(input_dim, units\) = \(4, 3\), so the input term is x_t @ kernel, "
                        r"the state term h_prev @ recurrent_kernel", said), said


def test_q1_a_stub_is_no_answer_yet():
    assert verdict(q1, lambda *weights: None)[1].startswith("no answer yet")


# q2: output shapes

def test_q2_the_answer_key_is_what_keras_gives():
    batch = np.zeros((5, 12, 8), dtype="float32")
    stacks = {
        "a": [layers.SimpleRNN(16)],
        "b": [layers.SimpleRNN(16, return_sequences=True)],
        "c": [layers.SimpleRNN(16, return_sequences=True), layers.SimpleRNN(4)],
        "d": [layers.LSTM(16, return_sequences=True), layers.Dense(1)],
    }
    assert {k: tuple(keras.Sequential(s)(batch).shape) for k, s in stacks.items()} == ex._SHAPES


@pytest.mark.parametrize("answer", [
    ((5, 16), [5, 12, 16], (5, 4), (5, 12, 1)),
    (np.array([5, 16]), (np.int64(5), 12, 16), (5.0, 4.0), keras.ops.shape(np.zeros((5, 12, 1)))),
    (((5, 16), (5, 12, 16), (5, 4), (5, 12, 1)),),  # the four in one tuple
])
def test_q2_right_shapes_pass_in_any_form(answer):
    assert verdict(q2, *answer) == (True, "all four shapes are Keras' own")


@pytest.mark.parametrize("answer, message", [
    (((5, 12, 16), (5, 12, 16), (5, 4), (5, 12, 1)),
     "(a) (5, 12, 16): without return_sequences a layer returns only its last output"),
    (((5, 16), (5, 16), (5, 4), (5, 12, 1)),
     "(b) (5, 16): return_sequences=True keeps the time axis: (batch, timesteps, units)"),
    (((5, 16), (5, 12, 16), (5, 16), (5, 1)),
     "(c) (5, 16): a stack outputs what its last layer does, and that has 4 units; "
     "(d) (5, 1): Dense works on the last axis, at every timestep: the time axis stays"),
    (((5, 16), (12, 16), (5, 12, 4), (5, 12, 1)),
     "(b) (12, 16): it has no batch axis: a shape starts with the batch size, 5; "
     "(c) (5, 12, 4): the last SimpleRNN has no return_sequences: only its last output"),
    (((5, 16), (5, 12, 16), (5, 4), (5, 12, 8)),
     "(d) (5, 12, 8): the last axis holds the layer's units, not the input's 8 features"),
    (((5, 16), (5, 12, 16), (5, 4), (5, 1, 12)),
     "(d) (5, 1, 12): not the shape Keras gives: count the axes (batch, time only with "
     "return_sequences, units)"),
    (((5, 16), (5, 16, 12), (5, 4), (5, 12, 1)),
     "(b) (5, 16, 12): the time axis comes before the units: (batch, timesteps, units)"),
    (((5, 16), (5, 12, 16), (5, 4)), "give the four shapes, q2.check(shape_a, shape_b, "
                                     "shape_c, shape_d), not 3 value(s)"),
    (((5, 16.5), (5, 12, 16), (5, 4), (5, 12, 1)),
     "(a) should be a tuple of whole numbers, like (2, 3), not (5, 16.5)"),
    (((5, 16), None, (5, 4), (5, 12, 1)), "(b) has no answer yet"),
    (((None, 16), (5, 12, 16), (5, 4), (5, 12, 1)),
     "(a) holds None: give the sizes for this batch of 5 sequences"),
    (("(5, 16)", (5, 12, 16), (5, 4), (5, 12, 1)),
     "(a) should be a tuple of whole numbers, like (2, 3), not '(5, 16)'"),
])
def test_q2_wrong_shapes_are_named(answer, message):
    assert verdict(q2, *answer) == (False, message)


# q3: parameter counts

def test_q3_the_answer_key_is_what_keras_counts():
    model = keras.Sequential([keras.Input(shape=(None,)), layers.Embedding(2000, 16),
                              layers.SimpleRNN(8, return_sequences=True),
                              layers.LSTM(12, return_sequences=True), layers.GRU(4),
                              layers.Dense(1, activation="sigmoid")])
    assert [layer.count_params() for layer in model.layers] == ex._COUNTS
    assert [type(layer).__name__ for layer in model.layers] == ex.LAYERS


@pytest.mark.parametrize("counts", [
    [32000, 200, 1008, 216, 5], (32000, 200, 1008, 216, 5), np.array([32000, 200, 1008, 216, 5]),
    np.array([32000, 200, 1008, 216, 5], dtype="float32"), [32000.0, 200, 1008, 216.0, 5],
    {"embedding": 32000, "SimpleRNN": 200, "LSTM": 1008, "GRU": 216, "Dense": 5},
    {"embedding": 32000, "simple_rnn": 200, "lstm": 1008, "gru": 216, "dense": 5},
    {"embedding_1": 32000, "simple_rnn_1": 200, "lstm_3": 1008, "gru_10": 216, "dense_1": 5},
    {"embedding (Embedding)": 32000, "simple_rnn (SimpleRNN)": 200, "lstm (LSTM)": 1008,
     "gru (GRU)": 216, "dense (Dense)": 5},  # as summary() prints the layers
    {layers.Embedding: 32000, layers.SimpleRNN: 200, layers.LSTM: 1008, layers.GRU: 216,
     layers.Dense: 5},
])
def test_q3_the_right_counts_pass_in_any_form(counts):
    assert verdict(q3, counts) == (True, "33,429 parameters in all; summary() below agrees")


@pytest.mark.parametrize("counts, message", [
    ([32000, 136, 1008, 216, 5], "SimpleRNN: 136 — the recurrent kernel is left out (units² "
     "weights, which read the previous state), or else the input is counted as 8 features "
     "where the embedding gives 16 features"),
    ([32000, 192, 1008, 216, 5], "SimpleRNN: 192 — the bias is missing"),
    ([32000, 200, 252, 216, 5], "LSTM: 252 — that is one transformation; an LSTM has four"),
    ([32000, 200, 1392, 216, 5], "LSTM: 1,392 — it reads the SimpleRNN's 8 outputs, not 16"),
    ([32000, 200, 960, 216, 5], "LSTM: 960 — the biases are missing"),
    ([32000, 200, 1008, 204, 5], "GRU: 204 — that is reset_after=False; Keras' default GRU "
                                 "keeps two bias vectors per transformation"),
    ([32000, 200, 1008, 288, 4], "GRU: 288 — four transformations is an LSTM; a GRU has "
                                 "three; Dense: 4 — Dense(1) has a bias too"),
    ([32016, 200, 1008, 216, 5], "Embedding: 32,016 — more than Keras counts: a vector of "
                                 "output_dim values for each word of the vocabulary"),
    ([32000, 200, 1000, 216, 5], "LSTM: 1,000 — fewer than Keras counts: "
                                 "4·(units² + input_dim·units + units)"),
    ([32000, 200, 1008, 216, None], "Dense has no answer yet: give a count for every layer"),
    ([32000, "200", 1008, 216, 5], "SimpleRNN: '200' is not a whole number: a layer has a "
                                   "whole number of parameters"),
    ([32000, 200.5, 1008, 216, 5], "SimpleRNN: 200.5 is not a whole number: a layer has a "
                                   "whole number of parameters"),
    (np.array([[32000, 200, 1008, 216, 5]]), "give the 5 counts as a flat list, not an array "
                                             "of shape (1, 5)"),
    ({"Embedding": 32000, "LSTM": 1008}, "your dict has no count for SimpleRNN, GRU, Dense: "
                                         "give one per layer"),
    ({"embedding (Embedding)": 32000, "lstm (LSTM)": 1008, "gru (GRU)": 216},
     "your dict has no count for SimpleRNN, Dense: give one per layer"),
    ([32000, 200, 1008, 216], "give a list of 5 counts, one per layer (Embedding, SimpleRNN, "
                              "LSTM, GRU, Dense), not 4"),
    (33429, "give a list of 5 counts, one per layer (Embedding, SimpleRNN, LSTM, GRU, Dense), "
            "not int"),
])
def test_q3_wrong_counts_are_named(counts, message):
    assert verdict(q3, counts) == (False, message)


def test_q3_a_dict_with_two_counts_for_one_layer_is_named():
    counts = {"embedding": 32000, "simple_rnn": 200, "lstm": 1008, "gru": 216, "dense": 5,
              "LSTM_1": 1000}
    assert verdict(q3, counts) == (False, "your dict has two counts for LSTM ('lstm' and "
                                          "'LSTM_1'): the model has one, give one count per "
                                          "layer")


# q4 and q5: multiple choice

def test_q4_and_q5_accept_their_answer_and_say_why_the_others_fail():
    assert verdict(q4, "B")[0] and verdict(q5, "c")[0]
    assert verdict(q4, "A") == (False, "A is not it: an encoder-decoder has more weights, "
                                          "not fewer (two networks), and size is not the point")
    assert verdict(q5, "D") == (False, "D is not it: a CNN of its own per frame multiplies "
                                          "the weights, fixes the number of frames and learns "
                                          "nothing from one frame for the others")
    assert verdict(q4, "BC") == (
        False, "answer with one letter, as a string: one of A, B, C, D (not 'BC')")


# q6: the video classifier

def video_model(*middle, head=None):
    return keras.Sequential([
        keras.Input(shape=(10, 32, 32, 3)),
        *middle,
        head or layers.Dense(5, activation="softmax"),
    ])


def conv():
    """A convolution for each frame, then one vector per frame (fresh layers each time)."""
    return [layers.TimeDistributed(layers.Conv2D(4, 3, activation="relu")),
            layers.TimeDistributed(layers.GlobalAveragePooling2D())]


def test_q6_the_solution_passes():
    model = video_model(*conv(), layers.LSTM(8))
    assert verdict(q6, model) == (
        True, "TimeDistributed(Conv2D) on each of the 10 frames, then LSTM: "
              f"{model.count_params():,} parameters")


@pytest.mark.parametrize("build, message", [
    (lambda: video_model(*conv(), layers.LSTM(8, return_sequences=True)),
     "it outputs a class per frame, shape (2, 10, 5): the recurrent layer must return only "
     "its last output (no return_sequences)"),
    (lambda: video_model(*conv(), layers.LSTM(8), head=layers.Dense(5)),
     "the outputs are not probabilities that sum to 1: end with Dense(5, "
     "activation='softmax')"),
    (lambda: video_model(layers.Reshape((10, 32 * 32 * 3)), layers.LSTM(8)),
     "no TimeDistributed(Conv2D(...)): the same convolution must see every frame"),
    (lambda: video_model(*conv(), layers.GlobalAveragePooling1D()),
     "no recurrent layer: an LSTM must read the frames' features in order"),
    (lambda: video_model(*conv(), layers.LSTM(8), head=layers.Dense(3, activation="softmax")),
     "the output has shape (2, 3): one probability per class, (2, 5)"),
    (lambda: keras.Sequential([keras.Input(shape=(10, 32 * 32 * 3)), layers.LSTM(8),
                               layers.Dense(5, activation="softmax")]),
     None),
    (lambda: "video_model", "expected a Keras model, got str"),
    (lambda: video_model(*conv(), layers.LSTM(8), layers.Dense(5, activation="softmax"),
                         head=layers.Softmax()),
     "your model applies a softmax twice (Dense then Softmax): the second reads probabilities, "
     "between 0 and 1, and squashes them toward 1/5 (no class can reach 0.40): keep one "
     "softmax, at the end"),
    (lambda: video_model(*conv(), layers.LSTM(8), layers.Dense(5, activation="softmax"),
                         head=layers.Activation("softmax")),
     "your model applies a softmax twice (Dense then Activation): the second reads "
     "probabilities, between 0 and 1, and squashes them toward 1/5 (no class can reach 0.40): "
     "keep one softmax, at the end"),
    (lambda: video_model(*conv(), layers.LSTM(8), layers.Dense(5, activation="sigmoid"),
                         head=layers.Softmax()),
     "the final softmax reads the outputs of Dense(activation='sigmoid'), between 0 and 1: no "
     "class can reach 0.40, however sure the model is. Feed the softmax unbounded scores (a "
     "Dense with no activation)"),
    (lambda: video_model(*conv(), layers.LSTM(5), head=layers.Activation("softmax")),
     "the final softmax reads the outputs of LSTM(activation='tanh'), between -1 and 1: no "
     "class can reach 0.65, however sure the model is. Feed the softmax unbounded scores (a "
     "Dense with no activation)"),
    (lambda: video_model(*conv(), layers.LSTM(8), layers.Dense(5, activation="softmax"),
                         head=layers.Dropout(0.5)),
     "in training the outputs are not probabilities that sum to 1: Dropout after the softmax "
     "changes them, and the loss reads them then. Make the softmax the last layer (put such a "
     "layer before the Dense)"),
])
def test_q6_wrong_models_are_named(build, message):
    right, said = verdict(q6, build())
    assert not right
    if message is None:  # the backend's own error text follows
        assert said.startswith("your model cannot read clips of shape (2, 10, 32, 32, 3) ("), said
        assert said.endswith("): start it with keras.Input(shape=(10, 32, 32, 3))"), said
    else:
        assert said == message


@pytest.mark.parametrize("head", [
    [layers.Dense(16, activation="tanh"), layers.Dense(5, activation="softmax")],
    [layers.Dense(5), layers.Dropout(0.5), layers.Softmax()],
    [layers.Dense(5), layers.Lambda(keras.ops.softmax)],
])
def test_q6_a_softmax_fed_unbounded_scores_passes(head):
    model = video_model(*conv(), layers.LSTM(8), *head[:-1], head=head[-1])
    assert verdict(q6, model)[0]
