"""Training that survives a kill: rnnbook.fit_resumable, killed with SIGKILL at several
points (mid-epoch, between epochs, while writing the checkpoint), then run again."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import rnnbook

WORKER = Path(__file__).with_name("resume_worker.py")
EPOCHS = 4


def run(folder, out, fault=None):
    env = {k: v for k, v in os.environ.items() if k != "RNN_FAULT_AT"}
    if fault:
        env["RNN_FAULT_AT"] = fault
    return subprocess.run([sys.executable, str(WORKER), str(folder), str(EPOCHS), str(out)],
                          env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("uninterrupted")
    done = run(folder / "run", folder / "out.json")
    assert done.returncode == 0, done.stderr
    assert "starting, epoch 1 of 4" in done.stdout
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
    said = f"resuming after epoch {resumed_after} of 4" if resumed_after else "starting"
    assert said in again.stdout
    out = json.loads((tmp_path / "out.json").read_text())
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
    # loaded later, the run still says that it was resumed, and after which epoch
    loaded = run(folder, tmp_path / "out.json")
    note = f", resumed after epoch {resumed_after}" if resumed_after else ""
    assert f"finished before (4 of 4 epochs{note}), loaded" in loaded.stdout


def test_a_finished_run_is_loaded_not_trained_again(tmp_path, uninterrupted):
    assert run(tmp_path / "run", tmp_path / "a.json").returncode == 0
    again = run(tmp_path / "run", tmp_path / "b.json")
    assert "finished before (4 of 4 epochs), loaded" in again.stdout
    assert json.loads((tmp_path / "b.json").read_text()) == json.loads(
        (tmp_path / "a.json").read_text())


def test_a_folder_of_another_run_is_refused(tmp_path):
    folder = tmp_path / "run"
    rnnbook.Resumable(folder, {"epochs": 40, "seed": 0}).check()
    with pytest.raises(ValueError, match=r"run holds another run \(it differs in: epochs\): "
                                         "delete that folder to start this run over"):
        rnnbook.Resumable(folder, {"epochs": 20, "seed": 0}).check()


def test_the_checkpoint_folder_names_profile_backend_notebook_model_and_seed(env):
    env.setenv("RNN_SEED", "2")
    folder = rnnbook.checkpoint_folder("07_jena_dropout", "GRU with dropout, 40 epochs (6.3.6)")
    assert folder.relative_to(rnnbook.CHECKPOINTS_DIR).parts == (
        "full", "07_jena_dropout", "gru-with-dropout-40-epochs-6-3-6", "seed2")
