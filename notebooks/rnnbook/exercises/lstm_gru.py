"""The checks of notebook 04e (LSTM and GRU): q1 the LSTM step, q2 the GRU step, against
Keras on given weights; q3-q5 the embedded Reber grammar (Géron, ch. 14, exercise 7), whose
strings, near-misses and held-out set live in rnnbook.exercises.reber."""


import numpy as np

from . import reber
from .checking import Exercise, Wrong, call
from .solutions import of

__all__ = ["exercises", "sigmoid", "step_weights", "keras_states", "run_steps",
           "check_against_keras", "lstm_variant", "LSTM_MISTAKES", "gru_variant", "GRU_MISTAKES",
           "check_strings", "check_near_misses", "check_reber_model"]

NOTEBOOK = "04e"  # solutions.py names the questions by their notebook

INPUTS, UNITS, TIMESTEPS = 4, 3, 6


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def step_weights(kind):
    """(kernel, recurrent_kernel, bias, sequence) for an LSTM or GRU: what q1 and q2 use."""
    rng = np.random.default_rng({"LSTM": 4, "GRU": 5}[kind])
    gates = {"LSTM": 4, "GRU": 3}[kind]
    kernel = rng.normal(0, 0.6, size=(INPUTS, gates * UNITS))
    recurrent_kernel = rng.normal(0, 0.6, size=(UNITS, gates * UNITS))
    bias_shape = (gates * UNITS,) if kind == "LSTM" else (2, gates * UNITS)
    bias = rng.normal(0, 0.5, size=bias_shape)
    return kernel, recurrent_kernel, bias, rng.normal(size=(TIMESTEPS, INPUTS))


def keras_states(kind, kernel, recurrent_kernel, bias, sequence):
    """Keras' outputs at every step, (TIMESTEPS, UNITS), and for an LSTM its last carry."""
    import keras

    layer = getattr(keras.layers, kind)(UNITS, return_sequences=True, return_state=True)
    layer.build((None, None, INPUTS))
    layer.set_weights([kernel, recurrent_kernel, bias])
    results = layer(sequence[np.newaxis].astype("float32"))
    outputs, *states = [keras.ops.convert_to_numpy(r)[0] for r in results]
    return outputs, states[-1]


def run_steps(step, kind, weights, sequence):
    """The student's step over the sequence, from zero states: (outputs, last carry or h)."""
    h, c, outputs = np.zeros(UNITS), np.zeros(UNITS), []
    for x_t in sequence:
        if kind == "LSTM":
            pair = call(step, x_t, h, c, *weights)
            if not isinstance(pair, (tuple, list)) or len(pair) != 2:
                raise Wrong("return a pair (h, c): the new output and the new carry")
            h, c = (np.asarray(v, dtype=float) for v in pair)
        else:
            h = np.asarray(call(step, x_t, h, *weights), dtype=float)
        if h.shape != (UNITS,) or c.shape != (UNITS,):
            raise Wrong(f"your step returns shape {h.shape if h.shape != (UNITS,) else c.shape}"
                        f": each state has shape ({UNITS},), one value per unit")
        outputs.append(h)
    return np.stack(outputs), (c if kind == "LSTM" else h)


def check_against_keras(kind, step, mistakes):
    kernel, recurrent_kernel, bias, sequence = weights = step_weights(kind)
    try:
        mine, last = run_steps(step, kind, weights[:3], sequence)
    except (ValueError, TypeError) as error:
        raise Wrong(f"your step raised {type(error).__name__} ({error}): Keras' kernel has "
                    f"shape (input_dim, {kernel.shape[1] // UNITS} × units) = {kernel.shape}: "
                    "the input term is x_t @ kernel") from None
    outputs, keras_last = keras_states(kind, *weights)
    difference = max(np.abs(mine - outputs).max(), np.abs(last - keras_last).max())
    if difference < 1e-5:
        return f"your step matches keras.layers.{kind} over {TIMESTEPS} steps"
    for wrong_step, message in mistakes:
        if np.allclose(mine, run_steps(wrong_step, kind, weights[:3], sequence)[0]):
            raise Wrong(message)
    if np.abs(mine - outputs).max() < 1e-5:
        raise Wrong(f"your outputs h match Keras', your carry c does not (off by up to "
                    f"{difference:.3f})")
    at = np.unravel_index(np.argmax(np.abs(mine - outputs)), mine.shape)
    raise Wrong(f"your outputs differ from Keras' by up to {np.abs(mine - outputs).max():.3f} "
                f"(at step {at[0]}, unit {at[1]})")


def lstm_variant(order="ifco", forget=True, output_tanh=True, swap=False):
    """An LSTM step as students get it wrong: gates in another order, no forget gate, ..."""
    def step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
        parts = dict(zip(order, np.split(x_t @ kernel + h_prev @ recurrent_kernel + bias, 4)))
        i, f, o = sigmoid(parts["i"]), sigmoid(parts["f"]), sigmoid(parts["o"])
        c = (f * c_prev if forget else c_prev) + i * np.tanh(parts["c"])
        h = o * (np.tanh(c) if output_tanh else c)
        return (c, h) if swap else (h, c)
    return step


LSTM_MISTAKES = [
    (lstm_variant(order="ifoc"), "your gates are in another order: Keras' kernel holds them as "
     "i, f, c, o (input, forget, candidate, output), units columns each"),
    (lstm_variant(order="icfo"), "your gates are in another order: Keras' kernel holds them as "
     "i, f, c, o (input, forget, candidate, output), units columns each"),
    (lstm_variant(forget=False), "the old carry must be scaled by the forget gate: "
     "c = f * c_prev + i * candidate"),
    (lstm_variant(output_tanh=False), "the output is o * tanh(c): squash the new carry"),
    (lstm_variant(swap=True), "you return (c, h): return (h, c), the output first"),
]



def gru_variant(order="zrh", reset_after=True, swap_z=False, biases=2):
    """A GRU step as students get it wrong: reset before U_h, z the other way, one bias, ..."""
    def step(x_t, h_prev, kernel, recurrent_kernel, bias):
        b_x, b_h = bias if biases == 2 else (bias[0], np.zeros_like(bias[1]))
        xs = dict(zip(order, np.split(x_t @ kernel + b_x, 3)))
        hs = dict(zip(order, np.split(h_prev @ recurrent_kernel + b_h, 3)))
        z, r = sigmoid(xs["z"] + hs["z"]), sigmoid(xs["r"] + hs["r"])
        if reset_after:
            candidate = np.tanh(xs["h"] + r * hs["h"])
        else:
            u_h = np.split(recurrent_kernel, 3, axis=1)[order.index("h")]
            candidate = np.tanh(xs["h"] + (r * h_prev) @ u_h + np.split(b_h, 3)[2])
        return (1 - z) * h_prev + z * candidate if swap_z else z * h_prev + (1 - z) * candidate
    return step


GRU_MISTAKES = [
    (gru_variant(reset_after=False), "the reset gate multiplies h_prev before U_h: that is "
     "reset_after=False; Keras' default applies it after, r * (h_prev @ U_h + b_h)"),
    (gru_variant(swap_z=True), "z weights the old state in Keras: h = z * h_prev + "
     "(1 - z) * candidate"),
    (gru_variant(order="rzh"), "your gates are in another order: Keras' kernel holds them as "
     "z, r, h (update, reset, candidate)"),
    (gru_variant(biases=1), "the state's bias is missing: bias[0] goes with the input, "
     "bias[1] with h_prev @ recurrent_kernel"),
]



def check_strings(generate):
    rng = np.random.default_rng(0)
    strings = [call(generate, rng) for _ in range(2000)]
    for s in strings:
        if not isinstance(s, str):
            raise Wrong(f"your function returned {type(s).__name__}: return a string like "
                        "'BTBPVVETE'")
        why = reber.why_not_embedded(s)
        if why:
            raise Wrong(f"{s!r} is not an embedded Reber string: {why}")
    share_t = np.mean([s[1] == "T" for s in strings])
    if not 0.45 < share_t < 0.55:
        raise Wrong(f"{share_t:.0%} of your strings start with BT: choose T or P with equal "
                    "chances (rng.integers or rng.choice)")
    if len(set(strings)) < 100:
        raise Wrong(f"only {len(set(strings))} different strings in 2,000: at each state pick "
                    "one of its transitions at random, loops included")
    return f"2,000 grammatical strings, {len(set(strings)):,} different, {share_t:.0%} with BT"


def check_near_misses(make):
    rng = np.random.default_rng(1)
    starts, ends = set(), set()
    for _ in range(500):
        string = reber.embedded_reber(rng)
        miss = call(make, string, rng)
        if not isinstance(miss, str) or len(miss) != len(string):
            raise Wrong(f"{string!r} became {miss!r}: a near-miss is a string of the same "
                        "length, with one letter changed")
        changed = [i for i, (a, b) in enumerate(zip(string, miss)) if a != b]
        if len(changed) != 1:
            raise Wrong(f"{string!r} became {miss!r}: {len(changed)} letters changed, not one")
        if miss[changed[0]] not in reber.SYMBOLS:
            raise Wrong(f"{string!r} became {miss!r}: use the grammar's letters, "
                        f"{reber.SYMBOLS}")
        starts.add(changed[0])
        ends.add(len(string) - changed[0])
    if min(len(starts), len(ends)) < 5:
        raise Wrong(f"in 500 strings your near-misses changed the same "
                    f"{min(len(starts), len(ends))} place(s) only: pick the position at random")
    return f"500 near-misses, one letter changed at {len(starts)} different positions"


def check_reber_model(model):
    import keras

    if not isinstance(model, keras.Model):
        raise Wrong(f"expected a Keras model, got {type(model).__name__}")
    strings, labels, kinds = reber.held_out()
    try:
        scores = np.asarray(model.predict(reber.encode(strings), verbose=0))
    except Exception as error:
        raise Wrong(f"your model cannot read encode(strings), letter indices of shape "
                    f"(strings, length) ({type(error).__name__}): start it with "
                    "keras.Input(shape=(None,)) and an Embedding") from None
    if scores.shape != (len(strings), 1):
        raise Wrong(f"its output has shape {scores.shape}: one probability per string, "
                    "(strings, 1): end with Dense(1, activation='sigmoid')")
    right = (scores[:, 0] > 0.5) == (labels == 1)
    kinds = np.array(kinds)
    by_kind = ", ".join(f"{name} {right[kinds == kind].mean():.1%}" for kind, name in [
        ("grammatical", "grammatical strings"), ("twin", "twins"), ("near-miss", "near-misses")])
    said = (f"{right.mean():.1%} right on {len(strings):,} held-out strings ({by_kind}; "
            "twins differ from a grammatical string only in the second-to-last letter)")
    if right.mean() < 0.99:
        raise Wrong(f"{said}: 99% needed. Train longer or on more strings")
    return said


def exercises():
    """q1-q5 of notebook 04e, in order: `q1, q2, q3, q4, q5 = exercises()`."""
    q1 = Exercise(
        "q1, the NumPy step of LSTM", lambda step: check_against_keras("LSTM", step, LSTM_MISTAKES),
        hint="z = x_t @ kernel + h_prev @ recurrent_kernel + bias, split in four (np.split): "
        "i, f, candidate, o. The gates are sigmoids, the candidate a tanh; c = f c_prev + i "
        "candidate; h = o tanh(c).",
        solution=of(NOTEBOOK, "q1"))
    q2 = Exercise(
        "q2, the NumPy step of GRU", lambda step: check_against_keras("GRU", step, GRU_MISTAKES),
        hint="Split x_t @ kernel + bias[0] and h_prev @ recurrent_kernel + bias[1] in three "
        "(z, r, h). z and r are sigmoids of the sums; the candidate is tanh(x_h + r * h_h); "
        "h = z h_prev + (1 - z) candidate.",
        solution=of(NOTEBOOK, "q2"))
    q3 = Exercise(
        "q3, embedded Reber strings", check_strings,
        hint="Walk the grammar: from state 0, pick one of the state's (letter, next state) pairs "
        "with rng, append the letter, go on until next state is None. Wrap a Reber string as "
        "'B' + x + inner + x + 'E', with x = 'T' or 'P'.",
        solution=of(NOTEBOOK, "q3"))
    q4 = Exercise(
        "q4, near-misses", check_near_misses,
        hint="Pick a position with rng.integers(len(string)), and a letter of SYMBOLS other "
        "than the one there; put it in its place (strings cannot be changed: build a new one).",
        solution=of(NOTEBOOK, "q4"))
    q5 = Exercise(
        "q5, a GRU that knows the grammar", check_reber_model,
        hint="keras.Input(shape=(None,)), Embedding(8, 8), GRU(32), Dense(1, "
        "activation='sigmoid'); binary cross-entropy, Adam with learning_rate=0.01, batches of "
        "64. The twins need the whole memory: watch val_accuracy pass 0.99, 15 to 20 epochs.",
        solution=of(NOTEBOOK, "q5"))
    return q1, q2, q3, q4, q5
