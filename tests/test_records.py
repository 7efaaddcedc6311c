"""study/records.py: what a study run records about itself, stamped onto a notebook's record."""

import json
import subprocess

import pytest

import rnnbook
from study import records


@pytest.mark.slow
def test_code_version_is_the_git_commit(monkeypatch):
    monkeypatch.delenv("RNN_CODE_VERSION", raising=False)
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=records.REPO,
                          capture_output=True, text=True, check=True).stdout.strip()
    assert records.code_version().removesuffix("-dirty") == head


def test_run_all_names_the_version_for_every_notebook_it_runs(monkeypatch):
    monkeypatch.setenv("RNN_CODE_VERSION", "abc1234")
    assert records.code_version() == "abc1234"


def test_stamp_adds_code_helpers_and_machine_and_keeps_the_rest(tmp_path, monkeypatch):
    path = tmp_path / "seed0.json"
    path.write_text(json.dumps({"notebook": "04_gru", "models": {"GRU": {"test_acc": 0.87}}}))
    records.stamp(path, "abc1234")
    assert json.loads(path.read_text()) == {
        "notebook": "04_gru", "models": {"GRU": {"test_acc": 0.87}}, "code": "abc1234",
        "helpers_sha256": records.helpers_digest()[:12], "machine": records.machine()}


def test_the_helpers_digest_covers_every_module_of_the_package(tmp_path, monkeypatch):
    before = records.helpers_digest()
    package = tmp_path / "rnnbook"
    (package / "exercises").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    module = package / "exercises" / "basics.py"
    module.write_text("A = 1\n")
    monkeypatch.setattr(rnnbook, "__file__", str(package / "__init__.py"))
    digest = records.helpers_digest()
    module.write_text("A = 2\n")  # a change in a subpackage changes it
    assert digest != records.helpers_digest() != before
