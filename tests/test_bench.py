"""bench.py: what it refuses before timing anything, and the warm-up that keeps compiling
out of the timed epoch."""

import json

import numpy as np
import pytest

import rnnbook
from study import bench, records


def test_an_unknown_way_or_model_is_refused_with_the_choices():
    choices = "tensorflow, tensorflow-xla, jax, torch and the models SimpleRNN, LSTM, GRU, "
    with pytest.raises(SystemExit, match=f"unknown tf, RNN; choose from {choices}"):
        bench.main(["tf", "jax", "RNN"])


def fake_run(device, gpu=None, others=0.05):
    """A stand-in for the worker: each named model 'takes' as many seconds as its name's length,
    while other processes take `others` of the CPU."""
    def run_way(way, models):
        return {"device": device, "gpu": gpu, "backend": way, "version": "3.15.1",
                "models": {name: {"seconds_per_epoch": len(name), "val_acc": 0.5,
                                  "jit_compile": True} for name in models},
                "load": {"loadavg": [0.2, 1.1], "others_cpu": others}}
    return run_way


@pytest.fixture
def results(tmp_path, monkeypatch):
    monkeypatch.setattr(records, "RESULTS_DIR", tmp_path)
    monkeypatch.setattr(bench.rnnbook, "load_imdb", lambda num_words: None)
    monkeypatch.setenv("RNN_CODE_VERSION", "abc1234")
    monkeypatch.setattr(bench, "matmul_gflops", lambda: 100.0)
    return tmp_path


def test_ways_run_later_on_the_same_machine_join_its_record(results, monkeypatch):
    monkeypatch.setattr(bench, "run_way", fake_run("gpu", "H100"))
    bench.main(["jax"])
    bench.main(["torch", "LSTM", "GRU"])
    record = json.loads((results / rnnbook.profile() / "bench-gpu.json").read_text())
    assert record["machine"] == f"H100; {records.machine()}"
    assert {way: list(r["models"]) for way, r in record["ways"].items()} == {
        "jax": bench.MODELS, "torch": ["LSTM", "GRU"]}
    assert {r["code"] for r in record["ways"].values()} == {"abc1234"}
    assert "matmul_gflops" not in record  # a CPU's peak says nothing of a GPU


def test_a_cpu_record_keeps_the_peak_measured_in_its_run(results, monkeypatch):
    monkeypatch.setattr(bench, "run_way", fake_run("cpu"))
    bench.main(["jax", "LSTM"])
    record = json.loads((results / rnnbook.profile() / "bench-cpu.json").read_text())
    assert record["matmul_gflops"] == 100.0 and record["machine"] == records.machine()


def test_a_way_timed_under_load_is_said_then_and_flagged_in_the_report(results, monkeypatch,
                                                                      capsys):
    from study.reporting import benchmark

    monkeypatch.setattr(bench, "run_way", fake_run("cpu"))
    bench.main(["jax", "LSTM"])
    monkeypatch.setattr(bench, "run_way", fake_run("cpu", others=0.4))
    bench.main(["tensorflow", "LSTM"])
    assert capsys.readouterr().out.count("UNDER LOAD: other processes took 40% of the CPU") == 1
    record = json.loads((results / rnnbook.profile() / "bench-cpu.json").read_text())
    assert record["ways"]["jax"]["load"] == {"loadavg": [0.2, 1.1], "others_cpu": 0.05}
    assert benchmark.under_load(record) == ["tensorflow"]
    assert benchmark.load_flag(record).startswith(
        "**Not an idle machine's times**: tensorflow ran while other processes took over 10%")
    del record["ways"]["jax"]["load"]  # an older record: not measured
    assert benchmark.under_load(record) == ["jax", "tensorflow"]


def test_a_record_from_another_machine_is_replaced_not_joined(results, monkeypatch):
    monkeypatch.setattr(bench, "run_way", fake_run("gpu", "H100"))
    bench.main(["jax"])
    monkeypatch.setattr(bench, "run_way", fake_run("gpu", "A100"))
    bench.main(["torch", "LSTM"])
    record = json.loads((results / rnnbook.profile() / "bench-gpu.json").read_text())
    assert record["machine"].startswith("A100; ")
    assert {way: list(r["models"]) for way, r in record["ways"].items()} == {"torch": ["LSTM"]}


def test_each_model_name_builds_its_layer():
    layers = {name: bench.recurrent_layer(name) for name in bench.MODELS}
    assert [type(layer).__name__ for layer in layers.values()] == [
        "SimpleRNN", "LSTM", "GRU", "LSTM", "GRU"]
    assert [layer.recurrent_dropout for layer in layers.values()] == [0, 0, 0, 0.2, 0.2]
    assert {layer.units for layer in layers.values()} == {32}


@pytest.mark.slow
def test_one_epoch_is_timed_apart_from_what_fit_does_after_it():
    rng = np.random.default_rng(0)
    x, y = rng.integers(1, 10000, (40, 500)), rng.integers(0, 2, 40)
    measured = bench.time_one_epoch("GRU", "auto", x[:32], y[:32], x[32:], y[32:])
    assert set(measured) == {"seconds_per_epoch", "seconds_after_epoch", "val_acc", "jit_compile"}
    assert measured["seconds_per_epoch"] > 0 and measured["seconds_after_epoch"] >= 0
    assert measured["val_acc"] * 8 == round(measured["val_acc"] * 8)  # a share of 8 reviews



@pytest.mark.slow  # subprocesses
@pytest.mark.parametrize("module, refused, said", [
    ("study.bench", "--no-such-way", "bench.py: unknown --no-such-way; choose from"),
    ("study.bench_jena", "--rounds=0", "bench_jena.py: unknown --rounds=0; choose from"),
])
def test_the_child_process_runs_its_module_from_the_repository(module, refused, said):
    """run_way's command, with an argument main refuses before any work: the module must
    start (a script path once left `study` unimportable) and say what it does not know."""
    done = bench.child(module, refused)
    assert done.returncode == 1, done.stderr
    assert said in done.stderr
