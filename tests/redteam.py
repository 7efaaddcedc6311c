"""What the red-team corpora (redteam_02e_04e.py, redteam_05e_07e.py) share: an answer with
the verdict it must get, and the judge that runs one against its check."""

import re
from dataclasses import dataclass
from typing import Callable

MESSAGE_CHARS = 800  # a verdict a student reads in one go: no dumped records or arrays


@dataclass(frozen=True)
class Answer:
    question: str  # "05e.q3"
    name: str
    right: bool
    make: Callable[[], tuple]  # the arguments of check()
    says: str = ""  # for a wrong answer: a phrase its message must hold
    slow: bool = False  # trains a model (quick profile)
    data: str = "synthetic"  # what it is judged on: "train" prints fit's log first
    student_raises: bool = False  # the student's own code raises inside the check

    @property
    def id(self):
        return f"{self.question}/{self.name}"


class Corpus(list):
    """The answers of a corpus, added by `right(...)` and `wrong(...)`."""

    def right(self, question, name, make, **options):
        self.append(Answer(question, name, True, make, **options))

    def wrong(self, question, name, make, says, **options):
        self.append(Answer(question, name, False, make, says, **options))


def judge(exercise, answer, leaks, capsys, monkeypatch):
    """Run `answer` against `exercise.check`: it must not raise, print one verdict line, pass a
    right answer and fail a wrong one with a message that holds `answer.says` and no token
    `leaks(question, message, args)` finds."""
    monkeypatch.setenv("RNN_CHECK_STRICT", "0")
    args = answer.make()
    verdict = exercise.check(*args)  # must not raise
    printed = capsys.readouterr().out
    lines = printed.strip().splitlines()
    assert len(lines) == 1 or answer.data == "train", printed
    status, said = re.fullmatch(r"(Correct|Not yet) \((.+?)\): (.*)", lines[-1]).group(1, 3)
    assert len(said) <= MESSAGE_CHARS, f"{answer.id}: a message of {len(said):,} characters"
    assert bool(verdict) == (status == "Correct")
    if answer.right:
        assert verdict, f"false refusal of {answer.id}: {said}"
    else:
        assert not verdict, f"false accept of {answer.id}: {said}"
        assert answer.says in said, f"{answer.id}: {said!r} does not say {answer.says!r}"
        assert not leaks(answer.question, said, args), (answer.id, said)
    # an error raised inside the check's own code (not the student's) is a defect
    raised = said.startswith("checking your answer raised")
    assert raised == answer.student_raises, said
    assert not re.search(r"\(line \d+ of (check|_)", said), said
