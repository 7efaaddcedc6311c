"""The run: its profile, quick (CI: small subsets, few epochs) or full (the book's
settings), its seed, and the folder its results go to; and `show_source`, which prints a
helper's code in a lesson."""

import inspect
import os

__all__ = ["profile", "pick", "seed", "show_source", "run_folder", "jit_compile",
           "deterministic_ops"]

def profile():
    """'quick' under RNN_QUICK=1 (the CI profile), else 'full' (the book's settings)."""
    value = os.environ.get("RNN_QUICK", "")
    if value not in ("", "0", "1"):
        raise ValueError(
            f"RNN_QUICK={value!r} is not understood: set RNN_QUICK=1 for the quick "
            "profile, or unset it (or 0) for the full one"
        )
    return "quick" if value == "1" else "full"


def pick(full, quick):
    """The value for this run: `full` (the book's setting) or `quick` under RNN_QUICK=1."""
    return quick if profile() == "quick" else full


def seed():
    """This run's random seed: RNN_SEED (the report runs several seeds), else 0."""
    value = os.environ.get("RNN_SEED") or "0"
    if not value.isdigit():
        raise ValueError(f"RNN_SEED={value!r} is not a seed: use a whole number, as RNN_SEED=1")
    return int(value)


def show_source(obj):
    """Print the source of a helper, so a lesson shows the code it runs."""
    print(inspect.getsource(obj))


def run_folder(profile, backend):
    """'full', 'quick'; 'full-jax' for the full profile on JAX."""
    return profile if backend == "tensorflow" else f"{profile}-{backend}"


def jit_compile():
    """`jit_compile` for `model.compile`: True on TensorFlow without a GPU, else "auto".

    Keras' default ("auto") leaves TensorFlow's GRU and LSTM uncompiled, because on a GPU they
    run cuDNN's fused kernel, which XLA cannot compile. On a CPU there is no such kernel, and
    XLA compiles the whole training step (the report's *Speed* section times it model by
    model, from `make bench`). JAX compiles every step anyway.
    """
    import keras

    if keras.backend.backend() != "tensorflow":
        return "auto"
    import tensorflow as tf

    return "auto" if tf.config.list_physical_devices("GPU") else True


def deterministic_ops():
    """Make TensorFlow's ops deterministic, as JAX's are: identical runs, identical curves.

    An `Embedding`'s gradient sums the rows of the words a batch shares on several threads,
    in an order that varies from run to run, so two fits of notebook 03's models with the
    same seed part from their first epoch. Keras then compiles without XLA (some ops have no
    deterministic XLA kernel): the IMDB models can spare it, 05-07's Jena models could not.
    """
    import keras

    if keras.backend.backend() == "tensorflow":
        import tensorflow as tf

        tf.config.experimental.enable_op_determinism()
