"""The nbgrader course folder `make grade` builds (tools/grade.py), in nbgrader's own layout:

    <root>/source/<assignment>/<notebook>.ipynb     the source versions (source.py)
    <root>/release/<assignment>/<notebook>.ipynb    nbgrader generate_assignment: for students
    <root>/gradebook.db                             the assignments, their cells and points
    <root>/submitted/<student>/<assignment>/...     the submissions, copied from SUBMISSIONS
    <root>/autograded/..., <root>/feedback/...      nbgrader autograde and generate_feedback
    <root>/gradebooks/<student>.db                  each student's copy of gradebook.db, graded

An assignment is one exercise notebook, named by its key ('02e'): a lecturer releases each
after its lecture, and a submission that breaks one notebook costs nothing in the others.
"""

import logging
import os
import shutil
import sys
from pathlib import Path

from traitlets.config import Config

from tools import exercises
from tools.grading import source

KERNEL = Path(__file__).resolve().parent / "kernel"  # the withheld solutions' extension
# How the kernel of each graded notebook starts: no history file, the solutions withheld.
KERNEL_ARGUMENTS = ["--HistoryManager.hist_file=:memory:",
                    "--IPKernelApp.extensions=withheld_solutions"]
# stderr in a check cell scores 0 in nbgrader: a warning printed while a right answer is
# checked (NumPy's overflow in a sigmoid, a Keras deprecation) must not.
WARNING = r"(?i)warn"


def config(root, timeout):
    """nbgrader's configuration: each cell of a submission gets `timeout` seconds."""
    c = Config()
    c.CourseDirectory.root = str(Path(root).resolve())
    c.ClearSolutions.code_stub = {"python": ""}  # the release's answer cell is the bare stub
    c.Execute.timeout = timeout
    from nbgrader.converters import Autograde
    from tools.grading.execute import SurvivingExecute
    c.Autograde.autograde_preprocessors = [
        SurvivingExecute if p.__name__ == "Execute" else p
        for p in Autograde.class_traits()["autograde_preprocessors"].default()]
    c.Execute.extra_arguments = KERNEL_ARGUMENTS
    c.OverwriteCells.add_missing_cells = True  # a deleted check cell is put back and run
    c.IgnorePattern.enabled = True
    c.IgnorePattern.pattern = WARNING
    c.HTMLExporter.template_name = "feedback"  # as nbgrader's own generate_feedback
    return c


def kernel_environment(environ):
    """`environ` for the kernels that run submissions: strict checks (a wrong answer raises,
    so its check cell scores 0) and the withheld solutions' extension on the path."""
    environ["RNN_CHECK_STRICT"] = "1"
    environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(KERNEL),
                                                          environ.get("PYTHONPATH")]))


def quiet_logs():
    """nbgrader logs into what run() returns, not onto the console."""
    logger = logging.getLogger("traitlets")
    logger.setLevel(logging.INFO)
    logger.propagate = False


def run(app_class, c, **coursedir):
    """Run an nbgrader app (GenerateAssignment, Autograde, GenerateFeedback) in this process;
    `coursedir` sets assignment_id and student_id. Returns nbgrader's {success, log, error}."""
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.utils import capture_log
    course_dir = CourseDirectory(config=c)
    for name, value in coursedir.items():
        setattr(course_dir, name, value)
    app = app_class(coursedir=course_dir, config=c)
    app.force = True
    return capture_log(app)


def build(root, notebooks, points, timeout):
    """Write the source version of each exercise notebook and generate its release.
    Returns {assignment: notebook file name}; raises Refused or RuntimeError (nbgrader's log)."""
    from nbgrader.converters import GenerateAssignment
    # nbgrader creates a gradebook with the `alembic` command installed beside this Python
    os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent),
                                          os.environ.get("PATH", "")])
    built = {}
    for path in notebooks:
        key = exercises.notebook_key(path)
        target = Path(root) / "source" / key / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(exercises.text_of(source.source_notebook(path, points.get(key, {}))),
                          encoding="utf-8")
        built[key] = path.name
    c = config(root, timeout)
    for key in built:
        result = run(GenerateAssignment, c, assignment_id=key)
        if not result["success"]:
            raise RuntimeError(f"nbgrader generate_assignment {key} failed:\n"
                               f"{result.get('log', '')}{result['error']}")
    return built


def collect(submissions, root, notebooks):
    """Copy each submitted notebook from `submissions`/<student>/<assignment>/<notebook>.ipynb
    into the course's submitted/ folder, and nothing else there (a file beside a notebook
    could shadow a module its kernel imports).

    `notebooks`: {assignment: notebook file name}. Returns {student: {assignment: problem}},
    the problem None for a notebook copied, else what is wrong."""
    folder = Path(submissions)
    layout = f"{folder}/<student>/<assignment>/<notebook>.ipynb"
    if not folder.is_dir():
        raise exercises.Refused(f"SUBMISSIONS={submissions}: no such folder: name the folder "
                                f"that holds the submissions, as {layout}")
    students = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not students:
        raise exercises.Refused(f"SUBMISSIONS={submissions} holds no student folder: lay the "
                                f"submissions out as {layout}, e.g. "
                                f"alice/{next(iter(notebooks))}/{next(iter(notebooks.values()))}")
    found = {}
    for student in students:
        found[student.name] = {}
        for entry in sorted(p for p in student.iterdir() if not p.name.startswith(".")):
            if entry.name not in notebooks or not entry.is_dir():
                found[student.name][entry.name] = (
                    f"{entry.name} is no assignment folder (the assignments: "
                    f"{', '.join(notebooks)}): move the notebook into one")
                continue
            notebook = entry / notebooks[entry.name]
            if not notebook.is_file():
                there = ", ".join(sorted(p.name for p in entry.iterdir())) or "nothing"
                found[student.name][entry.name] = (
                    f"{entry.name}: no {notebook.name} (found: {there}): rename the "
                    "student's notebook to it")
                continue
            target = Path(root) / "submitted" / student.name / entry.name / notebook.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(notebook, target)
            found[student.name][entry.name] = None
    return found
