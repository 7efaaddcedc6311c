"""The run profile and the environment the helpers set before TensorFlow loads."""

import os

import pytest
import rnnbook


def test_import_prepares_tensorflow_environment():
    assert os.environ["TF_CPP_MIN_LOG_LEVEL"] == "3"  # also the error TensorFlow logs at each fit under deterministic ops
    assert os.environ["TF_ENABLE_ONEDNN_OPTS"] == "0"
    assert os.environ["COLUMNS"] == "80"


@pytest.mark.parametrize("value, expected", [(None, "full"), ("0", "full"), ("1", "quick")])
def test_profile_follows_rnn_quick(env, value, expected):
    if value is not None:
        env.setenv("RNN_QUICK", value)
    assert rnnbook.profile() == expected


def test_pick_returns_the_value_of_the_profile(env):
    assert rnnbook.pick(full=10, quick=2) == 10
    env.setenv("RNN_QUICK", "1")
    assert rnnbook.pick(full=10, quick=2) == 2


@pytest.mark.parametrize("value", ["yes", "true", "2", " 1"])
def test_unknown_rnn_quick_names_the_fix(env, value):
    env.setenv("RNN_QUICK", value)
    with pytest.raises(ValueError, match="set RNN_QUICK=1 for the quick profile"):
        rnnbook.profile()


def test_show_source_prints_the_code(capsys):
    rnnbook.show_source(rnnbook.pick)
    assert capsys.readouterr().out.startswith("def pick(full, quick):\n")


@pytest.mark.parametrize("value, expected", [(None, 0), ("", 0), ("0", 0), ("3", 3)])
def test_seed_follows_rnn_seed(env, value, expected):
    if value is not None:
        env.setenv("RNN_SEED", value)
    assert rnnbook.seed() == expected


@pytest.mark.parametrize("value", ["-1", "one", "1.5"])
def test_bad_rnn_seed_names_the_fix(env, value):
    env.setenv("RNN_SEED", value)
    with pytest.raises(ValueError, match="use a whole number, as RNN_SEED=1"):
        rnnbook.seed()
