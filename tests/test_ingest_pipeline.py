import pytest

from measures.ingest import IngestError
from measures.ingest.pipeline import DocumentMeta, ingest_document, reclassify
from measures.models import Category, Document, Label, LabelSource, Measure, Region
from tests.conftest import seed_text
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def yongjia(categories: None) -> Region:
    return Region.objects.get(code="330324")


def ingest_yongjia(region: Region) -> Document:
    result = ingest_document(data=seed_text("000").encode("utf-8"), region=region, meta=DocumentMeta(title="永嘉"))
    assert result.created
    return result.document


def test_ingesting_a_seed_stores_every_sentence_in_order_with_labels(yongjia: Region) -> None:
    document = ingest_yongjia(yongjia)
    sentences = list(document.sentences.order_by("position"))
    assert [s.position for s in sentences] == list(range(len(sentences)))
    fund = next(s for s in sentences if s.text.startswith("设立泵阀产业专项资金"))
    assert fund.is_measure
    label = fund.labels.get(category__slug="finance")
    assert label.source == LabelSource.MACHINE and "专项资金" in label.evidence
    assert document.raw_text == seed_text("000")
    assert "內" not in document.cleaned_text


def test_reingesting_same_text_creates_nothing(yongjia: Region) -> None:
    document = ingest_yongjia(yongjia)
    counts = (Document.objects.count(), Measure.objects.count(), Label.objects.count())
    again = ingest_document(data=seed_text("000").encode("gb18030"), region=yongjia, meta=DocumentMeta())
    assert not again.created and again.document == document
    assert (Document.objects.count(), Measure.objects.count(), Label.objects.count()) == counts


def test_a_copy_stored_by_another_process_mid_ingest_is_reported_not_raised(
    yongjia: Region, monkeypatch: pytest.MonkeyPatch
) -> None:
    from measures.ingest.pipeline import plan

    classify_then_lose_the_race = plan.sentence_records
    other_process: list[Document] = []

    def racing(*args: object, **kwargs: object) -> object:
        records = classify_then_lose_the_race(*args, **kwargs)  # type: ignore[arg-type]
        if not other_process:  # the other process commits between our lookup and our insert
            monkeypatch.setattr(plan, "sentence_records", classify_then_lose_the_race)
            other_process.append(ingest_yongjia(yongjia))
        return records

    monkeypatch.setattr(plan, "sentence_records", racing)
    result = ingest_document(data=seed_text("000").encode("utf-8"), region=yongjia, meta=DocumentMeta())
    assert not result.created and result.document == other_process[0]
    assert Document.objects.count() == 1


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02binary", "找回密码\n立即注册".encode()])
def test_refused_input_saves_nothing(yongjia: Region, data: bytes) -> None:
    with pytest.raises(IngestError):
        ingest_document(data=data, region=yongjia, meta=DocumentMeta())
    assert not Document.objects.exists() and not Measure.objects.exists()


def test_a_failure_half_way_leaves_no_partial_document(yongjia: Region, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("measures.ingest.pipeline.store.store_sentences", explode)
    with pytest.raises(RuntimeError):
        ingest_yongjia(yongjia)
    assert not Document.objects.exists()


def test_reclassify_follows_a_lexicon_change_but_keeps_curator_decisions(yongjia: Region) -> None:
    document = ingest_yongjia(yongjia)
    curator = UserFactory(username="curator")
    land = Category.objects.get(slug="land")
    finance = Category.objects.get(slug="finance")
    fund = document.sentences.get(text__startswith="设立泵阀产业专项资金")
    # The curator rejects "land" on the fund sentence and forces it to context.
    Label.objects.update_or_create(
        measure=fund, category=land, defaults={"source": LabelSource.CURATOR, "rejected": True, "curator": curator}
    )
    Measure.objects.filter(pk=fund.pk).update(is_measure=False, kind_curated=True)
    # The lexicon loses every finance term, so the machine would drop finance everywhere.
    finance.lexicon = "不会出现的词"
    finance.save()
    Label.objects.filter(measure=fund, category=finance).update(source=LabelSource.CURATOR, curator=curator)

    report = reclassify(measures=document.sentences.all())

    fund.refresh_from_db()
    assert not fund.is_measure, "the curator's kind survives"
    assert fund.labels.get(category=land).rejected, "the curator's rejection survives"
    assert fund.labels.get(category=finance).source == LabelSource.CURATOR, "the curator's confirmation survives"
    assert not Label.objects.machine().filter(category=finance).exists()
    assert report.curated_kept == 2 and report.labels_removed > 0


def test_a_curator_decision_made_while_reclassify_classifies_is_kept(
    yongjia: Region, monkeypatch: pytest.MonkeyPatch
) -> None:
    from measures import curation
    from measures.ingest.pipeline import refresh

    document = ingest_yongjia(yongjia)
    fund = document.sentences.get(text__startswith="设立泵阀产业专项资金")
    assert fund.is_measure
    write = refresh._apply_classification

    def curator_acts_first(results: dict[int, object]) -> object:
        # Classification is done (the machine says "measure"); the curator says "context" now.
        monkeypatch.setattr(refresh, "_apply_classification", write)  # the curator's own write runs as usual
        curation.set_kind(measures=Measure.objects.filter(pk=fund.pk), is_measure=False, curator=UserFactory())
        return write(results)  # type: ignore[arg-type]

    monkeypatch.setattr(refresh, "_apply_classification", curator_acts_first)
    reclassify(measures=document.sentences.all())
    fund.refresh_from_db()
    assert not fund.is_measure and fund.kind_curated


def test_ingest_classifies_in_the_detected_document_type_as_a_rerun_would(yongjia: Region) -> None:
    """The type detection found (not only one a person gave) is the context at ingest and when reclassifying."""
    from measures.ingest.classify import LinearModel, Model, load_shipped_model
    from measures.models import ClassifierModel

    shipped = load_shipped_model()
    # A model in use that makes every unit of a policy text (a 实施方案's genre) a measure, and nothing else.
    only_in_policy = Model(LinearModel({"genre:policy": 60.0}, -30.0), shipped.categories)
    ClassifierModel.objects.create(version=2, parameters=only_in_policy.to_json())
    text = "某县推进产业集群发展实施方案\n一、总体要求\n加快建设公共服务平台。\n设立产业集群发展专项资金。"
    document = ingest_document(data=text.encode("utf-8"), region=yongjia, meta=DocumentMeta()).document
    assert document.doc_type == "implementation_plan", "detected from the title"
    stored = {m.text: m.is_measure for m in document.sentences.all()}
    assert stored["设立产业集群发展专项资金。"]
    report = reclassify(measures=document.sentences.all())
    assert report.kinds_changed == 0


def test_classifying_stored_sentences_reads_the_same_queries_for_one_document_or_five(  # type: ignore[no-untyped-def]
    seed_data: None, django_assert_num_queries
) -> None:
    """Guards classify_stored: the documents' types and their sentences, two queries for the whole batch."""
    from measures.ingest.pipeline import classify_stored, current_lexicon, current_model

    lexicon, model = current_lexicon(), current_model()
    documents = list(Document.objects.order_by("pk"))
    assert len(documents) >= 3
    batch = [sentence for document in documents for sentence in document.sentences.order_by("position")[1::3]]
    with django_assert_num_queries(2):
        verdicts = classify_stored(batch, lexicon, model)
    assert set(verdicts) == {sentence.pk for sentence in batch}
    one_by_one = {}
    for document in documents:
        one_by_one.update(classify_stored([s for s in batch if s.document_id == document.pk], lexicon, model))
    assert verdicts == one_by_one, "each sentence is classified in its own document's context"
    with django_assert_num_queries(0):
        assert classify_stored([], lexicon, model) == {}


def test_a_text_that_opens_with_a_numbered_item_is_stored_untitled_not_under_that_item(yongjia: Region) -> None:
    """A page cut out of a longer document starts at an item; that item is never its title."""
    text = "11、对园区内的工业用地，按最低价标准确定出让底价。\n12、土地出让收入全部用于园区基础设施建设。\n"
    document = ingest_document(data=text.encode("utf-8"), region=yongjia, meta=DocumentMeta()).document
    assert document.title == "无标题（开头：对园区内的工业用地，按最低价标准确定出让底价。）"


def test_an_untitled_upload_is_named_by_its_file_name(yongjia: Region) -> None:
    from measures.ingest.pipeline import plan_ingest

    text = "各县（区）人民政府：\n一、对新认定的产业集群给予50万元奖励。\n"
    plan = plan_ingest(data=text.encode("utf-8"), filename="某某县产业集群扶持办法.txt", region=yongjia)
    assert (plan.title.value, plan.title.source) == ("某某县产业集群扶持办法", "default")
