"""The Colab bootstrap: every notebook pins the helpers it was tested with, and the download
is checked, atomic, and says what to do offline."""

import hashlib
import re
import subprocess
import urllib.request

import colab
import nbformat
import pytest

NOTEBOOKS = sorted(colab.NOTEBOOKS.glob("[0-9]*.ipynb"))
HELPERS = colab.HELPERS.read_bytes()
SHA256 = hashlib.sha256(HELPERS).hexdigest()


def bootstrap_cell(path):
    notebook = nbformat.read(path, as_version=4)
    return next(cell.source for cell in notebook.cells if cell.cell_type == "code")


def pinned_commit(source):
    return re.search(r"rnn-notebooks/([0-9a-f]{40})/notebooks", source)[1]


def git(*args):
    return subprocess.run(
        ["git", *args], cwd=colab.NOTEBOOKS, capture_output=True, check=True
    ).stdout


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_notebook_pins_the_helpers_it_is_tested_with(path):
    source = bootstrap_cell(path)
    commit = pinned_commit(source)
    assert source == colab.BOOTSTRAP.format(
        repository=colab.REPOSITORY, commit=commit, sha256=SHA256
    ), "run `python tools/colab.py` after committing rnnbook.py, and commit the notebooks"
    title = nbformat.read(path, as_version=4).cells[0].source
    assert colab.BADGE.format(repository=colab.REPOSITORY, branch=colab.BRANCH, name=path.name) in (
        title
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_pinned_commit_holds_exactly_those_helpers(path):
    if git("rev-parse", "--is-shallow-repository").strip() == b"true":
        pytest.skip("a shallow clone may not hold the pinned commit")
    commit = pinned_commit(bootstrap_cell(path))
    assert hashlib.sha256(git("show", f"{commit}:notebooks/rnnbook.py")).hexdigest() == SHA256


def run_bootstrap(folder, monkeypatch, download):
    """The notebooks' bootstrap cell, run in `folder`, without its final import."""
    code = bootstrap_cell(NOTEBOOKS[0]).rsplit("\nimport rnnbook", 1)[0]
    monkeypatch.chdir(folder)
    monkeypatch.setattr(urllib.request, "urlopen", download)
    exec(compile(code, "bootstrap", "exec"), {})


class Response:
    def __init__(self, data):
        self.data = data

    def read(self):
        return self.data


def test_bootstrap_downloads_checks_and_writes_the_helpers(tmp_path, monkeypatch):
    asked = []
    run_bootstrap(tmp_path, monkeypatch, lambda url, timeout: asked.append(url) or Response(HELPERS))
    assert (tmp_path / "rnnbook.py").read_bytes() == HELPERS
    assert asked == [f"https://raw.githubusercontent.com/{colab.REPOSITORY}/"
                     f"{pinned_commit(bootstrap_cell(NOTEBOOKS[0]))}/notebooks/rnnbook.py"]
    assert [p.name for p in tmp_path.iterdir()] == ["rnnbook.py"]


def test_bootstrap_refuses_other_bytes_and_leaves_nothing(tmp_path, monkeypatch):
    truncated = HELPERS[: len(HELPERS) // 2]
    with pytest.raises(RuntimeError, match="is not the file this notebook was tested with"):
        run_bootstrap(tmp_path, monkeypatch, lambda url, timeout: Response(truncated))
    assert not list(tmp_path.iterdir())


def test_bootstrap_offline_says_what_to_do(tmp_path, monkeypatch):
    def offline(url, timeout):
        raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")

    with pytest.raises(RuntimeError, match="Offline, put rnnbook.py .* next to this notebook"):
        run_bootstrap(tmp_path, monkeypatch, offline)
    assert not list(tmp_path.iterdir())


def test_bootstrap_uses_the_helpers_beside_the_notebook(tmp_path, monkeypatch):
    (tmp_path / "rnnbook.py").write_text("# local copy")
    run_bootstrap(tmp_path, monkeypatch, lambda url, timeout: pytest.fail("downloaded"))
    assert (tmp_path / "rnnbook.py").read_text() == "# local copy"


def test_the_repository_is_named_in_one_place():
    code = git("ls-files", "--full-name", ":/*.py").decode().split()
    assert [f for f in code if colab.REPOSITORY in (colab.NOTEBOOKS.parent / f).read_text()] == [
        "tools/colab.py"
    ]  # the notebooks get it from there, by `python tools/colab.py`


def test_stamp_puts_the_badge_under_the_heading_of_a_new_notebook(tmp_path):
    path = tmp_path / "07_new.ipynb"
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 7. New\n\nProse."),
        nbformat.v4.new_code_cell("import rnnbook"),
    ])
    nbformat.write(notebook, path)
    colab.stamp(path, "0" * 40, SHA256)
    colab.stamp(path, "0" * 40, SHA256)  # a second stamp replaces, it does not add
    badge = colab.BADGE.format(repository=colab.REPOSITORY, branch=colab.BRANCH, name=path.name)
    stamped = nbformat.read(path, as_version=4)
    assert stamped.cells[0].source == f"# 7. New\n\n{badge}\n\nProse."
    assert stamped.cells[1].source == colab.BOOTSTRAP.format(
        repository=colab.REPOSITORY, commit="0" * 40, sha256=SHA256
    )
