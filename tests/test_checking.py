"""rnnbook.exercises.checking: what check() prints and returns for right, wrong, missing and broken
answers; strict mode (RNN_CHECK_STRICT=1) raises; multiple choice; a stub function's None."""

import numpy as np
import pytest

from rnnbook.exercises.checking import (NO_ANSWER, Exercise, NoAnswerYet, Verdict, Wrong, call,
                                       choice, number, rounds_to, strict, too_coarse,
                                       whole_number)


def check_double(function):
    """A checker of the kind the exercise modules hold: is `function` x -> 2x?"""
    got = call(function, 3)
    if got != 6:
        raise Wrong(f"double(3) gave {got!r}, not 6")
    return "doubles 3"


DOUBLE = Exercise("q0, double", check_double, hint="  Multiply by 2. ",
                  solution="\ndef double(x):\n    return 2 * x\n")


@pytest.fixture(autouse=True)
def lenient(monkeypatch):
    monkeypatch.delenv("RNN_CHECK_STRICT", raising=False)


def test_a_right_answer_prints_correct_with_the_confirmation(capsys):
    assert DOUBLE.check(lambda x: 2 * x) == True  # noqa: E712 (a Verdict, not a bool)
    assert capsys.readouterr().out == "Correct (q0, double): doubles 3\n"


def test_a_wrong_answer_prints_what_is_wrong_and_does_not_raise(capsys):
    assert DOUBLE.check(lambda x: x + 2) == False  # noqa: E712
    assert capsys.readouterr().out == "Not yet (q0, double): double(3) gave 5, not 6\n"


def test_a_checker_that_returns_none_confirms_plainly():
    assert Exercise("t", lambda a: None, "h", "s").verdict(1) == (True, "that is right")


def test_an_empty_answer_cell_is_no_answer_yet(capsys):
    assert not DOUBLE.check(NO_ANSWER)
    assert capsys.readouterr().out == (
        "Not yet (q0, double): no answer yet: fill in the cell above, run it, then check again\n")


def test_a_stub_function_that_returns_none_is_no_answer_yet():
    def double(x):
        return None  # your code

    assert DOUBLE.verdict(double) == (
        False, "no answer yet: fill in the cell above, run it, then check again")


def test_several_answers_are_no_answer_yet_only_when_all_are_empty():
    seen = []
    exercise = Exercise("t", lambda *a: seen.append(a), "h", "s")
    assert exercise.verdict(None, None)[1].startswith("no answer yet")
    assert exercise.verdict(None, 2) == (True, "that is right")
    assert seen == [(None, 2)]


def test_the_students_code_failing_inside_the_check_is_named_with_its_line():
    def double(x):
        return x / 0

    right, said = DOUBLE.verdict(double)
    assert not right
    assert said.startswith("checking your answer raised ZeroDivisionError: division by zero "
                           "(line ")
    assert said.endswith(" of double)")


def test_not_a_function_is_named():
    assert DOUBLE.verdict(6) == (False, "expected a function, got int: define it with def")


def test_strict_mode_raises_wrong_with_the_title(monkeypatch, capsys):
    monkeypatch.setenv("RNN_CHECK_STRICT", "1")
    with pytest.raises(Wrong, match=r"^q0, double: double\(3\) gave 5, not 6$"):
        DOUBLE.check(lambda x: x + 2)
    with pytest.raises(Wrong, match=r"^q0, double: no answer yet"):
        DOUBLE.check(None)
    assert DOUBLE.check(lambda x: 2 * x)
    assert capsys.readouterr().out == "Correct (q0, double): doubles 3\n"


@pytest.mark.parametrize("value", ["yes", "true", "2"])
def test_a_strict_setting_other_than_0_or_1_is_refused(monkeypatch, value):
    monkeypatch.setenv("RNN_CHECK_STRICT", value)
    with pytest.raises(ValueError, match=rf"^RNN_CHECK_STRICT='{value}': set it to 1 "
                                         r"\(wrong answers raise\) or 0$"):
        strict()


def test_hint_and_solution_print_their_text_trimmed(capsys):
    DOUBLE.hint()
    DOUBLE.solution()
    assert capsys.readouterr().out == (
        "Hint (q0, double): Multiply by 2.\n"
        "Solution (q0, double):\ndef double(x):\n    return 2 * x\n")


def test_the_repr_says_what_to_call():
    assert repr(DOUBLE) == "<Exercise 'q0, double': .check(answer), .hint(), .solution()>"


PICK = choice("B", {"A": "too small", "B": "just right", "C": "too big"})


def test_a_multiple_choice_answer_gets_the_reason_for_the_option_chosen():
    assert PICK("b ") == "B: just right"
    with pytest.raises(Wrong, match=r"^C is not it: too big$"):
        PICK("C")


@pytest.mark.parametrize("answer", ["D", "B and C", 2])
def test_a_multiple_choice_answer_that_is_not_one_letter_is_named(answer):
    with pytest.raises(Wrong, match=r"^answer with one letter, as a string: one of A, B, C "):
        PICK(answer)


def test_no_answer_yet_is_a_kind_of_wrong():
    assert issubclass(NoAnswerYet, Wrong)


def test_the_verdict_is_true_or_false_and_a_notebook_shows_nothing_for_it():
    right, wrong = Verdict(True), Verdict(False)
    assert right and not wrong and right == True and wrong == False  # noqa: E712
    assert (repr(right), repr(wrong)) == ("True", "False")
    from IPython.core.formatters import DisplayFormatter

    assert DisplayFormatter().format(right) == ({}, {})  # nothing to display
    assert DisplayFormatter().format(True)[0] == {"text/plain": "True"}


@pytest.mark.parametrize("answer", [0.25, np.float32(0.25), np.float64(0.25), np.array(0.25),
                                    np.array([0.25]), [0.25], 1 / 4])
def test_a_number_in_any_usual_form_is_read(answer):
    assert number(answer, "x") == pytest.approx(0.25)


@pytest.mark.parametrize("answer, said", [
    (True, "x = True is a truth value: give a number"),
    ("0.25", "x = '0.25' is text: give a number, without quotes"),
    ([0.25, 0.5], "x should be one number, not 2 of them"),
    ({"x": 1}, "x should be a number, not a dict"),
    (float("nan"), "x = nan is not a finite number"),
])
def test_what_is_not_one_number_is_named(answer, said):
    with pytest.raises(Wrong) as wrong:
        number(answer, "x")
    assert str(wrong.value) == said


def test_a_whole_number_may_be_a_float_as_row_numbers_are():
    assert [whole_number(v, "n") for v in (3, 3.0, np.int64(3), np.float32(3))] == [3] * 4
    with pytest.raises(Wrong, match=r"^n should be a whole number, not 3.5$"):
        whole_number(3.5, "n")


def test_rounding_to_the_decimals_asked_or_more_is_right():
    right = 0.931368
    assert all(rounds_to(v, right) for v in (0.931, 0.9314, 0.93137, np.float32(right)))
    assert not any(rounds_to(v, right) for v in (0.93, 0.932, 0.9313, 0.9))
    assert too_coarse(0.93, right) and too_coarse(0.9, right)
    assert not too_coarse(0.931, right) and not too_coarse(0.932, right)


def test_an_exercise_remembers_whether_its_last_check_passed(capsys):
    exercise = Exercise("t", check_double, "h", "s")
    assert exercise.passed is False
    exercise.check(lambda x: 2 * x)
    assert exercise.passed is True
    exercise.check(lambda x: x)
    assert exercise.passed is False
