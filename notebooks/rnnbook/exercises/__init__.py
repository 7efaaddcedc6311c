"""The exercise notebooks' checks: answers that check themselves, as Kaggle Learn's do.

    checking     Exercise (check, hint, solution), Wrong, and strict mode for grading
    basics       02e: the SimpleRNN step, shapes, parameter counts, the lecture notes' models
    lstm_gru     04e: the LSTM and GRU steps, the Reber grammar's strings and model
    reber        04e: the embedded Reber grammar (strings, near-misses, the held-out set)
    jena         05e: windows, the generator's wrap-around, reversed windows
    humidity     05e: another target (humidity 12 hours on)
    rain         05e: will it rain? (the station's own rain gauge)
    experiments  07e: 6.3.9's experiments, judged with the seed spread
"""

__all__ = ["basics", "checking", "experiments", "humidity", "jena", "lstm_gru", "rain", "reber"]
