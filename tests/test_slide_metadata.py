"""Every cell of every notebook says what it is in the lecture decks: its
metadata.slideshow.slide_type is one that nbconvert and RISE know."""

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9]*.ipynb"))
# "-" goes on with the slide above it; "notes" are speaker notes; "skip" is not shown.
SLIDE_TYPES = {"slide", "subslide", "fragment", "-", "skip", "notes"}


def problems(path):
    """What is wrong with a notebook's slide metadata, one line per cell."""
    notebook = nbformat.read(path, as_version=4)
    found = []
    for i, cell in enumerate(notebook.cells):
        kind = cell.metadata.get("slideshow", {}).get("slide_type")
        if kind not in SLIDE_TYPES:
            found.append(f"{path.name}, cell {i} (id {cell.id}): slide_type {kind!r}")
    if notebook.cells and notebook.cells[0].metadata.get("slideshow", {}).get(
            "slide_type") != "slide":
        found.append(f"{path.name}: the first cell is not a slide (the deck's title)")
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_cell_has_a_valid_slide_type(path):
    assert problems(path) == []


def test_a_cell_without_a_slide_type_is_named(tmp_path):
    title, plain, wrong = new_markdown_cell("# T"), new_code_cell("1"), new_code_cell("2")
    title.metadata["slideshow"] = {"slide_type": "slide"}
    wrong.metadata["slideshow"] = {"slide_type": "Slide"}
    path = tmp_path / "n.ipynb"
    nbformat.write(new_notebook(cells=[title, plain, wrong]), path)
    assert problems(path) == [
        f"n.ipynb, cell 1 (id {plain.id}): slide_type None",
        f"n.ipynb, cell 2 (id {wrong.id}): slide_type 'Slide'",
    ]


def test_a_deck_that_does_not_open_on_a_slide_is_named(tmp_path):
    cell = new_markdown_cell("# T")
    cell.metadata["slideshow"] = {"slide_type": "skip"}
    path = tmp_path / "n.ipynb"
    nbformat.write(new_notebook(cells=[cell]), path)
    assert problems(path) == ["n.ipynb: the first cell is not a slide (the deck's title)"]
