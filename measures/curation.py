"""Curators' decisions: multi-model writes, each atomic and each recorded in the admin log.

A curator's decision is never overwritten by the machine: labels they set or reject
carry ``source=curator``, and sentences whose kind they set carry ``kind_curated``;
``reclassify`` and ``reprocess_document`` leave both alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .ingest.classify import CategoryLexicon, Lexicon, parse_lexicon
from .ingest.pipeline import (
    PreparedText,
    SentenceRecord,
    classify_stored,
    current_lexicon,
    current_model,
    prepare_text,
    reclassify,
    sentence_records,
    settled_categories,
    store_sentences,
)
from .models import LIST_DEFERRED, Category, Document, Label, LabelSource, Measure, Tag, TagAlias, TagMerge


def _log(user: User, objects: Sequence[Model], message: str) -> None:
    """One admin-log entry per object, so each sentence's history shows who did what, when."""
    if objects:
        LogEntry.objects.log_actions(
            user_id=user.pk, queryset=list(objects), action_flag=CHANGE, change_message=message
        )


# --- sentences ------------------------------------------------------------------------


def set_kind(*, measures: QuerySet[Measure], is_measure: bool, curator: User) -> int:
    """Mark sentences as measures or as context; the machine will not change them back.

    Their machine categories follow the new kind at once (a new measure gets the categories the
    classifier finds for it); curator labels stay as they are. Two short transactions: the
    decision with its log entry, then the categories — classifying needs the whole document's
    context and must not run while the write lock is held, or other curators time out.
    """
    changed = _store_kind(measures=measures, is_measure=is_measure, curator=curator)
    reclassify(measures=Measure.objects.filter(pk__in=[m.pk for m in changed]))
    return len(changed)


@transaction.atomic
def _store_kind(*, measures: QuerySet[Measure], is_measure: bool, curator: User) -> list[Measure]:
    changed = list(measures)
    Measure.objects.filter(pk__in=[m.pk for m in changed]).update(is_measure=is_measure, kind_curated=True)
    _log(curator, changed, f"marked as {'measure' if is_measure else 'context'} (curator)")
    return changed


@transaction.atomic
def add_tag(*, measures: QuerySet[Measure], tag: Tag, curator: User) -> int:
    """Tag the sentences that lack ``tag``; returns how many changed, each logged."""
    changed = list(measures.exclude(tags=tag))
    tag.measures.add(*changed)
    _log(curator, changed, f"added tag {tag.slug}")
    return len(changed)


@transaction.atomic
def remove_tag(*, measures: QuerySet[Measure], tag: Tag, curator: User) -> int:
    """Untag the sentences that have ``tag``; returns how many changed, each logged."""
    changed = list(measures.filter(tags=tag))
    tag.measures.remove(*changed)
    _log(curator, changed, f"removed tag {tag.slug}")
    return len(changed)


@transaction.atomic
def set_category(*, measures: QuerySet[Measure], category: Category, curator: User) -> int:
    """Confirm or add ``category`` on each sentence as a curator decision (machine evidence kept)."""
    return _decide_category(measures=measures, category=category, curator=curator, rejected=False)


@transaction.atomic
def remove_category(*, measures: QuerySet[Measure], category: Category, curator: User) -> int:
    """Reject ``category`` on each sentence: recorded, so reclassification cannot bring it back."""
    return _decide_category(measures=measures, category=category, curator=curator, rejected=True)


def _decide_category(*, measures: QuerySet[Measure], category: Category, curator: User, rejected: bool) -> int:
    changed = list(measures)
    existing = {label.measure_id: label for label in Label.objects.filter(measure__in=changed, category=category)}
    to_create, to_update = [], []
    for measure in changed:
        label = existing.get(measure.pk)
        if label is None:
            to_create.append(
                Label(
                    measure=measure, category=category, source=LabelSource.CURATOR, rejected=rejected, curator=curator
                )
            )
        else:
            label.source, label.rejected, label.curator = LabelSource.CURATOR, rejected, curator
            to_update.append(label)
    Label.objects.bulk_create(to_create)
    Label.objects.bulk_update(to_update, ["source", "rejected", "curator"])
    # bulk_update skips auto_now fields; stamp the decision time explicitly.
    Label.objects.filter(pk__in=[label.pk for label in to_update]).update(decided_at=timezone.now())
    verb = "rejected" if rejected else "set"
    _log(curator, changed, f"{verb} category {category.slug} (curator)")
    return len(changed)


# --- tags -----------------------------------------------------------------------------


@transaction.atomic
def save_label_edits(*, labels: Sequence[Label], deleted: Sequence[Label], curator: User) -> int:
    """Store labels edited by hand on a sentence's page: each becomes the curator's decision."""
    for label in labels:
        label.source, label.curator = LabelSource.CURATOR, curator
        label.save()
    for label in deleted:
        label.delete()
    return len(labels) + len(deleted)  # the admin's change view logs the edit itself


@transaction.atomic
def rename_tag(*, tag: Tag, name: str, slug: str, curator: User) -> Tag:
    """Rename a tag; its old slug becomes an alias so shared links keep working."""
    old_slug = tag.slug
    tag.name, tag.slug = name, slug
    tag.save()
    if old_slug != slug:
        TagAlias.objects.filter(slug=slug).delete()  # the new slug is no longer an alias
        TagAlias.objects.update_or_create(slug=old_slug, defaults={"tag": tag})
    _log(curator, [tag], f"renamed from {old_slug} to {slug}")
    return tag


@transaction.atomic
def merge_tags(*, source: Tag, into: Tag, curator: User) -> TagMerge:
    """Move every sentence of ``source`` to ``into`` and delete ``source``, in one transaction.

    The source's slug (and its aliases) now lead to ``into``; a TagMerge row records
    exactly which sentences moved.
    """
    if source.pk == into.pk:
        raise ValueError(_("标签不能合并到它自己"))
    moved = list(source.measures.values_list("pk", flat=True).order_by("pk"))
    into.measures.add(*moved)
    record = TagMerge.objects.create(
        source_name=source.name, source_slug=source.slug, into=into, measure_ids=moved, merged_by=curator
    )
    TagAlias.objects.filter(tag=source).update(tag=into)
    TagAlias.objects.update_or_create(slug=source.slug, defaults={"tag": into})
    _log(curator, [into], f"merged tag {source.slug} into {into.slug}: {len(moved)} sentences moved")
    source.delete()
    return record


@transaction.atomic
def merge_tags_into(*, sources: Iterable[Tag], into: Tag, curator: User) -> list[TagMerge]:
    """Merge each of ``sources`` (``into`` itself is skipped) into ``into``: all of them, or none if one fails."""
    return [merge_tags(source=tag, into=into, curator=curator) for tag in sources if tag.pk != into.pk]


def resolve_tag_slugs(slugs: Iterable[str]) -> dict[str, str]:
    """Map old tag slugs (aliases) to the current ones; unknown slugs are left out."""
    return dict(TagAlias.objects.filter(slug__in=list(slugs)).values_list("slug", "tag__slug"))


# --- categories -----------------------------------------------------------------------


@dataclass(frozen=True)
class ReclassificationPreview:
    category: Category
    gains: list[Measure]
    losses: list[Measure]
    curated_untouched: int


def preview_reclassification(*, category: Category, lexicon_text: str) -> ReclassificationPreview:
    """Which sentences would gain or lose ``category`` if its lexicon became ``lexicon_text``.

    Raises ValueError on a malformed lexicon. Sentences with a curator decision on
    this category are counted but never listed: they will not change.
    """
    parse_lexicon(lexicon_text)  # validate before doing any work
    lexicon = _with_lexicon(current_lexicon(), category.slug, lexicon_text, category.threshold)
    labels = {label.measure_id: label for label in Label.objects.filter(category=category)}
    gains, losses, curated = [], [], 0
    # The region names the listed sentences; never the documents' texts, which would come with every row.
    measures = list(
        Measure.objects.select_related("document__region").defer(*LIST_DEFERRED).order_by("document_id", "position")
    )
    verdicts = classify_stored(measures, lexicon)
    for measure in measures:
        label = labels.get(measure.pk)
        if label is not None and label.source == LabelSource.CURATOR:
            curated += 1
            continue
        will_have = category.slug in settled_categories(measure, verdicts[measure.pk])
        if will_have and label is None:
            gains.append(measure)
        elif not will_have and label is not None:
            losses.append(measure)
    return ReclassificationPreview(category, gains, losses, curated)


@transaction.atomic
def save_lexicon(*, category: Category, lexicon_text: str, curator: User, message: str = "lexicon changed") -> None:
    """Store a category's lexicon (ValueError if malformed); sentences change when reclassified."""
    parse_lexicon(lexicon_text)
    category.lexicon = lexicon_text
    category.save(update_fields=["lexicon"])
    _log(curator, [category], message)


def _with_lexicon(lexicon: Lexicon, slug: str, text: str, threshold: float) -> Lexicon:
    """``lexicon`` with one category's terms replaced by those parsed from ``text``."""
    return Lexicon(
        tuple(
            CategoryLexicon(slug, parse_lexicon(text), threshold) if category.slug == slug else category
            for category in lexicon.categories
        )
    )


# --- documents ------------------------------------------------------------------------


@dataclass(frozen=True)
class ReprocessReport:
    sentences: int
    kept_decisions: int
    dropped_decisions: int


def reprocess_document(*, document: Document, curator: User) -> ReprocessReport:
    """Re-run the pipeline on the stored raw text with the current code and lexicons.

    Sentences are rebuilt; a sentence whose text is unchanged keeps its curator
    decisions (kind, curated labels, tags). Decisions on sentences whose text changed
    cannot be carried over and are counted as dropped. The pipeline runs before the
    write transaction, so the write lock is held only while the sentences are replaced.
    """
    prepared = prepare_text(document.raw_text)
    records = sentence_records(prepared.cleaned_text, current_lexicon(), current_model(), doc_type=document.doc_type)
    return _replace_sentences(document=document, prepared=prepared, records=records, curator=curator)


@transaction.atomic
def _replace_sentences(
    *, document: Document, prepared: PreparedText, records: Sequence[SentenceRecord], curator: User
) -> ReprocessReport:
    old = {m.text: m for m in document.sentences.prefetch_related("tags", "labels")}
    document.cleaned_text = prepared.cleaned_text
    document.removed_lines = list(prepared.removed_lines)
    document.save(update_fields=["cleaned_text", "removed_lines", "updated_at"])
    document.sentences.all().delete()
    new = store_sentences(document, records)

    kept = dropped = 0
    carried: set[str] = set()
    curated_kinds: list[int] = []
    for measure in new:
        previous = old.get(measure.text)
        if previous is None or measure.text in carried:
            continue
        carried.add(measure.text)
        kept += _carry_over(previous, measure)
        if previous.kind_curated:
            curated_kinds.append(measure.pk)
    for text, previous in old.items():
        if text not in carried:
            dropped += _decision_count(previous)
    reclassify(measures=Measure.objects.filter(pk__in=curated_kinds))  # categories follow the curator's kind
    _log(
        curator, [document], f"pipeline re-run: {len(new)} sentences, {kept} curator decisions kept, {dropped} dropped"
    )
    return ReprocessReport(len(new), kept, dropped)


def _decision_count(measure: Measure) -> int:
    curated_labels = sum(1 for label in measure.labels.all() if label.source == LabelSource.CURATOR)
    return int(measure.kind_curated) + curated_labels + len(measure.tags.all())


def _carry_over(previous: Measure, measure: Measure) -> int:
    if previous.kind_curated:
        Measure.objects.filter(pk=measure.pk).update(is_measure=previous.is_measure, kind_curated=True)
    tags = list(previous.tags.all())
    measure.tags.add(*tags)
    curated = [label for label in previous.labels.all() if label.source == LabelSource.CURATOR]
    for label in curated:
        Label.objects.update_or_create(
            measure=measure,
            category_id=label.category_id,
            defaults={
                "source": LabelSource.CURATOR,
                "rejected": label.rejected,
                "curator_id": label.curator_id,
                "score": label.score,
                "evidence": label.evidence,
            },
        )
    return int(previous.kind_curated) + len(tags) + len(curated)


# --- quality --------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelQuality:
    """How the current classifier agrees with curators on one category (or on the kind)."""

    name: str
    confirmed: int  # machine says yes, curator says yes
    wrongly_given: int  # machine says yes, curator rejected
    missed: int  # machine says no, curator added

    @property
    def decisions(self) -> int:
        return self.confirmed + self.wrongly_given + self.missed

    @property
    def precision(self) -> float | None:
        given = self.confirmed + self.wrongly_given
        return self.confirmed / given if given else None

    @property
    def recall(self) -> float | None:
        wanted = self.confirmed + self.missed
        return self.confirmed / wanted if wanted else None


def label_quality() -> list[LabelQuality]:
    """Precision and recall of the *current* lexicons, measured on curator decisions.

    Each curated label (and each curated kind) is compared with what the classifier
    says about that sentence today, so a lexicon edit shows up here at once.
    """
    categories = list(Category.objects.order_by("order"))
    tallies = {c.pk: [0, 0, 0] for c in categories}
    kind = [0, 0, 0]
    curated = list(Label.objects.curated().select_related("measure"))
    kinds = list(Measure.objects.filter(kind_curated=True))
    verdicts = classify_stored([label.measure for label in curated] + kinds)
    slugs = {c.pk: c.slug for c in categories}
    for label in curated:
        machine_says = slugs[label.category_id] in settled_categories(label.measure, verdicts[label.measure_id])
        _tally(tallies[label.category_id], machine_says=machine_says, curator_says=not label.rejected)
    for measure in kinds:
        _tally(kind, machine_says=verdicts[measure.pk].is_measure, curator_says=measure.is_measure)
    rows = [LabelQuality(c.name, *tallies[c.pk]) for c in categories]
    return [*rows, LabelQuality(_("措施/背景"), *kind)]


def _tally(counts: list[int], *, machine_says: bool, curator_says: bool) -> None:
    if machine_says and curator_says:
        counts[0] += 1
    elif machine_says:
        counts[1] += 1
    elif curator_says:
        counts[2] += 1
