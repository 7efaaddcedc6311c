"""The lecture notes' figures, drawn with matplotlib (no images are downloaded).

    unrolled_rnn()     a recurrent layer, folded and unrolled through time (notebook 01)
    bptt()             backpropagation through time: the states forward, the gradient back
                       through every step, one Jacobian a step (notebook 01)
    sequence_kinds()   sequence to sequence, to vector, vector to sequence, encoder-decoder,
                       with the chapter's examples (notebook 02)
    deep_rnn()         stacked recurrent layers, as Keras builds them (notebook 02)

Each returns its figure; the notebook cell calls plt.show(). The names are the notebooks':
an RNN step computes output_t = tanh(W·input_t + U·state_t + b), and the output is the
next step's state (h_t in bptt's formulas).

Sized for a slide (1280x720, at most SLIDE_PX wide for a figure): drawn at DPI, a figure at
most SLIDE_INCHES wide shows even a 10-pt text at 14 px or more, and no text here is smaller
than MIN_FONT points.
"""

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

__all__ = ["CELL", "INPUT", "OUTPUT", "EDGE", "GRADIENT", "DPI", "SLIDE_PX", "SLIDE_HEIGHT_PX",
           "LABEL_PX", "SLIDE_INCHES", "MIN_FONT", "unrolled_rnn", "bptt", "KINDS",
           "sequence_kinds", "deep_rnn"]

CELL = "#cfe2f3"  # a recurrent step
INPUT = "#fce5cd"
OUTPUT = "#d9ead3"
EDGE = "#34495e"
GRADIENT = "#c0392b"  # the backward pass
DPI = 110  # the PNG's resolution in a notebook: 10 pt is 15 px at its own size
SLIDE_PX = 1180  # the widest a slide shows a figure (1280 px less its margins)
SLIDE_HEIGHT_PX = 560  # the tallest (slides/template/lecture.html.j2); taller is shrunk
LABEL_PX = 14  # the smallest a label may be on a slide
SLIDE_INCHES = 10 * SLIDE_PX / (72 * LABEL_PX)  # wider, a figure is shrunk so far that its
#                                                 10-pt texts fall under LABEL_PX (11.7 in)
MIN_FONT = 12  # points, the smallest text of these figures
LABEL = 13  # a box's or an arrow's text
NOTE = 12  # a remark under or beside the drawing
TITLE = 15


def _box(ax, x, y, text, color=CELL, w=1.0, h=0.7, size=10):
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.05",
                                facecolor=color, edgecolor=EDGE, linewidth=1.2))
    ax.text(x, y, text, ha="center", va="center", fontsize=size)


def _arrow(ax, start, end, text=None, offset=(0, 0), rad=0.0, size=9, color=EDGE,
           linestyle="-"):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=14, color=color,
                                 linewidth=1.4, linestyle=linestyle,
                                 connectionstyle=f"arc3,rad={rad}"))
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
    fig, ax = plt.subplots(figsize=(11.4, 4.6), layout="constrained", dpi=DPI)
    xs = [5.2 + 2.45 * t for t in range(steps)]
    _canvas(ax, xs[-1] + 0.9, 4.9)
    ax.set_ylim(-0.6, 4.9)  # room for the note under the inputs
    # Folded: one step, its output fed back as the next state.
    _box(ax, 1.2, 2.3, "RNN step\nW, U, b", w=1.7, h=1.0, size=LABEL)
    _box(ax, 1.2, 0.5, "input_t", INPUT, w=1.5, h=0.6, size=LABEL)
    _box(ax, 1.2, 4.1, "output_t", OUTPUT, w=1.5, h=0.6, size=LABEL)
    _arrow(ax, (1.2, 0.8), (1.2, 1.75))
    _arrow(ax, (1.2, 2.85), (1.2, 3.8))
    _arrow(ax, (2.15, 2.6), (2.15, 2.0), rad=-2.0)
    ax.text(2.6, 3.1, "state", ha="left", va="center", fontsize=LABEL, color=EDGE)
    ax.text(3.35, 2.3, "=", ha="center", va="center", fontsize=28)
    # Unrolled: the same step at every timestep, the state passed on.
    ax.text(xs[0] - 1.25, 3.05, "state 0\n(zeros)", ha="center", va="center",
            fontsize=NOTE, color=EDGE)
    _arrow(ax, (xs[0] - 1.55, 2.3), (xs[0] - 0.7, 2.3))
    for t, x in enumerate(xs):
        _box(ax, x, 2.3, f"RNN step\nt = {t}", w=1.3, h=1.0, size=LABEL)
        _box(ax, x, 0.5, f"input_{t}", INPUT, w=1.5, h=0.6, size=LABEL)
        _box(ax, x, 4.1, f"output_{t}", OUTPUT, w=1.5, h=0.6, size=LABEL)
        _arrow(ax, (x, 0.8), (x, 1.75))
        _arrow(ax, (x, 2.85), (x, 3.8))
        if t + 1 < steps:
            _arrow(ax, (x + 0.7, 2.3), (xs[t + 1] - 0.7, 2.3), f"state {t + 1}",
                   offset=(0, 0.35), size=NOTE)
    ax.text((xs[0] + xs[-1]) / 2, -0.35, "the same W, U and b at every step",
            ha="center", fontsize=NOTE, style="italic")
    ax.set_title("A recurrent layer (left), unrolled through time (right):\n"
                 "output_t = tanh(W·input_t + U·state_t + b)", fontsize=TITLE)
    return fig


def bptt(steps=4):
    """Backpropagation through time on a layer unrolled over `steps` steps whose last state
    gives the loss (sequence to vector, as in IMDB): the states go forward (dark), the
    gradient comes back (red), multiplied by one step's Jacobian at each step."""
    fig, ax = plt.subplots(figsize=(11.4, 5.0), layout="constrained", dpi=DPI)
    xs = [3.3 + 2.5 * t for t in range(steps)]
    loss_x = xs[-1] + 2.6
    _canvas(ax, loss_x + 0.9, 4.0)
    ax.set_ylim(-0.7, 4.0)
    y = 2.2  # the states
    _box(ax, 0.8, y, "$h_0$\n(zeros)", OUTPUT, w=1.2, h=1.0, size=LABEL)
    _arrow(ax, (1.45, y), (xs[0] - 0.7, y))
    for t, x in enumerate(xs, start=1):
        _box(ax, x, y, f"step {t}\n$h_{t}$", w=1.3, h=1.0, size=LABEL)
        _box(ax, x, 0.25, f"$x_{t}$", INPUT, w=0.9, h=0.55, size=LABEL)
        _arrow(ax, (x, 0.55), (x, y - 0.55))
        if t < steps:
            _arrow(ax, (x + 0.7, y), (xs[t] - 0.7, y))
    _box(ax, loss_x, y, "loss\n$L$", OUTPUT, w=1.1, h=1.0, size=LABEL)
    _arrow(ax, (xs[-1] + 0.7, y), (loss_x - 0.6, y))
    # Backward: from the loss to h_T, then one Jacobian per step back to h_0.
    top = y + 0.55
    _arrow(ax, (loss_x, top), (xs[-1] + 0.2, top), rad=0.6, color=GRADIENT, linestyle="--")
    ax.text((loss_x + xs[-1]) / 2 + 0.1, top + 0.95, f"$\\partial L/\\partial h_{steps}$",
            ha="center", va="center", fontsize=LABEL, color=GRADIENT)
    starts = [0.8, *xs]  # h_0, then each step's h_t
    for t in range(steps, 0, -1):
        right, left = starts[t], starts[t - 1]
        _arrow(ax, (right - 0.2, top), (left + 0.2, top), rad=0.6, color=GRADIENT,
               linestyle="--")
        ax.text((right + left) / 2, top + 0.95, f"$\\times\\,\\partial h_{t}/\\partial h_{t - 1}$",
                ha="center", va="center", fontsize=LABEL, color=GRADIENT)
    ax.text(xs[0] + 1.0, -0.6,
            "each factor $\\partial h_t/\\partial h_{t-1} = \\mathrm{diag}(1 - h_t^2)\\,U$;"
            "  $t$ steps back, a product of $t$ factors",
            ha="left", va="center", fontsize=NOTE, color=GRADIENT)
    ax.text(0.2, 0.55, "forward: the states,\nleft to right", ha="left", va="center",
            fontsize=NOTE, color=EDGE)
    ax.text(loss_x + 0.8, 0.55, "backward: the gradient,\nright to left", ha="right",
            va="center", fontsize=NOTE, color=GRADIENT)
    ax.set_title("Backpropagation through time: the loss's gradient flows back through "
                 "every step,\nand every step adds its share to the gradients of the "
                 "shared W, U and b", fontsize=TITLE)
    return fig


# Which steps read an input and which give an output, for each kind of problem.
KINDS = [
    ("Sequence to sequence", [1, 1, 1, 1], [1, 1, 1, 1],
     "an output at every step:\nreturn_sequences=True"),
    ("Sequence to vector", [1, 1, 1, 1], [0, 0, 0, 1],
     "IMDB review → sentiment;\nweather → temperature"),
    ("Vector to sequence", [1, 0, 0, 0], [1, 1, 1, 1],
     "image → caption"),
    ("Encoder–decoder", [1, 1, 1, 0, 0, 0], [0, 0, 0, 1, 1, 1],
     "translation,\nspeech to text"),
]


def sequence_kinds():
    """The four ways a recurrent network maps inputs to outputs, with examples."""
    fig, axes = plt.subplots(1, 4, figsize=(11.4, 3.9), layout="constrained", dpi=DPI,
                             gridspec_kw={"width_ratios": [4, 4, 4, 6]})
    for ax, (title, inputs, outputs, example) in zip(axes, KINDS):
        steps = len(inputs)
        _canvas(ax, 1.3 * steps + 0.2, 5.8)
        ax.set_ylim(-0.9, 5.2)
        xs = [0.75 + 1.3 * t for t in range(steps)]
        for t, x in enumerate(xs):
            encoder = title.startswith("Encoder") and t < steps // 2
            _box(ax, x, 2.6, "enc" if encoder else "RNN", w=1.0, h=0.7, size=NOTE,
                 color="#d9d2e9" if encoder else CELL)
            if inputs[t]:
                _box(ax, x, 0.9, "in", INPUT, w=0.8, h=0.6, size=NOTE)
                _arrow(ax, (x, 1.2), (x, 2.25))
            if outputs[t]:
                _box(ax, x, 4.3, "out", OUTPUT, w=0.8, h=0.6, size=NOTE)
                _arrow(ax, (x, 2.95), (x, 4.0))
            if t + 1 < steps:
                _arrow(ax, (x + 0.5, 2.6), (xs[t + 1] - 0.5, 2.6))
        ax.text(ax.get_xlim()[1] / 2, 0.2, example, ha="center", va="top", fontsize=NOTE)
        ax.set_title(title, fontsize=LABEL + 1)
    fig.suptitle("Inputs and outputs of a recurrent network: time runs left to right",
                 fontsize=TITLE)
    return fig


def deep_rnn(depth=3, steps=4):
    """Stacked recurrent layers: each reads the whole output sequence of the one below."""
    fig, ax = plt.subplots(figsize=(11.4, 4.8), layout="constrained", dpi=DPI)
    xs = [5.0 + 1.9 * t for t in range(steps)]
    ys = [1.55 + 1.15 * layer for layer in range(depth)]
    top = ys[-1] + 1.2
    _canvas(ax, xs[-1] + 0.8, top + 0.5)
    for layer, y in enumerate(ys):
        last = layer == depth - 1
        name = "SimpleRNN(32)" if last else "SimpleRNN(32,\n  return_sequences=True)"
        ax.text(0.1, y, f"layer {layer + 1}: {name}", va="center", fontsize=NOTE)
        for t, x in enumerate(xs):
            _box(ax, x, y, f"t = {t}", w=1.1, h=0.6, size=NOTE)
            if t + 1 < steps:
                _arrow(ax, (x + 0.6, y), (xs[t + 1] - 0.6, y))
            if not last:
                _arrow(ax, (x, y + 0.35), (x, ys[layer + 1] - 0.35))
    for t, x in enumerate(xs):
        _box(ax, x, 0.35, f"input_{t}", INPUT, w=1.4, h=0.5, size=NOTE)
        _arrow(ax, (x, 0.6), (x, ys[0] - 0.35))
    _box(ax, xs[-1], top, "output\n(batch, 32)", OUTPUT, w=1.5, h=0.8, size=NOTE)
    _arrow(ax, (xs[-1], ys[-1] + 0.35), (xs[-1], top - 0.45))
    ax.text(xs[0] - 0.6, top, "only the top layer's last output\ngoes on (to a Dense layer)",
            ha="left", va="center", fontsize=NOTE, style="italic")
    ax.set_title("A deep (stacked) RNN: each layer reads the sequence of outputs of the "
                 "layer below", fontsize=TITLE)
    return fig
