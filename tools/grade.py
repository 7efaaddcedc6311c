"""`make grade`: the exercise notebooks as nbgrader assignments, and the submissions graded.

    python -m tools.grade [--build DIR] [--timeout S] [--jobs N]
        write the nbgrader course into DIR (default build/grading; rewritten each run): for
        each exercise notebook NNe_*.ipynb, assignment 'NNe': its source version and its
        release, DIR/release/NNe/NNe_*.ipynb, the notebook students fill in
    python -m tools.grade --submissions SUBMISSIONS [...]
        then grade SUBMISSIONS/<student>/<assignment>/<notebook>.ipynb (nbgrader's layout) in
        the quick or full profile as RNN_QUICK says: DIR/grades.csv, a row a student (each
        question's score, total, max, notes on what went wrong), and each student's feedback,
        DIR/feedback/<student>/<assignment>/<notebook>.html

    --timeout S   seconds each cell of a submission may run (default 600: a Jena model's
                  training in the full profile); a cell still running is interrupted, and
                  the notebook goes on (nbgrader's Execute.timeout)
    --jobs N      students graded at once (default: half the CPU cores, at least 1)

A question scores its points when its check passes under strict mode, with the solutions
withheld from the submission (tools/grading/); see the README's "Grading with nbgrader".
"""

import argparse
import csv
import os
import shutil
import sys
from pathlib import Path

from tools import exercises
from tools.grading import autograde, course

# Each question's points: 1 for values or a choice, 2 for a function, a model or a dataset
# to write, 3 for a model to train until it passes.
POINTS = {
    "02e": {"q1": 2, "q2": 1, "q3": 1, "q4": 1, "q5": 1, "q6": 2},
    "04e": {"q1": 2, "q2": 2, "q3": 2, "q4": 2, "q5": 3},
    "05e": {"q1": 1, "q2": 1, "q3": 2, "q4": 2, "q5": 2, "q6": 1, "q7": 1, "q8": 1, "q9": 3},
    "07e": {"q1": 2, "q2": 1, "q3": 2, "q4": 2, "q5": 1},
}
BUILD = Path("build") / "grading"
MARK = ".make-grade"  # in a folder this tool wrote, which it may rewrite


def fresh(root, submissions):
    """An empty course folder `root`; Refused where rewriting it could lose anything."""
    if submissions:
        given, built = Path(submissions).resolve(), root.resolve()
        if given == built or built in given.parents or given in built.parents:
            raise exercises.Refused(f"SUBMISSIONS={submissions} and the build folder {root} "
                                    "overlap, and make grade rewrites the build folder: keep "
                                    "the submissions elsewhere")
    if root.exists():
        if any(root.iterdir()) and not (root / MARK).exists():
            raise exercises.Refused(f"{root} is not a folder make grade wrote (no {MARK}): "
                                    "name another with --build, or remove it")
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / MARK).write_text("written by tools/grade.py: rewritten at each make grade\n")


def number(score):
    return int(score) if float(score).is_integer() else round(score, 2)


def row(root, student, found, stopped, timeout):
    """The student's grades.csv row: {column: value}."""
    failed = autograde.failures(root, student)
    notes = [problem for problem in found.get(student, {}).values() if problem]
    if stopped:
        notes.append(stopped)
    values, total = {"student": student}, 0
    columns = [a for a in POINTS if any(a in f for f in found.values())]
    for assignment in columns:
        scores = {}
        if assignment not in found[student]:
            notes.append(f"{assignment}: not submitted")
        elif found[student][assignment] is None and failed.get(assignment):
            notes.append(f"{assignment}: not graded ({failed[assignment][:100]}; see "
                         f"logs/{student}.log)")
        elif found[student][assignment] is None:
            scores = autograde.scores(root, student, assignment)
            notes += [f"{assignment} {problem}" for problem in
                      autograde.problems(root, student, assignment, timeout)]
        for question in POINTS[assignment]:
            values[f"{assignment} {question}"] = number(scores.get(question, 0))
            total += scores.get(question, 0)
    values["total"] = number(total)
    values["max"] = sum(sum(POINTS[a].values()) for a in columns)
    values["notes"] = "; ".join(notes)
    return values


def write_grades(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m tools.grade", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--submissions")
    parser.add_argument("--build", type=Path, default=BUILD)
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument("--jobs", type=int, default=max(1, (os.cpu_count() or 2) // 2))
    args = parser.parse_args(argv)
    if args.timeout < 1 or args.jobs < 1:
        parser.error("--timeout and --jobs take a whole number from 1")
    return args


def main(argv):
    args = parse(argv)
    root = args.build
    course.quiet_logs()
    try:
        fresh(root, args.submissions)
        notebooks = course.build(root, exercises.exercise_notebooks(), POINTS, args.timeout)
        found = course.collect(args.submissions, root, notebooks) if args.submissions else None
    except exercises.Refused as refused:
        print(f"grade.py: {refused}", file=sys.stderr)
        return 1
    print(f"Release (hand these out): {root}/release/<assignment>/ for "
          f"{', '.join(notebooks)}")
    if found is None:
        print("To grade: make grade SUBMISSIONS=<folder of <student>/<assignment>/<notebook>>")
        return 0
    submitted = {s: [a for a, problem in found[s].items() if a in notebooks and problem is None]
                 for s in found}
    stopped = autograde.grade_all(root, {s: a for s, a in submitted.items() if a}, args.timeout,
                                  args.jobs)
    rows = [row(root, student, found, stopped.get(student), args.timeout) for student in found]
    write_grades(root / "grades.csv", rows)
    for values in rows:
        print(f"{values['student']}: {values['total']}/{values['max']}"
              + (f"  ({values['notes']})" if values["notes"] else ""))
    print(f"Grades: {root}/grades.csv. Feedback: {root}/feedback/<student>/<assignment>/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
