"""The strictness of the notebooks' checks under pytest (nbval): here, at the root, because a
hook in tests/conftest.py applies only to the items under tests/."""

import os
from unittest import mock

import pytest


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    """Each notebook's kernel starts with the strictness its checks run under: the exercise
    notebooks' checks raise where an answer is wrong (RNN_CHECK_STRICT=1, so every solution
    must pass); the student copies' print what a student sees (each "no answer yet") and go
    on. nbval starts a notebook's kernel in the setup of its first cell, inside this."""
    if item.path.suffix != ".ipynb":
        return (yield)
    strict = "0" if item.path.name.startswith("student_") else "1"
    with mock.patch.dict(os.environ, RNN_CHECK_STRICT=strict):
        return (yield)
