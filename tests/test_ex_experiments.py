"""Notebook 07e's checks (rnnbook.ex_experiments): one change at a time, judged against the naive
baseline, the plain GRU trained the same way and its stored figure, with the seed spread."""

import json
from types import SimpleNamespace
from pathlib import Path

import keras
import numpy as np
import pytest
from keras import layers

from rnnbook.exercises import experiments as ex

ROOT = Path(__file__).resolve().parent.parent
FEATURES = 6


def trained(prepared, mae=0.2700, profile="full"):
    """A record as `train` returns it, without the training: `prepare`'s part, then a result."""
    epochs, steps = (3, 200) if profile == "full" else (1, 5)
    return {**prepared, "profile": profile, "epochs": epochs, "steps_per_epoch": steps,
            "trained": prepared["problem"] is None, "val_mae": [mae], "best_val_mae": mae,
            "best_epoch": 1, "naive_val_mae": 0.2896, "seconds": 1.0}


def record(*model_layers, learning_rate=0.001, mae=0.2700, profile="full"):
    model = keras.Sequential([keras.Input(shape=(None, FEATURES)), *model_layers])
    return trained(ex.prepare(model, learning_rate, (None, 24, FEATURES))[0], mae, profile)


PLAIN = record(layers.GRU(32), layers.Dense(1), mae=0.2750)


def questions():
    return ex.exercises(PLAIN)


def test_the_stored_figure_is_notebook_05s():
    stored = json.loads((ROOT / "results/full/05_jena_forecasting/seed0.json").read_text())
    assert round(stored["models"]["GRU"]["best_val_mae"], 4) == ex.STORED_GRU


def test_the_plain_gru_changes_nothing():
    assert ex.changes(PLAIN) == []
    q1 = questions()[0]
    assert q1.verdict(PLAIN) == (False, "this is the plain GRU, unchanged: give the GRU more "
                                        "units (48, say)")


def test_more_units_is_judged():
    q1 = questions()[0]
    assert q1.verdict(record(layers.GRU(64), layers.Dense(1), mae=0.2730)) == (
        True, "units 32 -> 64: best validation MAE 0.2730 at epoch 1: beats the naive baseline "
              "(0.2896) by 0.0166; -0.0020 from the plain GRU's 0.2750 (same protocol): "
              "within the spread of a difference of two runs (2 x sqrt(2) x the seed spread "
              "0.0015 = 0.0042), so one seed each cannot tell them apart; the stored "
              "full-length GRU reached 0.2595 (20 epochs of 500 batches, +0.0135)")


def test_two_changes_are_refused():
    q1 = questions()[0]
    assert q1.verdict(record(layers.GRU(64), layers.Dense(1), learning_rate=0.01)) == (
        False, "you changed 2 things (learning rate 0.001 -> 0.01; units 32 -> 64): change "
               "only one, so the result says what it did: give the GRU more units (48, say)")


def test_the_wrong_change_is_named():
    q1, q2, q3, q4, _ = questions()
    lstm = record(layers.LSTM(32), layers.Dense(1))
    assert q1.verdict(lstm) == (False, "you changed the layer (GRU -> LSTM); this exercise "
                                       "asks: give the GRU more units (48, say)")
    assert q3.verdict(lstm)[0]
    assert q2.verdict(record(layers.GRU(32), layers.Dense(1), learning_rate=0.003))[0]
    head = record(layers.GRU(32), layers.Dense(32, activation="relu"), layers.Dense(1))
    assert q4.verdict(head)[0]
    assert q3.verdict(head) == (False, "you changed the head (head Dense(1) -> Dense(32, relu) "
                                       "+ Dense(1, linear)); this exercise asks: use LSTM(32) "
                                       "instead of GRU(32)")


def test_the_change_must_go_the_way_asked():
    q1, q2, q3, q4, _ = questions()
    assert q1.verdict(record(layers.GRU(16), layers.Dense(1))) == (
        False, "units 32 -> 16 is fewer, not more: give the GRU more units (48, say)")
    assert q3.verdict(record(layers.SimpleRNN(32), layers.Dense(1))) == (
        False, "GRU -> SimpleRNN is another layer, not the LSTM: use LSTM(32) instead of "
               "GRU(32)")
    assert q3.verdict(record(layers.Bidirectional(layers.GRU(32)), layers.Dense(1))) == (
        False, "GRU -> Bidirectional(GRU) is another layer, not the LSTM: use LSTM(32) "
               "instead of GRU(32)")
    assert q4.verdict(record(layers.GRU(32), layers.Dense(8), layers.Dense(1))) == (
        False, "a linear Dense before Dense(1) makes one linear map of the two, no bigger than "
               "Dense(1) alone: give it activation='relu': put a Dense(32, activation='relu') "
               "between the GRU and Dense(1)")
    assert q4.verdict(record(layers.GRU(32), layers.Dense(32, activation="relu"))) == (
        False, "the head must still end with the plain model's Dense(1), with a Dense layer "
               "before it: put a Dense(32, activation='relu') between the GRU and Dense(1)")


def test_a_head_that_is_not_a_bigger_dense_layer_is_refused():
    q4 = questions()[3]
    asked = "put a Dense(32, activation='relu') between the GRU and Dense(1)"
    assert q4.verdict(record(layers.GRU(32), layers.Dropout(0.5), layers.Dense(1))) == (
        False, "Dropout is not a bigger dense head: the layer before Dense(1) must be a Dense "
               f"with more than one unit: {asked}")
    assert q4.verdict(record(layers.GRU(32), layers.Dense(1, activation="relu"),
                             layers.Dense(1))) == (
        False, "Dense(1) is not a bigger dense head: the layer before Dense(1) must be a Dense "
               f"with more than one unit: {asked}")


def test_a_softmax_or_a_second_hidden_layer_is_refused():
    """Review 35: a hidden softmax passed, and so did two hidden layers."""
    q4 = questions()[3]
    asked = "put a Dense(32, activation='relu') between the GRU and Dense(1)"
    assert q4.verdict(record(layers.GRU(32), layers.Dense(32, activation="softmax"),
                             layers.Dense(1))) == (
        False, "Dense(32, softmax): a softmax makes the hidden layer's 32 outputs sum to 1, as "
               "if they were the chances of as many classes; a hidden layer needs an activation "
               f"applied to each unit on its own: {asked}")
    assert q4.verdict(record(layers.GRU(32), layers.Dense(32, activation="relu"),
                             layers.Dense(16, activation="relu"), layers.Dense(1))) == (
        False, "Dense(32, relu) + Dense(16, relu): 2 Dense layers before Dense(1); the task adds "
               f"one hidden Dense layer, so that the result says what it did: {asked}")


def test_the_output_dense_and_the_dtype_name_the_setting_changed():
    """Review 35: 'head Dense(1) -> Dense(1, linear)' and 'dtype DTypePolicy -> DTypePolicy'."""
    assert ex.changes(record(layers.GRU(32), layers.Dense(1, use_bias=False))) == [
        ("head", "the head's Dense(1): use_bias True -> False")]
    assert ex.changes(record(layers.GRU(32), layers.Dense(1, kernel_initializer="zeros"))) == [
        ("head", "the head's Dense(1): kernel_initializer GlorotUniform -> Zeros")]
    assert ex.changes(record(layers.GRU(32, dtype="float16"), layers.Dense(1))) == [
        ("dtype", "dtype float32 -> float16")]


def test_every_setting_of_the_output_dense_is_named():
    """Review 35, second student pass: a setting a config leaves out at its default
    (activity_regularizer) read as 'head Dense(1) -> Dense(1, linear)'."""
    assert ex.changes(record(layers.GRU(32), layers.Dense(1, activity_regularizer="l2"))) == [
        ("head", "the head's Dense(1): activity_regularizer None -> L2{'l2': 0.01}")]


def test_relu_twice_is_relu_and_a_softmax_before_a_relu_is_named():
    """Review 35, second student pass: Dense(32, relu) + Activation('relu') was refused as
    'not a bigger dense head'; Dense(32) + Softmax + ReLU was told about the ReLU."""
    q4 = questions()[3]
    asked = "put a Dense(32, activation='relu') between the GRU and Dense(1)"
    for relu in (layers.Activation("relu"), layers.ReLU()):
        assert q4.verdict(record(layers.GRU(32), layers.Dense(32, activation="relu"), relu,
                                 layers.Dense(1)))[0]
    assert q4.verdict(record(layers.GRU(32), layers.Dense(32), layers.Softmax(), layers.ReLU(),
                             layers.Dense(1))) == (
        False, "Dense(32, softmax): a softmax makes the hidden layer's 32 outputs sum to 1, as "
               "if they were the chances of as many classes; a hidden layer needs an activation "
               f"applied to each unit on its own: {asked}")
    assert q4.verdict(record(layers.GRU(32), layers.Dense(32, activation="tanh"),
                             layers.Activation("relu"), layers.Dense(1))) == (
        False, "Dense(32, tanh) + Activation(relu) applies 2 activations in a row: give the "
               "hidden Dense one activation, in the Dense or in one layer after a linear Dense: "
               f"{asked}")


def test_a_learning_rate_that_cannot_learn_is_refused():
    q2 = questions()[1]
    for rate in (0.0, -0.003, float("nan"), float("inf")):
        assert q2.verdict(record(layers.GRU(32), layers.Dense(1), learning_rate=rate)) == (
            False, f"a learning rate of {rate:g} cannot learn: give a finite one above 0: "
                   "train with another learning_rate (0.003, say)")


def test_train_says_which_answer_is_missing(capsys):
    assert ex.train(None, None) is None
    assert ex.train(None, "a model", learning_rate=None) is None
    assert capsys.readouterr().out == (
        "no model yet: fill in the answer cell above, run it, then this cell\n"
        "no learning rate yet: fill in the answer cell above, run it, then this cell\n")


def test_unchanged_or_changed_elsewhere_for_the_learning_rate_and_the_head():
    q1, q2, q3, q4, _ = questions()
    assert q2.verdict(PLAIN) == (False, "this is the plain GRU, unchanged: train with another "
                                        "learning_rate (0.003, say)")
    assert q4.verdict(PLAIN) == (False, "this is the plain GRU, unchanged: put a Dense(32, "
                                        "activation='relu') between the GRU and Dense(1)")
    front = record(layers.Dense(32, activation="relu"), layers.GRU(32), layers.Dense(1))
    assert q4.verdict(front) == (False, "you changed the front (Dense before the recurrent "
                                        "layer); this exercise asks: put a Dense(32, "
                                        "activation='relu') between the GRU and Dense(1)")
    assert q2.verdict(record(layers.GRU(32), layers.Dense(1), learning_rate=0.003,
                             mae=0.2700))[0]


def test_a_result_beyond_the_spread_and_one_losing_to_naive():
    q1 = questions()[0]
    said = q1.verdict(record(layers.GRU(64), layers.Dense(1), mae=0.2600))[1]
    assert "-0.0150 from the plain GRU's 0.2750 (same protocol): better, beyond the spread of " \
           "a difference of two runs (2 x sqrt(2) x the seed spread 0.0015 = 0.0042)" in said
    said = q1.verdict(record(layers.GRU(64), layers.Dense(1), mae=0.3000))[1]
    assert "does not beat the naive baseline (0.2896): +0.0104" in said


def test_the_threshold_is_for_a_difference_of_two_runs():
    """Issue 35: q5 compared a difference of two runs with twice one run's sd; a difference
    varies sqrt(2) times as much as one run."""
    assert ex.THRESHOLD == pytest.approx(2 * np.sqrt(2) * ex.SPREAD)
    q1 = questions()[0]
    inside = 0.2750 - 0.0040  # beyond 2 sd of one run (0.0030), within 2 sd of a difference
    said = q1.verdict(record(layers.GRU(64), layers.Dense(1), mae=inside))[1]
    assert "-0.0040 from the plain GRU's 0.2750 (same protocol): within the spread" in said


def test_the_quick_profile_judges_nothing():
    """Issue 35: quick said "too few batches to judge anything", then judged "better, beyond
    twice the seed spread"."""
    plain = record(layers.GRU(32), layers.Dense(1), mae=0.2750, profile="quick")
    q1, *_, q5 = ex.exercises(plain)
    said = q1.verdict(record(layers.GRU(64), layers.Dense(1), mae=0.2000, profile="quick"))
    assert said == (True, "units 32 -> 64: best validation MAE 0.2000 at epoch 1 (quick "
                          "profile, 1 epoch(s) of 5 batches: too few to judge it against the "
                          "naive baseline, the plain GRU or the seed spread; the full profile "
                          "does)")
    records = {name: record(layers.GRU(64), layers.Dense(1), mae=mae, profile="quick")
               for name, mae in (("units", 0.2700), ("learning rate", 0.2000), ("LSTM", 0.2800),
                                 ("head", 0.2900))}
    right, said = q5.verdict(records, "learning rate", True)
    assert right and "better" not in said and "beyond" not in said
    assert said.endswith("the quick profile's runs are too short for the seed spread, measured "
                         "in the full profile, to judge any change: your reading of the table "
                         "is right")


def test_not_a_record():
    q1 = questions()[0]
    assert q1.verdict(keras.Sequential()) == (
        False, "pass the record that ex_experiments.train(...) returned, not Sequential")


def test_which_change_helped():
    q5 = questions()[4]
    records = {"units": record(layers.GRU(64), layers.Dense(1), mae=0.2700),
               "learning rate": record(layers.GRU(32), layers.Dense(1), mae=0.2800),
               "LSTM": record(layers.LSTM(32), layers.Dense(1), mae=0.2600),
               "head": record(layers.GRU(32), layers.Dense(8), layers.Dense(1), mae=0.2760)}
    assert q5.verdict(records, "LSTM", True) == (
        True, "'LSTM' is 0.0150 below the plain GRU's 0.2750, the lowest of the four: better "
              "beyond the spread of a difference of two runs (0.0042)")
    assert q5.verdict(records, "units", True) == (
        False, "'units' reached 0.2700: another change reached a lower best validation MAE; "
               "read the table again")
    assert q5.verdict(records, "LSTM", False) == (
        False, "beyond_spread = False does not follow from the table: compare the gain, "
               "plain['best_val_mae'] minus the best change's, with ex_experiments.THRESHOLD, 2 "
               "x sqrt(2) x the seed spread (a difference of two runs varies sqrt(2) times as "
               "much as one run)")
    assert q5.verdict(records, "lstm", True) == (
        False, "best_change = 'lstm' is not a key of records: copy one of its keys as it is "
               "written (print(list(records)))")
    assert q5.verdict(records, "LSTM", "False") == (
        False, "beyond_spread must be True or False, not 'False'")
    assert q5.verdict(records, None, None)[1].startswith("no answer yet")
    assert q5.verdict({**records, "head": None}, "LSTM", True) == (
        False, "records must hold the four records of q1-q4: run them first")


@pytest.mark.slow
def test_train_in_the_quick_profile(env):
    env.setenv("RNN_QUICK", "1")
    from test_jena_task import synthetic_task

    task = synthetic_task(train_batches=10, eval_batches=2)
    model = keras.Sequential([keras.Input(shape=(None, 6)), layers.GRU(4), layers.Dense(1)])
    untrained = [w.copy() for w in model.get_weights()]
    got = ex.train(task, model)
    assert (got["epochs"], got["steps_per_epoch"], got["profile"]) == (1, 5, "quick")
    naive = np.mean([np.mean(np.abs(x[:, -1, 1] - y)) for x, y in task.validation()])
    assert got["naive_val_mae"] == pytest.approx(naive)  # on the batches validated on
    assert [(name, settings["units"]) for name, settings in got["layers"]] == [("GRU", 4),
                                                                                ("Dense", 1)]
    assert got["output_shape"] == (None, 1) and got["trained"] and got["problem"] is None
    assert len(got["val_mae"]) == 1 and got["best_val_mae"] == got["val_mae"][0]
    assert ex.train(task, None) is None
    # A fresh copy each time, from the same initial weights: a rerun starts over, not on.
    assert all((w == u).all() for w, u in zip(model.get_weights(), untrained))
    keras.utils.set_random_seed(1)  # another state before the call changes nothing
    assert ex.train(task, model)["val_mae"] == got["val_mae"]


def test_each_check_names_its_question():
    assert [q.title for q in questions()] == [
        "q1, more units", "q2, another learning rate", "q3, LSTM for GRU",
        "q4, a bigger dense head", "q5, which change helped"]


def test_when_every_change_is_worse_q5_says_above():
    q5 = questions()[4]
    worse = {name: record(layers.GRU(64), layers.Dense(1), mae=mae) for name, mae in
             (("units", 0.2900), ("learning rate", 0.2850), ("LSTM", 0.2950), ("head", 0.3000))}
    assert q5.verdict(worse, "learning rate", False) == (
        True, "'learning rate' is 0.0100 above the plain GRU's 0.2750, the lowest of the four: "
              "not better beyond the spread of a difference of two runs (0.0042)")


def test_a_reversed_gru_is_a_second_change():
    q1 = questions()[0]
    assert q1.verdict(record(layers.GRU(48, go_backwards=True), layers.Dense(1))) == (
        False, "you changed 2 things (units 32 -> 48; go_backwards False -> True): change only "
               "one, so the result says what it did: give the GRU more units (48, say)")


def test_a_functional_model_is_read_as_its_layers():
    inputs = keras.Input(shape=(None, FEATURES))
    outputs = layers.Dense(1)(layers.GRU(48)(inputs))
    functional = keras.Model(inputs, outputs)
    sequential = keras.Sequential([keras.Input(shape=(None, FEATURES)), layers.GRU(48),
                                   layers.Dense(1)])
    assert ex.describe(functional) == ex.describe(sequential)


def test_the_solutions_are_the_notebooks_solution_cells():
    from rnnbook.exercises.solutions import of
    assert [q._solution for q in questions()] == [of("07e", f"q{k}") for k in range(1, 6)]


def test_every_setting_of_the_recurrent_layer_counts():
    """Issue 35: GRU(48, return_sequences=True) and GRU(48, reset_after=False) passed q1, and
    LSTM(32, return_sequences=True) q3: changes() read only units, activation, dropout and
    go_backwards."""
    q1, _, q3, _, _ = questions()
    assert q1.verdict(record(layers.GRU(48, return_sequences=True), layers.Dense(1))) == (
        False, "you changed 2 things (units 32 -> 48; return_sequences False -> True): change "
               "only one, so the result says what it did: give the GRU more units (48, say)")
    assert q1.verdict(record(layers.GRU(48, reset_after=False), layers.Dense(1))) == (
        False, "you changed 2 things (units 32 -> 48; reset_after True -> False): change only "
               "one, so the result says what it did: give the GRU more units (48, say)")
    assert q3.verdict(record(layers.LSTM(32, return_sequences=True), layers.Dense(1))) == (
        False, "you changed 2 things (GRU -> LSTM; return_sequences False -> True): change only "
               "one, so the result says what it did: use LSTM(32) instead of GRU(32)")
    assert q1.verdict(record(layers.GRU(48, kernel_initializer="he_normal"), layers.Dense(1))) == (
        False, "you changed 2 things (units 32 -> 48; kernel_initializer GlorotUniform -> "
               "HeNormal): change only one, so the result says what it did: give the GRU more "
               "units (48, say)")


def test_a_model_must_give_one_number_a_window():
    """Issue 35: train() never checked that the output has shape (batch, 1)."""
    prepared, copy = ex.prepare(keras.Sequential([
        keras.Input(shape=(None, FEATURES)), layers.GRU(48, return_sequences=True),
        layers.Dense(1)]), input_shape=(None, 24, FEATURES))
    assert copy is None and prepared["output_shape"] == (None, 24, 1)
    assert prepared["problem"] == (
        "the model's output has shape (None, 24, 1), not (batch, 1), one temperature a window: "
        "its recurrent layer returns every timestep (return_sequences=True); the forecast "
        "reads only the last")
    q3 = questions()[2]
    pooled = record(layers.LSTM(32, return_sequences=True), layers.Dense(1))
    assert not q3.verdict(pooled)[0]
    two = record(layers.GRU(32), layers.Dense(2))
    assert two["problem"] == ("the model's output has shape (None, 2), not (batch, 1), one "
                              "temperature a window")


@pytest.mark.parametrize("model_layers, question", [
    ((layers.RNN(layers.GRUCell(48)), layers.Dense(1)), 0),
    ((layers.RNN(layers.LSTMCell(32)), layers.Dense(1)), 2),
    ((layers.GRU(32), layers.Dense(32), layers.Activation("relu"), layers.Dense(1)), 3),
    ((layers.GRU(32), layers.Dense(32), layers.ReLU(), layers.Dense(1)), 3),
])
def test_other_valid_constructions_pass(model_layers, question):
    """Issue 35: RNN(GRUCell(48)) and RNN(LSTMCell(32)) were refused with a garbled message,
    and Dense(32) + Activation('relu') in q4."""
    assert questions()[question].verdict(record(*model_layers))[0]


def test_rnn_of_a_cell_reads_as_the_layer():
    assert ex.describe(keras.Sequential([keras.Input(shape=(None, FEATURES)),
                                         layers.RNN(layers.GRUCell(48)), layers.Dense(1)])) == \
        ex.describe(keras.Sequential([keras.Input(shape=(None, FEATURES)), layers.GRU(48),
                                      layers.Dense(1)]))


def test_a_model_that_cannot_read_the_windows_is_named():
    prepared, copy = ex.prepare(keras.Sequential([keras.Input(shape=(None, 5)), layers.GRU(48),
                                                  layers.Dense(1)]), 0.001, (None, 24, 6))
    assert copy is None
    assert prepared["problem"].startswith(
        "the model cannot read the windows, shape (batch, 24, 6): ValueError: Input 0 with name")
    assert prepared["problem"].endswith(
        "Start it with keras.Input(shape=(None, 6)) and give its recurrent layer the windows as "
        "they are")
    assert questions()[0].verdict(trained(prepared)) == (
        False, f"the model was not trained: {prepared['problem']}")


@pytest.mark.parametrize("rate, value", [(np.float32(0.003), float(np.float32(0.003))),
                                         (1, 1.0), (np.array(0.01), 0.01), (np.int64(2), 2.0)])
def test_a_learning_rate_in_any_numeric_form_is_a_float(rate, value):
    """Issue 35: Keras' RMSprop refuses np.float32 and int learning rates."""
    prepared, copy = ex.prepare(ex.plain_gru(SimpleNamespace(data=np.zeros((1, FEATURES)))),
                                rate, (None, 24, FEATURES))
    assert prepared["learning_rate"] == value and type(prepared["learning_rate"]) is float
    assert copy is not None and prepared["problem"] is None
    keras.optimizers.RMSprop(learning_rate=prepared["learning_rate"])  # Keras takes it


@pytest.mark.parametrize("rate, problem", [
    ("0.003", "learning_rate = '0.003' is text: give a number, without quotes"),
    (True, "learning_rate = True is a truth value: give a number, as 0.01"),
    ([0.003, 0.01], "learning_rate = [0.003, 0.01] (list) is not one number: give one, as 0.01"),
    (0.0, "a learning rate of 0 cannot learn: give a finite one above 0"),
])
def test_a_learning_rate_that_is_not_one_is_named(rate, problem):
    prepared, copy = ex.prepare(ex.plain_gru(SimpleNamespace(data=np.zeros((1, FEATURES)))),
                                rate, (None, 24, FEATURES))
    assert copy is None and prepared["problem"] == problem


def test_not_a_model_is_named():
    prepared, copy = ex.prepare([layers.GRU(48), layers.Dense(1)])
    assert copy is None and prepared["problem"] == (
        "the model is a list, not a Keras model: build it as keras.Sequential([keras.Input(...), "
        "...])")


def test_q5_states_neither_answer():
    """Issue 35: q5's messages named the best change and the verdict."""
    q5 = questions()[4]
    records = {"units": record(layers.GRU(64), layers.Dense(1), mae=0.2700),
               "learning rate": record(layers.GRU(32), layers.Dense(1), mae=0.2800),
               "LSTM": record(layers.LSTM(32), layers.Dense(1), mae=0.2600),
               "head": record(layers.GRU(32), layers.Dense(8), layers.Dense(1), mae=0.2760)}
    for name, beyond in [("units", True), ("head", False), ("LSTM", False),
                         ("learning rate", True), ("Lstm", True)]:
        right, said = q5.verdict(records, name, beyond)
        assert not right and "'LSTM'" not in said and "True" not in said, said


@pytest.mark.slow
def test_train_never_stops_the_notebook(env, capsys):
    """Issue 35: a wrong shape raised TensorFlow's error, an np.float32 or int learning rate
    Keras' ValueError. Now the first is a record that says why, the second trains."""
    env.setenv("RNN_QUICK", "1")
    from test_jena_task import synthetic_task

    task = synthetic_task(train_batches=10, eval_batches=2)
    wrong = keras.Sequential([keras.Input(shape=(None, 5)), layers.GRU(4), layers.Dense(1)])
    got = ex.train(task, wrong)
    assert not got["trained"] and got["problem"].startswith("the model cannot read the windows")
    assert capsys.readouterr().out == f"not trained: {got['problem']}\n"
    every_step = keras.Sequential([keras.Input(shape=(None, 6)),
                                   layers.GRU(4, return_sequences=True), layers.Dense(1)])
    assert ex.train(task, every_step)["problem"].startswith(
        "the model's output has shape (None, 24, 1)")
    small = keras.Sequential([keras.Input(shape=(None, 6)), layers.GRU(4), layers.Dense(1)])
    got = ex.train(task, small, learning_rate=np.float32(0.003))  # Keras refuses np.float32
    assert got["trained"] and got["learning_rate"] == float(np.float32(0.003))


def test_a_model_that_cannot_be_copied_is_named():
    """A subclassed model without get_config: train cannot start it afresh, and says so."""

    class Mine(keras.Model):
        def __init__(self):
            super().__init__()
            self.gru, self.dense = layers.GRU(48), layers.Dense(1)

        def call(self, x):
            return self.dense(self.gru(x))

    prepared, copy = ex.prepare(Mine())
    assert copy is None and prepared["problem"].startswith(
        "the model cannot be copied to train it afresh (TypeError: ")
    assert prepared["problem"].endswith(
        "build it with keras.Sequential or the functional API")
