"""The lessons' plots: training and validation curves by epoch."""

import numpy as np

__all__ = ["plot_mae", "plot_training"]

def plot_mae(runs, naive_mae, temperature_std, title):
    """Training (dots) and validation (line) MAE by epoch, in °C, with the naive baseline.

    `runs` maps a name to a history's curves ({"loss": [...], "val_loss": [...]}), so that
    several models share one plot; the right axis gives the same MAE in normalised units.
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    fig, ax = plt.subplots(figsize=(7, 4.8), layout="constrained")
    for (name, curves), color in zip(runs.items(), plt.rcParams["axes.prop_cycle"].by_key()["color"]):
        epochs = range(1, len(curves["loss"]) + 1)
        celsius = {key: np.array(curves[key]) * temperature_std for key in ("loss", "val_loss")}
        ax.plot(epochs, celsius["loss"], "o", color=color, label=f"{name}: training")
        ax.plot(epochs, celsius["val_loss"], "-", color=color, label=f"{name}: validation")
    ax.axhline(naive_mae * temperature_std, color="k", ls="--", label="naive baseline, validation")
    ax.set_title(title)
    ax.set_xlabel("epoch")
    ax.set_ylabel("MAE (°C)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    normalised = ax.secondary_yaxis(
        "right", functions=(lambda c: c / temperature_std, lambda n: n * temperature_std))
    normalised.set_ylabel("MAE (normalised)")
    fig.legend(loc="outside lower center", ncols=2)  # below the axes: it covers no data
    ax.grid()
    plt.show()


def plot_training(history, metric="acc", title=""):
    """The book's two plots side by side: training ('bo') and validation ('b') curves."""
    import matplotlib.pyplot as plt

    curves = history if isinstance(history, dict) else history.history
    epochs = range(1, len(curves["loss"]) + 1)
    panels = [(metric, "accuracy")] if metric in curves else []
    fig, axes = plt.subplots(1, len(panels) + 1, figsize=(5.5 * (len(panels) + 1), 3.8))
    for ax, (key, label) in zip(np.atleast_1d(axes), panels + [("loss", "loss")]):
        ax.plot(epochs, curves[key], "bo", label=f"Training {label}")
        ax.plot(epochs, curves[f"val_{key}"], "b", label=f"Validation {label}")
        ax.set_title(f"{title}: training and validation {label}".lstrip(": "))
        ax.set_xlabel("epoch")
        ax.set_ylabel(label)
        ax.legend()
        ax.grid()
    plt.show()
