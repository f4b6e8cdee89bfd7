"""The quantity evaluation: its scoring, its hand-checked data and the command behind ``make eval``."""

import json
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from measures.quantities.evaluate import GoldQuantity, evaluate_quantities, evaluate_strength, load_gold

DATA = Path(__file__).parent / "data"


def test_scoring_counts_matches_misses_spurious_and_wrong_values() -> None:
    texts = {("a", 0): "每年拿出50万元，新增用地2000亩", ("a", 1): "人才工程是一个系统工程"}
    gold = {
        ("a", 0): (
            GoldQuantity("money", 4, 8, 50.0, None, "exact", False),  # per year is wrong on purpose
            GoldQuantity("count", 9, 10, 1.0, None, "exact", False),  # nothing there: a miss
        ),
    }
    report = evaluate_quantities(texts, gold)
    scores = {score.name: score for score in report.scores}
    assert (scores["money"].true_positives, scores["money"].false_positives) == (1, 0)
    assert (scores["land"].false_positives, scores["count"].false_negatives) == (1, 1)
    assert (report.values_right, report.matched) == (0, 1)
    assert {m.kind for m in report.mistakes} == {"spurious", "missed", "wrong value"}


def test_strength_scoring_uses_the_level_readers_see() -> None:
    texts = {("a", 0): "统一规划县乡村公共设施", ("a", 1): "鼓励企业创建品牌"}
    report = evaluate_strength(texts, [(("a", 0), "commitment"), (("a", 1), "binding")])
    assert (report.correct, report.measures) == (1, 2)
    assert report.confusion == {("commitment", "commitment"): 1, ("binding", "encouragement"): 1}


def test_gold_spans_agree_with_the_stored_unit_texts() -> None:
    gold = load_gold(DATA / "quantities.jsonl")
    assert sum(len(quantities) for quantities in gold.values()) >= 100
    rows = [json.loads(line) for line in (DATA / "quantities.jsonl").read_text(encoding="utf-8").splitlines()]
    for row in rows:
        if row["doc"] in ("d13", "d14", "d15"):
            assert "text" not in row and all("text" not in q for q in row["quantities"])  # news stays out
            continue
        for quantity in row["quantities"]:
            assert row["text"][quantity["start"] : quantity["end"]] == quantity["text"]


def test_evaluate_quantities_prints_scores_by_kind_and_strength() -> None:
    out = StringIO()
    call_command("evaluate_quantities", stdout=out, stderr=StringIO())
    text = out.getvalue()
    for line in ["money", "land", "rate", "count", "horizon", "duration", "values right", "strength: accuracy"]:
        assert line in text
