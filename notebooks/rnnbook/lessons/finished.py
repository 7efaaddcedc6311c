"""A run finished before, loaded by the same `fit` call that trains it: see `LoadFinished`."""

import keras

__all__ = ["LoadFinished"]


class LoadFinished(keras.callbacks.Callback):
    """`fit`'s callback for a run that finished before (an `rnnbook.LongRun`): it loads the
    run's last weights, prints its log, and leaves `fit` no epoch to train. Keras'
    BackupAndRestore skips the epochs a stopped run has done the same way: by setting the
    epoch `fit` starts from, which `fit` reads after `on_train_begin`."""

    def __init__(self, run):
        super().__init__()
        self.run = run

    def on_train_begin(self, logs=None):
        self.run.load()
        self.model._initial_epoch = self.params["epochs"]  # as BackupAndRestore sets it

    def on_train_end(self, logs=None):
        self.model._initial_epoch = None  # a later fit of this model starts from epoch 0
