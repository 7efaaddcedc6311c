"""The LSTM and GRU cells (rnnbook.lessons.cell_diagrams) on a slide: every label at least
14 px when the figure is shown 60% of a 1280-pixel slide wide; and the GRU wired as
`reset_after=True` computes: x_t and h_{t-1} on wires of their own, the reset gate acting on
h_{t-1} U_h + b^h_h only, which is then added to x_t W_h + b^x_h. (tests/test_diagrams.py
checks their labels, their layout and their formulas.)"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402

from rnnbook.lessons import cell_diagrams, diagrams  # noqa: E402

SLIDE_FIGURE_PX = 0.6 * 1280  # the narrowest a slide may show a figure
MIN_LABEL_PX = 14
CELLS = ["lstm_cell", "gru_cell"]
UPDATE, RESET = "update gate\n$z_t$: σ", "reset gate\n$r_t$: σ"
STATE_U, INPUT_W = "$h_{t-1} U_h + b^h_h$", "$x_t W_h + b^x_h$"
CANDIDATE = "candidate\n$\\tilde h_t$: tanh"


def too_small(fig, width_px=SLIDE_FIGURE_PX, smallest=MIN_LABEL_PX):
    """The texts smaller than `smallest` px when `fig` is shown `width_px` wide, each with
    its size there."""
    px_per_point = width_px / (fig.get_figwidth() * 72)
    texts = [t for ax in fig.axes for t in [ax.title, *ax.texts] if t.get_text().strip()]
    return [f"{t.get_text()!r}: {t.get_fontsize() * px_per_point:.1f} px" for t in texts
            if t.get_fontsize() * px_per_point < smallest]


@pytest.mark.parametrize("name", CELLS)
def test_every_label_is_readable_on_a_slide(name):
    fig = getattr(cell_diagrams, name)()
    try:
        assert too_small(fig) == []
    finally:
        plt.close(fig)


def test_a_small_label_is_named_with_its_size():
    fig, ax = plt.subplots(figsize=(11, 5))
    ax.set_title("a title", fontsize=16)
    ax.text(0.5, 0.5, "too small", fontsize=10)
    try:
        assert too_small(fig) == ["'too small': 9.7 px"]
    finally:
        plt.close(fig)


# --- What feeds what -----------------------------------------------------------------------

def shapes(ax):
    """Each box and circle of a drawing, in data coordinates, with the text inside it."""
    found = []
    for patch in ax.patches:
        if isinstance(patch, FancyArrowPatch):
            continue
        extent = patch.get_extents().transformed(ax.transData.inverted())
        inside = [t.get_text() for t in ax.texts if extent.contains(*t.get_position())]
        found.append((extent, inside[0] if inside else ""))
    return found


def wiring(fig):
    """Each arrow of a one-panel drawing as (colour, start, end): start and end are the
    index of the shape it starts or ends at (within 0.15 of its edge), or None on a wire."""
    fig.canvas.draw()  # the layout, before data coordinates are read
    ax = fig.axes[0]
    found = shapes(ax)

    def at(point):
        hits = [i for i, (extent, _) in enumerate(found) if extent.padded(0.15).contains(*point)]
        return hits[0] if len(hits) == 1 else None

    arrows = [(to_hex(p.get_edgecolor()), *p._posA_posB) for p in ax.patches
              if isinstance(p, FancyArrowPatch)]
    return found, [(colour, at(start), at(end)) for colour, start, end in arrows]


def inputs(found, arrows, target):
    """The texts of the shapes whose arrows end at shape `target` (an index)."""
    return sorted(found[start][1] for _, start, end in arrows
                  if end == target and start is not None)


def only(found, text):
    [index] = [i for i, (_, t) in enumerate(found) if t == text]
    return index


def reset_wiring(fig):
    """What the GRU drawing says the reset gate's product and the candidate's sum take in,
    and where the x_t and h_{t-1} wires lead."""
    found, arrows = wiring(fig)
    [product] = [end for _, start, end in arrows if start == only(found, RESET)]
    [total] = [end for _, start, end in arrows if start == product]
    leads = {colour: sorted(found[end][1] for c, _, end in arrows if c == colour)
             for colour in (to_hex(cell_diagrams.X_WIRE), to_hex(cell_diagrams.H_WIRE))}
    outputs = [found[end][1] for _, start, end in arrows if start == total]
    return inputs(found, arrows, product), inputs(found, arrows, total), outputs, leads


def test_the_gru_resets_the_transformed_state_and_adds_the_input():
    fig = cell_diagrams.gru_cell()
    try:
        product, total, outputs, leads = reset_wiring(fig)
        ax = fig.axes[0]
        found = shapes(ax)
        starts = {to_hex(line.get_color()): line.get_xydata()[0] for line in ax.lines}
    finally:
        plt.close(fig)
    assert product == sorted([RESET, STATE_U])  # r_t * (h_{t-1} U_h + b^h_h)
    assert total == sorted(["×", INPUT_W])  # ... + x_t W_h + b^x_h
    assert outputs == [CANDIDATE]  # tanh of the sum: the candidate
    assert leads == {to_hex(cell_diagrams.X_WIRE): sorted([RESET, UPDATE, INPUT_W]),
                     to_hex(cell_diagrams.H_WIRE): sorted([RESET, UPDATE, STATE_U])}
    # Each wire comes from its own box: x_t's from the input, h_{t-1}'s from the state.
    origin = {colour: [t for extent, t in found if extent.padded(0.15).contains(*point)]
              for colour, point in starts.items()}
    assert origin == {to_hex(cell_diagrams.X_WIRE): ["$x_t$"],
                      to_hex(cell_diagrams.H_WIRE): ["$h_{t-1}$"]}


def test_a_reset_gate_on_the_input_is_seen():
    """The check on a drawing wired the old way: the reset gate's product fed by one wire
    that carries x_t and h_{t-1} together must not pass for the GRU of reset_after=True."""
    fig, ax = plt.subplots(figsize=(11, 5))
    diagrams._canvas(ax, 14, 6)
    diagrams._box(ax, 2, 3, RESET, w=2.0, h=0.95)
    diagrams._box(ax, 5, 1.5, "$[x_t, h_{t-1}]$", w=1.6)
    cell_diagrams._node(ax, 5, 3, "×")
    diagrams._box(ax, 8, 3, "+", w=0.6)
    diagrams._box(ax, 8, 1.5, INPUT_W, w=2.0)
    diagrams._box(ax, 11, 3, CANDIDATE, w=2.0, h=0.95)
    diagrams._arrow(ax, (3.05, 3), (4.7, 3))
    diagrams._arrow(ax, (5, 1.9), (5, 2.7))
    diagrams._arrow(ax, (5.3, 3), (7.65, 3))
    diagrams._arrow(ax, (8, 1.85), (8, 2.6))
    diagrams._arrow(ax, (8.35, 3), (9.95, 3))
    try:
        product, total, outputs, leads = reset_wiring(fig)
    finally:
        plt.close(fig)
    assert product == sorted([RESET, "$[x_t, h_{t-1}]$"]) != sorted([RESET, STATE_U])
    assert total == sorted(["×", INPUT_W]) and outputs == [CANDIDATE]
    assert leads == {to_hex(cell_diagrams.X_WIRE): [], to_hex(cell_diagrams.H_WIRE): []}
