"""Exercises that check themselves, as Kaggle Learn's do: `q1.check(answer)`, `q1.hint()`,
`q1.solution()`.

An exercise module (ex_*.py) defines one `Exercise` per question: a checking function that
raises `Wrong("what exactly is wrong")` for a wrong answer, a hint and a model solution. In a
student's notebook `check()` never raises, so the notebook runs top to bottom whatever the
answers: it prints "Correct" or what is wrong, and returns True or False. With
RNN_CHECK_STRICT=1 (CI, running the solutions) a wrong answer raises `Wrong` instead, so a
solution that no longer passes its check fails the run.

An answer cell starts as `answer = None` (NO_ANSWER), or as a function whose body returns
None: either is "no answer yet", not a wrong answer. A checker calls a student's function
through `call()`, which turns a None result into `NoAnswerYet`.
"""

import os
import traceback

import numpy as np

__all__ = ["Exercise", "Verdict", "Wrong", "NoAnswerYet", "NO_ANSWER", "strict", "call", "choice",
           "number", "whole_number", "DECIMALS", "rounds_to", "too_coarse", "rounded_too_far",
           "sigmoid"]

NO_ANSWER = None  # what an answer cell holds until the student fills it in
NO_ANSWER_MESSAGE = "no answer yet: fill in the cell above, run it, then check again"


class Wrong(Exception):
    """An answer is wrong; the message says what is wrong and, if it can, by how much."""


class NoAnswerYet(Wrong):
    """The answer is still the stub (a function that returns None): nothing to judge."""


def strict():
    """True where a wrong answer must raise (RNN_CHECK_STRICT=1: CI runs the solutions)."""
    value = os.environ.get("RNN_CHECK_STRICT", "0")
    if value not in ("0", "1"):
        raise ValueError(f"RNN_CHECK_STRICT={value!r}: set it to 1 (wrong answers raise) or 0")
    return value == "1"


def call(function, *args):
    """`function(*args)` for a student's function; a stub's None result is NoAnswerYet."""
    if not callable(function):
        raise Wrong(f"expected a function, got {type(function).__name__}: define it with def")
    result = function(*args)
    if result is NO_ANSWER:
        raise NoAnswerYet(NO_ANSWER_MESSAGE)
    return result


def choice(right, reasons):
    """A multiple-choice checker: the answer is one letter of `reasons` ({letter: why}).

    A right answer is confirmed with its reason; a wrong one says why that option fails."""
    letters = ", ".join(sorted(reasons))

    def checker(answer):
        if not isinstance(answer, str) or answer.strip().upper() not in reasons:
            raise Wrong(f"answer with one letter, as a string: one of {letters} (not {answer!r})")
        letter = answer.strip().upper()
        if letter != right:
            raise Wrong(f"{letter} is not it: {reasons[letter]}")
        return f"{letter}: {reasons[letter]}"

    return checker


def number(answer, what):
    """One finite number from an answer in any of its usual forms (a Python or NumPy number,
    float32 too, a one-element array or list); Wrong naming the fix otherwise."""
    if isinstance(answer, (bool, np.bool_)):
        raise Wrong(f"{what} = {answer!r} is a truth value: give a number")
    if isinstance(answer, str):
        raise Wrong(f"{what} = {answer!r} is text: give a number, without quotes")
    try:
        values = np.asarray(answer, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        raise Wrong(f"{what} should be a number, not a {type(answer).__name__}") from None
    if values.size != 1:
        raise Wrong(f"{what} should be one number, not {values.size} of them")
    if not np.isfinite(values[0]):
        raise Wrong(f"{what} = {values[0]} is not a finite number")
    return float(values[0])


def whole_number(answer, what):
    """A whole number from an answer: 3, 3.0, np.int64(3), np.float32(3); Wrong for 3.5."""
    value = number(answer, what)
    if value != int(value):
        raise Wrong(f"{what} should be a whole number, not {value:g}")
    return int(value)


DECIMALS = 3  # a number asked for may be rounded to this many decimals or more


def _slack(right):
    return 1e-7 * max(1.0, abs(right))  # float32 keeps about 7 significant digits


def rounds_to(given, right, decimals=DECIMALS, tolerance=1e-6):
    """True if `given` is `right` (within `tolerance`: float32, the order of a sum) or `right`
    rounded to `decimals` decimals or more."""
    if abs(given - right) <= tolerance:
        return True
    return any(abs(given - round(right, k)) <= _slack(right) for k in range(decimals, 8))


def too_coarse(given, right, decimals=DECIMALS):
    """True if `given` is `right` rounded to fewer than `decimals` decimals (one at least)."""
    return not rounds_to(given, right, decimals) and any(
        abs(given - round(right, k)) <= _slack(right) for k in range(1, decimals))


def rounded_too_far(what, given):
    """The Wrong for an answer `what` = `given` that is too_coarse."""
    return Wrong(f"{what} = {given:g} is rounded too far: give at least {DECIMALS} decimals")


def sigmoid(x):
    """The logistic function, shared: 04e's steps use it (lstm_gru exports it), 02e's too."""
    return 1 / (1 + np.exp(-x))


class Verdict:
    """What check() returns: true for a right answer, false otherwise. A notebook does not
    display it (the check has printed its verdict), so a check cell shows one line."""

    def __init__(self, right):
        self.right = bool(right)

    def __bool__(self):
        return self.right

    def __eq__(self, other):
        return self.right == other

    __hash__ = None

    def __repr__(self):
        return repr(self.right)

    def _ipython_display_(self):
        """IPython calls this instead of showing the value: nothing to show."""


class Exercise:
    """One question: `check(*answer)`, `hint()`, `solution()`.

    `checker(*answer)` returns a short confirmation (or None) for a right answer and raises
    `Wrong` for a wrong one; `hint` and `solution` are text (the solution usually code)."""

    def __init__(self, title, checker, hint, solution):
        self.title, self.checker = title, checker
        self._hint, self._solution = hint.strip(), solution.strip()
        self.passed = False  # whether the last check() passed: a table may wait for it

    def verdict(self, *answer):
        """(True, confirmation) or (False, what is wrong); never raises for a student's answer."""
        if all(a is NO_ANSWER for a in answer):
            return False, NO_ANSWER_MESSAGE
        try:
            said = self.checker(*answer)
        except Wrong as wrong:  # NoAnswerYet among them: its message says "no answer yet"
            return False, str(wrong)
        except Exception as error:  # the student's code failed inside the check
            where = traceback.extract_tb(error.__traceback__)[-1]
            return False, (f"checking your answer raised {type(error).__name__}: {error} "
                           f"(line {where.lineno} of {where.name})")
        return True, said or "that is right"

    def check(self, *answer):
        """Print "Correct (...): ..." or "Not yet (...): ..." for the answer; return a Verdict,
        true or false, that a notebook does not display."""
        right, said = self.verdict(*answer)
        self.passed = right
        if not right and strict():
            raise Wrong(f"{self.title}: {said}")
        print(f"{'Correct' if right else 'Not yet'} ({self.title}): {said}")
        return Verdict(right)

    def hint(self):
        print(f"Hint ({self.title}): {self._hint}")

    def solution(self):
        print(f"Solution ({self.title}):\n{self._solution}")

    def __repr__(self):
        return f"<Exercise {self.title!r}: .check(answer), .hint(), .solution()>"
