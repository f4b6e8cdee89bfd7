"""Docstring examples are tests too: every module of ``measures`` that shows one has it run here.

pytest collects only ``tests/``, so an example nobody runs would drift from the code unseen;
the modules are found by their ``>>>``, so a new example is run without being listed.
"""

import doctest
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "measures"


def modules_with_examples() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts or ">>>" not in path.read_text(encoding="utf-8"):
            continue
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def test_the_text_stages_and_the_search_have_examples() -> None:
    assert {
        "measures.ingest.clean",
        "measures.ingest.normalise",
        "measures.search.query",
        "measures.models.documents",
    } <= set(modules_with_examples())


@pytest.mark.parametrize("name", modules_with_examples())
def test_docstring_examples_hold(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
