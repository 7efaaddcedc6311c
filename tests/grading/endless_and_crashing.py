# Loops forever in q2's answer cell (the timeout interrupts it, the notebook goes on), then
# crashes: its q6 cell kills the kernel (q1, q3-q5 keep their points).
# %% q1_answer
def simple_rnn_step(x_t, h_prev, kernel, recurrent_kernel, bias):
    return np.tanh(x_t @ kernel + h_prev @ recurrent_kernel + bias)
# %% q2_answer
import time

shape_a = None
while shape_a is None:  # waits for an answer that never comes
    time.sleep(0.1)
# %% q3_answer
counts = [32000, 200, 1008, 216, 5]
# %% q4_answer
encoder_choice = "B"
# %% q5_answer
video_choice = "C"
# %% q6_answer
import os

os._exit(1)  # as a segfault in a native library would
