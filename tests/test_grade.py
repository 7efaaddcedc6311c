"""`make grade` (tools/grade.py, tools/grading/): the exercise notebooks as nbgrader
assignments (solution regions, read-only cells, check cells as autograded tests with points),
bad inputs refused naming the fix, the solutions withheld from graded kernels, what went wrong
in a graded notebook; and, end to end (slow), planted submissions to 02e graded exactly.

A planted submission (tests/grading/<student>.py) is the release's notebook with some cells
rewritten: `# %% <grade_id>` starts the new source of the cell with that nbgrader grade_id
('q1_answer' for an answer cell, 'q1' for a check cell); `# %% <grade_id>: deleted` deletes it.
"""

import csv
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from tools import colab, exercises, grade
from tools.grading import autograde, course, source

ROOT = Path(__file__).resolve().parent.parent
PLANTED = Path(__file__).resolve().parent / "grading"
BADGE = colab.BADGE.format(repository=colab.REPOSITORY, ref=colab.REF, name="09e_tiny.ipynb")


def cell(kind, text, *tags):
    made = (new_code_cell if kind == "code" else new_markdown_cell)(text)
    if tags:
        made.metadata["tags"] = list(tags)
    return made


def write(tmp_path, *cells):
    path = tmp_path / "09e_tiny.ipynb"
    nbformat.write(new_notebook(cells=[cell("markdown", "# 9e. Tiny\n\n" + BADGE), *cells],
                                metadata={"kernelspec": {"name": "python3", "language": "python",
                                                         "display_name": "Python 3"}}), path)
    return path


TINY = [cell("code", "import rnnbook"),
        cell("markdown", "## 1. The answer"),
        cell("code", "def answer():\n    return None  # your code", "answer"),
        cell("code", "def answer():\n    return 42", "solution"),
        cell("markdown", "*Model answer.* Six times seven.\nNothing else.", "solution"),
        cell("code", "# NBVAL_CHECK_OUTPUT\nq1.check(answer)\n# q1.hint()\n# q1.solution()")]


def test_the_source_version_has_solution_regions_read_only_cells_and_points(tmp_path):
    notebook = source.source_notebook(write(tmp_path, *TINY), {"q1": 3})
    assert [c.source for c in notebook.cells] == [
        "# 9e. Tiny\n\n" + BADGE.replace("09e_tiny", "student_09e_tiny") + "\n\n"
        "*Graded version, written by `make grade` from `09e_tiny.ipynb`: fill in the answer "
        "cells; the cells that check them are read-only and count when it is graded.*",
        "import rnnbook",
        "## 1. The answer",
        "def answer():\n    return None  # your code\n### BEGIN SOLUTION\n"
        "def answer():\n    return 42\n\n# *Model answer.* Six times seven.\n# Nothing else.\n"
        "### END SOLUTION",
        "q1.check(answer)\n" + source.GUARD]
    assert source.GUARD.startswith("### BEGIN HIDDEN TESTS\n")
    assert source.GUARD.endswith("\n### END HIDDEN TESTS")
    meta = [c.metadata["nbgrader"] for c in notebook.cells]
    given = {"grade": False, "solution": False, "locked": True, "schema_version": 3}
    assert meta == [{**given, "grade_id": "given_0"}, {**given, "grade_id": "given_1"},
                    {**given, "grade_id": "given_2"},
                    {"grade": False, "solution": True, "locked": False, "schema_version": 3,
                     "grade_id": "q1_answer"},
                    {"grade": True, "solution": False, "locked": True, "schema_version": 3,
                     "grade_id": "q1", "points": 3}]
    assert all(c.outputs == [] for c in notebook.cells if c.cell_type == "code")


def test_the_readme_states_each_assignments_points_as_tools_grade_gives_them():
    totals = [f"{key} {sum(points.values())}" for key, points in grade.POINTS.items()]
    stated = f"(`POINTS` in `tools/grade.py`: {totals[0]} in all, {', '.join(totals[1:])})"
    assert stated in " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())


def test_two_answer_cells_of_one_question_get_their_own_ids(tmp_path):
    notebook = source.source_notebook(write(
        tmp_path, cell("code", "a = None", "answer"), cell("code", "a = 1", "solution"),
        cell("code", "b = None", "answer"), cell("code", "b = 2", "solution"),
        cell("code", "q1.check(a, b)")), {"q1": 1})
    assert [c.metadata["nbgrader"]["grade_id"] for c in notebook.cells] == [
        "given_0", "q1_answer", "q1_answer_2", "q1"]


def released(notebook, root):
    """What nbgrader generate_assignment makes of a source version (its solution and hidden
    test regions cleared), run in this process."""
    from nbgrader.preprocessors import ClearHiddenTests, ClearSolutions
    c = course.config(root, 30)
    notebook, _ = ClearSolutions(config=c).preprocess(notebook, {})
    notebook, _ = ClearHiddenTests(config=c).preprocess(notebook, {})
    return notebook


@pytest.mark.parametrize("path", exercises.exercise_notebooks(), ids=lambda p: p.name[:3])
def test_each_release_is_its_student_copy_with_every_question_priced(path, tmp_path):
    key = exercises.notebook_key(path)
    notebook = source.source_notebook(path, grade.POINTS[key])
    points = {c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader["points"]
              for c in notebook.cells if c.metadata.nbgrader["grade"]}
    assert points == grade.POINTS[key]
    student = exercises.student_copy(path).cells
    release = released(notebook, tmp_path).cells
    assert len(release) == len(student)
    for mine, theirs in zip(release[1:], student[1:]):
        assert mine.source.rstrip("\n") == source.HELP_LINE.sub("", theirs.source).rstrip("\n")
    assert release[0].source.endswith(source.GRADED_NOTE.format(source=path.name))
    assert "BEGIN" not in "".join(c.source for c in release)


@pytest.mark.parametrize("cells, points, message", [
    ([cell("code", "a = None", "answer"), cell("code", "q1.check(a)")], {"q1": 1},
     "09e_tiny.ipynb, cell 2 (id {2}) follows an answer cell but is not tagged solution: put "
     "the solution right after its answer cell"),
    ([cell("code", "q1.check(1)"), cell("code", "a = None", "answer"),
      cell("code", "a = 1", "solution")], {"q1": 1},
     "09e_tiny.ipynb, answer cell 2 (id {2}) has no `qN.check(...)` cell after it: add the "
     "check cell its question is graded by"),
    ([cell("markdown", "Why?", "answer"), cell("markdown", "Because.", "solution"),
      cell("code", "q1.check(1)")], {"q1": 1},
     "09e_tiny.ipynb, answer cell 1 (id {1}) is Markdown: nbgrader autogrades code only: make "
     "it a code cell its check reads"),
    ([cell("code", "a = None", "answer"), cell("code", "a = 1", "solution"),
      cell("code", "q1.check(a)"), cell("code", "q1.check(a)")], {"q1": 1},
     "09e_tiny.ipynb checks q1 in more than one cell: keep one `qN.check(...)` cell a question"),
    ([cell("code", "a = None", "answer"), cell("code", "a = 1", "solution"),
      cell("code", "q1.check(a)\nq2.check(a)")], {"q1": 1, "q2": 1},
     "cell {3} checks q1 and q2: give each check a cell of its own"),
    ([cell("code", "a = None", "answer"), cell("code", "a = 1", "solution"),
      cell("code", "q1.check(a)")], {},
     "09e_tiny.ipynb: q1 has no points: add it to POINTS in tools/grade.py"),
    ([cell("code", "a = None", "answer"), cell("code", "a = 1", "solution"),
      cell("code", "q1.check(a)")], {"q1": 1, "q2": 2},
     "POINTS in tools/grade.py gives points to q2, which 09e_tiny.ipynb does not check: "
     "remove it there"),
])
def test_a_notebook_nbgrader_cannot_grade_is_refused_naming_the_fix(tmp_path, cells, points,
                                                                    message):
    path = write(tmp_path, *cells)
    ids = [c.id for c in nbformat.read(path, as_version=4).cells]
    with pytest.raises(exercises.Refused) as refused:
        source.source_notebook(path, points)
    assert str(refused.value) == message.format(*ids)


NOTEBOOKS = {"02e": "02e_exercises_rnn_basics.ipynb", "04e": "04e_exercises_lstm_gru.ipynb"}


def test_collecting_copies_only_the_assignments_notebooks_and_names_what_is_missing(tmp_path):
    given = tmp_path / "given"
    for student, path in [("ann", "02e/02e_exercises_rnn_basics.ipynb"),
                          ("ann", "02e/helper.py"), ("ann", "04e/Untitled.ipynb"),
                          ("ben", "notes/02e_exercises_rnn_basics.ipynb"),
                          ("ben", "02e_exercises_rnn_basics.ipynb")]:
        (given / student / path).parent.mkdir(parents=True, exist_ok=True)
        (given / student / path).write_text("{}")
    (given / ".DS_Store").write_text("")
    found = course.collect(given, tmp_path / "course", NOTEBOOKS)
    assert found == {
        "ann": {"02e": None, "04e": "04e: no 04e_exercises_lstm_gru.ipynb (found: "
                                    "Untitled.ipynb): rename the student's notebook to it"},
        "ben": {"02e_exercises_rnn_basics.ipynb": "02e_exercises_rnn_basics.ipynb is no "
                "assignment folder (the assignments: 02e, 04e): move the notebook into one",
                "notes": "notes is no assignment folder (the assignments: 02e, 04e): move the "
                         "notebook into one"}}
    copied = sorted(p.relative_to(tmp_path / "course") for p in (tmp_path / "course").rglob("*")
                    if p.is_file())
    assert copied == [Path("submitted/ann/02e/02e_exercises_rnn_basics.ipynb")]


def test_a_student_not_graded_scores_0_with_the_reason_in_the_notes(tmp_path):
    misnamed = "04e: no 04e_exercises_lstm_gru.ipynb (found: x.ipynb): rename it"
    found = {"ann": {"02e": None, "04e": misnamed, "misc": "misc is no assignment folder"},
             "ben": {"04e": misnamed}}
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "ann.json").write_text('{"02e": "DeadKernelError: Kernel died"}')
    zeros = {f"02e q{n}": 0 for n in range(1, 7)} | {f"04e q{n}": 0 for n in range(1, 6)}
    assert grade.row(tmp_path, "ann", found, "grading stopped after 61 s", 30) == {
        "student": "ann", **zeros, "total": 0, "max": 19,
        "notes": f"{misnamed}; misc is no assignment folder; grading stopped after 61 s; 02e: "
                 "not graded (DeadKernelError: Kernel died; see logs/ann.log)"}
    assert grade.row(tmp_path, "ben", found, None, 30) == {
        "student": "ben", **zeros, "total": 0, "max": 19,
        "notes": f"{misnamed}; 02e: not submitted"}


def test_a_missing_or_empty_submissions_folder_is_refused_naming_the_layout(tmp_path):
    with pytest.raises(exercises.Refused) as refused:
        course.collect(tmp_path / "nowhere", tmp_path / "course", NOTEBOOKS)
    assert str(refused.value) == (
        f"SUBMISSIONS={tmp_path}/nowhere: no such folder: name the folder that holds the "
        f"submissions, as {tmp_path}/nowhere/<student>/<assignment>/<notebook>.ipynb")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "grades.csv").write_text("")
    with pytest.raises(exercises.Refused) as refused:
        course.collect(tmp_path / "empty", tmp_path / "course", NOTEBOOKS)
    assert str(refused.value) == (
        f"SUBMISSIONS={tmp_path}/empty holds no student folder: lay the submissions out as "
        f"{tmp_path}/empty/<student>/<assignment>/<notebook>.ipynb, e.g. "
        "alice/02e/02e_exercises_rnn_basics.ipynb")


def test_the_build_folder_is_rewritten_only_where_nothing_can_be_lost(tmp_path):
    root = tmp_path / "grading"
    grade.fresh(root, None)
    (root / "old.txt").write_text("from the last run")
    grade.fresh(root, None)
    assert sorted(p.name for p in root.iterdir()) == [grade.MARK]
    for submissions in (root / "submitted", root, tmp_path):
        with pytest.raises(exercises.Refused, match=(
                rf"^SUBMISSIONS={re.escape(str(submissions))} and the build folder "
                rf"{re.escape(str(root))} overlap, and make grade rewrites the build folder: "
                "keep the submissions elsewhere$")):
            grade.fresh(root, submissions)
    mine = tmp_path / "mine"
    (mine / "notes").mkdir(parents=True)
    with pytest.raises(exercises.Refused, match=(
            rf"^{re.escape(str(mine))} is not a folder make grade wrote \(no \.make-grade\): "
            "name another with --build, or remove it$")):
        grade.fresh(mine, None)
    assert (mine / "notes").is_dir()


@pytest.mark.parametrize("argv", [["--timeout", "0"], ["--jobs", "0"]])
def test_a_timeout_or_jobs_below_one_is_refused(argv, capsys):
    with pytest.raises(SystemExit):
        grade.parse(argv)
    assert "--timeout and --jobs take a whole number from 1" in capsys.readouterr().err


def test_the_kernels_run_checks_strictly_with_the_solutions_withheld():
    environ = {"PYTHONPATH": "/elsewhere"}
    course.kernel_environment(environ)
    assert environ == {"RNN_CHECK_STRICT": "1",
                       "PYTHONPATH": f"{course.KERNEL}{os.pathsep}/elsewhere"}
    c = course.config("/tmp/course", 42)
    assert c.Execute.timeout == 42
    assert "--IPKernelApp.extensions=withheld_solutions" in c.Execute.extra_arguments
    assert [p.__name__ for p in c.Autograde.autograde_preprocessors][:2] == [
        "SurvivingExecute", "IgnorePattern"]
    assert c.OverwriteCells.add_missing_cells and c.IgnorePattern.enabled
    assert autograde.gradebook(Path("build/grading"), "ann") == (
        Path.cwd() / "build" / "grading" / "gradebooks" / "ann.db")


def test_the_withheld_module_stands_in_for_the_solutions_and_gives_none():
    kernel = course.KERNEL / "withheld_solutions.py"
    spec = importlib.util.spec_from_file_location("withheld_for_test", kernel)
    withheld = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(withheld)
    from rnnbook.exercises import solutions
    assert set(solutions.__all__) <= set(withheld.__all__)
    assert withheld.of("02e", "q1") == withheld.SOLUTIONS["02e"]["q1"] == withheld.WITHHELD
    assert withheld.WITHHELD.startswith("#")  # exec() of it defines nothing
    found = withheld.Withheld().find_spec("rnnbook.exercises.solutions")
    assert Path(found.origin) == kernel and found.name == "rnnbook.exercises.solutions"
    assert withheld.Withheld().find_spec("rnnbook.exercises.checking") is None
    with pytest.raises(AssertionError, match="graded outside `make grade`"):
        exec(source.GUARD, {})  # here the real solutions are loaded: no check counts


def error(ename, evalue=""):
    return new_output("error", ename=ename, evalue=evalue, traceback=[])


def test_a_graded_notebook_reports_timeouts_crashes_and_errors_not_wrong_answers(tmp_path):
    def graded(kind, grade_id, outputs, **meta):
        made = cell(kind, "...")
        made.metadata["nbgrader"] = {"grade_id": grade_id, **meta}
        made.outputs = outputs
        return made
    notebook = new_notebook(cells=[
        graded("code", "given_0", [error("ModuleNotFoundError", "No module named 'keras'")]),
        graded("code", "q1_answer", [error("KeyboardInterrupt"), error("CellTimeoutError")],
               solution=True),
        graded("code", "q1", [error("NameError", "name 'a' is not defined\nmore")], grade=True),
        graded("code", "q2", [error("Wrong", "q2: not yet")], grade=True),
        graded("code", "q3_answer_2", [error("KernelDied", "the kernel died running this "
                                                           "cell")], solution=True),
        graded("code", "q3", [error("NotRun", "the kernel was lost in cell 4")], grade=True),
        graded("code", "q4_answer", [error("KernelStopped", "...")], solution=True)])
    path = tmp_path / "autograded" / "ann" / "02e" / "02e_exercises_rnn_basics.ipynb"
    path.parent.mkdir(parents=True)
    nbformat.write(notebook, path)
    assert autograde.problems(tmp_path, "ann", "02e", 30) == [
        "cell 0: ModuleNotFoundError: No module named 'keras'",
        "q1 answer: timed out after 30 s",
        "q1: NameError: name 'a' is not defined",
        "q3 answer 2: KernelDied: the kernel died running this cell",
        "q4 answer: timed out after 30 s and went on: stopped there"]


def test_a_failed_grading_is_reported_by_its_first_real_exception():
    log = ("[ERROR] There was an error\n    Traceback (most recent call last):\n"
           "    nbclient.exceptions.DeadKernelError: Kernel died\n"
           "nbgrader.converters.base.NbGraderException: Please see the above\n")
    assert autograde.cause(log) == "DeadKernelError: Kernel died"
    assert autograde.cause("nbgrader.converters.base.NbGraderException: No notebooks found\n"
                           ) == "NbGraderException: No notebooks found"
    assert autograde.cause("[ERROR] no notebook\nsomething went wrong\n") == (
        "something went wrong")


@pytest.mark.slow
def test_a_kernel_that_goes_on_past_the_timeout_is_stopped_and_the_run_ends(tmp_path):
    """A plain kernel (no Keras), a 2 s timeout; nbclient gives up waiting for the interrupted
    cell's end 4 s later (iopub_timeout). The end-to-end test below has a loop that stops when
    interrupted (the notebook goes on) and a kernel that dies."""
    from tools.grading import execute
    stubborn = ("import time\nwhile True:\n    try:\n        time.sleep(0.1)\n"
                "    except KeyboardInterrupt:  # as a bare `except:` in a retry loop does\n"
                "        pass")
    notebook = new_notebook(cells=[new_code_cell("x = 41"), new_code_cell(stubborn),
                                   new_code_cell("print(x + 1)")],
                            metadata={"kernelspec": {"name": "python3", "language": "python",
                                                     "display_name": "Python 3"}})
    execute.SurvivingExecute(timeout=2).preprocess(notebook, {"metadata": {"path": tmp_path}})
    assert [[(o.output_type, o.get("ename")) for o in c.outputs] for c in notebook.cells] == [
        [], [("error", "KernelStopped")], [("error", "NotRun")]]


HANGS = """
import os, sys, time
from pathlib import Path
from tools.grading import autograde

def grade_student(root, student, assignments, timeout):
    os.setsid()
    if student == "hangs":
        time.sleep(600)
    raise SystemExit(3)

autograde.grade_student = grade_student
autograde.time_limit = lambda timeout, cells: 2
(Path(sys.argv[1]) / "gradebook.db").write_text("")
print(autograde.grade_all(sys.argv[1], {"hangs": [], "fails": []}, 1, 2))
"""


@pytest.mark.slow
def test_a_grading_that_hangs_is_stopped_and_one_that_fails_is_reported(tmp_path):
    """The last resort, past every cell's timeout; in a process of its own (it forks)."""
    done = subprocess.run([sys.executable, "-c", HANGS, str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.stdout == ("{'fails': 'grading failed (exit status 3)', "
                           "'hangs': 'grading stopped after 2 s'}\n"), done.stderr


def plant(release, answers):
    """The release's notebook as the planted student `answers` (a tests/grading/ file) left it."""
    notebook = nbformat.read(release, as_version=4)
    by_id = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in notebook.cells}
    parts = re.split(r"^# %% (.+)\n", answers.read_text(encoding="utf-8"), flags=re.M)[1:]
    for header, body in zip(parts[::2], parts[1::2]):
        grade_id, _, action = header.partition(": ")
        if action == "deleted":
            notebook.cells.remove(by_id[grade_id])
        else:
            by_id[grade_id].source = body.strip()
    return notebook


# Each planted student's score on 02e's q1-q6 (2, 1, 1, 1, 1, 2 points), total and notes.
EXPECTED = {
    "all_correct": ([2, 1, 1, 1, 1, 2], 8, ""),
    "endless_and_crashing": ([2, 0, 1, 1, 1, 0], 5,
                             "02e q2 answer: timed out after 30 s; 02e q2: NameError: name "
                             "'shape_b' is not defined; 02e q6 answer: KernelDied: the kernel "
                             "died running this cell"),
    "imports_solution": ([0, 0, 0, 1, 1, 0], 2,
                         "02e q1: NameError: name 'simple_rnn_step' is not defined; 02e q2: "
                         "NameError: name 'shape_a' is not defined; 02e q3: NameError: name "
                         "'counts' is not defined; 02e q6: AssertionError: RNN_CHECK_STRICT was "
                         "switched off: this check does not count"),
    "partly_correct": ([0, 0, 0, 0, 1, 2], 3,
                       "02e q2 answer: IndexError: tuple index out of range; 02e q2: NameError: "
                       "name 'shape_a' is not defined"),
}


@pytest.mark.slow
def test_make_grade_scores_each_planted_submission_exactly(tmp_path):
    """4 submissions of 02e (quick profile), 2 at a time; a cell gets 30 s (the slowest cell of
    a right answer, importing Keras, takes about 5 s of CPU)."""
    exercise = ROOT / "notebooks" / "02e_exercises_rnn_basics.ipynb"
    course.build(tmp_path / "release", [exercise], grade.POINTS, 30)
    release = tmp_path / "release" / "release" / "02e" / exercise.name
    submissions = tmp_path / "submissions"
    for answers in sorted(PLANTED.glob("*.py")):
        target = submissions / answers.stem / "02e" / exercise.name
        target.parent.mkdir(parents=True)
        nbformat.write(plant(release, answers), target)
    root = tmp_path / "grading"
    done = subprocess.run(
        [sys.executable, "-m", "tools.grade", "--build", str(root), "--submissions",
         str(submissions), "--timeout", "30", "--jobs", "2"],
        cwd=ROOT, env={**os.environ, "RNN_QUICK": "1"}, capture_output=True, text=True,
        timeout=400)
    assert done.returncode == 0, done.stderr
    with open(root / "grades.csv", encoding="utf-8") as table:
        rows = list(csv.DictReader(table))
    questions = [f"02e q{n}" for n in range(1, 7)]
    assert list(rows[0]) == ["student", *questions, "total", "max", "notes"]
    assert {r["student"]: ([int(r[q]) for q in questions], int(r["total"]), r["notes"])
            for r in rows} == EXPECTED
    assert {r["max"] for r in rows} == {"8"}
    for student in EXPECTED:
        feedback = root / "feedback" / student / "02e" / "02e_exercises_rnn_basics.html"
        assert f"Score: {float(EXPECTED[student][1])} / 8.0" in feedback.read_text("utf-8")
    handed_out = (root / "release" / "02e" / exercise.name).read_text(encoding="utf-8")
    assert "np.tanh(x_t @ kernel" not in handed_out and "HIDDEN" not in handed_out
