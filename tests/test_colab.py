"""The first code cell of every notebook: five lines that, in Colab, install the helpers at
the commit they were tested at, and elsewhere import them from notebooks/rnnbook/."""

import re
import subprocess
import sys

import colab
import nbformat
import pytest
from IPython.core.inputtransformer2 import TransformerManager

NOTEBOOKS = sorted(colab.NOTEBOOKS.glob("[0-9]*.ipynb"))
ROOT = colab.NOTEBOOKS.parent


def first_code_cell(path):
    notebook = nbformat.read(path, as_version=4)
    return next(cell.source for cell in notebook.cells if cell.cell_type == "code")


def pinned_commit(source):
    return re.search(r"rnn-notebooks@([0-9a-f]{40})\n", source)[1]


def git(*args):
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, check=True).stdout


def helpers_files():
    """The helpers' files as Colab installs them: {path in the repository: bytes}."""
    package = colab.NOTEBOOKS / "rnnbook"
    return {f"notebooks/rnnbook/{p.name}": p.read_bytes() for p in package.glob("*.py")} | {
        "pyproject.toml": (ROOT / "pyproject.toml").read_bytes()}


@pytest.fixture(scope="module")
def full_history():
    if git("rev-parse", "--is-shallow-repository").strip() == b"true":
        pytest.skip("a shallow clone may not hold the pinned commit")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_notebook_opens_with_five_lines_that_pin_the_helpers(path):
    source = first_code_cell(path)
    assert source == colab.BOOTSTRAP.format(repository=colab.REPOSITORY,
                                            commit=pinned_commit(source)), (
        "run `python tools/colab.py` after committing the helpers, and commit the notebooks")
    assert len(source.splitlines()) <= 5
    title = nbformat.read(path, as_version=4).cells[0].source
    assert colab.BADGE.format(repository=colab.REPOSITORY, branch=colab.BRANCH,
                              name=path.name) in title


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_pinned_commit_holds_exactly_these_helpers(path, full_history):
    commit = pinned_commit(first_code_cell(path))
    listed = git("ls-tree", "--name-only", f"{commit}:notebooks/rnnbook").decode().split()
    pinned = {f"notebooks/rnnbook/{name}" for name in listed if name.endswith(".py")}
    pinned.add("pyproject.toml")
    assert pinned == set(helpers_files()), "the helpers' modules changed since the pin"
    for name, content in helpers_files().items():
        assert git("show", f"{commit}:{name}") == content, f"{name} changed since the pin"


def test_pip_installs_those_helpers_from_the_pinned_commit(tmp_path, full_history):
    commit = pinned_commit(first_code_cell(NOTEBOOKS[0]))
    # What Colab's %pip does, from this clone (file://) instead of GitHub.
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
                    str(tmp_path), f"git+file://{ROOT}@{commit}"], check=True, timeout=600)
    installed = {f"notebooks/rnnbook/{p.name}": p.read_bytes()
                 for p in (tmp_path / "rnnbook").glob("*.py")}
    assert installed == {k: v for k, v in helpers_files().items() if k != "pyproject.toml"}


def run_first_cell(monkeypatch, in_colab):
    """The first cell as IPython runs it, with %pip recorded instead of run."""
    code = TransformerManager().transform_cell(first_code_cell(NOTEBOOKS[0]))
    magics = []

    class IPython:
        def run_line_magic(self, name, line, *_):
            magics.append(f"%{name} {line}")

    if in_colab:
        monkeypatch.setitem(sys.modules, "google.colab", object())
    exec(compile(code, "first cell", "exec"), {"get_ipython": IPython})
    return magics


def test_in_colab_the_first_cell_installs_the_pinned_helpers(monkeypatch):
    commit = pinned_commit(first_code_cell(NOTEBOOKS[0]))
    assert run_first_cell(monkeypatch, in_colab=True) == [
        f"%pip install --quiet git+https://github.com/{colab.REPOSITORY}@{commit}"]


def test_elsewhere_it_installs_nothing(monkeypatch):
    assert run_first_cell(monkeypatch, in_colab=False) == []


def test_without_the_helpers_the_error_says_what_to_do(tmp_path):
    code = TransformerManager().transform_cell(first_code_cell(NOTEBOOKS[0]))
    (tmp_path / "first_cell.py").write_text(code)
    ran = subprocess.run([sys.executable, "first_cell.py"], cwd=tmp_path, capture_output=True,
                         text=True, env={"PATH": "/usr/bin:/bin"})
    assert "ModuleNotFoundError: No module named 'rnnbook'" in ran.stderr
    assert "Not found? Run this in notebooks/" in ran.stderr  # the traceback shows the line


def test_the_repository_is_named_in_one_place():
    code = git("ls-files", "--full-name", ":/*.py").decode().split()
    assert [f for f in code if colab.REPOSITORY in (ROOT / f).read_text()] == [
        "tools/colab.py"
    ]  # the notebooks get it from there, by `python tools/colab.py`


def test_stamp_puts_the_badge_under_the_heading_of_a_new_notebook(tmp_path):
    path = tmp_path / "08_new.ipynb"
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 8. New\n\nProse."),
        nbformat.v4.new_code_cell("import rnnbook"),
    ])
    nbformat.write(notebook, path)
    colab.stamp(path, "0" * 40)
    colab.stamp(path, "0" * 40)  # a second stamp replaces, it does not add
    badge = colab.BADGE.format(repository=colab.REPOSITORY, branch=colab.BRANCH, name=path.name)
    stamped = nbformat.read(path, as_version=4)
    assert stamped.cells[0].source == f"# 8. New\n\n{badge}\n\nProse."
    assert stamped.cells[1].source == colab.BOOTSTRAP.format(
        repository=colab.REPOSITORY, commit="0" * 40)
