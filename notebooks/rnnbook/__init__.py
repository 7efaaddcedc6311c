"""The course package of the RNN notebooks (Deep Learning with Python, 1st ed., 6.2-6.3).

Import it before Keras: importing it sets the environment variables TensorFlow reads when it
loads (quiet logs, no oneDNN), and nothing else (no Keras, no TensorFlow: each helper loads
what it needs when first used). The code each lesson is about (the book's
loops, generators and models) is written in the notebooks' cells; this package holds what
the lessons lean on.

    config      the run: profile (RNN_QUICK), seed (RNN_SEED), pick, jit_compile, show_source
    data        the datasets, offline or downloaded and checked: imdb, jena (and hourly, the
                file of the stored outputs), rain (05e), files (downloads, atomic writes)
    lessons     the lessons' helpers: windows (the book's generator and its twins), task
                (notebook 05's task for 06-07), plots, diagrams and cell_diagrams, results
                (a notebook's metrics saved and read back), resume (runs that survive a kill),
                callbacks (a fit's time and XLA, off the slides),
                summary (the stored seeds as the numbers and comparisons the prose quotes)
    exercises   the exercise notebooks' checks: checking (check, hint, solution), one module
                per notebook (basics 02e, lstm_gru and reber 04e, jena, humidity and rain 05e,
                experiments 07e)

The lessons call their helpers as `rnnbook.<name>` (`rnnbook.generator`): `__all__` lists
those names, each loaded from its module on first use. The exercise notebooks import their
checks from `rnnbook.exercises.<notebook>`.

Environment variables:
    RNN_QUICK=1        the quick profile (CI): small subsets, few epochs. Unset: the book's.
    RNN_SEED=N         the random seed of a run (default 0); the study runs several.
    RNN_DATA_DIR=DIR   read imdb.npz, imdb_word_index.json, jena_climate_2009_2016.csv
                       from DIR instead of downloading them.
    RNN_JENA_CSV=FILE  a Jena-format CSV to use instead of the official file.
    RNN_JENA_HOURLY=1  the hourly 6-feature data the stored outputs ran on, derived from the
                       official file and checked by its sha256 (not with RNN_JENA_CSV).
    RNN_CHECKPOINTS_DIR=DIR  where long runs keep their progress (notebook 07; in Colab, a
                       folder on Google Drive, which outlives the machine).
"""

import importlib as _importlib
import os as _os
import sys as _sys
import warnings as _warnings

# TensorFlow reads these once, when it is first imported.
if "tensorflow" in _sys.modules:
    _warnings.warn("import rnnbook before keras/tensorflow, or its settings come too late")
_os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"  # hide TensorFlow's C++ logs (deterministic ops log a harmless error)
_os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"  # no oneDNN kernels, whose float sums vary by CPU
_os.environ["COLUMNS"] = "80"  # model.summary() has the same width everywhere

# The lessons' names: where each one lives. A module's own name stands for the module.
_LESSON_NAMES = {
    "config": ["profile", "pick", "seed", "show_source", "jit_compile", "deterministic_ops"],
    "data.files": ["data_dir"],
    "data.imdb": ["load_imdb", "load_imdb_word_index"],
    "data.jena": ["JENA_FEATURES", "load_jena", "parse_jena_csv"],
    "lessons.windows": ["generator", "fast_generator", "WindowDataset", "ShuffledWindows",
                        "batches_per_pass", "evaluated_batches", "check_window_args",
                        "jena_splits", "window_args", "windows_across_gaps",
                        "timeseries_windows"],
    "lessons.task": ["jena_task"],
    "lessons.plots": ["plot_mae", "plot_training"],
    "lessons.results": ["imdb_record", "jena_record", "save_results", "load_results"],
    "lessons.resume": ["checkpoint_folder", "LongRun"],
    "lessons.callbacks": ["Stopwatch", "CompileWithXLA"],
    "lessons.finished": ["LoadFinished"],
    "lessons.speed": ["dropout_cost"],
    "lessons.summary": ["seed_runs", "seed_table", "Seeds", "compare", "joined"],
    "lessons": ["diagrams", "cell_diagrams"],
}
_WHERE = {name: module for module, names in _LESSON_NAMES.items() for name in names}

__all__ = sorted(_WHERE)


def __getattr__(name):
    """Load a lesson's name from its module on first use (PEP 562)."""
    if name not in _WHERE:
        raise AttributeError(f"module 'rnnbook' has no attribute {name!r}")
    module = _importlib.import_module(f"rnnbook.{_WHERE[name]}")
    value = getattr(module, name) if hasattr(module, name) else _importlib.import_module(
        f"rnnbook.{_WHERE[name]}.{name}")
    globals()[name] = value
    return value


def __dir__():
    return __all__
