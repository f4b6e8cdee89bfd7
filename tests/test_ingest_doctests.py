"""The docstring examples of the text stages are tests too (pytest collects only ``tests/``)."""

import doctest
import importlib

import pytest

MODULES = [
    "measures.ingest.chrome",
    "measures.ingest.clean",
    "measures.ingest.normalise",
    "measures.ingest.evaluate_cleaning",
    "measures.ingest.dates",
    "measures.ingest.detect",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
