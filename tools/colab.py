"""The one place that names where the notebooks are published, for Colab.

    python -m tools.colab     write the badge and the first code cell into every notebook

In Colab a notebook opens on its own, without the course package beside it, so its first
code cell installs it (`%pip install git+https://github.com/<repository>@<ref>`). The badge
opens the notebook at the same <ref>, so the notebook and the package Colab installs always
come from one commit of one branch: consistent by construction, and a change to the package
touches no notebook. Elsewhere the cell installs nothing: the package is notebooks/rnnbook/,
beside the notebooks (or installed with `pip install -e .`). The cell prints nothing outside
Colab, so rewriting it does not change any stored output. tests/test_colab.py checks every
notebook against this file.

A course that wants its students to keep one version for a term publishes a release tag and
sets REF to it (then runs this and commits the notebooks, once).
"""

import re
from pathlib import Path

import nbformat

__all__ = ["REPOSITORY", "REF", "NOTEBOOKS", "URL", "BADGE", "ANY_BADGE", "BOOTSTRAP", "url", "badge",
           "bootstrap", "stamp"]

REPOSITORY = "dlwp-rnn/rnn-notebooks"  # owner/name on GitHub: a fork changes it here
REF = "main"  # the branch (or release tag) the badges open and the first cells install
NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

URL = "https://colab.research.google.com/github/{repository}/blob/{ref}/notebooks/{name}"
BADGE = "[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](" + URL + ")"
ANY_BADGE = re.compile(r"\[!\[Open In Colab\]\(.*?\)\]\((.*?)\)")  # group 1: the address
BOOTSTRAP = """\
# In Colab, install the course package from the branch this notebook was opened from
import sys
if "google.colab" in sys.modules:
    %pip install --quiet git+https://github.com/{repository}@{ref}
import rnnbook  # before Keras: it sets TF's environment. Not found? Run this in notebooks/"""


def url(name):
    """The Colab address of notebook `name` (a file name in notebooks/)."""
    return URL.format(repository=REPOSITORY, ref=REF, name=name)


def badge(name):
    return BADGE.format(repository=REPOSITORY, ref=REF, name=name)


def bootstrap():
    return BOOTSTRAP.format(repository=REPOSITORY, ref=REF)


def stamp(path):
    """Write the badge (in the first cell) and the first code cell of a notebook."""
    notebook = nbformat.read(path, as_version=4)
    title = notebook.cells[0]
    title.source, replaced = ANY_BADGE.subn(lambda _: badge(path.name), title.source)
    if not replaced:  # a new notebook: the badge goes under its heading
        heading, _, rest = title.source.partition("\n")
        title.source = f"{heading}\n\n{badge(path.name)}\n{rest}"
    first_code = next(cell for cell in notebook.cells if cell.cell_type == "code")
    first_code.source = bootstrap()
    nbformat.write(notebook, path)


def main():
    for path in sorted(NOTEBOOKS.glob("[0-9]*.ipynb")):
        stamp(path)
        print(f"{path.name}: Colab opens and installs {REPOSITORY}@{REF}")


if __name__ == "__main__":
    main()
