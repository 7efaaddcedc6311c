"""The lecture notes' figures (rnnbook.lessons.diagrams, rnnbook.lessons.cell_diagrams): each
draws without error, with a title on every panel, and labels what it shows; nothing covers
anything (layout_problems); diagrams' figures are readable on a slide (slide_problems); every
formula in the LSTM and GRU cells, and the step Jacobian of the BPTT figure, is written as in
the notebook that explains it."""

import io
import json
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402
from PIL import Image  # noqa: E402

from rnnbook.lessons import cell_diagrams, diagrams  # noqa: E402

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

FIGURES = {
    "unrolled_rnn": ["input_0", "output_3", "state 1", "the same W, U and b at every step"],
    "bptt": ["$h_0$", "step 4", "$x_1$", "loss", "$\\partial L/\\partial h_4$",
             "$\\times\\,\\partial h_2/\\partial h_1$", "$\\times\\,\\partial h_1/\\partial h_0$",
             "forward: the states", "backward: the gradient", "shared W, U and b"],
    "sequence_kinds": ["IMDB review", "image → caption", "translation"],
    "deep_rnn": ["return_sequences=True", "input_0", "output\n(batch, 32)"],
}
# The cells: inputs, outputs, each gate, where it acts, and the equations, in the notation of
# the notebook that explains them.
CELLS = {
    "lstm_cell": ("03_imdb_simplernn_lstm.ipynb", [
        "$x_t$", "$h_{t-1}$", "$c_{t-1}$", "$c_t$", "$h_t$", "carry track", "conveyor belt",
        "forget gate\n$f_t$", "input gate\n$i_t$", "candidate\n$\\tilde c_t$",
        "output gate\n$o_t$", "erase", "write", "read out", "$f_t \\odot c_{t-1}$",
        "$c_t = f_t \\odot c_{t-1} + i_t \\odot \\tilde c_t$", "$h_t = o_t \\odot \\tanh(c_t)$"]),
    "gru_cell": ("04_gru.ipynb", [
        "$x_t$", "$h_{t-1}$", "$h_t$", "update gate\n$z_t$", "reset gate\n$r_t$",
        "candidate\n$\\tilde h_t$", "$r_t$", "$1 - z_t$", "keep: $z_t \\odot h_{t-1}$",
        "$(1 - z_t) \\odot \\tilde h_t$", "$h_{t-1} U_h + b^h_h$", "$x_t W_h + b^x_h$",
        "the output\nis the state", "reset_after=True", "the reset gate scales",
        "$h_t = z_t \\odot h_{t-1} + (1 - z_t) \\odot \\tilde h_t$"]),
}


def texts(fig):
    """Every text of the figure, its panels' titles included."""
    return [t.get_text() for ax in fig.axes for t in [ax.title, *ax.texts]]


def draw(name):
    module = cell_diagrams if name in CELLS else diagrams
    return getattr(module, name)()


@pytest.mark.parametrize("name", [*FIGURES, *CELLS])
def test_each_figure_draws_with_titles_and_its_labels(name):
    fig = draw(name)
    try:
        fig.canvas.draw()  # lays out and renders every artist: errors show here
        assert fig.axes
        for ax in fig.axes:
            assert ax.get_title().strip(), f"{name}: a panel without a title"
        for label in FIGURES.get(name) or CELLS[name][1]:
            assert any(label in t for t in texts(fig)), f"{name}: no label {label!r}"
    finally:
        plt.close(fig)


def test_sequence_kinds_names_the_four_kinds():
    fig = diagrams.sequence_kinds()
    try:
        assert [ax.get_title() for ax in fig.axes] == [
            "Sequence to sequence", "Sequence to vector", "Vector to sequence",
            "Encoder–decoder"]
    finally:
        plt.close(fig)


# --- Nothing covers anything -------------------------------------------------------------

def _samples(path, step=2.0):
    """Points every `step` pixels along a path in display coordinates (curves as polygons)."""
    parts = []
    for poly in path.to_polygons(closed_only=False):
        for a, b in zip(poly[:-1], poly[1:]):
            parts.append(np.linspace(a, b, max(2, int(np.hypot(*(b - a)) / step) + 2)))
    return np.concatenate(parts) if parts else np.empty((0, 2))


def _deep_inside(path, points, margin=3.0):
    """Which points lie inside `path` by more than `margin` pixels in all four directions."""
    inside = path.contains_points(points)
    for dx, dy in [(margin, 0), (-margin, 0), (0, margin), (0, -margin)]:
        inside &= path.contains_points(points + [dx, dy])
    return inside


def _overlap(a, b, tolerance=0.5):
    """Whether two bounding boxes share more than `tolerance` pixels each way."""
    return (min(a.x1, b.x1) - max(a.x0, b.x0) > tolerance
            and min(a.y1, b.y1) - max(a.y0, b.y0) > tolerance)


def layout_problems(fig):
    """What covers what, one line each: a text outside the figure, on another text or across
    the edge of a box or circle; two texts in one box; boxes that overlap; an arrow or wire
    through a text or through a box it does not start or end at."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    found = []
    labels = [t for ax in fig.axes for t in [ax.title, *ax.texts] if t.get_text().strip()]
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in labels]
    shapes, wires = [], []
    for ax in fig.axes:
        for patch in ax.patches:
            path = patch.get_transform().transform_path(patch.get_path())
            (wires if isinstance(patch, FancyArrowPatch) else shapes).append(path)
            if not _in_box(ax.bbox.padded(1.0), _samples(path)).all():  # clipped: cut off
                found.append(f"a box or arrow is cut off at the edge of the drawing: "
                             f"{tuple(round(v) for v in path.get_extents().bounds)}")
        wires += [line.get_transform().transform_path(line.get_path()) for line in ax.lines]
    for i, (text, box) in enumerate(boxes):
        if not fig.bbox.contains(box.x0, box.y0) or not fig.bbox.contains(box.x1, box.y1):
            found.append(f"text {text!r} reaches outside the figure")
        found += [f"texts {text!r} and {other!r} overlap"
                  for other, obox in boxes[i + 1:] if _overlap(box, obox)]
        for path in wires:
            points = _samples(path)
            if _in_box(box.padded(1.0), points).any():
                found.append(f"an arrow or wire crosses the text {text!r}")
    for j, shape in enumerate(shapes):
        extent = shape.get_extents()
        held = [text for text, box in boxes
                if _overlap(box, extent) and not _in_box(extent, box.corners()).all()]
        found += [f"text {text!r} lies across the edge of a box" for text in held]
        inside = [text for text, box in boxes if _in_box(extent, box.corners()).all()]
        if len(inside) > 1:
            found.append(f"one box holds several texts: {inside}")
        where = tuple(round(v) for v in extent.bounds)  # x, y, width, height in pixels
        found += [f"two boxes overlap at {where}" for other in shapes[j + 1:]
                  if _overlap(extent, other.get_extents())]
        for path in wires:
            if _deep_inside(shape, _samples(path)).any():
                found.append(f"an arrow or wire runs through the box at {where}")
    return found


def _in_box(box, points):
    """Which points lie in a bounding box (edges included)."""
    points = np.atleast_2d(points)
    return ((points[:, 0] >= box.x0) & (points[:, 0] <= box.x1)
            & (points[:, 1] >= box.y0) & (points[:, 1] <= box.y1))


@pytest.mark.parametrize("name", [*FIGURES, *CELLS])
def test_nothing_covers_anything(name):
    fig = draw(name)
    try:
        problems = layout_problems(fig)
        assert problems == [], "\n".join(problems)
    finally:
        plt.close(fig)


def test_layout_problems_names_each_fault():
    """The check on a figure with one of each fault: it must not be able to only pass."""
    fig, ax = plt.subplots(figsize=(6, 3))
    diagrams._canvas(ax, 10, 5)
    diagrams._box(ax, 2, 2, "A")
    diagrams._box(ax, 2.6, 2.3, "B")  # overlaps A, and its text lies across A's edge
    diagrams._box(ax, 7, 2, "C", w=2.0, h=1.2)
    ax.text(7.05, 1.95, "C too", ha="center", va="center")  # a second text in C, over its label
    diagrams._arrow(ax, (4, 1), (4, 4))
    ax.text(4, 2.5, "crossed", ha="center")  # on the arrow
    diagrams._arrow(ax, (5, 3.5), (9, 3.5))
    diagrams._box(ax, 8, 3.5, "D")  # the arrow runs through D
    ax.text(9.5, 0.2, "off the edge of the figure")
    diagrams._box(ax, 5, -0.2, "E")  # below the drawing: cut off
    try:
        problems = layout_problems(fig)
    finally:
        plt.close(fig)
    for expected in ["two boxes overlap", "text 'B' lies across the edge of a box",
                     "texts 'C' and 'C too' overlap", "one box holds several texts",
                     "an arrow or wire crosses the text 'crossed'",
                     "an arrow or wire runs through the box",
                     "text 'off the edge of the figure' reaches outside the figure",
                     "a box or arrow is cut off at the edge of the drawing"]:
        assert any(p.startswith(expected) for p in problems), (expected, problems)


# --- The notebooks' notation ---------------------------------------------------------------

def _math(text):
    """The $...$ and $$...$$ formulas in a text, without spaces and \\big sizes."""
    found = re.findall(r"\$\$(.+?)\$\$|\$(.+?)\$", text, flags=re.S)
    return [re.sub(r"\s+|\\[bB]igg?", "", a or b) for a, b in found]


@pytest.mark.parametrize("name", CELLS)
def test_every_formula_in_a_cell_is_written_as_in_its_notebook(name):
    notebook, _ = CELLS[name]
    cells = json.loads((NOTEBOOKS / notebook).read_text())["cells"]
    lesson = " ".join(f for c in cells if c["cell_type"] == "markdown"
                      for f in _math("".join(c["source"])))
    fig = draw(name)
    try:
        shown = [f for text in texts(fig) for f in _math(text)]
    finally:
        plt.close(fig)
    assert shown
    wrong = [f for f in shown if f not in lesson]
    assert wrong == [], f"written otherwise than in {notebook}: {wrong}"


# --- Readable on a slide -----------------------------------------------------------------

def shown_scale(fig):
    """Screen pixels per PNG pixel on a slide: the notebook's PNG (tight, at the figure's dpi)
    shrunk to fit diagrams.SLIDE_PX x SLIDE_HEIGHT_PX if larger, never enlarged."""
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=fig.dpi, bbox_inches="tight")
    width, height = Image.open(png).size
    return min(1.0, diagrams.SLIDE_PX / width, diagrams.SLIDE_HEIGHT_PX / height), width


def slide_problems(fig):
    """What makes a figure hard to read from the back of a lecture hall, one line each: a text
    under diagrams.MIN_FONT points, or shown under diagrams.LABEL_PX pixels; a 10-pt label
    (the deck checker's assumption, tools/check_slides.py) shown under LABEL_PX; a figure
    narrower on the slide than 60% of the slide's width."""
    scale, width = shown_scale(fig)
    px_per_pt = fig.dpi / 72 * scale
    found = []
    if 10 * px_per_pt < diagrams.LABEL_PX:
        found.append(f"a 10-pt label shows at {10 * px_per_pt:.1f} px ({width} px at "
                     f"{fig.dpi:g} dpi, shown at {scale:.2f}): draw at a higher dpi, or smaller")
    if width * scale < 0.6 * 1280:
        found.append(f"the figure shows {width * scale:.0f} px wide: under 60% of the slide")
    texts = [t for ax in fig.axes for t in [ax.title, *ax.texts]]
    texts += [fig._suptitle] if fig._suptitle else []
    for text in texts:
        if not text.get_text().strip():
            continue
        size = text.get_fontsize()
        if size < diagrams.MIN_FONT or size * px_per_pt < diagrams.LABEL_PX:
            found.append(f"text {text.get_text()!r} is {size:g} pt, {size * px_per_pt:.1f} px "
                         "on a slide")
    return found


@pytest.mark.parametrize("name", FIGURES)
def test_each_figure_is_readable_on_a_slide(name):
    fig = draw(name)
    try:
        assert slide_problems(fig) == []
    finally:
        plt.close(fig)


def test_slide_problems_names_each_fault():
    """A figure at 72 dpi, too wide, with a tiny text; and one too narrow."""
    wide = plt.figure(figsize=(16, 3), dpi=72)
    wide.suptitle("A title", fontsize=14)
    wide.add_subplot().text(0.5, 0.5, "tiny", fontsize=8)
    narrow = plt.figure(figsize=(4, 3), dpi=110)
    narrow.add_subplot().set_title("A narrow figure", fontsize=14)
    try:
        problems = slide_problems(wide) + slide_problems(narrow)
    finally:
        plt.close(wide)
        plt.close(narrow)
    for expected in ["a 10-pt label shows at", "text 'tiny' is 8 pt",
                     "the figure shows 4"]:  # about 440 px of 1280
        assert any(p.startswith(expected) for p in problems), (expected, problems)
    assert len(problems) == 3, problems  # the titles are large enough


def test_bptt_writes_the_step_jacobian_as_notebook_01():
    fig = diagrams.bptt()
    try:
        shown = [f for text in texts(fig) for f in _math(text) if "diag" in f]
    finally:
        plt.close(fig)
    cells = json.loads((NOTEBOOKS / "01_numpy_rnn.ipynb").read_text())["cells"]
    lesson = " ".join(f for c in cells if c["cell_type"] == "markdown"
                      for f in _math("".join(c["source"])))
    assert shown == ["\\partialh_t/\\partialh_{t-1}=\\mathrm{diag}(1-h_t^2)\\,U"]
    assert shown[0] in lesson, "01 writes the step Jacobian otherwise than the figure"
