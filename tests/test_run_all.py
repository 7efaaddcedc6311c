"""study/run_all.py: arguments checked before anything runs (in this process); finished
notebooks kept through failures and interruptions (slow: run_all in a subprocess, with its
kernels). Fault injection on small notebooks in a scratch folder."""

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from study import records, run_all as run_all_module

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


@pytest.fixture
def scratch(tmp_path):
    """run_all, its records module and the course package copied out of the repository:
    results land in ./results."""
    (tmp_path / "scripts" / "study").mkdir(parents=True)
    for name in ("__init__.py", "run_all.py", "records.py"):
        shutil.copy(ROOT / "study" / name, tmp_path / "scripts" / "study")
    shutil.copytree(NOTEBOOKS / "rnnbook", tmp_path / "scripts" / "rnnbook",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "nb").mkdir()
    return tmp_path


def notebook(folder, name, *sources):
    path = folder / "nb" / f"{name}.ipynb"
    cells = [nbformat.v4.new_code_cell(source) for source in sources]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    return path


def run_all(scratch, *args, env=None, **popen):
    command = [sys.executable, "-m", "study.run_all", *map(str, args)]
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(scratch),
                   "PYTHONPATH": str(scratch / "scripts")} | (env or {})
    if popen:
        return subprocess.Popen(command, cwd=scratch, env=environment, text=True, **popen)
    return subprocess.run(command, cwd=scratch, env=environment, text=True, capture_output=True)


def refused(scratch, monkeypatch, *args, env=None):
    """What run_all says when it refuses `args` (run in this process, in `scratch`, with only
    `env` set of its settings)."""
    monkeypatch.chdir(scratch)
    for name in ("RNN_QUICK", "RNN_SEED", "KERAS_BACKEND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in (env or {}).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(records, "RESULTS_DIR", Path("results"))  # scratch's
    with pytest.raises(SystemExit) as exited:
        run_all_module.main([str(a) for a in args])
    return str(exited.value.code)


def timings(scratch, profile="full"):
    return json.loads((scratch / "results" / profile / "timings.json").read_text())


def outputs(path):
    cells = nbformat.read(path, as_version=4).cells
    return ["".join(o.get("text", "") for o in c.outputs) for c in cells]


@pytest.mark.slow
def test_each_notebook_is_written_when_it_finishes(scratch):
    first = notebook(scratch, "a", "print(1 + 1)")
    second = notebook(scratch, "b", "print('b')")
    result = run_all(scratch, "build", first, second)
    assert result.returncode == 0, result.stderr
    assert outputs(scratch / "build" / "a.ipynb") == ["2\n"]
    assert outputs(scratch / "build" / "b.ipynb") == ["b\n"]
    assert outputs(first) == [""]  # the source notebooks are untouched
    assert sorted(timings(scratch)) == ["a", "b"]
    assert not list(scratch.rglob(".*.partial"))


@pytest.mark.slow
def test_a_failing_notebook_is_named_with_its_cell_and_the_others_are_kept(scratch):
    good = notebook(scratch, "good", "print('ok')")
    bad = notebook(scratch, "bad", "x = 1", "raise RuntimeError('data file missing')")
    after = notebook(scratch, "after", "print('never')")
    result = run_all(scratch, "build", good, bad, after)
    assert result.returncode == 1
    assert f"FAILED: {bad}, cell 1 (execution count 2): RuntimeError: data file missing" in (
        result.stderr
    )
    assert f"Kept: {Path('build') / 'good.ipynb'}" in result.stderr
    assert outputs(scratch / "build" / "good.ipynb") == ["ok\n"]
    assert not (scratch / "build" / "bad.ipynb").exists()
    assert not (scratch / "build" / "after.ipynb").exists()
    assert sorted(timings(scratch)) == ["good"]  # no timing for outputs that were not kept


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGKILL])
def test_an_interrupted_run_keeps_what_finished(scratch, signum):
    done = notebook(scratch, "done", "print('finished')")
    slow = notebook(scratch, "slow", "import time\ntime.sleep(120)")
    process = run_all(scratch, "build", done, slow, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    written = scratch / "build" / "done.ipynb"
    deadline = time.monotonic() + 90
    while not written.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert written.exists(), "the first notebook was not written while the second ran"
    time.sleep(2)  # the second notebook's kernel is running now
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == (130 if signum == signal.SIGINT else -signal.SIGKILL)
    if signum == signal.SIGINT:
        assert f"INTERRUPTED while executing {slow}: it was not written." in stderr
        assert f"Kept: {Path('build') / 'done.ipynb'}." in stderr
    assert outputs(written) == ["finished\n"]
    assert not (scratch / "build" / "slow.ipynb").exists()
    assert list(timings(scratch)) == ["done"]
    assert not list(scratch.rglob(".*.partial"))


REFUSED = [
    ([], "give a target and at least one notebook"),
    (["build"], "give a target and at least one notebook"),
    (["-inplace", "nb/a.ipynb"], "unknown option '-inplace'"),
    (["nb/a.ipynb", "nb/a.ipynb"], "the first argument, nb/a.ipynb, is a notebook"),
    (["build", "nb/a.ipynb", "nb/missing.ipynb"], "nb/missing.ipynb is not a notebook file"),
    (["build", "nb/a.ipynb", "nb/notes.txt"], "nb/notes.txt is not a notebook file"),
    (["build", "nb/broken.ipynb"], "nb/broken.ipynb is not a valid notebook"),
    (["nb", "nb/a.ipynb"], "nb holds the notebooks themselves"),
    (["nb/", "nb/a.ipynb"], "nb holds the notebooks themselves"),
    (["a_file", "nb/a.ipynb"], "a_file exists and is not a folder"),
]


@pytest.mark.parametrize("args, message", REFUSED)
def test_bad_arguments_are_refused_before_anything_runs(scratch, monkeypatch, args, message):
    notebook(scratch, "a", "open('ran', 'w').write('yes')")
    (scratch / "nb" / "notes.txt").write_text("not a notebook")
    (scratch / "nb" / "broken.ipynb").write_text('{"cells": [')
    (scratch / "a_file").write_text("")
    assert message in refused(scratch, monkeypatch, *args)
    assert not (scratch / "nb" / "ran").exists() and not (scratch / "results").exists()
    assert not (scratch / "-inplace").exists()


@pytest.mark.parametrize("env, message", [
    ({"RNN_QUICK": "1"}, "--inplace with RNN_QUICK=1 would store quick-profile outputs"),
    ({"KERAS_BACKEND": "jax"}, "--inplace with KERAS_BACKEND=jax would store jax outputs"),
])
def test_inplace_is_refused_for_outputs_that_are_not_the_stored_ones(scratch, monkeypatch,
                                                                    env, message):
    path = notebook(scratch, "a", "print('not stored')")
    assert message in refused(scratch, monkeypatch, "--inplace", path, env=env)
    assert outputs(path) == [""]


@pytest.mark.slow
def test_inplace_rewrites_the_notebook(scratch):
    path = notebook(scratch, "a", "print('full')")
    result = run_all(scratch, "--inplace", path)
    assert result.returncode == 0, result.stderr
    assert outputs(path) == ["full\n"]


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"a": {"seconds": 3', "not valid JSON, truncated or corrupt"),
        ("", "not valid JSON, truncated or corrupt"),
        ('{"a": {"seconds": NaN}}', "'a' has no valid 'seconds'"),
        ('{"a": 3}', "'a' has no valid 'seconds'"),
        ("[1, 2]", "not a table of notebooks"),
    ],
)
def test_a_corrupt_timings_file_is_refused_before_anything_runs(scratch, monkeypatch, content,
                                                                message):
    path = notebook(scratch, "a", "open('ran', 'w').write('yes')")
    (scratch / "results" / "full").mkdir(parents=True)
    (scratch / "results" / "full" / "timings.json").write_text(content)
    said = refused(scratch, monkeypatch, "build", path)
    assert f"timings.json: {message}" in said and "make run` writes it again" in said
    assert not (scratch / "nb" / "ran").exists()


@pytest.mark.parametrize("env, message", [({"RNN_QUICK": "yes"}, "RNN_QUICK='yes'"),
                                          ({"RNN_SEED": "x"}, "RNN_SEED='x'")])
def test_bad_settings_are_refused_before_anything_runs(scratch, monkeypatch, env, message):
    path = notebook(scratch, "a", "open('ran', 'w').write('yes')")
    assert message in refused(scratch, monkeypatch, "build", path, env=env)
    assert not (scratch / "nb" / "ran").exists()


@pytest.mark.slow
def test_the_code_version_is_read_once_before_anything_is_written(scratch):
    path = notebook(scratch, "a", "import os\nprint(os.environ.get('RNN_CODE_VERSION'))")
    result = run_all(scratch, "build", path, env={"RNN_CODE_VERSION": "abc1234"})
    assert result.returncode == 0, result.stderr
    assert outputs(scratch / "build" / "a.ipynb") == ["abc1234\n"]
    assert timings(scratch)["a"]["code"] == "abc1234"


@pytest.mark.slow
def test_timings_on_another_backend_are_kept_apart(scratch):
    path = notebook(scratch, "a", "print(1)")
    result = run_all(scratch, "build-jax", path, env={"KERAS_BACKEND": "jax"})
    assert result.returncode == 0, result.stderr
    assert sorted(timings(scratch, "full-jax")) == ["a"]
    assert not (scratch / "results" / "full" / "timings.json").exists()
