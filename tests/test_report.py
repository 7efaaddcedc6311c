"""The report: the book's numbers next to the mean and spread of ours, from saved results."""

import json

import pytest

import report


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
    monkeypatch.setattr(report, "matmul_gflops", lambda: 100.0)
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
        {"naive baseline": jena_model(0.6778), "GRU": jena_model(0.5, 60.0)},
        data="Jena 2024-06-09 to 2024-10-20, NOT the book's data; x.csv (RNN_JENA_CSV)",
        generator_speed={"book_batches_per_s": 400.0, "fast_batches_per_s": 2200.0},
    )
    return results


def test_imdb_rows_give_mean_and_sample_sd_over_seeds(results):
    rows = report.imdb_rows(report.load_runs())
    assert [r["model"] for r in rows] == ["SimpleRNN", "LSTM"]  # 04 has not run
    mean, sd, n = rows[0]["best_val_acc"]
    assert (round(mean, 6), round(sd, 6), n) == (0.83, 0.01, 3)
    assert round(rows[0]["difference"], 6) == round(0.83 - 0.8460, 6)
    assert report.fmt(*rows[1]["best_val_acc"]) == "0.8800 ± 0.0100 (n=3)"


def test_report_names_the_data_and_embeds_the_table(results):
    report.main()
    text = (results / "REPORT.md").read_text()
    assert "| SimpleRNN | 0.8460 | 0.8300 ± 0.0100 (n=3) | -0.0160 |" in text
    assert (
        "| naive baseline | 0.2897 | 0.6778 (n=1) | 6.78 | 6.78 | – (–) | **Jena 2024-06-09 to 2024-10-20, NOT the book's data** |"
        in text
    )
    assert "(**5.5x**)" in text
    assert "**100 GFLOP/s**" in text
    assert "Machine: x86_64, 2 CPUs" in text and "keras 3.15.1, tensorflow 2.21.0." in text
    readme = (results.parent / "README.md").read_text()
    assert readme.startswith("intro\n<!-- report:start -->\n") and readme.endswith(
        "<!-- report:end -->\nend\n"
    )
    assert "| LSTM | 0.8928 | 0.8800 ± 0.0100 (n=3) | -0.0128 |" in readme and "old" not in readme
    assert (results / "imdb_val_acc.png").is_file() and (results / "jena_val_mae.png").is_file()
    assert (
        json.loads((results / "report.json").read_text())["generator_speed"]["fast_batches_per_s"]
        == 2200.0
    )


def test_flops_note_divides_the_work_of_an_epoch_by_its_time(results):
    rows = report.imdb_rows(report.load_runs())
    note = report.flops_note(rows, peak=100.0)
    # SimpleRNN: 2 x 2,048 FLOPs x 500 steps x (3 x 20,000 + 5,000) reviews = 133 GFLOP in 14 s
    assert "| SimpleRNN | 133 | 14.0 | 9.5 | 9.5% |" in note


def test_runs_from_different_code_versions_are_flagged(results):
    write(results, "04_gru", 0, {"GRU": imdb_model(0.86, 0.84, 33.0)}, code="abc1234")
    write(results, "04_gru", 1, {"GRU": imdb_model(0.85, 0.83, 33.0)}, code="def5678")
    write(results, "04_gru", 2, {"GRU": imdb_model(0.85, 0.83, 33.0)}, code="abc1234-dirty")
    text = report.provenance(report.load_runs())
    assert (
        "| 04_gru | 0, 1, 2 | 2026-11-20 10:00 .. 2026-11-22 10:00 | abc1234, abc1234-dirty, def5678 | IMDB |" in text
    )
    assert "**Warning:** the runs of 04_gru come from different commits." in text


def test_no_results_says_what_to_run(tmp_path, monkeypatch):
    monkeypatch.setattr(report, "RESULTS", tmp_path)
    with pytest.raises(SystemExit, match="run `make run` first"):
        report.main()


def test_a_dirty_run_of_the_same_commit_is_not_a_mix(results):
    write(results, "04_gru", 0, {"GRU": imdb_model(0.86, 0.84, 33.0)}, code="abc1234")
    write(results, "04_gru", 1, {"GRU": imdb_model(0.85, 0.83, 33.0)}, code="abc1234-dirty")
    assert "Warning" not in report.provenance(report.load_runs())
