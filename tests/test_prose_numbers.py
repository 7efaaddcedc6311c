"""Every decimal number in the prose of every notebook (their Markdown cells, speaker notes
included; the student copies are made from them) is traceable (issue 37): printed in that
notebook's stored outputs, or found in results/ (the full profile's records, REPORT.md,
report.json), at the precision the prose writes it; or it is no measurement (a
hyperparameter, the book's published figure), listed in NOT_MEASURED with its source. A
figure typed by hand drifts from the runs it describes: the notebooks print their readings
from the stored results instead.

Section and listing numbers (section 6.3, listing 6.33, 6.3.8) and versions are not figures;
code (inline or fenced), formulas and link targets are not prose."""

import json
import re
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(path.stem for path in (ROOT / "notebooks").glob("[0-9]*.ipynb"))
RESULTS = ROOT / "results"

# Numbers no run of ours measures, each with where it comes from.
BOOK = "the book's companion notebook logs (DLwP 1st ed.; results/REPORT.md, ../shared/REFERENCE.md)"
NOT_MEASURED = {
    # The book's figures: IMDB, best validation accuracy
    "0.8460": f"SimpleRNN, {BOOK}",
    "84.6": f"SimpleRNN's 0.8460 as a percentage, {BOOK}",
    "0.8054": f"SimpleRNN, final epoch, {BOOK}",
    "0.8928": f"LSTM, {BOOK}",
    "89.3": f"LSTM's 0.8928 as a percentage, {BOOK}",
    "0.8758": f"LSTM, final epoch, {BOOK}",
    "0.8770": f"LSTM on reversed reviews, {BOOK}",
    "0.8856": f"bidirectional LSTM, {BOOK}",
    "0.8792": f"bidirectional LSTM, final epoch, {BOOK}",
    # The book's figures: Jena, best validation MAE (normalised) and in °C
    "0.2897": f"naive baseline, {BOOK}",
    "2.57": f"naive baseline in °C, {BOOK}",
    "0.29": "the book's text: 'an MAE of 0.29' for the naive baseline (section 6.3.4)",
    "0.2994": f"Flatten + Dense, {BOOK}",
    "0.2644": f"GRU, {BOOK}",
    "2.35": f"GRU in °C, {BOOK}",
    "0.2619": f"GRU with dropout, {BOOK}",
    "0.2633": f"stacked GRUs with dropout, {BOOK}",
    "0.3990": f"GRU on reversed windows (epoch 11), {BOOK}",
    "0.2615": f"bidirectional GRU, {BOOK}",
    # Hyperparameters
    "0.2": "dropout and recurrent_dropout of the book's models (section 6.3.6)",
    "0.5": "recurrent_dropout of the book's stacked GRUs (section 6.3.7)",
}


def _without_code(markdown):
    """Markdown prose: no fenced or inline code, formulas, link targets or HTML tags."""
    for pattern in (r"```.*?```", r"~~~.*?~~~", r"\$\$.*?\$\$", r"\$[^$\n]+\$", r"`[^`\n]*`",
                    r"\]\([^)]*\)", r"<[^>\n]+>", r"https?://\S+"):
        markdown = re.sub(pattern, " ", markdown, flags=re.S)
    return markdown


NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})*(?:\.\d+)+(?![\w])|(?<![\w.,])\d+(?:\.\d+)+(?![\w])")
NOT_A_FIGURE = re.compile(  # what precedes a section, listing, figure or version number
    r"(?:\b(?:sections?|listings?|chapters?|figures?|tables?|DLwP|Keras|TensorFlow|JAX|Python|"
    r"version|v)|§)\s*(?:\d[\d.]*\s*(?:,|and|–|-|to)\s*)*$", re.I)


def prose_numbers(markdown):
    """The decimal figures of a Markdown text, as written ('2.48', '0.2607', '47.56')."""
    text = _without_code(markdown)
    found = []
    for match in NUMBER.finditer(text):
        token = match.group().rstrip(".")
        if token.count(".") != 1:  # 6.3.8: a section
            continue
        if NOT_A_FIGURE.search(text[:match.start()]):
            continue
        found.append(token)
    return found


def _roundings(value):
    """How `value` reads at every precision the prose may use: '2.4736' -> '2.5', '2.47'..."""
    value = Decimal(value).copy_abs()
    return {str(value.quantize(Decimal(1).scaleb(-places), rounding=rounding))
            for places in range(1, 7) for rounding in (ROUND_HALF_UP, ROUND_HALF_EVEN)}


def readings(values):
    """Every way the numbers `values` (strings or floats) read, at each precision."""
    out = set()
    for value in values:
        text = value.replace(",", "") if isinstance(value, str) else repr(float(value))
        if re.fullmatch(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", text):
            out |= _roundings(text)
    return out


def numbers_in_text(text):
    return re.findall(r"\d+(?:,\d{3})*(?:\.\d+)?", text)


def numbers_in_json(value):
    if isinstance(value, dict):
        return [n for v in value.values() for n in numbers_in_json(v)]
    if isinstance(value, list):
        return [n for v in value for n in numbers_in_json(v)]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [value]
    if isinstance(value, str):
        return numbers_in_text(value)
    return []


def output_numbers(notebook):
    """The numbers a notebook's stored outputs print: streams, text, Markdown, HTML."""
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            texts = [output.get("text", "")] + [
                "".join(content) if isinstance(content, list) else content
                for kind, content in output.get("data", {}).items() if kind.startswith("text/")]
            found += [n for text in texts for n in numbers_in_text(text)]
    return found


@cache
def results_readings(folder=RESULTS):
    """results/: the full profile's records (every JSON under full/), REPORT.md, report.json."""
    values = []
    for path in sorted((folder / "full").rglob("*.json")) + [folder / "report.json"]:
        if path.is_file():
            values += numbers_in_json(json.loads(path.read_text(encoding="utf-8")))
    report = folder / "REPORT.md"
    if report.is_file():
        values += numbers_in_text(report.read_text(encoding="utf-8"))
    return frozenset(readings(values))


def untraceable(path, results=None):
    """'NN.ipynb, cell <id>: <number>' for each prose figure found nowhere it may come from."""
    notebook = nbformat.read(path, as_version=4)
    known = readings(output_numbers(notebook)) | (
        results_readings() if results is None else results)
    return [f"{Path(path).name}, cell {cell.get('id')}: {number}"
            for cell in notebook.cells if cell.cell_type == "markdown"
            for number in not_found(prose_numbers(cell.source), known)]


def not_found(numbers, known):
    """The prose figures among `numbers` that are neither in `known` nor in NOT_MEASURED."""
    return [number for number in numbers
            if number.replace(",", "") not in known and number not in NOT_MEASURED]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_figure_in_the_prose_is_printed_by_the_notebook_or_in_the_results(name):
    missing = untraceable(ROOT / "notebooks" / f"{name}.ipynb")
    assert not missing, (
        "figures in the prose found neither in the notebook's stored outputs nor in results/ "
        "(print them from the stored results with a code cell, e.g. "
        "IPython.display.Markdown(f'...'), or list a figure no run measures in "
        "NOT_MEASURED with its source):\n" + "\n".join(missing))


def test_the_not_measured_figures_are_written_as_the_prose_writes_them():
    assert all(prose_numbers(f"about {number} here") == [number] for number in NOT_MEASURED)


# README.md's prose, outside the tables the report writes into it: its figures drifted once
# (the plain GRU's 0.2607 ± 0.0007 after 05 ran again at 0.2606 ± 0.0009; 07e's 0.2599).

def without_report_tables(readme):
    return re.sub(r"<!-- report:start -->.*?<!-- report:end -->", " ", readme, flags=re.S)


@cache
def stored_output_readings():
    """Every number printed in a stored output of any notebook (05e's rain run, 03's 8.4%)."""
    return frozenset(readings([number for path in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
                               for number in output_numbers(nbformat.read(path, as_version=4))]))


def readme_untraceable(readme, known):
    return not_found(prose_numbers(without_report_tables(readme)), known)


def test_every_figure_in_the_readme_is_in_the_results_or_a_stored_output():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = readme_untraceable(readme, results_readings() | stored_output_readings())
    assert not missing, ("README.md quotes figures found in no stored output and nowhere in "
                         "results/: take them from the report's tables (make report writes "
                         f"them into README.md) or refer to those: {missing}")


def test_a_readme_figure_found_nowhere_is_named_and_the_reports_tables_are_left_out():
    readme = ("its stored 0.2599, sd 0.0015\n<!-- report:start -->\n| GRU | 0.2606 |\n"
              "<!-- report:end -->\n")
    assert readme_untraceable(readme, frozenset(readings(["0.0015"]))) == ["0.2599"]


# The checks themselves, on planted notebooks.

def notebook_file(tmp_path, prose, printed=""):
    cells = [new_markdown_cell(prose), new_code_cell("print(...)")]
    if printed:
        cells[1].outputs = [new_output("stream", name="stdout", text=printed)]
    path = tmp_path / "planted.ipynb"
    nbformat.write(new_notebook(cells=cells), path)
    return path, cells[0].id


def test_a_typed_figure_found_nowhere_is_named_with_its_notebook_and_cell(tmp_path):
    path, cell = notebook_file(tmp_path, "The GRU reaches 2.4736 °C, test 3.14159.",
                               printed="test MAE 2.4736")
    assert untraceable(path, results=frozenset()) == [f"planted.ipynb, cell {cell}: 3.14159"]


def test_a_figure_is_found_at_the_precision_the_prose_writes_it(tmp_path):
    path, _ = notebook_file(tmp_path, "2.47 °C, 2.474 °C and 2.5 °C; not 2.48 °C",
                            printed="2.4736")
    assert [line.split(": ")[-1] for line in untraceable(path, results=frozenset())] == ["2.48"]


def test_a_figure_of_the_results_is_found_there(tmp_path):
    results = tmp_path / "results"
    (results / "full" / "05").mkdir(parents=True)
    (results / "full" / "05" / "seed1.json").write_text('{"GRU": {"test_mae": 0.28041}}')
    (results / "REPORT.md").write_text("| GRU | 0.2607 ± 0.0007 (n=3) |")
    found = results_readings(results)
    path, cell = notebook_file(tmp_path, "seed 1: 0.2804; over three, 0.2607 ± 0.0007; 0.2805")
    assert untraceable(path, results=found) == [f"planted.ipynb, cell {cell}: 0.2805"]


def test_sections_versions_code_formulas_and_links_are_not_figures():
    prose = ("Sections 6.3.1–6.3.5 and section 6.3, listing 6.33; Keras 3.15 and TensorFlow "
             "2.21; `dropout=0.25` and ```\nx = 0.75\n``` and $0.125 x$; "
             "[report](../results/v1.2/REPORT.md); but 0.2607 and 47.56%.")
    assert prose_numbers(prose) == ["0.2607", "47.56"]


def test_ranges_and_thousands_read_as_each_figure():
    assert prose_numbers("0.26–0.28, then 1,234.5 and −23.0 °C.") == [
        "0.26", "0.28", "1,234.5", "23.0"]


# The book's chapter-3 baseline, a dense network on bag-of-words vectors, reached "88% test
# accuracy" (section 6.2.1): a test figure, which the prose must not pass off as a validation
# accuracy (review 34b, M1).

def baseline_misquotes(markdown):
    """Each sentence that writes 88% without calling it a test accuracy, or calls it a
    validation one (what follows it, up to the clause's end or the next figure)."""
    text = " ".join(_without_code(markdown).split())
    found = []
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z*])", text):
        for match in re.finditer(r"\b88 ?%", sentence):
            after = re.split(r"\d+(?:\.\d+)? ?%|[,;:)]", sentence[match.end():])[0]
            if "test" not in sentence.lower() or "validation" in after.lower():
                found.append(sentence.strip())
    return found


@pytest.mark.parametrize("name", ["03_imdb_simplernn_lstm", "04_gru"])
def test_the_chapter_3_baseline_is_quoted_as_a_test_accuracy(name):
    notebook = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    wrong = [f"cell {cell.id}: {sentence}" for cell in notebook.cells
             if cell.cell_type == "markdown" for sentence in baseline_misquotes(cell.source)]
    assert not wrong, ("the book's 88% (chapter 3's dense network, section 6.2.1) is a test "
                       "accuracy: say so, and compare it with test accuracies:\n" + "\n".join(wrong))


def test_a_baseline_quoted_as_validation_or_without_test_is_found():
    assert baseline_misquotes(
        "On IMDB the LSTM only matches the dense network (about 88% validation accuracy, the "
        "book's figure). It reached about 88% (the book, section 6.2.1). The book's LSTM (89% "
        "validation accuracy) is only slightly better than it (about 88% *test* accuracy, not "
        "a validation one). Ours scores below that 88% on the test reviews.") == [
        "On IMDB the LSTM only matches the dense network (about 88% validation accuracy, the "
        "book's figure).", "It reached about 88% (the book, section 6.2.1)."]
