"""Curators' decisions: each function's effect, its audit record, and its survival."""

import pytest
from django.contrib.admin.models import LogEntry

from measures import curation, jobs
from measures.ingest.pipeline import reclassify
from measures.models import Category, Document, JobKind, Label, LabelSource, Measure, Tag, TagAlias, TagMerge

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_data")]


def fund_sentence() -> Measure:
    return Measure.objects.get(text__startswith="设立泵阀产业专项资金")


def logged(measure: object, words: str) -> bool:
    return LogEntry.objects.filter(object_id=str(measure.pk), change_message__contains=words).exists()  # type: ignore[attr-defined]


def test_set_kind_is_logged_and_survives_reclassification(curator) -> None:  # type: ignore[no-untyped-def]
    fund = fund_sentence()
    curation.set_kind(measures=Measure.objects.filter(pk=fund.pk), is_measure=False, curator=curator)
    reclassify(measures=Measure.objects.all())
    fund.refresh_from_db()
    assert not fund.is_measure and fund.kind_curated
    entry = LogEntry.objects.get(object_id=str(fund.pk))
    assert entry.user == curator and "context" in entry.change_message


def test_category_decisions_survive_reclassification_and_a_lexicon_change(curator) -> None:  # type: ignore[no-untyped-def]
    fund = fund_sentence()
    land, branding = Category.objects.get(slug="land"), Category.objects.get(slug="branding")
    curation.remove_category(measures=Measure.objects.filter(pk=fund.pk), category=land, curator=curator)
    curation.set_category(measures=Measure.objects.filter(pk=fund.pk), category=branding, curator=curator)
    branding.lexicon = "不会出现的词"
    branding.save()
    reclassify(measures=Measure.objects.all())
    labels = {label.category.slug: label for label in fund.labels.select_related("category")}
    assert labels["land"].rejected and labels["land"].source == LabelSource.CURATOR
    assert labels["land"].evidence, "the machine's evidence is kept beside the curator's rejection"
    assert not labels["branding"].rejected and labels["branding"].source == LabelSource.CURATOR
    assert fund not in Measure.objects.in_category("land")
    assert fund in Measure.objects.in_category("branding")
    assert logged(fund, "rejected category land") and logged(fund, "set category branding")


def test_tags_are_added_and_removed_with_an_audit_trail(curator) -> None:  # type: ignore[no-untyped-def]
    tag = Tag.objects.create(name="示范区", slug="shifanqu")
    three = Measure.objects.filter(pk__in=Measure.objects.measures().order_by("pk").values("pk")[:3])
    assert curation.add_tag(measures=three, tag=tag, curator=curator) == 3
    assert curation.add_tag(measures=three, tag=tag, curator=curator) == 0, "adding twice changes nothing"
    assert tag.measures.count() == 3
    assert curation.remove_tag(measures=three, tag=tag, curator=curator) == 3
    assert LogEntry.objects.filter(change_message__contains="tag shifanqu").count() == 6


def test_renaming_a_tag_keeps_the_old_slug_as_an_alias(curator, reader) -> None:  # type: ignore[no-untyped-def]
    tag = Tag.objects.create(name="示范", slug="shifan")
    tag.measures.add(fund_sentence())
    curation.rename_tag(tag=tag, name="示范区建设", slug="shifanqu-jianshe", curator=curator)
    assert TagAlias.objects.get(slug="shifan").tag == tag
    response = reader.get("/measures/?tag=shifan&kind=all")
    assert response.status_code == 301 and response["Location"].endswith("?tag=shifanqu-jianshe&kind=all")
    assert reader.get("/api/measures/?tag=shifan").status_code == 301


def test_merging_tags_moves_sentences_records_them_and_redirects(curator, reader) -> None:  # type: ignore[no-untyped-def]
    source = Tag.objects.create(name="人才引进", slug="rencai-yinjin")
    into = Tag.objects.create(name="人才", slug="rencai")
    moved = list(Measure.objects.in_category("talent")[:4])
    source.measures.add(*moved)
    into.measures.add(moved[0])
    record = curation.merge_tags(source=source, into=into, curator=curator)
    assert not Tag.objects.filter(slug="rencai-yinjin").exists()
    assert set(into.measures.all()) == set(moved)
    assert record.measure_ids == sorted(m.pk for m in moved) and record.merged_by == curator
    assert reader.get("/measures/?tag=rencai-yinjin")["Location"].endswith("?tag=rencai")


def test_a_failed_merge_changes_nothing(curator, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    source = Tag.objects.create(name="甲", slug="jia")
    into = Tag.objects.create(name="乙", slug="yi")
    source.measures.add(*Measure.objects.all()[:5])

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(TagMerge.objects, "create", fail)
    with pytest.raises(RuntimeError):
        curation.merge_tags(source=source, into=into, curator=curator)
    assert Tag.objects.get(slug="jia").measures.count() == 5
    assert into.measures.count() == 0 and not TagAlias.objects.exists()


def test_a_tag_cannot_be_merged_into_itself(curator) -> None:  # type: ignore[no-untyped-def]
    tag = Tag.objects.create(name="甲", slug="jia")
    with pytest.raises(ValueError, match="合并到它自己"):
        curation.merge_tags(source=tag, into=tag, curator=curator)


def test_lexicon_preview_lists_gains_and_losses_and_apply_keeps_curator_labels(curator) -> None:  # type: ignore[no-untyped-def]
    finance = Category.objects.get(slug="finance")
    curated = Measure.objects.in_category("finance").first()
    assert curated is not None
    curation.set_category(measures=Measure.objects.filter(pk=curated.pk), category=finance, curator=curator)
    new_lexicon = finance.lexicon + "\n招商引资 1"
    preview = curation.preview_reclassification(category=finance, lexicon_text=new_lexicon)
    assert preview.gains and all("招商引资" in m.text for m in preview.gains)
    assert not preview.losses and preview.curated_untouched == 1
    without_funds = "\n".join(line for line in finance.lexicon.splitlines() if "资金" not in line)
    assert curation.preview_reclassification(category=finance, lexicon_text=without_funds).losses
    curation.save_lexicon(category=finance, lexicon_text=new_lexicon, curator=curator)
    jobs.start(kind=JobKind.RECLASSIFY, payload={}, user=curator)  # what the admin's "apply" queues
    assert set(preview.gains) <= set(Measure.objects.in_category("finance"))
    assert Label.objects.get(measure=curated, category=finance).source == LabelSource.CURATOR


def test_a_lexicon_preview_never_reads_the_documents_texts(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    """Guards the preview over every sentence: lexicons, model, labels, sentences with their documents (not their
    raw and cleaned texts), then the documents' types and sentences for context, whatever the number of documents."""
    finance = Category.objects.get(slug="finance")
    with django_assert_num_queries(6) as context:
        preview = curation.preview_reclassification(category=finance, lexicon_text=finance.lexicon + "\n招商引资 1")
    selected = " ".join(query["sql"] for query in context.captured_queries)
    assert "raw_text" not in selected and "cleaned_text" not in selected
    assert preview.gains and all(measure.document.region.name for measure in preview.gains)


def test_a_malformed_lexicon_is_refused_before_anything_changes(curator) -> None:  # type: ignore[no-untyped-def]
    finance = Category.objects.get(slug="finance")
    with pytest.raises(ValueError, match="权重必须是数字"):
        curation.save_lexicon(category=finance, lexicon_text="资金 lots", curator=curator)
    assert Category.objects.get(slug="finance").lexicon == finance.lexicon


def test_reprocessing_a_document_keeps_decisions_on_unchanged_sentences(curator) -> None:  # type: ignore[no-untyped-def]
    document = Document.objects.get(region__slug="yongjia")
    fund = fund_sentence()
    tag = Tag.objects.create(name="专项资金", slug="zhuanxiang")
    land = Category.objects.get(slug="land")
    curation.add_tag(measures=Measure.objects.filter(pk=fund.pk), tag=tag, curator=curator)
    curation.remove_category(measures=Measure.objects.filter(pk=fund.pk), category=land, curator=curator)
    changed = document.sentences.exclude(pk=fund.pk).first()
    assert changed is not None
    curation.set_kind(
        measures=document.sentences.filter(pk=changed.pk), is_measure=not changed.is_measure, curator=curator
    )
    Measure.objects.filter(pk=changed.pk).update(text=changed.text + "（旧版）")  # its text will differ on re-run

    report = curation.reprocess_document(document=document, curator=curator)

    assert report.sentences == document.sentences.count()
    assert report.kept_decisions == 2 and report.dropped_decisions == 1
    new_fund = document.sentences.get(text=fund.text)
    assert list(new_fund.tags.all()) == [tag]
    assert new_fund.labels.get(category=land).rejected


def test_quality_dashboard_compares_the_current_lexicon_with_curators(curator) -> None:  # type: ignore[no-untyped-def]
    finance = Category.objects.get(slug="finance")
    machine_finance = list(Measure.objects.in_category("finance")[:3])
    curation.set_category(measures=Measure.objects.filter(pk=machine_finance[0].pk), category=finance, curator=curator)
    curation.remove_category(
        measures=Measure.objects.filter(pk=machine_finance[1].pk), category=finance, curator=curator
    )
    other = Measure.objects.exclude(pk__in=Measure.objects.in_category("finance")).first()
    assert other is not None
    curation.set_category(measures=Measure.objects.filter(pk=other.pk), category=finance, curator=curator)
    row = next(r for r in curation.label_quality() if r.name == "资金金融")
    assert (row.confirmed, row.wrongly_given, row.missed) == (1, 1, 1)
    assert row.precision == 0.5 and row.recall == 0.5


def test_a_lexicon_change_reclassifies_in_short_batches_and_decisions_made_meanwhile_survive(  # type: ignore[no-untyped-def]
    curator, monkeypatch
) -> None:
    """Each batch is its own transaction, not one held for the whole corpus: a curator's write between
    two batches gets in, and reclassification after it leaves the decision alone."""
    from django.db import connection

    from measures.ingest.pipeline import refresh

    finance = Category.objects.get(slug="finance")
    ids = list(Measure.objects.order_by("pk").values_list("pk", flat=True))
    late = Measure.objects.get(pk=ids[-1])
    depth = len(connection.savepoint_ids)  # the test's own transaction, if any
    batches: list[tuple[int, int]] = []
    apply = refresh._apply_classification

    def spy(results):  # type: ignore[no-untyped-def]
        batches.append((len(results), len(connection.savepoint_ids)))
        if len(batches) == 2:  # another writer between batches: a curator rejects finance on a later sentence
            curation.remove_category(measures=Measure.objects.filter(pk=late.pk), category=finance, curator=curator)
        return apply(results)

    monkeypatch.setattr(refresh, "_apply_classification", spy)
    curation.save_lexicon(category=finance, lexicon_text=finance.lexicon + "\n资金 3", curator=curator)
    refresh.reclassify_in_batches(measures=Measure.objects.all(), batch_size=50)

    assert len(batches) == -(-len(ids) // 50) and all(size <= 50 for size, _ in batches)
    assert all(level == depth for _, level in batches), "no transaction around the whole run"
    label = Label.objects.get(measure=late, category=finance)
    assert label.source == LabelSource.CURATOR and label.rejected
    assert "资金 3" in Category.objects.get(slug="finance").lexicon


def test_a_sentence_a_curator_makes_a_measure_gets_the_machines_categories(curator) -> None:  # type: ignore[no-untyped-def]
    land_story = Measure.objects.get(text__startswith="对中小企业尤其是小企业来说，想获得一块土地")
    assert not land_story.is_measure and not land_story.labels.exists()
    curation.set_kind(measures=Measure.objects.filter(pk=land_story.pk), is_measure=True, curator=curator)
    machine = land_story.labels.filter(source=LabelSource.MACHINE)
    assert list(machine.values_list("category__slug", flat=True)) == ["land"]
    assert machine.get().evidence, "the label is explained like any other"
    reclassify(measures=Measure.objects.all())
    assert list(land_story.labels.values_list("category__slug", flat=True)) == ["land"]


def test_a_measure_a_curator_makes_context_loses_machine_labels_but_keeps_curator_ones(curator) -> None:  # type: ignore[no-untyped-def]
    fund = fund_sentence()
    talent = Category.objects.get(slug="talent")
    curation.set_category(measures=Measure.objects.filter(pk=fund.pk), category=talent, curator=curator)
    curation.set_kind(measures=Measure.objects.filter(pk=fund.pk), is_measure=False, curator=curator)
    reclassify(measures=Measure.objects.all())
    assert list(fund.labels.values_list("category__slug", "source")) == [("talent", LabelSource.CURATOR)]


def test_merging_several_tags_is_all_or_nothing(curator, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    into, first, second = (Tag.objects.create(name=name, slug=name) for name in ("into", "first", "second"))
    for tag in (first, second):
        tag.measures.add(*Measure.objects.measures()[:3])
    merge = curation.merge_tags

    def fail_on_second(*, source: Tag, into: Tag, curator: object) -> TagMerge:
        if source.pk == second.pk:
            raise RuntimeError("the database went away")
        return merge(source=source, into=into, curator=curator)  # type: ignore[arg-type]

    monkeypatch.setattr(curation, "merge_tags", fail_on_second)
    with pytest.raises(RuntimeError):
        curation.merge_tags_into(sources=[into, first, second], into=into, curator=curator)
    assert set(Tag.objects.values_list("slug", flat=True)) >= {"first", "second"} and not TagMerge.objects.exists()
    assert not into.measures.exists()
    monkeypatch.setattr(curation, "merge_tags", merge)
    again = Tag.objects.filter(slug__in=["into", "first", "second"]).order_by("slug")  # as stored: rolled back
    merges = curation.merge_tags_into(sources=again, into=into, curator=curator)
    assert [m.source_slug for m in merges] == ["first", "second"] and into.measures.count() == 3
