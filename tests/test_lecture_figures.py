"""The lessons' plots read from the back of a lecture hall (issue 34): shown 900 px wide on a
1280x720 slide (slides/template shows a figure at its own size, 768 to 1200 px wide and at
most 560 px high), every label is at least 14 px, and the figure fits that box as drawn."""

import io

import matplotlib
import matplotlib.pyplot as plt
import pytest
import rnnbook
from matplotlib.text import Text
from PIL import Image

matplotlib.use("Agg")

SLIDE_WIDTH = 900  # px: the narrowest a lecture deck shows a figure (about 900-1100)
MIN_LABEL_PX = 14
CURVES = {"acc": [0.6, 0.8, 0.85], "val_acc": [0.7, 0.8, 0.82],
          "loss": [0.6, 0.4, 0.3], "val_loss": [0.5, 0.45, 0.44]}


def drawn(monkeypatch, plot):
    """The figure a plot shows, and its PNG as the notebook stores it (tight, at its dpi)."""
    shown = []
    monkeypatch.setattr(plt, "show", lambda: shown.append(plt.gcf()))
    plot()
    (figure,) = shown
    png = io.BytesIO()
    figure.savefig(png, format="png", bbox_inches="tight", dpi=figure.dpi)
    plt.close(figure)
    return figure, Image.open(png)


PLOTS = {
    "plot_mae, one model": lambda: rnnbook.plot_mae(
        {"GRU(32)": CURVES}, 0.29, 8.85, "GRU(32)\nJena 2009–2016, hourly, 6 of the 14 features"),
    "plot_mae, two models": lambda: rnnbook.plot_mae(
        {"in order": CURVES, "reversed": CURVES}, 0.29, 8.85, "GRU(32), in order and reversed"),
    "plot_training": lambda: rnnbook.plot_training(CURVES, title="Reversed LSTM"),
}


@pytest.mark.parametrize("name", PLOTS)
def test_labels_are_14_px_on_a_slide_900_px_wide(monkeypatch, name):
    figure, _ = drawn(monkeypatch, PLOTS[name])
    sizes = [text.get_fontsize() for text in figure.findobj(Text) if text.get_text().strip()]
    smallest_px = min(sizes) / 72 * SLIDE_WIDTH / figure.get_figwidth()
    assert smallest_px >= MIN_LABEL_PX, f"{name}: {min(sizes)} pt is {smallest_px:.1f} px"


@pytest.mark.parametrize("name", PLOTS)
def test_the_figure_is_drawn_at_its_size_on_the_slide(monkeypatch, name):
    _, png = drawn(monkeypatch, PLOTS[name])
    width, height = png.size
    assert 768 <= width <= 1200 and height <= 560, f"{name}: {width}x{height} px"
    assert round(png.info["dpi"][0]) == 120  # so that a 10-pt label is 16.7 px at that size


def test_a_small_font_is_caught(monkeypatch):
    monkeypatch.setitem(rnnbook.lessons.plots.STYLE, "xtick.labelsize", 8)
    with pytest.raises(AssertionError, match="plot_training: 8.0 pt is 11.1 px"):
        test_labels_are_14_px_on_a_slide_900_px_wide(monkeypatch, "plot_training")
