"""Saved metrics and the training plot."""

import json

import matplotlib
import pytest
import rnnbook

import rnnbook.data.files
import rnnbook.lessons.results
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


class History:
    """What keras' model.fit returns, as far as the helpers look."""

    def __init__(self, curves):
        self.history = curves


CURVES = {
    "acc": [0.6, 0.8, 0.9],
    "loss": [0.6, 0.4, 0.2],
    "val_acc": [0.7, 0.85, 0.8],
    "val_loss": [0.5, 0.35, 0.45],
}


def test_imdb_record_finds_the_best_epoch():
    record = rnnbook.imdb_record(History(CURVES), test_acc=0.84, seconds_per_epoch=12.5)
    assert record == {
        "best_val_acc": 0.85,
        "best_epoch": 2,
        "test_acc": 0.84,
        "seconds_per_epoch": 12.5,
        "history": CURVES,
    }


@pytest.fixture
def results_dir(env, tmp_path):
    env.setattr(rnnbook.lessons.results, "RESULTS_DIR", tmp_path)
    return tmp_path


def test_quick_results_never_overwrite_full_results(results_dir, env, capsys):
    rnnbook.save_results("03_imdb", {"LSTM": {"test_acc": 0.87}}, data="IMDB")
    env.setenv("RNN_QUICK", "1")
    rnnbook.save_results("03_imdb", {"LSTM": {"test_acc": 0.55}}, data="IMDB")
    full = json.loads((results_dir / "full" / "03_imdb" / "seed0.json").read_text())
    quick = json.loads((results_dir / "quick" / "03_imdb" / "seed0.json").read_text())
    assert (full["profile"], full["models"]) == ("full", {"LSTM": {"test_acc": 0.87}})
    assert (quick["profile"], quick["models"]) == ("quick", {"LSTM": {"test_acc": 0.55}})
    assert capsys.readouterr().out.splitlines() == [
        "saved results/full/03_imdb/seed0.json",
        "saved results/quick/03_imdb/seed0.json",
    ]


def test_each_seed_has_its_own_record(results_dir, env):
    for seed in ("0", "2"):
        env.setenv("RNN_SEED", seed)
        rnnbook.save_results("04_gru", {"GRU": {"seed": seed}}, data="IMDB")
    assert sorted(p.name for p in (results_dir / "full" / "04_gru").iterdir()) == [
        "seed0.json",
        "seed2.json",
    ]
    assert rnnbook.load_results("04_gru")["models"] == {"GRU": {"seed": "2"}}
    assert rnnbook.load_results("04_gru")["seed"] == 2


def test_saved_results_name_their_data_and_versions_and_nothing_of_the_machine(results_dir):
    rnnbook.save_results("04_gru", {}, data="IMDB (offline copy)")
    record = json.loads((results_dir / "full" / "04_gru" / "seed0.json").read_text())
    assert record["data"] == "IMDB (offline copy)"
    assert set(record["versions"]) == {"keras", "tensorflow"} and record["backend"] == "tensorflow"
    assert record["date"].endswith("+00:00")
    # The code version and the machine are the study's (study/records.py stamps them).
    assert not {"code", "machine", "helpers_sha256"} & set(record)
    assert not list(results_dir.rglob("*.partial"))


def test_other_measurements_are_kept(results_dir):
    rnnbook.save_results("05_jena", {}, data="Jena", generator_speed={"ratio": 5.6})
    record = json.loads((results_dir / "full" / "05_jena" / "seed0.json").read_text())
    assert record["generator_speed"] == {"ratio": 5.6}


def test_load_results_reads_this_profile_only(results_dir, env):
    rnnbook.save_results("03_imdb", {"LSTM": {}}, data="IMDB")
    assert rnnbook.load_results("03_imdb")["models"] == {"LSTM": {}}
    env.setenv("RNN_QUICK", "1")
    assert rnnbook.load_results("03_imdb") is None


def shown_figure(monkeypatch, *args, **kwargs):
    figures = []
    monkeypatch.setattr(plt, "show", lambda: figures.append(plt.gcf()))
    rnnbook.plot_training(*args, **kwargs)
    (figure,) = figures
    return figure


def test_plot_training_draws_the_books_two_plots(monkeypatch):
    figure = shown_figure(monkeypatch, History(CURVES), title="LSTM")
    described = [
        (
            ax.get_title(),
            ax.get_xlabel(),
            ax.get_ylabel(),
            [t.get_text() for t in ax.get_legend().get_texts()],
            [list(line.get_ydata()) for line in ax.get_lines()],
        )
        for ax in figure.axes
    ]
    assert described == [
        (
            "LSTM: training and validation accuracy",
            "epoch",
            "accuracy",
            ["Training accuracy", "Validation accuracy"],
            [CURVES["acc"], CURVES["val_acc"]],
        ),
        (
            "LSTM: training and validation loss",
            "epoch",
            "loss",
            ["Training loss", "Validation loss"],
            [CURVES["loss"], CURVES["val_loss"]],
        ),
    ]


def test_plot_training_without_a_metric_draws_the_loss_only(monkeypatch):
    curves = {"loss": [0.3, 0.2], "val_loss": [0.31, 0.29]}
    figure = shown_figure(monkeypatch, curves, title="GRU")
    assert [ax.get_title() for ax in figure.axes] == ["GRU: training and validation loss"]


def test_non_finite_metrics_are_refused_and_nothing_is_written(results_dir):
    models = {"GRU": {"best_val_mae": 0.3, "history": {"loss": [0.5, float("nan")]}}}
    with pytest.raises(ValueError, match=r"not a finite number \(training diverged\?\): GRU.history.loss\[1\], speed\."):
        rnnbook.save_results("05_jena", models, data="Jena", speed=float("inf"))
    assert not list(results_dir.rglob("*"))


@pytest.mark.parametrize(
    "content, message",
    [
        ("", "not valid JSON, truncated or corrupt"),
        ('{"notebook": "04_gru", "profile": "full", "seed": 0, "data": "IMDB", "date": "x"}',
         "has no 'models': an old or foreign format"),
        ('{"notebook": "03_imdb", "profile": "full", "seed": 0, "data": "IMDB", "date": "x", '
         '"models": {}}', "it says profile 'full', notebook '03_imdb', seed 0, so it belongs"),
    ],
)
def test_load_results_names_a_bad_file_and_the_fix(results_dir, content, message):
    path = results_dir / "full" / "04_gru" / "seed0.json"
    path.parent.mkdir(parents=True)
    path.write_text(content)
    with pytest.raises(ValueError) as error:
        rnnbook.load_results("04_gru")
    assert str(error.value).startswith(f"{path}: ") and message in str(error.value)
    assert str(error.value).endswith("delete it and execute notebook 04_gru again (make run)")


def test_write_atomic_replaces_the_whole_file(tmp_path):
    path = tmp_path / "deep" / "report.md"
    rnnbook.data.files.write_atomic(path, "first")
    rnnbook.data.files.write_atomic(path, b"second")
    assert path.read_text() == "second"
    assert [p.name for p in path.parent.iterdir()] == ["report.md"]


def test_another_backend_saves_its_runs_apart(results_dir, env):
    import keras

    env.setattr(keras.backend, "backend", lambda: "jax")
    rnnbook.save_results("04_gru", {"GRU": {"test_acc": 0.86}}, data="IMDB")
    path = results_dir / "full-jax" / "04_gru" / "seed0.json"
    assert rnnbook.lessons.results.read_record(path)["backend"] == "jax"
    assert rnnbook.load_results("04_gru")["models"] == {"GRU": {"test_acc": 0.86}}
    assert not (results_dir / "full").exists()  # TensorFlow's runs, and the report's, untouched


def save_seeds(env, name, values):
    """One stored run per seed: {model: {"test_acc": value}} for each seed's values."""
    for seed, by_model in enumerate(values):
        env.setenv("RNN_SEED", str(seed))
        rnnbook.save_results(name, {m: {"test_acc": v} for m, v in by_model.items()}, data="IMDB")
    env.delenv("RNN_SEED")


def test_seed_table_gives_each_models_mean_and_sample_sd(results_dir, env):
    save_seeds(env, "03_imdb", [{"LSTM": 0.85, "GRU": 0.80}, {"LSTM": 0.87, "GRU": 0.81},
                                {"LSTM": 0.86}])
    table = rnnbook.seed_table("03_imdb", ["test_acc"], digits=3)
    assert list(table.index) == ["LSTM", "GRU"]
    assert table.loc["LSTM"].to_dict() == {"test_acc": "0.860 ± 0.010", "seeds": 3}
    assert table.loc["GRU"].to_dict() == {"test_acc": "0.805 ± 0.007", "seeds": 2}


def test_seed_table_of_one_seed_shows_no_sd(results_dir, env):
    save_seeds(env, "04_gru", [{"GRU": 0.8712}])
    assert rnnbook.seed_table("04_gru", ["test_acc"]).loc["GRU", "test_acc"] == "0.8712"


def test_seed_table_reads_this_profile_only_and_names_the_notebook_to_run(results_dir, env):
    save_seeds(env, "04_gru", [{"GRU": 0.87}])
    env.setenv("RNN_QUICK", "1")
    with pytest.raises(ValueError, match="no stored results of notebook 04_gru .*execute it"):
        rnnbook.seed_table("04_gru", ["test_acc"])
