"""`make grade` (tools/grade.py): the exercise notebooks graded with nbgrader.

    source      an exercise notebook's nbgrader source version: solution regions, read-only
                cells, check cells as autograded tests with points
    course      the nbgrader course folder: configuration, source and release versions, the
                submissions copied in
    autograde   each student graded in a process of its own; scores and what went wrong
    execute     nbgrader's Execute, but a kernel that dies or will not stop ends only the run
    kernel/     the IPython extension that withholds the solutions from graded notebooks
"""
