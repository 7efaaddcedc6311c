"""study/jax_gap.py's record of why JAX's SimpleRNN scores above TensorFlow's (issue 37,
item 5), and the report's JAX section that states it. Nothing here trains: the record is
read as `python -m study.jax_gap` left it in results/full/."""

import json
import re
import shutil

import pytest

from study import jax_gap, report


@pytest.fixture
def record():
    found = jax_gap.read(jax_gap.OUTPUT)
    assert found is not None, f"{jax_gap.OUTPUT} missing: run `python -m study.jax_gap`"
    return found


@pytest.fixture
def results(tmp_path, monkeypatch):
    """A copy of results/ for report.main() to write into."""
    copy = tmp_path / "results"
    shutil.copytree(jax_gap.OUTPUT.parent.parent, copy)
    monkeypatch.setattr(report, "RESULTS", copy)
    monkeypatch.setattr(report, "README", tmp_path / "README.md")
    (tmp_path / "README.md").write_text("<!-- report:start -->\n<!-- report:end -->\n")
    return copy


def jax_section(results):
    report.main()
    text = (results / "REPORT.md").read_text()
    return text.split("## The same notebooks on JAX\n", 1)[1].split("\n## ", 1)[0]


def test_every_arm_starts_from_the_same_weights_and_batches(record):
    assert re.fullmatch(r"[0-9a-f]{64}", record["data"]["sha256"])
    by_seed = jax_gap.runs_by_seed(record)
    assert set(by_seed[0]) == set(jax_gap.ARMS)
    for arms in by_seed.values():
        before = [run["initial_val_loss_1000"] for run in arms.values()]
        assert max(before) - min(before) < 1e-6  # float32 sums in another order, no more
        assert all(len(run["load"]["loadavg"]) == 2 for run in arms.values())
    for losses in record["first_steps"].values():
        assert set(losses) == set(jax_gap.ARMS)
        first = [values[0] for values in losses.values()]  # before any update
        assert max(first) - min(first) < 1e-6


def test_the_one_step_check_tells_the_backends_apart(record):
    assert record["one_step"]["jax"] == pytest.approx(1, rel=1e-6)
    assert record["one_step"]["tensorflow"] == pytest.approx(1 / record["occurrences"], rel=1e-6)


def test_the_stored_gap_is_that_of_the_seed_files_now(record):
    assert record["stored"] == jax_gap.stored_gap()  # else rerun: the seeds changed


def test_parting_finds_the_first_difference_over_the_tolerance():
    assert jax_gap.parting([1, 2, 3], [1, 2.00001, 3.5], 1e-4) == 2
    assert jax_gap.parting([1, 2], [1, 2], 1e-4) is None


def test_the_reports_jax_section_states_the_finding_of_the_record(results, record):
    jax = jax_section(results)
    assert jax_gap.finding(record) in jax
    welch = record["stored"]["welch_best_val_acc"]
    assert f"Welch's t = {welch['t']:.2f}, df = {welch['df']:.1f}, p = {welch['p']:.3f}" in jax
    assert re.search(r"^\| seed 0, val_acc by epoch \| tensorflow \| jax \| tensorflow-dense \|$",
                     jax, flags=re.M)


def test_the_report_follows_the_record(results):
    path = results / "full" / jax_gap.OUTPUT.name
    record = json.loads(path.read_text())
    record["one_step"]["tensorflow"] = 0.5
    record["runs"][0]["beyond_clip_train"] |= {"n": 7, "max_abs_logit": 17.25}
    path.write_text(json.dumps(record))
    jax = jax_section(results)
    assert "TensorFlow keeps is 0.50 of the square" in jax
    assert "in any arm is 17.2, and 7 reviews lie beyond the clip" in jax


def test_without_the_record_the_section_says_nothing_of_it(results):
    (results / "full" / jax_gap.OUTPUT.name).unlink()
    assert "Where JAX's SimpleRNN gap" not in jax_section(results)


@pytest.mark.parametrize("edit, says", [
    (lambda r: r.pop("one_step"), "no 'one_step'"),
    (lambda r: r["runs"][0].update(arm="torch"), "not an arm of"),
    (lambda r: r["runs"][0]["history"]["val_acc"].pop(), "history and its best val_acc disagree"),
    (lambda r: r["first_steps"]["0"]["jax"].pop(), "first_steps of seed 0"),
])
def test_a_bad_record_is_refused_and_nothing_is_written(results, edit, says):
    path = results / "full" / jax_gap.OUTPUT.name
    record = json.loads(path.read_text())
    edit(record)
    path.write_text(json.dumps(record))
    before = (results / "REPORT.md").read_text()
    with pytest.raises(SystemExit) as error:
        report.main()
    assert says in str(error.value) and "python -m study.jax_gap" in str(error.value)
    assert (results / "REPORT.md").read_text() == before
