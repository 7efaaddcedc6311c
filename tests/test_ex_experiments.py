"""Notebook 07e's checks (rnnbook.ex_experiments): one change at a time, judged against the naive
baseline, the plain GRU trained the same way and its stored figure, with the seed spread."""

import json
from pathlib import Path

import keras
import numpy as np
import pytest
from keras import layers

from rnnbook.exercises import experiments as ex

ROOT = Path(__file__).resolve().parent.parent
FEATURES = 6


def record(*model_layers, learning_rate=0.001, mae=0.2700, profile="full"):
    model = keras.Sequential([keras.Input(shape=(None, FEATURES)), *model_layers])
    return {"layers": ex.describe(model), "learning_rate": learning_rate, "val_mae": [mae],
            "best_val_mae": mae, "best_epoch": 1, "naive_val_mae": 0.2896, "seconds": 1.0,
            "profile": profile}


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
              "within twice the seed spread (0.0030), so one seed cannot tell them apart; the "
              "stored full-length GRU reached 0.2599 (20 epochs of 500 batches, +0.0131)")


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
        False, "the head must still end with Dense(1), with a Dense layer before it: put a "
               "Dense(32, activation='relu') between the GRU and Dense(1)")


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
    assert "-0.0150 from the plain GRU's 0.2750 (same protocol): better, beyond twice the " \
           "seed spread (0.0030)" in said
    said = q1.verdict(record(layers.GRU(64), layers.Dense(1), mae=0.3000, profile="quick"))[1]
    assert said.startswith("units 32 -> 64: best validation MAE 0.3000 at epoch 1 (quick "
                           "profile: too few batches to judge anything): does not beat the "
                           "naive baseline (0.2896): +0.0104")


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
              "beyond twice the seed spread (0.0030)")
    assert q5.verdict(records, "units", True) == (
        False, "'units' is not the lowest: 'LSTM' reached 0.2600, 'units' 0.2700")
    assert q5.verdict(records, "LSTM", False) == (
        False, "'LSTM' is 0.0150 below the plain GRU's 0.2750; twice the seed spread is 0.0030, "
               "so beyond_spread is True")
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
    assert got["layers"] == [("GRU", {"units": 4, "activation": "tanh", "dropout": 0.0,
                                      "recurrent_dropout": 0.0, "go_backwards": False}),
                             ("Dense", {"units": 1, "activation": "linear"})]
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
              "not better beyond twice the seed spread (0.0030)")


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
