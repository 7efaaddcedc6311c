"""Callbacks a lesson's `fit` takes off the slides, so that its `compile` and `fit` read as
the book's: each epoch's time for the report, and XLA where it pays."""

import time

import keras

from ..config import jit_compile

__all__ = ["Stopwatch", "CompileWithXLA"]


class Stopwatch(keras.callbacks.Callback):
    """The fit's seconds per epoch (for the report): `seconds_per_epoch`, once it ends."""

    def on_train_begin(self, logs=None):
        self.start = time.perf_counter()

    def on_train_end(self, logs=None):
        self.seconds_per_epoch = (time.perf_counter() - self.start) / self.params["epochs"]


class CompileWithXLA(keras.callbacks.Callback):
    """Compile the fit's step with XLA where `rnnbook.jit_compile()` asks for it (TensorFlow
    without a GPU), as `compile(jit_compile=True)` would: `fit` hands the model to its
    callbacks before it builds the training step."""

    def set_model(self, model):
        super().set_model(model)
        if jit_compile() is True:
            model.jit_compile = True
