"""The red-team corpus of exercises 02e and 04e (tests/redteam_02e_04e.py) against their
checks: every right answer passes, every wrong one fails with a message that says what is
wrong (the phrase it carries) and never states the answer; check() never raises and prints
one line. The answers that train a model are few, small and marked slow."""

import re

import pytest

from rnnbook.exercises import basics, lstm_gru
from rnnbook.exercises.solutions import SOLUTIONS

from redteam import judge
from redteam_02e_04e import ANSWERS, COUNTS

EXERCISES = {f"02e.q{i}": q for i, q in enumerate(basics.exercises(), 1)}
EXERCISES.update({f"04e.q{i}": q for i, q in enumerate(lstm_gru.exercises(), 1)})


def _number(n):
    """A count as a message would write it, either way, as a whole token."""
    return rf"(?<![\d,.])(?:{n:,}|{n})(?![\d,])"


# What a message must never say to a wrong answer: the answer, as numbers, letters or shapes,
# and any line of the solution.
ANSWER_TOKENS = {
    "02e.q2": [r"\(5, 16\)", r"\(5, 12, 16\)", r"\(5, 4\)", r"\(5, 12, 1\)"],
    "02e.q3": [_number(n) for n in COUNTS[:4]] + [_number(sum(COUNTS)), r"off by [+\-−]?\d"],
    "02e.q4": [r"(?<![A-Za-z'])B(?![A-Za-z',])"],  # not the list of options 'A, B, C, D'
    "02e.q5": [r"(?<![A-Za-z'])C(?![A-Za-z',])"],
}


def solution_lines(question):
    """The solution's lines of code (20 characters or more), less those its hint states."""
    notebook, q = question.split(".")
    hint = EXERCISES[question]._hint
    lines = [line.split("#")[0].strip() for line in SOLUTIONS[notebook][q].splitlines()]
    return [line for line in lines if len(line) >= 20 and line.rstrip(",") not in hint]


def echoes(args):
    """What a message may repeat of the student's own answer: the values they gave."""
    found = set()

    def walk(value):
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif hasattr(value, "__iter__") and not callable(value):
            items = list(value)
            if all(isinstance(v, (int, float)) or hasattr(v, "dtype") for v in items):
                try:
                    found.add(str(tuple(int(v) for v in items)))
                except (TypeError, ValueError, OverflowError):
                    pass
            for item in items:
                walk(item)
        elif isinstance(value, (int, float)) or hasattr(value, "dtype"):
            try:  # (a small number would take every such digit out of the message)
                if abs(int(value)) >= 100:
                    found.update({f"{int(value):,}", str(int(value))})
            except (TypeError, ValueError, OverflowError):
                pass

    for arg in args:
        walk(arg)
    return sorted(found, key=len, reverse=True)


def leaks(question, message, args):
    """The answer tokens a message holds, once the student's own values are taken out."""
    for echo in echoes(args):
        message = message.replace(echo, " ")
    tokens = ANSWER_TOKENS.get(question, [])
    found = [t for t in tokens if re.search(t, message)]
    return found + [line for line in solution_lines(question) if line in message]


FAST = [a for a in ANSWERS if not a.slow]
SLOW = [a for a in ANSWERS if a.slow]


@pytest.mark.parametrize("answer", FAST, ids=[a.id for a in FAST])
def test_answer(answer, capsys, monkeypatch):
    judge(EXERCISES[answer.question], answer, leaks, capsys, monkeypatch)


@pytest.mark.slow
@pytest.mark.parametrize("answer", SLOW, ids=[a.id for a in SLOW])
def test_trained_answer(answer, capsys, monkeypatch):
    judge(EXERCISES[answer.question], answer, leaks, capsys, monkeypatch)


def test_the_corpus_is_large_and_balanced():
    questions = sorted(EXERCISES)
    assert len(ANSWERS) >= 110
    assert len({a.id for a in ANSWERS}) == len(ANSWERS)  # names unique within a question
    for q in questions:
        verdicts = [a.right for a in ANSWERS if a.question == q]
        assert verdicts.count(True) >= 2 and verdicts.count(False) >= 3, q
    assert len(SLOW) <= 4


def test_the_leak_detector_finds_a_stated_answer():
    assert leaks("02e.q3", "LSTM: 1,000 — Keras counts 1,008", ([32000, 200, 1000, 216, 5],))
    assert leaks("02e.q3", "LSTM: 1,000 — off by -8", ([32000, 200, 1000, 216, 5],))
    assert leaks("02e.q2", "(a) (5, 12, 16): it is (5, 16)", ((5, 12, 16), None, None, None))
    assert not leaks("02e.q2", "(b) (5, 16): keeps the time axis", ((5, 16), (5, 16), None, None))
    assert leaks("02e.q4", "A is not it: the answer is B", ("A",))
    assert leaks("04e.q4", "write i = rng.integers(len(string))", (None,))
