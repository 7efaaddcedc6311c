"""checkpoints/ stays out of git. The one exception: a long run unfinished at the end of a
session may be carried to the next with `git add -f checkpoints/<profile>/<notebook>/...`
while its notebook (notebooks/<notebook>.ipynb) is not stored with outputs; once it is,
those checkpoints leave git."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def git(root, *args):
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          check=True).stdout


def has_outputs(root, notebook):
    """Whether the notebook git stores (its index copy) has a code cell with outputs; None
    where git holds no such notebook."""
    try:
        cells = json.loads(git(root, "show", f":{notebook}"))["cells"]
    except subprocess.CalledProcessError:
        return None
    return any(cell["cell_type"] == "code" and cell.get("outputs") for cell in cells)


def misplaced_checkpoints(root):
    """The files under checkpoints/ that git tracks and should not, by folder
    (checkpoints/<profile>/<notebook>): {folder: (why, [files])}."""
    found = {}
    for path in git(root, "ls-files", "-z", "--", "checkpoints").split("\0"):
        if not path:
            continue
        parts = path.split("/")
        folder = "/".join(parts[:3])
        notebook = f"notebooks/{parts[2]}.ipynb" if len(parts) > 3 else None
        stored = has_outputs(root, notebook) if notebook else None
        if stored is False:
            continue  # an unfinished run carried while its notebook has no outputs
        why = (f"{notebook} is stored with outputs" if stored
               else f"it belongs to no notebook in git ({notebook or 'none named'})")
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


@pytest.fixture
def repo(tmp_path):
    """A git repository with a checkpoint of notebook 07 tracked (`git add -f`)."""
    if not shutil.which("git"):
        pytest.skip("no git on this machine")
    git(tmp_path, "init", "-q")
    (tmp_path / ".gitignore").write_text("checkpoints/\n")
    saved = tmp_path / "checkpoints/full/07_jena_dropout_stacking/gru/seed0/key.json"
    saved.parent.mkdir(parents=True)
    saved.write_text("{}\n")
    git(tmp_path, "add", "-f", "checkpoints")
    return tmp_path


def store(repo, outputs):
    notebook = {"cells": [{"cell_type": "markdown", "source": ["# 07"], "metadata": {}},
                          {"cell_type": "code", "source": ["1"], "metadata": {},
                           "execution_count": None, "outputs": outputs}],
                "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = repo / "notebooks/07_jena_dropout_stacking.ipynb"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(notebook))
    git(repo, "add", str(path))


def test_a_tracked_checkpoint_of_a_stored_notebook_is_found(repo):
    store(repo, [{"output_type": "stream", "name": "stdout", "text": ["40 epochs\n"]}])
    found = misplaced_checkpoints(repo)
    assert message(found) == (
        "1 file(s) under checkpoints/full/07_jena_dropout_stacking/ are tracked by git, but "
        "notebooks/07_jena_dropout_stacking.ipynb is stored with outputs:\n"
        "  checkpoints/full/07_jena_dropout_stacking/gru/seed0/key.json\n"
        "untrack them (they stay on disk): git rm -r --cached "
        "checkpoints/full/07_jena_dropout_stacking")
    git(repo, "rm", "-r", "-q", "--cached", "checkpoints/full/07_jena_dropout_stacking")
    assert misplaced_checkpoints(repo) == {}  # the fix it names clears it


def test_an_unfinished_run_may_be_carried_while_its_notebook_has_no_outputs(repo):
    store(repo, [])
    assert misplaced_checkpoints(repo) == {}


def test_a_tracked_checkpoint_of_no_notebook_is_found(repo):
    assert list(misplaced_checkpoints(repo)) == ["checkpoints/full/07_jena_dropout_stacking"]
