"""Re-running the machine over stored sentences: reclassify (curator decisions kept) and reread quantities."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import astuple, dataclass

from django.db import transaction
from django.db.models import QuerySet

from ...models import Category, Label, LabelSource, Measure, Quantity
from ...quantities import read_measure
from ..classify import Classification, Lexicon, Model
from .classifier import classify_stored, settled_categories


@dataclass(frozen=True)
class ReclassifyReport:
    measures: int
    kinds_changed: int
    labels_added: int
    labels_removed: int
    curated_kept: int


def reclassify(
    *, measures: Iterable[Measure], lexicon: Lexicon | None = None, model: Model | None = None
) -> ReclassifyReport:
    """Re-run the classifier on stored sentences, never touching a curator's decision.

    The kind is left alone where ``kind_curated`` is set; a category is left alone
    wherever a curator label (confirmation or rejection) exists for it. Each sentence is
    classified in its document's context (``classify_stored``). Classifying is
    the slow part and runs before the write transaction, so writers are held up only by
    the writes; the curator decisions are read inside it, so one made meanwhile is kept.
    """
    return _apply_classification(classify_stored(measures, lexicon, model))


# Sentences per write transaction when reclassifying many: each batch is short, so curators'
# writes interleave instead of waiting for the whole run, and a decision made mid-run is
# read by the batches after it.
RECLASSIFY_BATCH = 100


def reclassify_in_batches(
    *,
    measures: QuerySet[Measure],
    batch_size: int = RECLASSIFY_BATCH,
    on_progress: Callable[[int, int], None] | None = None,
) -> ReclassifyReport:
    """``reclassify`` ``measures`` ``batch_size`` sentences at a time, one transaction each.

    For long runs (the command, a lexicon change, a background job): the SQLite write
    lock is never held for longer than one batch. ``on_progress(done, total)`` is called
    after each batch. Must not be called inside a transaction (each batch commits).
    """
    ids = list(measures.order_by("pk").values_list("pk", flat=True))
    size = max(batch_size, 1)
    totals = [0, 0, 0, 0, 0]
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        report = reclassify(measures=Measure.objects.filter(pk__in=chunk))
        for index, value in enumerate(astuple(report)):
            totals[index] += value
        if on_progress is not None:
            on_progress(start + len(chunk), len(ids))
    return ReclassifyReport(*totals)


@transaction.atomic
def _apply_classification(results: dict[int, Classification]) -> ReclassifyReport:
    categories = dict(Category.objects.values_list("slug", "pk"))
    measures = list(Measure.objects.filter(pk__in=list(results)).only("pk", "is_measure", "kind_curated"))
    existing: dict[int, dict[int, Label]] = {}
    for label in Label.objects.filter(measure__in=measures):
        existing.setdefault(label.measure_id, {})[label.category_id] = label

    kinds_changed = added = removed = curated_kept = 0
    to_update: list[Measure] = []
    to_create: list[Label] = []
    to_refresh: list[Label] = []
    to_delete: list[int] = []
    for measure in measures:
        result = results[measure.pk]
        if not measure.kind_curated and measure.is_measure != result.is_measure:
            measure.is_measure = result.is_measure
            kinds_changed += 1
        measure.kind_evidence = list(result.kind_evidence)
        to_update.append(measure)

        labels = existing.get(measure.pk, {})
        wanted = {categories[slug]: slug for slug in settled_categories(measure, result)}
        for category_id, label in labels.items():
            if label.source == LabelSource.CURATOR:
                curated_kept += 1
            elif category_id not in wanted:
                to_delete.append(label.pk)
                removed += 1
        for category_id, slug in wanted.items():
            current = labels.get(category_id)
            if current is None:
                to_create.append(
                    Label(
                        measure=measure,
                        category_id=category_id,
                        source=LabelSource.MACHINE,
                        score=result.scores[slug],
                        evidence=list(result.evidence[slug]),
                    )
                )
                added += 1
            elif current.source == LabelSource.MACHINE:
                current.score = result.scores[slug]
                current.evidence = list(result.evidence[slug])
                to_refresh.append(current)

    Measure.objects.bulk_update(to_update, ["is_measure", "kind_evidence"], batch_size=500)
    Label.objects.filter(pk__in=to_delete).delete()
    Label.objects.bulk_create(to_create)
    Label.objects.bulk_update(to_refresh, ["score", "evidence"], batch_size=500)
    reread(measures=measures)
    return ReclassifyReport(len(measures), kinds_changed, added, removed, curated_kept)


@dataclass(frozen=True)
class RereadReport:
    measures: int
    quantities: int
    strengths_changed: int
    quantities_changed: int


@transaction.atomic
def reread(*, measures: Iterable[Measure]) -> RereadReport:
    """Extract quantities and strength again for stored sentences, replacing the machine's old reading.

    Only sentences whose reading changed are written, so a re-run holds the write lock briefly.
    """
    measures = list(measures)
    stored: dict[int, list[Quantity]] = {}
    for row in Quantity.objects.filter(measure__in=measures).order_by("start"):
        stored.setdefault(row.measure_id, []).append(row)
    strengths: list[Measure] = []
    stale: list[int] = []
    rows: list[Quantity] = []
    total = 0
    for measure in measures:
        reading = read_measure(measure.text)
        level = reading.strength.level or ""
        if (measure.stated_strength, measure.strength_cue) != (level, reading.strength.cue):
            measure.stated_strength, measure.strength_cue = level, reading.strength.cue
            strengths.append(measure)
        fresh = [Quantity.from_reading(measure, quantity) for quantity in reading.quantities]
        total += len(fresh)
        if [q.as_reading() for q in fresh] != [q.as_reading() for q in stored.get(measure.pk, [])]:
            stale.append(measure.pk)
            rows.extend(fresh)
    Measure.objects.bulk_update(strengths, ["stated_strength", "strength_cue"], batch_size=500)
    Quantity.objects.filter(measure__in=stale).delete()
    Quantity.objects.bulk_create(rows, batch_size=500)
    return RereadReport(len(measures), total, len(strengths), len(stale))
