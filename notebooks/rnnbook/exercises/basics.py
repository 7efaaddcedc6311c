"""The checks of notebook 02e (RNN basics and shapes): q1 ... q6, one `Exercise` each.

A check judges behaviour: a step by what it computes next to Keras, a model by what it
outputs and which layers it holds (wrappers and nested models included), answers in any
valid form (lists, tuples, NumPy arrays and numbers). Its messages name the mistake and
never the answer."""

import re
import traceback

import numpy as np

from .checking import Exercise, Wrong, call, choice, sigmoid
from .solutions import of

__all__ = ["exercises", "step_weights", "keras_simple_rnn", "STEP_MISTAKES", "check_step",
           "SHAPE_MISTAKES", "check_shapes", "LAYERS", "COUNT_MISTAKES", "check_counts",
           "CLIP", "CLASSES", "layers_within", "is_recurrent", "applies_softmax",
           "student_line", "whole_number", "as_state", "first_steps_match", "MATCH",
           "close_but_not_equal", "check_video_model"]

NOTEBOOK = "02e"  # solutions.py names the questions by their notebook


def student_line(error):
    """' at line N of f' for the last frame of an error outside NumPy, Keras and this package
    (the student's code), or '' where there is none."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__)
              if "site-packages" not in frame.filename and "/rnnbook/" not in frame.filename]
    return f" at line {frames[-1].lineno} of {frames[-1].name}" if frames else ""


def whole_number(value):
    """An int for an int, a NumPy integer or a whole float; None for anything else."""
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)) and np.isfinite(value) and value == int(value):
        return int(value)
    return None


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


def as_state(value, units):
    """A step's result as a float array of shape (units,), or Wrong saying what it is."""
    try:
        state = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise Wrong(f"your step returns {type(value).__name__}: return the new state, an "
                    f"array of shape ({units},)") from None
    if state.shape != (units,):
        raise Wrong(f"your step returns shape {state.shape}: the new state has shape "
                    f"({units},), one value per unit")
    return state


def first_steps_match(steps):
    return "your first step matches" if steps == 1 else f"your first {steps} steps match"


MATCH = 1e-5  # a state this close to Keras' at every unit matches it (float32 and all)


def close_but_not_equal(mine, off):
    """What to say of states (steps, units) that differ from Keras' by `off` only as much as
    rounding them, or computing in float16, makes them differ; None otherwise (a wrong step
    differs by more, or its numbers are not rounded). A state rounded at one step feeds the
    next: the difference may grow past half the last decimal, not past the whole of it."""
    said = f"your states are close to Keras' but not equal (off by up to {off.max():.4f})"
    for decimals in range(7):
        if np.allclose(mine, np.round(mine, decimals), rtol=0, atol=1e-12):
            if off.max() <= 10.0 ** -decimals:
                return (f"{said}: they are rounded to {decimals} decimals. Return the state "
                        "as computed, unrounded")
            return None
    if np.array_equal(mine, mine.astype(np.float16)) and off.max() <= 0.01:
        return (f"{said}: they are float16 numbers, a lower precision. Compute in float32 or "
                "float64")
    return None


def _loop(step, kernel, recurrent_kernel, bias, sequence):
    h, outputs = np.zeros(STEP_UNITS), []
    for x_t in sequence:
        h = as_state(call(step, x_t, h.copy(), kernel, recurrent_kernel, bias), STEP_UNITS)
        outputs.append(h)
    return np.stack(outputs)


# Steps students write by mistake, and what to say when theirs computes the same.
STEP_MISTAKES = {
    "no tanh": (lambda x, h, k, r, b: x @ k + h @ r + b,
                "your states are not squashed: apply np.tanh to the sum"),
    "relu": (lambda x, h, k, r, b: np.maximum(0, x @ k + h @ r + b),
             "that is a relu: SimpleRNN's default activation is tanh"),
    "sigmoid": (lambda x, h, k, r, b: sigmoid(x @ k + h @ r + b),
                "that is a sigmoid: SimpleRNN's default activation is tanh"),
    "no bias": (lambda x, h, k, r, b: np.tanh(x @ k + h @ r),
                "the bias is missing: add bias to the sum"),
    "U h_prev": (lambda x, h, k, r, b: np.tanh(x @ k + r @ h + b),
                 "write h_prev @ recurrent_kernel, not recurrent_kernel @ h_prev: Keras' "
                 "weights multiply from the right (the book's U is its transpose)"),
    "no state": (lambda x, h, k, r, b: np.tanh(x @ k + b),
                 "your step ignores the previous state: add h_prev @ recurrent_kernel"),
    "bias outside": (lambda x, h, k, r, b: np.tanh(x @ k + h @ r) + b,
                     "the bias goes inside the tanh, with the two products"),
}


def check_step(step):
    kernel, recurrent_kernel, bias, sequence = step_weights()
    try:
        mine = _loop(step, kernel, recurrent_kernel, bias, sequence)
    except (ValueError, TypeError) as error:
        raise Wrong(f"your step raised {type(error).__name__}{student_line(error)} ({error}): "
                    f"Keras' kernel has shape (input_dim, units) = ({STEP_INPUTS}, "
                    f"{STEP_UNITS}), so the input term is x_t @ kernel, the state term "
                    "h_prev @ recurrent_kernel") from None
    keras_out = keras_simple_rnn(kernel, recurrent_kernel, bias, sequence)
    off = np.abs(mine - keras_out)
    if off.max() < MATCH:
        return f"your step matches keras.layers.SimpleRNN over {STEP_TIMESTEPS} steps"
    for wrong_step, message in STEP_MISTAKES.values():
        if np.allclose(mine, _loop(wrong_step, kernel, recurrent_kernel, bias, sequence)):
            raise Wrong(message)
    rounded = close_but_not_equal(mine, off)
    if rounded:
        raise Wrong(rounded)
    first = int(np.argmax(off.max(axis=1) >= MATCH))
    if first == 0:
        raise Wrong(f"your first step, from a zero state, already differs from Keras' (by up to "
                    f"{off[0].max():.3f}): there h_prev is zero, so look at the input term, the "
                    "bias and the activation")
    raise Wrong(f"{first_steps_match(first)} Keras', from a zero state; step {first + 1} "
                f"differs by up to {off[first].max():.3f}: what the previous state adds is "
                "wrong (which weights multiply h_prev, and from which side)")


# q2: output shapes. A batch of 5 sequences of 12 timesteps with 8 features each goes into:
#   (a) SimpleRNN(16)  (b) SimpleRNN(16, return_sequences=True)
#   (c) SimpleRNN(16, return_sequences=True) then SimpleRNN(4)
#   (d) LSTM(16, return_sequences=True) then Dense(1)
_SHAPES = {"a": (5, 16), "b": (5, 12, 16), "c": (5, 4), "d": (5, 12, 1)}  # the answer key
SHAPE_MISTAKES = {
    ("a", (5, 12, 16)): "without return_sequences a layer returns only its last output",
    ("b", (5, 16)): "return_sequences=True keeps the time axis: (batch, timesteps, units)",
    ("b", (5, 16, 12)): "the time axis comes before the units: (batch, timesteps, units)",
    ("c", (5, 16)): "a stack outputs what its last layer does, and that has 4 units",
    ("c", (5, 12, 16)): "a stack outputs what its last layer does, and that is SimpleRNN(4)",
    ("c", (5, 12, 4)): "the last SimpleRNN has no return_sequences: only its last output",
    ("d", (5, 1)): "Dense works on the last axis, at every timestep: the time axis stays",
    ("d", (5, 12, 16)): "the Dense(1) layer comes after the LSTM: one output per timestep",
}


def _as_shape(name, value):
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise Wrong(f"({name}) should be a tuple of whole numbers, like (2, 3), not {value!r}")
    sizes = list(value)
    if any(size is None for size in sizes):
        raise Wrong(f"({name}) holds None: give the sizes for this batch of 5 sequences")
    whole = [whole_number(size) for size in sizes]
    if None in whole:
        raise Wrong(f"({name}) should be a tuple of whole numbers, like (2, 3), not {value!r}")
    return tuple(whole)


def check_shapes(*shapes):
    if len(shapes) == 1 and isinstance(shapes[0], (tuple, list)) and len(shapes[0]) == 4:
        shapes = tuple(shapes[0])  # the four shapes given as one tuple
    if len(shapes) != 4:
        raise Wrong(f"give the four shapes, q2.check(shape_a, shape_b, shape_c, shape_d), "
                    f"not {len(shapes)} value(s)")
    problems = []
    for name, given in zip("abcd", shapes):
        if given is None:
            problems.append(f"({name}) has no answer yet")
            continue
        shape = _as_shape(name, given)
        if shape == _SHAPES[name]:
            continue
        if len(shape) < len(_SHAPES[name]) and shape[:1] != (5,):
            why = "it has no batch axis: a shape starts with the batch size, 5"
        elif shape[-1:] == (8,):
            why = "the last axis holds the layer's units, not the input's 8 features"
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
_COUNTS = [2000 * 16, 8 * 8 + 16 * 8 + 8, 4 * (12 * 12 + 8 * 12 + 12),
           3 * (4 * 4 + 12 * 4 + 2 * 4), 4 + 1]  # the answer key
COUNT_MISTAKES = {
    ("Embedding", 2000): "an Embedding holds a vector of 16 for each word, not one number",
    # 8·8 + 8·8 + 8 = 16·8 + 8: reading 8 features, or leaving out the recurrent kernel
    ("SimpleRNN", 8 * 8 + 8 * 8 + 8): "the recurrent kernel is left out (units² weights, "
                                      "which read the previous state), or else the input is "
                                      "counted as 8 features where the embedding gives 16 "
                                      "features",
    ("SimpleRNN", 8 * 8 + 16 * 8): "the bias is missing",
    ("LSTM", 12 * 12 + 8 * 12 + 12): "that is one transformation; an LSTM has four",
    ("LSTM", 4 * (12 * 12 + 16 * 12 + 12)): "it reads the SimpleRNN's 8 outputs, not 16",
    ("LSTM", 4 * (12 * 12 + 8 * 12)): "the biases are missing",
    ("GRU", 3 * (4 * 4 + 12 * 4 + 4)): "that is reset_after=False; Keras' default GRU keeps "
                                       "two bias vectors per transformation",
    ("GRU", 3 * (4 * 4 + 8 * 4 + 2 * 4)): "it reads the LSTM's 12 outputs, not 8",
    ("GRU", 4 * (4 * 4 + 12 * 4 + 2 * 4)): "four transformations is an LSTM; a GRU has three",
    ("Dense", 4): "Dense(1) has a bias too",
    ("Dense", 1): "Dense(1) has a weight for each of the GRU's outputs, and a bias",
}
# What each count is made of, for a count no listed mistake explains (no numbers: the
# message must not give the answer away).
COUNT_RULES = {
    "Embedding": "a vector of output_dim values for each word of the vocabulary",
    "SimpleRNN": "units² + input_dim·units + units, input_dim being the features it reads",
    "LSTM": "4·(units² + input_dim·units + units)",
    "GRU": "3·(units² + input_dim·units + 2·units)",
    "Dense": "a weight for each input feature and unit, and a bias for each unit",
}


def _layer_key(name):
    """A dict key as a layer's kind: 'SimpleRNN', 'simple_rnn', Keras' 'simple_rnn_2' (its
    name for a second SimpleRNN), summary()'s 'simple_rnn_2 (SimpleRNN)' and the class
    layers.SimpleRNN are all 'simplernn'."""
    if isinstance(name, type):
        name = name.__name__
    name = str(name).strip()
    printed = re.fullmatch(r"\S+\s*\((\w+)\)", name)  # as summary() prints a layer
    name = printed.group(1) if printed else name
    return re.sub(r"[\s_-]", "", re.sub(r"_\d+$", "", name.lower()))


def _by_layer(counts):
    """The counts of a dict {layer name: count} in the order of LAYERS."""
    kinds = {layer.lower(): layer for layer in LAYERS}
    by_key, names = {}, {}
    for name, count in counts.items():
        key = _layer_key(name)
        if key in by_key and key in kinds:
            raise Wrong(f"your dict has two counts for {kinds[key]} ({names[key]!r} and "
                        f"{name!r}): the model has one, give one count per layer")
        by_key[key], names[key] = count, name
    missing = [layer for layer in LAYERS if layer.lower() not in by_key]
    if missing:
        raise Wrong(f"your dict has no count for {', '.join(missing)}: give one per layer")
    return [by_key[layer.lower()] for layer in LAYERS]


def _as_counts(counts):
    """The five counts as ints, from a list, tuple, 1-D array or {layer name: count}."""
    if isinstance(counts, dict):
        counts = _by_layer(counts)
    if isinstance(counts, np.ndarray) and counts.ndim != 1:
        raise Wrong(f"give the {len(LAYERS)} counts as a flat list, not an array of shape "
                    f"{counts.shape}")
    if isinstance(counts, (str, bytes, dict)) or not hasattr(counts, "__len__") \
            or len(counts) != len(LAYERS):
        got = len(counts) if hasattr(counts, "__len__") and not isinstance(counts, str) \
            else type(counts).__name__
        raise Wrong(f"give a list of {len(LAYERS)} counts, one per layer "
                    f"({', '.join(LAYERS)}), not {got}")
    whole = []
    for layer, given in zip(LAYERS, counts):
        if given is None:
            raise Wrong(f"{layer} has no answer yet: give a count for every layer")
        if whole_number(given) is None:
            raise Wrong(f"{layer}: {given!r} is not a whole number: a layer has a whole "
                        "number of parameters")
        whole.append(whole_number(given))
    return whole


def check_counts(counts):
    problems = []
    for layer, given, right in zip(LAYERS, _as_counts(counts), _COUNTS):
        if given != right:
            why = COUNT_MISTAKES.get((layer, given), (
                f"{'more' if given > right else 'fewer'} than Keras counts: "
                f"{COUNT_RULES[layer]}"))
            problems.append(f"{layer}: {given:,} — {why}")
    if problems:
        raise Wrong("; ".join(problems))
    return f"{sum(_COUNTS):,} parameters in all; summary() below agrees"


# q4 and q5: the lecture notes' exercises 2 and 3 (Géron, ch. 14), choices (see exercises()).
# q6: the shape demo: clips of 10 frames of 32x32 RGB, 5 classes.
CLIP = (10, 32, 32, 3)
CLASSES = 5


def layers_within(layer):
    """The layer and every layer inside it, in order: a model's layers, a wrapper's
    (TimeDistributed, Bidirectional) and an RNN's cell, at any depth."""
    found = [layer]
    children = list(getattr(layer, "layers", None) or [])
    children += [getattr(layer, name, None) for name in ("layer", "forward_layer", "cell")]
    for child in children:
        if child is not None and child is not layer and hasattr(child, "get_config"):
            found += layers_within(child)
    return found


def is_recurrent(layer):
    """True for a recurrent layer: LSTM, GRU, SimpleRNN, RNN(cell), or one in Bidirectional."""
    import keras

    return isinstance(layer, (keras.layers.RNN, keras.layers.Bidirectional))


def _activation(layer):
    """The name of the function a layer ends with ('softmax', 'tanh', ...), or None."""
    function = getattr(layer, "activation", None) or getattr(layer, "function", None)
    return getattr(function, "__name__", None)


def applies_softmax(layer):
    """True for a layer that applies a softmax: Softmax, Activation('softmax'), a layer with
    activation='softmax' (or the function itself), or Lambda(keras.ops.softmax)."""
    import keras

    return isinstance(layer, keras.layers.Softmax) or _activation(layer) == "softmax"


# Activations whose outputs lie in a range: a softmax reading them cannot give a class more
# than e^high / (e^high + (CLASSES - 1) e^low).
BOUNDED = {"softmax": (0, 1), "sigmoid": (0, 1), "hard_sigmoid": (0, 1), "sparsemax": (0, 1),
           "tanh": (-1, 1), "softsign": (-1, 1), "hard_tanh": (-1, 1)}


def _passes_values_on(layer):
    """True for a layer that leaves its input's range as it is (a wrapper or model opened by
    layers_within, dropout and noise, a reshape): look past it for what feeds a softmax."""
    import keras

    kinds = (keras.layers.InputLayer, keras.layers.Dropout, keras.layers.GaussianDropout,
             keras.layers.GaussianNoise, keras.layers.AlphaDropout, keras.layers.Flatten,
             keras.layers.Reshape, keras.layers.Permute, keras.layers.ActivityRegularization)
    return isinstance(layer, kinds) or any(getattr(layer, name, None) is not None
                                           for name in ("layers", "layer", "forward_layer"))


def _bounded_feed(inside):
    """(layer, activation) of the bounded activation that feeds the final softmax of the
    layers `inside` (in order), or None: the softmax then reads values in a range."""
    import keras

    last = max((i for i, x in enumerate(inside) if applies_softmax(x)), default=None)
    if last is None or not isinstance(inside[last], (keras.layers.Softmax,
                                                     keras.layers.Activation,
                                                     keras.layers.Lambda)):
        return None  # a Dense(activation='softmax') reads its own linear scores
    feeder = next((x for x in reversed(inside[:last]) if not _passes_values_on(x)), None)
    name = _activation(feeder) if feeder is not None else None
    return (feeder, name) if name in BOUNDED else None


def _describe(layer):
    """'LSTM', 'Bidirectional(LSTM)', 'RNN(LSTMCell)': how the message names a layer."""
    inner = getattr(layer, "forward_layer", None) or getattr(layer, "cell", None)
    kind = type(layer).__name__
    return f"{kind}({type(inner).__name__})" if inner is not None and kind in (
        "Bidirectional", "RNN") else kind


def _probabilities(out):
    import keras

    out = keras.ops.convert_to_numpy(out)
    return bool(np.allclose(out.sum(axis=1), 1, atol=1e-4) and out.min() >= 0)


def _after_the_softmax(inside):
    """The kinds of the layers after the final softmax of the layers `inside`, in order."""
    last = max((i for i, x in enumerate(inside) if applies_softmax(x)), default=len(inside))
    return [type(x).__name__ for x in inside[last + 1:]]


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
    if not _probabilities(out):
        raise Wrong("the outputs are not probabilities that sum to 1: end with "
                    "Dense(5, activation='softmax')")
    inside = layers_within(model)[1:]  # in order, wrappers and nested models opened
    softmaxes = [type(x).__name__ for x in inside if applies_softmax(x)]
    if len(softmaxes) > 1:
        highest = np.e / (np.e + CLASSES - 1)  # a softmax of values between 0 and 1
        raise Wrong(f"your model applies a softmax twice ({' then '.join(softmaxes)}): the "
                    "second reads probabilities, between 0 and 1, and squashes them toward "
                    f"1/{CLASSES} (no class can reach {highest:.2f}): keep one softmax, at the end")
    bounded = _bounded_feed(inside)
    if bounded:
        low, high = BOUNDED[bounded[1]]
        highest = np.exp(high) / (np.exp(high) + (CLASSES - 1) * np.exp(low))
        kind = type(bounded[0]).__name__.removesuffix("Cell")  # an RNN's cell: the RNN
        raise Wrong(f"the final softmax reads the outputs of {kind}"
                    f"(activation={bounded[1]!r}), between {low} and {high}: no class can reach "
                    f"{highest:.2f}, however sure the model is. Feed the softmax unbounded "
                    "scores (a Dense with no activation)")
    after = _after_the_softmax(inside)
    if after and not _probabilities(model(frames, training=True)):
        raise Wrong(f"in training the outputs are not probabilities that sum to 1: "
                    f"{' then '.join(after)} after the softmax changes them, and the loss "
                    "reads them then. Make the softmax the last layer (put such a layer before "
                    "the Dense)")
    convolutions = (keras.layers.Conv2D, keras.layers.SeparableConv2D,
                    keras.layers.DepthwiseConv2D)
    convolved = next((i for i, x in enumerate(inside) if isinstance(
        x, keras.layers.TimeDistributed) and any(isinstance(y, convolutions)
                                                 for y in layers_within(x))), None)
    recurrent = next(((i, x) for i, x in enumerate(inside) if is_recurrent(x)), None)
    if convolved is None:
        raise Wrong("no TimeDistributed(Conv2D(...)): the same convolution must see every frame")
    if recurrent is None:
        raise Wrong("no recurrent layer: an LSTM must read the frames' features in order")
    if recurrent[0] < convolved:
        raise Wrong("the recurrent layer comes before the convolution: convolve the frames "
                    "first, then read their features in order")
    return (f"TimeDistributed(Conv2D) on each of the {CLIP[0]} frames, then "
            f"{_describe(recurrent[1])}: {model.count_params():,} parameters")


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
