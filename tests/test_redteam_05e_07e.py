"""The red-team corpus of exercises 05e and 07e (tests/redteam_05e_07e.py) against their
checks: every right answer passes, every wrong one fails with a message that says what is
wrong (the phrase it carries) and never states the answer; check() never raises and prints
one line. The answers that train a model are few, small and marked slow."""

import re

import numpy as np
import pytest

from rnnbook.exercises import experiments as ex
from rnnbook.exercises import humidity as ex_humidity
from rnnbook.exercises import jena as ex_jena
from rnnbook.exercises import rain as ex_rain
from rnnbook.exercises.solutions import SOLUTIONS

import redteam_05e_07e as corpus
from conftest import SHARED_STATION
from redteam import judge
from redteam_05e_07e import ANSWERS, F, RAIN


def synthetic_exercises():
    found = {f"05e.q{i}": q for i, q in enumerate(ex_jena.exercises(), 1)}
    found.update({f"05e.q{i}": q for i, q in enumerate(
        ex_humidity.exercises(corpus.humidity_task()), 5)})
    found.update({f"05e.q{i}": q for i, q in enumerate(
        ex_rain.exercises(ex_rain.handed_out(RAIN), held_out=lambda: RAIN), 7)})
    found.update({f"07e.q{i}": q for i, q in enumerate(ex.exercises(corpus.plain_record()), 1)})
    return found


EXERCISES = synthetic_exercises()


def station_exercises():
    from rnnbook.data.rain import load_rain, rain_task

    task = rain_task(load_rain())
    return dict(zip(("05e.q7", "05e.q8", "05e.q9"),
                    ex_rain.exercises(ex_rain.handed_out(task), held_out=lambda: task)))


def trained_exercises():
    plain = ex.train(corpus.quick_task(), corpus.plain_model())
    return {f"07e.q{i}": q for i, q in enumerate(ex.exercises(plain), 1)}


def _decimals(*values):
    return [re.escape(f"{v:.{k}f}") for v in values for k in (3, 4)]


def _naive():
    f = corpus.naive_figures()
    percent = f["mae"] * f["std"]
    return _decimals(f["mae"], f["pooled"], percent, f["std"]) + [
        re.escape(f"{percent:.2f}"), re.escape(f"{f['std']:.2f}"), "which gives"]


RAIN_ANSWERS = _decimals(F["dry"], F["persistence"], F["rate"], F["loss"]) + [
    re.escape(f"{v:.1%}") for v in (F["dry"], F["persistence"], F["rate"])]
# What a message must never say to a wrong answer: the answer, as rows, counts or numbers,
# and any line of the solution.
ANSWER_TOKENS = {
    "05e.q1": [r"\[20, 23, 26, 29\]", r"(?<![\d.])36(?![\d.])", r"32 \+ 4", "the first is"],
    "05e.q2": ["yields 3", r"(?<![\d.])3 batches", r"(?<![\d.])58(?![\d.])", "16 rows"],
    "05e.q4": [re.escape("[:, ::-1]")],
    "05e.q6": _naive(),
    "05e.q7": RAIN_ANSWERS,
    "05e.q8": RAIN_ANSWERS,
    "05e.q9": RAIN_ANSWERS,
}


def answer_tokens(question, args):
    if question == "07e.q5" and isinstance(args[0], dict) and all(args[0].values()):
        best = min(args[0], key=lambda name: args[0][name]["best_val_mae"])
        return [re.escape(repr(best)), "beyond_spread is", "is True", "is False"]
    return ANSWER_TOKENS.get(question, [])


def solution_lines(question):
    notebook, q = question.split(".")
    return [line.split("#")[0].strip() for line in SOLUTIONS[notebook][q].splitlines()
            if len(line.split("#")[0].strip()) >= 20]


def echoes(args):
    """What a message may repeat of the student's own answer: the values they gave."""
    found = set()

    def walk(value):
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, (list, tuple, range, set, np.ndarray)):
            items = sorted(value) if isinstance(value, set) else value
            try:
                flat = np.asarray(items, dtype=float).reshape(-1).tolist()
            except (TypeError, ValueError):  # not numbers: a list of datasets, say
                return
            found.add(str([int(v) if v == int(v) else v for v in flat]))
            for item in flat:
                walk(item)
        elif isinstance(value, (int, float, np.number)) and not isinstance(value, bool):
            v = float(value)
            if np.isfinite(v):
                found.update({f"{v:g}", f"{v:.3f}", f"{v:.4f}", f"{v:.1%}"})
                if v == int(v):
                    found.add(str(int(v)))

    for arg in args:
        walk(arg)
    return sorted(found, key=len, reverse=True)


def leaks(question, message, args):
    """The answer tokens a message holds, once the student's own values are taken out."""
    for echo in echoes(args if question != "07e.q5" else args[1:]):
        message = message.replace(echo, " ")
    found = [t for t in answer_tokens(question, args) if re.search(t, message)]
    return found + [line for line in solution_lines(question) if line in message]


FAST = [a for a in ANSWERS if not a.slow]
SLOW = [a for a in ANSWERS if a.slow]


@pytest.mark.parametrize("answer", FAST, ids=[a.id for a in FAST])
def test_answer(answer, capsys, monkeypatch):
    judge(EXERCISES[answer.question], answer, leaks, capsys, monkeypatch)


_TRAINED = {}


@pytest.mark.slow
@pytest.mark.parametrize("answer", SLOW, ids=[a.id for a in SLOW])
def test_trained_answer(answer, capsys, monkeypatch):
    monkeypatch.setenv("RNN_QUICK", "1")
    if answer.data == "station":
        if SHARED_STATION is None:
            pytest.skip("no offline station files (RNN_DATA_DIR)")
        if "station" not in _TRAINED:
            _TRAINED["station"] = station_exercises()
    elif "train" not in _TRAINED:
        _TRAINED["train"] = trained_exercises()
    judge(_TRAINED[answer.data][answer.question], answer, leaks, capsys, monkeypatch)


def test_the_corpus_is_large_and_balanced():
    assert len(ANSWERS) >= 110
    assert len({a.id for a in ANSWERS}) == len(ANSWERS)  # names unique within a question
    for q in EXERCISES:
        verdicts = [a.right for a in ANSWERS if a.question == q]
        assert verdicts.count(True) >= 2 and verdicts.count(False) >= 5, q
    assert len(SLOW) <= 6


def test_the_leak_detector_finds_a_stated_answer():
    assert leaks("05e.q1", "the target is 32 + 4", ([12, 15, 18, 21], 28))
    assert leaks("05e.q2", "the generator starts again, and yields 3", (4, []))
    assert not leaks("05e.q2", "unused_rows [58, 59]: 2 rows given", (3, [58, 59]))
    assert leaks("05e.q7", f"but {F['dry']:.4f} of the validation hours are dry", (0.5, 0.5))
    assert leaks("05e.q3", "write return i + batch_size > max_index", (None,))
    records = corpus.records()
    assert leaks("07e.q5", "'learning rate' reached a lower MAE", (records, "units", True))
    assert not leaks("07e.q5", "'units' reached 0.2700", (records, "units", True))
