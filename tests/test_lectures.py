"""The lecture decks' assembly, the links between the built files and the index, without a
browser (tools/lectures.py, tools/site_links.py, tools/site_pages.py, tools/check_links.py).
The decks in Chromium: tests/test_slides.py."""

import ast
import builtins
import importlib
import base64
import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from tools import build_decks, check_links, colab, lectures, site_links, site_pages

ROOT = Path(__file__).resolve().parent.parent


def cell(kind, text="", tags=()):
    c = new_markdown_cell(text or kind)
    c.metadata["slideshow"] = {"slide_type": kind}
    if tags:
        c.metadata["tags"] = list(tags)
    return c


SKIP = [lectures.SKIP_TAG]


def shown(cells):
    return [(lectures.slide_type(c), c.source) for c in cells]


# ---- lecture-skip ---------------------------------------------------------------------------

def test_a_tagged_head_drops_its_whole_slide_up_to_the_next_head():
    cells = [cell("slide", "title"), cell("-", "more title"),
             cell("subslide", "gone", SKIP), cell("-", "gone too"), cell("fragment", "gone 3"),
             cell("notes", "gone 4"), cell("skip", "gone 5"),
             cell("subslide", "kept"), cell("notes", "kept notes")]
    assert shown(lectures.lecture_cells(cells)) == [
        ("slide", "title"), ("-", "more title"), ("subslide", "kept"), ("notes", "kept notes")]


def test_a_tag_on_any_other_cell_drops_that_cell_only():
    cells = [cell("slide", "title"), cell("-", "gone", SKIP), cell("fragment", "point"),
             cell("notes", "gone notes", SKIP), cell("notes", "kept notes"),
             cell("skip", "setup", SKIP)]
    assert shown(lectures.lecture_cells(cells)) == [
        ("slide", "title"), ("fragment", "point"), ("notes", "kept notes")]


def test_a_dropped_section_head_hands_its_place_to_the_next_head_kept():
    cells = [cell("slide", "title"), cell("slide", "section", SKIP), cell("subslide", "gone", SKIP),
             cell("subslide", "first kept"), cell("subslide", "second")]
    assert shown(lectures.lecture_cells(cells)) == [
        ("slide", "title"), ("slide", "first kept"), ("subslide", "second")]
    # A section head kept after the dropped one needs no promotion.
    cells = [cell("slide", "title"), cell("slide", "gone", SKIP), cell("slide", "next"),
             cell("subslide", "under next")]
    assert shown(lectures.lecture_cells(cells)) == [
        ("slide", "title"), ("slide", "next"), ("subslide", "under next")]


def test_a_notebooks_first_cell_kept_opens_a_section():
    cells = [cell("skip", "setup"), cell("slide", "title", SKIP), cell("subslide", "content")]
    assert shown(lectures.lecture_cells(cells)) == [("skip", "setup"), ("slide", "content")]
    cells = [cell("-", "text first"), cell("subslide", "next")]
    assert shown(lectures.lecture_cells(cells)) == [("slide", "text first"), ("subslide", "next")]


def test_the_notebook_is_not_changed_and_the_per_notebook_deck_ignores_the_tag(tmp_path):
    cells = [cell("slide", "title"), cell("subslide", "only in the notebook's deck", SKIP)]
    before = [dict(c) for c in cells]
    assert shown(lectures.lecture_cells(cells)) == [("slide", "title")]
    assert [dict(c) for c in cells] == before
    deck = build_decks.write_deck(build_decks.slides_exporter(), new_notebook(cells=cells), "n",
                                  tmp_path / "n.slides.html", set(), set())
    html = deck.read_text(encoding="utf-8")
    assert "only in the notebook&#39;s deck" in html or "only in the notebook's deck" in html
    assert len(re.findall(r"<section", html)) == 3  # the title's stack, its two slides


def test_notes_first_or_nothing_kept_is_an_error_naming_the_fix():
    with pytest.raises(ValueError, match=r"n\.ipynb: the first cell kept for the lecture is "
                                         r"speaker notes.*tag the notes lecture-skip"):
        lectures.lecture_cells([cell("skip", "set-up"), cell("notes", "orphan"),
                                cell("subslide", "x")], "n.ipynb")
    with pytest.raises(ValueError, match=r"n\.ipynb: every cell is skipped or tagged "
                                         r"lecture-skip"):
        lectures.lecture_cells([cell("slide", "t", SKIP), cell("-", "x")], "n.ipynb")


# ---- titles, outline, assembly --------------------------------------------------------------

def test_a_notebooks_title_is_its_first_heading_without_its_number():
    def title(*sources):
        return lectures.notebook_title(new_notebook(cells=[new_markdown_cell(s) for s in sources]))

    assert title("# 3. Classifying IMDB reviews with `SimpleRNN`\n\ntext") == \
        "Classifying IMDB reviews with `SimpleRNN`"
    assert title("# 2e. Exercises: RNN basics") == "Exercises: RNN basics"
    assert title("no heading here", "## 1.5 kept as written") == "1.5 kept as written"
    with pytest.raises(ValueError, match="has no heading"):
        title("plain text")


def write_notebook(path, cells):
    for i, c in enumerate(cells):
        c.id = f"cell-{i}"  # as in the lessons: the same ids in every notebook
    kernel = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(new_notebook(cells=cells, metadata={"kernelspec": kernel}), path)
    return path


@pytest.fixture
def two_notebooks(tmp_path):
    first = write_notebook(tmp_path / "05_first.ipynb", [
        cell("slide", "# 5. The first notebook\n\nintro"), cell("subslide", "## dropped", SKIP),
        cell("-", "dropped with it"), cell("subslide", "## kept")])
    second = write_notebook(tmp_path / "06_second.ipynb", [
        cell("subslide", "# 6. The `second` one"), cell("slide", "## closing")])
    return [first, second]


def test_a_lecture_is_a_title_an_outline_and_its_notebooks_cells(two_notebooks):
    lecture = lectures.Lecture("lecture9", 9, "Testing decks", "6.9", ("05", "06"),
                               "What to say first.")
    merged = lectures.assemble(lecture, two_notebooks)
    assert [(lectures.slide_type(c), c.source.split("\n")[0]) for c in merged.cells] == [
        ("slide", "# Lecture 9 — Testing decks"), ("notes", "What to say first."),
        ("slide", "## Outline"), ("notes", "The plan, at about 2 minutes a slide (6 slides "
                                            "with the title and this outline, about 12 minutes):"),
        ("slide", "# 5. The first notebook"), ("subslide", "## kept"),
        ("slide", "# 6. The `second` one"), ("slide", "## closing"),
    ]
    title, _, outline, plan = (c.source for c in merged.cells[:4])
    assert "section 6.9" in title and "(index.html)" in title
    assert outline == "## Outline\n\n5. The first notebook\n6. The `second` one"
    assert plan.split("\n\n")[1:] == [
        "- Part 5: 2 slides, about 4 minutes (until minute 8).\n"
        "- Part 6: 2 slides, about 4 minutes (until minute 12).",
        "A short break after part 5 (minute 8), the nearest to the middle. Equations "
        "and cell diagrams take longer than 2 minutes, section headers and summaries less."]
    assert merged.metadata["title"] == "Lecture 9 — Testing decks (DLwP 6.9)"
    ids = [c.id for c in merged.cells[4:]]
    assert ids == ["nb05-cell-0", "nb05-cell-3", "nb06-cell-0", "nb06-cell-1"]
    assert lectures.slide_count(merged) == 6


def test_the_two_lectures_and_their_notebooks():
    assert [(lec.stem, lec.heading, lec.notebooks) for lec in lectures.LECTURES] == [
        ("lecture1", "Lecture 1 — Recurrent neural networks (DLwP 6.2)",
         ("01", "02", "03", "04")),
        ("lecture2", "Lecture 2 — Advanced use of recurrent neural networks (DLwP 6.3)",
         ("05", "06", "07")),
    ]
    for lecture in lectures.LECTURES:
        paths = lectures.paths_of(lecture, build_decks.notebooks())
        assert [p.name[:2] for p in paths] == list(lecture.notebooks)
    with pytest.raises(ValueError, match="lecture1: no lesson notebook numbered 03, 04"):
        lectures.paths_of(lectures.LECTURES[0], build_decks.notebooks()[:2])


def test_the_break_falls_where_the_first_half_of_the_minutes_ends():
    def pause(slides):
        return re.search(r"break after part (\d+)", lectures.plan_cell(slides).source)[1]

    assert pause({1: 11, 2: 9, 3: 11, 4: 11}) == "2"  # minute 44 of 88
    assert pause({1: 3, 2: 3, 3: 14, 4: 20}) == "3"  # minute 44 of 84, not 16
    assert pause({5: 19, 6: 9, 7: 14}) == "5"  # minute 42 of 88, not 60
    assert pause({5: 30}) == "5"  # one part: the break is at its end


def test_the_slide_count_is_the_heads_shown():
    nb = new_notebook(cells=[cell("skip"), cell("notes"), cell("-", "first shown"),
                             cell("subslide"), cell("fragment"), cell("slide"), cell("notes")])
    assert lectures.slide_count(nb) == 3


# ---- links ----------------------------------------------------------------------------------

BUILT = {"02_x", "02e_y", "student_02e_y"}
DECKS = {"02_x"}


@pytest.mark.parametrize("target, from_deck, output_dir, expected", [
    ("02_x.ipynb", True, "", "02_x.slides.html"),
    ("02_x.ipynb#A-heading", True, "", "02_x.slides.html#A-heading"),
    ("02_x.ipynb", False, "notebooks", "02_x.html"),
    ("02e_y.ipynb", True, "", "notebooks/02e_y.html"),
    ("student_02e_y.ipynb", False, "notebooks", "student_02e_y.html"),
    ("../results/REPORT.md#speed", True, "", "report.html#speed"),
    ("../results/REPORT.md", False, "notebooks", "../report.html"),
    ("03_not_built.ipynb", True, "", "03_not_built.ipynb"),
    ("../README.md", True, "", "../README.md"),
    ("https://colab.research.google.com/x", True, "", "https://colab.research.google.com/x"),
    ("#same-page", True, "", "#same-page"),
])
def test_links_point_to_the_built_counterparts(target, from_deck, output_dir, expected):
    assert site_links.rewrite_target(target, "notebooks", output_dir, BUILT, DECKS,
                                     from_deck) == expected


LECTURE_DECKS = {"02_x": "lecture1.html", "05_z": "lecture2.html"}


@pytest.mark.parametrize("target, expected", [
    ("05_z.ipynb", "lecture2.html"),
    ("05_z.ipynb#A-heading", "lecture2.html"),  # the notebook's anchor is no slide's
    ("02_x.ipynb", "lecture1.html"),
    ("student_02e_y.ipynb", "notebooks/student_02e_y.html"),  # not a lesson: its page
    ("../results/REPORT.md#speed", "report.html#speed"),
])
def test_a_lecture_deck_links_a_lesson_to_the_lecture_that_teaches_it(target, expected):
    assert site_links.rewrite_target(target, "notebooks", "", BUILT, DECKS, True,
                                     LECTURE_DECKS) == expected


def test_each_lesson_belongs_to_one_lecture_deck():
    decks = lectures.lecture_decks(build_decks.notebooks())
    assert {name[:2]: deck for name, deck in decks.items()} == {
        "01": "lecture1.html", "02": "lecture1.html", "03": "lecture1.html",
        "04": "lecture1.html", "05": "lecture2.html", "06": "lecture2.html",
        "07": "lecture2.html"}


def test_every_form_of_link_in_a_notebook_is_rewritten_and_the_original_kept():
    markdown = ('Next: [notebook 2](02_x.ipynb "title"), <a href="02e_y.ipynb">exercises</a>, '
                "[the report][r].\n\n[r]: ../results/REPORT.md#speed\n")
    code = new_code_cell("1")
    code.outputs = [new_output("display_data", data={
        "text/html": '<a href="02_x.ipynb">x</a>', "text/markdown": "[x](02_x.ipynb)"})]
    nb = new_notebook(cells=[new_markdown_cell(markdown), code])
    out = site_links.rewrite_notebook(nb, built=BUILT, decks=DECKS, from_deck=True,
                                      output_dir="")
    assert out.cells[0].source == (
        'Next: [notebook 2](02_x.slides.html "title"), '
        '<a href="notebooks/02e_y.html">exercises</a>, '
        "[the report][r].\n\n[r]: report.html#speed\n")
    assert out.cells[1].outputs[0].data == {
        "text/html": '<a href="02_x.slides.html">x</a>', "text/markdown": "[x](02_x.slides.html)"}
    assert nb.cells[0].source == markdown


def test_the_colab_badge_becomes_a_plain_link_on_a_page():
    source = "# T\n\n[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]" \
             "(https://colab.research.google.com/github/o/r/blob/main/notebooks/t.ipynb)\n"
    nb = site_links.badge_as_link(new_notebook(cells=[new_markdown_cell(source)]))
    assert nb.cells[0].source == ("# T\n\n[Open in Colab](https://colab.research.google.com/"
                                  "github/o/r/blob/main/notebooks/t.ipynb)\n")


# ---- the report and the index -------------------------------------------------------------

@pytest.mark.parametrize("heading, anchor", [
    ("Speed", "speed"),
    ("The same notebooks on JAX", "the-same-notebooks-on-jax"),
    ("Keras 2.0.8 against Keras 3: the LSTM's gap to the book",
     "keras-208-against-keras-3-the-lstms-gap-to-the-book"),
    ("<code>GRU</code> &amp; friends", "gru--friends"),
])
def test_report_headings_get_githubs_anchors(heading, anchor):
    assert site_pages.github_anchor(heading) == anchor


def test_the_report_page_inlines_its_images_and_links_the_built_pages(tmp_path):
    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYP"
                           "hfDwAChwGA60e6kgAAAABJRU5ErkJggg==")
    (tmp_path / "results").mkdir()
    (tmp_path / "results" / "curve.png").write_bytes(png)
    report = tmp_path / "results" / "REPORT.md"
    report.write_text("# Report\n\n## Speed\n\n![a curve](curve.png)\n\n"
                      "See [notebook 5](../notebooks/05_x.ipynb) and [the book](https://x.org).\n"
                      "\n| a | b |\n|---|---|\n| 1 | 2 |\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    page = site_pages.write_report(tmp_path / "out", report, {"05_x"})
    html = page.read_text(encoding="utf-8")
    assert '<h2 id="speed">Speed</h2>' in html
    assert f'src="data:image/png;base64,{base64.b64encode(png).decode()}"' in html
    assert 'href="notebooks/05_x.html"' in html and 'href="https://x.org"' in html
    assert "<table>" in html
    assert check_links.check(tmp_path / "out") == [
        "report.html: links to notebooks/05_x.html, which is not in the built folder"]


def test_the_index_links_the_lectures_decks_pages_and_colab():
    lessons = [site_pages.Entry(p, lectures.notebook_title(nbformat.read(p, as_version=4)),
                                deck=f"{p.stem}.slides.html") for p in build_decks.notebooks()]
    exercises = [site_pages.Entry(p, "t", student=build_decks.student_copy(p))
                 for p in build_decks.exercises()]
    html = site_pages.index_html([(lec, 40 + i) for i, lec in enumerate(lectures.LECTURES)],
                                 lessons, exercises, report=True)
    hrefs = re.findall(r'href="([^"]+)"', html)
    stems = [p.stem for p in build_decks.notebooks()]
    students = [build_decks.student_copy(p) for p in build_decks.exercises()]
    assert all(students)
    expected = {"lecture1.html", "lecture2.html", "report.html",
                *(f"{s}.slides.html" for s in stems), *(f"notebooks/{s}.html" for s in stems),
                *(f"notebooks/{p.stem}.html" for p in build_decks.exercises()),
                *(f"notebooks/{p.stem}.html" for p in students),
                *(site_pages.colab_url(p.name) for p in build_decks.notebooks()),
                *(site_pages.colab_url(p.name) for p in students)}
    assert set(hrefs) == expected
    assert "Lecture 1 — Recurrent neural networks (DLwP 6.2)</a>: 40 slides" in html
    assert site_pages.colab_url("01_numpy_rnn.ipynb") == (
        f"https://colab.research.google.com/github/{colab.REPOSITORY}/blob/{colab.REF}/"
        "notebooks/01_numpy_rnn.ipynb")  # the repository named in tools/colab.py alone


# ---- dead links -----------------------------------------------------------------------------

def test_every_kind_of_dead_link_or_web_load_is_named(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "there.html").write_text('<h2 id="Speed">S</h2><h2 id="a%E2%80%93b">x</h2>')
    (tmp_path / "sub" / "page.html").write_text("""
        <a href="../there.html#Speed">fine</a> <a href="../there.html#a%E2%80%93b">fine</a>
        <a href="https://colab.research.google.com/x">a link to the web is fine</a>
        <a href="#top" id="top">fine</a> <a href="../deck.html#/3">a slide address: fine</a>
        <img src="data:image/png;base64,AAAA"> <a href="mailto:x@y.z">fine</a>
        <a href="../missing.html">dead</a> <a href="../there.html#nowhere">no anchor</a>
        <img src="https://example.com/logo.png"> <script src="//cdn.example.com/x.js"></script>
        <a href="../../outside.html">outside</a> <a href="file:///etc/passwd">file</a>
        <style>@import "https://fonts.example.com/f.css"; .x { background: url(gone.png) }</style>
    """)
    (tmp_path / "deck.html").write_text("<p>deck</p>")
    assert check_links.check(tmp_path) == [
        "sub/page.html: links to ../missing.html, which is not in the built folder",
        "sub/page.html: links to ../there.html#nowhere, but there.html has no anchor #nowhere",
        "sub/page.html: loads https://example.com/logo.png (img) from outside the folder: "
        "pages must open offline",
        "sub/page.html: loads //cdn.example.com/x.js (script) from outside the folder: pages "
        "must open offline",
        "sub/page.html: links to ../../outside.html, outside the built folder",
        "sub/page.html: loads file:///etc/passwd (a) from outside the folder: pages must open "
        "offline",
        "sub/page.html: loads https://fonts.example.com/f.css (style) from outside the folder: "
        "pages must open offline",
        "sub/page.html: links to gone.png, which is not in the built folder",
    ]


@pytest.mark.parametrize("tool", ["build_decks", "check_links", "check_slides"])
def test_the_deck_tools_answer_help_and_refuse_unknown_options(tool, tmp_path, monkeypatch,
                                                               capsys):
    """`--help` prints the tool's usage and builds nothing (it once built a folder named
    '--help'); an unknown option is refused, not taken for a folder."""
    module = importlib.import_module(f"tools.{tool}")
    monkeypatch.chdir(tmp_path)
    assert module.main(["--help"]) == 0
    assert capsys.readouterr().out.strip() == module.__doc__.strip()
    assert module.main([str(tmp_path / "out"), "--fast"]) == 2
    assert "unknown option" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


# ---- names on the slides ----------------------------------------------------------------------

# What a lecture's slides may use without a slide defining it: the usual imports (made in
# skipped set-up cells)...
SLIDE_GIVENS = {"np", "keras", "layers", "plt", "pd", "rnnbook"}
# ...and, lecture by lecture, what a slide's prose introduces but no slide can show.
LECTURE_GIVENS = {
    # 01's random inputs and weights of its loop, which its slide's prose describes (the cell
    # that draws them is in the notebook only).
    "lecture1": {"inputs", "W", "U", "b"},
    # 05's indexed datasets and fit callbacks, named by its slides' prose ('Two errata',
    # 'Training the models'; 07's 'Long runs' calls them part 5's): the datasets' classes
    # fill the notebook's PyDataset section, which the lecture leaves out, and the callbacks
    # are tooling (the best epoch's checkpoint, XLA, a stopwatch).
    "lecture2": {"train_data", "val_data", "callbacks"},
}


def _bound(node):
    """The names a statement (or expression) binds anywhere in it."""
    names = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
            names.add(n.id)
        elif isinstance(n, (ast.FunctionDef, ast.ClassDef)):
            names.add(n.name)
        elif isinstance(n, ast.alias):
            names.add((n.asname or n.name).split(".")[0])
        elif isinstance(n, ast.arg):
            names.add(n.arg)
    return names


def undefined_on_slides(cells, givens=SLIDE_GIVENS):
    """'<cell id>: <name>' for each name that code shown on the slides reads before code shown
    on an earlier (or the same) slide defines it. A skipped cell, a cell tagged lecture-skip
    (already left out of `cells`) or code hidden by slides-no-input defines nothing the
    audience saw. Names a statement binds itself (a loop variable, a parameter) count as
    defined for it."""
    defined, found = set(givens) | set(dir(builtins)), []
    for c in cells:
        if (c.cell_type != "code" or lectures.slide_type(c) == "skip"
                or "slides-no-input" in c.metadata.get("tags", [])):
            continue
        for statement in ast.parse(re.sub(r"^\s*[%!].*$", "", c.source, flags=re.M)).body:
            mine = _bound(statement)
            for n in ast.walk(statement):
                if (isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
                        and n.id not in defined | mine
                        and f"{c.id}: {n.id}" not in found):
                    found.append(f"{c.id}: {n.id}")
            defined |= {statement.name} if isinstance(statement, ast.FunctionDef) else mine
    return found


@pytest.mark.parametrize("lecture", lectures.LECTURES, ids=lambda lecture: lecture.stem)
def test_a_lectures_code_reads_only_names_its_slides_define(lecture):
    merged = lectures.assemble(lecture, lectures.paths_of(lecture, build_decks.notebooks()))
    givens = SLIDE_GIVENS | LECTURE_GIVENS.get(lecture.stem, set())
    assert undefined_on_slides(merged.cells, givens) == [], (
        f"{lecture.stem} shows code that reads a name no slide defines: define it in a cell on "
        "a slide (a skipped cell may then change it for the quick profile), or spell the value "
        "out")


def code(kind, source, tags=()):
    c = new_code_cell(source)
    c.metadata["slideshow"] = {"slide_type": kind}
    if tags:
        c.metadata["tags"] = list(tags)
    return c


def test_a_name_defined_off_the_slides_is_named_with_its_cell():
    cells = [code("skip", "epochs = pick(full=10, quick=2)"),
             code("slide", "model.fit(x, epochs=epochs)"),
             code("-", "hidden = 3", tags=["slides-no-input"]),
             code("subslide", "rng_small = np.random.default_rng(2)\n"
                              "ws = [rng_small.normal(size=n) for n in (1, 2)]\n"
                              "def f(a, *rest):\n    return a + len(rest) + hidden\n"
                              "for k in range(3):\n    print(k, f(k))\n%matplotlib inline")]
    assert undefined_on_slides(cells, givens={"np", "x"}) == [
        f"{cells[1].id}: model", f"{cells[1].id}: epochs", f"{cells[3].id}: hidden"]
