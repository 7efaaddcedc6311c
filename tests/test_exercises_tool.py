"""`make exercises` (tools/exercises.py): student copies without the solution cells, outputs
cleared, the badge on the copy; exercise notebooks whose tags break the convention refused;
the solutions `qN.solution()` shows taken from the solution cells; the committed copies and
solutions up to date."""

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from tools import colab
from tools import exercises

BADGE = colab.BADGE.format(repository=colab.REPOSITORY, ref=colab.REF, name="{}")


def cell(kind, source, *tags):
    made = (new_code_cell if kind == "code" else new_markdown_cell)(source)
    if tags:
        made.metadata["tags"] = list(tags)
    return made


def write(tmp_path, *cells, name="09e_tiny.ipynb"):
    path = tmp_path / name
    nbformat.write(new_notebook(cells=list(cells)), path)
    return path


def title():
    return cell("markdown", "# 9e. Tiny\n\n" + BADGE.format("09e_tiny.ipynb") + "\n\nIntro.")


def test_the_student_copy_leaves_out_the_solutions_and_every_output(tmp_path):
    check = cell("code", "# NBVAL_CHECK_OUTPUT\nq1.check(answer)\n# q1.hint()")
    check.outputs = [new_output("stream", name="stdout", text="Correct (q1): yes\n")]
    check.execution_count = 7
    path = write(tmp_path, title(), cell("code", "import rnnbook"),
                 cell("code", "answer = None  # your answer", "answer"),
                 cell("code", "answer = 42", "solution"),
                 cell("markdown", "*Model answer.* Because.", "solution"), check)
    student = exercises.student_copy(path)
    assert [c.source for c in student.cells] == [
        "# 9e. Tiny\n\n" + BADGE.format("student_09e_tiny.ipynb") + "\n\nIntro.\n\n"
        "*Student copy, written by `make exercises` from `09e_tiny.ipynb` without its "
        "solutions: each `qN.hint()` and `qN.solution()` still helps.*",
        "import rnnbook", "answer = None  # your answer", "q1.check(answer)\n# q1.hint()"]
    assert student.cells[3].outputs == [] and student.cells[3].execution_count is None
    assert student.cells[2].metadata["tags"] == ["answer"]
    assert exercises.student_path(path) == tmp_path / "student_09e_tiny.ipynb"


@pytest.mark.parametrize("cells, message", [
    ([cell("code", "answer = None", "answer"), cell("code", "q1.check(answer)")],
     "09e_tiny.ipynb, cell 2 (id {}) follows an answer cell but is not tagged solution: put "
     "the solution right after its answer cell"),
    ([cell("code", "answer = 42", "solution")],
     "09e_tiny.ipynb, cell 1 (id {}) is a code solution with no answer cell before it: add a "
     "cell tagged answer (the stub) above it"),
    ([cell("code", "answer = 42", "solution", "answer")],
     "09e_tiny.ipynb, cell 1 (id {}) is tagged both answer and solution: keep one tag"),
    ([cell("code", "q1.check(1)"), cell("code", "answer = None", "answer")],
     "09e_tiny.ipynb: the last cell is an answer cell with no solution after it"),
    ([cell("code", "q1.check(1)")],
     "09e_tiny.ipynb has no cell tagged solution: nothing to leave out"),
])
def test_tags_that_break_the_convention_are_refused_naming_the_cell(tmp_path, cells, message):
    path = write(tmp_path, title(), *cells)
    ids = [c.id for c in nbformat.read(path, as_version=4).cells]
    index = next((i for i, c in enumerate(cells) if c.metadata.get("tags")), 0) + 1
    blamed = ids[index + 1] if "follows an answer" in message else ids[index]
    with pytest.raises(exercises.Refused) as refused:
        exercises.student_copy(path)
    assert str(refused.value) == message.format(blamed)


def test_a_notebook_without_a_badge_is_refused(tmp_path):
    path = write(tmp_path, cell("markdown", "# 9e"), cell("code", "a = None", "answer"),
                 cell("code", "a = 1", "solution"))
    with pytest.raises(exercises.Refused, match=r"^09e_tiny\.ipynb: the first cell has no "
                                                r"Colab badge: run colab\.stamp on it$"):
        exercises.student_copy(path)


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """tools/exercises.py writing into tmp_path, never into the repository."""
    monkeypatch.setattr(exercises, "NOTEBOOKS", tmp_path)
    monkeypatch.setattr(exercises, "SOLUTIONS_MODULE", tmp_path / "solutions.py")
    return tmp_path


def test_check_names_a_stale_copy_and_writing_makes_it_current(scratch, monkeypatch, capsys):
    path = write(scratch, title(), cell("code", "a = None", "answer"),
                 cell("code", "a = 1", "solution"), cell("code", "q1.check(a)"))
    monkeypatch.setattr(exercises, "exercise_notebooks", lambda: [path])
    assert exercises.main(["--check"]) == 1
    assert capsys.readouterr().err == (
        "not up to date: student_09e_tiny.ipynb: run `make exercises`\n"
        "not up to date: solutions.py: run `make exercises`\n")
    assert exercises.main([]) == 0
    assert exercises.main(["--check"]) == 0
    written = nbformat.read(scratch / "student_09e_tiny.ipynb", as_version=4)
    assert [c.source for c in written.cells][1:] == ["a = None", "q1.check(a)"]
    assert exercises.main(["--bogus"]) == 2


def test_a_refused_notebook_gets_no_copy_and_the_others_do(scratch, monkeypatch, capsys):
    broken = write(scratch, title(), cell("code", "a = 1", "solution"), name="08e_broken.ipynb")
    fine = write(scratch, title(), cell("code", "a = None", "answer"),
                 cell("code", "a = 1", "solution"), cell("code", "q1.check(a)"))
    monkeypatch.setattr(exercises, "exercise_notebooks", lambda: [broken, fine])
    assert exercises.main([]) == 1
    said = capsys.readouterr()
    assert said.err.startswith("exercises.py: student_08e_broken.ipynb not written: "
                               "08e_broken.ipynb, cell 1 (id ")
    assert said.out.startswith(f"wrote {scratch.name}/student_09e_tiny.ipynb\n")
    assert sorted(p.name for p in scratch.glob("student_*")) == ["student_09e_tiny.ipynb"]


def test_each_question_shows_the_solution_cells_before_its_check(tmp_path):
    path = write(tmp_path, title(), cell("code", "a = None", "answer"),
                 cell("code", "a = 1", "solution"),
                 cell("markdown", "*Model answer.* One.", "solution"),
                 cell("code", "# NBVAL_CHECK_OUTPUT\nq1.check(a)\n# q1.solution()"),
                 cell("code", "b = None", "answer"), cell("code", "b = 2", "solution"),
                 cell("code", "q2.check(b)"))
    assert exercises.solutions(path) == {"q1": "a = 1\n\n*Model answer.* One.", "q2": "b = 2"}
    namespace = {}
    exec(exercises.solutions_module([path]), namespace)
    assert namespace["of"]("09e", "q2") == "b = 2"


@pytest.mark.parametrize("cells, message", [
    ([cell("code", "a = None", "answer"), cell("code", "a = 1", "solution")],
     "09e_tiny.ipynb: a solution cell has no `qN.check(...)` cell after it"),
    ([cell("code", "a = None", "answer"), cell("code", "a = 1", "solution"),
      cell("code", "q1.check(a)"), cell("code", "a = None", "answer"),
      cell("code", "a = 2", "solution"), cell("code", "q1.check(a)")],
     "09e_tiny.ipynb, cell 6: q1 has solution cells before two of its checks"),
])
def test_solutions_that_cannot_be_placed_are_refused(tmp_path, cells, message):
    with pytest.raises(exercises.Refused, match=message.replace("(", r"\(").replace(")", r"\)")):
        exercises.solutions(write(tmp_path, title(), *cells))


def test_what_each_check_shows_as_its_solution_is_its_notebooks_solution_cells():
    from rnnbook.exercises import basics, jena, lstm_gru, solutions
    shown = {(key, q.title.split(",")[0]): q._solution
             for key, module in (("02e", basics), ("04e", lstm_gru), ("05e", jena))
             for q in module.exercises()}
    assert len(shown) == 15
    for path in exercises.exercise_notebooks():
        from_cells = exercises.solutions(path)
        assert from_cells == solutions.SOLUTIONS[exercises.notebook_key(path)], (
            f"{path.name}: run `make exercises`")
        for question, text in from_cells.items():
            key = (exercises.notebook_key(path), question)
            assert shown.get(key, text) == text, f"{key}: shows another solution"
    # 05e's q5-q9 and 07e's are built from the notebook's data: tests/test_ex_jena.py,
    # test_rain.py and test_ex_experiments.py check their solutions the same way
