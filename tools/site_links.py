"""Links between the notebooks, rewritten to the files `make slides` builds beside them.

The notebooks link each other as `NN_name.ipynb` and the report as `../results/REPORT.md`:
right in Jupyter, dead in the built folder. There each repository file has a built
counterpart (`built_path`):

    notebooks/NN_name.ipynb   notebooks/NN_name.html (the notebook as a page), or, from a
                              deck, NN_name.slides.html when the lesson has a deck, or, from
                              a lecture deck, the deck of the lecture that teaches the lesson
                              (lecture2.html): a lecture links lectures, not notebooks
    results/REPORT.md         report.html

and `rewrite_notebook` rewrites a notebook's links (markdown cells, and markdown or HTML
outputs) to them, relative to where the built file lies. Links with a scheme (https:, data:)
or to an anchor of the same page are left alone; so is a relative link to a file that has no
counterpart (tools/check_links.py reports it as dead).
"""

from __future__ import annotations

import copy
import posixpath
import re
from functools import partial
from urllib.parse import urlsplit

from tools.colab import ANY_BADGE

REPORT = "results/REPORT.md"

# A link target in Markdown or HTML: [text](target "title"), <... href="target">,
# <... src='target'>, and reference definitions `[label]: target`.
TARGETS = [
    re.compile(r"(\]\(\s*<?)([^)\s>]+)"),
    re.compile(r"""((?:href|src)\s*=\s*["'])([^"']+)"""),
    re.compile(r"(^\s*\[[^\]]+\]:\s*<?)([^\s>]+)", re.M),
]


def built_path(repo_path: str, built: set[str], decks: set[str], from_deck: bool,
               lecture_decks: dict[str, str] | None = None) -> str | None:
    """Where a repository file is in the built folder, or None. `built`: the notebooks
    rendered as pages, `decks`: those with a deck, `lecture_decks`: from a lecture deck,
    each lesson's lecture deck ({"05_x": "lecture2.html"})."""
    if repo_path == REPORT:
        return "report.html"
    match = re.fullmatch(r"notebooks/([^/]+)\.ipynb", repo_path)
    if match and lecture_decks and match[1] in lecture_decks:
        return lecture_decks[match[1]]
    if match and match[1] in decks and from_deck:
        return f"{match[1]}.slides.html"
    if match and match[1] in built:
        return f"notebooks/{match[1]}.html"
    return None


def rewrite_target(target: str, source_dir: str, output_dir: str, built: set[str],
                   decks: set[str], from_deck: bool,
                   lecture_decks: dict[str, str] | None = None) -> str:
    """A link target written in a file of `source_dir` (repository-relative), for a built
    file in `output_dir` (relative to the built folder's root)."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path or target.startswith("/"):
        return target
    repo_path = posixpath.normpath(posixpath.join(source_dir, parts.path))
    mapped = built_path(repo_path, built, decks, from_deck, lecture_decks)
    if mapped is None:
        return target
    relative = posixpath.relpath(mapped, output_dir or ".")
    if lecture_decks and mapped in lecture_decks.values():  # a notebook's anchor: not a slide's
        return relative
    return relative + (f"#{parts.fragment}" if parts.fragment else "")


def rewrite_text(text: str, rewrite) -> str:
    for pattern in TARGETS:
        text = pattern.sub(lambda m: m[1] + rewrite(m[2]), text)
    return text


def rewrite_notebook(notebook, *, built: set[str], decks: set[str], from_deck: bool,
                     output_dir: str, source_dir: str = "notebooks",
                     lecture_decks: dict[str, str] | None = None):
    """A copy of the notebook with its links rewritten for a built file in `output_dir`."""
    notebook = copy.deepcopy(notebook)
    rewrite = partial(rewrite_target, source_dir=source_dir, output_dir=output_dir, built=built,
                      decks=decks, from_deck=from_deck, lecture_decks=lecture_decks)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = rewrite_text(cell.source, rewrite)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for mime in ("text/markdown", "text/html"):
                if mime in data:
                    text = data[mime] if isinstance(data[mime], str) else "".join(data[mime])
                    data[mime] = rewrite_text(text, rewrite)
    return notebook


def badge_as_link(notebook):
    """A copy whose Colab badge (an image from the web) is a plain link: a page of the built
    folder loads nothing from the network."""
    notebook = copy.deepcopy(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = ANY_BADGE.sub(r"[Open in Colab](\1)", cell.source)
    return notebook
