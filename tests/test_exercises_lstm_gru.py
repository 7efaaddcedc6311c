"""The checks of notebook 04e (rnnbook.exercises.lstm_gru and reber): each passes its solution
and names, exactly, what is wrong in answers students write; the generators are judged as
random draws; the held-out strings are held out. tests/test_redteam_02e_04e.py runs the
corpus of right and wrong answers."""

import json
from pathlib import Path

import keras
import numpy as np
import pytest
from keras import layers

from rnnbook.exercises import lstm_gru as ex
from rnnbook.exercises import reber
from rnnbook.exercises.lstm_gru import _gru_variant as gru_variant
from rnnbook.exercises.lstm_gru import _lstm_variant as lstm_variant
from rnnbook.exercises.solutions import SOLUTIONS

q1, q2, q3, q4, q5 = ex.exercises()

NO_ANSWER = (False, "no answer yet: fill in the cell above, run it, then check again")


# q1 and q2: the steps against Keras

def test_q1_the_right_lstm_step_matches_keras():
    assert q1.verdict(lstm_variant()) == (
        True, "your step matches keras.layers.LSTM over 6 steps")


GATE_ORDER = ("your gates are in another order: Keras' kernel holds them as i, f, c, o "
              "(input, forget, candidate, output), units columns each")


@pytest.mark.parametrize("step, message", [
    (lstm_variant(order="ifoc"), GATE_ORDER),
    (lstm_variant(order="icfo"), GATE_ORDER),
    (lstm_variant(forget=False),
     "the old carry must be scaled by the forget gate: c = f * c_prev + i * candidate"),
    (lstm_variant(output_tanh=False), "the output is o * tanh(c): squash the new carry"),
    (lstm_variant(swap=True), "you return (c, h): return (h, c), the output first"),
    (lambda *args: lstm_variant()(*args)[0], "return a pair (h, c): the new output and the "
                                             "new carry"),
    (lambda *args: (lstm_variant()(*args)[0], 0.5 * lstm_variant()(*args)[1]),
     "your first step matches Keras', from zero states; step 2 differs by up to 0.068: what "
     "the previous states bring is wrong: h_prev @ recurrent_kernel in every block, and the "
     "old carry scaled by the forget gate"),
    (lstm_variant(input_gate=False), "the candidate must be scaled by the input gate: "
                                     "c = f * c_prev + i * candidate"),
    (lstm_variant(new_carry=False), "the output squashes the new carry c, not c_prev"),
    (lstm_variant(candidate=ex.sigmoid), "the candidate is a tanh, not a sigmoid: it can be "
                                         "negative"),
    (lstm_variant(gate=np.tanh), "the gates i, f and o are sigmoids (between 0 and 1), not tanh"),
    (lstm_variant(bias_on=False), "the bias is missing: add it to the sum before the split"),
    (lstm_variant(recurrent=False), "your step ignores h_prev: add h_prev @ recurrent_kernel to "
                                    "the sum before the split"),
    (lstm_variant(order="oifc"), GATE_ORDER),
    (lambda x, h, c, k, r, b: lstm_variant()(x, h, c, 1.1 * k, r, b),
     "your first step, from zero states, already differs from Keras' (by up to 0.006): with "
     "h_prev and c_prev zero only x_t @ kernel, the bias and the four blocks count: check the "
     "blocks' order (i, f, c, o) and activations (sigmoid for i, f and o, tanh for the "
     "candidate)"),
    (lambda *args: None, NO_ANSWER[1]),
    (lambda *args: (lstm_variant()(*args)[0], list(lstm_variant()(*args))),
     "your step returns Keras' cell form (output, [h, c]), the states in a list after the "
     "output: return the pair (h, c) itself"),
])
def test_q1_wrong_lstm_steps_are_named(step, message):
    assert q1.verdict(step) == (False, message)


def test_q1_a_pair_stacked_in_one_array_passes():
    assert q1.verdict(lambda *args: np.stack(lstm_variant()(*args))) == (
        True, "your step matches keras.layers.LSTM over 6 steps")


@pytest.mark.parametrize("exercise, step, message", [
    (q1, lambda *args: tuple(np.round(v, 2) for v in lstm_variant()(*args)),
     "your states are close to Keras' but not equal (off by up to 0.0051): they are rounded to "
     "2 decimals. Return the state as computed, unrounded"),
    (q2, lambda *args: np.round(gru_variant()(*args), 3),
     "your states are close to Keras' but not equal (off by up to 0.0006): they are rounded to "
     "3 decimals. Return the state as computed, unrounded"),
])
def test_rounded_states_are_named(exercise, step, message):
    assert exercise.verdict(step) == (False, message)


def test_q1_a_wrong_carry_alone_is_named():
    def step(*args):
        h, c = lstm_variant()(*args)
        return h, c + 1 if args[0][0] == ex.step_weights("LSTM")[3][-1][0] else c

    assert q1.verdict(step) == (
        False, "your outputs h match Keras', your carry c does not (off by up to 1.000): "
               "return the new carry, the one h is made from")


def test_q2_the_right_gru_step_matches_keras():
    assert q2.verdict(gru_variant()) == (
        True, "your step matches keras.layers.GRU over 6 steps")


@pytest.mark.parametrize("step, message", [
    (gru_variant(reset_after=False), "the reset gate multiplies h_prev before U_h: that is "
     "reset_after=False; Keras' default applies it after, r * (h_prev @ U_h + b_h)"),
    (gru_variant(swap_z=True), "z weights the old state in Keras: h = z * h_prev + "
                               "(1 - z) * candidate"),
    (gru_variant(order="rzh"), "your gates are in another order: Keras' kernel holds them "
                               "as z, r, h (update, reset, candidate)"),
    (gru_variant(biases=1), "the state's bias is missing: bias[0] goes with the input, "
                            "bias[1] with h_prev @ recurrent_kernel"),
    (gru_variant(order="hrz"), "your gates are in another order: Keras' kernel holds them "
                               "as z, r, h (update, reset, candidate)"),
    (gru_variant(biases=0), "the biases are missing: bias[0] goes with the input, bias[1] "
                            "with h_prev @ recurrent_kernel"),
    (gru_variant(state_bias_outside=True), "bias[1] belongs with h_prev @ recurrent_kernel, "
                                           "inside the reset gate: r * (h_prev @ U_h + b_h)"),
    (gru_variant(reset=False), "the reset gate is missing: it scales the state's part of the "
                               "candidate"),
    (lambda x, h, k, r, b: gru_variant()(x, h, k, 0.8 * r, b),
     "your first step matches Keras', from zero states; step 2 differs by up to 0.002: what "
     "the previous state brings is wrong: h_prev @ recurrent_kernel in every block, the reset "
     "gate on the candidate's part of it, and z weighting h_prev"),
    (lambda x, h, k, r, b: gru_variant()(1.1 * x, h, k, r, b),
     "your first step, from zero states, already differs from Keras' (by up to 0.009): with "
     "h_prev zero only x_t @ kernel, the two bias rows and the three blocks count: check the "
     "blocks' order (z, r, h), their activations (sigmoid for z and r, tanh for the "
     "candidate), which bias row goes where, and which of z and 1 - z weights the candidate"),
])
def test_q2_wrong_gru_steps_are_named(step, message):
    assert q2.verdict(step) == (False, message)


def test_q2_a_bias_of_the_wrong_shape_names_the_kernel():
    def step(x_t, h_prev, kernel, recurrent_kernel, bias):
        return np.tanh(x_t @ kernel + h_prev @ recurrent_kernel + bias)  # (2, 9): no split

    right, said = q2.verdict(step)
    assert (right, said) == (False, "your step returns shape (2, 9): the new state has "
                                    "shape (3,), one value per unit")


# q3 and q4: strings and near-misses, judged as random draws

def fair_streams(make, count=4):
    """`count` right answers that draw differently from the check's rng (each its own stream,
    derived from that rng, so reproducible), built on the package's own `make`."""
    return [lambda *args, k=k: make(*args[:-1], np.random.default_rng(
        [int(args[-1].integers(2**32)), k])) for k in range(count)]


def test_q3_fair_generators_pass_whatever_their_draws():
    for generate in fair_streams(reber._embedded):
        right, said = q3.verdict(generate)
        assert right, said
        assert said.startswith("6,000 grammatical strings, ") and said.endswith(
            " different; every choice between two edges as fair as a random draw"), said


def unfair(branch_p=0.5, loop_p=0.5):
    """A generator with P(T) = branch_p after the B and P(first edge) = loop_p at state 3."""
    def generate(rng):
        state, letters = 0, []
        while state is not None:
            edges = reber.REBER[state]
            first = rng.random() < (loop_p if state == 3 else 0.5)
            letter, state = edges[0 if len(edges) == 1 or first else 1]
            letters.append(letter)
        x = "T" if rng.random() < branch_p else "P"
        return "B" + x + "".join(letters) + x + "E"
    return generate


@pytest.mark.parametrize("generate, message", [
    (unfair(branch_p=0.45), "after the first B your strings went on with T 46% of the time "
                            "and with P 54%, in 6,000 choices: choose among T and P with equal "
                            "chances (a fair draw is this far off less than once in a million)"),
    (unfair(loop_p=0.45), "at state 3 your strings went on with T 45% of the time and with V "
                          "55%, in 10,982 choices: choose among a state's two edges with equal "
                          "chances (a fair draw is this far off less than once in a million)"),
    (lambda rng: "BT" + reber._reber_string(rng) + "PE",
     "'BTBPVVEPE' is not an embedded Reber string: its second-to-last letter, 'P', must "
     "repeat its second, 'T'"),
    (lambda rng: "BT" + reber._reber_string(rng)[1:] + "TE",
     "'BTPVVETE' is not an embedded Reber string: it has 8 letters; the shortest embedded "
     "Reber string has 9"),
    (lambda rng: "BTT" + reber._reber_string(rng)[1:] + "TE",
     "'BTTPVVETE' is not an embedded Reber string: the Reber string inside is wrong: after '' "
     "comes B, not 'T'"),
    (lambda rng: "AT" + reber._reber_string(rng) + "TE",
     "'ATBPVVETE' is not an embedded Reber string: it must start with B and end with E"),
    (lambda rng: list("BTBTXSETE"), "your function returned list: return a string like "
                                    "'BTBPVVETE'"),
    (lambda rng: reber._embedded(np.random.default_rng()),
     "the same rng gives other strings: draw every choice from the rng your function is given, "
     "not from random or np.random"),
    (reber._embedded, "that is the course package's own function, which the check uses: "
                      "write yours"),
])
def test_q3_wrong_generators_are_named(generate, message):
    assert q3.verdict(generate) == (False, message)


def test_q4_fair_near_misses_pass_whatever_their_draws():
    for make in fair_streams(reber._near_miss):
        right, said = q4.verdict(make)
        assert right, said
        assert said.startswith("3,000 near-misses, one letter changed in each, at ") and \
            said.endswith(" different positions, spread as a random draw spreads them"), said


def change_at(position):
    def make(string, rng):
        i = position(string, rng)
        return string[:i] + ("X" if string[i] != "X" else "S") + string[i + 1:]
    return make


@pytest.mark.parametrize("make, message", [
    (lambda s, rng: s, "'BTBPVVETE' came back unchanged: the new letter must differ from the "
                       "one it replaces"),
    (lambda s, rng: s + "E", "'BTBPVVETE' became 'BTBPVVETEE': a near-miss is a string of "
                             "the same length, with one letter changed"),
    (lambda s, rng: s[:3] + "x" + s[4:], "'BTBPVVETE' became 'BTBxVVETE': use the grammar's "
                                         "letters, BEPSTVX"),
    (lambda s, rng: s[:3] + s[4] + s[3] + s[5:], "'BTBPVVETE' became 'BTBVPVETE': 2 letters "
                                                 "changed, not one"),
    (lambda s, rng: None, "no answer yet: fill in the cell above, run it, then check again"),
    (change_at(lambda s, rng: len(s) // 2),
     "in 3,000 near-misses yours changed the middle third of the inner string 3,000 times, "
     "where a position drawn at random changes it about 671 times: every position, the first "
     "and the last included, must have the same chance"),
    (change_at(lambda s, rng: rng.integers(len(s) - 1)),
     "in 3,000 near-misses yours changed the last letter 0 times, where a position drawn at "
     "random changes it about 264 times: every position, the first and the last included, "
     "must have the same chance"),
    (lambda s, rng: reber.twin(s),
     "in 3,000 near-misses yours changed the second-to-last letter 3,000 times, where a "
     "position drawn at random changes it about 266 times: every position, the first and the "
     "last included, must have the same chance"),
    (change_at(lambda s, rng: np.random.randint(len(s))),
     "the same rng gives other near-misses: draw the position and the letter from the rng "
     "your function is given, not from random or np.random"),
    (reber._near_miss, "that is the course package's own function, which the check uses: "
                       "write yours"),
])
def test_q4_wrong_near_misses_are_named(make, message):
    assert q4.verdict(make) == (False, message)


def test_every_one_letter_change_breaks_the_grammar():
    rng = np.random.default_rng(7)
    for string in (reber._embedded(rng) for _ in range(300)):
        for i in range(len(string)):
            for letter in set(reber.SYMBOLS) - {string[i]}:
                assert reber.why_not_embedded(string[:i] + letter + string[i + 1:]), string


# No answer given away: the package exports neither generator, nor the answer keys

def test_the_package_exports_no_solution_under_the_notebooks_names():
    for name in ("embedded_reber", "near_miss", "reber_string"):
        assert not hasattr(reber, name) and name not in reber.__all__
    for name in ("lstm_step", "gru_step", "lstm_variant", "gru_variant"):
        assert not hasattr(ex, name) and name not in ex.__all__
    from rnnbook.exercises import basics

    assert not {"SHAPES", "COUNTS"} & (set(basics.__all__) | set(dir(basics)))


# q5: the trained model, judged on held-out strings that are held out

def test_the_training_strings_are_what_dataset_says():
    strings, labels, kinds = reber.dataset(400, np.random.default_rng(0))
    assert [kinds.count(k) for k in ("grammatical", "twin", "near-miss")] == [400, 100, 300]
    assert all((reber.why_not_embedded(s) is None) == bool(y) for s, y in zip(strings, labels))
    assert len(reber.dataset(8000, np.random.default_rng(0))[0]) == ex.TRAIN_STRINGS


def test_the_held_out_strings_hold_grammatical_strings_twins_and_near_misses():
    strings, labels, kinds = reber._held_out()
    assert [kinds.count(k) for k in ("grammatical", "twin", "near-miss")] == [500, 250, 250]
    assert all((reber.why_not_embedded(s) is None) == bool(y) for s, y in zip(strings, labels))
    grammatical = {s for s, k in zip(strings, kinds) if k == "grammatical"}
    assert all(reber.twin(s) in grammatical for s, k in zip(strings, kinds) if k == "twin")
    assert len(grammatical) >= 150  # no few strings decide the check


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 100, 101])
def test_no_held_out_string_is_a_training_or_validation_string(seed):
    held_out = set(reber._held_out()[0])
    for size in (8000, 500):  # the notebook's training and validation sets, for any seed
        assert not held_out & set(reber.dataset(size, np.random.default_rng(seed))[0])


def test_held_out_is_held_out_by_construction():
    """Whatever the rng: training strings have inner strings outside the check's; the held-out
    twins keep theirs; a held-out near-miss is one letter from check strings only, so no
    training near-miss (one letter from a training string) can be it."""
    strings, labels, kinds = reber._held_out()
    for s, kind in zip(strings, kinds):
        if kind == "near-miss":
            assert all(reber.for_check(g) for g in reber._grammatical_neighbours(s)), s
        else:
            assert reber.for_check(s), s
    for seed in range(20):
        training, _, train_kinds = reber.dataset(50, np.random.default_rng(seed))
        for s, kind in zip(training, train_kinds):
            if kind == "near-miss":
                assert not all(reber.for_check(g) for g in reber._grammatical_neighbours(s))
            else:
                assert not reber.for_check(s)


def model_that_says(decide, steps=ex.STEPS, loss="binary_crossentropy", rnn=layers.GRU):
    """A Keras model whose predictions come from `decide(string)` (an oracle, for the check),
    compiled, its optimizer `steps` steps on, as if trained."""
    model = keras.Sequential([keras.Input(shape=(None,)), layers.Embedding(8, 1), rnn(2),
                              layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss=loss)
    model.optimizer.build(model.trainable_variables)
    model.optimizer.iterations.assign(steps)

    def predict(codes):
        strings = ["".join(reber.SYMBOLS[i - 1] for i in row if i) for row in codes]
        return np.array([[decide(s)] for s in strings], dtype="float32")

    model.predict_on_batch = predict
    return model


def knows(s):
    return float(reber.why_not_embedded(s) is None)


def forgets(s):
    """Reads the second-to-last letter as a copy of the second: misses every twin, and the
    near-misses whose change is in the last two letters."""
    return float(reber.why_not_embedded(s[:-2] + s[1] + "E") is None)


def test_q5_a_model_that_knows_the_grammar_passes():
    assert q5.verdict(model_that_says(knows)) == (True, (
        "100.0% right on 1,000 held-out strings (grammatical strings 100.0%, twins 100.0%, "
        "near-misses 100.0%; twins differ from a grammatical string only in the "
        "second-to-last letter)"))


FORGETFUL = ("71.6% right on 1,000 held-out strings (grammatical strings 100.0%, twins 0.0%, "
             "near-misses 86.4%; twins differ from a grammatical string only in the "
             "second-to-last letter): 99% needed. ")


@pytest.mark.parametrize("model, advice", [
    (lambda: model_that_says(forgets),
     "the twins need the long memory, which some starting weights take longer to find: fit it "
     "a few epochs more (fit goes on from where it stopped; Adam's large steps sometimes "
     "throw it off for an epoch), or train it again from other starting weights"),
    (lambda: model_that_says(lambda s: knows(s) if s[1:2] == "T" else 1.0),
     "it has not learnt the grammar itself yet: fit it a few epochs more (fit goes on from "
     "where it stopped; Adam's large steps sometimes throw it off for an epoch), or train it "
     "again from other starting weights"),
    (lambda: model_that_says(forgets, rnn=layers.SimpleRNN),
     "a SimpleRNN forgets the second letter over a long string (notebook 03 shows why): the "
     "twins need a GRU's or an LSTM's memory"),
    (lambda: model_that_says(forgets, loss="mse"),
     "it was trained on mse: a probability of one of two classes wants "
     "loss='binary_crossentropy'"),
    (lambda: model_that_says(forgets, steps=500),
     "it took 500 training steps (batches), fewer than the task's 20 epochs of batches of 64 "
     "on 16,000 strings (5,000)"),
    (lambda: model_that_says(forgets, steps=0),
     "it has not been trained: compile it and fit it on encode(train_strings) and "
     "train_labels"),
])
def test_q5_a_failing_model_is_told_what_explains_it(model, advice):
    right, said = q5.verdict(model())
    assert not right and said.endswith(": 99% needed. " + advice), said
    assert said.startswith(FORGETFUL) or "grammar itself" in advice


def test_q5_a_model_that_memorised_the_training_strings_fails():
    seen = {}
    for size, seed in [(8000, 0), (500, 100)]:
        strings, labels, _ = reber.dataset(size, np.random.default_rng(seed))
        seen.update(zip(strings, labels))
    right, said = q5.verdict(model_that_says(lambda s: seen.get(s, forgets(s))))
    assert not right and said.startswith(FORGETFUL), said


def test_q5_a_model_without_a_recurrent_layer_fails_however_well_it_scores():
    conv = keras.Sequential([keras.Input(shape=(None,)), layers.Embedding(8, 2),
                             layers.Conv1D(2, 3), layers.GlobalMaxPooling1D(),
                             layers.Dense(1, activation="sigmoid")])
    conv.predict_on_batch = model_that_says(knows).predict_on_batch  # right on every string
    assert q5.verdict(conv) == (False, "your model has no recurrent layer: the task is a GRU "
                                       "(or another recurrent layer: LSTM, Bidirectional, "
                                       "RNN(cell)) that reads the letters in order, and "
                                       "remembers")
    for memory in [layers.Bidirectional(layers.GRU(2)), layers.RNN(layers.GRUCell(2)),
                   keras.Sequential([layers.LSTM(2)])]:
        inside = keras.Sequential([keras.Input(shape=(None,)), layers.Embedding(8, 2), memory,
                                   layers.Dense(1, activation="sigmoid")])
        inside.predict_on_batch = conv.predict_on_batch
        assert q5.verdict(inside)[0], memory


@pytest.mark.parametrize("decide, steps, share", [
    (lambda s: 1 - knows(s), ex.STEPS, "0.0%"),
    (lambda s: 1 - knows(s), 0, "0.0%"),  # never compiled: 1 - p of a trained model
    (lambda s: 1 - forgets(s), ex.STEPS, "28.4%"),
])
def test_q5_reversed_outputs_are_named(decide, steps, share):
    right, said = q5.verdict(model_that_says(decide, steps=steps))
    assert not right and said.endswith(
        f": 99% needed. its outputs look reversed: a constant answer is right on half of these "
        f"strings, and yours on {share}. Train it on train_labels as dataset gives them (1: "
        "grammatical), and let it output that probability, p, not 1 - p"), said


@pytest.mark.parametrize("head", [
    lambda: [layers.Dense(1, activation="softmax")],
    lambda: [layers.Dense(1), layers.Softmax()],
])
def test_q5_a_softmax_over_one_unit_is_named(head):
    model = keras.Sequential([keras.Input(shape=(None,)), layers.Embedding(8, 2), layers.GRU(2),
                              *head()])
    right, said = q5.verdict(model)
    assert not right and said.endswith(
        ": 99% needed. a softmax over one unit always gives 1 (it divides the unit's exp by "
        "itself), whatever the string and the training: end with Dense(1, "
        "activation='sigmoid')"), said


def test_q5_wrong_models_are_named():
    two = keras.Sequential([keras.Input(shape=(None,)), layers.Embedding(8, 2),
                            layers.GRU(2), layers.Dense(2, activation="softmax")])
    assert q5.verdict(two) == (False, "its output has shape (1000, 2): one probability "
                                         "per string, (strings, 1): end with Dense(1, "
                                         "activation='sigmoid')")
    logits = model_that_says(lambda s: 8 * knows(s) - 4)  # right, in another form
    verdict, said = q5.verdict(logits)
    assert verdict and said.endswith(" (its outputs run from -4 to 4: read as logits, through "
                                     "a sigmoid)"), said
    seven = keras.Sequential([keras.Input(shape=(None,)), layers.Embedding(7, 2),
                              layers.GRU(2), layers.Dense(1, activation="sigmoid")])
    assert q5.verdict(seven) == (False, "Embedding(7, ...) has rows for the codes 0 to 6, but "
                                           "encode() gives the letters the codes 1 to 7 (0 is "
                                           "the padding): it needs 8 rows")
    assert q5.verdict("model") == (False, "expected a Keras model, got str")
    assert q5.verdict(None) == NO_ANSWER


# The notebook states the training the check's advice counts on, and its next cells use the
# student's answers

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "04e_exercises_lstm_gru.ipynb"


def test_the_notebook_states_the_training_its_solution_does():
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    task = next("".join(c["source"]) for c in cells if "".join(c["source"]).startswith(
        "## 5. A `GRU`"))
    settings = ["keras.optimizers.Adam(learning_rate=0.01)", f"batch_size={ex.BATCH_SIZE}",
                f"epochs={ex.EPOCHS}", '"binary_crossentropy"']
    assert all(f"`{s}`" in task for s in settings), task
    solution = SOLUTIONS["04e"]["q5"]
    assert all(s in solution for s in settings), solution
    tasks = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert f"The check draws {ex.STRINGS:,}" in tasks and f"makes {ex.MISSES:,} near" in tasks
    code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    assert not any("reber.embedded_reber" in c or "reber.near_miss" in c for c in code)
    assert "reber.show_examples(embedded_reber, near_miss)" in "\n".join(code)


def test_the_examples_use_the_students_answers_and_never_raise(capsys):
    reber.show_examples(reber._embedded, reber._near_miss)
    assert capsys.readouterr().out.splitlines()[0].startswith("string       BPBTSSSXSEPE")
    reber.show_examples(lambda rng: None, lambda s, rng: None)
    reber.show_examples(lambda rng: "BTXE", lambda s, rng: 1 / 0)
    assert capsys.readouterr().out == (
        "no examples yet (TypeError): answer exercises 3 and 4 first\n"
        "no examples yet (KeyError): answer exercises 3 and 4 first\n")


def test_encode_pads_in_front_with_zeros():
    assert reber.encode(["BTE", "BE"]).tolist() == [[1, 5, 2], [0, 1, 2]]
    assert reber.encode(["BE"], length=4).tolist() == [[0, 0, 1, 2]]
