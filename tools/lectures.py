"""The two lecture decks, assembled from the lesson notebooks' own cells (`make slides`).

A lecture deck is its notebooks' cells in order, each with its own slideshow metadata
(slide, subslide, fragment, -, notes, skip), less the cells tagged `lecture-skip`:
- on a slide's first cell (slide_type slide or subslide) the tag drops the whole slide: its
  '-' cells, fragments and notes, up to the next slide or subslide head. When the dropped
  head opened a horizontal section (slide), the next head kept takes its place as a slide,
  so the deck keeps the notebook's sections;
- on any other cell it drops that cell only.
The per-notebook decks ignore the tag. Each notebook's first cell kept opens a horizontal
section. Before them the builder writes the lecture's title slide and an outline slide (each
notebook's title, from its first heading); no content is copied. Closing slides are cells of
the last notebook.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat.v4 import new_markdown_cell, new_notebook

SKIP_TAG = "lecture-skip"
HEADS = {"slide", "subslide"}
BOOK = "*Deep Learning with Python* (F. Chollet, 1st ed.)"


@dataclass(frozen=True)
class Lecture:
    stem: str  # the deck's file name without .html
    number: int
    title: str
    section: str  # of the book
    notebooks: tuple[str, ...]  # the lesson notebooks' numbers, in order
    opening: str  # the title slide's speaker notes: what to say before the first slide

    @property
    def heading(self) -> str:
        return f"Lecture {self.number} — {self.title} (DLwP {self.section})"


LECTURES = (
    Lecture("lecture1", 1, "Recurrent neural networks", "6.2", ("01", "02", "03", "04"),
            "Today: networks that read a sequence one step at a time and keep a state. We "
            "write the loop in NumPy, find it again in Keras' `SimpleRNN`, see why it forgets "
            "(backpropagation through time), and fix that with the `LSTM` and the `GRU` on "
            "IMDB reviews. Every slide is a cell of a notebook the students can run: the link "
            "below lists them, with the exercises."),
    Lecture("lecture2", 2, "Advanced use of recurrent neural networks", "6.3",
            ("05", "06", "07"),
            "Today: forecasting the temperature of a weather station in Jena from its last ten "
            "days. First a baseline that any model must beat, then a dense network and a `GRU`; "
            "then whether order matters (reversed and bidirectional), and the book's three "
            "ways to improve the `GRU`: recurrent dropout against its overfitting, a second "
            "layer for capacity, both directions. Every result is the mean of three seeds, "
            "next to the book's."),
)


def slide_type(cell) -> str:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-")


def set_slide_type(cell, kind: str) -> None:
    cell.setdefault("metadata", {}).setdefault("slideshow", {})["slide_type"] = kind


def markdown(source: str, kind: str):
    """A new Markdown cell of slide type `kind`."""
    cell = new_markdown_cell(source)
    set_slide_type(cell, kind)
    return cell


def tagged(cell) -> bool:
    return SKIP_TAG in cell.get("metadata", {}).get("tags", [])


def lecture_cells(cells: list, name: str = "notebook") -> list:
    """A notebook's cells for a lecture (copies): the `lecture-skip` rules above, and its
    first kept cell a horizontal slide. `name` names the notebook in an error."""
    kept, dropping, promote = [], False, False
    for cell in cells:
        kind = slide_type(cell)
        if kind in HEADS:
            dropping = tagged(cell)
            if dropping:
                promote = promote or kind == "slide"
                continue
        if dropping or tagged(cell):
            continue
        cell = copy.deepcopy(cell)
        if kind == "subslide" and promote:
            set_slide_type(cell, "slide")
        if kind in HEADS:
            promote = False
        kept.append(cell)
    shown = [cell for cell in kept if slide_type(cell) != "skip"]
    if not shown:
        raise ValueError(f"{name}: every cell is skipped or tagged {SKIP_TAG}: the lecture "
                         "would show nothing of it")
    if slide_type(shown[0]) == "notes":
        raise ValueError(f"{name}: the first cell kept for the lecture is speaker notes, "
                         "which belong to a slide: keep the slide before it, or tag the notes "
                         f"{SKIP_TAG} too")
    set_slide_type(shown[0], "slide")
    return kept


def notebook_title(notebook) -> str:
    """The notebook's first heading without its number ("3. Classifying" → "Classifying")."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#{1,6}\s+(.+?)\s*#*\s*$", cell.source, re.M)
            if match:
                return re.sub(r"^\d+[a-z]?\.\s+", "", match[1])
    raise ValueError(f"{notebook.metadata.get('name', 'a notebook')} has no heading: its first "
                     "cell should open with `# N. Title`")


def number_of(path: Path) -> int:
    return int(re.match(r"\d+", path.name)[0])


def title_cells(lecture: Lecture):
    """The title slide and its speaker notes."""
    return [markdown(f"# Lecture {lecture.number} — {lecture.title}\n\n"
                     f"{BOOK}, section {lecture.section}\n\n"
                     "[The notebooks, the exercises and the reproduction report](index.html)",
                     "slide"),
            markdown(lecture.opening, "notes")]


def outline_cell(titles: dict[int, str]):
    """A numbered list of the notebooks' titles, each with its notebook's number."""
    items = "\n".join(f"{number}. {title}" for number, title in titles.items())
    return markdown(f"## Outline\n\n{items}", "slide")


MINUTES_A_SLIDE = 2


def plan_cell(slides: dict[int, int], opening: int = 2):
    """The outline's speaker notes: each part's slides and minutes at MINUTES_A_SLIDE a slide
    (`slides`: {part number: its slides}; `opening`: the title and outline slides), and a
    break at the end of the part that ends nearest the middle of the lecture."""
    total = opening + sum(slides.values())
    elapsed, lines, ends = MINUTES_A_SLIDE * opening, [], {}
    for number, count in slides.items():
        elapsed += MINUTES_A_SLIDE * count
        lines.append(f"- Part {number}: {count} slides, about {MINUTES_A_SLIDE * count} minutes "
                     f"(until minute {elapsed}).")
        ends[number] = elapsed
    middle = MINUTES_A_SLIDE * total / 2
    pause = min(ends, key=lambda number: abs(ends[number] - middle))  # never the last of several
    return markdown(
        f"The plan, at about {MINUTES_A_SLIDE} minutes a slide ({total} slides with the title "
        f"and this outline, about {MINUTES_A_SLIDE * total} minutes):\n\n" + "\n".join(lines)
        + f"\n\nA short break after part {pause} (minute {ends[pause]}), the nearest to the "
        "middle. Equations and cell diagrams take longer than 2 minutes, section headers "
        "and summaries less.", "notes")


def paths_of(lecture: Lecture, lessons: list[Path]) -> list[Path]:
    """The lecture's notebooks among the lessons, in its order; a missing one is an error."""
    by_number = {path.name[:2]: path for path in lessons}
    missing = [n for n in lecture.notebooks if n not in by_number]
    if missing:
        raise ValueError(f"{lecture.stem}: no lesson notebook numbered {', '.join(missing)}")
    return [by_number[n] for n in lecture.notebooks]


def lecture_decks(lessons: list[Path]) -> dict[str, str]:
    """Each lesson a lecture teaches, as {notebook name: its lecture's deck file}."""
    return {path.stem: f"{lecture.stem}.html"
            for lecture in LECTURES for path in paths_of(lecture, lessons)}


def assemble(lecture: Lecture, paths: list[Path]):
    """The lecture as one notebook: title, outline, then each notebook's lecture cells."""
    notebooks = [nbformat.read(path, as_version=4) for path in paths]
    titles = {number_of(path): notebook_title(nb) for path, nb in zip(paths, notebooks)}
    parts, slides = [], {}
    for path, nb in zip(paths, notebooks):
        part = lecture_cells(nb.cells, path.name)
        for cell in part:
            cell.id = f"nb{path.name[:2]}-{cell.get('id', len(parts))}"[:64]  # unique in the deck
        parts += part
        slides[number_of(path)] = slide_count(new_notebook(cells=part))
    cells = [*title_cells(lecture), outline_cell(titles), plan_cell(slides), *parts]
    merged = new_notebook(cells=cells, metadata=copy.deepcopy(notebooks[0].metadata))
    merged.metadata["title"] = lecture.heading
    return merged


def slide_count(notebook) -> int:
    """Slides as reveal.js counts them (horizontal and vertical): one per slide or subslide
    head, and the first cell shown opens one whatever its type."""
    shown = [cell for cell in notebook.cells if slide_type(cell) not in ("skip", "notes")]
    if not shown:
        return 0
    return 1 + sum(slide_type(cell) in HEADS for cell in shown[1:])
