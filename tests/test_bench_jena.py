"""bench_jena.py: what it refuses before timing anything, how its record keeps every round
and joins the models of earlier runs; and the report's Jena part of the Speed section."""

import json
from types import SimpleNamespace

import numpy as np
import pytest

from study import bench_jena, records
import rnnbook


import rnnbook.lessons.task
def test_an_unknown_way_model_or_round_count_is_refused_with_the_choices():
    choices = ("choose from the ways generator, dataset, dataset-xla, jax, the models 'GRU', "
               "'GRU with dropout' and --rounds=N")
    with pytest.raises(SystemExit, match=f"unknown xla, GRU32, --rounds=0; {choices}"):
        bench_jena.main(["xla", "jax", "GRU32", "--rounds=0"])  # refused before the data loads
    assert bench_jena.parse(["GRU", "jax", "--rounds=2"]) == (["jax"], ["GRU"], 2)


def synthetic_task(rows=3000):
    """A JenaTask on random data, small windows: 5 validation batches."""
    data = np.random.default_rng(0).normal(size=(rows, 6))
    return rnnbook.lessons.task.JenaTask(SimpleNamespace(label="synthetic"), data,
                                         rnnbook.jena_splits(rows), 1.0, lookback=24, step=1,
                                         delay=6)


def fake_run(device="cpu", others=0.02):
    """A stand-in for the worker: an epoch 'takes' 10 s (generator), 8, 4 or 5 s, plus the
    round's number; the in-memory fit 3 s (TensorFlow) or 4 s (JAX); other work `others`."""
    base = {"generator": 10, "dataset": 8, "dataset-xla": 4, "jax": 5}
    calls = {}

    def run_way(way, models):
        round_ = calls[way] = calls.get(way, -1) + 1
        backend = "jax" if way == "jax" else "tensorflow"
        models = {name: {"seconds_per_epoch": base[way] + round_, "seconds_after_epoch": 0.5,
                         "val_loss": 0.3, "jit_compile": way != "dataset"} for name in models}
        if way in bench_jena.BOUND_WAYS:
            for measured in models.values():
                measured["bound"] = {"seconds_per_epoch": 3 if backend == "tensorflow" else 4}
        return {"device": device, "gpu": None, "backend": backend, "version": "3.15.1",
                "backend_version": "2.21.0" if backend == "tensorflow" else "0.10.2",
                "data": "synthetic", "models": models,
                "load": {"loadavg": [0.5, 1.5], "others_cpu": others}}
    return run_way


@pytest.fixture
def results(tmp_path, monkeypatch, env):
    monkeypatch.setattr(records, "RESULTS_DIR", tmp_path)
    monkeypatch.setattr(bench_jena.rnnbook, "jena_task", synthetic_task)
    monkeypatch.setattr(bench_jena, "data_side", lambda task: {
        "generator_batches_per_s": 2000.0, "dataset_batches_per_s": 1500.0})
    monkeypatch.setenv("RNN_CODE_VERSION", "abc1234")
    monkeypatch.setattr(bench_jena, "run_way", fake_run())
    return tmp_path / "full" / "bench-jena-cpu.json"


def test_every_round_is_kept_with_its_median_and_the_order_rotates(results):
    bench_jena.main(["--rounds=3"])
    record = json.loads(results.read_text())
    assert record["machine"] == records.machine() and record["profile"] == "full"
    gru = record["models"]["GRU"]
    assert gru["ways"]["generator"]["seconds_per_epoch"] == [10, 11, 12]
    assert gru["ways"]["generator"]["median_seconds_per_epoch"] == 11
    assert gru["ways"]["jax"]["asked_jit_compile"] == "auto"
    assert gru["order_by_round"][1] == ["dataset", "dataset-xla", "jax", "generator"]
    assert gru["bound"]["tensorflow"]["seconds_per_epoch"] == [3, 3, 3]
    assert set(gru["bound"]) == {"tensorflow", "jax"}  # measured in the compiled ways only
    assert gru["versions"] == {"keras": "3.15.1", "tensorflow": "2.21.0", "jax": "0.10.2"}
    assert gru["code"] == "abc1234" and gru["steps"]["train"] == 500
    assert gru["ways"]["jax"]["others_cpu"] == [0.02, 0.02, 0.02]
    assert gru["ways"]["jax"]["loadavg"] == [[0.5, 1.5]] * 3
    assert record["data_side"]["median_generator_batches_per_s"] == 2000.0
    assert not list(results.parent.glob(".*partial"))  # written whole, then renamed


def test_a_later_run_replaces_the_models_it_times_and_keeps_the_others(results, monkeypatch):
    bench_jena.main(["--rounds=2"])
    monkeypatch.setattr(bench_jena, "run_way", fake_run())
    bench_jena.main(["GRU with dropout", "jax", "--rounds=1"])
    record = json.loads(results.read_text())
    assert list(record["models"]["GRU"]["ways"]) == list(bench_jena.WAYS)  # the first run's
    assert record["models"]["GRU"]["ways"]["jax"]["seconds_per_epoch"] == [5, 6]
    dropout = record["models"]["GRU with dropout"]
    assert list(dropout["ways"]) == ["jax"]  # only this run's: ratios stay within one run
    assert dropout["ways"]["jax"]["seconds_per_epoch"] == [5]


def test_a_failed_way_leaves_the_rounds_before_it_saved(results, monkeypatch):
    run_way, ran = fake_run(), []

    def fails_in_round_two(way, models):
        if way == "dataset" and "dataset" in ran:
            raise SystemExit("bench_jena.py: the dataset run failed")
        ran.append(way)
        return run_way(way, models)

    monkeypatch.setattr(bench_jena, "run_way", fails_in_round_two)
    with pytest.raises(SystemExit, match="the dataset run failed"):
        bench_jena.main(["--rounds=2"])
    ways = json.loads(results.read_text())["models"]["GRU"]["ways"]
    assert {way: len(t["seconds_per_epoch"]) for way, t in ways.items()} == {
        "generator": 1, "dataset": 1, "dataset-xla": 1, "jax": 1}


def test_another_machines_record_is_replaced_not_joined(results, monkeypatch):
    results.parent.mkdir(parents=True)
    results.write_text(json.dumps({"machine": "elsewhere", "models": {"old": {}}}))
    bench_jena.main(["jax", "GRU", "--rounds=1"])
    assert list(json.loads(results.read_text())["models"]) == ["GRU"]


def test_each_way_says_how_busy_the_machine_was_and_whether_its_round_counts(results, capsys):
    bench_jena.main(["jax", "GRU", "--rounds=1"])
    assert ("  other processes took 2% of the CPU (idle enough); load average 0.50 before, "
            "1.50 after") in capsys.readouterr().out.splitlines()
    assert bench_jena.load_line({"loadavg": [2.0, 2.1], "others_cpu": 0.35}) == (
        "other processes took 35% of the CPU (over 10%: this round will not count in the "
        "report); load average 2.00 before, 2.10 after")
    assert bench_jena.load_line({"loadavg": [0, 0], "others_cpu": None}).startswith(
        "other work not measurable here")


def test_the_load_is_other_processes_cpu_time_over_all_cores(monkeypatch):
    # 30 s of wall time on 2 cores: 60 core-seconds; the machine busy 33 s, 27 of them the
    # child's: others took 6 s, 10%.
    readings = iter([(1.0, 100.0, 5.0, 0.0), (1.5, 133.0, 32.0, 30.0)])
    now = {}

    def reading(index):
        return lambda *args: now["values"][index]

    monkeypatch.setattr(records.os, "getloadavg", lambda: (now["values"][0], 0, 0))
    monkeypatch.setattr(records, "busy_seconds", reading(1))
    monkeypatch.setattr(records, "children_seconds", reading(2))
    monkeypatch.setattr(records.time, "perf_counter", reading(3))
    monkeypatch.setattr(records.os, "cpu_count", lambda: 2)
    now["values"] = next(readings)

    def child():
        now["values"] = next(readings)
        return "done"

    assert records.load_during(child) == ("done", {"loadavg": [1.0, 1.5], "others_cpu": 0.1})


@pytest.mark.slow
def test_the_quick_profile_times_an_epoch_and_the_in_memory_fit_in_seconds(env):
    env.setenv("RNN_QUICK", "1")
    task = synthetic_task()
    epoch = bench_jena.time_epoch(task, "GRU with dropout", "dataset-xla")
    bound = bench_jena.in_memory_fit(task, "GRU")
    rates = bench_jena.data_side(task)
    assert epoch["jit_compile"] is True and 0 < epoch["seconds_per_epoch"] < 60
    assert 0 < bound["seconds_per_epoch"] < 60
    assert min(rates.values()) > 0


# The report's part: study/reporting/jena_bench.py, from a small record of three rounds.

from study.reporting import jena_bench, speed  # noqa: E402


def fake_record(xla=(10, 11, 12), bound=(9, 9.9, 9), others=(0.01, 0.05, 0.1)):
    """Three rounds, each idle enough; the in-memory fit 9, 9.9 and 9 s: dataset-xla's shares
    0.9, 0.9, 0.75."""
    def way(validation, asked, jit, seconds):
        return {"backend": "tensorflow", "validation": validation, "asked_jit_compile": asked,
                "jit_compile": jit, "seconds_per_epoch": list(seconds),
                "others_cpu": list(others)}
    gru = {"layer": "GRU(32)", "date": "2026-12-02T23:00:00+00:00", "code": "abc1234",
           "data": "synthetic data", "versions": {"keras": "3.15.1", "tensorflow": "2.21.0"},
           "steps": {"train": 500, "val": 128, "bound": 100, "batch_size": 128},
           "order_by_round": [[], [], []],
           "ways": {"generator": way("generator", "auto", False, (30, 33, 36)),
                    "dataset-xla": way("WindowDataset", True, True, xla)},
           "bound": {"tensorflow": {"seconds_per_epoch": list(bound)}}}
    return {"profile": "full", "machine": "x86_64, 2 CPUs (AMD EPYC)", "models": {"GRU": gru},
            "data_side": {"date": "2026-12-02T23:00:00+00:00",
                          "generator_batches_per_s": [2000, 2100, 1900],
                          "dataset_batches_per_s": [1600, 1500, 1700]}}


def write(tmp_path, record):
    path = tmp_path / "full" / "bench-jena-cpu.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record))


def test_the_section_has_a_row_per_way_the_bound_and_the_data_side(tmp_path):
    write(tmp_path, fake_record())
    text = jena_bench.paragraphs(tmp_path)
    assert ("| dataset-xla | `WindowDataset` | True | 11.0 | 10.0–12.0 (3) | 3.00x | 0.90 |"
            in text.splitlines())
    assert ("| generator | the book's generator | auto: False | 33.0 | 30.0–36.0 (3) | 1.00x | "
            "0.30 |" in text.splitlines())
    assert ("| in-memory fit, tensorflow | batches in memory | True | 9.0 | 9.0–9.9 (3) | – | – |"
            in text)
    assert ("**The data side alone** (medians of 3 rounds): the fast generator yields 2000 "
            "batches/s, the `WindowDataset` 1600, so an epoch's 500 training and 128 validation "
            "batches take 0.33 s, 3% of `GRU(32)`'s dataset-xla epoch. PyDataset workers could "
            "take at most the validation batches' 0.08 s off an epoch, and on 2 cores a "
            "worker's time comes out of the computation's: they are not measured.") in text
    assert ("**`GRU(32)`** (notebook 05; 2026-12-02 23:00 UTC, code abc1234; 3 idle rounds of 3)"
            in text)


def test_only_the_rounds_on_an_idle_machine_count(tmp_path):
    # Round 2 met 30% of other work in one way: every way's round 2 is left out.
    record = fake_record(xla=(10, 50, 12), bound=(9, 9.9, 10), others=(0.01, 0.05, 0.1))
    record["models"]["GRU"]["ways"]["generator"]["others_cpu"] = [0.0, 0.3, 0.1]
    write(tmp_path, record)
    text = jena_bench.paragraphs(tmp_path)
    assert ("| dataset-xla | `WindowDataset` | True | 11.0 | 10.0–12.0 (2) | 3.00x | 0.87 |"
            in text.splitlines())
    assert "2 idle rounds of 3" in text
    assert "the fast generator yields 1950 batches/s" in text  # rounds 1 and 3: 2000, 1900


@pytest.mark.parametrize("others", [(0.2, 0.5, 0.11), (None, None, None)])
def test_a_record_with_no_idle_round_reports_no_timing(tmp_path, others):
    write(tmp_path, fake_record(others=others))
    text = jena_bench.paragraphs(tmp_path)
    assert "No round of results/full/bench-jena-cpu.json was taken on an idle machine" in text
    assert "the record has 3" in text and "s/epoch" not in text


def test_an_old_record_without_the_load_reports_no_timing(tmp_path):
    record = fake_record()
    for times in record["models"]["GRU"]["ways"].values():
        del times["others_cpu"]
    write(tmp_path, record)
    assert "was taken on an idle machine" in jena_bench.paragraphs(tmp_path)


GOAL = ("**The goal** — a plain `GRU(32)` epoch in at most 12 s on this CPU and at least 0.8 "
        "of the in-memory fit's speed — ")


@pytest.mark.parametrize("xla, bound, verdict", [
    ((10, 11, 12), (9, 9.9, 9), "**is met** by dataset-xla, the notebooks' way on a CPU: 11.0 s "
                                "an epoch (median of 3), 0.90 of the in-memory fit's speed."),
    ((12, 12, 12), (10, 10, 10), "**is met** by dataset-xla, the notebooks' way on a CPU: "
                                 "12.0 s an epoch (median of 3), 0.83 of the in-memory fit's speed."),
    ((10, 10, 10), (8, 8, 8), "**is met** by dataset-xla, the notebooks' way on a CPU: 10.0 s "
                              "an epoch (median of 3), 0.80 of the in-memory fit's speed."),
    ((10, 13, 14), (9, 9.9, 9), "**is not met** by dataset-xla, the notebooks' way on a CPU: "
                                "13.0 s an epoch (median of 3; over 12 s), 0.76 of the in-memory "
                                "fit's speed (under 0.8)."),
    ((12, 12, 12), (9, 9, 9), "**is not met** by dataset-xla, the notebooks' way on a CPU: "
                              "12.0 s an epoch (median of 3), 0.75 of the in-memory fit's speed "
                              "(under 0.8)."),
    ((13, 13, 13), (11, 12, 13), "**is not met** by dataset-xla, the notebooks' way on a CPU: "
                                 "13.0 s an epoch (median of 3; over 12 s), 0.92 of the in-memory "
                                 "fit's speed."),
])
def test_the_goal_is_met_only_at_12_s_or_less_and_0_8_of_the_bound_or_more(xla, bound, verdict):
    assert jena_bench.goal_sentence(fake_record(xla, bound)) == GOAL + verdict


def test_without_a_dataset_xla_gru_epoch_the_goal_is_not_judged():
    record = fake_record()
    del record["models"]["GRU"]["ways"]["dataset-xla"]
    assert jena_bench.goal_sentence(record) == GOAL + (
        "is not judged: this record has no dataset-xla epoch of the GRU.")


def test_before_the_bench_has_run_the_speed_section_says_how_to_make_it(tmp_path):
    assert ("**Jena epochs against their computation (`make bench`: study/bench_jena.py).** "
            "Not measured yet: `make bench` (or `python -m study.bench_jena`) times them into "
            "results/full/bench-jena-cpu.json.") in speed.section({}, {}, tmp_path)


def test_a_bad_record_is_named_with_the_fix(tmp_path):
    record = fake_record()
    record["models"]["GRU"]["ways"]["generator"]["seconds_per_epoch"] = [30, float("nan")]
    write(tmp_path, record)
    with pytest.raises(SystemExit, match=r"not a Jena bench record .*GRU, generator.*: delete"):
        jena_bench.paragraphs(tmp_path)


def test_an_epoch_faster_than_its_bound_is_named_as_noise():
    assert jena_bench.noise_note(fake_record()) == ""
    assert jena_bench.noise_note(fake_record((10, 8, 12), bound=(9, 9, 13))) == (
        "\n\nAbove 1 (`GRU(32)` dataset-xla 1.08): those epochs ran faster than the in-memory "
        "fit of the same round, which does the same work with its batches made already: the "
        "two timings' noise, which the in-memory fit's range shows.")

