"""Helpers for the RNN notebooks (Deep Learning with Python, 1st ed., 6.2-6.3).

Import this package before Keras: importing it sets the environment variables TensorFlow
reads when it loads. The code each lesson is about (the book's loops, generators and
models) is written in the notebooks' cells; these modules hold what the lessons lean on.

What a student opens (the lessons' helpers):
    windows   the Jena splits, windows in hours (window_args), the book's `generator`
              (tested copy) and its fast twin, batches per pass, windows across gaps
    task      notebook 05's task in one call (data, windows, baselines, training), for 06-07
    plots     training and validation curves
    resume    long runs that go on after a kill (fit_resumable)
    results   a model's record (imdb_record, jena_record); results saved and read back
Plumbing:
    config    the run profile (quick or full), the seed (RNN_QUICK, RNN_SEED); show_source
    imdb      IMDB, offline or downloaded, checked
    jena      the Jena CSV: found, downloaded or given, parsed, checked, labelled
    hourly    the hourly 2009-2016 file of the stored outputs, derived byte for byte from
              the official file (RNN_JENA_HOURLY=1)
    files     where the repository is; offline copies, checked downloads, safe .npz reading,
              atomic writes
    diagrams  the lessons' figures, drawn with matplotlib (unrolled RNN, sequence kinds, ...)
    cell_diagrams  the LSTM cell with its carry (03) and the GRU cell (04), drawn the same way
Exercises:
    checking  Exercise (check, hint, solution) and Wrong: answers that check themselves
    ex_basics, ex_lstm_gru
              the checks of notebooks 02e (the SimpleRNN step, shapes, counts, the lecture
              notes' exercises 2 and 3) and 04e (the LSTM and GRU steps, the Reber grammar)
    reber     the embedded Reber grammar: strings, near-misses, twins, the held-out set
    ex_jena, ex_humidity, ex_rain, ex_experiments
              the checks of notebooks 05e (windows, humidity, rain) and 07e (6.3.9's
              experiments, judged with the seed spread)
    rain      the Jena station's own rain, hourly (05e's offline counterpart of the lecture
              notes' exercise 8): found, downloaded, its numbers checked by sha256

Every public name is reached as rnnbook.<name>, e.g. rnnbook.generator.

Environment variables:
    RNN_QUICK=1        the quick profile (CI): small subsets, few epochs. Unset: the book's.
    RNN_SEED=N         the random seed of a run (default 0); the report runs several.
    RNN_DATA_DIR=DIR   read imdb.npz, imdb_word_index.json, jena_climate_2009_2016.csv
                       from DIR instead of downloading them.
    RNN_JENA_CSV=FILE  a Jena-format CSV to use instead of the official file.
    RNN_JENA_HOURLY=1  the hourly 6-feature data the stored outputs ran on, derived from the
                       official file and checked by its sha256 (not with RNN_JENA_CSV).
"""

import os
import sys
import warnings

# TensorFlow reads these once, when it is first imported.
if "tensorflow" in sys.modules:
    warnings.warn("import rnnbook before keras/tensorflow, or its settings come too late")
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"  # hide TensorFlow's C++ info and warning logs
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"  # no oneDNN kernels, whose float sums vary by CPU
os.environ["COLUMNS"] = "80"  # model.summary() has the same width everywhere

from .config import *  # noqa: E402,F403  (the environment must be set first)
from .files import *  # noqa: E402,F403
from .hourly import *  # noqa: E402,F403
from .imdb import *  # noqa: E402,F403
from .jena import *  # noqa: E402,F403
from .plots import *  # noqa: E402,F403
from .results import *  # noqa: E402,F403
from .resume import *  # noqa: E402,F403
from .task import *  # noqa: E402,F403
from .windows import *  # noqa: E402,F403
