"""rnnbook.dropout_cost: a stored benchmark's GRU times, without and with recurrent_dropout."""

import json

import rnnbook
from rnnbook.lessons.results import RESULTS_DIR


def bench(tmp_path, ways):
    path = tmp_path / "bench-gpu.json"
    path.write_text(json.dumps({"profile": "full", "ways": ways}), encoding="utf-8")
    return path


def test_each_way_that_timed_both_gives_its_seconds_and_their_ratio(tmp_path):
    path = bench(tmp_path, {
        "jax": {"device": "gpu", "models": {"GRU": {"seconds_per_epoch": 2.79},
                                            "GRU, recurrent_dropout=0.2": {"seconds_per_epoch": 5.68},
                                            "LSTM": {"seconds_per_epoch": 3.5}}},
        "tensorflow": {"device": "cpu", "models": {"GRU": {"seconds_per_epoch": 40.0},
                                                   "GRU, recurrent_dropout=0.2": {"seconds_per_epoch": 30.0}}},
    })
    assert rnnbook.dropout_cost(path) == {
        "GPU, jax": {"GRU(32): s/epoch": "2.8", "with recurrent_dropout=0.2": "5.7",
                     "time ratio": "2.0x"},
        "CPU, tensorflow": {"GRU(32): s/epoch": "40.0", "with recurrent_dropout=0.2": "30.0",
                            "time ratio": "0.8x"},
    }


def test_a_way_without_both_models_gives_no_row(tmp_path):
    path = bench(tmp_path, {"torch": {"device": "gpu", "models": {"GRU": {"seconds_per_epoch": 1.9}}}})
    assert rnnbook.dropout_cost(path) == {}


def test_the_stored_gpu_benchmark_has_the_jax_row_lecture_2_prints():
    path = RESULTS_DIR / "full" / "bench-gpu.json"
    row = rnnbook.dropout_cost(path)["GPU, jax"]
    plain, dropped = (float(row[key]) for key in ("GRU(32): s/epoch", "with recurrent_dropout=0.2"))
    assert dropped > plain
