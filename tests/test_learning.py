"""Curators teach the classifier: retraining, its guard, and curator decisions surviving it."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from measures import learning
from measures.ingest.classify import load_shipped_model
from measures.ingest.pipeline import current_model, reclassify
from measures.models import Category, ClassifierModel, Document, Label, LabelSource, Measure
from tests.factories import CuratorDecisions, UserFactory

pytestmark = pytest.mark.django_db

HIGH = {"measure": {"f1": 0.99}, "category_micro": {"f1": 0.99}}


def test_every_curator_decision_becomes_labelled_data(seed_data: None) -> None:
    curator = UserFactory(username="curator")
    sentence = Measure.objects.get(text__startswith="设立泵阀产业专项资金")
    Measure.objects.filter(pk=sentence.pk).update(is_measure=True, kind_curated=True)
    land = Category.objects.get(slug="land")
    Label.objects.update_or_create(
        measure=sentence, category=land, defaults={"source": LabelSource.CURATOR, "rejected": True, "curator": curator}
    )
    (unit,) = learning.curator_units()
    assert unit.is_measure and "land" not in unit.categories and "finance" in unit.categories
    assert unit.context.headings == () or all(isinstance(h, str) for h in unit.context.headings)
    texts = [u.text for u in learning.training_units()]
    assert texts.count(unit.text) == 1, "the curator's decision replaces the shipped label of the same text"


def test_curator_units_read_a_fixed_number_of_queries_whatever_the_documents(  # type: ignore[no-untyped-def]
    seed_data: None, django_assert_num_queries
) -> None:
    """Guards curator_units: decided ids, their labels, their documents, those documents' sentences."""
    curator = UserFactory(username="curator")
    firsts = [
        document.sentences.measures().order_by("position").first() for document in Document.objects.order_by("pk")[:4]
    ]
    Measure.objects.filter(pk__in=[sentence.pk for sentence in firsts[:2]]).update(kind_curated=True)  # type: ignore[union-attr]
    land = Category.objects.get(slug="land")
    for sentence in firsts[2:]:
        Label.objects.update_or_create(
            measure=sentence, category=land, defaults={"source": LabelSource.CURATOR, "curator": curator}
        )
    with django_assert_num_queries(4):
        units = learning.curator_units()
    assert sorted(unit.doc for unit in units) == sorted(f"doc{sentence.document_id}" for sentence in firsts)  # type: ignore[union-attr]
    (last,) = [unit for unit in units if unit.doc == f"doc{firsts[3].document_id}"]  # type: ignore[union-attr]
    assert "land" in last.categories


def test_train_refuses_a_worse_model_unless_forced(seed_data: None, quick_heldout: None) -> None:
    ClassifierModel.objects.create(version=2, parameters=load_shipped_model().to_json(), heldout=HIGH)
    with pytest.raises(CommandError, match="worse"):
        call_command("train", stdout=StringIO())
    assert ClassifierModel.objects.count() == 1
    out = StringIO()
    call_command("train", "--force", stdout=out)
    assert "applied as model v3" in out.getvalue()
    assert ClassifierModel.objects.in_use().version == 3


def test_curator_decisions_survive_retrain_and_reclassify(seed_data: None, quick_heldout: None) -> None:
    decisions = CuratorDecisions(UserFactory(username="curator"))

    report = learning.train(force=True)
    assert report.applied and report.counts["curator_units"] == 2
    assert current_model() != load_shipped_model()
    reclassify(measures=Measure.objects.all())
    decisions.assert_kept()
