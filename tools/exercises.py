"""`make exercises`: the student copies of the exercise notebooks, without their solutions,
and the solutions `qN.solution()` shows, taken from the same cells.

    python -m tools.exercises           write notebooks/student_<name>.ipynb for each
                                        exercise notebook notebooks/NNe_<name>.ipynb, and
                                        notebooks/rnnbook/exercises/solutions.py
    python -m tools.exercises --check   write nothing; exit 1 naming each file that is
                                        missing or differs from what would be written
An exercise notebook whose tags break the convention is named, with the cell and the fix, and
gets no copy (the others are written); the exit status is then 1.

Exercise notebooks are written solution first (as the scikit-learn MOOC's are) and tagged in
their cells' metadata:
    answer     the stub a student fills in (`answer = None`, or a function that returns
               None): kept in the student copy. It must be followed by a solution cell.
    solution   the solution, code or text: left out of the student copy. A code solution
               must follow an answer cell (or another solution cell), so that the student
               copy still defines the names the check reads.
The student copy keeps every other cell, with all outputs cleared and the `# NBVAL_CHECK_OUTPUT`
markers dropped (it stores no outputs to compare); its Colab badge opens the copy itself.
It lies beside the lessons in notebooks/, so `import rnnbook` works as in every notebook.
The copies are committed (a lecturer hands out their links); tests/test_exercises_tool.py
fails when one is out of date.

The solution cells are the one source of each solution: the cells tagged solution before a
question's `qN.check(...)` cell are, joined, what `qN.solution()` prints. They are written into
rnnbook/exercises/solutions.py (generated, committed, so that Colab's install has them).
"""

import re
import sys
from pathlib import Path

import nbformat

from tools import colab  # the badge's format

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
SOLUTIONS_MODULE = NOTEBOOKS / "rnnbook" / "exercises" / "solutions.py"
CHECK_CALL = re.compile(r"^(q\d+)\.check\(", re.M)
MARKER = "# NBVAL_CHECK_OUTPUT"
STUDENT_NOTE = ("*Student copy, written by `make exercises` from `{source}` without its "
                "solutions: each `qN.hint()` and `qN.solution()` still helps.*")


class Refused(Exception):
    """An exercise notebook whose tags do not make a working student copy: it gets none."""


def exercise_notebooks(folder=NOTEBOOKS):
    return sorted(folder.glob("[0-9][0-9]e_*.ipynb"))


def student_path(path):
    return path.with_name(f"student_{path.name}")


def tags(cell):
    return set(cell.metadata.get("tags", []))


def check_tags(path, cells):
    """Raise Refused naming the first cell whose tags break the convention."""
    previous = None
    for i, cell in enumerate(cells):
        where = f"{path.name}, cell {i} (id {cell.get('id')})"
        if {"answer", "solution"} <= tags(cell):
            raise Refused(f"{where} is tagged both answer and solution: keep one tag")
        if previous is not None and "answer" in tags(previous) and "solution" not in tags(cell):
            raise Refused(f"{where} follows an answer cell but is not "
                          "tagged solution: put the solution right after its answer cell")
        if "solution" in tags(cell) and cell.cell_type == "code" and (
                previous is None or not tags(previous) & {"answer", "solution"}):
            raise Refused(f"{where} is a code solution with no answer cell before it: add a "
                          "cell tagged answer (the stub) above it")
        previous = cell
    if previous is not None and "answer" in tags(previous):
        raise Refused(f"{path.name}: the last cell is an answer cell with no solution after it")


def student_cell(cell):
    cell = nbformat.from_dict(dict(cell))
    if cell.cell_type == "code":
        cell.outputs, cell.execution_count = [], None
        lines = cell.source.split("\n")
        cell.source = "\n".join(line for line in lines if line.strip() != MARKER)
    return cell


def student_copy(path):
    """The student copy of an exercise notebook (a NotebookNode); Refused if its tags are wrong."""
    notebook = nbformat.read(path, as_version=4)
    check_tags(path, notebook.cells)
    if not any("solution" in tags(c) for c in notebook.cells):
        raise Refused(f"{path.name} has no cell tagged solution: nothing to leave out")
    cells = [student_cell(c) for c in notebook.cells if "solution" not in tags(c)]
    title = cells[0]
    badge = colab.badge(student_path(path).name)
    title.source, found = colab.ANY_BADGE.subn(lambda _: badge, title.source)
    if not found:
        raise Refused(f"{path.name}: the first cell has no Colab badge: run colab.stamp on it")
    title.source += "\n\n" + STUDENT_NOTE.format(source=path.name)
    notebook.cells = cells
    return notebook


def notebook_key(path):
    """'05e' for notebooks/05e_exercises_jena.ipynb: how the checks name their notebook, and
    its assignment in `make grade`."""
    return path.name.split("_", 1)[0]


def solutions(path):
    """{question: solution text} of an exercise notebook: the solution cells before each
    `qN.check(...)` cell, code as it is, a Markdown model answer after it. Refused if a
    solution cell has no check after it, or a question is checked twice."""
    notebook = nbformat.read(path, as_version=4)
    found, pending = {}, []
    for i, cell in enumerate(notebook.cells):
        if "solution" in tags(cell):
            pending.append(cell.source.strip())
            continue
        question = CHECK_CALL.search(cell.source) if cell.cell_type == "code" else None
        if question and pending:
            if question[1] in found:
                raise Refused(f"{path.name}, cell {i}: {question[1]} has solution cells before "
                              "two of its checks: keep them before one")
            found[question[1]] = "\n\n".join(pending)
            pending = []
    if pending:
        raise Refused(f"{path.name}: a solution cell has no `qN.check(...)` cell after it: "
                      "add the check, or untag the cell")
    return found


def solutions_module(notebooks):
    """The text of rnnbook/exercises/solutions.py for these exercise notebooks."""
    table = {notebook_key(path): solutions(path) for path in notebooks}
    body = ",\n".join(
        f"    {key!r}: {{\n" + ",\n".join(f"        {q!r}: {text!r}" for q, text in sorted(
            questions.items(), key=lambda item: int(item[0][1:]))) + ",\n    }"
        for key, questions in table.items())
    return f'''"""The exercise notebooks' solutions, as `qN.solution()` shows them.

Generated by `make exercises` (tools/exercises.py) from the cells tagged solution in
notebooks/NNe_*.ipynb, their one source: edit those cells, never this file.
"""

__all__ = ["SOLUTIONS", "of"]

SOLUTIONS = {{
{body},
}}


def of(notebook, question):
    """The solution of `question` ('q3') in exercise notebook `notebook` ('05e')."""
    return SOLUTIONS[notebook][question]
'''


def text_of(notebook):
    """The notebook's file contents, as nbformat.write writes them."""
    text = nbformat.writes(notebook)
    return text if text.endswith("\n") else text + "\n"


def update(target, text, check):
    """Write `text` to `target` unless it holds it already (with `check`, say so instead);
    True if `target` is out of date under --check."""
    if (target.read_text(encoding="utf-8") if target.exists() else None) == text:
        return False
    if check:
        print(f"not up to date: {target.name}: run `make exercises`", file=sys.stderr)
        return True
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target.relative_to(NOTEBOOKS.parent)}")
    return False


def main(argv):
    if argv not in ([], ["--check"]):
        print(__doc__, file=sys.stderr)
        return 2
    failed = False
    for path in exercise_notebooks():
        target = student_path(path)
        try:
            failed |= update(target, text_of(student_copy(path)), argv == ["--check"])
        except Refused as refused:
            print(f"exercises.py: {target.name} not written: {refused}", file=sys.stderr)
            failed = True
    try:
        text = solutions_module(exercise_notebooks())
    except Refused as refused:
        print(f"exercises.py: {SOLUTIONS_MODULE.name} not written: {refused}", file=sys.stderr)
        return 1
    failed |= update(SOLUTIONS_MODULE, text, argv == ["--check"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
