"""keras2.py: Keras 2.0.8's gate activation and RMSprop step, rebuilt on Keras 3, against the
formulas of Keras 2 written out in NumPy."""

import numpy as np
import pytest

from study import keras2
import keras


def test_the_hard_sigmoid_is_keras_2s_not_keras_3s():
    x = np.array([-4.0, -2.5, -1.0, 0.0, 1.0, 2.5, 4.0], dtype="float32")
    ours = keras.ops.convert_to_numpy(keras2.keras2_hard_sigmoid(x))
    np.testing.assert_array_equal(ours, np.clip(0.2 * x + 0.5, 0, 1))  # Keras 2.0.8
    keras3 = keras.ops.convert_to_numpy(keras.activations.hard_sigmoid(x))
    assert keras3[4] == pytest.approx(0.5 + 1 / 6) and ours[4] == pytest.approx(0.7)


def rmsprop_steps(optimizer, gradients):
    weight = keras.Variable(np.zeros(len(gradients[0]), dtype="float32"))
    for gradient in gradients:
        optimizer.apply_gradients([(keras.ops.convert_to_tensor(gradient), weight)])
    return keras.ops.convert_to_numpy(weight)


def keras2_rmsprop_numpy(gradients, lr=0.001, rho=0.9, epsilon=1e-8):
    """Keras 2.0.8's RMSprop.get_updates, written out."""
    weight, velocity = 0.0, 0.0
    for gradient in gradients:
        velocity = rho * velocity + (1 - rho) * gradient**2
        weight = weight - lr * gradient / (np.sqrt(velocity) + epsilon)
    return weight


def test_the_rmsprop_step_is_keras_2s():
    # large, typical and tiny gradients (the last: an embedding row of a rare word)
    gradients = np.array([[1e-1, 1e-2, 1e-6]] * 3, dtype="float32")
    expected = keras2_rmsprop_numpy(gradients.astype("float64"))
    ours = rmsprop_steps(keras2.keras2_rmsprop(), gradients)
    np.testing.assert_allclose(ours[:2], expected[:2], rtol=1e-5)
    np.testing.assert_allclose(ours[2], expected[2], rtol=0.05)  # √v = 5e-7: 1e-8 is 2% of it
    # Keras 3's default: the same step for ordinary gradients, a far smaller one for tiny ones
    keras3 = rmsprop_steps(keras.optimizers.RMSprop(), gradients)
    np.testing.assert_allclose(keras3[:2], expected[:2], rtol=1e-2)
    assert abs(keras3[2]) < abs(expected[2]) / 100


@pytest.mark.parametrize("setting, activation, epsilon", [
    ("keras3", "sigmoid", 1e-7), ("hard_sigmoid", "keras2_hard_sigmoid", 1e-7),
    ("rmsprop", "sigmoid", 1e-16), ("keras2", "keras2_hard_sigmoid", 1e-16)])
def test_each_setting_changes_what_it_names(setting, activation, epsilon):
    model = keras2.lstm_model(setting)
    lstm = model.layers[1]
    assert lstm.recurrent_activation.__name__ == activation
    assert model.optimizer.epsilon == epsilon
    assert model.count_params() == 10000 * 32 + 4 * (32 * 32 + 32 * 32 + 32) + 33


def test_an_unknown_setting_is_refused_before_any_training(capsys):
    with pytest.raises(SystemExit):
        keras2.main(["keras1"])
    assert "invalid choice: 'keras1'" in capsys.readouterr().err


def test_no_setting_means_keras3_and_keras2(monkeypatch):
    ran = []
    monkeypatch.setattr(keras2, "imdb_data", lambda: None)
    monkeypatch.setattr(keras2, "run", lambda setting, seed, data: ran.append((setting, seed))
                        or pytest.fail("stop") )
    with pytest.raises(pytest.fail.Exception):
        keras2.main([])
    assert ran == [("keras3", 0)]
