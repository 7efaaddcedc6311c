"""nbconvert preprocessors for the decks (tools/build_decks.py registers them on its exporter).

The notebook keeps everything; a deck is a view of it:
- DropColabBadge: the "Open in Colab" badge in each notebook's first cell is an image from
  the web, useless on a slide and a network request from a deck that must open offline.
"""

import re

from nbconvert.preprocessors import Preprocessor

BADGE = re.compile(r"\[!\[Open In Colab\]\(.*?\)\]\(.*?\)\n?")


class DropColabBadge(Preprocessor):
    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":
            cell.source = BADGE.sub("", cell.source)
        return cell, resources


class DropLog(Preprocessor):
    """A cell tagged `slides-no-log` keeps its figures on a slide but not its printed text:
    the training log whose curve is plotted in the same cell. (`slides-no-output`, handled
    by nbconvert's TagRemovePreprocessor, drops every output.)"""

    def preprocess_cell(self, cell, resources, index):
        if "slides-no-log" in cell.get("metadata", {}).get("tags", []):
            cell.outputs = [o for o in cell.get("outputs", []) if o.output_type != "stream"]
        return cell, resources


class DropTestMarkers(Preprocessor):
    """The `# NBVAL_CHECK_OUTPUT` line (and any other `# NBVAL_` marker) tells nbval what to
    compare; on a slide it is noise."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code":
            lines = cell.source.split("\n")
            cell.source = "\n".join(l for l in lines if not l.startswith("# NBVAL_"))
        return cell, resources
