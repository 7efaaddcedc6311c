"""The course package's shape: every module says what it exports, the lessons' names load
lazily from their modules, nothing of the study or the tools is imported by it, and
`import rnnbook` loads no deep-learning framework."""

import ast
import importlib
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

import rnnbook

PACKAGE = Path(rnnbook.__file__).parent
MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def module_name(path):
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_every_module_lists_what_it_exports_and_each_name_exists(path):
    module = importlib.import_module(module_name(path))
    assert isinstance(module.__all__, list), f"{path.name}: add __all__"
    missing = [name for name in module.__all__ if not hasattr(module, name)
               and importlib.util.find_spec(f"{module.__name__}.{name}") is None]  # a submodule
    assert not missing, f"{module.__name__}.__all__ names what it lacks: {missing}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_no_module_imports_the_study_or_the_tools(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module and node.level == 0}
    assert not imported & {"study", "tools", "subprocess", "platform"}, path.name


def test_the_package_shows_the_lessons_names_and_nothing_else():
    assert dir(rnnbook) == rnnbook.__all__
    assert {"generator", "WindowDataset", "jena_task", "save_results", "diagrams"} <= set(
        rnnbook.__all__)
    for leak in ("np", "os", "sys", "keras", "subprocess", "warnings", "importlib"):
        assert not hasattr(rnnbook, leak), f"rnnbook.{leak} leaks"


def test_a_lessons_name_is_its_modules_own():
    from rnnbook.lessons import windows

    assert rnnbook.generator is windows.generator
    assert rnnbook.diagrams is importlib.import_module("rnnbook.lessons.diagrams")


def test_a_name_the_package_does_not_have_is_an_attribute_error():
    with pytest.raises(AttributeError, match="module 'rnnbook' has no attribute 'fit_gru'"):
        rnnbook.fit_gru  # noqa: B018


@pytest.mark.slow
def test_import_rnnbook_loads_no_framework():
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, rnnbook; print(sorted(m.split('.')[0] for m in "
         "sys.modules if m.split('.')[0] in {'tensorflow', 'keras', 'jax', 'matplotlib', "
         "'numpy', 'pandas'}))"], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
