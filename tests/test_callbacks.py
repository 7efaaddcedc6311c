"""rnnbook's fit callbacks: the stopwatch's seconds, and XLA turned on before the step is built."""

import numpy as np
import pytest

import rnnbook
from rnnbook.lessons import callbacks

keras = pytest.importorskip("keras")


def fit_once(fit_callbacks, epochs=2):
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    x, y = np.ones((8, 3), "float32"), np.ones((8, 1), "float32")
    model.fit(x, y, epochs=epochs, batch_size=4, verbose=0, callbacks=fit_callbacks)
    return model


@pytest.mark.slow
def test_the_stopwatch_gives_seconds_per_epoch(monkeypatch):
    ticks = iter([10.0, 16.0])  # the fit's start and end: 6 s over 2 epochs
    monkeypatch.setattr(callbacks.time, "perf_counter", lambda: next(ticks))
    stopwatch = rnnbook.Stopwatch()
    fit_once([stopwatch])
    assert stopwatch.seconds_per_epoch == 3.0


@pytest.mark.slow
@pytest.mark.parametrize("asked", [True, "auto"])
def test_xla_is_on_exactly_where_jit_compile_asks_for_it(monkeypatch, asked):
    monkeypatch.setattr(callbacks, "jit_compile", lambda: asked)
    model = fit_once([rnnbook.CompileWithXLA()], epochs=1)
    assert (model.jit_compile is True) == (asked is True)
