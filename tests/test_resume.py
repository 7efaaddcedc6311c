"""Training that survives a kill: a small run through rnnbook.LongRun (tests/resume_worker.py)
killed with SIGKILL by the test at several points (before any state, mid-epoch, just after an
epoch, while Keras writes its backup, after the last epoch and its backup, at random moments),
then run again to the end, then once more, which loads it."""

import json
import multiprocessing
import random
import time
from pathlib import Path

import keras
import pytest

import resume_worker
from rnnbook.config import run_folder
from rnnbook.lessons.resume import read_log

pytestmark = pytest.mark.slow  # training processes, killed
EPOCHS = 4
BATCHES = 6  # the worker's batches an epoch


# Each worker is a process of its own, forked from a server process that imported rnnbook and
# Keras (TensorFlow) and ran nothing: 24 workers would otherwise import TensorFlow 24 times,
# about 5 s of CPU each. A kill is a SIGKILL of that process, as of any other. (The server
# cannot preload resume_worker itself: Python 3.11's forkserver ignores the tests' sys.path.)
FORKS = multiprocessing.get_context("forkserver")
FORKS.set_forkserver_preload(["rnnbook", "keras"])


def start(root, out, log):
    """The worker, its checkpoints under `root`, its output in the file `log`."""
    worker = FORKS.Process(target=resume_worker.child, args=(EPOCHS, out, log, root))
    worker.start()
    return worker


def run(root, out, log):
    """The worker run to its end: (exit code, its output's lines)."""
    worker = start(root, out, log)
    worker.join(timeout=600)
    if worker.exitcode is None:
        worker.kill()
    return worker.exitcode, Path(log).read_text().splitlines()


def folder(root):
    """The worker's run folder (the worker runs on this process' backend)."""
    return root / run_folder("quick", keras.backend.backend()) / "worker" / "gru" / "seed0"


def logged(root):
    """The epochs in the log's rows, in order (an epoch trained twice is there twice)."""
    log = folder(root) / "log.csv"
    rows = log.read_text().splitlines()[1:] if log.is_file() else []
    return [int(row.split(",")[0]) for row in rows]


def backup_files(root):
    backup = folder(root) / "backup"
    return backup / "latest.weights.h5", backup / "training_metadata.json"


def backup_epoch(root):
    """The epoch of Keras' backup metadata; None when absent or cut short."""
    try:
        return json.loads(backup_files(root)[1].read_text())["epoch"]
    except (OSError, ValueError):
        return None


def writing_weights(root):
    """Whether Keras is writing the backup's weights of epoch 2 or later: they are newer than
    the metadata of the epoch before."""
    weights, metadata = backup_files(root)
    try:
        return (weights.stat().st_mtime_ns > metadata.stat().st_mtime_ns
                and len(logged(root)) >= 2)
    except OSError:
        return False


def weights_written(root):
    """Whether Keras has written the backup's weights of epoch 2 or later whole (their size is
    that of any weights file of this model) but not yet its metadata (the worker pauses
    before it: resume_worker.py)."""
    weights, _ = backup_files(root)
    try:
        return writing_weights(root) and weights.stat().st_size == (
            folder(root) / "best-epoch001.weights.h5").stat().st_size
    except OSError:
        return False


def first_weights_written(root):
    """Whether Keras has written the first backup's weights and not yet its metadata."""
    weights, metadata = backup_files(root)
    return weights.is_file() and not metadata.exists()


def emptied_metadata(root):
    """Whether Keras has opened the backup's metadata of epoch 2 or later to write it (so
    emptied it)."""
    _, metadata = backup_files(root)
    try:
        return metadata.stat().st_size == 0 and len(logged(root)) >= 2
    except OSError:
        return False


KILL_POINTS = {  # name: (kill once this holds, then after this many seconds)
    "before any state": (lambda root: (folder(root) / "log.csv").is_file(), 0),
    "mid-epoch": (lambda root: backup_epoch(root) == 2, 0.15),
    "just after an epoch": (lambda root: len(logged(root)) == 2, 0),
    "writing the backup's weights": (writing_weights, 0),
    "between the backup's weights and metadata": (weights_written, 0.05),
    "writing the backup's metadata": (emptied_metadata, 0),
    "between the first backup's weights and metadata": (first_weights_written, 0.05),
    "just after the last epoch": (lambda root: len(logged(root)) == EPOCHS, 0),
    "after the last backup": (lambda root: backup_epoch(root) == EPOCHS, 0),
}


def kill_at(root, out, log, condition, delay):
    """Start the worker, SIGKILL it once `condition(root)` holds and `delay` s have passed."""
    worker = start(root, out, log)
    while not condition(root):
        assert worker.is_alive(), "the run ended before the kill point"
        time.sleep(0.0005)
    time.sleep(delay)
    worker.kill()
    worker.join()
    assert worker.exitcode == -9  # SIGKILL: no cleanup of any kind ran


def resumed_after(lines):
    """The epoch the rerun said it resumed after (0: it started over)."""
    said = next(line for line in lines if ": starting," in line or ": resuming after" in line
                or ": finished before" in line)
    if ": starting," in said:
        return 0
    if ": finished before" in said:
        return EPOCHS
    return int(said.split("resuming after epoch ")[1].split()[0])


def epoch_lines(history):
    """The lines rnnbook.LongRun prints for a loaded run's epochs."""
    return [f"Epoch {i + 1}/{EPOCHS} - {history['seconds'][i]:.0f}s"
            f" - loss: {history['loss'][i]:.4f} - val_loss: {history['val_loss'][i]:.4f}"
            for i in range(len(history["loss"]))]


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    root = tmp_path_factory.mktemp("uninterrupted")
    code, lines = run(root, root / "out.json", root / "out.log")
    assert code == 0, "\n".join(lines)
    out = json.loads((root / "out.json").read_text())
    return out | {"root": root, "lines": lines}


def check_killed_run(root, uninterrupted, condition, delay, load=False):
    """Kill the worker, run it again to its end (and once more if `load`: a kill at the end
    must leave a run that loads); check the guarantees and return what the kill cost:
    {"logged": epochs logged at the kill, "resumed_after": ...}."""
    kill_at(root, root / "killed.json", root / "killed.log", condition, delay)
    logged_at_kill, backup_at_kill = logged(root), backup_epoch(root)
    cut_short = writing_weights(root) or backup_files(root)[0].exists() and not backup_at_kill
    code, lines = run(root, root / "out.json", root / "again.log")
    assert code == 0, "\n".join(lines)
    out = json.loads((root / "out.json").read_text())
    history, done = out["history"], resumed_after(lines)
    # a kill loses at most the epoch under way: one whose row was logged and its backup not
    assert len(set(logged_at_kill)) - 1 <= done <= len(set(logged_at_kill)), lines
    # each epoch once in the history; in the log, the one trained again twice, the last counts
    assert logged(root) == logged_at_kill + list(range(done, EPOCHS))
    assert logged_at_kill in (list(range(done)), list(range(done + 1)))
    assert len(history["loss"]) == len(history["val_loss"]) == EPOCHS
    assert read_log(folder(root) / "log.csv") == history
    # the epochs before the kill are an uninterrupted run's, to the bit; the optimizer took
    # one step a batch of EPOCHS epochs, no more (no epoch trained on top of itself)
    for curve in ("loss", "val_loss"):
        assert history[curve][:done] == uninterrupted["history"][curve][:done]
    assert out["iterations"] == EPOCHS * BATCHES
    # the best weights are those of the best validation epoch
    assert out["best_val"] == min(history["val_loss"])
    assert not list(folder(root).glob(".*partial*"))
    if load:
        assert_loads(root, out)
    return {"logged": len(logged_at_kill), "backup": backup_at_kill, "cut_short": cut_short,
            "resumed_after": done,
            "loss_after": [b - a for a, b in zip(uninterrupted["history"]["loss"][done:],
                                                 history["loss"][done:])]}


def assert_loads(root, out):
    """Once finished, the run is loaded, not trained again: it prints its log, and tests the
    same as the run that finished it (`out`)."""
    code, loaded = run(root, root / "loaded.json", root / "loaded.log")
    assert code == 0
    shown = [line for line in loaded if "Epoch" in line or "finished before" in line]
    assert shown == [f"{folder(root)}: finished before (4 of 4 epochs), loaded",
                     *epoch_lines(out["history"])]
    assert json.loads((root / "loaded.json").read_text()) == out


# A kill before the last epoch ends leaves a run that the next run finishes, and what it
# finishes is checked above (its log read back equals its history); a kill at the end may
# leave the run half marked finished, so those are also loaded (a process each: CI's time).
AT_THE_END = ("just after the last epoch", "after the last backup")


def killed_at(tmp_path, uninterrupted, point):
    condition, delay = KILL_POINTS[point]
    cost = check_killed_run(tmp_path, uninterrupted, condition, delay, point in AT_THE_END)
    print(f"\nkilled {point}: {cost}")


# Module-level tests, one module: pytest-xdist (--dist loadscope) gives them all to one
# worker, which builds `uninterrupted` once. Its runs sleep in each batch and in Keras' backup
# (about half of a run's time), and the other worker's training takes the core they leave;
# as two classes on the two workers they slept at the same time.
@pytest.mark.parametrize("point", KILL_POINTS)
def test_a_killed_run_goes_on_where_it_stopped(tmp_path, uninterrupted, point):
    killed_at(tmp_path, uninterrupted, point)


@pytest.mark.parametrize("rows", [2])  # the fixed points cover the others (1 and 3 ran)
def test_a_run_killed_at_a_random_moment_goes_on(tmp_path, uninterrupted, rows):
    """Killed once `rows` epochs are logged, after a random part of an epoch's time: in the
    backup of the last (which the worker makes slow) or in the next epoch."""
    delay = random.Random(rows).uniform(0, uninterrupted["history"]["seconds"][rows])
    cost = check_killed_run(tmp_path, uninterrupted,
                            lambda root: len(logged(root)) >= rows, delay)
    print(f"\nkilled {delay:.2f} s after {rows} rows were logged: {cost}")


def test_an_uninterrupted_run_trains_each_epoch_once(uninterrupted):
    lines = uninterrupted["lines"]
    assert [line for line in lines if ": starting," in line] == [
        f"{folder(uninterrupted['root'])}: starting, epoch 1 of 4"]
    assert [line for line in lines if line.startswith("Epoch ")] == [
        f"Epoch {i}/4" for i in range(1, 5)]
    assert uninterrupted["iterations"] == EPOCHS * BATCHES
    assert uninterrupted["best_val"] == min(uninterrupted["history"]["val_loss"])


def test_a_finished_run_is_loaded_not_trained_again(uninterrupted):
    out = {key: value for key, value in uninterrupted.items() if key not in ("root", "lines")}
    assert_loads(uninterrupted["root"], out)
