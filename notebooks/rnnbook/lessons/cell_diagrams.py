"""The LSTM and GRU cells as the lecture notes draw them, with matplotlib (no images).

    lstm_cell()   one LSTM step: the carry c_t on its track along the top (the book's
                  "conveyor belt"), the four gates and where they act, h_t out (notebook 03)
    gru_cell()    one GRU step as Keras computes it (reset_after=True): x_t and h_{t-1} on
                  wires of their own, the reset gate acting on h_{t-1} U_h + b^h_h only,
                  h_t = z_t*h_{t-1} + (1 - z_t)*candidate (notebook 04)

The names are the notebooks' (03's table, 04's equations). Each returns its figure; the
notebook cell calls plt.show(). Boxes and arrows come from rnnbook.diagrams. The fonts are
sized for a slide: shown 60% of a 1280-pixel slide wide (768 px), the smallest label is 14 px.
"""

import matplotlib.pyplot as plt
from matplotlib.patches import Circle

from .diagrams import CELL, EDGE, INPUT, OUTPUT, _arrow, _box, _canvas

__all__ = ["GATE", "CANDIDATE", "NODE", "X_WIRE", "H_WIRE", "FIGSIZE", "LABEL", "NOTE",
           "TITLE", "LSTM_GATES", "lstm_cell", "gru_cell"]

GATE = "#fff2cc"  # a sigmoid gate
CANDIDATE = "#d9d2e9"  # a tanh transformation
NODE = "#ffffff"  # a pointwise operation
X_WIRE = "#b45f06"  # the input x_t's wire (GRU): the colour of its box, darker
H_WIRE = "#38761d"  # the state h_{t-1}'s wire (GRU)
FIGSIZE = (11.0, 5.0)  # inches; at 100 dpi 1100 px, shown 768-1000 px wide on a slide
LABEL, NOTE, TITLE = 15, 15, 16  # font sizes (points): boxes and formulas, notes, title
NOTE_COLOR = "#444444"
TOP, GATES, BUS = 5.0, 2.55, 0.95  # LSTM heights: the carry's track, the gates, the input wire
MID = (GATES + TOP) / 2 + 0.15  # the pointwise operations between the gates and the track
# The LSTM's four transformations of [x_t, h_{t-1}] (Keras stores them as i, f, c, o), each
# drawn below where it acts on the carry: f erases, i and the candidate write, o reads out.
LSTM_GATES = [(3.5, "forget gate\n$f_t$: σ", GATE), (5.6, "input gate\n$i_t$: σ", GATE),
              (7.7, "candidate\n$\\tilde c_t$: tanh", CANDIDATE),
              (9.8, "output gate\n$o_t$: σ", GATE)]
GATE_W, GATE_H = 1.95, 0.95


def _node(ax, x, y, symbol, r=0.3):
    """A pointwise operation (×, +, 1−) as a small circle."""
    ax.add_patch(Circle((x, y), r, facecolor=NODE, edgecolor=EDGE, linewidth=1.4))
    ax.text(x, y, symbol, ha="center", va="center", fontsize=LABEL if len(symbol) == 1 else NOTE)


def _line(ax, *points, color=EDGE):
    """A line without an arrowhead: the wires that join and branch."""
    xs, ys = zip(*points)
    ax.plot(xs, ys, color=color, linewidth=1.6, solid_capstyle="butt")


def _note(ax, x, y, text, ha="center", color=NOTE_COLOR):
    ax.text(x, y, text, ha=ha, va="center", fontsize=NOTE, style="italic", color=color)


def _frame(left, right, color, width, height, state_y):
    """A cell's figure and drawing: the state `left` comes in and `right` goes out at state_y."""
    fig, ax = plt.subplots(figsize=FIGSIZE, layout="constrained")
    _canvas(ax, width, height)
    ax.set_ylim(-0.1, height)
    _box(ax, 0.85, state_y, left, color, w=1.2, h=0.65, size=LABEL)
    _box(ax, width - 0.85, state_y, right, color, w=1.2, h=0.65, size=LABEL)
    return fig, ax


def lstm_cell():
    """One LSTM step as keras.layers.LSTM computes it, the carry along the top."""
    width = 14.8
    forget_x, input_x, candidate_x, output_x = (x for x, _, _ in LSTM_GATES)
    write_x, read_x = (input_x + candidate_x) / 2, 11.6
    fig, ax = _frame("$c_{t-1}$", "$c_t$", CELL, width, 6.0, TOP)
    # The carry track: c_{t-1} in, erased by f_t, written by i_t*candidate, c_t out.
    _node(ax, forget_x, TOP, "×")
    _node(ax, write_x, TOP, "+")
    _arrow(ax, (1.5, TOP), (forget_x - 0.3, TOP))
    _arrow(ax, (forget_x + 0.3, TOP), (write_x - 0.3, TOP), "$f_t \\odot c_{t-1}$",
           offset=(0, 0.33), size=LABEL)
    _arrow(ax, (write_x + 0.3, TOP), (width - 1.5, TOP),
           "$c_t = f_t \\odot c_{t-1} + i_t \\odot \\tilde c_t$", offset=(-0.3, 0.36),
           size=LABEL)
    _note(ax, 0.3, TOP + 0.78, "the carry track (the book's conveyor belt)", ha="left")
    # The four gates read [x_t, h_{t-1}]; the sigmoid ones are between 0 and 1.
    _box(ax, 0.85, BUS, "$h_{t-1}$", OUTPUT, w=1.2, h=0.65, size=LABEL)
    _line(ax, (1.5, BUS), (output_x, BUS))
    _box(ax, 2.2, 0.25, "$x_t$", INPUT, w=0.9, h=0.5, size=LABEL)
    _arrow(ax, (2.2, 0.55), (2.2, BUS))
    for x, text, color in LSTM_GATES:
        _box(ax, x, GATES, text, color, w=GATE_W, h=GATE_H, size=LABEL)
        _arrow(ax, (x, BUS), (x, GATES - GATE_H / 2 - 0.05))
    top = GATES + GATE_H / 2 + 0.05
    _arrow(ax, (forget_x, top), (forget_x, TOP - 0.3))
    _note(ax, forget_x - 0.18, MID, "erase", ha="right")
    _node(ax, write_x, MID, "×")
    _arrow(ax, (input_x + 0.2, top), (write_x - 0.22, MID - 0.22))
    _arrow(ax, (candidate_x - 0.2, top), (write_x + 0.22, MID - 0.22))
    _arrow(ax, (write_x, MID + 0.3), (write_x, TOP - 0.3))
    _note(ax, write_x + 0.18, (MID + TOP) / 2, "write", ha="left")
    # Read out: h_t = o_t * tanh(c_t), the output and the next state.
    _box(ax, read_x, MID + 0.1, "tanh", CANDIDATE, w=1.0, h=0.55, size=LABEL)
    _arrow(ax, (read_x, TOP), (read_x, MID + 0.4))
    _node(ax, read_x, GATES, "×")
    _arrow(ax, (read_x, MID - 0.2), (read_x, GATES + 0.3))
    _arrow(ax, (output_x + GATE_W / 2 + 0.05, GATES), (read_x - 0.3, GATES))
    _note(ax, read_x + 0.2, (MID + GATES) / 2 + 0.05, "read out", ha="left")
    _box(ax, width - 0.85, GATES, "$h_t$", OUTPUT, w=1.2, h=0.65, size=LABEL)
    _arrow(ax, (read_x + 0.3, GATES), (width - 1.5, GATES))
    _note(ax, 12.9, 1.3, "$h_t = o_t \\odot \\tanh(c_t)$:\nthe output, and\nthe next state")
    _note(ax, 3.0, 0.25, "every gate reads $x_t$ and $h_{t-1}$, with its own W, U and b",
          ha="left")
    ax.set_title("An LSTM step (keras.layers.LSTM): the carry $c$ runs along the top;\n"
                 "gates decide what to erase from it, what to write on it, what to read out",
                 fontsize=TITLE)
    return fig


def gru_cell():
    """One GRU step as keras.layers.GRU computes it by default (reset_after=True).

    x_t and h_{t-1} run on wires of their own, so that the drawing shows what the reset gate
    acts on: the transformed state h_{t-1} U_h + b^h_h, which is then added to x_t W_h + b^x_h.
    """
    width, top, mid, gates, row2, h_bus, x_bus = 14.6, 5.5, 4.35, 3.05, 1.95, 1.05, 0.4
    fig, ax = _frame("$h_{t-1}$", "$h_t$", OUTPUT, width, 6.5, top)
    z_x, r_x, reset_x, sum_x, cand_x = 2.9, 5.3, 7.7, 10.15, 12.0
    # The state along the top: no separate carry, the output is the state.
    _node(ax, z_x, top, "×")
    _node(ax, cand_x, top, "+")
    _arrow(ax, (1.45, top), (z_x - 0.3, top))
    _arrow(ax, (z_x + 0.3, top), (cand_x - 0.3, top), "keep: $z_t \\odot h_{t-1}$",
           offset=(0, 0.33), size=LABEL)
    _arrow(ax, (cand_x + 0.3, top), (width - 1.45, top))
    _note(ax, width - 0.85, top - 0.95, "the output\nis the state")
    # h_{t-1} also goes down, on a wire of its own, to the gates and to U_h.
    _line(ax, (0.85, top - 0.33), (0.85, h_bus), (reset_x, h_bus), color=H_WIRE)
    # x_t comes in from below on its own wire, to the gates and to W_h.
    _box(ax, 0.85, x_bus, "$x_t$", INPUT, w=0.9, h=0.55, size=LABEL)
    _line(ax, (1.35, x_bus), (sum_x, x_bus), color=X_WIRE)
    gate_bottom, gate_top = gates - GATE_H / 2 - 0.05, gates + GATE_H / 2 + 0.05
    for x, text in [(z_x, "update gate\n$z_t$: σ"), (r_x, "reset gate\n$r_t$: σ")]:
        _box(ax, x, gates, text, GATE, w=GATE_W, h=GATE_H, size=LABEL)
        _arrow(ax, (x - 0.4, x_bus), (x - 0.4, gate_bottom), color=X_WIRE)
        _arrow(ax, (x + 0.4, h_bus), (x + 0.4, gate_bottom), color=H_WIRE)
    # Update gate: how much of the old state to keep (z), the rest from the candidate (1 - z).
    _arrow(ax, (z_x, gate_top), (z_x, top - 0.3))
    _node(ax, 4.2, mid, "1−")
    _arrow(ax, (z_x + 0.55, gate_top), (4.2 - 0.23, mid - 0.2))
    _node(ax, cand_x, mid, "×")
    _arrow(ax, (4.5, mid), (cand_x - 0.3, mid), "$1 - z_t$", offset=(0, 0.28), size=LABEL)
    _arrow(ax, (cand_x, mid + 0.3), (cand_x, top - 0.3))
    _note(ax, cand_x - 0.2, (mid + top) / 2, "$(1 - z_t) \\odot \\tilde h_t$", ha="right")
    # Reset gate: it scales the state after U_h, not the input: r_t * (h_{t-1} U_h + b^h_h).
    _node(ax, reset_x, gates, "×")
    _arrow(ax, (r_x + GATE_W / 2 + 0.05, gates), (reset_x - 0.3, gates), "$r_t$",
           offset=(0, 0.3), size=LABEL)
    _box(ax, reset_x, row2, "$h_{t-1} U_h + b^h_h$", CELL, w=2.2, h=0.6, size=LABEL)
    _arrow(ax, (reset_x, h_bus), (reset_x, row2 - 0.35), color=H_WIRE)
    _arrow(ax, (reset_x, row2 + 0.35), (reset_x, gates - 0.3))
    # ... added to the input's own transformation, x_t W_h + b^x_h; tanh gives the candidate.
    _node(ax, sum_x, gates, "+")
    _arrow(ax, (reset_x + 0.3, gates), (sum_x - 0.3, gates))
    _box(ax, sum_x, row2, "$x_t W_h + b^x_h$", CELL, w=2.0, h=0.6, size=LABEL)
    _arrow(ax, (sum_x, x_bus), (sum_x, row2 - 0.35), color=X_WIRE)
    _arrow(ax, (sum_x, row2 + 0.35), (sum_x, gates - 0.3))
    _box(ax, cand_x, gates, "candidate\n$\\tilde h_t$: tanh", CANDIDATE, w=GATE_W, h=GATE_H,
         size=LABEL)
    _arrow(ax, (sum_x + 0.3, gates), (cand_x - GATE_W / 2 - 0.05, gates))
    _arrow(ax, (cand_x, gate_top), (cand_x, mid - 0.3))
    _note(ax, 11.25, 1.15, "each of $z_t$, $r_t$, $\\tilde h_t$:\nits own W, U, $b^x$, $b^h$",
          ha="left")
    ax.set_title("A GRU step (keras.layers.GRU, reset_after=True): "
                 "$h_t = z_t \\odot h_{t-1} + (1 - z_t) \\odot \\tilde h_t$,\n"
                 "the reset gate scales $h_{t-1} U_h + b^h_h$, then $x_t W_h + b^x_h$ "
                 "is added", fontsize=TITLE)
    return fig
