"""Training that survives a kill: rnnbook.fit_resumable, killed with SIGKILL at several
points (mid-epoch, between epochs, while writing the checkpoint), then run again."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import rnnbook

import rnnbook.lessons.resume

pytestmark = pytest.mark.slow  # training subprocesses, killed
WORKER = Path(__file__).with_name("resume_worker.py")
EPOCHS = 4


def run(folder, out, fault=None, verbose=2):
    env = {k: v for k, v in os.environ.items() if k != "RNN_FAULT_AT"}
    if fault:
        env["RNN_FAULT_AT"] = fault
    return subprocess.run(
        [sys.executable, str(WORKER), str(folder), str(EPOCHS), str(out), str(verbose)],
        env=env, capture_output=True, text=True, timeout=600)


def epoch_lines(history, upto, resumes=()):
    """The lines rnnbook.lessons.resume.print_epochs prints for the worker's first `upto` epochs."""
    assert min(history["loss"] + history["val_loss"]) > 1e-3  # so all are shown as 0.1234
    lines = []
    for i in range(upto):
        lines.append(f"Epoch {i + 1}/{EPOCHS} - {history['seconds'][i]:.0f}s"
                     f" - loss: {history['loss'][i]:.4f} - val_loss: {history['val_loss'][i]:.4f}")
        lines += [f"-- resumed after epoch {k} --" for k in resumes if k == i + 1]
    return lines


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("uninterrupted")
    done = run(folder / "run", folder / "out.json")
    assert done.returncode == 0, done.stderr
    # a fresh run prints its first line, then Keras' own log
    assert done.stdout.splitlines()[:2] == [f"{folder / 'run'}: starting, epoch 1 of 4",
                                            "Epoch 1/4"]
    return json.loads((folder / "out.json").read_text())


@pytest.mark.parametrize("fault, resumed_after", [
    ("epoch 3 batch 2", 2),  # mid-epoch: epoch 3 is lost and done again
    ("after epoch 2", 2),  # between epochs: the state of epoch 2 is complete
    ("writing epoch 3", 2),  # while writing epoch 3's state: epoch 2's stands
    ("epoch 1 batch 3", 0),  # before any state: a fresh start
])
def test_a_killed_run_goes_on_where_it_stopped(tmp_path, uninterrupted, fault, resumed_after):
    folder = tmp_path / "run"
    killed = run(folder, tmp_path / "out.json", fault)
    assert killed.returncode == -9, killed.stderr  # SIGKILL: no cleanup of any kind ran
    again = run(folder, tmp_path / "out.json")
    assert again.returncode == 0, again.stderr
    out = json.loads((tmp_path / "out.json").read_text())
    # the rerun prints the epochs done before the kill, then Keras' log goes on after them
    if resumed_after:
        said = [f"{folder}: resuming after epoch {resumed_after} of 4",
                "the epochs before, from the saved progress:",
                *epoch_lines(out["history"], resumed_after, [resumed_after])]
    else:
        said = [f"{folder}: starting, epoch 1 of 4"]
    assert again.stdout.splitlines()[:len(said) + 1] == [*said, f"Epoch {resumed_after + 1}/4"]
    assert len(out["history"]["loss"]) == len(out["history"]["val_loss"]) == EPOCHS  # once each
    # the state left: one complete epoch folder, the run marked finished, nothing partial
    resumed = ["resumed.json"] if resumed_after else []
    assert sorted(p.name for p in folder.iterdir()) == [
        "epoch-004", "finished.json", "key.json", *resumed]
    assert sorted(p.name for p in (folder / "epoch-004").iterdir()) == [
        "best.weights.h5", "history.json", "latest.weights.h5", "random_state.npz"]
    # the epochs before the kill are those of an uninterrupted run, to the bit. The epochs after
    # it train from the same weights, optimizer state, dropout seeds and NumPy random state,
    # but not on the same batches: Keras draws a few batches ahead of the one it trains on,
    # and those drawn but unused at the kill are skipped (measured: about 1% in the loss).
    assert out["history"]["loss"][:resumed_after] == uninterrupted["history"]["loss"][:resumed_after]
    if resumed_after == 0:
        assert out["history"]["loss"] == uninterrupted["history"]["loss"]
    # loaded later, the run still says that it was resumed, after which epoch, and prints
    # every epoch with the resume marked
    loaded = run(folder, tmp_path / "out.json")
    note = f", resumed after epoch {resumed_after}" if resumed_after else ""
    resumes = [resumed_after] if resumed_after else []
    assert loaded.stdout.splitlines() == [
        f"{folder}: finished before (4 of 4 epochs{note}), loaded",
        *epoch_lines(out["history"], EPOCHS, resumes)]


def test_a_finished_run_is_loaded_not_trained_again(tmp_path, uninterrupted):
    assert run(tmp_path / "run", tmp_path / "a.json").returncode == 0
    again = run(tmp_path / "run", tmp_path / "b.json")
    trained = json.loads((tmp_path / "a.json").read_text())
    assert json.loads((tmp_path / "b.json").read_text()) == trained
    # loaded, it prints its epochs as Keras' verbose=2 log would have; verbose=0, none
    said = f"{tmp_path / 'run'}: finished before (4 of 4 epochs), loaded"
    assert again.stdout.splitlines() == [said, *epoch_lines(trained["history"], EPOCHS)]
    assert run(tmp_path / "run", tmp_path / "c.json", verbose=0).stdout == said + "\n"


def test_print_epochs_shows_each_epoch_as_keras_verbose_2_does(capsys):
    history = {"loss": [0.31234, 0.00045678, 0.25], "mae": [1.5, 0.2, 0.1],
               "val_loss": [0.4, 0.35, 0.30004], "val_mae": [2.0, 1.0, 0.0],
               "seconds": [28.4, 61.7, 0.2]}
    rnnbook.lessons.resume.print_epochs(history, 40, resumes=[2])
    rnnbook.lessons.resume.print_epochs({"loss": [0.5]}, 3)  # a history without times: none shown
    assert capsys.readouterr().out == (
        "Epoch 1/40 - 28s - loss: 0.3123 - mae: 1.5000 - val_loss: 0.4000 - val_mae: 2.0000\n"
        "Epoch 2/40 - 62s - loss: 4.5678e-04 - mae: 0.2000 - val_loss: 0.3500 - val_mae: 1.0000\n"
        "-- resumed after epoch 2 --\n"
        "Epoch 3/40 - 0s - loss: 0.2500 - mae: 0.1000 - val_loss: 0.3000 - val_mae: 0.0000e+00\n"
        "Epoch 1/3 - loss: 0.5000\n")


def test_a_folder_of_another_run_is_refused(tmp_path):
    folder = tmp_path / "run"
    rnnbook.lessons.resume.Resumable(folder, {"epochs": 40, "seed": 0}).check()
    with pytest.raises(ValueError, match=r"run holds another run \(it differs in: epochs\): "
                                         "delete that folder to start this run over"):
        rnnbook.lessons.resume.Resumable(folder, {"epochs": 20, "seed": 0}).check()


def test_the_checkpoint_folder_names_profile_backend_notebook_model_and_seed(env):
    env.setenv("RNN_SEED", "2")
    folder = rnnbook.checkpoint_folder("07_jena_dropout", "GRU with dropout, 40 epochs (6.3.6)")
    assert folder.relative_to(rnnbook.lessons.resume.CHECKPOINTS_DIR).parts == (
        "full", "07_jena_dropout", "gru-with-dropout-40-epochs-6-3-6", "seed2")
