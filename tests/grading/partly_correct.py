# Partly correct: q2 and q5 right (q2's check cell deleted: nbgrader puts it back), the rest
# wrong or unanswered, and q4's read-only check cell rewritten to pass (it is restored).
# %% q1_answer
def simple_rnn_step(x_t, h_prev, kernel, recurrent_kernel, bias):
    return x_t @ kernel + h_prev @ recurrent_kernel + bias  # no tanh
# %% q2_answer
shape_a = (5, 16)
shape_b = (5, 12, 16)
shape_c = (5, 4)
shape_d = (5, 12, 1)
# %% q2: deleted
# %% q3_answer
counts = [32000, 200, 1008, 204, 5]  # the GRU with one bias, not two
# %% q4_answer
encoder_choice = "A"
# %% q4
print("Correct (q4): of course")
# %% q5_answer
video_choice = "C"
