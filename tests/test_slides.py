"""The lecture decks (`make slides`), opened in headless Chromium from disk with the network
off, at 1280x720, every slide and fragment stepped through (tools/check_slides.py).

The decks of the seven lessons (the exercise notebooks get none: decks are for lectures) must
fit the screen, load nothing from outside their folder and run without a script error; tiny
decks with a planted fault show that each check names what it finds. Needs Debian's
chromium (.ci/run installs it) and slides/node_modules (`make slides` or `make test` runs
`npm ci` in slides/).
"""

import math
import os
import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tools import build_decks, check_slides

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
def decks(tmp_path_factory):
    """The seven decks, built from the stored notebooks into a scratch folder (never the
    repository's build/) and checked in the browser."""
    scratch = tmp_path_factory.mktemp("slides")
    return check_slides.check(build_decks.build(scratch / "decks", build_decks.notebooks()),
                              scratch / "shots")


def test_every_deck_fits_the_screen_stays_offline_and_has_no_script_error(decks):
    assert [p for deck in decks for p in deck.problems] == []


def test_one_deck_per_notebook_with_its_screenshots(decks):
    assert [d.path.name for d in decks] == [
        f"{nb.stem}.slides.html" for nb in build_decks.notebooks()]
    for deck in decks:
        assert deck.slides > 5, deck.path.name
        stem = deck.path.name.removesuffix(".slides.html")
        assert [s.name for s in deck.screenshots][0] == f"{stem}-title-0-0.png"
        assert re.fullmatch(rf"{stem}-longest-\d+-\d+\.png", deck.screenshots[1].name)
        for shot in deck.screenshots:
            assert shot.stat().st_size > 5000  # a picture, not a blank page


def test_the_lessons_get_decks_and_the_exercise_notebooks_do_not():
    lessons = [path.name[:3] for path in build_decks.notebooks()]
    assert lessons == ["01_", "02_", "03_", "04_", "05_", "06_", "07_"]
    exercises = sorted((ROOT / "notebooks").glob("[0-9][0-9]e_*.ipynb"))
    assert exercises and not set(exercises) & set(build_decks.notebooks())


def tiny_deck(tmp_path, *cells):
    """A one-notebook deck built like the real ones, and what the browser reports on it."""
    for cell, kind in cells:
        cell.metadata["slideshow"] = {"slide_type": kind}
    path = tmp_path / "tiny.ipynb"
    nbformat.write(new_notebook(cells=[c for c, _ in cells]), path)
    [deck] = build_decks.build(tmp_path / "decks", [path])
    [result] = check_slides.check([deck], tmp_path / "shots")
    return result


TITLE = (new_markdown_cell("# A tiny deck"), "slide")


def test_an_overlong_slide_is_named_with_its_overflow(tmp_path):
    long = new_markdown_cell("## Too long\n\n" + "\n".join(f"- point {i}" for i in range(40)))
    deck = tiny_deck(tmp_path, TITLE, (long, "slide"), (new_markdown_cell("fine"), "subslide"))
    assert len(deck.problems) == 1, deck.problems
    match = re.fullmatch(r"tiny\.slides\.html: slide 2\.1 \(h/v 1/0\): content overflows the "
                         r"1280x720 screen by (\d+) px below the bottom", deck.problems[0])
    assert match, deck.problems[0]
    assert 300 < int(match[1]) < 1500  # 40 lines of about 28 px, on a 720 px screen
    assert deck.slides == 3


def test_a_box_that_hides_content_by_scrolling_is_named(tmp_path):
    wide = new_code_cell("x = " + " + ".join(["1"] * 120))
    deck = tiny_deck(tmp_path, TITLE, (wide, "slide"))
    assert len(deck.problems) == 1, deck.problems
    assert re.fullmatch(r"tiny\.slides\.html: slide 2\.1 \(h/v 1/0\): div\.\S+ hides \d+ px "
                        r"across and 0 px down in a scrolled box", deck.problems[0])


def test_requests_outside_the_deck_folder_are_named(tmp_path):
    (tmp_path / "outside.png").write_bytes(b"not really a picture")
    cell = new_markdown_cell('<img src="https://example.com/logo.png" alt="web">\n'
                             '<img src="../outside.png" alt="outside">')
    deck = tiny_deck(tmp_path, TITLE, (cell, "subslide"))
    requests = sorted(p for p in deck.problems if " requests " in p)
    assert requests == sorted([
        f"tiny.slides.html: requests https://example.com/logo.png, outside {tmp_path / 'decks'}",
        f"tiny.slides.html: requests {(tmp_path / 'outside.png').as_uri()}, "
        f"outside {tmp_path / 'decks'}",
    ])


def test_a_script_error_is_named(tmp_path):
    cell = new_markdown_cell('<script>throw new Error("planted fault")</script>\n\nText.')
    deck = tiny_deck(tmp_path, TITLE, (cell, "subslide"))
    assert any(re.fullmatch(r"tiny\.slides\.html: script error: .*planted fault.*", p)
               for p in deck.problems), deck.problems
    assert not any("overflows" in p for p in deck.problems)


def test_the_readme_lecture_plan_gives_each_decks_slide_count_and_minutes(decks):
    """README's lecture plan: each deck's slides as built, minutes at 1.5-2 a slide."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\|[^|]*\| (\d\d) — [^|]+ \| (\d+) \| (\d+)–(\d+) \|$", readme, re.M)
    built = {deck.path.name[:2]: deck.slides for deck in decks}
    assert {number: int(count) for number, count, _, _ in rows} == built
    for number, count, low, high in rows:
        assert (int(low), int(high)) == (math.ceil(1.5 * int(count)), 2 * int(count)), number
    totals = re.findall(r"^\| \| \*lecture (\d)\* \| \*(\d+)\* \| \*(\d+)–(\d+)\* \|$", readme, re.M)
    decks_of = {"1": ["01", "02", "03", "04"], "2": ["05", "06", "07"]}
    assert [lecture for lecture, *_ in totals] == ["1", "2"]
    for lecture, count, low, high in totals:
        slides = sum(built[n] for n in decks_of[lecture])
        assert (int(count), int(low), int(high)) == (
            slides, math.ceil(1.5 * slides), 2 * slides), f"lecture {lecture}"


def test_a_fragment_that_overflows_is_named_once_with_its_slide(tmp_path):
    points = new_markdown_cell("\n".join(f"- later point {i}" for i in range(30)))
    deck = tiny_deck(tmp_path, TITLE, (new_markdown_cell("## Step by step"), "slide"),
                     (points, "fragment"), (new_markdown_cell("more"), "fragment"))
    assert len(deck.problems) == 1, deck.problems
    # A fragment not shown yet is not seen: the overflow is named once the points show.
    assert re.fullmatch(r"tiny\.slides\.html: slide 2\.1 \(h/v 1/0\), fragment 1: content "
                        r"overflows the 1280x720 screen by \d+ px below the bottom",
                        deck.problems[0])
    assert deck.slides == 2
