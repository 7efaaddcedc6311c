"""The checks of notebook 04e (LSTM and GRU): q1 the LSTM step, q2 the GRU step, against
Keras on given weights; q3-q5 the embedded Reber grammar (Géron, ch. 14, exercise 7), whose
grammar, training strings and held-out set live in rnnbook.exercises.reber.

The generators are judged as random draws: every choice between two edges (6 of them), and
every place a near-miss changes (7), must come as often as a fair draw makes it, within 5
standard deviations: a right answer fails about once in 250,000 tries, and a draw 45:55
where it should be 50:50 fails. The model must hold a recurrent layer (a convolution can
learn this grammar too, but that is not the exercise); it is judged on strings no training
or validation set holds, and a failing one is told what in it explains the failure."""

import itertools

import numpy as np

from . import reber
from .basics import (MATCH, applies_softmax, as_state, close_but_not_equal, first_steps_match,
                     is_recurrent, layers_within, student_line)
from .checking import Exercise, Wrong, call, sigmoid
from .solutions import of

__all__ = ["exercises", "sigmoid", "step_weights", "keras_states", "run_steps",
           "check_against_keras", "LSTM_MISTAKES", "GRU_MISTAKES", "STRINGS", "MISSES",
           "check_strings", "check_near_misses", "TRAIN_STRINGS", "BATCH_SIZE", "EPOCHS",
           "check_reber_model"]

NOTEBOOK = "04e"  # solutions.py names the questions by their notebook

INPUTS, UNITS, TIMESTEPS = 4, 3, 6


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


def _is_cell_form(pair):
    """True for (output, [h, c]), what a Keras LSTMCell returns: the states in a list or
    tuple of two after the output. (A step answers the pair (h, c) alone.)"""
    states = pair[1]
    return isinstance(states, (tuple, list)) and len(states) == 2 and all(
        np.shape(state) == (UNITS,) for state in states)


def run_steps(step, kind, weights, sequence):
    """The student's step over the sequence, from zero states: (outputs, last carry or h)."""
    h, c, outputs = np.zeros(UNITS), np.zeros(UNITS), []
    for x_t in sequence:
        if kind == "LSTM":
            pair = call(step, x_t, h.copy(), c.copy(), *weights)
            if isinstance(pair, np.ndarray) and pair.shape == (2, UNITS):
                pair = tuple(pair)  # np.stack([h, c]) unpacks as the pair
            if not isinstance(pair, (tuple, list)) or len(pair) != 2:
                raise Wrong("return a pair (h, c): the new output and the new carry")
            if _is_cell_form(pair):
                raise Wrong("your step returns Keras' cell form (output, [h, c]), the "
                            "states in a list after the output: return the pair (h, c) "
                            "itself")
            h, c = (as_state(v, UNITS) for v in pair)
        else:
            h = as_state(call(step, x_t, h.copy(), *weights), UNITS)
        outputs.append(h)
    return np.stack(outputs), (c if kind == "LSTM" else h)


# Where to look when a step differs from Keras' already at the first step (zero states:
# only the input, the biases and the blocks count) or only later (the previous state's part).
FIRST_STEP = {
    "LSTM": "with h_prev and c_prev zero only x_t @ kernel, the bias and the four blocks "
            "count: check the blocks' order (i, f, c, o) and activations (sigmoid for i, f "
            "and o, tanh for the candidate)",
    "GRU": "with h_prev zero only x_t @ kernel, the two bias rows and the three blocks count: "
           "check the blocks' order (z, r, h), their activations (sigmoid for z and r, tanh "
           "for the candidate), which bias row goes where, and which of z and 1 - z weights "
           "the candidate",
}
LATER_STEPS = {
    "LSTM": "what the previous states bring is wrong: h_prev @ recurrent_kernel in every "
            "block, and the old carry scaled by the forget gate",
    "GRU": "what the previous state brings is wrong: h_prev @ recurrent_kernel in every "
           "block, the reset gate on the candidate's part of it, and z weighting h_prev",
}


def check_against_keras(kind, step, mistakes):
    kernel, recurrent_kernel, bias, sequence = weights = step_weights(kind)
    try:
        mine, last = run_steps(step, kind, weights[:3], sequence)
    except (ValueError, TypeError) as error:
        raise Wrong(f"your step raised {type(error).__name__}{student_line(error)} ({error}): "
                    f"Keras' kernel has shape (input_dim, {kernel.shape[1] // UNITS} × units) "
                    f"= {kernel.shape}: the input term is x_t @ kernel") from None
    outputs, keras_last = keras_states(kind, *weights)
    off = np.abs(mine - outputs)
    if max(off.max(), np.abs(last - keras_last).max()) < MATCH:
        return f"your step matches keras.layers.{kind} over {TIMESTEPS} steps"
    for wrong_step, message in mistakes:
        if np.allclose(mine, run_steps(wrong_step, kind, weights[:3], sequence)[0]):
            raise Wrong(message)
    rounded = close_but_not_equal(mine, off)
    if rounded:
        raise Wrong(rounded)
    if off.max() < MATCH:
        raise Wrong(f"your outputs h match Keras', your carry c does not (off by up to "
                    f"{np.abs(last - keras_last).max():.3f}): return the new carry, "
                    "the one h is made from")
    first = int(np.argmax(off.max(axis=1) >= MATCH))
    if first == 0:
        raise Wrong(f"your first step, from zero states, already differs from Keras' (by up "
                    f"to {off[0].max():.3f}): {FIRST_STEP[kind]}")
    raise Wrong(f"{first_steps_match(first)} Keras', from zero states; step {first + 1} "
                f"differs by up to {off[first].max():.3f}: {LATER_STEPS[kind]}")


def _lstm_variant(order="ifco", forget=True, output_tanh=True, swap=False, gate=sigmoid,
                  candidate=np.tanh, input_gate=True, new_carry=True, bias_on=True,
                  recurrent=True):
    """An LSTM step as students get it wrong (the defaults: Keras' own)."""
    def step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
        z = x_t @ kernel + (h_prev @ recurrent_kernel if recurrent else 0) + (
            bias if bias_on else 0)
        parts = dict(zip(order, np.split(z, 4)))
        i, f, o = gate(parts["i"]), gate(parts["f"]), gate(parts["o"])
        c = (f * c_prev if forget else c_prev) + (i if input_gate else 1) * candidate(parts["c"])
        squashed = np.tanh(c if new_carry else c_prev)
        h = o * (squashed if output_tanh else c)
        return (c, h) if swap else (h, c)
    return step


GATE_ORDER = ("your gates are in another order: Keras' kernel holds them as i, f, c, o "
              "(input, forget, candidate, output), units columns each")
LSTM_MISTAKES = [
    *[(_lstm_variant(order="".join(order)), GATE_ORDER)
      for order in itertools.permutations("ifco") if "".join(order) != "ifco"],
    (_lstm_variant(forget=False), "the old carry must be scaled by the forget gate: "
     "c = f * c_prev + i * candidate"),
    (_lstm_variant(input_gate=False), "the candidate must be scaled by the input gate: "
     "c = f * c_prev + i * candidate"),
    (_lstm_variant(output_tanh=False), "the output is o * tanh(c): squash the new carry"),
    (_lstm_variant(new_carry=False), "the output squashes the new carry c, not c_prev"),
    (_lstm_variant(swap=True), "you return (c, h): return (h, c), the output first"),
    (_lstm_variant(candidate=sigmoid), "the candidate is a tanh, not a sigmoid: it can be "
     "negative"),
    (_lstm_variant(gate=np.tanh), "the gates i, f and o are sigmoids (between 0 and 1), "
     "not tanh"),
    (_lstm_variant(bias_on=False), "the bias is missing: add it to the sum before the split"),
    (_lstm_variant(recurrent=False), "your step ignores h_prev: add h_prev @ "
     "recurrent_kernel to the sum before the split"),
]


def _gru_variant(order="zrh", reset_after=True, swap_z=False, biases=2, candidate=np.tanh,
                 reset=True, state_bias_outside=False):
    """A GRU step as students get it wrong (the defaults: Keras' own)."""
    def step(x_t, h_prev, kernel, recurrent_kernel, bias):
        b_x, b_h = bias if biases == 2 else (bias[0], np.zeros_like(bias[1]))
        if biases == 0:
            b_x = np.zeros_like(b_x)
        if state_bias_outside:
            b_x, b_h = b_x + b_h, np.zeros_like(b_h)
        xs = dict(zip(order, np.split(x_t @ kernel + b_x, 3)))
        hs = dict(zip(order, np.split(h_prev @ recurrent_kernel + b_h, 3)))
        z, r = sigmoid(xs["z"] + hs["z"]), sigmoid(xs["r"] + hs["r"])
        r = r if reset else 1
        if reset_after:
            new = candidate(xs["h"] + r * hs["h"])
        else:
            u_h = np.split(recurrent_kernel, 3, axis=1)[order.index("h")]
            new = candidate(xs["h"] + (r * h_prev) @ u_h + np.split(b_h, 3)[order.index("h")])
        return (1 - z) * h_prev + z * new if swap_z else z * h_prev + (1 - z) * new
    return step


GRU_ORDER = ("your gates are in another order: Keras' kernel holds them as z, r, h (update, "
             "reset, candidate)")
GRU_MISTAKES = [
    (_gru_variant(reset_after=False), "the reset gate multiplies h_prev before U_h: that is "
     "reset_after=False; Keras' default applies it after, r * (h_prev @ U_h + b_h)"),
    (_gru_variant(swap_z=True), "z weights the old state in Keras: h = z * h_prev + "
     "(1 - z) * candidate"),
    *[(_gru_variant(order="".join(order)), GRU_ORDER)
      for order in itertools.permutations("zrh") if "".join(order) != "zrh"],
    (_gru_variant(biases=1), "the state's bias is missing: bias[0] goes with the input, "
     "bias[1] with h_prev @ recurrent_kernel"),
    (_gru_variant(biases=0), "the biases are missing: bias[0] goes with the input, bias[1] "
     "with h_prev @ recurrent_kernel"),
    (_gru_variant(state_bias_outside=True), "bias[1] belongs with h_prev @ recurrent_kernel, "
     "inside the reset gate: r * (h_prev @ U_h + b_h)"),
    (_gru_variant(reset=False), "the reset gate is missing: it scales the state's part of "
     "the candidate"),
    (_gru_variant(candidate=sigmoid), "the candidate is a tanh, not a sigmoid: it can be "
     "negative"),
]


def _package_own(answer, own):
    """Wrong if the answer is the course package's own (private) reference function."""
    if answer is own or getattr(answer, "__code__", None) is own.__code__:
        raise Wrong("that is the course package's own function, which the check uses: write "
                    "yours")


def _fair(counts, what, among):
    """Wrong if `counts` ({option: times}, two options) is further than 5 standard
    deviations from a fair coin's; `what` names the choice."""
    (a, k), (b, m) = counts.items()
    n = k + m
    if n and abs(k - n / 2) > 5 * np.sqrt(n) / 2:
        raise Wrong(f"{what} your strings went on with {a} {k / n:.0%} of the time and with "
                    f"{b} {m / n:.0%}, in {n:,} choices: choose among {among} with equal "
                    "chances (a fair draw is this far off less than once in a million)")


STRINGS = 6000  # q3 draws this many strings


def check_strings(generate):
    _package_own(generate, reber._embedded)
    rng = np.random.default_rng(0)
    strings = []
    for _ in range(STRINGS):
        s = call(generate, rng)
        if not isinstance(s, str):
            raise Wrong(f"your function returned {type(s).__name__}: return a string like "
                        "'BTBPVVETE'")
        why = reber.why_not_embedded(s)
        if why:
            raise Wrong(f"{s!r} is not an embedded Reber string: {why}")
        strings.append(s)
    again = np.random.default_rng(0)
    if [call(generate, again) for _ in range(20)] != strings[:20]:
        raise Wrong("the same rng gives other strings: draw every choice from the rng your "
                    "function is given, not from random or np.random")
    _fair({"T": sum(s[1] == "T" for s in strings), "P": sum(s[1] == "P" for s in strings)},
          "after the first B", "T and P")
    taken = {state: dict.fromkeys([letter for letter, _ in edges], 0)
             for state, edges in reber.REBER.items() if len(edges) == 2}
    for s in strings:
        state = 0
        for letter in s[2:-2]:
            if state in taken:
                taken[state][letter] += 1
            state = dict(reber.REBER[state])[letter]
    for state, counts in taken.items():
        _fair(counts, f"at state {state}", "a state's two edges")
    return (f"{STRINGS:,} grammatical strings, {len(set(strings)):,} different; every choice "
            "between two edges as fair as a random draw")


MISSES = 3000  # q4 makes this many near-misses
PLACES = ["the first letter", "the second letter", "the first third of the inner string",
          "the middle third of the inner string", "the last third of the inner string",
          "the second-to-last letter", "the last letter"]


def _place(i, length):
    """Which of PLACES position i of a string of `length` letters is."""
    if i < 2:
        return i
    if i >= length - 2:
        return len(PLACES) - length + i
    return 2 + 3 * (i - 2) // (length - 4)


def _one_change(string, miss):
    """The position the near-miss changed, or Wrong saying what is wrong with it."""
    if not isinstance(miss, str) or len(miss) != len(string):
        raise Wrong(f"{string!r} became {miss!r}: a near-miss is a string of the same "
                    "length, with one letter changed")
    changed = [i for i, (a, b) in enumerate(zip(string, miss)) if a != b]
    if not changed:
        raise Wrong(f"{string!r} came back unchanged: the new letter must differ from the "
                    "one it replaces")
    if len(changed) != 1:
        raise Wrong(f"{string!r} became {miss!r}: {len(changed)} letters changed, not one")
    if miss[changed[0]] not in reber.SYMBOLS:
        raise Wrong(f"{string!r} became {miss!r}: use the grammar's letters, {reber.SYMBOLS}")
    return changed[0]


def check_near_misses(make):
    _package_own(make, reber._near_miss)
    rng = np.random.default_rng(1)
    observed, expected, variance = np.zeros((3, len(PLACES)))
    positions = set()
    for _ in range(MISSES):
        string = reber._embedded(rng)
        i = _one_change(string, call(make, string, rng))
        observed[_place(i, len(string))] += 1
        positions.add(i)
        share = np.bincount([_place(j, len(string)) for j in range(len(string))],
                            minlength=len(PLACES)) / len(string)
        expected += share
        variance += share * (1 - share)
    string = "BTBPTVPXVVETE"
    if len({call(make, string, np.random.default_rng(5)) for _ in range(3)}) != 1:
        raise Wrong("the same rng gives other near-misses: draw the position and the letter "
                    "from the rng your function is given, not from random or np.random")
    z = (observed - expected) / np.sqrt(variance)
    worst = int(np.argmax(np.abs(z)))
    if abs(z[worst]) > 5:
        raise Wrong(f"in {MISSES:,} near-misses yours changed {PLACES[worst]} "
                    f"{observed[worst]:,.0f} times, where a position drawn at random changes "
                    f"it about {expected[worst]:,.0f} times: every position, the first and "
                    "the last included, must have the same chance")
    return (f"{MISSES:,} near-misses, one letter changed in each, at {len(positions)} "
            "different positions, spread as a random draw spreads them")


# q5: the training the task states (the notebook's setup cell reads these).
TRAIN_STRINGS, BATCH_SIZE, EPOCHS = 16000, 64, 20
STEPS = EPOCHS * -(-TRAIN_STRINGS // BATCH_SIZE)  # optimizer steps of that training


def _steps_trained(model):
    """How many optimizer steps the model has taken (0: never compiled or fitted)."""
    optimizer = getattr(model, "optimizer", None)
    return 0 if optimizer is None else int(optimizer.iterations)


def _loss_name(model):
    loss = getattr(model, "loss", None)
    name = loss if isinstance(loss, str) else getattr(loss, "name", None) or getattr(
        loss, "__name__", type(loss).__name__)
    return str(name), bool(getattr(loss, "from_logits", False))


def _input_length(model):
    """The fixed number of letters the model reads, or None for any."""
    try:
        return model.inputs[0].shape[1]
    except (AttributeError, IndexError, TypeError, ValueError):
        return None


def _predict(model, codes):
    """The model's scores for the codes, one per string; Wrong where there are not."""
    import keras

    try:
        # the 1,000 strings as one batch: predict()'s scores in a third of its time
        scores = np.asarray(keras.ops.convert_to_numpy(model.predict_on_batch(codes)),
                            dtype=float)
    except Exception as error:
        raise Wrong(f"your model cannot read encode(strings), letter indices of shape "
                    f"(strings, length) ({type(error).__name__}): start it with "
                    "keras.Input(shape=(None,)) and an Embedding") from None
    if scores.shape not in ((len(codes), 1), (len(codes),)):
        raise Wrong(f"its output has shape {scores.shape}: one probability per string, "
                    "(strings, 1): end with Dense(1, activation='sigmoid')")
    return scores.reshape(-1)


REVERSED = 0.35  # right on fewer: the outputs say the opposite (a constant is right on half)


def _advice(model, scores, right, kinds, strings, labels):
    """What in the model explains its failing, most likely cause first."""
    import keras

    inside = layers_within(model)
    if np.allclose(scores, 1, rtol=0, atol=1e-6) and any(applies_softmax(x) for x in inside):
        return ("a softmax over one unit always gives 1 (it divides the unit's exp by "
                "itself), whatever the string and the training: end with Dense(1, "
                "activation='sigmoid')")
    if right.mean() < REVERSED:
        return (f"its outputs look reversed: a constant answer is right on half of these "
                f"strings, and yours on {right.mean():.1%}. Train it on train_labels as "
                "dataset gives them (1: grammatical), and let it output that probability, "
                "p, not 1 - p")
    advice = []
    steps = _steps_trained(model)
    if steps == 0:
        advice.append("it has not been trained: compile it and fit it on "
                      "encode(train_strings) and train_labels")
    end_padded = np.zeros_like(reber.encode(strings))
    for row, s in zip(end_padded, strings):
        row[:len(s)] = [reber.SYMBOLS.index(c) + 1 for c in s]
    try:
        at_end = np.mean((_predict(model, end_padded) > 0.5) == (labels == 1))
    except Wrong:
        at_end = 0
    if at_end > max(0.9, right.mean() + 0.1):
        advice.append(f"it is {at_end:.1%} right on the same strings padded at the end: "
                      "encode() pads in front, as the check does; train it on "
                      "encode(train_strings)")
    cells = [type(x).__name__ for x in inside if isinstance(x, keras.layers.RNN)]
    if cells and all(name in ("SimpleRNN", "RNN") for name in cells) and not any(
            isinstance(x, (keras.layers.GRUCell, keras.layers.LSTMCell)) for x in inside):
        advice.append("a SimpleRNN forgets the second letter over a long string (notebook 03 "
                      "shows why): the twins need a GRU's or an LSTM's memory")
    name, from_logits = _loss_name(model)
    if steps and "binary_crossentropy" not in name.lower() and name.lower() not in ("bce",):
        advice.append(f"it was trained on {name}: a probability of one of two classes wants "
                      "loss='binary_crossentropy'")
    elif steps and from_logits:
        advice.append("its loss has from_logits=True, but its outputs are probabilities: "
                      "use loss='binary_crossentropy' after a sigmoid")
    if 0 < steps < STEPS:
        advice.append(f"it took {steps:,} training steps (batches), fewer than the task's "
                      f"{EPOCHS} epochs of batches of {BATCH_SIZE} on {TRAIN_STRINGS:,} "
                      f"strings ({STEPS:,})")
    if not advice:
        twins = right[kinds == "twin"].mean()
        what = ("the twins need the long memory, which some starting weights take longer to "
                "find" if twins < min(right[kinds == "near-miss"].mean(), 0.99) else
                "it has not learnt the grammar itself yet")
        advice.append(f"{what}: fit it a few epochs more (fit goes on from where it stopped; "
                      "Adam's large steps sometimes throw it off for an epoch), or train it "
                      "again from other starting weights")
    return "; ".join(advice)


def check_reber_model(model):
    import keras

    if not isinstance(model, keras.Model):
        raise Wrong(f"expected a Keras model, got {type(model).__name__}")
    if not any(is_recurrent(x) for x in layers_within(model)):
        raise Wrong("your model has no recurrent layer: the task is a GRU (or another "
                    "recurrent layer: LSTM, Bidirectional, RNN(cell)) that reads the letters "
                    "in order, and remembers")
    small = [x.input_dim for x in layers_within(model) if isinstance(x, keras.layers.Embedding)
             and x.input_dim < len(reber.SYMBOLS) + 1]
    if small:
        raise Wrong(f"Embedding({small[0]}, ...) has rows for the codes 0 to {small[0] - 1}, "
                    f"but encode() gives the letters the codes 1 to {len(reber.SYMBOLS)} "
                    f"(0 is the padding): it needs {len(reber.SYMBOLS) + 1} rows")
    strings, labels, kinds = reber._held_out()
    labels, kinds = labels.copy(), np.array(kinds)
    length = _input_length(model)
    if length is not None and length < max(map(len, strings)):
        raise Wrong(f"your model reads strings of {length} letters, and some held-out strings "
                    f"are longer: start it with keras.Input(shape=(None,)), any length")
    scores = _predict(model, reber.encode(strings, length))
    if not np.isfinite(scores).all():
        raise Wrong("its outputs hold NaN or infinity: the training diverged; train it again, "
                    "with a smaller learning rate")
    note = ""  # logits are read through a sigmoid, as a from_logits=True loss reads them
    if _loss_name(model)[1]:
        note = " (its loss has from_logits=True: its outputs read as logits, through a sigmoid)"
    elif scores.min() < 0 or scores.max() > 1:
        note = (f" (its outputs run from {scores.min():.3g} to {scores.max():.3g}: read as "
                "logits, through a sigmoid)")
    scores = sigmoid(scores) if note else scores
    right = (scores > 0.5) == (labels == 1)
    by_kind = ", ".join(f"{name} {right[kinds == kind].mean():.1%}" for kind, name in [
        ("grammatical", "grammatical strings"), ("twin", "twins"), ("near-miss", "near-misses")])
    said = (f"{right.mean():.1%} right on {len(strings):,} held-out strings ({by_kind}; "
            f"twins differ from a grammatical string only in the second-to-last letter){note}")
    if right.mean() < 0.99:
        raise Wrong(f"{said}: 99% needed. "
                    f"{_advice(model, scores, right, kinds, strings, labels)}")
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
        "with rng.integers(number of pairs), append the letter, go on until next state is "
        "None. Wrap a Reber string as 'B' + x + inner + x + 'E', with x = 'T' or 'P'.",
        solution=of(NOTEBOOK, "q3"))
    q4 = Exercise(
        "q4, near-misses", check_near_misses,
        hint="Pick a position with rng.integers(len(string)), and a letter of SYMBOLS other "
        "than the one there; put it in its place (strings cannot be changed: build a new one).",
        solution=of(NOTEBOOK, "q4"))
    q5 = Exercise(
        "q5, a GRU that knows the grammar", check_reber_model,
        hint="keras.Input(shape=(None,)), Embedding(8, 8) (the 7 letters and the padding), "
        "GRU(32), Dense(1, activation='sigmoid'); compile with the task's optimizer and loss, "
        "fit on encode(train_strings) with its batch size and epochs, and "
        "validation_data=(encode(val_strings), val_labels), keeping the best epoch's weights "
        "(keras.callbacks.EarlyStopping(monitor='val_accuracy', patience=20, "
        "restore_best_weights=True)): watch val_accuracy pass 0.99.",
        solution=of(NOTEBOOK, "q5"))
    return q1, q2, q3, q4, q5
