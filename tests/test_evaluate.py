"""The classifier's published quality on the labelled seed sentences must not regress."""

from io import StringIO

from django.core.management import call_command

from measures.ingest.evaluate import Score


def test_score_arithmetic() -> None:
    score = Score("finance", true_positives=8, false_positives=2, false_negatives=8)
    assert (score.precision, score.recall, round(score.f1, 3), score.support) == (0.8, 0.5, 0.615, 16)


def test_make_eval_reports_every_category_at_or_above_its_floor() -> None:
    out = StringIO()
    call_command("evaluate", stdout=out)
    rows = {line.split()[0]: line.split() for line in out.getvalue().splitlines()[2:]}
    assert set(rows) == {"measure", "finance", "talent", "land", "branding", "platforms"}
    f1 = {name: float(row[3]) for name, row in rows.items()}
    # Floors sit just under the figures reported in the Foundation issue's closing note.
    assert f1["measure"] >= 0.80
    for category in ["finance", "talent", "land", "branding", "platforms"]:
        assert f1[category] >= 0.85, f"{category} F1 fell to {f1[category]}"
