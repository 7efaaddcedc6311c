"""The checks of notebook 02e (RNN basics and shapes): q1 ... q6, one `Exercise` each."""

import numpy as np

from .checking import Exercise, Wrong, call, choice
from .solutions import of

__all__ = ["exercises", "step_weights", "keras_simple_rnn", "STEP_MISTAKES", "check_step",
           "SHAPES", "SHAPE_MISTAKES", "check_shapes", "LAYERS", "COUNTS", "COUNT_MISTAKES",
           "check_counts", "CLIP", "CLASSES", "check_video_model"]

NOTEBOOK = "02e"  # solutions.py names the questions by their notebook

# q1: the NumPy step of SimpleRNN, checked against Keras on these weights and inputs.
STEP_INPUTS, STEP_UNITS, STEP_TIMESTEPS = 4, 3, 6


def step_weights():
    """(kernel, recurrent_kernel, bias, sequence): the weights q1 checks a step with."""
    rng = np.random.default_rng(2)
    kernel = rng.normal(0, 0.6, size=(STEP_INPUTS, STEP_UNITS))
    recurrent_kernel = rng.normal(0, 0.6, size=(STEP_UNITS, STEP_UNITS))
    bias = rng.normal(0, 0.5, size=STEP_UNITS)
    sequence = rng.normal(size=(STEP_TIMESTEPS, STEP_INPUTS))
    return kernel, recurrent_kernel, bias, sequence


def keras_simple_rnn(kernel, recurrent_kernel, bias, sequence):
    """What keras.layers.SimpleRNN returns at each step with these weights."""
    import keras

    layer = keras.layers.SimpleRNN(STEP_UNITS, return_sequences=True)
    layer.build((None, None, STEP_INPUTS))
    layer.set_weights([kernel, recurrent_kernel, bias])
    return keras.ops.convert_to_numpy(layer(sequence[np.newaxis].astype("float32")))[0]


def _loop(step, kernel, recurrent_kernel, bias, sequence):
    h, outputs = np.zeros(STEP_UNITS), []
    for x_t in sequence:
        h = np.asarray(call(step, x_t, h, kernel, recurrent_kernel, bias), dtype=float)
        if h.shape != (STEP_UNITS,):
            raise Wrong(f"your step returns shape {h.shape}: the new state has shape "
                        f"({STEP_UNITS},), one value per unit")
        outputs.append(h)
    return np.stack(outputs)


# Steps students write by mistake, and what to say when theirs computes the same.
STEP_MISTAKES = {
    "no tanh": (lambda x, h, k, r, b: x @ k + h @ r + b,
                "your states are not squashed: apply np.tanh to the sum"),
    "relu": (lambda x, h, k, r, b: np.maximum(0, x @ k + h @ r + b),
             "that is a relu: SimpleRNN's default activation is tanh"),
    "no bias": (lambda x, h, k, r, b: np.tanh(x @ k + h @ r),
                "the bias is missing: add bias to the sum"),
    "U h_prev": (lambda x, h, k, r, b: np.tanh(x @ k + r @ h + b),
                 "write h_prev @ recurrent_kernel, not recurrent_kernel @ h_prev: Keras' "
                 "weights multiply from the right (the book's U is its transpose)"),
    "no state": (lambda x, h, k, r, b: np.tanh(x @ k + b),
                 "your step ignores the previous state: add h_prev @ recurrent_kernel"),
}


def check_step(step):
    kernel, recurrent_kernel, bias, sequence = step_weights()
    try:
        mine = _loop(step, kernel, recurrent_kernel, bias, sequence)
    except (ValueError, TypeError) as error:
        raise Wrong(f"your step raised {type(error).__name__} ({error}): Keras' kernel has "
                    f"shape (input_dim, units) = ({STEP_INPUTS}, {STEP_UNITS}), so the input "
                    "term is x_t @ kernel, the state term h_prev @ recurrent_kernel") from None
    keras_out = keras_simple_rnn(kernel, recurrent_kernel, bias, sequence)
    difference = np.max(np.abs(mine - keras_out))
    if difference < 1e-5:
        return f"your step matches keras.layers.SimpleRNN over {STEP_TIMESTEPS} steps"
    for wrong_step, message in STEP_MISTAKES.values():
        if np.allclose(mine, _loop(wrong_step, kernel, recurrent_kernel, bias, sequence)):
            raise Wrong(message)
    step_at, unit = np.unravel_index(np.argmax(np.abs(mine - keras_out)), mine.shape)
    raise Wrong(f"your states differ from Keras' by up to {difference:.3f} (at step "
                f"{step_at}, unit {unit})")


# q2: output shapes. A batch of 5 sequences of 12 timesteps with 8 features each goes into:
#   (a) SimpleRNN(16)  (b) SimpleRNN(16, return_sequences=True)
#   (c) SimpleRNN(16, return_sequences=True) then SimpleRNN(4)
#   (d) LSTM(16, return_sequences=True) then Dense(1)
SHAPES = {"a": (5, 16), "b": (5, 12, 16), "c": (5, 4), "d": (5, 12, 1)}
SHAPE_MISTAKES = {
    ("a", (5, 12, 16)): "without return_sequences a layer returns only its last output",
    ("b", (5, 16)): "return_sequences=True keeps the time axis: (batch, timesteps, units)",
    ("c", (5, 16)): "a stack outputs what its last layer does, and that has 4 units",
    ("c", (5, 12, 4)): "the last SimpleRNN has no return_sequences: only its last output",
    ("d", (5, 1)): "Dense works on the last axis, at every timestep: the time axis stays",
    ("d", (5, 12, 16)): "the Dense(1) layer comes after the LSTM: one output per timestep",
}


def _as_shape(name, value):
    if isinstance(value, (tuple, list)) and all(isinstance(v, (int, np.integer))
                                                for v in value):
        return tuple(int(v) for v in value)
    if isinstance(value, (tuple, list)) and any(v is None for v in value):
        raise Wrong(f"({name}) holds None: give the sizes for this batch of 5 sequences")
    raise Wrong(f"({name}) should be a tuple of whole numbers, like (2, 3), not {value!r}")


def check_shapes(a, b, c, d):
    problems = []
    for name, given in zip("abcd", (a, b, c, d)):
        if given is None:
            problems.append(f"({name}) has no answer yet")
            continue
        shape = _as_shape(name, given)
        if shape == SHAPES[name]:
            continue
        if len(shape) < len(SHAPES[name]) and shape[:1] != (5,):
            why = "it has no batch axis: a shape starts with the batch size, 5"
        else:
            why = SHAPE_MISTAKES.get((name, shape), "not the shape Keras gives: count the "
                                     "axes (batch, time only with return_sequences, units)")
        problems.append(f"({name}) {shape}: {why}")
    if problems:
        raise Wrong("; ".join(problems))
    return "all four shapes are Keras' own"


# q3: parameter counts of Embedding(2000, 16), SimpleRNN(8, return_sequences=True),
# LSTM(12, return_sequences=True), GRU(4), Dense(1), in that order.
LAYERS = ["Embedding", "SimpleRNN", "LSTM", "GRU", "Dense"]
COUNTS = [2000 * 16, 8 * 8 + 16 * 8 + 8, 4 * (12 * 12 + 8 * 12 + 12),
          3 * (4 * 4 + 12 * 4 + 2 * 4), 4 + 1]
COUNT_MISTAKES = {
    ("SimpleRNN", 8 * 8 + 8 * 8 + 8): "it reads the embedding's 16 features, not 8",
    ("SimpleRNN", 8 * 8 + 16 * 8): "the bias (8 values) is missing",
    ("LSTM", 12 * 12 + 8 * 12 + 12): "that is one transformation; an LSTM has four",
    ("LSTM", 4 * (12 * 12 + 16 * 12 + 12)): "it reads the SimpleRNN's 8 outputs, not 16",
    ("LSTM", 4 * (12 * 12 + 8 * 12)): "the biases (4 × 12) are missing",
    ("GRU", 3 * (4 * 4 + 12 * 4 + 4)): "that is reset_after=False; Keras' default GRU keeps "
                                       "two bias vectors per transformation",
    ("GRU", 4 * (4 * 4 + 12 * 4 + 2 * 4)): "four transformations is an LSTM; a GRU has three",
    ("Dense", 4): "Dense(1) has 4 weights and a bias",
}


def check_counts(counts):
    if not isinstance(counts, (list, tuple)) or len(counts) != len(LAYERS):
        got = len(counts) if isinstance(counts, (list, tuple)) else type(counts).__name__
        raise Wrong(f"give a list of {len(LAYERS)} counts, one per layer "
                    f"({', '.join(LAYERS)}), not {got}")
    problems = []
    for layer, given, right in zip(LAYERS, counts, COUNTS):
        if given != right:
            why = COUNT_MISTAKES.get((layer, given), f"off by {given - right:+,}")
            problems.append(f"{layer}: {given:,} — {why}")
    if problems:
        raise Wrong("; ".join(problems))
    return f"{sum(COUNTS):,} parameters in all; summary() below agrees"


# q4 and q5: the lecture notes' exercises 2 and 3 (Géron, ch. 14), choices (see exercises()).
# q6: the shape demo: clips of 10 frames of 32x32 RGB, 5 classes.
CLIP = (10, 32, 32, 3)
CLASSES = 5


def _inner_layers(layer):
    inner = getattr(layer, "layer", None) or layer
    return getattr(inner, "layers", [inner])


def check_video_model(model):
    import keras

    if not isinstance(model, keras.Model):
        raise Wrong(f"expected a Keras model, got {type(model).__name__}")
    frames = np.random.default_rng(0).random((2, *CLIP)).astype("float32")
    try:
        out = keras.ops.convert_to_numpy(model(frames))
    except Exception as error:
        raise Wrong(f"your model cannot read clips of shape (2, {', '.join(map(str, CLIP))}) "
                    f"({type(error).__name__}): start it with keras.Input(shape={CLIP})") from None
    if out.shape == (2, CLIP[0], CLASSES):
        raise Wrong(f"it outputs a class per frame, shape {out.shape}: the recurrent layer "
                    "must return only its last output (no return_sequences)")
    if out.shape != (2, CLASSES):
        raise Wrong(f"the output has shape {out.shape}: one probability per class, (2, 5)")
    if not np.allclose(out.sum(axis=1), 1, atol=1e-4):
        raise Wrong("the outputs do not sum to 1: end with Dense(5, activation='softmax')")
    kinds = [type(layer).__name__ for layer in model.layers]
    convolved = [i for i, layer in enumerate(model.layers) if kinds[i] == "TimeDistributed"
                 and any(isinstance(x, keras.layers.Conv2D) for x in _inner_layers(layer))]
    recurrent = [i for i, kind in enumerate(kinds) if kind in ("LSTM", "GRU", "SimpleRNN")]
    if not convolved:
        raise Wrong("no TimeDistributed(Conv2D(...)): the same convolution must see every frame")
    if not recurrent:
        raise Wrong("no recurrent layer: an LSTM must read the frames' features in order")
    if recurrent[0] < convolved[0]:
        raise Wrong("the recurrent layer comes before the convolution: convolve the frames "
                    "first, then read their features in order")
    return (f"{kinds[convolved[0]]}(Conv2D) on each of the {CLIP[0]} frames, then "
            f"{kinds[recurrent[0]]}: {model.count_params():,} parameters")


def exercises():
    """q1-q6 of notebook 02e, in order: `q1, q2, q3, q4, q5, q6 = exercises()`."""
    q1 = Exercise(
        "q1, the NumPy step of SimpleRNN", check_step,
        hint="Keras computes tanh(x_t W + h_prev U + b), with W = kernel, shape (input_dim, "
        "units), and U = recurrent_kernel, shape (units, units): the input is on the left.",
        solution=of(NOTEBOOK, "q1"))
    q2 = Exercise(
        "q2, output shapes", check_shapes,
        hint="A recurrent layer returns (batch, units), or (batch, timesteps, units) with "
        "return_sequences=True. Dense acts on the last axis only.",
        solution=of(NOTEBOOK, "q2"))
    q3 = Exercise(
        "q3, parameter counts", check_counts,
        hint="Each recurrent layer reads the features of the layer before it. SimpleRNN: "
        "units² + input_dim·units + units; LSTM: 4 times that; GRU: 3·(units² + input_dim·units "
        "+ 2·units).",
        solution=of(NOTEBOOK, "q3"))
    q4 = Exercise(
        "q4, why an encoder-decoder for translation",
        choice("B", {
            "A": "an encoder-decoder has more weights, not fewer (two networks), and size is not "
                 "the point",
            "B": "a plain sequence-to-sequence RNN emits a word for each word it reads, as it "
                 "reads it; a translation has its own length and word order, and its first word "
                 "may depend on the sentence's last. The encoder reads the whole sentence first",
            "C": "long sentences strain both designs alike (the encoder squeezes the sentence "
                 "into one vector, which is why attention came next); LSTMs ease the gradients",
            "D": "the decoder writes one word after another and cannot read ahead: it is not "
                 "bidirectional",
        }),
        hint="Try translating 'Je vous en prie' word by word, as you read it.",
        solution=of(NOTEBOOK, "q4"))
    q5 = Exercise(
        "q5, a CNN and an RNN for videos",
        choice("C", {
            "A": "flattening all frames into one vector throws away both the images' layout and "
                 "the frames' order, and needs a weight per pixel per frame",
            "B": "an RNN on raw pixel rows sees no 2-D image structure, and a CNN after it cannot "
                 "get it back: the convolution must see the images",
            "C": "the same CNN (shared weights) turns each frame into a feature vector; the "
                 "sequence of vectors goes into a sequence-to-vector RNN; a softmax gives the "
                 "classes",
            "D": "a CNN of its own per frame multiplies the weights, fixes the number of frames "
                 "and learns nothing from one frame for the others",
        }),
        hint="Images want convolutions, sequences want recurrence: which option gives each its "
        "own part, with the same weights for every frame?",
        solution=of(NOTEBOOK, "q5"))
    q6 = Exercise(
        "q6, the video classifier's shapes", check_video_model,
        hint="keras.Input(shape=(10, 32, 32, 3)); TimeDistributed(layers.Conv2D(...)) and "
        "TimeDistributed(layers.GlobalAveragePooling2D()) give (batch, 10, filters); then an "
        "LSTM and Dense(5, activation='softmax').",
        solution=of(NOTEBOOK, "q6"))
    return q1, q2, q3, q4, q5, q6
