"""The lessons' plots: training and validation curves by epoch, sized for a lecture hall.

A figure on a slide is shown about 900-1100 px wide (slides/template: at its own size when
it fits, at least 768 px). At `STYLE`'s 120 dpi a 9-inch figure is 1080 px wide, and its
smallest text, 11-pt tick labels, about 18 px on the slide (14 px at the least: 900 px).
"""

import numpy as np

__all__ = ["STYLE", "plot_mae", "plot_training"]

# Matplotlib settings for a figure that a lecture hall reads: plt.rcParams.update(STYLE) in
# a notebook that draws its own figures; the plots below use it themselves.
STYLE = {
    "figure.dpi": 120,
    "font.size": 11,
    "axes.titlesize": 13,
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
}


def plot_mae(runs, naive_mae, temperature_std, title):
    """Training (dots) and validation (line) MAE by epoch, in °C, with the naive baseline.

    `runs` maps a name to a history's curves ({"loss": [...], "val_loss": [...]}), so that
    several models share one plot; the right axis gives the same MAE in normalised units.
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(8.5, 4.4), layout="constrained")
        colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
        for (name, curves), color in zip(runs.items(), colors):
            epochs = range(1, len(curves["loss"]) + 1)
            celsius = {key: np.array(curves[key]) * temperature_std for key in ("loss", "val_loss")}
            ax.plot(epochs, celsius["loss"], "o", color=color, label=f"{name}: training")
            ax.plot(epochs, celsius["val_loss"], "-", color=color, label=f"{name}: validation")
        ax.axhline(naive_mae * temperature_std, color="k", ls="--",
                   label="naive baseline, validation")
        ax.set_title(title)
        ax.set_xlabel("epoch")
        ax.set_ylabel("MAE (°C)")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        normalised = ax.secondary_yaxis(
            "right", functions=(lambda c: c / temperature_std, lambda n: n * temperature_std))
        normalised.set_ylabel("MAE (normalised)")
        entries = 2 * len(runs) + 1
        fig.legend(loc="outside lower center", ncols=min(entries, 3))  # below: covers no data
        ax.grid()
        plt.show()


def plot_training(history, metric="acc", title=""):
    """The book's two plots side by side: training ('bo') and validation ('b') curves."""
    import matplotlib.pyplot as plt

    curves = history if isinstance(history, dict) else history.history
    epochs = range(1, len(curves["loss"]) + 1)
    panels = [(metric, "accuracy")] if metric in curves else []
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(1, len(panels) + 1, figsize=(4.5 * (len(panels) + 1), 4),
                                 layout="constrained")
        for ax, (key, label) in zip(np.atleast_1d(axes), panels + [("loss", "loss")]):
            ax.plot(epochs, curves[key], "bo", label=f"Training {label}")
            ax.plot(epochs, curves[f"val_{key}"], "b", label=f"Validation {label}")
            ax.set_title(f"{title}: training and validation {label}".lstrip(": "))
            ax.set_xlabel("epoch")
            ax.set_ylabel(label)
            ax.legend()
            ax.grid()
        plt.show()
