# All correct, in forms of its own; its step warns on the way (stderr in a check cell must not
# cost the point).
# %% q1_answer
import warnings


def simple_rnn_step(x_t, h_prev, kernel, recurrent_kernel, bias):
    warnings.warn("my own step, not Keras'")
    return np.tanh(np.dot(x_t, kernel) + np.dot(h_prev, recurrent_kernel) + bias)
# %% q2_answer
shape_a, shape_b, shape_c, shape_d = (5, 16), (5, 12, 16), (5, 4), (5, 12, 1)
# %% q3_answer
counts = [32000, 200, 1008, 216, 5]
# %% q4_answer
encoder_choice = "b"
# %% q5_answer
video_choice = "C"
# %% q6_answer
video_model = keras.Sequential([
    keras.Input(shape=(10, 32, 32, 3)),
    layers.TimeDistributed(layers.Conv2D(8, 3, activation="relu")),
    layers.TimeDistributed(layers.GlobalAveragePooling2D()),
    layers.GRU(16),
    layers.Dense(5, activation="softmax"),
])
