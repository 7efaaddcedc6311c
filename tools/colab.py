"""The one place that names the repository the notebooks are published from, for Colab.

    python tools/colab.py     write the badge and the first code cell into every notebook

In Colab a notebook opens on its own, without the helpers beside it, so its first code cell
installs them (`%pip install git+https://github.com/<repository>@<commit>`), pinned to the
last commit that changed them: a commit names its files exactly, so a notebook always runs
with the helpers it was tested with. Elsewhere the cell installs nothing: the helpers are
the package notebooks/rnnbook/, beside the notebooks. Run this after committing a change to
the helpers (it refuses before), and commit the notebooks it rewrote; tests/test_colab.py
checks that the pins are current. The cell prints nothing outside Colab, so rewriting it
does not change any stored output.
"""

import re
import subprocess
import sys
from pathlib import Path

import nbformat

REPOSITORY = "dlwp-rnn/rnn-notebooks"  # owner/name on GitHub: a fork changes it here
BRANCH = "main"  # where the badges open the notebooks
NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
# What Colab installs: the package and how it is built.
HELPERS = [NOTEBOOKS / "rnnbook", NOTEBOOKS.parent / "pyproject.toml"]

BADGE = (
    "[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
    "(https://colab.research.google.com/github/{repository}/blob/{branch}/notebooks/{name})"
)
BOOTSTRAP = """\
# In Colab, install the helpers at the commit they were tested at; elsewhere: notebooks/rnnbook/
import sys
if "google.colab" in sys.modules:
    %pip install --quiet git+https://github.com/{repository}@{commit}
import rnnbook  # before Keras: it sets TF's environment. Not found? Run this in notebooks/"""


def helpers_pin():
    """The commit that last changed the helpers, or SystemExit with why."""

    def git(*args):
        return subprocess.run(
            ["git", *args], cwd=NOTEBOOKS, capture_output=True, text=True, check=True
        ).stdout.strip()

    paths = [str(path) for path in HELPERS]
    if git("status", "--porcelain", "--", *paths):
        raise SystemExit("commit the helpers first: the notebooks pin a commit that holds them")
    return git("log", "-1", "--format=%H", "--", *paths)


def stamp(path, commit):
    """Write the badge (in the first cell) and the first code cell of a notebook."""
    notebook = nbformat.read(path, as_version=4)
    title = notebook.cells[0]
    badge = BADGE.format(repository=REPOSITORY, branch=BRANCH, name=path.name)
    any_badge = r"\[!\[Open In Colab\]\(.*?\)\]\(.*?\)"
    title.source, replaced = re.subn(any_badge, lambda _: badge, title.source)
    if not replaced:  # a new notebook: the badge goes under its heading
        heading, _, rest = title.source.partition("\n")
        title.source = f"{heading}\n\n{badge}\n{rest}"
    first_code = next(cell for cell in notebook.cells if cell.cell_type == "code")
    first_code.source = BOOTSTRAP.format(repository=REPOSITORY, commit=commit)
    nbformat.write(notebook, path)


def main():
    commit = helpers_pin()
    for path in sorted(NOTEBOOKS.glob("[0-9]*.ipynb")):
        stamp(path, commit)
        print(f"{path.name}: helpers pinned to {commit[:12]}")


if __name__ == "__main__":
    sys.exit(main())
