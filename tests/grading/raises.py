# Raises: its step fails inside q1's check, its q2 cell raises before it defines anything;
# the rest is right.
# %% q1_answer
def simple_rnn_step(x_t, h_prev, kernel, recurrent_kernel, bias):
    return np.tanh(kernel @ x_t + recurrent_kernel @ h_prev + bias)  # the book's orientation
# %% q2_answer
shape_a = (5, 16)[2]
shape_b, shape_c, shape_d = (5, 12, 16), (5, 4), (5, 12, 1)
# %% q3_answer
counts = [32000, 200, 1008, 216, 5]
# %% q4_answer
encoder_choice = "B"
# %% q5_answer
video_choice = "C"
# %% q6_answer
video_model = keras.Sequential([
    keras.Input(shape=(10, 32, 32, 3)),
    layers.TimeDistributed(layers.Conv2D(16, 3, activation="relu")),
    layers.TimeDistributed(layers.GlobalAveragePooling2D()),
    layers.LSTM(32),
    layers.Dense(5, activation="softmax"),
])
