"""The classifier as the database holds it: the lexicon and model in use, and their verdicts on stored sentences."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from operator import attrgetter

from ...models import Category, ClassifierModel, Document, Measure
from ..classify import Classification, Lexicon, Model, build_lexicon, classify_units, contexts_for, load_shipped_model


def current_lexicon() -> Lexicon:
    return build_lexicon(Category.objects.values_list("slug", "lexicon", "threshold"))


def current_model() -> Model:
    """The newest trained model in the database, else the model shipped with the code."""
    stored = ClassifierModel.objects.in_use()
    return Model.from_json(stored.parameters) if stored is not None else load_shipped_model()


# Documents whose sentences ``classify_stored`` reads per query: a batch costs two queries
# up to this many documents, and a whole-corpus preview stays under SQLite's parameter limit.
CLASSIFY_DOCUMENTS_PER_QUERY = 500


def classify_stored(
    measures: Iterable[Measure], lexicon: Lexicon | None = None, model: Model | None = None
) -> dict[int, Classification]:
    """What the classifier says now about stored sentences, each in its document's context.

    Two queries for up to ``CLASSIFY_DOCUMENTS_PER_QUERY`` documents however many sentences
    (the documents' types, then all their sentences for the headings above each one), plus
    one each for the lexicon and the model when they are not given.
    """
    wanted: dict[int, set[int]] = {}
    for measure in measures:
        wanted.setdefault(measure.document_id, set()).add(measure.pk)
    if not wanted:
        return {}
    lexicon = lexicon or current_lexicon()
    model = model or current_model()
    verdicts: dict[int, Classification] = {}
    document_ids = sorted(wanted)
    for start in range(0, len(document_ids), CLASSIFY_DOCUMENTS_PER_QUERY):
        chunk = document_ids[start : start + CLASSIFY_DOCUMENTS_PER_QUERY]
        doc_types = dict(Document.objects.filter(pk__in=chunk).values_list("pk", "doc_type"))
        sentences = (
            Measure.objects.filter(document_id__in=chunk)
            .order_by("document_id", "position")
            .only("pk", "document_id", "text", "is_heading")
        )
        for document_id, in_document in groupby(sentences, key=attrgetter("document_id")):
            ordered = list(in_document)
            contexts = contexts_for([(s.text, s.is_heading) for s in ordered], doc_type=doc_types[document_id])
            pks = wanted[document_id]
            chosen = [(s, c) for s, c in zip(ordered, contexts, strict=True) if s.pk in pks]
            results = classify_units([(s.text, c) for s, c in chosen], lexicon, model)
            verdicts.update((s.pk, result) for (s, _), result in zip(chosen, results, strict=True))
    return verdicts


def settled_categories(measure: Measure, result: Classification) -> tuple[str, ...]:
    """The machine's categories for a stored sentence, given its kind as settled now.

    A curator's kind wins over the machine's: a sentence a curator made a measure gets the
    categories the classifier finds for it as a measure.
    """
    is_measure = measure.is_measure if measure.kind_curated else result.is_measure
    return result.categories_for(is_measure=is_measure)
