"""Run the stages end to end and write the result: the only ingest package that touches the ORM.

read → normalise → clean → detect metadata → choose region → split → classify.
Normalising comes before cleaning so the chrome patterns need only be written once,
in simplified characters with full-width punctuation; the text as read is stored
untouched beside the result. ``plan_ingest`` does everything but write, so the
admin's confirmation page shows the very plan that ``apply_plan`` then stores;
``ingest_file`` is the two in a row, one file, one transaction.

``stages`` runs the pure stages from text to sentence records; ``plan`` chooses what
to store (``plan_ingest``); ``store`` writes it (``apply_plan``, ``ingest_file``);
``classifier`` holds the lexicon and model in use and classifies stored sentences;
``refresh`` re-runs the machine over stored sentences (``reclassify``, ``reread``).
"""

from .classifier import (
    CLASSIFY_DOCUMENTS_PER_QUERY,
    classify_stored,
    current_lexicon,
    current_model,
    settled_categories,
)
from .plan import (
    Choice,
    DocumentMeta,
    IngestPlan,
    RegionChoice,
    check_file_size,
    check_text_length,
    plan_ingest,
    plan_text,
    region_by_code,
)
from .refresh import RECLASSIFY_BATCH, ReclassifyReport, RereadReport, reclassify, reclassify_in_batches, reread
from .stages import LabelRecord, PreparedText, SentenceRecord, content_hash, prepare_text, sentence_records
from .store import IngestResult, apply_plan, ingest_document, ingest_file, store_sentences

__all__ = [
    "CLASSIFY_DOCUMENTS_PER_QUERY",
    "RECLASSIFY_BATCH",
    "Choice",
    "DocumentMeta",
    "IngestPlan",
    "IngestResult",
    "LabelRecord",
    "PreparedText",
    "ReclassifyReport",
    "RegionChoice",
    "RereadReport",
    "SentenceRecord",
    "apply_plan",
    "check_file_size",
    "check_text_length",
    "classify_stored",
    "content_hash",
    "current_lexicon",
    "current_model",
    "ingest_document",
    "ingest_file",
    "plan_ingest",
    "plan_text",
    "prepare_text",
    "reclassify",
    "reclassify_in_batches",
    "region_by_code",
    "reread",
    "sentence_records",
    "settled_categories",
    "store_sentences",
]
