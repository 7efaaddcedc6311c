"""The lessons' helpers, reached as `rnnbook.<name>` from the notebooks.

    windows        the Jena splits, windows in hours, the book's `generator` (tested copy)
                   and its fast twin, `WindowDataset`, batches per pass, windows across gaps
    task           notebook 05's task in one call (data, windows, baselines), for 06-07
    plots          training and validation curves
    diagrams       the lecture notes' figures (unrolled RNN, sequence kinds, deep RNN)
    cell_diagrams  the LSTM cell with its carry (03) and the GRU cell (04)
    results        a notebook's metrics saved and read back (results/<profile>/)
    resume         long runs that go on after a kill (notebook 07)
"""

__all__ = ["cell_diagrams", "diagrams", "plots", "results", "resume", "task", "windows"]
