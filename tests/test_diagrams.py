"""The lecture notes' figures (rnnbook.diagrams): each draws without error, with a title on
every panel, and labels what it shows."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from rnnbook import diagrams  # noqa: E402

FIGURES = {
    "unrolled_rnn": ["input_0", "output_3", "state 1", "the same W, U and b at every step"],
    "sequence_kinds": ["IMDB review", "image → caption", "translation"],
    "deep_rnn": ["return_sequences=True", "input_0", "output\n(batch, 32)"],
}


def texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


@pytest.mark.parametrize("name", FIGURES)
def test_each_figure_draws_with_titles_and_its_labels(name):
    fig = getattr(diagrams, name)()
    try:
        fig.canvas.draw()  # lays out and renders every artist: errors show here
        assert fig.axes
        for ax in fig.axes:
            assert ax.get_title().strip(), f"{name}: a panel without a title"
        for label in FIGURES[name]:
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
