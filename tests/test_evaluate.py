"""``make eval``: document-held-out figures, and the arithmetic behind them."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from measures.ingest.classify.model import Classification, decide
from measures.ingest.classify.training import (
    LabelledUnit,
    Score,
    _Design,
    app_headings,
    featurise,
    fit,
    held_out,
    score,
)


def test_score_arithmetic() -> None:
    result = Score("finance", true_positives=8, false_positives=2, false_negatives=8)
    assert (result.precision, result.recall, round(result.f1, 3), result.support) == (0.8, 0.5, 0.615, 16)


def test_categories_are_counted_only_on_units_predicted_as_measures() -> None:
    units = [
        LabelledUnit("a", 1, "甲", True, frozenset({"finance"})),
        LabelledUnit("a", 2, "乙", True, frozenset({"land"})),
    ]
    results = [
        Classification(True, (), ("finance", "talent"), {}),
        Classification(False, (), (), {}),  # a missed measure: its land is not counted
    ]
    evaluation = score(units, results, ["finance", "talent", "land"])
    assert (evaluation.measure.true_positives, evaluation.measure.false_negatives) == (1, 1)
    micro = evaluation.category_micro
    assert (micro.true_positives, micro.false_positives, micro.false_negatives) == (1, 1, 0)


def test_a_mistake_cites_its_unit_as_the_labels_do() -> None:
    """Seeds by their number without the hash, pages and devset documents by their whole id."""
    assert LabelledUnit("004_32ec77c9af73f031", 182, "甲", False, frozenset()).reference == "004-182"
    assert LabelledUnit("p123", 4, "乙", False, frozenset()).reference == "p123-4"
    assert LabelledUnit("d07", 18, "丙", True, frozenset()).reference == "d07-18"


def test_each_held_out_fold_decides_as_a_model_fitted_on_the_other_documents_alone() -> None:
    """``held_out`` vectorises once and slices rows per fold; a fold fitted from scratch decides the same."""
    from measures.learning import shipped_lexicon, shipped_units

    few = ("000_1d995d722dc5e0fd", "003_2e1bb02e33a77ce7", "d07", "d11", "p178")
    units = [unit for unit in shipped_units() if unit.doc in few]
    lexicon = shipped_lexicon()
    features = featurise(units, lexicon)
    fast = {unit: (result.is_measure, result.categories) for unit, result in held_out(units, units, lexicon).scored}
    for doc in few:
        rest = [i for i, unit in enumerate(units) if unit.doc != doc]
        model = fit([units[i] for i in rest], [features[i] for i in rest], lexicon.slugs)
        for i, unit in enumerate(units):
            if unit.doc == doc:
                result = decide(features[i], model)
                assert fast[unit] == (result.is_measure, result.categories), unit


def test_a_fold_learns_nothing_from_the_document_it_leaves_out() -> None:
    """A feature only the left-out document has gets no weight in its fold, as if never seen."""
    units = [
        LabelledUnit("a", 1, "设立专项资金", True, frozenset({"finance"})),
        LabelledUnit("b", 1, "设立产业基金", True, frozenset({"finance"})),
        LabelledUnit("b", 2, "产业发展良好", False, frozenset()),
        LabelledUnit("c", 1, "经济总量增长", False, frozenset()),
    ]
    rows = [{"only-in-a": 1.0, "设立": 1.0}, {"设立": 1.0}, {"发展": 1.0}, {"增长": 1.0}]
    design = _Design(rows, [unit.is_measure for unit in units], [unit.doc for unit in units])
    assert "only-in-a" in design.linear(design.solve(c=1.0)).weights
    fold = design.linear(design.solve(c=1.0, without="a"))
    assert "only-in-a" not in fold.weights and fold.weights["设立"] > 0


@pytest.fixture(scope="module")
def evaluation_report() -> str:
    """What ``manage.py evaluate`` prints: one full document-held-out run (minutes), shared by the tests below."""
    out = StringIO()
    call_command("evaluate", stdout=out)
    return out.getvalue()


def test_make_eval_prints_the_document_held_out_table_above_its_floors(evaluation_report: str) -> None:
    lines = evaluation_report.splitlines()
    assert lines[0].startswith("document-held-out:")
    rows = {line[:16].strip(): line[16:].split() for line in lines[2:9]}
    assert set(rows) == {"measure", "category micro", "finance", "talent", "land", "branding", "platforms"}
    f1 = {name: float(row[2]) for name, row in rows.items()}
    # Floors sit just under the held-out figures quoted in the README; they guard against regressions.
    assert f1["measure"] >= 0.77
    assert f1["category micro"] >= 0.75


def test_a_unit_cut_mid_word_at_a_line_end_is_not_a_heading() -> None:
    """Reading labelled units one per line would make the tail fragment a title; the app's splitter does not."""
    raw = "（十四）引进国内外职业培训机构，提升职业教育水平。支持集群内企\n业员工参与国内外职业技能比赛。\n七、加强指导"
    texts = [
        "（十四）引进国内外职业培训机构，提升职业教育水平。",
        "支持集群内企",
        "业员工参与国内外职业技能比赛。",
        "七、加强指导",
    ]
    assert app_headings(raw, texts) == [False, False, False, True]


def test_make_eval_also_shows_the_seeds_and_devset_alone_and_the_devset_alone(evaluation_report: str) -> None:
    assert "seeds + devset only: 598 units in 20 documents" in evaluation_report
    assert "devset only: 232 units in 15 documents" in evaluation_report


def test_each_labelled_document_carries_the_type_detection_gives_its_raw_text() -> None:
    """Training sees a document's genre as ingest will: the ``doc_type`` rows carry is detection's answer."""
    from measures.ingest.classify.training import detected_doc_type
    from measures.learning import SHIPPED_LABELS
    from measures.management.commands.label_doc_types import raw_text_path

    stored: dict[str, str] = {}
    for path in SHIPPED_LABELS:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            stored.setdefault(row.get("doc") or row["source"], row["doc_type"])
    checked = 0
    for doc, doc_type in stored.items():
        raw = raw_text_path(doc)
        if raw is None:  # a devset document without ../shared beside the project
            continue
        detected = detected_doc_type(raw.read_text(encoding="utf-8"))
        assert doc_type == detected, f"{doc}: run `manage.py label_doc_types` after changing detection"
        checked += 1
    assert checked >= 100 and {"speech", "policy_measures", "news_report"} <= set(stored.values())
