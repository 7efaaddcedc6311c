"""checkpoints/ stays out of git. The one exception: a long run unfinished at the end of a
session may be carried to the next with `git add -f checkpoints/<profile>/<notebook>/<model>/
seed<N>` while that seed's result (results/<profile>/<notebook>/seed<N>.json) is not stored;
once it is, those checkpoints leave git."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # git

ROOT = Path(__file__).resolve().parent.parent


def git(root, *args):
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          check=True).stdout


def tracked(root, path):
    return bool(git(root, "ls-files", "--", path).strip())


def why_misplaced(root, parts):
    """Why a tracked checkpoint file (its path split at "/") should not be tracked; None
    while it belongs to an unfinished run: a seed of a notebook in git, its result not stored."""
    if len(parts) < 6 or not re.fullmatch(r"seed\d+", parts[4]):
        return "it is in no run's folder (checkpoints/<profile>/<notebook>/<model>/seed<N>/)"
    notebook = f"notebooks/{parts[2]}.ipynb"
    if not tracked(root, notebook):
        return f"it belongs to no notebook in git ({notebook})"
    result = f"results/{parts[1]}/{parts[2]}/{parts[4]}.json"
    if tracked(root, result):
        return f"its run is finished and stored ({result})"
    return None


def misplaced_checkpoints(root):
    """The files under checkpoints/ that git tracks and should not, by run folder
    (checkpoints/<profile>/<notebook>/<model>/seed<N>): {folder: (why, [files])}."""
    found = {}
    for path in git(root, "ls-files", "-z", "--", "checkpoints").split("\0"):
        if not path:
            continue
        parts = path.split("/")
        why = why_misplaced(root, parts)
        if why:
            folder = "/".join(parts[:5] if len(parts) >= 6 else parts[:-1])
            found.setdefault(folder, (why, []))[1].append(path)
    return found


def message(found):
    return "\n".join(
        f"{len(files)} file(s) under {folder}/ are tracked by git, but {why}:\n  "
        + "\n  ".join(files)
        + f"\nuntrack them (they stay on disk): git rm -r --cached {folder}"
        for folder, (why, files) in found.items())


def test_no_checkpoints_are_tracked_beyond_an_unfinished_run():
    try:
        top = git(ROOT, "rev-parse", "--show-toplevel").strip()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git work tree (or no git): nothing is tracked")
    if Path(top).resolve() != ROOT:
        pytest.skip(f"{ROOT} is not the root of its own git work tree")
    found = misplaced_checkpoints(ROOT)
    assert not found, message(found)


RUN = "checkpoints/full/07_jena_dropout_stacking/gru/seed1"


@pytest.fixture
def repo(tmp_path):
    """A git repository with notebook 07 and a checkpoint of its seed 1 tracked (`git add -f`)."""
    if not shutil.which("git"):
        pytest.skip("no git on this machine")
    git(tmp_path, "init", "-q")
    (tmp_path / ".gitignore").write_text("checkpoints/\n")
    add(tmp_path, f"{RUN}/key.json", "{}\n", "-f")
    add(tmp_path, "notebooks/07_jena_dropout_stacking.ipynb", json.dumps({"cells": []}))
    return tmp_path


def add(repo, path, text, *options):
    (repo / path).parent.mkdir(parents=True, exist_ok=True)
    (repo / path).write_text(text)
    git(repo, "add", *options, path)


def test_an_unfinished_run_may_be_carried_while_its_result_is_not_stored(repo):
    add(repo, "results/full/07_jena_dropout_stacking/seed0.json", "{}")  # another seed's
    assert misplaced_checkpoints(repo) == {}


def test_a_tracked_checkpoint_of_a_stored_result_is_found(repo):
    add(repo, "results/full/07_jena_dropout_stacking/seed1.json", "{}")
    assert message(misplaced_checkpoints(repo)) == (
        f"1 file(s) under {RUN}/ are tracked by git, but its run is finished and stored "
        "(results/full/07_jena_dropout_stacking/seed1.json):\n"
        f"  {RUN}/key.json\n"
        f"untrack them (they stay on disk): git rm -r --cached {RUN}")
    git(repo, "rm", "-r", "-q", "--cached", RUN)
    assert misplaced_checkpoints(repo) == {}  # the fix it names clears it


def test_a_tracked_checkpoint_of_no_notebook_is_found(repo):
    git(repo, "rm", "-q", "--cached", "notebooks/07_jena_dropout_stacking.ipynb")
    assert misplaced_checkpoints(repo) == {
        RUN: ("it belongs to no notebook in git (notebooks/07_jena_dropout_stacking.ipynb)",
              [f"{RUN}/key.json"])}


def test_a_tracked_file_outside_a_run_folder_is_found(repo):
    model = "checkpoints/full/07_jena_dropout_stacking/gru"
    add(repo, f"{model}/notes.txt", "x", "-f")
    add(repo, f"{model}/best/weights.h5", "x", "-f")
    why = "it is in no run's folder (checkpoints/<profile>/<notebook>/<model>/seed<N>/)"
    assert misplaced_checkpoints(repo) == {model: (why, [f"{model}/notes.txt"]),
                                           f"{model}/best": (why, [f"{model}/best/weights.h5"])}
