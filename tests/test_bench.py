"""bench.py: what it refuses before timing anything, and the warm-up that keeps compiling
out of the timed epoch."""

import pytest

import bench


def test_an_unknown_way_is_refused_with_the_choices():
    choices = "tensorflow, tensorflow-xla, jax, torch"
    with pytest.raises(SystemExit, match=f"unknown tf; choose from {choices}"):
        bench.main(["tf"])


def test_each_model_name_builds_its_layer():
    layers = {name: bench.recurrent_layer(name) for name in bench.MODELS}
    assert [type(layer).__name__ for layer in layers.values()] == [
        "SimpleRNN", "LSTM", "GRU", "LSTM", "GRU"]
    assert [layer.recurrent_dropout for layer in layers.values()] == [0, 0, 0, 0.2, 0.2]
    assert {layer.units for layer in layers.values()} == {32}
