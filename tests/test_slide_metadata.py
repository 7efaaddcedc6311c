"""Every cell of every notebook says what it is in the decks: its metadata.slideshow.slide_type
is one that nbconvert and RISE know, and its slide tags are ones the tools know; each lecture
assembles from its notebooks (tools/lectures.py)."""

import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tools import build_decks, lectures

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9]*.ipynb"))
# "-" goes on with the slide above it; "notes" are speaker notes; "skip" is not shown.
SLIDE_TYPES = {"slide", "subslide", "fragment", "-", "skip", "notes"}
# The tags the decks act on (tools/build_decks.py, slides/lecture_preprocessors.py,
# tools/lectures.py): a tag that looks like one of them but is not is a typo.
SLIDE_TAGS = {"slides-no-input", "slides-no-output", "slides-no-log", lectures.SKIP_TAG}


def problems(path):
    """What is wrong with a notebook's slide metadata, one line per cell."""
    notebook = nbformat.read(path, as_version=4)
    found = []
    for i, cell in enumerate(notebook.cells):
        kind = cell.metadata.get("slideshow", {}).get("slide_type")
        if kind not in SLIDE_TYPES:
            found.append(f"{path.name}, cell {i} (id {cell.id}): slide_type {kind!r}")
        for tag in cell.metadata.get("tags", []):
            if re.match(r"(slide|lecture)", tag) and tag not in SLIDE_TAGS:
                found.append(f"{path.name}, cell {i} (id {cell.id}): tag {tag!r} is none of "
                             f"{', '.join(sorted(SLIDE_TAGS))}")
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


def test_a_tag_the_decks_do_not_know_is_named(tmp_path):
    title = new_markdown_cell("# T")
    title.metadata["slideshow"] = {"slide_type": "slide"}
    title.metadata["tags"] = ["lecture_skip", "slides-no-input", "solution"]
    path = tmp_path / "n.ipynb"
    nbformat.write(new_notebook(cells=[title]), path)
    assert problems(path) == [
        f"n.ipynb, cell 0 (id {title.id}): tag 'lecture_skip' is none of lecture-skip, "
        "slides-no-input, slides-no-log, slides-no-output"]


@pytest.mark.parametrize("lecture", lectures.LECTURES, ids=lambda lecture: lecture.stem)
def test_each_lecture_assembles_from_its_notebooks(lecture):
    """The lecture's cells (tools/lectures.py raises on a notebook it cannot start: all its
    cells left out, or speaker notes first): its title, its outline, then each notebook."""
    paths = lectures.paths_of(lecture, build_decks.notebooks())
    merged = lectures.assemble(lecture, paths)
    openers = [c for c in merged.cells if lectures.slide_type(c) == "slide"]
    assert openers[0].source.startswith(f"# Lecture {lecture.number} — ")
    assert openers[1].source.startswith("## Outline")
    for path in paths:
        first = next(c for c in merged.cells if c.id.startswith(f"nb{path.name[:2]}-")
                     and lectures.slide_type(c) != "skip")
        assert lectures.slide_type(first) == "slide", path.name
