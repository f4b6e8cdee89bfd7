"""``evaluate_cleaning`` and ``evaluate_metadata``: the figures ``make eval`` prints."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_evaluate_cleaning_prints_a_row_per_document_and_the_totals(tmp_path: Path) -> None:
    output = run("evaluate_cleaning", "--devset", str(tmp_path / "missing"), "--lines")
    assert "devset not found" in output
    rows = [line for line in output.splitlines() if line.startswith(("00", "total"))]
    assert len(rows) == 6  # five seeds and the total
    assert rows[-1].split()[-2:] == ["0", "0"]  # chrome left, body lost


def test_evaluate_metadata_scores_the_fields_asked_for(tmp_path: Path) -> None:
    output = run("evaluate_metadata", "--devset", str(tmp_path / "missing"), "--fields", "doc_type,year")
    assert "doc_type  5/5 correct" in output
    assert "year" in output and "issuer" not in output


def test_evaluate_metadata_refuses_an_unknown_field() -> None:
    with pytest.raises(CommandError, match="unknown field"):
        run("evaluate_metadata", "--fields", "colour")


@pytest.mark.skipif(not DEVSET.is_dir(), reason="devset not present")
def test_the_devset_is_scored_when_present() -> None:
    output = run("evaluate_cleaning")
    assert output.count("\nd") == 15
