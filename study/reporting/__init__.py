"""The parts of results/REPORT.md, a module each; study/report.py puts them together.

    book            what ours is held against: the book's figures; the models of the tables
    runs            the saved runs (results/<profile>/<notebook>/seed<N>.json), read and checked
    formats         how numbers are written: mean ± sd over seeds, differences, dates
    tables          the book's numbers next to ours: the IMDB and Jena tables (also in README.md)
    figures         the validation curves by epoch, mean ± sd over seeds
    provenance      where the results come from: seeds, dates, code, machines, data
    speed           the Speed section: epoch times, the window generator, wall times, benchmarks
    benchmark       `make bench`: the models' epoch times on each backend, one after another
    jena_bench      `make bench`: a Jena epoch each way, against its compute bound and its data
    backends        the same notebooks on JAX, against TensorFlow
    keras_versions  Keras 2.0.8 against Keras 3: the LSTM's gap to the book, dropout masks
    limit           how close the models come to the CPU's peak arithmetic
    readme          the tables, embedded into README.md

The modules import the course package `rnnbook` as installed (`pip install -e .`). Each
section's module has a `section(...)` that returns its markdown, heading included.
"""
