"""The decks (`make slides`), opened in headless Chromium from disk with the network off, at
1280x720, every slide and fragment stepped through (tools/check_slides.py).

Every deck (the seven lessons' and the two lectures') must load nothing from outside its
folder and run without a script error, and every link in the built folder must resolve. The
per-notebook decks must fit the screen. The lecture decks are measured against the lecture
hall's rules (text, words, lines, figures, slide count); small decks with a planted fault show
that each check names what it finds. Needs Debian's chromium (.ci/run installs it) and
slides/node_modules (`make slides` or `make test` runs `npm ci` in slides/). The assembly of
the decks without a browser: tests/test_lectures.py.
"""

import base64
import os
import re
import struct
import zlib
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from tools import build_decks, check_links, check_slides, lectures

ROOT = Path(__file__).resolve().parent.parent

# A browser and the decks' libraries. Without them (a laptop), these are skipped with the fix;
# CI installs both and sets CI=true, where a missing one fails instead of skipping.
MISSING = [fix for found, fix in [
    (Path(check_slides.CHROMIUM).exists(),
     f"{check_slides.CHROMIUM} not found: apt-get install chromium (or set CHROMIUM)"),
    (build_decks.MODULES.is_dir(), "slides/node_modules is missing: cd slides && npm ci"),
] if not found]
pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    bool(MISSING) and os.environ.get("CI") != "true", reason="; ".join(MISSING))]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Everything `make slides` writes, into a scratch folder (never the repository's build/),
    and every deck checked in the browser."""
    scratch = tmp_path_factory.mktemp("slides")
    folder = scratch / "slides"
    (folder / "notebooks").mkdir(parents=True)
    for stale in ("08_renamed.slides.html", "notebooks/08_renamed.html"):  # a previous build's
        (folder / stale).write_text('<a href="gone.html">dead</a>')
    build_decks.build_all(folder)
    decks = check_slides.check(check_slides.decks_in(folder), scratch / "shots")
    return folder, {deck.path.name: deck for deck in decks}


def test_every_deck_opens_offline_without_a_script_error(built):
    _, decks = built
    assert [p for deck in decks.values() for p in deck.loading] == []


def test_every_link_in_the_built_folder_resolves(built):
    folder, _ = built
    assert check_links.check(folder) == []


def test_the_built_folder_holds_the_lectures_the_decks_the_pages_and_the_index(built):
    folder, decks = built
    lessons = [f"{nb.stem}.slides.html" for nb in build_decks.notebooks()]
    assert list(decks) == lessons + ["lecture1.html", "lecture2.html"]
    pages = sorted(p.name for p in (folder / "notebooks").glob("*.html"))
    assert pages == sorted(f"{p.stem}.html" for p in ROOT.glob("notebooks/*.ipynb")
                           if re.match(r"(\d|student_)", p.name))
    assert (folder / "index.html").is_file() and (folder / "report.html").is_file()
    for deck in decks.values():
        assert deck.slides > 5, deck.path.name
        stem = deck.path.name.removesuffix(".html").removesuffix(".slides")
        assert [s.name for s in deck.screenshots][0] == f"{stem}-title-0-0.png"
        assert re.fullmatch(rf"{stem}-longest-\d+-\d+\.png", deck.screenshots[1].name)
        for shot in deck.screenshots:
            assert shot.stat().st_size > 5000  # a picture, not a blank page


def test_the_lecture_decks_count_the_slides_the_index_states(built):
    folder, decks = built
    index = (folder / "index.html").read_text(encoding="utf-8")
    for lecture in lectures.LECTURES:
        deck = decks[f"{lecture.stem}.html"]
        assert f"{lecture.heading}</a>: {deck.slides} slides" in index
        assert len(deck.measured) == deck.slides


def test_the_per_notebook_decks_fit_the_screen(built):
    _, decks = built
    assert [p for deck in decks.values() if not deck.lecture for p in deck.layout] == []


def test_the_lecture_decks_meet_the_lecture_hall_rules(built):
    """Every violation, one line each (`python -m tools.check_slides --report` prints the
    slides' measurements as a table)."""
    _, decks = built
    found = [p for deck in decks.values() if deck.lecture for p in deck.layout + deck.rules]
    assert found == [], "\n".join(found)


def test_the_lessons_get_decks_and_the_exercise_notebooks_do_not():
    lessons = [path.name[:3] for path in build_decks.notebooks()]
    assert lessons == ["01_", "02_", "03_", "04_", "05_", "06_", "07_"]
    exercises = sorted((ROOT / "notebooks").glob("[0-9][0-9]e_*.ipynb"))
    assert exercises and not set(exercises) & set(build_decks.notebooks())


# ---- planted faults: small decks, built and checked in one browser session -----------------

def png(width, height, dpi=100):
    """A blank grey PNG of that size, its dpi in a pHYs chunk as matplotlib writes it."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    rows = b"".join(b"\0" + b"\x99" * width for _ in range(height))
    ppm = round(dpi / 0.0254)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0,
                                                               0, 0, 0))
            + chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def figure(width, height, dpi=100, tags=()):
    """A code cell whose output is a figure of that size, its code hidden on the slide."""
    cell = new_code_cell("plot()")
    cell.outputs = [new_output("display_data", data={
        "image/png": base64.b64encode(png(width, height, dpi)).decode(), "text/plain": "<Figure>"})]
    cell.metadata["tags"] = ["slides-no-input", *tags]
    return cell


def no_output(cell):
    cell.outputs = []
    return cell


def typed(cell, kind):
    cell.metadata["slideshow"] = {"slide_type": kind}
    return cell


def md(text, kind="subslide"):
    return typed(new_markdown_cell(text), kind)


def words(n):
    return " ".join(f"word{i}" for i in range(n))


def printing(code_lines, output_lines):
    cell = new_code_cell("\n".join(f"x{i} = {i}" for i in range(code_lines)))
    cell.outputs = [new_output("stream", name="stdout",
                               text="".join(f"line {i}\n" for i in range(output_lines)))]
    return cell


# The planted lecture: after its title (1.1) and outline (2.1), the notebook's slides from 3.1;
# one fault a slide, each next to a slide just within the rule.
PLANTED = [
    md("# 99. Planted faults", "slide"),  # 3.1
    md("## Tiny print\n\nReadable, then <span style='font-size: 12px'>tiny print</span>."),
    md("## Just big enough\n\n<span style='font-size: 18px'>at 18 px</span>"),
    md(words(59)),  # 3.4: with "## ..." nothing else: 59 words
    md(words(61)),  # 3.5
    md("## Code and output"),  # 3.6: 10 lines of code + 6 of output
    typed(printing(10, 6), "-"),
    md("## Within"),  # 3.7: 9 + 6
    typed(printing(9, 6), "-"),
    typed(figure(900, 500), "subslide"),  # 3.8: 900 px wide, shown 1:1: fine
    typed(figure(2000, 500), "subslide"),  # 3.9: shrunk to the slide's width: labels too small
    typed(figure(600, 900), "subslide"),  # 3.10: too tall to be 60% wide
    md('<img src="data:image/png;base64,' + base64.b64encode(png(400, 300)).decode()
       + '" style="min-width: 0; width: 500px">'),  # 3.11: 500 px wide
    typed(no_output(figure(900, 500)), "subslide"),  # 3.12: its output not stored yet
    md("## A formula in the notes"),  # 3.13
    typed(new_markdown_cell(r"The state $h_t = \tanh(W x_t + U h_{t-1} + b)$ once."), "notes"),
    md("## A formula\n\nHere $x_t + h_{t-1}$ counts nothing, "
       "<span style='font-size: 12px'>$y$</span>."),  # 3.14: 5 words, a formula in tiny print
    md("## A table\n\n| one | two |\n|---|---|\n| 1 | 2 |"),  # 3.15: 2 words
    typed(figure(700, 480), "subslide"),  # 3.16: narrower than 60%: widened to 768 px
    *[md(f"## Filler {i}") for i in range(28)],  # 46 slides in all
]

PLANTED_PROBLEMS = [
    "slide 3.2 (h/v 2/1): smallest text 12.0 px (prose \"tiny print\"): at least 18 px",
    "slide 3.5 (h/v 2/4): 61 words of prose: at most 60 (the rest goes in the speaker notes)",
    "slide 3.6 (h/v 2/5): 16 lines of code and output: at most 15",
    "slide 3.9 (h/v 2/8): figure 1 shows a 10-pt label at 8.2 px (drawn 2000 px wide at 100 "
    "dpi, shown 1182 px wide): at least 14 px",
    "slide 3.10 (h/v 2/9): figure 1 is 29% of the slide's width (373 px): at least 60% (768 px)",
    "slide 3.10 (h/v 2/9): figure 1 shows a 10-pt label at 8.6 px (drawn 600 px wide at 100 "
    "dpi, shown 373 px wide): at least 14 px",
    "slide 3.11 (h/v 2/10): figure 1 is 39% of the slide's width (500 px): at least 60% (768 px)",
    "slide 3.12 (h/v 2/11): the slide shows nothing (an output not stored yet?)",
]
# A formula's size is MathJax's, matched to the x-height of the text around it.
PLANTED_FORMULA = re.compile(r'lecture9\.html: slide 3\.14 \(h/v 2/13\): smallest text '
                             r'1\d\.\d px \(formula "y"\): at least 18 px')


def tiny(name, *cells):
    """A one-notebook deck's notebook: a title slide, then the cells, each with its type."""
    nb = new_notebook(cells=[md("# A tiny deck", "slide"), *(typed(c, k) for c, k in cells)])
    return name, nb


TINY = dict([
    tiny("overlong", (new_markdown_cell("## Too long\n\n" + "\n".join(
        f"- point {i}" for i in range(40))), "slide"), (new_markdown_cell("fine"), "subslide")),
    tiny("scrolled", (new_code_cell("x = " + " + ".join(["1"] * 120)), "slide")),
    tiny("outside", (new_markdown_cell('<img src="https://example.com/logo.png" alt="web">\n'
                                       '<img src="../outside.png" alt="outside">'), "subslide")),
    tiny("script", (new_markdown_cell('<script>throw new Error("planted fault")</script>\n\n'
                                      "Text."), "subslide")),
    tiny("fragment", (new_markdown_cell("## Step by step"), "slide"),
         (new_markdown_cell("\n".join(f"- later point {i}" for i in range(30))), "fragment"),
         (new_markdown_cell("more"), "fragment")),
    tiny("notes", (new_markdown_cell("## Notes with a formula"), "slide"),
         (new_markdown_cell(r"Once: $x_t$ and $$\sum_k h_k$$"), "notes")),
])


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """The planted decks, built like the real ones into one folder, checked in one session:
    {deck name: Deck}. `notes-twice` is the `notes` deck without the template's fix."""
    scratch = tmp_path_factory.mktemp("planted")
    (scratch / "outside.png").write_bytes(png(10, 10))
    out = scratch / "decks"
    paths = []
    for name, nb in TINY.items():
        nbformat.write(nb, scratch / f"{name}.ipynb")
        paths.append(scratch / f"{name}.ipynb")
    decks = build_decks.build(out, paths)
    fix = 'MathJax.Hub.Register.MessageHook("End Process",'
    html = (out / "notes.slides.html").read_text(encoding="utf-8")
    assert html.count(fix) == 1
    (out / "notes-twice.slides.html").write_text(html.replace(fix, "(function () {})("))
    decks.append(out / "notes-twice.slides.html")
    nbformat.write(new_notebook(cells=PLANTED), scratch / "99_planted.ipynb")
    lecture = lectures.Lecture("lecture9", 9, "Planted faults", "6.9", ("99",), "Notes.")
    merged = lectures.assemble(lecture, [scratch / "99_planted.ipynb"])
    decks.append(build_decks.build_lecture(out, lecture, merged))
    return {deck.path.name.removesuffix(".html").removesuffix(".slides"): deck
            for deck in check_slides.check(decks, scratch / "shots")}


def test_each_lecture_rule_names_its_planted_slide_and_value(planted):
    deck = planted["lecture9"]
    assert deck.slides == 46
    assert deck.loading == [] and deck.layout == []
    assert deck.rules[:-2] == [f"lecture9.html: {p}" for p in PLANTED_PROBLEMS]
    assert PLANTED_FORMULA.fullmatch(deck.rules[-2]), deck.rules[-2]
    assert deck.rules[-1] == "lecture9.html: 46 slides: at most 45 (90 minutes at 2 minutes a " \
                             "slide)"


def test_the_measurements_behind_the_rules(planted):
    slides = {s.number: s for s in planted["lecture9"].measured}
    assert (slides["3.4"].words, slides["3.5"].words) == (59, 61)
    # Prose only: not code, output, formulas or tables.
    assert [slides[n].words for n in ("3.6", "3.14", "3.15")] == [3, 5, 2]
    assert [slides[n].smallest["what"] for n in ("3.6", "3.14", "3.15")] == [
        "output", "formula", "table"]
    assert (slides["3.6"].lines, slides["3.7"].lines) == (16, 15)
    assert slides["3.3"].smallest["px"] == 18
    fine = slides["3.8"].figures[0]
    assert (round(fine["width"]), fine["dpi"], round(fine["label"], 1)) == (900, 100, 13.9)
    widened = slides["3.16"].figures[0]
    assert (round(widened["width"]), round(widened["label"], 1)) == (768, 15.2)
    assert slides["3.13"].notes_words == 3  # "The state … once.": the formula is no words
    assert slides["1.1"].words == 22  # the generated title slide
    # The table the content helpers read: one row a slide, a * on each value against a rule.
    table = check_slides.table([planted["lecture9"]]).splitlines()
    assert table[0].split() == ["deck", "slide", "words", "lines", "min", "px", "smallest",
                                "fig", "%", "10pt", "px", "notes"]
    assert len(table) == 1 + 46
    assert re.fullmatch(r"lecture9\.html\s+3\.9\s+0\s+0\s+-\s+92%\s+8\.2\*\s+0", table[11])


def test_formulas_in_the_speaker_notes_are_mathml_once_and_without_the_fix_twice(planted):
    assert planted["notes"].problems == []
    assert planted["notes-twice"].loading == [
        "notes-twice.slides.html: slide 2.1: a formula in the speaker notes is MathJax's "
        "rendering, not MathML: the speaker view shows it twice"]


def test_an_overlong_slide_is_named_with_its_overflow(planted):
    deck = planted["overlong"]
    assert len(deck.problems) == 1, deck.problems
    match = re.fullmatch(r"overlong\.slides\.html: slide 2\.1 \(h/v 1/0\): content overflows "
                         r"the 1280x720 screen by (\d+) px below the bottom", deck.problems[0])
    assert match, deck.problems[0]
    assert 300 < int(match[1]) < 1500  # 40 lines of about 28 px, on a 720 px screen
    assert deck.slides == 3


def test_a_box_that_hides_content_by_scrolling_is_named(planted):
    deck = planted["scrolled"]
    assert len(deck.problems) == 1, deck.problems
    assert re.fullmatch(r"scrolled\.slides\.html: slide 2\.1 \(h/v 1/0\): div\.\S+ hides \d+ px "
                        r"across and 0 px down in a scrolled box", deck.problems[0])


def test_requests_outside_the_deck_folder_are_named(planted):
    deck = planted["outside"]
    folder = deck.path.parent
    requests = sorted(p for p in deck.problems if " requests " in p)
    assert requests == sorted([
        f"outside.slides.html: requests https://example.com/logo.png, outside {folder}",
        f"outside.slides.html: requests {(folder.parent / 'outside.png').as_uri()}, "
        f"outside {folder}",
    ])


def test_a_script_error_is_named(planted):
    deck = planted["script"]
    assert any(re.fullmatch(r"script\.slides\.html: script error: .*planted fault.*", p)
               for p in deck.problems), deck.problems
    assert not any("overflows" in p for p in deck.problems)


def test_a_fragment_that_overflows_is_named_once_with_its_slide(planted):
    deck = planted["fragment"]
    assert len(deck.problems) == 1, deck.problems
    # A fragment not shown yet is not seen: the overflow is named once the points show.
    assert re.fullmatch(r"fragment\.slides\.html: slide 2\.1 \(h/v 1/0\), fragment 1: content "
                        r"overflows the 1280x720 screen by \d+ px below the bottom",
                        deck.problems[0])
    assert deck.slides == 2


def test_the_readme_lecture_plan_gives_each_decks_slide_count_and_minutes(built):
    """README's lecture plan: each lecture's slides as built at 2 minutes a slide, within 90;
    and each notebook's reading deck with its slides as built."""
    _, decks = built
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lectures = re.findall(r"^\| (\d): section [^|]+ \| \[lecture\d\.html\][^|]* \| [^|]+ \| "
                          r"(\d+) \| (\d+) \|$", readme, re.M)
    built_lectures = {deck.path.name[7]: deck.slides for deck in decks.values() if deck.lecture}
    assert {lecture: int(count) for lecture, count, _ in lectures} == built_lectures
    for lecture, count, minutes in lectures:
        assert int(minutes) == 2 * int(count) <= 90, f"lecture {lecture}"
    rows = re.findall(r"^\| (\d\d) — [^|]+ \| (\d+) \|$", readme, re.M)
    counts = {deck.path.name[:2]: deck.slides for deck in decks.values() if not deck.lecture}
    assert {number: int(count) for number, count in rows} == counts
