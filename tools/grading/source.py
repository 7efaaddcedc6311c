"""The nbgrader source version of an exercise notebook: what `nbgrader generate_assignment`
turns into the version students get, and what `nbgrader autograde` grades against.

Built from the student copy (tools/exercises.py), cell for cell, with nbgrader's metadata:
    answer cell   the student's cell ("autograded answer"): the stub, then the solution cells'
                  code in a region ### BEGIN SOLUTION / ### END SOLUTION that the release
                  drops (a Markdown model answer goes in as comments), so the release's answer
                  cell is the student copy's
    check cell    the cell with `qN.check(...)` ("autograded tests", read-only, the question's
                  points): the check, then hidden tests (dropped from the release, run when
                  grading) that fail it unless the check ran strictly on withheld solutions
    other cells   read-only: the task's text and the given code; autograding puts back their
                  source if a student changed it
"""

import re

import nbformat

from tools import exercises

BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
# The hidden tests of every check cell. In `make grade`'s kernel (course.py) the solutions
# module is the withheld one and RNN_CHECK_STRICT=1, so a wrong answer has already raised; a
# submission that imported the real solutions, or switched strict mode off, fails here.
GUARD = """### BEGIN HIDDEN TESTS
import rnnbook.exercises.checking as _checking, rnnbook.exercises.solutions as _solutions
assert hasattr(_solutions, "WITHHELD"), "graded outside `make grade`: the solutions are visible"
assert _checking.strict(), "RNN_CHECK_STRICT was switched off: this check does not count"
### END HIDDEN TESTS"""
# A check cell's commented calls: a read-only cell cannot be uncommented.
HELP_LINE = re.compile(r"^# q\d+\.(hint|solution)\(\)\n?", re.M)
GRADED_NOTE = ("*Graded version, written by `make grade` from `{source}`: fill in the answer "
               "cells; the cells that check them are read-only and count when it is graded.*")


def nbgrader(grade_id, grade=False, solution=False, locked=False, points=None):
    """A cell's nbgrader metadata (schema 3)."""
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution}
    if points is not None:
        meta["points"] = points
    return meta


def solution_region(stub, solution_cells):
    """The answer cell's source: the stub, then the solution in a region the release drops."""
    parts = [c.source.strip() if c.cell_type == "code"
             else "\n".join(f"# {line}".rstrip() for line in c.source.strip().split("\n"))
             for c in solution_cells]
    return "\n".join([stub.rstrip(), BEGIN_SOLUTION, "\n\n".join(parts), END_SOLUTION])


def question_of(cell):
    """'q3' for a cell that runs `q3.check(...)`, else None; Refused for two checks in a cell."""
    found = exercises.CHECK_CALL.findall(cell.source) if cell.cell_type == "code" else []
    if len(found) > 1:
        raise exercises.Refused(f"cell {cell.get('id')} checks {' and '.join(found)}: give each "
                                "check a cell of its own")
    return found[0] if found else None


def source_notebook(path, points):
    """The nbgrader source version of exercise notebook `path`, as a NotebookNode.

    `points`: {question: points} for this notebook's questions. Refused (naming the fix) if
    the notebook breaks the tag convention, an answer cell has no check after it, a question
    is checked twice, or `points` and the notebook's questions differ."""
    original = nbformat.read(path, as_version=4)
    copy = exercises.student_copy(path)  # refuses a notebook whose tags break the convention
    given = iter(copy.cells)  # the original's cells but the solutions, in order
    cells, solutions = [], {}  # the answer cells' solution cells, by position in `cells`
    for cell in original.cells:
        if "solution" in exercises.tags(cell):
            solutions.setdefault(len(cells) - 1, []).append(cell)
        else:
            cells.append(next(given))
    note = "\n\n" + exercises.STUDENT_NOTE.format(source=path.name)
    cells[0].source = cells[0].source.removesuffix(note) + "\n\n" + GRADED_NOTE.format(
        source=path.name)

    questions = [question_of(cell) for cell in cells]
    checked = [q for q in questions if q]
    twice = sorted({q for q in checked if checked.count(q) > 1})
    if twice:
        raise exercises.Refused(f"{path.name} checks {', '.join(twice)} in more than one cell: "
                                "keep one `qN.check(...)` cell a question")
    unpriced = [q for q in checked if q not in points]
    if unpriced:
        raise exercises.Refused(f"{path.name}: {', '.join(unpriced)} has no points: add it to "
                                "POINTS in tools/grade.py")
    stale = sorted(set(points) - set(checked))
    if stale:
        raise exercises.Refused(f"POINTS in tools/grade.py gives points to {', '.join(stale)}, "
                                f"which {path.name} does not check: remove it there")

    answers = {}  # how many answer cells each question has had
    for i, cell in enumerate(cells):
        if questions[i]:
            cell.source = HELP_LINE.sub("", cell.source).rstrip() + "\n" + GUARD
            meta = nbgrader(questions[i], grade=True, locked=True, points=points[questions[i]])
        elif "answer" in exercises.tags(cell):
            question = next((q for q in questions[i:] if q), None)
            if cell.cell_type != "code":
                raise exercises.Refused(
                    f"{path.name}, answer cell {i} (id {cell.get('id')}) is Markdown: nbgrader "
                    "autogrades code only: make it a code cell its check reads")
            if question is None:
                raise exercises.Refused(
                    f"{path.name}, answer cell {i} (id {cell.get('id')}) has no `qN.check(...)` "
                    "cell after it: add the check cell its question is graded by")
            answers[question] = answers.get(question, 0) + 1
            grade_id = f"{question}_answer" + (f"_{answers[question]}" if answers[question] > 1
                                               else "")
            cell.source = solution_region(cell.source, solutions[i])
            meta = nbgrader(grade_id, solution=True)
        else:
            meta = nbgrader(f"given_{i}", locked=True)
        cell.metadata["nbgrader"] = meta
    copy.cells = cells
    return copy
