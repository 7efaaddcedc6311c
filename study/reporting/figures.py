"""The report's two figures: validation accuracy (IMDB) and validation MAE (Jena) by epoch,
mean ± sd over seeds, saved as PNGs beside REPORT.md."""

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402
import numpy as np  # noqa: E402

from rnnbook.data.files import write_atomic

from .book import IMDB_MODELS, JENA_MODELS  # noqa: E402
from .runs import data_label, ran  # noqa: E402


def band(ax, curves, label):
    curves = np.array([c for c in curves if len(c) == len(curves[0])])
    epochs = np.arange(1, curves.shape[1] + 1)
    mean = curves.mean(axis=0)
    (line,) = ax.plot(epochs, mean, marker="o", label=f"{label} (n={len(curves)})")
    if len(curves) > 1:
        sd = curves.std(axis=0, ddof=1)
        ax.fill_between(epochs, mean - sd, mean + sd, color=line.get_color(), alpha=0.2)


def save_figure(fig, ax, title, ylabel, path, **legend):
    """Label the axes and save the PNG atomically: a reader never sees half a figure."""
    ax.set_title(title)
    ax.set_xlabel("epoch")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(ylabel)
    ax.legend(**legend)
    ax.grid()
    image = io.BytesIO()
    fig.savefig(image, format="png", dpi=100, bbox_inches="tight")
    plt.close(fig)
    write_atomic(path, image.getvalue())


def imdb_figure(runs, path):
    fig, ax = plt.subplots(figsize=(7, 4))
    for _, model, metrics in ran(runs, IMDB_MODELS):
        band(ax, [m["history"]["val_acc"] for m in metrics], model)
    save_figure(fig, ax, "IMDB: validation accuracy, mean ± sd over seeds", "validation accuracy",
                path)


def jena_figure(runs, rows, path):
    fig, ax = plt.subplots(figsize=(10, 4.5))
    for _, model, metrics in ran(runs, JENA_MODELS[2:]):  # the trained models, not baselines
        band(ax, [m["history"]["val_loss"] for m in metrics], model)
    naive = next((r for r in rows if r["model"] == "naive baseline"), None)
    if naive:  # notebook 05 computes it: absent while only 06 or 07 have run
        ax.axhline(naive["best_val_mae"][0], color="k", ls="--", label="naive baseline")
    save_figure(fig, ax, "Jena: validation MAE by epoch, mean ± sd over seeds\n"
                f"({data_label(rows[0]['data'])})", "validation MAE (normalised)", path,
                loc="upper left", bbox_to_anchor=(1.02, 1))  # beside the plot: seven curves


def draw(runs, jena, folder):
    """Save the figures into `folder` (the Jena one once notebook 05 has run, `jena` its table
    rows); their markdown, a paragraph each."""
    imdb_figure(runs, folder / "imdb_val_acc.png")
    shown = ["![IMDB validation accuracy](imdb_val_acc.png)"]
    if jena:
        jena_figure(runs, jena, folder / "jena_val_mae.png")
        shown.append("![Jena validation MAE](jena_val_mae.png)")
    return shown
