"""The stored seeds as the numbers and comparisons a lesson's prose quotes (notebook 07)."""

import numpy as np
import pytest
import rnnbook

import rnnbook.lessons.results
from rnnbook import Seeds, compare


@pytest.fixture
def results_dir(env, tmp_path):
    env.setattr(rnnbook.lessons.results, "RESULTS_DIR", tmp_path)
    return tmp_path


def save_seeds(env, name, values):
    """One stored run per seed: {model: {"test_mae": value}} for each seed's values."""
    for number, by_model in values.items():
        env.setenv("RNN_SEED", str(number))
        rnnbook.save_results(name, {m: {"test_mae": v} for m, v in by_model.items()}, data="Jena")
    env.delenv("RNN_SEED")


def test_seed_runs_gives_each_models_stored_seeds_in_order(results_dir, env):
    save_seeds(env, "07", {2: {"GRU": 0.3}, 0: {"GRU": 0.1, "LSTM": 0.5}, 1: {"GRU": 0.2}})
    runs = rnnbook.seed_runs("07")
    assert runs == {"GRU": {0: {"test_mae": 0.1}, 1: {"test_mae": 0.2}, 2: {"test_mae": 0.3}},
                    "LSTM": {0: {"test_mae": 0.5}}}
    assert list(runs["GRU"]) == [0, 1, 2]


def test_this_run_stands_in_for_the_stored_run_of_its_seed(results_dir, env):
    save_seeds(env, "07", {0: {"GRU": 0.1}, 1: {"GRU": 0.2}})
    env.setenv("RNN_SEED", "1")
    runs = rnnbook.seed_runs("07", this_run={"GRU": {"test_mae": 0.25}, "new": {"test_mae": 1}})
    assert runs == {"GRU": {0: {"test_mae": 0.1}, 1: {"test_mae": 0.25}},
                    "new": {1: {"test_mae": 1}}}


def test_seed_runs_reads_this_profile_only(results_dir, env):
    save_seeds(env, "07", {0: {"GRU": 0.1}})
    env.setenv("RNN_QUICK", "1")
    assert rnnbook.seed_runs("07") == {}


def test_seeds_print_as_seed_table_does(results_dir, env):
    save_seeds(env, "07", {0: {"GRU": 0.2663}, 1: {"GRU": 0.2660}, 2: {"GRU": 0.2645}})
    gru = Seeds.of(rnnbook.seed_runs("07")["GRU"], "test_mae")
    assert f"{gru:.4f}" == rnnbook.seed_table("07", ["test_mae"]).loc["GRU", "test_mae"]
    assert f"{gru:.4f}" == "0.2656 ± 0.0010"  # sample sd (n - 1): 0.00096


def test_seeds_give_mean_sd_range_and_what_they_hold_for():
    three = Seeds({2: 3.0, 0: 1.0, 1: 2.0})
    assert (three.n, three.mean, three.sd, three.lo, three.hi) == (3, 2.0, 1.0, 1.0, 3.0)
    assert list(three.values) == [0, 1, 2]
    assert (f"{three:.1f}", three.span(".1f")) == ("2.0 ± 1.0", "1.0–3.0")
    assert three.seeds() == "each of its 3 seeds"
    one = Seeds({1: 0.26})
    assert (f"{one:.2f}", one.span(".2f"), one.sd) == ("0.26", "0.26", None)
    assert one.seeds() == "its one run (seed 1)"
    assert (f"{Seeds({}):.2f}", Seeds({}).span(".2f")) == ("–", "–")
    assert np.isnan(Seeds({}).mean) and Seeds({}).sd is None


def test_a_span_that_prints_alike_is_one_value():
    assert Seeds({0: 2.471, 1: 2.474}).span(".2f") == "2.47"


def test_seeds_of_a_computed_figure():
    runs = {0: {"history": {"loss": [3, 1]}}, 1: {"history": {"loss": [2, 2, 5]}}}
    assert Seeds.of(runs, lambda m: len(m["history"]["loss"])).values == {0: 2.0, 1: 3.0}


@pytest.mark.parametrize("a, b, phrase", [
    ({0: 1.0, 1: 1.9}, {0: 2.0, 1: 3.0}, "lower"),  # every seed of a below every seed of b
    ({0: 3.1, 1: 4.0}, {0: 2.0, 1: 3.0}, "higher"),
    ({0: 1.0, 1: 2.5}, {0: 2.0, 1: 3.0}, "level"),  # overlapping seeds, a's mean lower
    ({0: 2.0}, {0: 2.0}, "level"),  # equal
    ({0: 3.0, 1: 4.0}, {0: 1.0, 1: 3.0}, "level"),  # touching: not every seed above
])
def test_compare_says_lower_or_higher_only_when_every_seed_is(a, b, phrase):
    assert compare(Seeds(a), Seeds(b), "lower", "higher", "level") == phrase


def test_compare_with_no_run_says_so():
    assert compare(Seeds({0: 1.0}), Seeds({}), "lower", "higher", "level") == (
        "not compared: no stored run in this profile")
    assert compare(Seeds({}), Seeds({0: 1.0}), "l", "h", "e", missing="no run") == "no run"


def test_each_lists_the_seeds_values_in_seed_order():
    assert Seeds({2: 0.2645, 0: 0.2663, 1: 0.266}).each(".4f") == "0.2663, 0.2660, 0.2645"


@pytest.mark.parametrize("words, sentence", [
    ([], "none"), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c")])
def test_joined_lists_words_in_a_sentence(words, sentence):
    assert rnnbook.joined(iter(words)) == sentence


@pytest.mark.parametrize("values, words", [({}, "0 seeds"), ({0: 1.0}, "1 seed"),
                                            ({0: 1.0, 1: 2.0, 2: 3.0}, "3 seeds")])
def test_counted_says_how_many_seeds(values, words):
    assert Seeds(values).counted == words
