"""rnnbook.LongRun's own code, without training: the log read back with each epoch once, the
epochs printed as Keras' verbose=2 log shows them, the checkpoint folder and its root
(RNN_CHECKPOINTS_DIR), the check of Keras' backup before it is loaded, and the refusal of a
folder of another run. (The kill tests, slow: test_resume.py.)"""

import os

import keras
import pytest

import rnnbook
from rnnbook.config import run_folder
from rnnbook.lessons.resume import (CHECKPOINTS_DIR, print_epochs, read_log,
                                    restore_whole_backup)

LOG = """epoch,loss,seconds,val_loss
0,0.5,10.0,0.4
1,0.45,11.0,0.39
1,0.44,12.5,0.38
2,0.4,9.0,0.37
"""


@pytest.fixture
def no_root(env):
    env.delenv("RNN_CHECKPOINTS_DIR", raising=False)
    return env


def test_the_log_holds_each_epoch_once_with_its_last_row(tmp_path):
    (tmp_path / "log.csv").write_text(LOG)  # epoch 1 trained again after a kill
    assert read_log(tmp_path / "log.csv") == {
        "loss": [0.5, 0.44, 0.4], "seconds": [10.0, 12.5, 9.0], "val_loss": [0.4, 0.38, 0.37]}
    (tmp_path / "empty.csv").write_text("")
    assert read_log(tmp_path / "empty.csv") == read_log(tmp_path / "none.csv") == {}


def test_print_epochs_shows_each_epoch_as_keras_verbose_2_does(capsys):
    history = {"loss": [0.31234, 0.00045678, 0.25], "mae": [1.5, 0.2, 0.1],
               "val_loss": [0.4, 0.35, 0.30004], "val_mae": [2.0, 1.0, 0.0],
               "seconds": [28.4, 61.7, 0.2]}
    print_epochs(history, 40)
    print_epochs({"loss": [0.5]}, 3)  # a history without times: none shown
    assert capsys.readouterr().out == (
        "Epoch 1/40 - 28s - loss: 0.3123 - mae: 1.5000 - val_loss: 0.4000 - val_mae: 2.0000\n"
        "Epoch 2/40 - 62s - loss: 4.5678e-04 - mae: 0.2000 - val_loss: 0.3500 - val_mae: 1.0000\n"
        "Epoch 3/40 - 0s - loss: 0.2500 - mae: 0.1000 - val_loss: 0.3000 - val_mae: 0.0000e+00\n"
        "Epoch 1/3 - loss: 0.5000\n")


def test_the_checkpoint_folder_names_profile_backend_notebook_model_and_seed(no_root):
    no_root.setenv("RNN_SEED", "2")
    folder = rnnbook.checkpoint_folder("07_jena_dropout", "GRU with dropout, 40 epochs (6.3.6)")
    assert folder.relative_to(CHECKPOINTS_DIR).parts == (
        run_folder("full", keras.backend.backend()), "07_jena_dropout",
        "gru-with-dropout-40-epochs-6-3-6", "seed2")


def test_rnn_checkpoints_dir_moves_every_folder_under_it(no_root, tmp_path):
    no_root.setenv("RNN_CHECKPOINTS_DIR", str(tmp_path / "drive"))
    no_root.setenv("RNN_QUICK", "1")
    assert rnnbook.checkpoint_folder("07", "GRU") == tmp_path / "drive" / run_folder(
        "quick", keras.backend.backend()) / "07" / "gru" / "seed0"
    no_root.setenv("RNN_CHECKPOINTS_DIR", "~/runs")
    assert rnnbook.checkpoint_folder("07", "GRU").is_relative_to(os.path.expanduser("~/runs"))


STEPS = 5  # training steps an epoch


def compiled(dropout=0.2):
    model = keras.Sequential([keras.Input(shape=(None, 3)),
                              keras.layers.GRU(4, dropout=dropout), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.RMSprop(), loss="mae")
    return model


def weights_after(model, epochs, path):
    """Save `model`'s weights as Keras' backup does after `epochs` epochs (optimizer included)."""
    model.optimizer.build(model.trainable_variables)
    model.optimizer.iterations.assign(epochs * STEPS)
    model.save_weights(path)
    return path.read_bytes()


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """The weights files of epochs 1, 2 and 3: {epochs: bytes}."""
    folder, model = tmp_path_factory.mktemp("weights"), compiled()
    return {epochs: weights_after(model, epochs, folder / f"{epochs}.weights.h5")
            for epochs in (1, 2, 3)}


def backup(folder, saved, weights, metadata, previous=True):
    """A BackupAndRestore folder: its weights and metadata (None: absent), and the pair of
    the epoch before (*.bkp) when `previous`."""
    folder.mkdir()
    files = {"latest.weights.h5": weights, "training_metadata.json": metadata}
    if previous:
        files |= {"latest.weights.h5.bkp": saved[2],
                  "training_metadata.json.bkp": b'{"epoch": 2, "batch": 0}'}
    for name, content in files.items():
        if content is not None:
            (folder / name).write_bytes(content)
    return folder


def contents(folder):
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_a_whole_backup_is_left_as_it_is(tmp_path, saved):
    folder = backup(tmp_path / "backup", saved, saved[3], b'{"epoch": 3, "batch": 0}')
    before = contents(folder)
    restore_whole_backup(folder, compiled(), STEPS)
    assert contents(folder) == before
    restore_whole_backup(tmp_path / "none", compiled(), STEPS)  # no backup yet: nothing to do


@pytest.mark.parametrize("weights, metadata", [
    ("3", b'{"epoch": 2, "batch": 0}'),  # the weights of epoch 3 written, not its metadata
    ("3", b'{"epoch": '),  # its metadata being written
    ("3", b""),  # its metadata opened, emptied
    ("cut", b'{"epoch": 2, "batch": 0}'),  # its weights being written
])
def test_a_backup_cut_short_by_a_kill_is_the_previous_one_again(tmp_path, saved, weights,
                                                                metadata):
    weights = saved[3] if weights == "3" else saved[3][:len(saved[3]) // 2]
    folder = backup(tmp_path / "backup", saved, weights, metadata)
    restore_whole_backup(folder, compiled(), STEPS)
    previous = {"latest.weights.h5": saved[2],
                "training_metadata.json": b'{"epoch": 2, "batch": 0}'}
    assert contents(folder) == previous | {f"{name}.bkp": content
                                           for name, content in previous.items()}


def test_a_first_backup_cut_short_is_removed_and_the_run_starts_over(tmp_path, saved):
    folder = backup(tmp_path / "backup", saved, saved[1], None, previous=False)
    restore_whole_backup(folder, compiled(), STEPS)  # the first epoch's, its metadata not yet
    assert contents(folder) == {}


def test_a_folder_of_another_run_is_refused(no_root, tmp_path):
    no_root.setenv("RNN_CHECKPOINTS_DIR", str(tmp_path))
    rnnbook.LongRun("07", "GRU", compiled(0.2), 40, data="hourly")
    rnnbook.LongRun("07", "GRU", compiled(0.2), 40, data="hourly")  # the same run: its own
    for model, epochs, data, differs in [(compiled(0.3), 40, "hourly", "model"),
                                         (compiled(0.2), 20, "hourly", "epochs"),
                                         (compiled(0.2), 40, "official", "data")]:
        with pytest.raises(ValueError, match=rf"gru/seed0 holds another run \(it differs in: "
                                             rf"{differs}\): delete that folder to start"):
            rnnbook.LongRun("07", "GRU", model, epochs, data=data)


def test_the_best_weights_are_the_first_best_validation_epochs(no_root, tmp_path):
    no_root.setenv("RNN_CHECKPOINTS_DIR", str(tmp_path))
    run = rnnbook.LongRun("07", "GRU", compiled(0.2), 4)
    run.log.write_text("epoch,loss,seconds,val_loss\n0,1,1,0.5\n1,1,1,0.3\n2,1,1,0.3\n"
                       "3,1,1,0.4\n")
    assert run.best_weights() == run.folder / "best-epoch002.weights.h5"
