"""The checks of notebook 04e (rnnbook.ex_lstm_gru, rnnbook.exercises.reber): each passes its solution
and names, exactly, what is wrong in answers students write."""

import keras
import numpy as np
import pytest
from keras import layers

from rnnbook.exercises import lstm_gru as ex
from rnnbook.exercises import reber
from rnnbook.exercises.lstm_gru import gru_variant, lstm_variant

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
     "your outputs differ from Keras' by up to 0.120 (at step 5, unit 1)"),
    (lambda *args: None, NO_ANSWER[1]),
])
def test_q1_wrong_lstm_steps_are_named(step, message):
    assert q1.verdict(step) == (False, message)


def test_q1_a_wrong_carry_alone_is_named():
    def step(*args):
        h, c = lstm_variant()(*args)
        return h, c + 1 if args[0][0] == ex.step_weights("LSTM")[3][-1][0] else c

    assert q1.verdict(step) == (
        False, "your outputs h match Keras', your carry c does not (off by up to 1.000)")


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
])
def test_q2_wrong_gru_steps_are_named(step, message):
    assert q2.verdict(step) == (False, message)


def test_q2_a_bias_of_the_wrong_shape_names_the_kernel():
    def step(x_t, h_prev, kernel, recurrent_kernel, bias):
        return np.tanh(x_t @ kernel + h_prev @ recurrent_kernel + bias)  # (2, 9): no split

    right, said = q2.verdict(step)
    assert (right, said) == (False, "your step returns shape (2, 9): each state has shape "
                                    "(3,), one value per unit")


# q3 and q4: strings and near-misses

def test_q3_the_grammars_own_strings_pass():
    right, said = q3.verdict(reber.embedded_reber)
    assert right and said.startswith("2,000 grammatical strings, "), said


@pytest.mark.parametrize("generate, message", [
    (lambda rng: "BT" + reber.reber_string(rng) + "PE",
     "'BTBPVVEPE' is not an embedded Reber string: its second-to-last letter, 'P', must "
     "repeat its second, 'T'"),
    (lambda rng: "BT" + reber.reber_string(rng) + "E",
     "'BTBPVVEE' is not an embedded Reber string: its second-to-last letter, 'E', must "
     "repeat its second, 'T'"),
    (lambda rng: "BT" + reber.reber_string(rng)[1:] + "TE",
     "'BTPVVETE' is not an embedded Reber string: it has 8 letters; the shortest embedded "
     "Reber string has 9"),
    (lambda rng: "BTT" + reber.reber_string(rng)[1:] + "TE",
     "'BTTPVVETE' is not an embedded Reber string: the Reber string inside is wrong: after '' "
     "comes B, not 'T'"),
    (lambda rng: "BTBTXSETE", "100% of your strings start with BT: choose T or P with equal "
                              "chances (rng.integers or rng.choice)"),
    (lambda rng: "AT" + reber.reber_string(rng) + "TE",
     "'ATBPVVETE' is not an embedded Reber string: it must start with B and end with E"),
    (lambda rng: ["BTBTXSETE", "BPBTXSEPE"][rng.integers(2)],
     "only 2 different strings in 2,000: at each state pick one of its transitions at "
     "random, loops included"),
    (lambda rng: list("BTBTXSETE"), "your function returned list: return a string like "
                                    "'BTBPVVETE'"),
])
def test_q3_wrong_generators_are_named(generate, message):
    assert q3.verdict(generate) == (False, message)


def test_q4_the_grammars_own_near_misses_pass():
    right, said = q4.verdict(reber.near_miss)
    assert right and said.startswith("500 near-misses, one letter changed at "), said


@pytest.mark.parametrize("make, message", [
    (lambda s, rng: s, "'BTBPVVETE' became 'BTBPVVETE': 0 letters changed, not one"),
    (lambda s, rng: s + "E", "'BTBPVVETE' became 'BTBPVVETEE': a near-miss is a string of "
                             "the same length, with one letter changed"),
    (lambda s, rng: reber.twin(s), "in 500 strings your near-misses changed the same 1 "
                                   "place(s) only: pick the position at random"),
    (lambda s, rng: s[:3] + "x" + s[4:], "'BTBPVVETE' became 'BTBxVVETE': use the grammar's "
                                         "letters, BEPSTVX"),
    (lambda s, rng: s[:3] + s[4] + s[3] + s[5:], "'BTBPVVETE' became 'BTBVPVETE': 2 letters "
                                                 "changed, not one"),
    (lambda s, rng: None, "no answer yet: fill in the cell above, run it, then check again"),
])
def test_q4_wrong_near_misses_are_named(make, message):
    assert q4.verdict(make) == (False, message)


def test_every_one_letter_change_breaks_the_grammar():
    rng = np.random.default_rng(7)
    for string in (reber.embedded_reber(rng) for _ in range(300)):
        for i in range(len(string)):
            for letter in set(reber.SYMBOLS) - {string[i]}:
                assert reber.why_not_embedded(string[:i] + letter + string[i + 1:]), string


# q5: the trained model, judged on the held-out strings

def test_the_held_out_strings_hold_grammatical_strings_twins_and_near_misses():
    strings, labels, kinds = reber.held_out()
    assert [kinds.count(k) for k in ("grammatical", "twin", "near-miss")] == [500, 250, 250]
    assert all((reber.why_not_embedded(s) is None) == bool(y) for s, y in zip(strings, labels))
    grammatical = {s for s, k in zip(strings, kinds) if k == "grammatical"}
    assert all(reber.twin(s) in grammatical for s, k in zip(strings, kinds) if k == "twin")


def model_that_says(decide):
    """A Keras model whose predictions come from `decide(string)` (an oracle, for the check)."""
    model = keras.Sequential([keras.Input(shape=(None,)), layers.Embedding(8, 1),
                              layers.GlobalAveragePooling1D()])

    def predict(codes, verbose=0):
        strings = ["".join(reber.SYMBOLS[i - 1] for i in row if i) for row in codes]
        return np.array([[decide(s)] for s in strings], dtype="float32")

    model.predict = predict
    return model


def test_q5_a_model_that_knows_the_grammar_passes():
    oracle = model_that_says(lambda s: float(reber.why_not_embedded(s) is None))
    assert q5.verdict(oracle) == (True, (
        "100.0% right on 1,000 held-out strings (grammatical strings 100.0%, twins 100.0%, "
        "near-misses 100.0%; twins differ from a grammatical string only in the "
        "second-to-last letter)"))


def test_q5_a_model_blind_to_the_second_to_last_letter_fails_on_the_twins():
    # It reads the second-to-last letter as a copy of the second: it misses every twin, and
    # the near-misses whose change is in the last two letters.
    forgetful = model_that_says(lambda s: float(reber.why_not_embedded(s[:-2] + s[1] + "E")
                                                is None))
    assert q5.verdict(forgetful) == (False, (
        "70.0% right on 1,000 held-out strings (grammatical strings 100.0%, twins 0.0%, "
        "near-misses 80.0%; twins differ from a grammatical string only in the "
        "second-to-last letter): 99% needed. Train longer or on more strings"))


def test_q5_wrong_models_are_named():
    two = keras.Sequential([keras.Input(shape=(None,)), layers.Embedding(8, 2),
                            layers.GRU(2), layers.Dense(2, activation="softmax")])
    assert q5.verdict(two) == (False, "its output has shape (1000, 2): one probability "
                                         "per string, (strings, 1): end with Dense(1, "
                                         "activation='sigmoid')")
    assert q5.verdict("model") == (False, "expected a Keras model, got str")
    assert q5.verdict(None) == NO_ANSWER


def test_encode_pads_in_front_with_zeros():
    assert reber.encode(["BTE", "BE"]).tolist() == [[1, 5, 2], [0, 1, 2]]
    assert reber.encode(["BE"], length=4).tolist() == [[0, 0, 1, 2]]
