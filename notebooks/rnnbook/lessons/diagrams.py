"""The lecture notes' figures, drawn with matplotlib (no images are downloaded).

    unrolled_rnn()     a recurrent layer, folded and unrolled through time (notebook 01)
    sequence_kinds()   sequence to sequence, to vector, vector to sequence, encoder-decoder,
                       with the chapter's examples (notebook 02)
    deep_rnn()         stacked recurrent layers, as Keras builds them (notebook 02)

Each returns its figure; the notebook cell calls plt.show(). The names are the notebooks':
an RNN step computes output_t = tanh(W·input_t + U·state_t + b), and the output is the
next step's state.
"""

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

__all__ = ["CELL", "INPUT", "OUTPUT", "EDGE", "unrolled_rnn", "KINDS", "sequence_kinds",
           "deep_rnn"]

CELL = "#cfe2f3"  # a recurrent step
INPUT = "#fce5cd"
OUTPUT = "#d9ead3"
EDGE = "#34495e"


def _box(ax, x, y, text, color=CELL, w=1.0, h=0.7, size=10):
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.05",
                                facecolor=color, edgecolor=EDGE, linewidth=1.2))
    ax.text(x, y, text, ha="center", va="center", fontsize=size)


def _arrow(ax, start, end, text=None, offset=(0, 0), rad=0.0, size=9, color=EDGE):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12, color=color,
                                 linewidth=1.2, connectionstyle=f"arc3,rad={rad}"))
    if text:
        x = (start[0] + end[0]) / 2 + offset[0]
        y = (start[1] + end[1]) / 2 + offset[1]
        ax.text(x, y, text, ha="center", va="center", fontsize=size, color=color)


def _canvas(ax, width, height):
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_aspect("equal")
    ax.axis("off")


def unrolled_rnn(steps=4):
    """A recurrent layer (left) and the same layer unrolled through `steps` timesteps."""
    fig, ax = plt.subplots(figsize=(11, 4.2), layout="constrained")
    width = 4.6 + 2.1 * steps
    _canvas(ax, width, 5)
    ax.set_ylim(-0.7, 5)  # room for the note under the inputs
    # Folded: one step, its output fed back as the next state.
    _box(ax, 1.4, 2.5, "RNN step\nW, U, b", w=1.3, h=0.9)
    _box(ax, 1.4, 0.6, "input_t", INPUT)
    _box(ax, 1.4, 4.4, "output_t", OUTPUT)
    _arrow(ax, (1.4, 0.95), (1.4, 2.0))
    _arrow(ax, (1.4, 3.0), (1.4, 4.05))
    _arrow(ax, (2.1, 2.75), (2.1, 2.25), "state", offset=(0.45, 0.55), rad=-2.2)
    ax.text(3.3, 2.5, "=", ha="center", va="center", fontsize=24)
    # Unrolled: the same step at every timestep, the state passed on.
    xs = [5.0 + 2.1 * t for t in range(steps)]
    _arrow(ax, (xs[0] - 1.2, 2.5), (xs[0] - 0.55, 2.5), "state 0\n(zeros)", offset=(0, 0.55))
    for t, x in enumerate(xs):
        _box(ax, x, 2.5, f"RNN step\nt = {t}")
        _box(ax, x, 0.6, f"input_{t}", INPUT)
        _box(ax, x, 4.4, f"output_{t}", OUTPUT)
        _arrow(ax, (x, 0.95), (x, 2.1))
        _arrow(ax, (x, 2.9), (x, 4.05))
        if t + 1 < steps:
            _arrow(ax, (x + 0.55, 2.5), (xs[t + 1] - 0.55, 2.5), f"state {t + 1}",
                   offset=(0, 0.3))
    ax.text((xs[0] + xs[-1]) / 2, -0.35, "the same W, U and b at every step",
            ha="center", fontsize=10, style="italic")
    ax.set_title("A recurrent layer (left), unrolled through time (right): "
                 "output_t = tanh(W·input_t + U·state_t + b)", fontsize=12)
    return fig


# Which steps read an input and which give an output, for each kind of problem.
KINDS = [
    ("Sequence to sequence", [1, 1, 1, 1], [1, 1, 1, 1],
     "an output at every step: forecast\nthe next reading at each step;\n"
     "a layer with return_sequences=True"),
    ("Sequence to vector", [1, 1, 1, 1], [0, 0, 0, 1],
     "one output at the end: IMDB review\n→ sentiment (notebook 03); 10 days of\n"
     "weather → temperature in 24 h (05)"),
    ("Vector to sequence", [1, 0, 0, 0], [1, 1, 1, 1],
     "one input, a sequence out:\nimage → caption (the lecture notes)"),
    ("Encoder–decoder", [1, 1, 1, 0, 0, 0], [0, 0, 0, 1, 1, 1],
     "a sequence read whole, then another\nwritten: translation, transcription\n"
     "(a delayed sequence to sequence)"),
]


def sequence_kinds():
    """The four ways a recurrent network maps inputs to outputs, with examples."""
    fig, axes = plt.subplots(1, 4, figsize=(15, 4.6), layout="constrained",
                             gridspec_kw={"width_ratios": [4, 4, 4, 6]})
    for ax, (title, inputs, outputs, example) in zip(axes, KINDS):
        steps = len(inputs)
        _canvas(ax, 1.3 * steps + 0.2, 6.2)
        xs = [0.75 + 1.3 * t for t in range(steps)]
        for t, x in enumerate(xs):
            encoder = title.startswith("Encoder") and t < steps // 2
            _box(ax, x, 3.0, "enc" if encoder else "RNN", w=0.9, h=0.6, size=9,
                 color="#d9d2e9" if encoder else CELL)
            if inputs[t]:
                _box(ax, x, 1.4, "in", INPUT, w=0.7, h=0.5, size=8)
                _arrow(ax, (x, 1.65), (x, 2.7))
            if outputs[t]:
                _box(ax, x, 4.6, "out", OUTPUT, w=0.7, h=0.5, size=8)
                _arrow(ax, (x, 3.3), (x, 4.35))
            if t + 1 < steps:
                _arrow(ax, (x + 0.45, 3.0), (xs[t + 1] - 0.45, 3.0))
        ax.text(ax.get_xlim()[1] / 2, 0.55, example, ha="center", va="top", fontsize=9)
        ax.set_title(title, fontsize=12)
    fig.suptitle("Inputs and outputs of a recurrent network: time runs left to right",
                 fontsize=13)
    return fig


def deep_rnn(depth=3, steps=4):
    """Stacked recurrent layers: each reads the whole output sequence of the one below."""
    fig, ax = plt.subplots(figsize=(11, 5.2), layout="constrained")
    _canvas(ax, 4.6 + 2.0 * steps, 1.7 * depth + 2.6)
    xs = [4.4 + 2.0 * t for t in range(steps)]
    ys = [1.9 + 1.7 * layer for layer in range(depth)]
    for layer, y in enumerate(ys):
        last = layer == depth - 1
        name = "SimpleRNN(32)" if last else "SimpleRNN(32,\nreturn_sequences=True)"
        ax.text(0.2, y, f"layer {layer + 1}:\n{name}", va="center", fontsize=9)
        for t, x in enumerate(xs):
            _box(ax, x, y, f"t = {t}", w=1.0, h=0.6, size=9)
            if t + 1 < steps:
                _arrow(ax, (x + 0.5, y), (xs[t + 1] - 0.5, y))
            if not last:
                _arrow(ax, (x, y + 0.3), (x, ys[layer + 1] - 0.3))
    for t, x in enumerate(xs):
        _box(ax, x, 0.55, f"input_{t}", INPUT, w=1.1, h=0.5, size=9)
        _arrow(ax, (x, 0.8), (x, ys[0] - 0.3))
    top = ys[-1] + 1.3
    _box(ax, xs[-1], top, "output\n(batch, 32)", OUTPUT, w=1.4, h=0.7, size=9)
    _arrow(ax, (xs[-1], ys[-1] + 0.3), (xs[-1], top - 0.35))
    ax.text(xs[0], top, "only the top layer's last output\ngoes on (to a Dense layer)",
            ha="left", va="center", fontsize=9, style="italic")
    ax.set_title("A deep (stacked) RNN: each layer reads the sequence of outputs of the "
                 "layer below", fontsize=12)
    return fig
