"""The LSTM and GRU cells as the lecture notes draw them, with matplotlib (no images).

    lstm_cell()   one LSTM step: the carry c_t on its track along the top (the book's
                  "conveyor belt"), the four gates and where they act, h_t out (notebook 03)
    gru_cell()    one GRU step as Keras computes it (reset_after=True): update and reset
                  gates, the candidate, h_t = z_t*h_{t-1} + (1 - z_t)*candidate (notebook 04)

The names are the notebooks' (03's table, 04's equations). Each returns its figure; the
notebook cell calls plt.show(). Boxes and arrows come from rnnbook.diagrams.
"""

import matplotlib.pyplot as plt
from matplotlib.patches import Circle

from .diagrams import CELL, EDGE, INPUT, OUTPUT, _arrow, _box, _canvas

__all__ = ["GATE", "CANDIDATE", "NODE", "MID", "LSTM_GATES", "lstm_cell", "gru_cell"]

GATE = "#fff2cc"  # a sigmoid gate
CANDIDATE = "#d9d2e9"  # a tanh transformation
NODE = "#ffffff"  # a pointwise operation
TOP, GATES, BUS = 5.0, 2.65, 1.05  # heights: the state's track, the gates, the input wire
MID = (GATES + TOP) / 2 + 0.15  # the pointwise operations between the gates and the track
# The LSTM's four transformations of [x_t, h_{t-1}] (Keras stores them as i, f, c, o), each
# drawn below where it acts on the carry: f erases, i and the candidate write, o reads out.
LSTM_GATES = [(3.6, "forget gate\n$f_t$: σ", GATE), (5.4, "input gate\n$i_t$: σ", GATE),
              (7.4, "candidate\n$\\tilde c_t$: tanh", CANDIDATE),
              (9.3, "output gate\n$o_t$: σ", GATE)]


def _node(ax, x, y, symbol, r=0.28):
    """A pointwise operation (×, +, 1−) as a small circle."""
    ax.add_patch(Circle((x, y), r, facecolor=NODE, edgecolor=EDGE, linewidth=1.2))
    ax.text(x, y, symbol, ha="center", va="center", fontsize=11 if len(symbol) == 1 else 9)


def _line(ax, *points):
    """A line without an arrowhead: the wires that join and branch."""
    xs, ys = zip(*points)
    ax.plot(xs, ys, color=EDGE, linewidth=1.2, solid_capstyle="butt")


def _note(ax, x, y, text, ha="center", size=10):
    ax.text(x, y, text, ha=ha, va="center", fontsize=size, style="italic", color="#555555")


def _frame(left, right, color):
    """A cell's figure and drawing: the state `left` comes in and `right` goes out on top."""
    fig, ax = plt.subplots(figsize=(9.4, 4.5), layout="constrained")
    _canvas(ax, 13.2, 5.9)
    ax.set_ylim(-0.1, 5.9)
    _box(ax, 0.8, TOP, left, color, w=1.0, h=0.6, size=11)
    _box(ax, 12.3, TOP, right, color, w=1.0, h=0.6, size=11)
    return fig, ax


def _input(ax):
    """x_t from below, onto the wire (the bus) that carries [x_t, h_{t-1}] to the gates."""
    _box(ax, 2.0, 0.25, "$x_t$", INPUT, w=0.8, h=0.45, size=11)
    _arrow(ax, (2.0, 0.52), (2.0, BUS))


def lstm_cell():
    """One LSTM step as keras.layers.LSTM computes it, the carry along the top."""
    fig, ax = _frame("$c_{t-1}$", "$c_t$", CELL)
    # The carry track: c_{t-1} in, erased by f_t, written by i_t*candidate, c_t out.
    _node(ax, 3.6, TOP, "×")
    _node(ax, 6.4, TOP, "+")
    _arrow(ax, (1.35, TOP), (3.32, TOP))
    _arrow(ax, (3.88, TOP), (6.12, TOP), "$f_t \\odot c_{t-1}$", offset=(0, 0.3), size=10)
    _arrow(ax, (6.68, TOP), (11.75, TOP), "$c_t = f_t \\odot c_{t-1} + i_t \\odot \\tilde c_t$",
           offset=(-0.55, 0.3), size=10)
    _note(ax, 2.3, TOP + 0.62, "the carry track (the book's conveyor belt)", ha="left")
    # The four gates read [x_t, h_{t-1}]; the sigmoid ones are between 0 and 1.
    _box(ax, 0.8, BUS, "$h_{t-1}$", OUTPUT, w=1.0, h=0.6, size=11)
    _line(ax, (1.35, BUS), (9.3, BUS))
    _input(ax)
    for x, text, color in LSTM_GATES:
        _box(ax, x, GATES, text, color, w=1.45, h=0.9, size=10)
        _arrow(ax, (x, BUS), (x, GATES - 0.5))
    _arrow(ax, (3.6, GATES + 0.5), (3.6, TOP - 0.28))
    _note(ax, 3.45, MID, "erase", ha="right")
    _node(ax, 6.4, MID, "×")
    _arrow(ax, (5.6, GATES + 0.5), (6.2, MID - 0.2))
    _arrow(ax, (7.2, GATES + 0.5), (6.6, MID - 0.2))
    _arrow(ax, (6.4, MID + 0.28), (6.4, TOP - 0.28))
    _note(ax, 6.55, (MID + TOP) / 2, "write", ha="left")
    # Read out: h_t = o_t * tanh(c_t), the output and the next step's state.
    _box(ax, 10.9, MID + 0.1, "tanh", CANDIDATE, w=0.9, h=0.5, size=10)
    _arrow(ax, (10.9, TOP), (10.9, MID + 0.38))
    _node(ax, 10.9, GATES, "×")
    _arrow(ax, (10.9, MID - 0.18), (10.9, GATES + 0.28))
    _arrow(ax, (10.05, GATES), (10.62, GATES))
    _note(ax, 11.05, GATES + 0.55, "read out", ha="left")
    _box(ax, 12.3, GATES, "$h_t$", OUTPUT, w=1.0, h=0.6, size=11)
    _arrow(ax, (11.18, GATES), (11.8, GATES))
    _note(ax, 11.7, GATES - 1.0,
          "$h_t = o_t \\odot \\tanh(c_t)$:\nthe output, and\nthe next state")
    _note(ax, 5.5, 0.25, "every gate reads $x_t$ and $h_{t-1}$, with its own W, U and b",
          ha="left")
    ax.set_title("An LSTM step (keras.layers.LSTM): the carry $c$ runs along the top;\n"
                 "gates decide what to erase from it, what to write on it, what to read out",
                 fontsize=12)
    return fig


def gru_cell():
    """One GRU step as keras.layers.GRU computes it by default (reset_after=True)."""
    fig, ax = _frame("$h_{t-1}$", "$h_t$", OUTPUT)
    # The state along the top: no separate carry, the output is the state.
    _node(ax, 3.0, TOP, "×")
    _node(ax, 10.4, TOP, "+")
    _arrow(ax, (1.35, TOP), (2.72, TOP))
    _arrow(ax, (3.28, TOP), (10.12, TOP), "keep: $z_t \\odot h_{t-1}$", offset=(0, 0.3),
           size=10)
    _arrow(ax, (10.68, TOP), (11.75, TOP))
    _note(ax, 11.1, TOP + 0.62, "the output is the state")
    # h_{t-1} also goes down to the gates, with x_t.
    _line(ax, (0.8, TOP - 0.35), (0.8, BUS), (10.4, BUS))
    _input(ax)
    # Update gate: how much of the old state to keep (z), the rest from the candidate (1 - z).
    _box(ax, 3.0, GATES, "update gate\n$z_t$: σ", GATE, w=1.45, h=0.9, size=10)
    _arrow(ax, (3.0, BUS), (3.0, GATES - 0.5))
    _arrow(ax, (3.0, GATES + 0.5), (3.0, TOP - 0.28))
    _node(ax, 4.3, MID, "1−")
    _arrow(ax, (3.5, GATES + 0.5), (4.12, MID - 0.22))
    _node(ax, 10.4, MID, "×")
    _arrow(ax, (4.58, MID), (10.12, MID), "$1 - z_t$", offset=(0, 0.25), size=10)
    _arrow(ax, (10.4, MID + 0.28), (10.4, TOP - 0.28))
    _note(ax, 10.6, (MID + TOP) / 2, "$(1 - z_t) \\odot \\tilde h_t$", ha="left")
    # Reset gate: how much of the transformed state the candidate sees (after U_h).
    _box(ax, 5.6, GATES, "reset gate\n$r_t$: σ", GATE, w=1.45, h=0.9, size=10)
    _arrow(ax, (5.6, BUS), (5.6, GATES - 0.5))
    _box(ax, 8.0, (BUS + GATES) / 2, "$h_{t-1} U_h + b^h_h$", CELL, w=1.55, h=0.5, size=9)
    _arrow(ax, (8.0, BUS), (8.0, (BUS + GATES) / 2 - 0.3))
    _node(ax, 8.0, GATES, "×")
    _arrow(ax, (6.38, GATES), (7.72, GATES), "$r_t$", offset=(0, 0.22), size=10)
    _arrow(ax, (8.0, (BUS + GATES) / 2 + 0.3), (8.0, GATES - 0.28))
    # The candidate: tanh(x_t W_h + b^x_h + r_t * (h_{t-1} U_h + b^h_h)).
    _box(ax, 10.4, GATES, "candidate\n$\\tilde h_t$: tanh", CANDIDATE, w=1.45, h=0.9, size=10)
    _arrow(ax, (8.28, GATES), (9.62, GATES))
    _arrow(ax, (10.4, BUS), (10.4, GATES - 0.5))
    _note(ax, 10.55, (BUS + GATES) / 2 - 0.1, "$x_t W_h + b^x_h$", ha="left")
    _arrow(ax, (10.4, GATES + 0.5), (10.4, MID - 0.28))
    _note(ax, 3.3, 0.25, "$z_t$ and $r_t$ read $x_t$ and $h_{t-1}$, each with its own W, U "
          "and two biases", ha="left")
    ax.set_title("A GRU step (keras.layers.GRU, reset_after=True): "
                 "$h_t = z_t \\odot h_{t-1} + (1 - z_t) \\odot \\tilde h_t$\n"
                 "$\\tilde h_t = \\tanh(x_t W_h + b^x_h + r_t \\odot (h_{t-1} U_h + b^h_h))$",
                 fontsize=12)
    return fig
