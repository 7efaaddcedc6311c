"""`make slides`: the lecture decks, the per-notebook decks and the pages beside them, from the
stored outputs (nothing is executed).

    python -m tools.build_decks [OUT_DIR]                 everything, into OUT_DIR
    python -m tools.build_decks OUT_DIR NOTEBOOK ...      only these notebooks' decks

OUT_DIR (default build/slides/) then holds
- lecture1.html and lecture2.html: one deck per 90-minute lecture, its notebooks' cells
  chosen by metadata (tools/lectures.py: the `lecture-skip` tag, the title and outline
  slides);
- <notebook>.slides.html: one deck per lesson, every slide, for reading (the exercise
  notebooks get none);
- notebooks/<notebook>.html, report.html and index.html (tools/site_pages.py);
- lib/: the libraries nbconvert's templates would load from CDNs (reveal.js, MathJax 2,
  require.js, jQuery), pinned in slides/package.json and package-lock.json and installed by
  `npm ci` into slides/node_modules. Everything opens from disk with no network.
Each cell's `metadata.slideshow.slide_type` decides what is a slide, a fragment, speaker notes
or skipped; links between notebooks become links between the built files
(tools/site_links.py).
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter
from traitlets.config import Config

from slides.lecture_preprocessors import DropColabBadge, DropLog, DropTestMarkers
from tools import cli, lectures, site_links, site_pages
from tools.exercises import exercise_notebooks as exercises, student_path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
MODULES = ROOT / "slides" / "node_modules"
TEMPLATE = ROOT / "slides" / "template" / "lecture.html.j2"
REPORT = ROOT / "results" / "REPORT.md"

# What each library needs on disk, relative to its package folder.
LIBRARIES = {
    "reveal.js": ["dist", "plugin/notes/notes.js"],
    "mathjax": [
        "MathJax.js",
        "config/TeX-AMS_CHTML-full.js",
        "config/Safe.js",
        "extensions",
        "jax/input/TeX",
        "jax/output/CommonHTML",
        "jax/element",
        "localization/en",
        "fonts/HTML-CSS/TeX/woff",
    ],
    "requirejs": ["require.js"],
    "jquery": ["dist/jquery.min.js"],
}

# How the decks look and what they leave out. The theme is one whose fonts ship with
# reveal.js ("simple", nbconvert's default, imports fonts from the web). The slide is
# 1280x720, the screen the decks are checked on (tools/check_slides.py); the template sets
# reveal.js' margin to 0, so that a CSS pixel is a pixel of that screen.
# A cell tagged slides-no-input shows its output only (a figure without its plotting code),
# slides-no-output its code only (a long listing), slides-no-log its figures but not its
# printed log (lecture_preprocessors.DropLog). The notebook keeps everything.
CONFIG = {
    "SlidesExporter": {
        "reveal_url_prefix": "lib/reveal.js",
        "reveal_theme": "white",
        "reveal_transition": "none",
        "reveal_number": "h.v",
        "reveal_width": "1280",
        "reveal_height": "720",
        # No "In [ ]:"/"Out[54]:": the slides hide them, the speaker view would show them.
        "exclude_input_prompt": True,
        "exclude_output_prompt": True,
    },
    "HTMLExporter": site_pages.library_urls(""),
    "TagRemovePreprocessor": {
        "enabled": True,
        "remove_all_outputs_tags": {"slides-no-output"},
        "remove_input_tags": {"slides-no-input"},
    },
}


def notebooks() -> list[Path]:
    """The lessons: the numbered notebooks but the exercises (NNe_*), which get no deck."""
    return sorted(path for path in NOTEBOOKS.glob("[0-9]*.ipynb")
                  if not re.match(r"\d+e_", path.name))


def student_copy(exercise: Path) -> Path | None:
    path = student_path(exercise)
    return path if path.exists() else None


def copy_libraries(out: Path) -> None:
    if not MODULES.is_dir():
        raise SystemExit("slides/node_modules is missing: run `cd slides && npm ci` "
                         "(`make slides` does)")
    if (out / "lib").exists():
        shutil.rmtree(out / "lib")
    for package, parts in LIBRARIES.items():
        for part in parts:
            src, dst = MODULES / package / part, out / "lib" / package / part
            dst.parent.mkdir(parents=True, exist_ok=True)
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, dst)


def slides_exporter() -> SlidesExporter:
    exporter = SlidesExporter(config=Config(CONFIG), template_file=str(TEMPLATE))
    for preprocessor in (DropColabBadge, DropLog, DropTestMarkers):
        exporter.register_preprocessor(preprocessor(), enabled=True)
    return exporter


def write_deck(exporter, notebook, name: str, target: Path, decks: set[str],
               built: set[str], lecture_hall: bool = False,
               lecture_decks: dict[str, str] | None = None) -> Path:
    """One deck from a notebook node, its links to the built files (site_links.built_path).
    `lecture_hall`: the template's lecture style (text at least 18 px at 1280x720, figures at
    least 60% wide); otherwise the denser style of a deck for reading."""
    notebook = site_links.rewrite_notebook(notebook, built=built, decks=decks, from_deck=True,
                                           output_dir="", lecture_decks=lecture_decks)
    body, _ = exporter.from_notebook_node(notebook, resources={
        "metadata": {"name": name, "path": str(NOTEBOOKS)}, "lecture_hall": lecture_hall})
    target.write_text(body, encoding="utf-8")
    return target


def build(out: Path, paths: list[Path], built: set[str] = frozenset()) -> list[Path]:
    """One deck per notebook, out/<notebook>.slides.html, with lib/ beside them."""
    out.mkdir(parents=True, exist_ok=True)
    copy_libraries(out)
    exporter = slides_exporter()
    decks = {path.stem for path in paths}
    return [write_deck(exporter, nbformat.read(path, as_version=4), path.stem,
                       out / f"{path.stem}.slides.html", decks, set(built))
            for path in paths]


def build_lecture(out: Path, lecture: lectures.Lecture, notebook, decks: set[str] = frozenset(),
                  built: set[str] = frozenset(),
                  lecture_decks: dict[str, str] | None = None) -> Path:
    """out/<lecture>.html from the lecture's notebook (lectures.assemble); lib/ must be
    there (`build` copies it)."""
    return write_deck(slides_exporter(), notebook, lecture.stem, out / f"{lecture.stem}.html",
                      set(decks), set(built), lecture_hall=True, lecture_decks=lecture_decks)


def title_of(path: Path) -> str:
    return lectures.notebook_title(nbformat.read(path, as_version=4))


# What build_all writes into its folder: a previous build's files go first, so that a renamed
# notebook leaves no stale deck or page behind.
WRITES = ["*.slides.html", "lecture*.html", "notebooks/*.html", "index.html", "report.html"]


def build_all(out: Path) -> list[Path]:
    """Everything `make slides` writes: the decks, the lectures, the pages and the index."""
    for pattern in WRITES:
        for old in out.glob(pattern):
            old.unlink()
    lessons, exercise_notebooks = notebooks(), exercises()
    pages = [*lessons, *exercise_notebooks, *filter(None, map(student_copy, exercise_notebooks))]
    built, with_deck = {path.stem for path in pages}, {path.stem for path in lessons}
    written = build(out, lessons, built)
    counts, lecture_decks = [], lectures.lecture_decks(lessons)
    for lecture in lectures.LECTURES:
        notebook = lectures.assemble(lecture, lectures.paths_of(lecture, lessons))
        written.append(build_lecture(out, lecture, notebook, with_deck, built, lecture_decks))
        counts.append((lecture, lectures.slide_count(notebook)))
    written += site_pages.write_notebook_pages(out, pages, with_deck)
    if REPORT.exists():
        written.append(site_pages.write_report(out, REPORT, built))
    index = out / "index.html"
    index.write_text(site_pages.index_html(
        counts,
        [site_pages.Entry(p, title_of(p), deck=f"{p.stem}.slides.html") for p in lessons],
        [site_pages.Entry(p, title_of(p), student=student_copy(p)) for p in exercise_notebooks],
        report=REPORT.exists()), encoding="utf-8")
    return [*written, index]


def main(argv: list[str]) -> int:
    if (answered := cli.usage(argv, __doc__)) is not None:
        return answered
    out = Path(argv[0]) if argv else cli.DECKS
    if argv[1:]:
        written = build(out, [Path(a) for a in argv[1:]])
    else:
        written = build_all(out)
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
