"""The report: the book's numbers next to the mean and spread of ours, from saved results."""

import json
import re

import pytest

from study import report
from study.reporting import benchmark, formats, limit, provenance, runs, tables


def imdb_model(best_val_acc, test_acc, seconds):
    return {
        "best_val_acc": best_val_acc,
        "best_epoch": 4,
        "test_acc": test_acc,
        "seconds_per_epoch": seconds,
        "history": {"val_acc": [0.7, best_val_acc]},
    }


def jena_model(best, seconds=None):
    record = {
        "best_val_mae": best,
        "best_val_mae_celsius": best * 10,
        "test_mae": best,
        "test_mae_celsius": best * 10,
        "history": {"val_loss": [best + 0.1, best]},
    }
    return record | ({"seconds_per_epoch": seconds} if seconds else {})


def write(results, notebook, seed, models, data="IMDB", code="abc1234", **extra):
    path = results / "full" / notebook / f"seed{seed}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "notebook": notebook,
        "profile": "full",
        "seed": seed,
        "data": data,
        "date": f"2026-11-2{seed}T10:00:00+00:00",
        "code": code,
        "machine": "x86_64, 2 CPUs",
        "versions": {"keras": "3.15.1", "tensorflow": "2.21.0"},
        "models": models,
    }
    path.write_text(json.dumps(record | extra))


@pytest.fixture
def results(tmp_path, monkeypatch):
    monkeypatch.setattr(report, "RESULTS", tmp_path / "results")
    monkeypatch.setattr(report, "README", tmp_path / "README.md")
    (tmp_path / "README.md").write_text(
        "intro\n<!-- report:start -->\nold\n<!-- report:end -->\nend\n"
    )
    results = tmp_path / "results"
    for seed, (simple, lstm) in enumerate([(0.82, 0.87), (0.84, 0.89), (0.83, 0.88)]):
        write(
            results,
            "03_imdb_simplernn_lstm",
            seed,
            {
                "SimpleRNN": imdb_model(simple, simple - 0.03, 14.0),
                "LSTM": imdb_model(lstm, lstm - 0.02, 30.0),
            },
        )
    write(
        results,
        "05_jena_forecasting",
        0,
        {
            "naive baseline": jena_model(0.6778),
            "Dense": jena_model(0.9),
            "GRU": jena_model(0.5, 60.0) | {"last_test_mae_celsius": 4.0, "best_epoch": 7},
        },
        data="Jena 2024-06-09 to 2024-10-20, NOT the book's data; x.csv (RNN_JENA_CSV)",
        generator_speed={"book_batches_per_s": 400.0, "fast_batches_per_s": 2200.0},
    )
    return results


def test_imdb_rows_give_mean_and_sample_sd_over_seeds(results):
    rows = tables.imdb_rows(runs.load_runs(results))
    assert [r["model"] for r in rows] == ["SimpleRNN", "LSTM"]  # 04 has not run
    mean, sd, n = rows[0]["best_val_acc"]
    assert (round(mean, 6), round(sd, 6), n) == (0.83, 0.01, 3)
    assert round(rows[0]["difference"], 6) == round(0.83 - 0.8460, 6)
    assert formats.fmt(*rows[1]["best_val_acc"]) == "0.8800 ± 0.0100 (n=3)"


def test_report_names_the_data_and_embeds_the_table(results):
    report.main()
    text = (results / "REPORT.md").read_text()
    assert "| SimpleRNN | 0.8460 | 0.8300 ± 0.0100 (n=3) | -0.0160 (-1.6 sd) |" in text
    data = "**Jena 2024-06-09 to 2024-10-20, NOT the book's data**"
    assert f"| naive baseline | 0.2897 | 0.6778 (n=1) | – | – | 6.78 | 6.78 | – | – (–) | {data} |" in text
    # GRU: val 5.00 °C, test 5.00 (last epoch 4.00) °C against the naive 6.78 and 6.78
    assert f"| GRU | 0.2644 | 0.5000 (n=1) | – | 7.0 | 5.00 | 5.00 (4.00) | yes / yes | 60.0 (~168) | {data} |" in text
    assert "| Dense | 0.2994 | 0.9000 (n=1) | – | – | 9.00 | 9.00 | **no** / **no** | – (9–10) |" in text
    assert "(**5.5x**)" in text
    assert "Machine: x86_64, 2 CPUs" in text and "keras 3.15.1, tensorflow 2.21.0." in text
    readme = (results.parent / "README.md").read_text()
    assert readme.startswith("intro\n<!-- report:start -->\n") and readme.endswith(
        "<!-- report:end -->\nend\n"
    )
    assert "| LSTM | 0.8928 | 0.8800 ± 0.0100 (n=3) | -0.0128 (-1.3 sd) |" in readme and "old" not in readme
    assert (results / "imdb_val_acc.png").is_file() and (results / "jena_val_mae.png").is_file()
    assert (
        json.loads((results / "report.json").read_text())["generator_speed"]["fast_batches_per_s"]
        == 2200.0
    )


def test_flops_note_divides_the_work_of_an_epoch_by_the_bench_time_and_its_peak():
    bench = bench_record({"tensorflow": 1.0, "jax": 0.5})
    note = limit.flops_note(bench | {"matmul_gflops": 100.0})
    # SimpleRNN: 2 x 2,048 FLOPs x 500 steps x (3 x 20,000 + 5,000) reviews = 133 GFLOP in 14 s
    assert "| SimpleRNN | 133 | 9.5 (9.5%) | 19.0 (19.0%) |" in note
    assert "| GRU | 399 | – | – |" in note  # not timed in this record


def test_without_a_cpu_bench_the_limit_section_says_how_to_measure(results):
    report.main()
    text = (results / "REPORT.md").read_text()
    assert "Not measured yet: `make bench` measures the peak and times the models." in text


def test_runs_from_different_code_versions_are_flagged(results):
    write(results, "04_gru", 0, {"GRU": imdb_model(0.86, 0.84, 33.0)}, code="abc1234")
    write(results, "04_gru", 1, {"GRU": imdb_model(0.85, 0.83, 33.0)}, code="def5678")
    write(results, "04_gru", 2, {"GRU": imdb_model(0.85, 0.83, 33.0)}, code="abc1234-dirty")
    text = provenance.table(runs.load_runs(results))
    assert (
        "| 04_gru | 0, 1, 2 | 2026-11-20 10:00 .. 2026-11-22 10:00 | abc1234, abc1234-dirty, def5678 "
        "| x86_64, 2 CPUs (seed 0, 1, 2) | IMDB |" in text
    )
    assert "different machines" not in text
    assert "**Warning:** the runs of 04_gru come from different commits." in text


def test_imdb_times_from_different_machines_are_a_range_not_a_mean(results):
    write(results, "04_gru", 0, {"GRU": imdb_model(0.86, 0.84, 73.0)},
          machine="x86_64, 2 CPUs (Intel Xeon)")
    write(results, "04_gru", 1, {"GRU": imdb_model(0.85, 0.83, 33.0)})
    table = tables.imdb_table(tables.imdb_rows(runs.load_runs(results)))
    assert "| 33.0–73.0 on 2 machines (–) |" in table
    assert "53.0 ±" not in table  # the mean of two machines' times says nothing


def test_jena_times_from_different_machines_are_a_range_too(results):
    data = f"{HOURLY}; jena_2009_2016_hourly_6features.csv (RNN_JENA_CSV)"
    write(results, "05_jena_forecasting", 0, {"GRU": jena_model(0.26, 64.0)}, data=data,
          machine="x86_64, 2 CPUs (Intel Xeon)")
    write(results, "05_jena_forecasting", 1, {"GRU": jena_model(0.27, 30.0)}, data=data)
    write(results, "05_jena_forecasting", 2, {"GRU": jena_model(0.27)}, data=data)  # not timed
    table = tables.jena_table(tables.jena_rows(runs.load_runs(results)))
    assert "| 30.0–64.0 on 2 machines (~168) |" in table


def test_jena_rows_set_the_book_against_the_seed_spread(results):
    data = f"{HOURLY}; jena_2009_2016_hourly_6features.csv (RNN_JENA_CSV)"
    for seed, (best, epoch) in enumerate([(0.26, 5), (0.27, 7), (0.27, 9)]):
        write(results, "05_jena_forecasting", seed,
              {"GRU": jena_model(best) | {"best_epoch": epoch}}, data=data)
    table = tables.jena_table(tables.jena_rows(runs.load_runs(results)))
    # mean 0.2667, sd 0.0058: the book's 0.2644 lies 0.4 sd below it
    assert "| GRU | 0.2644 | 0.2667 ± 0.0058 (n=3) | +0.0023 (+0.4 sd) | 7.0 ± 2.0 |" in table


def test_a_difference_is_given_in_sd_only_from_three_seeds():
    assert formats.signed_in_sd(0.01, (0.5, 0.002, 3)) == "+0.0100 (+5.0 sd)"
    assert formats.signed_in_sd(0.01, (0.5, 0.002, 2)) == "+0.0100"


def test_beats_naive_counts_the_seeds_when_they_disagree(results):
    data = f"{HOURLY}; jena_2009_2016_hourly_6features.csv (RNN_JENA_CSV)"
    for seed, best in enumerate([0.33, 0.27]):  # naive 0.29: one seed above it, one below
        write(results, "06_reversed_bidirectional", seed,
              {"GRU, reversed windows": jena_model(best)}, data=data)
    write(results, "05_jena_forecasting", 0, {"naive baseline": jena_model(0.29)}, data=data)
    table = tables.jena_table(tables.jena_rows(runs.load_runs(results)))
    assert "| 1 of 2 seeds / 1 of 2 seeds |" in table


def test_runs_that_all_gave_one_value_show_no_spread():
    # A baseline is the same in every seed: "± 0.0000" would read as a measured spread.
    assert formats.fmt(0.2896, 0.0, 3) == "0.2896 (n=3, all equal)"
    assert formats.spread((2.56, 0.0, 3), digits=2) == "2.56"
    assert formats.fmt(0.2896, 0.00004, 3) == "0.2896 ± 0.0000 (n=3)"  # tiny, but measured
    assert formats.stats([2.7060582386363636] * 3) == (2.7060582386363636, 0.0, 3)


def test_the_header_says_which_older_records_name_no_cpu_model(results):
    write(results, "04_gru", 0, {"GRU": imdb_model(0.86, 0.84, 73.0)},
          machine="x86_64, 2 CPUs (Intel Xeon)")
    write(results, "04_gru", 1, {"GRU": imdb_model(0.85, 0.83, 33.0)})
    older = " (and older records of 'x86_64, 2 CPUs', whose CPU model is not recorded); keras "
    machine = provenance.machine(runs.load_runs(results))
    assert machine.startswith(f"x86_64, 2 CPUs (Intel Xeon){older}")
    write(results, "04_gru", 2, {"GRU": imdb_model(0.85, 0.83, 33.0)}, machine="arm64, 8 CPUs")
    machine = provenance.machine(runs.load_runs(results))
    assert machine.startswith(f"arm64, 8 CPUs and x86_64, 2 CPUs (Intel Xeon){older}")


def test_runs_from_different_machines_are_flagged(results):
    write(results, "04_gru", 0, {"GRU": imdb_model(0.86, 0.84, 73.0)},
          machine="x86_64, 2 CPUs (Intel Xeon)")
    write(results, "04_gru", 1, {"GRU": imdb_model(0.85, 0.83, 33.0)})
    text = provenance.table(runs.load_runs(results))
    assert "| x86_64, 2 CPUs (seed 1); x86_64, 2 CPUs (Intel Xeon) (seed 0) |" in text
    assert "**Warning:** these runs come from different machines" in text


def test_no_results_says_what_to_run(tmp_path, monkeypatch):
    monkeypatch.setattr(report, "RESULTS", tmp_path)
    with pytest.raises(SystemExit, match="run `make run` first"):
        report.main()


def test_a_dirty_run_of_the_same_commit_is_not_a_mix(results):
    write(results, "04_gru", 0, {"GRU": imdb_model(0.86, 0.84, 33.0)}, code="abc1234")
    write(results, "04_gru", 1, {"GRU": imdb_model(0.85, 0.83, 33.0)}, code="abc1234-dirty")
    assert "Warning" not in provenance.table(runs.load_runs(results))


# --- Bad inputs: every file the report reads, corrupted in each way a user can meet -------

IMDB_FILE = "full/03_imdb_simplernn_lstm/seed1.json"


def rewrite(results, name, edit):
    path = results / name
    record = json.loads(path.read_text())
    path.write_text(edit(record) if callable(edit) else edit)
    return path


def first_test_acc(record, replacement):
    """The record as JSON, with SimpleRNN's test_acc replaced by `replacement`."""
    return re.sub(r'"test_acc": [0-9.]+', replacement, json.dumps(record), count=1)


CORRUPT = [
    ("", "not valid JSON, truncated or corrupt"),
    ('{"notebook": "03_imdb_simplernn_lstm", "prof', "not valid JSON, truncated or corrupt"),
    ("[]", "not a results record"),
    (lambda r: json.dumps({k: v for k, v in r.items() if k != "models"}),
     "has no 'models': an old or foreign format"),
    (lambda r: json.dumps(r | {"profile": "quick"}),
     "it says profile 'quick', notebook '03_imdb_simplernn_lstm', seed 1, so it belongs in "
     "quick/03_imdb_simplernn_lstm/seed1.json, not full/03_imdb_simplernn_lstm/seed1.json"),
    (lambda r: json.dumps(r | {"seed": 0}), "so it belongs in full/03_imdb_simplernn_lstm/seed0.json"),
    (lambda r: json.dumps(r | {"seed": "1"}), "'seed' is '1', not a int"),
    (lambda r: first_test_acc(r, '"test_acc": NaN'),
     "holds NaN, not a number"),
    (lambda r: first_test_acc(r, '"test_acc": 1e999'),
     "models.SimpleRNN.test_acc is not a number"),
    (lambda r: first_test_acc(r, '"test_accuracy": 0.81'),
     "SimpleRNN has no test_acc"),
]


@pytest.mark.parametrize("edit, message", CORRUPT)
def test_a_bad_results_file_is_named_and_nothing_is_written(results, edit, message):
    path = rewrite(results, IMDB_FILE, edit)
    with pytest.raises(SystemExit) as error:
        report.main()
    text = str(error.value)
    assert text.startswith("report.py: nothing written, the saved results have problems:")
    assert f"{path}: " in text and message in text
    assert "execute notebook" in text
    assert not (results / "REPORT.md").exists() and not (results / "report.json").exists()
    assert (results.parent / "README.md").read_text().count("old") == 1


def test_a_duplicated_seed_under_another_name_is_refused(results):
    source = results / IMDB_FILE
    (source.parent / "seed01.json").write_text(source.read_text())
    with pytest.raises(SystemExit, match=r"seed01.json: it says .* seed 1, so it belongs in "):
        report.main()


@pytest.mark.parametrize(
    "content, message",
    [("{", "not valid JSON"), ('{"04_gru": {"seconds": -1}}', "'04_gru' has no valid 'seconds'")],
)
def test_a_bad_timings_file_is_named_and_nothing_is_written(results, content, message):
    (results / "full" / "timings.json").write_text(content)
    with pytest.raises(SystemExit, match=f"timings.json: {message}"):
        report.main()
    assert not (results / "REPORT.md").exists()


def test_all_problems_are_listed_at_once(results):
    rewrite(results, IMDB_FILE, "")
    rewrite(results, "full/05_jena_forecasting/seed0.json", "{")
    with pytest.raises(SystemExit) as error:
        report.main()
    assert str(error.value).count("\n  - ") == 2


def test_report_json_is_strict_json(results):
    report.main()
    json.loads((results / "report.json").read_text(), parse_constant=pytest.fail)
    assert not list(results.rglob(".*.partial"))


def bench_record(ways):
    models = {"SimpleRNN": 14.0, "LSTM": 30.0, "LSTM, recurrent_dropout=0.2": 32.0}
    return {
        "profile": "full", "date": "2026-11-23T01:00:00+00:00", "code": "abc1234",
        "machine": "x86_64, 2 CPUs",
        "ways": {
            way: {"device": "cpu", "backend": way.split("-")[0], "version": "3.15.1",
                  "models": {name: {"seconds_per_epoch": seconds * factor, "val_acc": 0.7,
                                    "jit_compile": way != "tensorflow"}
                             for name, seconds in models.items()}}
            for way, factor in ways.items()
        },
    }


def test_the_bench_table_has_a_column_per_way_and_the_peak_from_the_same_run(results):
    bench = bench_record({"tensorflow": 1.0, "tensorflow-xla": 2.0, "jax": 0.5})
    bench["matmul_gflops"] = 100.0
    (results / "full" / "bench-cpu.json").write_text(json.dumps(bench))
    report.main()
    text = (results / "REPORT.md").read_text()
    assert "| model | tensorflow: s/epoch | tensorflow-xla: s/epoch | jax: s/epoch | fastest |" in text
    assert "| SimpleRNN | 14.0 | 28.0 | 7.0 | jax |" in text
    assert "| LSTM, recurrent_dropout=0.2 | 32.0 | 64.0 | 16.0 | jax |" in text
    # an older record: the whole run's date and code stand for each way
    assert ("(x86_64, 2 CPUs; tensorflow, jit_compile=False, 2026-11-23 01:00 UTC, code abc1234; "
            "tensorflow-xla, jit_compile=True, 2026-11-23 01:00 UTC, code abc1234;") in text
    assert "same machine (x86_64, 2 CPUs): **100 GFLOP/s**." in text
    # SimpleRNN: 133 GFLOP an epoch; in 14 s that is 9.5 GFLOP/s, 9.5% of a 100 GFLOP/s peak
    assert "| SimpleRNN | 133 | 9.5 (9.5%) | 4.8 (4.8%) | 19.0 (19.0%) |" in text
    assert json.loads((results / "report.json").read_text())["bench"]["cpu"] == bench


def test_each_way_on_the_gpu_says_its_version_date_and_code_and_a_model_not_timed_is_a_dash(
        results):
    bench = bench_record({"jax": 1.0, "torch": 0.5})
    del bench["date"], bench["code"]
    bench["machine"] = "NVIDIA H100 80GB HBM3; x86_64, 16 CPUs"
    for way, version, hour in (("jax", "0.11.2", "10"), ("torch", "2.11.0", "11")):
        bench["ways"][way].update(device="gpu", backend_version=version,
                                  date=f"2026-11-23T{hour}:14:16+00:00", code=f"{way}123")
    del bench["ways"]["torch"]["models"]["SimpleRNN"]
    (results / "full" / "bench-gpu.json").write_text(json.dumps(bench))
    report.main()
    text = (results / "REPORT.md").read_text()
    assert ("**On the GPU** (NVIDIA H100 80GB HBM3; x86_64, 16 CPUs; jax 0.11.2, jit_compile=True, "
            "2026-11-23 10:14 UTC, code jax123; torch 2.11.0, jit_compile=True, "
            "2026-11-23 11:14 UTC, code torch123).") in text
    assert "| SimpleRNN | 14.0 | – | jax |" in text
    assert "| LSTM | 30.0 | 15.0 | torch |" in text
    # what recurrent_dropout costs, per way: 30 s -> 32 s without and with it
    assert ("(s/epoch without → with it): jax: LSTM 30.0 → 32.0 s (1.1x); "
            "torch: LSTM 15.0 → 16.0 s (1.1x).") in text


def test_the_goals_are_checked_way_by_way():
    bench = bench_record({"tensorflow": 1.0, "tensorflow-xla": 0.5, "jax": 1.5})
    bench["ways"]["jax"]["models"]["GRU"] = {"seconds_per_epoch": 20.0}
    assert benchmark.goals_note(bench) == (
        "**The goals, on this run.** At or below plain TensorFlow for every model: "
        "tensorflow-xla yes, jax no; GRU no slower than LSTM: jax yes (20.0 s against 45.0).")


def test_the_wait_after_the_epoch_is_said_only_where_it_exceeds_a_second():
    bench = bench_record({"tensorflow": 1.0, "jax": 0.5})
    assert benchmark.teardown_note(bench) == ""  # older records did not measure it
    bench["ways"]["tensorflow"]["models"]["LSTM"]["seconds_after_epoch"] = 16.3
    bench["ways"]["jax"]["models"]["LSTM"]["seconds_after_epoch"] = 0.2
    assert benchmark.teardown_note(bench).startswith(
        "\n\nNot counted above: after the epoch, `fit` returned up to 16 s later (tensorflow).")


def test_a_cost_of_ten_times_or_more_is_rounded_to_a_whole_number():
    bench = bench_record({"torch": 1.0})
    bench["ways"]["torch"]["models"]["LSTM, recurrent_dropout=0.2"]["seconds_per_epoch"] = 3930.0
    assert benchmark.dropout_costs(bench) == "torch: LSTM 30.0 → 3930.0 s (131x)"


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"ways": {', "not valid JSON, truncated or corrupt"),
        ('{"ways": {"jax": {"models": {"LSTM": {"seconds_per_epoch": NaN}}}}}',
         "seconds_per_epoch nan"),
        ('{"date": "x"}', "not a benchmark record"),
    ],
)
def test_a_bad_bench_file_is_named_and_nothing_is_written(results, content, message):
    (results / "full" / "bench-cpu.json").write_text(content)
    with pytest.raises(SystemExit, match=f"bench-cpu.json: .*{message}.*make bench"):
        report.main()
    assert not (results / "REPORT.md").exists()


def test_jax_runs_get_their_own_columns(results):
    path = results / "full-jax" / "03_imdb_simplernn_lstm" / "seed0.json"
    path.parent.mkdir(parents=True)
    record = json.loads((results / "full" / "03_imdb_simplernn_lstm" / "seed0.json").read_text())
    record["backend"] = "jax"
    record["models"]["LSTM"] = imdb_model(0.85, 0.84, 20.0)
    path.write_text(json.dumps(record))
    report.main()
    text = (results / "REPORT.md").read_text()
    assert ("| model | TensorFlow: best val_acc | JAX: best val_acc | JAX − TensorFlow (in sd) "
            "| TensorFlow: s/epoch, same machine | JAX: s/epoch |") in text
    assert ("| SimpleRNN | 0.8300 ± 0.0100 (n=3) | 0.8200 (n=1) | -0.0100 (-1.0 sd) "
            "| 14.0 (n=3, all equal) | 14.0 (n=1) |") in text
    assert ("| LSTM | 0.8800 ± 0.0100 (n=3) | 0.8500 (n=1) | -0.0300 (-3.0 sd) "
            "| 30.0 (n=3, all equal) | 20.0 (n=1) |") in text
    assert "Not run on JAX on the same data yet: 05_jena_forecasting." in text
    assert "of their mean for 1 of 2 results" in text


def test_jax_is_not_judged_against_the_spread_of_two_tensorflow_seeds(results):
    (results / "full" / "03_imdb_simplernn_lstm" / "seed2.json").unlink()
    path = results / "full-jax" / "03_imdb_simplernn_lstm" / "seed0.json"
    path.parent.mkdir(parents=True)
    record = json.loads((results / "full" / "03_imdb_simplernn_lstm" / "seed0.json").read_text())
    path.write_text(json.dumps(record | {"backend": "jax"}))
    report.main()
    text = (results / "REPORT.md").read_text()
    assert "No model here has three TensorFlow seeds, too few to say whether" in text
    assert "within twice their sd" not in text


def test_jax_speed_is_set_against_tensorflow_runs_on_the_same_machine_only(results):
    path = results / "full-jax" / "03_imdb_simplernn_lstm" / "seed0.json"
    path.parent.mkdir(parents=True)
    record = json.loads((results / "full" / "03_imdb_simplernn_lstm" / "seed0.json").read_text())
    path.write_text(json.dumps(record | {"backend": "jax", "machine": "x86_64, 2 CPUs (other)"}))
    report.main()
    text = (results / "REPORT.md").read_text()
    assert ("| LSTM | 0.8800 ± 0.0100 (n=3) | 0.8700 (n=1) | -0.0100 (-1.0 sd) | – "
            "| 30.0 (n=1) |") in text


def test_without_jax_runs_the_report_says_how_to_make_them(results):
    report.main()
    assert "`make run BACKEND=jax` writes `results/full-jax/`" in (results / "REPORT.md").read_text()


def write_keras2(results, setting, seed, best_val_acc, change=None):
    path = results / "full" / "keras2" / setting / f"seed{seed}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"setting": setting, "seed": seed, "profile": "full", "backend": "tensorflow",
              "code": "abc1234", "date": "2026-11-23T01:00:00+00:00",
              "model": imdb_model(best_val_acc, best_val_acc - 0.01, 27.0)} | (change or {})
    path.write_text(json.dumps(record))


def test_the_keras2_study_puts_the_book_against_each_settings_spread(results):
    for seed, (new, old) in enumerate([(0.86, 0.88), (0.87, 0.89), (0.88, 0.90)]):
        write_keras2(results, "keras3", seed, new)
        write_keras2(results, "keras2", seed, old)
    report.main()
    text = (results / "REPORT.md").read_text()
    # 0.8928 - 0.87 = 0.0228, 2.3 sd of 0.01 above the Keras 3 mean
    assert "| Keras 3 defaults (sigmoid gates, RMSprop ε under the root) | 0.8700 ± 0.0100 (n=3) | +0.0228 (+2.3 sd) | 0.8600 ± 0.0100 | 27.0 |" in text
    assert "| Keras 2.0.8 settings (both) | 0.8900 ± 0.0100 (n=3) | +0.0028 (+0.3 sd) |" in text
    # 0.89 - 0.87 = 0.02 against a standard error of sqrt(2 x 0.01^2 / 3) = 0.0082
    assert ("Keras 2.0.8's settings minus Keras 3's defaults: +0.0200 best val_acc (standard "
            "error 0.0082, 3 and 3 seeds), larger than twice its standard error") in text
    assert "lies 0.3 sd above the mean with Keras 2.0.8's settings: inside that spread" in text


@pytest.mark.parametrize("change, message", [
    ({"seed": 5}, "it says keras2/seed5"), ({"profile": "quick"}, "profile 'quick'"),
    ({"model": {"best_val_acc": 0.9}}, "KeyError")])
def test_a_bad_keras2_run_is_named_and_nothing_is_written(results, change, message):
    write_keras2(results, "keras2", 0, 0.89, change)
    with pytest.raises(SystemExit, match=f"keras2/seed0.json: not a valid run .*{message}"):
        report.main()
    assert not (results / "REPORT.md").exists()


def test_notebook_06_adds_imdb_and_jena_rows_and_the_unrun_models_are_listed(results):
    data = "Jena 2024-06-09 to 2024-10-20, NOT the book's data; x.csv (RNN_JENA_CSV); IMDB (offline)"
    write(
        results,
        "06_reversed_bidirectional",
        0,
        {
            "GRU, reversed windows": jena_model(0.7, 90.0),
            "LSTM, reversed reviews": imdb_model(0.86, 0.85, 60.0),
            "bidirectional LSTM": imdb_model(0.87, 0.86, 120.0),
        },
        data=data,
    )
    report.main()
    text = (results / "REPORT.md").read_text()
    # IMDB rows name the IMDB data only; the Jena row says it is not the book's data
    assert "| bidirectional LSTM | 0.8856 | 0.8700 (n=1) | -0.0156 | 4.0 | 0.8600 | 120.0 (~210) | IMDB (offline) |" in text
    assert "| GRU, reversed windows | – | 0.7000 (n=1) | – | – | 7.00 | 7.00 | **no** / **no** | 90.0 (–) | **Jena 2024-06-09 to 2024-10-20, NOT the book's data** |" in text
    assert "| stacked GRUs with dropout | 0.2633 | **not run yet** (07_jena_dropout_stacking)" in text
    assert "| LSTM with dropout | – | **not run yet** (07_jena_dropout_stacking)" in text


def test_a_06_record_without_what_the_report_reads_is_refused(results):
    write(results, "06_reversed_bidirectional", 0,
          {"bidirectional LSTM": {"best_val_acc": 0.87}, "GRU, reversed windows": {"x": 1}})
    missing = "bidirectional LSTM has no best_epoch.*GRU, reversed windows has no best_val_mae"
    with pytest.raises(SystemExit, match=missing):
        report.main()


def test_a_keras2_difference_within_the_seeds_spread_is_not_called_an_effect(results):
    for seed, (new, old) in enumerate([(0.86, 0.87), (0.87, 0.86), (0.88, 0.88)]):
        write_keras2(results, "keras3", seed, new)
        write_keras2(results, "keras2", seed, old)
    report.main()
    text = (results / "REPORT.md").read_text()
    assert "+0.0000 best val_acc (standard error 0.0082, 3 and 3 seeds), within twice" in text
    assert "lies 2.3 sd above the mean with Keras 2.0.8's settings: outside that spread" in text


HOURLY = "Jena 2009–2016, hourly, 6 of the 14 features: not the book's exact data"


def test_on_the_books_period_the_normalised_mae_is_set_against_the_books(results):
    write(results, "05_jena_forecasting", 0,
          {"naive baseline": jena_model(0.2896), "GRU": jena_model(0.2616, 40.0)},
          data=f"{HOURLY}; jena_2009_2016_hourly_6features.csv (RNN_JENA_CSV)")
    report.main()
    text = (results / "REPORT.md").read_text()
    # 0.2616 - 0.2644 = -0.0028; the data is named, not in bold: it is the book's period
    assert f"| GRU | 0.2644 | 0.2616 (n=1) | -0.0028 | – | 2.62 | 2.62 | yes / yes | 40.0 (~168) | {HOURLY} |" in text
    assert "| naive baseline | 0.2897 | 0.2896 (n=1) | -0.0001 | – | 2.90 |" in text


def test_jax_runs_on_other_data_are_not_compared(results):
    write(results, "05_jena_forecasting", 0, {"naive baseline": jena_model(0.2896)},
          data=f"{HOURLY}; x.csv (RNN_JENA_CSV)")
    path = results / "full-jax" / "05_jena_forecasting" / "seed0.json"
    path.parent.mkdir(parents=True)
    record = {"notebook": "05_jena_forecasting", "profile": "full", "backend": "jax", "seed": 0,
              "data": "Jena 2021-07-01 to 2024-10-20 (3 periods), NOT the book's data; y.csv",
              "date": "2026-11-20T10:00:00+00:00", "code": "abc1234", "machine": "x86_64, 2 CPUs",
              "versions": {"keras": "3.15.1", "jax": "0.10.2"},
              "models": {"naive baseline": jena_model(0.3657)}}
    path.write_text(json.dumps(record))
    report.main()
    text = (results / "REPORT.md").read_text()
    assert ("Run on JAX on other data than TensorFlow's, so not compared: 05_jena_forecasting "
            "(Jena 2021-07-01 to 2024-10-20 (3 periods), NOT the book's data).") in text
    assert "0.3657" not in text.split("## The same notebooks on JAX")[1].split("## Keras 2")[0]


def test_notebook_07s_models_fill_their_rows(results):
    write(results, "07_jena_dropout_stacking", 0,
          {"GRU with dropout": jena_model(0.2650, 25.0) | {"last_test_mae_celsius": 2.5}},
          data=f"{HOURLY}; jena_2009_2016_hourly_6features.csv (RNN_JENA_CSV)")
    report.main()
    text = (results / "REPORT.md").read_text()
    assert "| GRU with dropout | 0.2619 | 0.2650 (n=1) | +0.0031 | – | 2.65 | 2.65 (2.50) |" in text
    assert "| bidirectional GRU | 0.2615 | **not run yet** (07_jena_dropout_stacking)" in text


def test_notebook_07s_epoch_times_are_given_as_fastest_and_median(results):
    history = {"val_loss": [0.28, 0.265], "seconds": [90.0, 40.0, 500.0]}
    write(results, "07_jena_dropout_stacking", 0,
          {"GRU with dropout": jena_model(0.2650, 210.0) | {"history": history}},
          data=f"{HOURLY}; jena_2009_2016_hourly_6features.csv (RNN_JENA_CSV)")
    report.main()
    text = (results / "REPORT.md").read_text()
    assert "validation included: GRU with dropout 40 s fastest, 90 s median. Its epochs add up to 0.2 h;" in text


def test_the_dropout_gru_gap_is_set_against_the_plain_grus(results):
    write(results, "05_jena_forecasting", 0,
          {"naive baseline": jena_model(0.2896), "GRU": jena_model(0.2603)},
          data=f"{HOURLY}; jena_2009_2016_hourly_6features.csv (RNN_JENA_CSV)")
    write(results, "07_jena_dropout_stacking", 0, {"GRU with dropout": jena_model(0.2643)},
          data=f"{HOURLY}; jena_2009_2016_hourly_6features.csv (RNN_JENA_CSV)")
    report.main()
    text = (results / "REPORT.md").read_text()
    assert "lies +0.0024 from the book's, the plain GRU's, which has no dropout, -0.0041;" in text


def test_a_dropout_gru_gap_larger_than_the_plain_grus_is_not_dismissed(results):
    write(results, "05_jena_forecasting", 0,
          {"naive baseline": jena_model(0.2896), "GRU": jena_model(0.2654)},
          data=f"{HOURLY}; jena_2009_2016_hourly_6features.csv (RNN_JENA_CSV)")
    write(results, "07_jena_dropout_stacking", 0, {"GRU with dropout": jena_model(0.2719)},
          data=f"{HOURLY}; jena_2009_2016_hourly_6features.csv (RNN_JENA_CSV)")
    report.main()
    text = (results / "REPORT.md").read_text()
    assert "the dropout GRU's gap is the larger, which a mask effect could explain" in text


def write_gru_seeds(results, plain, dropout):
    hourly = f"{HOURLY}; jena_2009_2016_hourly_6features.csv (RNN_JENA_CSV)"
    for seed, (p, d) in enumerate(zip(plain, dropout)):
        write(results, "05_jena_forecasting", seed,
              {"naive baseline": jena_model(0.2896), "GRU": jena_model(p)}, data=hourly)
        write(results, "07_jena_dropout_stacking", seed, {"GRU with dropout": jena_model(d)},
              data=hourly)


def test_over_seeds_what_dropout_changes_is_set_against_the_books_change(results):
    write_gru_seeds(results, [0.2600, 0.2610, 0.2620], [0.2650, 0.2660, 0.2670])
    report.main()
    text = (results / "REPORT.md").read_text()
    # book: 0.2619 - 0.2644 = -0.0025; ours +0.0050; noise sqrt(2 * 0.001^2 * 4/3) = 0.0016
    assert ("lies +0.0041 (+4.1 sd) from the book's, the plain GRU's, which has no dropout, "
            "-0.0034 (-3.4 sd); over 3 and 3 seeds, dropout moves ours by +0.0050, the book's "
            "by -0.0025, beyond twice the seed noise of that difference (0.0016): dropout does "
            "something else here than in the book") in text


def test_over_seeds_a_change_like_the_books_is_no_evidence_of_a_mask_effect(results):
    write_gru_seeds(results, [0.2600, 0.2610, 0.2620], [0.2584, 0.2594, 0.2604])
    report.main()
    text = (results / "REPORT.md").read_text()
    assert ("dropout moves ours by -0.0016, the book's by -0.0025, within twice the seed noise "
            "of that difference (0.0016): no evidence of a mask effect.") in text
