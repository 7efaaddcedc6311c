"""`make grade`'s kernels load this IPython extension (tools/grading/course.py): from then on
`rnnbook.exercises.solutions` is this module, whose every solution is WITHHELD. A submission
that imports the solutions, calls `qN.solution()` or executes a solution's text gets no answer
from them; each check cell's hidden tests fail if the real module was loaded after all.

The course package is otherwise the installed one (its data, results and checkpoints where
they always are)."""

import importlib.abc
import importlib.util
import sys
from collections import defaultdict

__all__ = ["SOLUTIONS", "of", "WITHHELD"]

WITHHELD = "# withheld while grading"
SOLUTIONS = defaultdict(lambda: defaultdict(lambda: WITHHELD))  # any notebook, any question


def of(notebook, question):
    """What `qN.solution()` shows while grading: WITHHELD."""
    return WITHHELD


class Withheld(importlib.abc.MetaPathFinder):
    """Finds `rnnbook.exercises.solutions` here, before the installed package is searched."""

    def find_spec(self, name, path=None, target=None):
        if name == "rnnbook.exercises.solutions":
            return importlib.util.spec_from_file_location(name, __file__)
        return None


def load_ipython_extension(ipython):
    sys.meta_path.insert(0, Withheld())
