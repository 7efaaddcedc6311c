"""The report: the book's numbers next to the mean and spread of ours, from saved results.

The tests read the report as a reader would: its sections and their order, the cells of its
tables, the numbers in them and the marker words of its verdicts (yes / **no**, within /
beyond, **Warning:**), not its sentences word for word."""

import json
import re
from collections import namedtuple

import pytest

from study import report
from study.reporting import (benchmark, figures, formats, keras_versions, limit, provenance, runs,
                             tables)
from study.reporting.book import BOOK_JENA

OTHER_JENA = "Jena 2024-06-09 to 2024-10-20, NOT the book's data"
HOURLY = "Jena 2009–2016, hourly, 6 of the 14 features: not the book's exact data"
HOURLY_DATA = f"{HOURLY}; jena_2009_2016_hourly_6features.csv (RNN_JENA_CSV)"


def imdb_model(best_val_acc, test_acc, seconds):
    return {
        "best_val_acc": best_val_acc,
        "best_epoch": 4,
        "test_acc": test_acc,
        "seconds_per_epoch": seconds,
        "history": {"val_acc": [0.7, best_val_acc]},
    }


def jena_model(best, seconds=None):
    record = {
        "best_val_mae": best,
        "best_val_mae_celsius": best * 10,
        "test_mae": best,
        "test_mae_celsius": best * 10,
        "history": {"val_loss": [best + 0.1, best]},
    }
    return record | ({"seconds_per_epoch": seconds} if seconds else {})


def write(results, notebook, seed, models, data="IMDB", code="abc1234", **extra):
    path = results / "full" / notebook / f"seed{seed}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "notebook": notebook,
        "profile": "full",
        "seed": seed,
        "data": data,
        "date": f"2026-11-2{seed}T10:00:00+00:00",
        "code": code,
        "machine": "x86_64, 2 CPUs",
        "versions": {"keras": "3.15.1", "tensorflow": "2.21.0"},
        "models": models,
    }
    path.write_text(json.dumps(record | extra))


SAVE_FIGURE = figures.save_figure  # the real one: `results` stubs it, `drawn` puts it back


@pytest.fixture
def results(tmp_path, monkeypatch):
    monkeypatch.setattr(report, "RESULTS", tmp_path / "results")
    # Rendering the figures' PNGs takes most of a report's time (0.4 of 0.5 s): only the tests
    # that look at the figures (`drawn`) render them.
    monkeypatch.setattr(figures, "save_figure", lambda fig, *args, **kwargs: figures.plt.close(fig))
    monkeypatch.setattr(report, "README", tmp_path / "README.md")
    (tmp_path / "README.md").write_text(
        "intro\n<!-- report:start -->\nold\n<!-- report:end -->\nend\n"
    )
    results = tmp_path / "results"
    for seed, (simple, lstm) in enumerate([(0.82, 0.87), (0.84, 0.89), (0.83, 0.88)]):
        write(
            results,
            "03_imdb_simplernn_lstm",
            seed,
            {
                "SimpleRNN": imdb_model(simple, simple - 0.03, 14.0),
                "LSTM": imdb_model(lstm, lstm - 0.02, 30.0),
            },
        )
    write(
        results,
        "05_jena_forecasting",
        0,
        {
            "naive baseline": jena_model(0.6778),
            "Dense": jena_model(0.9),
            "GRU": jena_model(0.5, 60.0) | {"last_test_mae_celsius": 4.0, "best_epoch": 7},
        },
        data=f"{OTHER_JENA}; x.csv (RNN_JENA_CSV)",
        generator_speed={"book_batches_per_s": 400.0, "fast_batches_per_s": 2200.0},
    )
    return results


# --- Reading the report: sections, paragraphs, tables, cells --------------------------------

NUMBER = r"[-+]?\d+(?:\.\d+)?"


def make_report(results):
    """Write the report from `results`; the text of REPORT.md."""
    report.main()
    return (results / "REPORT.md").read_text()


def headings(text):
    """The `#` and `##` headings, in order."""
    return re.findall(r"^#{1,2} (.+)$", text, flags=re.M)


def section(text, key):
    """The body of the one `## ` section whose heading holds `key`."""
    found = [part for part in re.split(r"^## ", text, flags=re.M)[1:]
             if key in part.partition("\n")[0]]
    assert len(found) == 1, f"{len(found)} sections named with {key!r}"
    return found[0].partition("\n")[2]


def paragraph(text, key):
    """The one paragraph of `text` that holds `key`, its lines joined by single spaces."""
    found = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if key in p]
    assert len(found) == 1, f"{len(found)} paragraphs hold {key!r}"
    return found[0]


def numbers(cell):
    return [float(n) for n in re.findall(NUMBER, cell)]


class Row(dict):
    """A table row: its cells by column, a column also by a part of its name no other has."""

    def __getitem__(self, column):
        if column in self.keys():
            return dict.__getitem__(self, column)
        named = [name for name in self if column in name]
        assert len(named) == 1, f"column {column!r} among {list(self)}"
        return dict.__getitem__(self, named[0])


Table = namedtuple("Table", "header rows")


def tables_in(text):
    """Every Markdown table of `text`, each row as many cells as the header."""
    found, block = [], []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            block.append([cell.strip() for cell in line.strip()[1:-1].split("|")])
            continue
        if len(block) >= 2 and set("".join(block[1])) <= {"-"}:
            header, rows = block[0], block[2:]
            assert all(len(row) == len(header) for row in rows), block
            found.append(Table(header, [Row(zip(header, row)) for row in rows]))
        block = []
    return found


def table(text, column):
    """The one table of `text` with a column named `column`."""
    found = [t for t in tables_in(text) if column in t.header]
    assert len(found) == 1, f"{len(found)} tables with a column {column!r}"
    return found[0]


def row(found, name):
    """The row of the table `found` whose first cell is `name`."""
    named = [r for r in found.rows if next(iter(r.values())) == name]
    assert len(named) == 1, f"{len(named)} rows {name!r}"
    return named[0]


def names(found):
    return [next(iter(r.values())) for r in found.rows]


Stat = namedtuple("Stat", "mean sd n equal")


def stat(cell):
    """'0.8300 ± 0.0100 (n=3)' -> Stat(0.83, 0.01, 3, False); 'all equal' sets `equal`."""
    found = re.fullmatch(rf"({NUMBER})(?: ± ({NUMBER}))?(?: \(n=(\d+)(, all equal)?\))?", cell)
    assert found, f"not a mean ± sd: {cell!r}"
    mean, sd, n, equal = found.groups()
    return Stat(float(mean), sd and float(sd), n and int(n), bool(equal))


def difference(cell):
    """'-0.0160 (-1.6 sd)' -> (-0.016, -1.6); '+0.0100' -> (0.01, None); '–' -> None."""
    if cell == "–":
        return None
    found = re.fullmatch(rf"({NUMBER})(?: \(({NUMBER}) sd\))?", cell)
    assert found, f"not a difference: {cell!r}"
    return float(found[1]), found[2] and float(found[2])


def seconds(cell):
    """'60.0 (~168)' -> ('60.0', '~168'): ours and, in brackets, the book's."""
    found = re.fullmatch(r"(.*) \((.*)\)", cell)
    assert found, f"not 'ours (book)': {cell!r}"
    return found.groups()


def machine_range(cell):
    """'33.0–73.0 on 2 machines' -> (33.0, 73.0, 2); None for a single figure."""
    found = re.fullmatch(rf"({NUMBER})–({NUMBER}) on (\d+) machines", cell)
    return found and (float(found[1]), float(found[2]), int(found[3]))


def warnings(text):
    return re.findall(r"^\*\*Warning:\*\* (.*)$", text, flags=re.M)


def problems(error):
    """The items of a SystemExit that lists problems: (its first line, [item, ...])."""
    first, *items = str(error.value).split("\n  - ")
    return first, items


# --- The tables: mean ± sd over seeds, against the book -------------------------------------

def test_imdb_rows_give_mean_and_sample_sd_over_seeds(results):
    rows = tables.imdb_rows(runs.load_runs(results))
    assert [r["model"] for r in rows] == ["SimpleRNN", "LSTM"]  # 04 has not run
    mean, sd, n = rows[0]["best_val_acc"]
    assert (round(mean, 6), round(sd, 6), n) == (0.83, 0.01, 3)
    assert round(rows[0]["difference"], 6) == round(0.83 - 0.8460, 6)
    assert stat(formats.fmt(*rows[1]["best_val_acc"])) == (0.88, 0.01, 3, False)


def test_the_report_has_its_sections_in_order(results):
    keys = ["Reproduction report", "book's numbers", "results come from", "Speed", "on JAX",
            "Keras 2.0.8", "limit"]
    found = headings(make_report(results))
    assert len(found) == len(keys)
    assert all(key in heading for key, heading in zip(keys, found)), found


def test_the_header_names_the_machine_and_the_versions(results):
    header = make_report(results).split("\n## ")[0]
    machine, versions = re.search(r"Machine: (.*); (.*)\.$", header, flags=re.M).groups()
    assert machine == "x86_64, 2 CPUs"
    assert dict(v.split(" ") for v in versions.split(", ")) == {
        "keras": "3.15.1", "tensorflow": "2.21.0"}


def test_the_imdb_table_sets_the_book_against_our_mean_and_sd(results):
    imdb = table(section(make_report(results), "book's numbers"), "book: best val_acc")
    assert names(imdb) == ["SimpleRNN", "LSTM"]
    simple, lstm = row(imdb, "SimpleRNN"), row(imdb, "LSTM")
    assert numbers(simple["book:"]) == [0.846]
    assert stat(simple["ours:"]) == (0.83, 0.01, 3, False)
    assert difference(simple["ours − book"]) == (-0.016, -1.6)  # -0.0160 is 1.6 sd of 0.01
    assert stat(simple["test acc"]) == (0.8, 0.01, None, False)
    assert seconds(simple["s/epoch"]) == ("14.0", "19–22") and simple["data"] == "IMDB"
    assert difference(lstm["ours − book"]) == (-0.0128, -1.3)


def test_jena_rows_on_other_data_are_in_bold_and_not_set_against_the_book(results):
    naive = row(table(make_report(results), "beats naive: val / test"), "naive baseline")
    assert numbers(naive["book:"]) == [0.2897]
    assert stat(naive["ours:"]) == (0.6778, None, 1, False)
    assert difference(naive["ours − book"]) is None  # normalised on other data: not comparable
    assert naive["data"] == f"**{OTHER_JENA}**"  # the files it read are not named
    assert numbers(naive["in °C"]) == [6.78] and naive["beats naive"] == "–"


def test_the_jena_table_says_which_models_beat_the_naive_baseline(results):
    jena = table(make_report(results), "beats naive: val / test")
    assert row(jena, "GRU")["beats naive"].split(" / ") == ["yes", "yes"]  # 5.00 °C < 6.78
    assert row(jena, "Dense")["beats naive"].split(" / ") == ["**no**", "**no**"]  # 9.00 °C


def test_the_jena_table_gives_epoch_celsius_test_mae_and_both_times(results):
    jena = table(make_report(results), "beats naive: val / test")
    gru, dense = row(jena, "GRU"), row(jena, "Dense")
    assert numbers(gru["best epoch"]) == [7.0] and numbers(gru["in °C"]) == [5.0]
    assert numbers(gru["test MAE"]) == [5.0, 4.0]  # best epoch's weights (last epoch's)
    assert seconds(gru["s/epoch"]) == ("60.0", "~168")
    assert seconds(dense["s/epoch"]) == ("–", "9–10")


def test_the_speed_section_gives_the_generators_rates_and_their_ratio(results):
    note = paragraph(section(make_report(results), "Speed"), "**Window generator")
    assert re.findall(r"(\d+) batches/s", note) == ["400", "2200"]
    assert re.search(r"\*\*([\d.]+)x\*\*", note)[1] == "5.5"


def test_readme_gets_the_reports_tables_between_its_markers(results):
    text = make_report(results)
    readme = (results.parent / "README.md").read_text()
    assert readme.startswith("intro\n<!-- report:start -->\n")
    assert readme.endswith("<!-- report:end -->\nend\n") and "old" not in readme
    assert tables_in(readme) == tables_in(section(text, "book's numbers"))
    assert len(tables_in(readme)) == 2


@pytest.fixture
def drawn(results, monkeypatch):
    """`results`, whose report renders its figures."""
    monkeypatch.setattr(figures, "save_figure", SAVE_FIGURE)
    return results


def is_png(path):
    return path.is_file() and path.read_bytes().startswith(b"\x89PNG\r\n")


def test_the_figures_and_the_numbers_are_saved_beside_the_report(drawn):
    results = drawn
    report.main()
    assert is_png(results / "imdb_val_acc.png") and is_png(results / "jena_val_mae.png")
    saved = json.loads((results / "report.json").read_text())
    assert saved["generator_speed"]["fast_batches_per_s"] == 2200.0
    assert [r["model"] for r in saved["imdb"]] == ["SimpleRNN", "LSTM"]
    assert saved["imdb"][0]["best_val_acc"] == pytest.approx([0.83, 0.01, 3])


def test_imdb_times_from_different_machines_are_a_range_not_a_mean(results):
    write(results, "04_gru", 0, {"GRU": imdb_model(0.86, 0.84, 73.0)},
          machine="x86_64, 2 CPUs (Intel Xeon)")
    write(results, "04_gru", 1, {"GRU": imdb_model(0.85, 0.83, 33.0)})
    imdb = tables_in(tables.imdb_table(tables.imdb_rows(runs.load_runs(results))))[0]
    ours, book = seconds(row(imdb, "GRU")["s/epoch"])
    # the mean of two machines' times (53.0 ± ...) says nothing
    assert machine_range(ours) == (33.0, 73.0, 2) and book == "–"


def test_jena_times_from_different_machines_are_a_range_too(results):
    write(results, "05_jena_forecasting", 0, {"GRU": jena_model(0.26, 64.0)}, data=HOURLY_DATA,
          machine="x86_64, 2 CPUs (Intel Xeon)")
    write(results, "05_jena_forecasting", 1, {"GRU": jena_model(0.27, 30.0)}, data=HOURLY_DATA)
    write(results, "05_jena_forecasting", 2, {"GRU": jena_model(0.27)}, data=HOURLY_DATA)
    jena = tables_in(tables.jena_table(tables.jena_rows(runs.load_runs(results))))[0]
    ours, book = seconds(row(jena, "GRU")["s/epoch"])
    assert machine_range(ours) == (30.0, 64.0, 2) and book == "~168"


def test_jena_rows_set_the_book_against_the_seed_spread(results):
    for seed, (best, epoch) in enumerate([(0.26, 5), (0.27, 7), (0.27, 9)]):
        write(results, "05_jena_forecasting", seed,
              {"GRU": jena_model(best) | {"best_epoch": epoch}}, data=HOURLY_DATA)
    jena = tables_in(tables.jena_table(tables.jena_rows(runs.load_runs(results))))[0]
    gru = row(jena, "GRU")
    assert numbers(gru["book:"]) == [0.2644]
    assert stat(gru["ours:"]) == (0.2667, 0.0058, 3, False)
    assert difference(gru["ours − book"]) == (0.0023, 0.4)  # the book lies 0.4 sd below ours
    assert stat(gru["best epoch"]) == (7.0, 2.0, None, False)


def test_a_difference_is_given_in_sd_only_from_three_seeds():
    assert difference(formats.signed_in_sd(0.01, (0.5, 0.002, 3))) == (0.01, 5.0)
    assert difference(formats.signed_in_sd(0.01, (0.5, 0.002, 2))) == (0.01, None)


def test_beats_naive_counts_the_seeds_when_they_disagree(results):
    for seed, best in enumerate([0.33, 0.27]):  # naive 0.29: one seed above it, one below
        write(results, "06_reversed_bidirectional", seed,
              {"GRU, reversed windows": jena_model(best)}, data=HOURLY_DATA)
    write(results, "05_jena_forecasting", 0, {"naive baseline": jena_model(0.29)},
          data=HOURLY_DATA)
    jena = tables_in(tables.jena_table(tables.jena_rows(runs.load_runs(results))))[0]
    verdicts = row(jena, "GRU, reversed windows")["beats naive"].split(" / ")
    assert [re.fullmatch(r"(\d+) of (\d+) seeds", v).groups() for v in verdicts] == [
        ("1", "2"), ("1", "2")]


def test_runs_that_all_gave_one_value_show_no_spread():
    # A baseline is the same in every seed: "± 0.0000" would read as a measured spread.
    assert stat(formats.fmt(0.2896, 0.0, 3)) == (0.2896, None, 3, True)
    assert formats.spread((2.56, 0.0, 3), digits=2) == "2.56"
    assert stat(formats.fmt(0.2896, 0.00004, 3)) == (0.2896, 0.0, 3, False)  # tiny, measured
    assert formats.stats([2.7060582386363636] * 3) == (2.7060582386363636, 0.0, 3)


def report_with_06(results):
    write(
        results,
        "06_reversed_bidirectional",
        0,
        {
            "GRU, reversed windows": jena_model(0.7, 90.0),
            "LSTM, reversed reviews": imdb_model(0.86, 0.85, 60.0),
            "bidirectional LSTM": imdb_model(0.87, 0.86, 120.0),
        },
        data=f"{OTHER_JENA}; x.csv (RNN_JENA_CSV); IMDB (offline)",
    )
    return make_report(results)


def test_notebook_06s_imdb_rows_name_the_imdb_data_only(results):
    imdb = table(report_with_06(results), "book: best val_acc")
    assert names(imdb) == ["SimpleRNN", "LSTM", "LSTM, reversed reviews", "bidirectional LSTM"]
    bidirectional = row(imdb, "bidirectional LSTM")
    assert numbers(bidirectional["book:"]) == [0.8856]
    assert stat(bidirectional["ours:"]) == (0.87, None, 1, False)
    assert difference(bidirectional["ours − book"]) == (-0.0156, None)
    assert numbers(bidirectional["best epoch"]) == [4.0]
    assert seconds(bidirectional["s/epoch"]) == ("120.0", "~210")
    assert bidirectional["data"] == "IMDB (offline)"  # not 06's Jena data


def test_notebook_06s_jena_row_says_its_data_is_not_the_books(results):
    reversed_ = row(table(report_with_06(results), "beats naive: val / test"),
                    "GRU, reversed windows")
    assert stat(reversed_["ours:"]) == (0.7, None, 1, False)
    book = BOOK_JENA["GRU, reversed windows"]  # the book's figure where it has one, else '–'
    assert numbers(reversed_["book:"]) == ([] if book is None else [book])
    assert difference(reversed_["ours − book"]) is None  # not the book's data
    assert numbers(reversed_["in °C"]) == [7.0] and seconds(reversed_["s/epoch"])[0] == "90.0"
    assert reversed_["beats naive"] == "**no** / **no**"  # 7.00 °C against the naive 6.78
    assert reversed_["data"] == f"**{OTHER_JENA}**"


def test_the_jena_models_not_run_yet_are_listed_with_their_notebook(results):
    jena = table(report_with_06(results), "beats naive: val / test")
    not_run = {r["model"]: re.fullmatch(r"\*\*not run yet\*\* \((\w+)\)", r["ours:"])
               for r in jena.rows}
    assert {model: found[1] for model, found in not_run.items() if found} == {
        "training mean": "05_jena_forecasting",
        **dict.fromkeys(["GRU with dropout", "LSTM with dropout", "stacked GRUs with dropout",
                         "bidirectional GRU"], "07_jena_dropout_stacking")}
    assert numbers(row(jena, "stacked GRUs with dropout")["book:"]) == [0.2633]
    assert row(jena, "LSTM with dropout")["book:"] == "–"


def test_on_the_books_period_the_normalised_mae_is_set_against_the_books(results):
    write(results, "05_jena_forecasting", 0,
          {"naive baseline": jena_model(0.2896), "GRU": jena_model(0.2616, 40.0)},
          data=HOURLY_DATA)
    jena = table(make_report(results), "beats naive: val / test")
    gru, naive = row(jena, "GRU"), row(jena, "naive baseline")
    assert difference(gru["ours − book"]) == (-0.0028, None)  # 0.2616 - 0.2644
    assert gru["data"] == HOURLY  # named, not in bold: it is the book's period
    assert gru["beats naive"] == "yes / yes" and seconds(gru["s/epoch"]) == ("40.0", "~168")
    assert difference(naive["ours − book"]) == (-0.0001, None)  # 0.2896 - 0.2897
    assert numbers(naive["in °C"]) == [2.9]


def test_notebook_07s_models_fill_their_rows(results):
    write(results, "07_jena_dropout_stacking", 0,
          {"GRU with dropout": jena_model(0.2650, 25.0) | {"last_test_mae_celsius": 2.5}},
          data=HOURLY_DATA)
    jena = table(make_report(results), "beats naive: val / test")
    dropout = row(jena, "GRU with dropout")
    assert numbers(dropout["book:"]) == [0.2619]
    assert stat(dropout["ours:"]) == (0.265, None, 1, False)
    assert difference(dropout["ours − book"]) == (0.0031, None)
    assert numbers(dropout["in °C"]) == [2.65] and numbers(dropout["test MAE"]) == [2.65, 2.5]
    assert "not run yet" in row(jena, "bidirectional GRU")["ours:"]
    assert numbers(row(jena, "bidirectional GRU")["book:"]) == [0.2615]


# --- Where the results come from ------------------------------------------------------------

def provenance_row(results, notebook):
    return row(tables_in(provenance.table(runs.load_runs(results)))[0], notebook)


def machines(cell):
    """'x86_64, 2 CPUs (seed 1); arm64, 8 CPUs (seed 0, 2)' -> {machine: [seed, ...]}."""
    return {machine: [int(s) for s in seeds.split(", ")]
            for machine, seeds in re.findall(r"(.+?) \(seed ([\d, ]+)\)(?:; |$)", cell)}


def test_the_provenance_table_gives_seeds_dates_codes_machines_and_data(results):
    write(results, "04_gru", 0, {"GRU": imdb_model(0.86, 0.84, 33.0)}, code="abc1234")
    write(results, "04_gru", 1, {"GRU": imdb_model(0.85, 0.83, 33.0)}, code="def5678")
    write(results, "04_gru", 2, {"GRU": imdb_model(0.85, 0.83, 33.0)}, code="abc1234-dirty")
    gru = provenance_row(results, "04_gru")
    assert gru["seeds"].split(", ") == ["0", "1", "2"]
    assert gru["dates"].split(" .. ") == ["2026-11-20 10:00", "2026-11-22 10:00"]
    assert gru["code"].split(", ") == ["abc1234", "abc1234-dirty", "def5678"]
    assert machines(gru["machine"]) == {"x86_64, 2 CPUs": [0, 1, 2]} and gru["data"] == "IMDB"


def test_runs_from_different_code_versions_are_flagged(results):
    write(results, "04_gru", 0, {"GRU": imdb_model(0.86, 0.84, 33.0)}, code="abc1234")
    write(results, "04_gru", 1, {"GRU": imdb_model(0.85, 0.83, 33.0)}, code="def5678")
    [warning] = warnings(provenance.table(runs.load_runs(results)))
    assert "04_gru" in warning and "commits" in warning and "03_imdb" not in warning


def test_a_dirty_run_of_the_same_commit_is_not_a_mix(results):
    write(results, "04_gru", 0, {"GRU": imdb_model(0.86, 0.84, 33.0)}, code="abc1234")
    write(results, "04_gru", 1, {"GRU": imdb_model(0.85, 0.83, 33.0)}, code="abc1234-dirty")
    assert warnings(provenance.table(runs.load_runs(results))) == []


def test_runs_from_different_machines_are_flagged(results):
    write(results, "04_gru", 0, {"GRU": imdb_model(0.86, 0.84, 73.0)},
          machine="x86_64, 2 CPUs (Intel Xeon)")
    write(results, "04_gru", 1, {"GRU": imdb_model(0.85, 0.83, 33.0)})
    text = provenance.table(runs.load_runs(results))
    assert machines(row(tables_in(text)[0], "04_gru")["machine"]) == {
        "x86_64, 2 CPUs": [1], "x86_64, 2 CPUs (Intel Xeon)": [0]}
    [warning] = warnings(text)
    assert "machines" in warning


def header_machines(line):
    """provenance.machine's line -> ([machine named, ...], [older record's machine, ...])."""
    machines_, _, _ = line.partition("; ")
    older = re.findall(r"older records of '([^']+)'", machines_)
    named = re.sub(r" \(and older records of .*", "", machines_).split(" and ")
    return named, older


def test_the_header_says_which_older_records_name_no_cpu_model(results):
    write(results, "04_gru", 0, {"GRU": imdb_model(0.86, 0.84, 73.0)},
          machine="x86_64, 2 CPUs (Intel Xeon)")
    write(results, "04_gru", 1, {"GRU": imdb_model(0.85, 0.83, 33.0)})
    line = provenance.machine(runs.load_runs(results))
    assert header_machines(line) == (["x86_64, 2 CPUs (Intel Xeon)"], ["x86_64, 2 CPUs"])
    assert line.endswith("; keras 3.15.1, tensorflow 2.21.0")
    write(results, "04_gru", 2, {"GRU": imdb_model(0.85, 0.83, 33.0)}, machine="arm64, 8 CPUs")
    assert header_machines(provenance.machine(runs.load_runs(results))) == (
        ["arm64, 8 CPUs", "x86_64, 2 CPUs (Intel Xeon)"], ["x86_64, 2 CPUs"])


# --- Bad inputs: every file the report reads, corrupted in each way a user can meet -------

IMDB_FILE = "full/03_imdb_simplernn_lstm/seed1.json"


def test_no_results_says_what_to_run(tmp_path, monkeypatch):
    monkeypatch.setattr(report, "RESULTS", tmp_path)
    with pytest.raises(SystemExit, match="make run"):
        report.main()


def rewrite(results, name, edit):
    path = results / name
    record = json.loads(path.read_text())
    path.write_text(edit(record) if callable(edit) else edit)
    return path


def first_test_acc(record, replacement):
    """The record as JSON, with SimpleRNN's test_acc replaced by `replacement`."""
    return re.sub(r'"test_acc": [0-9.]+', replacement, json.dumps(record), count=1)


# Each corruption, and what the problem's line must name: a key phrase, a field, a path.
CORRUPT = [
    ("", ["not valid JSON"]),
    ('{"notebook": "03_imdb_simplernn_lstm", "prof', ["not valid JSON"]),
    ("[]", ["not a results record"]),
    (lambda r: json.dumps({k: v for k, v in r.items() if k != "models"}), ["'models'"]),
    (lambda r: json.dumps(r | {"profile": "quick"}),
     ["'quick'", "quick/03_imdb_simplernn_lstm/seed1.json"]),
    (lambda r: json.dumps(r | {"seed": 0}), ["full/03_imdb_simplernn_lstm/seed0.json"]),
    (lambda r: json.dumps(r | {"seed": "1"}), ["'seed'", "'1'", "int"]),
    (lambda r: first_test_acc(r, '"test_acc": NaN'), ["NaN"]),
    (lambda r: first_test_acc(r, '"test_acc": 1e999'), ["models.SimpleRNN.test_acc"]),
    (lambda r: first_test_acc(r, '"test_accuracy": 0.81'), ["SimpleRNN has no test_acc"]),
]


@pytest.mark.parametrize("edit, keys", CORRUPT, ids=[
    "empty", "truncated", "a-list", "no-models", "quick-profile", "other-seed", "seed-a-string",
    "nan", "infinity", "renamed-metric"])
def test_a_bad_results_file_is_named_and_nothing_is_written(results, edit, keys):
    path = rewrite(results, IMDB_FILE, edit)
    with pytest.raises(SystemExit) as error:
        report.main()
    first, [problem] = problems(error)
    assert first.startswith("report.py: nothing written")
    assert problem.startswith(f"{path}: ") and all(key in problem for key in keys), problem
    assert re.search(r"notebook (\w+) again \(make run\)", problem)[1] == "03_imdb_simplernn_lstm"
    assert not (results / "REPORT.md").exists() and not (results / "report.json").exists()
    assert (results.parent / "README.md").read_text().count("old") == 1


def test_a_duplicated_seed_under_another_name_is_refused(results):
    source = results / IMDB_FILE
    (source.parent / "seed01.json").write_text(source.read_text())
    with pytest.raises(SystemExit) as error:
        report.main()
    _, [problem] = problems(error)
    path, _, why = problem.partition(": ")
    assert path.endswith("seed01.json") and "full/03_imdb_simplernn_lstm/seed1.json" in why


@pytest.mark.parametrize(
    "content, keys", [("{", ["not valid JSON"]), ('{"04_gru": {"seconds": -1}}',
                                                    ["'04_gru'", "'seconds'"])],
    ids=["truncated", "negative-seconds"])
def test_a_bad_timings_file_is_named_and_nothing_is_written(results, content, keys):
    path = results / "full" / "timings.json"
    path.write_text(content)
    with pytest.raises(SystemExit) as error:
        report.main()
    _, [problem] = problems(error)
    assert problem.startswith(f"{path}: ") and all(key in problem for key in keys)
    assert not (results / "REPORT.md").exists()


def test_all_problems_are_listed_at_once(results):
    first = rewrite(results, IMDB_FILE, "")
    second = rewrite(results, "full/05_jena_forecasting/seed0.json", "{")
    with pytest.raises(SystemExit) as error:
        report.main()
    _, found = problems(error)
    assert sorted(p.partition(": ")[0] for p in found) == sorted([str(first), str(second)])


def test_a_06_record_without_what_the_report_reads_is_refused(results):
    write(results, "06_reversed_bidirectional", 0,
          {"bidirectional LSTM": {"best_val_acc": 0.87}, "GRU, reversed windows": {"x": 1}})
    with pytest.raises(SystemExit) as error:
        report.main()
    _, [problem] = problems(error)
    missing = set(re.findall(r"(?:: |; )([^:;]+?) has no (\w+)", problem))
    assert {("bidirectional LSTM", "best_epoch"),
            ("GRU, reversed windows", "best_val_mae")} <= missing


def test_report_json_is_strict_json(results):
    report.main()
    json.loads((results / "report.json").read_text(), parse_constant=pytest.fail)
    assert not list(results.rglob(".*.partial"))


# --- `make bench`: the backends side by side, and how close to the CPU's peak ---------------

def bench_record(ways):
    models = {"SimpleRNN": 14.0, "LSTM": 30.0, "LSTM, recurrent_dropout=0.2": 32.0}
    return {
        "profile": "full", "date": "2026-11-23T01:00:00+00:00", "code": "abc1234",
        "machine": "x86_64, 2 CPUs",
        "ways": {
            way: {"device": "cpu", "backend": way.split("-")[0], "version": "3.15.1",
                  "models": {name: {"seconds_per_epoch": seconds * factor, "val_acc": 0.7,
                                    "jit_compile": way != "tensorflow"}
                             for name, seconds in models.items()}}
            for way, factor in ways.items()
        },
    }


def bench_ways(text, device):
    """The '**On the CPU** (machine; way version, jit_compile=.., date UTC, code ..; ...)'
    line: (the machine, {way: {version, jit, date, code}})."""
    parts = re.search(rf"\*\*On the {device}\*\* \((.*)\)\.", text)[1].split("; ")
    way = (r"(?P<way>[\w-]+)(?: (?P<version>\S+))?, jit_compile=(?P<jit>\w+), "
           r"(?P<date>[\d-]+ [\d:]+) UTC, code (?P<code>\w+)")
    ways = [re.fullmatch(way, part) for part in parts if "jit_compile=" in part]
    machine = "; ".join(part for part in parts if "jit_compile=" not in part)
    return machine, {w["way"]: w.groupdict() for w in ways}


def share_cells(found, model):
    """A flops-table row's cells after the GFLOP: [(GFLOP/s, share of peak in %) or None]."""
    return [tuple(numbers(cell)) or None for cell in list(row(found, model).values())[2:]]


def test_flops_note_divides_the_work_of_an_epoch_by_the_bench_time_and_its_peak():
    bench = bench_record({"tensorflow": 1.0, "jax": 0.5})
    flops = tables_in(limit.flops_note(bench | {"matmul_gflops": 100.0}))[0]
    # SimpleRNN: 2 x 2,048 FLOPs x 500 steps x (3 x 20,000 + 5,000) reviews = 133 GFLOP in 14 s
    assert numbers(row(flops, "SimpleRNN")["GFLOP per epoch"]) == [133]
    assert share_cells(flops, "SimpleRNN") == [(9.5, 9.5), (19.0, 19.0)]
    assert share_cells(flops, "GRU") == [None, None]  # not timed in this record
    assert numbers(row(flops, "GRU")["GFLOP per epoch"]) == [399]


def test_without_a_cpu_bench_the_limit_section_says_how_to_measure(results):
    limit_ = section(make_report(results), "limit")
    assert tables_in(limit_) == [] and "GFLOP/s**" not in limit_
    assert "`make bench`" in paragraph(limit_, "Not measured yet")


def test_the_bench_table_has_a_column_per_way_and_the_fastest(results):
    bench = bench_record({"tensorflow": 1.0, "tensorflow-xla": 2.0, "jax": 0.5})
    (results / "full" / "bench-cpu.json").write_text(json.dumps(bench | {"matmul_gflops": 100}))
    found = table(make_report(results), "fastest")
    assert found.header == ["model", "tensorflow: s/epoch", "tensorflow-xla: s/epoch",
                            "jax: s/epoch", "fastest"]
    assert names(found) == ["SimpleRNN", "LSTM", "LSTM, recurrent_dropout=0.2"]
    assert list(row(found, "SimpleRNN").values())[1:] == ["14.0", "28.0", "7.0", "jax"]
    assert list(row(found, "LSTM, recurrent_dropout=0.2").values())[1:] == [
        "32.0", "64.0", "16.0", "jax"]


def test_an_older_bench_records_date_and_code_stand_for_each_way(results):
    bench = bench_record({"tensorflow": 1.0, "tensorflow-xla": 2.0, "jax": 0.5})
    (results / "full" / "bench-cpu.json").write_text(json.dumps(bench))
    machine, ways = bench_ways(make_report(results), "CPU")
    assert machine == "x86_64, 2 CPUs" and list(ways) == ["tensorflow", "tensorflow-xla", "jax"]
    assert [w["jit"] for w in ways.values()] == ["False", "True", "True"]
    assert {(w["date"], w["code"]) for w in ways.values()} == {("2026-11-23 01:00", "abc1234")}


def test_the_peak_and_the_share_of_it_come_from_the_same_bench_run(results):
    bench = bench_record({"tensorflow": 1.0, "tensorflow-xla": 2.0, "jax": 0.5})
    bench["matmul_gflops"] = 100.0
    (results / "full" / "bench-cpu.json").write_text(json.dumps(bench))
    limit_ = section(make_report(results), "limit")
    peak = paragraph(limit_, "GFLOP/s**")
    assert re.search(r"\*\*(\d+) GFLOP/s\*\*", peak)[1] == "100" and "(x86_64, 2 CPUs)" in peak
    flops = table(limit_, "GFLOP per epoch")
    # SimpleRNN: 133 GFLOP an epoch; in 14 s that is 9.5 GFLOP/s, 9.5% of a 100 GFLOP/s peak
    assert share_cells(flops, "SimpleRNN") == [(9.5, 9.5), (4.8, 4.8), (19.0, 19.0)]
    assert json.loads((results / "report.json").read_text())["bench"]["cpu"] == bench


def gpu_bench(results):
    bench = bench_record({"jax": 1.0, "torch": 0.5})
    del bench["date"], bench["code"]
    bench["machine"] = "NVIDIA H100 80GB HBM3; x86_64, 16 CPUs"
    for way, version, hour in (("jax", "0.11.2", "10"), ("torch", "2.11.0", "11")):
        bench["ways"][way].update(device="gpu", backend_version=version,
                                  date=f"2026-11-23T{hour}:14:16+00:00", code=f"{way}123")
    del bench["ways"]["torch"]["models"]["SimpleRNN"]
    (results / "full" / "bench-gpu.json").write_text(json.dumps(bench))
    return make_report(results)


def test_each_way_on_the_gpu_says_its_version_date_and_code(results):
    machine, ways = bench_ways(gpu_bench(results), "GPU")
    assert machine == "NVIDIA H100 80GB HBM3; x86_64, 16 CPUs"
    assert ways == {
        "jax": {"way": "jax", "version": "0.11.2", "jit": "True", "date": "2026-11-23 10:14",
                "code": "jax123"},
        "torch": {"way": "torch", "version": "2.11.0", "jit": "True",
                  "date": "2026-11-23 11:14", "code": "torch123"}}


def test_a_model_a_way_did_not_time_is_a_dash(results):
    found = table(gpu_bench(results), "fastest")
    assert list(row(found, "SimpleRNN").values())[1:] == ["14.0", "–", "jax"]
    assert list(row(found, "LSTM").values())[1:] == ["30.0", "15.0", "torch"]


def dropout_costs(text):
    """{(way, layer): (s/epoch without, with, 'ratio')} of
    'jax: LSTM 30.0 → 32.0 s (1.1x), GRU ...; torch: ...'."""
    found, way = {}, None
    for named, layer, plain, dropped, ratio in re.findall(
            r"(?:([\w-]+): |, )(LSTM|GRU) ([\d.]+) → ([\d.]+) s \(([\d.]+)x\)", text):
        way = named or way
        found[way, layer] = (float(plain), float(dropped), ratio)
    return found


def test_on_the_gpu_the_cost_of_recurrent_dropout_is_given_per_way(results):
    note = paragraph(gpu_bench(results), "`recurrent_dropout` costs")
    # 30 s -> 32 s without and with it on JAX; half that on torch
    assert dropout_costs(note) == {("jax", "LSTM"): (30.0, 32.0, "1.1"),
                                   ("torch", "LSTM"): (15.0, 16.0, "1.1")}


def test_a_cost_of_ten_times_or_more_is_rounded_to_a_whole_number():
    bench = bench_record({"torch": 1.0})
    bench["ways"]["torch"]["models"]["LSTM, recurrent_dropout=0.2"]["seconds_per_epoch"] = 3930.0
    assert dropout_costs(benchmark.dropout_costs(bench)) == {
        ("torch", "LSTM"): (30.0, 3930.0, "131")}


def test_the_goals_are_checked_way_by_way():
    bench = bench_record({"tensorflow": 1.0, "tensorflow-xla": 0.5, "jax": 1.5})
    bench["ways"]["jax"]["models"]["GRU"] = {"seconds_per_epoch": 20.0}
    bench["ways"]["jax"]["models"]["SimpleRNN"]["seconds_per_epoch"] = 10.0  # one model only
    note = benchmark.goals_note(bench)
    below, gru = re.fullmatch(r"\*\*[^*]+\*\* [^:]*: (.*); [^:]*LSTM: (.*)\.", note).groups()
    assert dict(way.split(" ") for way in below.split(", ")) == {
        "tensorflow-xla": "yes", "jax": "no"}
    assert re.fullmatch(r"(\S+) (yes|no) \(([\d.]+) s against ([\d.]+)\)", gru).groups() == (
        "jax", "yes", "20.0", "45.0")


def test_the_wait_after_the_epoch_is_said_only_where_it_exceeds_a_second():
    bench = bench_record({"tensorflow": 1.0, "jax": 0.5})
    assert benchmark.teardown_note(bench) == ""  # older records did not measure it
    bench["ways"]["tensorflow"]["models"]["LSTM"]["seconds_after_epoch"] = 16.3
    bench["ways"]["jax"]["models"]["LSTM"]["seconds_after_epoch"] = 0.2
    note = benchmark.teardown_note(bench)
    assert note.startswith("\n\n")  # a paragraph of its own
    assert re.findall(r"(\d+) s later \(([\w-]+)\)", note) == [("16", "tensorflow")]


@pytest.mark.parametrize(
    "content, key",
    [
        ('{"ways": {', "not valid JSON"),
        ('{"ways": {"jax": {"models": {"LSTM": {"seconds_per_epoch": NaN}}}}}',
         "seconds_per_epoch nan"),
        ('{"date": "x"}', "not a benchmark record"),
    ],
    ids=["truncated", "nan", "no-ways"],
)
def test_a_bad_bench_file_is_named_and_nothing_is_written(results, content, key):
    path = results / "full" / "bench-cpu.json"
    path.write_text(content)
    with pytest.raises(SystemExit) as error:
        report.main()
    assert str(error.value).startswith(f"report.py: {path}: ")
    assert key in str(error.value) and "`make bench`" in str(error.value)
    assert not (results / "REPORT.md").exists()


# --- The same notebooks on JAX --------------------------------------------------------------

def write_jax(results, **change):
    """TensorFlow's seed 0 of notebook 03, changed by `change`, as a JAX run."""
    path = results / "full-jax" / "03_imdb_simplernn_lstm" / "seed0.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    record = json.loads((results / "full" / "03_imdb_simplernn_lstm" / "seed0.json").read_text())
    path.write_text(json.dumps(record | {"backend": "jax"} | change))


def jax_table(text):
    return table(section(text, "on JAX"), "JAX: s/epoch")


def test_jax_runs_get_their_own_columns(results):
    models = json.loads((results / "full" / "03_imdb_simplernn_lstm" / "seed0.json").read_text())
    write_jax(results, models=models["models"] | {"LSTM": imdb_model(0.85, 0.84, 20.0)})
    found = jax_table(make_report(results))
    assert found.header == ["model", "TensorFlow: best val_acc", "JAX: best val_acc",
                            "JAX − TensorFlow (in sd)", "TensorFlow: s/epoch, same machine",
                            "JAX: s/epoch"]
    simple, lstm = row(found, "SimpleRNN"), row(found, "LSTM")
    assert stat(simple["TensorFlow: best"]) == (0.83, 0.01, 3, False)
    assert stat(simple["JAX: best"]) == (0.82, None, 1, False)
    assert difference(simple["JAX − TensorFlow"]) == (-0.01, -1.0)
    assert stat(simple["same machine"]) == (14.0, None, 3, True)  # all equal: no ± 0.0
    assert difference(lstm["JAX − TensorFlow"]) == (-0.03, -3.0)
    assert stat(lstm["JAX: s/epoch"]) == (20.0, None, 1, False)


def test_jax_results_are_counted_within_twice_tensorflows_sd(results):
    models = json.loads((results / "full" / "03_imdb_simplernn_lstm" / "seed0.json").read_text())
    write_jax(results, models=models["models"] | {"LSTM": imdb_model(0.85, 0.84, 20.0)})
    jax = section(make_report(results), "on JAX")
    # SimpleRNN lies 1.0 sd from TensorFlow's mean, LSTM 3.0 sd
    assert re.search(r"for (\d+) of (\d+) results", jax).groups() == ("1", "2")
    missing = paragraph(jax, "Not run on JAX")
    assert missing.partition(": ")[2].rstrip(".").split(", ") == ["05_jena_forecasting"]


def test_jax_is_not_judged_against_the_spread_of_two_tensorflow_seeds(results):
    (results / "full" / "03_imdb_simplernn_lstm" / "seed2.json").unlink()
    write_jax(results)
    jax = section(make_report(results), "on JAX")
    assert not re.search(r"for \d+ of \d+ results", jax)
    assert "too few" in paragraph(jax, "three TensorFlow seeds")
    assert difference(row(table(jax, "JAX: s/epoch"), "LSTM")["JAX − TensorFlow"]) == (
        -0.01, None)  # 0.87 against the mean of 0.87 and 0.89: no sd of two seeds


def test_jax_speed_is_set_against_tensorflow_runs_on_the_same_machine_only(results):
    write_jax(results, machine="x86_64, 2 CPUs (other)")
    lstm = row(jax_table(make_report(results)), "LSTM")
    assert stat(lstm["TensorFlow: best"]) == (0.88, 0.01, 3, False)
    assert difference(lstm["JAX − TensorFlow"]) == (-0.01, -1.0)
    assert lstm["same machine"] == "–" and stat(lstm["JAX: s/epoch"]) == (30.0, None, 1, False)


def test_without_jax_runs_the_report_says_how_to_make_them(results):
    jax = section(make_report(results), "on JAX")
    assert tables_in(jax) == [] and "`make run BACKEND=jax`" in jax


def test_jax_runs_on_other_data_are_not_compared(results):
    write(results, "05_jena_forecasting", 0, {"naive baseline": jena_model(0.2896)},
          data=f"{HOURLY}; x.csv (RNN_JENA_CSV)")
    path = results / "full-jax" / "05_jena_forecasting" / "seed0.json"
    path.parent.mkdir(parents=True)
    other = "Jena 2021-07-01 to 2024-10-20 (3 periods), NOT the book's data"
    record = {"notebook": "05_jena_forecasting", "profile": "full", "backend": "jax", "seed": 0,
              "data": f"{other}; y.csv", "date": "2026-11-20T10:00:00+00:00",
              "code": "abc1234", "machine": "x86_64, 2 CPUs",
              "versions": {"keras": "3.15.1", "jax": "0.10.2"},
              "models": {"naive baseline": jena_model(0.3657)}}
    path.write_text(json.dumps(record))
    jax = section(make_report(results), "on JAX")
    note = paragraph(jax, "not compared")
    assert re.search(r"not compared: (\w+) \((.*)\)\.", note).groups() == (
        "05_jena_forecasting", other)
    assert "0.3657" not in jax and not [t for t in tables_in(jax) if "JAX: s/epoch" in t.header]


# --- Keras 2.0.8 against Keras 3 ------------------------------------------------------------

def write_keras2(results, setting, seed, best_val_acc, change=None):
    path = results / "full" / "keras2" / setting / f"seed{seed}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"setting": setting, "seed": seed, "profile": "full", "backend": "tensorflow",
              "code": "abc1234", "date": "2026-11-23T01:00:00+00:00",
              "model": imdb_model(best_val_acc, best_val_acc - 0.01, 27.0)} | (change or {})
    path.write_text(json.dumps(record))


def keras2_report(results, new, old):
    """The report once Keras 3's defaults gave `new` and Keras 2's settings `old`, a seed each."""
    for seed, (keras3, keras2) in enumerate(zip(new, old)):
        write_keras2(results, "keras3", seed, keras3)
        write_keras2(results, "keras2", seed, keras2)
    return section(make_report(results), "Keras 2.0.8")


def keras2_verdict(text):
    """'What the seeds say': the difference, its standard error, the seeds, larger / within;
    how many sd the book lies above Keras 2's mean, inside / outside."""
    note = paragraph(text, "**What the seeds say.**")
    settings = re.search(r"([+-]\d\.\d{4}) best val_acc \(standard error (\d\.\d{4}), "
                         r"(\d+) and (\d+) seeds\), (larger|within)", note)
    book = re.search(r"lies (-?\d+\.\d) sd above .*?: (inside|outside)", note)
    return settings.groups() + book.groups()


def test_the_keras2_study_puts_the_book_against_each_settings_spread(results):
    keras2 = keras2_report(results, [0.86, 0.87, 0.88], [0.88, 0.89, 0.90])
    found = table(keras2, "test acc")
    assert numbers(found.header[2]) == [0.8928]  # the book's LSTM, in the column's name
    assert names(found) == [keras_versions.KERAS2_SETTINGS[s] for s in ("keras3", "keras2")]
    new = row(found, keras_versions.KERAS2_SETTINGS["keras3"])
    assert stat(new["best val_acc"]) == (0.87, 0.01, 3, False)
    assert difference(new["minus"]) == (0.0228, 2.3)  # 0.8928 - 0.87, 2.3 sd of 0.01
    assert stat(new["test acc"]) == (0.86, 0.01, None, False) and new["s/epoch"] == "27.0"
    old = row(found, keras_versions.KERAS2_SETTINGS["keras2"])
    assert difference(old["minus"]) == (0.0028, 0.3)


def test_a_keras2_difference_beyond_twice_its_standard_error_is_called_one(results):
    keras2 = keras2_report(results, [0.86, 0.87, 0.88], [0.88, 0.89, 0.90])
    # 0.89 - 0.87 = 0.02 against a standard error of sqrt(2 x 0.01^2 / 3) = 0.0082
    assert keras2_verdict(keras2) == ("+0.0200", "0.0082", "3", "3", "larger", "0.3", "inside")


def test_a_keras2_difference_within_the_seeds_spread_is_not_called_an_effect(results):
    keras2 = keras2_report(results, [0.86, 0.87, 0.88], [0.87, 0.86, 0.88])
    assert keras2_verdict(keras2) == ("+0.0000", "0.0082", "3", "3", "within", "2.3", "outside")


@pytest.mark.parametrize("change, key", [
    ({"seed": 5}, "keras2/seed5"), ({"profile": "quick"}, "'quick'"),
    ({"model": {"best_val_acc": 0.9}}, "KeyError")], ids=["other-seed", "quick", "no-test-acc"])
def test_a_bad_keras2_run_is_named_and_nothing_is_written(results, change, key):
    write_keras2(results, "keras2", 0, 0.89, change)
    with pytest.raises(SystemExit) as error:
        report.main()
    first, [problem] = problems(error)
    assert first.startswith("report.py: nothing written")
    assert problem.startswith(str(results / "full" / "keras2" / "keras2" / "seed0.json"))
    assert key in problem and "`make keras2`" in problem
    assert not (results / "REPORT.md").exists()


# --- Notebook 07: its epoch times, and dropout against the plain GRU ------------------------

def test_notebook_07s_epoch_times_are_given_seed_by_seed_as_fastest_and_median(results):
    history = {"val_loss": [0.28, 0.265], "seconds": [90.0, 40.0, 500.0]}
    write(results, "07_jena_dropout_stacking", 0,
          {"GRU with dropout": jena_model(0.2650, 210.0) | {"history": history}},
          data=HOURLY_DATA)
    write(results, "07_jena_dropout_stacking", 1,
          {"GRU with dropout": jena_model(0.2660, 210.0) | {"history": {"val_loss": [0.3]}}},
          data=HOURLY_DATA)
    note = paragraph(section(make_report(results), "Speed"), "**Notebook 07.**")
    assert re.findall(r"seed (\d): ([^:;]+?) (\d+) s fastest, (\d+) s median; ([\d.]+) h in all",
                      note) == [("0", "GRU with dropout", "40", "90", "0.2")]  # 630 s
    assert "Seed 1 kept no epoch times." in note


def masks_note(results, plain, dropout):
    """The dropout masks paragraph once the plain GRU gave `plain` and the dropout GRU
    `dropout`, a seed each: (its signed differences (value, sd or ''), the whole note)."""
    for seed, (p, d) in enumerate(zip(plain, dropout)):
        write(results, "05_jena_forecasting", seed,
              {"naive baseline": jena_model(0.2896), "GRU": jena_model(p)}, data=HOURLY_DATA)
        write(results, "07_jena_dropout_stacking", seed, {"GRU with dropout": jena_model(d)},
              data=HOURLY_DATA)
    note = paragraph(make_report(results), "**Dropout masks")
    return re.findall(r"([+-]\d\.\d{4})(?: \(([+-]\d+\.\d) sd\))?", note), note


def test_the_dropout_gru_gap_is_set_against_the_plain_grus(results):
    gaps, note = masks_note(results, [0.2603], [0.2643])
    assert gaps == [("+0.0024", ""), ("-0.0041", "")]  # 0.2643 - 0.2619; 0.2603 - 0.2644
    assert "no evidence" in note and "could explain" not in note


def test_a_dropout_gru_gap_larger_than_the_plain_grus_is_not_dismissed(results):
    gaps, note = masks_note(results, [0.2654], [0.2719])
    assert gaps == [("+0.0100", ""), ("+0.0010", "")]
    assert "could explain" in note and "no evidence" not in note


def seed_verdict(note):
    """(seeds, seeds, ours, the book's, beyond / within, the seed noise) of the note."""
    return re.search(r"over (\d+) and (\d+) seeds, dropout moves ours by ([+-][\d.]+), the "
                     r"book's by ([+-][\d.]+), (beyond|within) .*?\((\d\.\d{4})\)", note).groups()


def test_over_seeds_what_dropout_changes_is_set_against_the_books_change(results):
    gaps, note = masks_note(results, [0.2600, 0.2610, 0.2620], [0.2650, 0.2660, 0.2670])
    assert gaps[:2] == [("+0.0041", "+4.1"), ("-0.0034", "-3.4")]
    # book: 0.2619 - 0.2644 = -0.0025; ours +0.0050; noise sqrt(2 * 0.001^2 * 4/3) = 0.0016
    assert seed_verdict(note) == ("3", "3", "+0.0050", "-0.0025", "beyond", "0.0016")
    assert "no evidence" not in note


def test_a_change_just_beyond_twice_the_seed_noise_is_beyond(results):
    _, note = masks_note(results, [0.2600, 0.2610, 0.2620], [0.2615, 0.2625, 0.2635])
    # +0.0015 against the book's -0.0025: 0.0040 apart, 2.4 times the noise of 0.0016
    assert seed_verdict(note) == ("3", "3", "+0.0015", "-0.0025", "beyond", "0.0016")


def test_over_seeds_a_change_like_the_books_is_no_evidence_of_a_mask_effect(results):
    _, note = masks_note(results, [0.2600, 0.2610, 0.2620], [0.2584, 0.2594, 0.2604])
    assert seed_verdict(note) == ("3", "3", "-0.0016", "-0.0025", "within", "0.0016")
    assert "no evidence" in note


def test_only_the_books_own_file_is_marked_book_data_in_report_json(results):
    write(results, "05_jena_forecasting", 0, {"GRU": jena_model(0.2616)}, data=HOURLY_DATA)
    write(results, "07_jena_dropout_stacking", 0, {"GRU with dropout": jena_model(0.2650)},
          data="Jena 2009-2016, the book's data; jena_climate_2009_2016.csv (RNN_DATA_DIR)")
    report.main()
    rows = {r["model"]: r for r in json.loads((results / "report.json").read_text())["jena"]}
    assert (rows["GRU"]["book_data"], rows["GRU with dropout"]["book_data"]) == (False, True)


def test_a_rows_seeds_from_different_commits_are_flagged_in_its_time(results):
    write(results, "03_imdb_simplernn_lstm", 0, {"LSTM": imdb_model(0.87, 0.85, 60.0)})
    write(results, "03_imdb_simplernn_lstm", 1, {"LSTM": imdb_model(0.86, 0.85, 62.0)},
          code="def5678-dirty")
    (results / "full" / "03_imdb_simplernn_lstm" / "seed2.json").unlink()
    imdb = table(make_report(results), "test acc (last epoch's weights)")
    assert row(imdb, "LSTM")["s/epoch (book)"].startswith("61.0 ± 1.4, 2 commits (")


def test_the_jena_figure_is_drawn_before_notebook_05_has_run(drawn):
    results = drawn
    (results / "full" / "05_jena_forecasting" / "seed0.json").unlink()
    write(results, "07_jena_dropout_stacking", 0, {"GRU with dropout": jena_model(0.2650)},
          data=HOURLY_DATA)
    report.main()
    assert is_png(results / "jena_val_mae.png")


def test_a_seed_whose_run_paused_is_left_out_of_the_seconds_per_epoch(results):
    paused = {"val_loss": [0.3], "seconds": [60.0] * 38 + [61.0, 300.0]}  # 5x the median
    steady = {"val_loss": [0.3], "seconds": [60.0] * 38 + [61.0, 299.0]}  # just under 5x
    for seed, (history, mean) in enumerate([(paused, 900.0), (steady, 70.0), (steady, 72.0)]):
        write(results, "07_jena_dropout_stacking", seed,
              {"GRU with dropout": jena_model(0.2650, mean) | {"history": history}},
              data=HOURLY_DATA)
    report_text = make_report(results)
    jena = table(report_text, "beats naive: val / test")
    assert row(jena, "GRU with dropout")["s/epoch (book)"] == (
        "71.0 ± 1.4, without seed 0 (paused) (~170)")
    note = paragraph(section(report_text, "Speed"), "**Notebook 07.**")
    assert re.findall(r"seed (\d): [^;]*; [\d.]+ h in all( \(paused: [^)]*\))?", note) == [
        ("0", " (paused: an epoch of GRU with dropout took 300 s, 5x its median; not a speed)"),
        ("1", ""), ("2", "")]


def test_the_jena_runs_are_told_apart_by_the_batches_their_commit_trained_on(results,
                                                                             monkeypatch):
    monkeypatch.setattr(provenance, "indexed", {"new1234": True, "old1234": False}.get)
    for seed, code in enumerate(["new1234", "old1234", "old1234"]):
        write(results, "05_jena_forecasting", seed, {"GRU": jena_model(0.26)},
              data=HOURLY_DATA, code=code)
    write(results, "07_jena_dropout_stacking", 0, {"GRU with dropout": jena_model(0.265)},
          data=HOURLY_DATA, code="new1234")
    note = paragraph(make_report(results), "**Training batches of 05–07**")
    assert re.findall(r"(`ShuffledWindows`|The book's generator)[^:]*: ([^.]*)\.", note) == [
        ("`ShuffledWindows`", "05: seed 0; 07: seed 0"),
        ("The book's generator", "05: seed 1, 2")]


def test_git_places_the_commits_before_and_after_the_indexed_training():
    if provenance.indexed("58cf35d") is None:
        pytest.skip("this clone lacks the history (git clone --depth): git cannot place them")
    assert (provenance.indexed("8bb19f4"), provenance.indexed("0d6436c-dirty"),
            provenance.indexed("58cf35d"), provenance.indexed("no-such")) == (
        True, True, False, None)


def test_without_git_no_commit_is_placed(monkeypatch):
    monkeypatch.setenv("PATH", "")  # a copy of the repository on a machine without git
    assert provenance.indexed("0d6436c") is None
