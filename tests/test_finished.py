"""rnnbook.LoadFinished: the fit of a run finished before loads it and trains nothing."""

import numpy as np
import pytest

import rnnbook

keras = pytest.importorskip("keras")

X, Y = np.linspace(0, 1, 24, dtype="float32").reshape(8, 3), np.ones((8, 1), "float32")


def compiled():
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.RMSprop(), loss="mae")
    return model


def fit(model, callbacks):
    return model.fit(X, Y, epochs=2, batch_size=4, validation_data=(X, Y), verbose=0,
                     callbacks=callbacks)


@pytest.mark.slow
def test_a_finished_run_is_loaded_and_not_trained_again(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RNN_CHECKPOINTS_DIR", str(tmp_path))
    trained = compiled()
    run = rnnbook.LongRun("notebook", "model", trained, 2)
    fit(trained, run.callbacks())
    log = run.log.read_text()
    assert run.finished()

    again = compiled()  # other initial weights
    rerun = rnnbook.LongRun("notebook", "model", again, 2)
    history = fit(again, [rnnbook.LoadFinished(rerun)])
    assert history.history == {}  # no epoch trained
    assert all(np.array_equal(a, b) for a, b in zip(again.get_weights(), trained.get_weights()))
    assert run.log.read_text() == log
    assert "finished before (2 of 2 epochs), loaded" in capsys.readouterr().out
    assert len(fit(again, []).history["loss"]) == 2  # a later fit trains from epoch 0
