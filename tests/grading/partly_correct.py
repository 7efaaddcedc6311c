# Partly correct: q5 and q6 right (q5's check cell deleted: nbgrader puts it back; q6 in a form
# of its own), the rest wrong, raising or unanswered. Its step fails inside q1's check, its q2
# cell raises before it defines anything, q3 is left as handed out, and q4's read-only check
# cell is rewritten to pass (it is restored).
# %% q1_answer
def simple_rnn_step(x_t, h_prev, kernel, recurrent_kernel, bias):
    return np.tanh(kernel @ x_t + recurrent_kernel @ h_prev + bias)  # the book's orientation
# %% q2_answer
shape_a = (5, 16)[2]
shape_b, shape_c, shape_d = (5, 12, 16), (5, 4), (5, 12, 1)
# %% q4_answer
encoder_choice = "A"
# %% q4
print("Correct (q4): of course")
# %% q5_answer
video_choice = "C"
# %% q5: deleted
# %% q6_answer
video_model = keras.Sequential([
    keras.Input(shape=(10, 32, 32, 3)),
    layers.TimeDistributed(layers.Conv2D(16, 3, activation="relu")),
    layers.TimeDistributed(layers.GlobalAveragePooling2D()),
    layers.LSTM(32),
    layers.Dense(5, activation="softmax"),
])
