"""Grading each student's submissions with nbgrader autograde and generate_feedback, one
process a student (`jobs` at a time), each on its own copy of the gradebook; then reading
their scores and what went wrong.

A cell that runs longer than the timeout is interrupted (nbgrader's Execute.timeout) and the
notebook goes on; a student whose grading outlasts every cell's timeout together (a kernel
that ignores the interrupt) is stopped, with its kernel. Neither stops the other students.
"""

import json
import multiprocessing
import os
import re
import shutil
import signal
import time
import warnings
from pathlib import Path

import nbformat

from tools.grading import course, execute

WRONG = {"Wrong", "NoAnswerYet"}  # a check's verdict: the score already says it


def cause(log):
    """The first exception an nbgrader log names (its own summary comes last), or its last line."""
    raised = re.search(r"^\s*(?:\w+\.)*(\w+(?:Error|Exception): .*)$", log, re.M)
    return raised[1] if raised else log.strip().splitlines()[-1]


def gradebook(root, student):
    """The student's gradebook, by absolute path: nbgrader opens it from other folders."""
    return Path(root).resolve() / "gradebooks" / f"{student}.db"


def grade_student(root, student, assignments, timeout):
    """In a process of its own: autograde and give feedback on the student's `assignments`;
    write {assignment: nbgrader's error or None} to logs/<student>.json, its log beside."""
    os.setsid()  # one process group: stopped together if it outlasts its time
    logs = Path(root) / "logs"
    with open(logs / f"{student}.log", "w", encoding="utf-8") as log:
        os.dup2(log.fileno(), 1)  # this process's and its kernels' output: into the log
        os.dup2(log.fileno(), 2)
    warnings.simplefilter("ignore")  # nbgrader's own (SQLAlchemy's, nbformat's)
    course.kernel_environment(os.environ)
    course.quiet_logs()
    from nbgrader.converters import Autograde, GenerateFeedback
    c = course.config(root, timeout)
    c.CourseDirectory.db_url = f"sqlite:///{gradebook(root, student)}"
    failed = {}
    for assignment in assignments:
        ids = {"assignment_id": assignment, "student_id": student}
        result = course.run(Autograde, c, **ids)
        if result["success"]:
            result = course.run(GenerateFeedback, c, **ids)
        failed[assignment] = None if result["success"] else cause(
            result.get("log", "") + result["error"])
        print(f"== {assignment}\n{result.get('log', '')}{result.get('error', '')}", flush=True)
    (logs / f"{student}.json").write_text(json.dumps(failed), encoding="utf-8")


def code_cells(root, assignments):
    return sum(c.cell_type == "code" for a in assignments
               for path in (Path(root) / "source" / a).glob("*.ipynb")
               for c in nbformat.read(path, as_version=4).cells)


def time_limit(timeout, cells):
    """Seconds a student's grading may take: every cell's timeout, and a margin."""
    return timeout * (cells + 1) + 60


def grade_all(root, submitted, timeout, jobs):
    """Grade every student of `submitted` ({student: [assignment]}), `jobs` at a time.
    Returns {student: None, or why the student's grading stopped}."""
    (Path(root) / "logs").mkdir(exist_ok=True)
    gradebook(root, "-").parent.mkdir(exist_ok=True)
    context = multiprocessing.get_context("fork")  # nbgrader imported once, by the parent
    import nbgrader.converters  # noqa: F401  (before forking: each child has it)
    waiting, running, stopped = sorted(submitted), {}, {}
    while waiting or running:
        while waiting and len(running) < jobs:
            student = waiting.pop(0)
            shutil.copyfile(Path(root) / "gradebook.db", gradebook(root, student))
            limit = time_limit(timeout, code_cells(root, submitted[student]))
            process = context.Process(target=grade_student,
                                      args=(root, student, submitted[student], timeout))
            process.start()
            running[student] = process, time.monotonic() + limit, limit
        time.sleep(0.2)
        for student, (process, deadline, limit) in list(running.items()):
            if process.is_alive() and time.monotonic() < deadline:
                continue
            if process.is_alive():
                os.killpg(process.pid, signal.SIGKILL)  # its kernel exits with it
                stopped[student] = f"grading stopped after {limit:.0f} s"
            process.join()
            if process.exitcode and student not in stopped:
                stopped[student] = f"grading failed (exit status {process.exitcode})"
            stopped.setdefault(student, None)
            del running[student]
    return stopped


def failures(root, student):
    """{assignment: nbgrader's error or None} for a student graded to the end, else {}."""
    path = Path(root) / "logs" / f"{student}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def scores(root, student, assignment):
    """{question: score} of the student's graded assignment ({} if nbgrader saved none)."""
    from nbgrader.api import Gradebook, MissingEntry
    with Gradebook(f"sqlite:///{gradebook(root, student)}") as book:
        try:
            submission = book.find_submission(assignment, student)
        except MissingEntry:
            return {}
        return {grade.name: grade.score for notebook in submission.notebooks
                for grade in notebook.grades if grade.score is not None}


def where(cell, index):
    """How a cell is named in a note: 'q3', 'q3 answer' or 'cell 12'."""
    meta = cell.metadata.get("nbgrader", {})
    if meta.get("grade") or meta.get("solution"):
        return meta["grade_id"].replace("_", " ")
    return f"cell {index}"


def problems(root, student, assignment, timeout):
    """What went wrong in the student's graded notebook, other than wrong answers: cells
    interrupted at the timeout, and errors (a crash, a name left undefined by one)."""
    found = []
    for path in sorted((Path(root) / "autograded" / student / assignment).glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        for index, cell in enumerate(notebook.cells):
            errors = {o.ename: o.evalue for o in cell.get("outputs", [])
                      if o.output_type == "error"}
            errors.pop(execute.NOT_RUN, None)  # the kernel was lost before: noted there
            if execute.TIMED_OUT in errors:
                found.append(f"{where(cell, index)}: timed out after {timeout} s")
            elif execute.KERNEL_STOPPED in errors:
                found.append(f"{where(cell, index)}: timed out after {timeout} s and went on: "
                             "stopped there")
            elif errors and not (cell.metadata.get("nbgrader", {}).get("grade")
                                 and set(errors) <= WRONG):
                ename, evalue = next(iter(errors.items()))
                evalue = evalue.splitlines()[0] if evalue else ""
                found.append(f"{where(cell, index)}: {ename}: {evalue[:80]}".rstrip(": "))
    return found
