"""The one place that names the repository the notebooks are published from, for Colab.

    python tools/colab.py     write the badge and the bootstrap cell into every notebook

In Colab a notebook opens on its own, without rnnbook.py beside it, so its first code cell
downloads the helpers. That download is pinned to the last commit that changed rnnbook.py
and checked against the file's sha256, so a notebook always runs with the helpers it was
tested with. Run this after committing a change to rnnbook.py (it refuses before), and
commit the notebooks it rewrote; tests/test_colab.py checks that the pins are current. The
bootstrap cell prints nothing when rnnbook.py is beside the notebook, so rewriting it does
not change any stored output.
"""

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import nbformat

REPOSITORY = "dlwp-rnn/rnn-notebooks"  # owner/name on GitHub: a fork changes it here
BRANCH = "main"  # where the badges open the notebooks
NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
HELPERS = NOTEBOOKS / "rnnbook.py"

BADGE = (
    "[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
    "(https://colab.research.google.com/github/{repository}/blob/{branch}/notebooks/{name})"
)
BOOTSTRAP = '''\
# In Colab a notebook opens on its own: fetch the helpers module, pinned to the commit the
# notebooks were tested with and checked. Locally, rnnbook.py is beside the notebook.
import os

RNNBOOK_URL = "https://raw.githubusercontent.com/{repository}/{commit}/notebooks/rnnbook.py"
RNNBOOK_SHA256 = "{sha256}"
if not os.path.exists("rnnbook.py"):
    import hashlib
    import urllib.request

    try:
        helpers = urllib.request.urlopen(RNNBOOK_URL, timeout=60).read()
    except OSError as error:
        raise RuntimeError(
            f"Could not download the helpers module ({{error}}). Offline, put rnnbook.py (from "
            "the repository's notebooks/ folder) next to this notebook and run it again."
        ) from None
    if hashlib.sha256(helpers).hexdigest() != RNNBOOK_SHA256:
        raise RuntimeError(
            f"{{RNNBOOK_URL}} is not the file this notebook was tested with (its sha256 "
            "differs): put rnnbook.py from the same commit next to this notebook."
        )
    with open("rnnbook.py.partial", "wb") as partial:  # renamed once whole: never half a file
        partial.write(helpers)
    os.replace("rnnbook.py.partial", "rnnbook.py")

import rnnbook  # before Keras: it sets TensorFlow's environment (logs, oneDNN, summary width)'''


def helpers_pin():
    """(commit that last changed rnnbook.py, sha256 of rnnbook.py), or SystemExit with why."""

    def git(*args):
        return subprocess.run(
            ["git", *args], cwd=NOTEBOOKS, capture_output=True, text=True, check=True
        ).stdout.strip()

    if git("status", "--porcelain", "--", HELPERS.name):
        raise SystemExit("commit rnnbook.py first: the notebooks pin a commit that holds it")
    commit = git("log", "-1", "--format=%H", "--", HELPERS.name)
    return commit, hashlib.sha256(HELPERS.read_bytes()).hexdigest()


def stamp(path, commit, sha256):
    """Write the badge (in the first cell) and the bootstrap (first code cell) of a notebook."""
    notebook = nbformat.read(path, as_version=4)
    title = notebook.cells[0]
    badge = BADGE.format(repository=REPOSITORY, branch=BRANCH, name=path.name)
    any_badge = r"\[!\[Open In Colab\]\(.*?\)\]\(.*?\)"
    title.source, replaced = re.subn(any_badge, lambda _: badge, title.source)
    if not replaced:  # a new notebook: the badge goes under its heading
        heading, _, rest = title.source.partition("\n")
        title.source = f"{heading}\n\n{badge}\n{rest}"
    first_code = next(cell for cell in notebook.cells if cell.cell_type == "code")
    first_code.source = BOOTSTRAP.format(repository=REPOSITORY, commit=commit, sha256=sha256)
    nbformat.write(notebook, path)


def main():
    commit, sha256 = helpers_pin()
    for path in sorted(NOTEBOOKS.glob("[0-9]*.ipynb")):
        stamp(path, commit, sha256)
        print(f"{path.name}: helpers pinned to {commit[:12]} (sha256 {sha256[:12]})")


if __name__ == "__main__":
    sys.exit(main())
