"""The Colab badge and the first code cell of every notebook: both name the same reference
(tools/colab.py's REF), so the notebook Colab opens and the package it installs come from one
commit; elsewhere the cell installs nothing and imports the package."""

import re
import subprocess
import sys

import nbformat
import pytest
from IPython.core.inputtransformer2 import TransformerManager

from tools import colab

NOTEBOOKS = sorted(colab.NOTEBOOKS.glob("[0-9]*.ipynb"))
STUDENT_COPIES = sorted(colab.NOTEBOOKS.glob("student_*.ipynb"))
ROOT = colab.NOTEBOOKS.parent


def first_code_cell(path):
    notebook = nbformat.read(path, as_version=4)
    return next(cell.source for cell in notebook.cells if cell.cell_type == "code")


def refs(path):
    """(the ref the badge opens, the ref the first cell installs) of a notebook."""
    title = nbformat.read(path, as_version=4).cells[0].source
    badge = re.search(r"colab\.research\.google\.com/github/([^/]+/[^/]+)/blob/([^/]+)/", title)
    install = re.search(r"git\+https://github\.com/([^/@]+/[^/@]+)@(\S+)\n", first_code_cell(path))
    return (badge and badge.groups()), (install and install.groups())


@pytest.mark.parametrize("path", NOTEBOOKS + STUDENT_COPIES, ids=lambda p: p.name)
def test_the_badge_and_the_first_cell_name_the_same_reference(path):
    badge, install = refs(path)
    assert badge == install == (colab.REPOSITORY, colab.REF), (
        f"{path.name}: run `python -m tools.colab` (and `make exercises`), then commit")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_notebook_opens_with_the_five_lines_of_tools_colab(path):
    assert first_code_cell(path) == colab.bootstrap()
    assert len(colab.bootstrap().splitlines()) == 5
    assert colab.badge(path.name) in nbformat.read(path, as_version=4).cells[0].source


def test_a_notebook_whose_badge_and_install_differ_is_caught(tmp_path):
    path = tmp_path / "08_new.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell(f"# 8\n\n{colab.badge(path.name).replace('/main/', '/v1/')}"),
        nbformat.v4.new_code_cell(colab.bootstrap()),
    ]), path)
    badge, install = refs(path)
    assert badge == (colab.REPOSITORY, "v1") and install == (colab.REPOSITORY, "main")


@pytest.mark.slow
def test_pip_installs_the_whole_package_from_a_commit(tmp_path):
    """What Colab's %pip does, from this clone (file://) instead of GitHub: every module of the
    package, subpackages included, as committed."""
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.strip()
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
                    str(tmp_path), f"git+file://{ROOT}@{commit}"], check=True, timeout=600)
    listed = subprocess.run(["git", "ls-tree", "-r", "--name-only", commit, "notebooks/rnnbook"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    committed = {p.removeprefix("notebooks/") for p in listed if p.endswith(".py")}
    installed = {p.relative_to(tmp_path).as_posix() for p in (tmp_path / "rnnbook").rglob("*.py")}
    assert installed == committed and len(committed) > 20


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


def test_in_colab_the_first_cell_installs_the_package_from_the_badges_reference(monkeypatch):
    assert run_first_cell(monkeypatch, in_colab=True) == [
        f"%pip install --quiet git+https://github.com/{colab.REPOSITORY}@{colab.REF}"]


def test_elsewhere_it_installs_nothing(monkeypatch):
    assert run_first_cell(monkeypatch, in_colab=False) == []


@pytest.mark.slow
def test_without_the_package_the_error_says_what_to_do(tmp_path):
    code = TransformerManager().transform_cell(first_code_cell(NOTEBOOKS[0]))
    (tmp_path / "first_cell.py").write_text(code)
    ran = subprocess.run(["/usr/bin/env", "-i", "python3", "-I", "first_cell.py"], cwd=tmp_path,
                         capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert "ModuleNotFoundError: No module named 'rnnbook'" in ran.stderr
    assert "Not found? Run this in notebooks/" in ran.stderr  # the traceback shows the line


def test_the_repository_is_named_in_one_place():
    code = subprocess.run(["git", "ls-files", "--full-name", ":/*.py"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout.split()
    assert [f for f in code if colab.REPOSITORY in (ROOT / f).read_text()] == [
        "tools/colab.py"
    ]  # the notebooks get it from there, by `python -m tools.colab`


def test_stamp_puts_the_badge_under_the_heading_of_a_new_notebook(tmp_path):
    path = tmp_path / "08_new.ipynb"
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 8. New\n\nProse."),
        nbformat.v4.new_code_cell("import rnnbook"),
    ])
    nbformat.write(notebook, path)
    colab.stamp(path)
    colab.stamp(path)  # a second stamp replaces, it does not add
    stamped = nbformat.read(path, as_version=4)
    assert stamped.cells[0].source == f"# 8. New\n\n{colab.badge(path.name)}\n\nProse."
    assert stamped.cells[1].source == colab.bootstrap()
