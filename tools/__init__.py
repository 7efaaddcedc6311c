"""The course's build tools, run from the repository root as `python -m tools.<name>`.

    build_decks   `make slides`: the lecture decks (lectures), a deck per notebook, each
                  notebook as a page (site_pages) and index.html (site_links)
    check_slides  the decks measured in headless Chromium against the lecture-hall rules
    check_links   every link in the built folder resolves
    exercises     `make exercises`: the student copies and the solutions qN.solution() shows
    grade         `make grade`: the exercise notebooks as nbgrader assignments (grading/)
    colab         the Colab badge and first cell of every notebook
    cli           --help and unknown options, for the tools above
"""
