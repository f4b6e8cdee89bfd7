"""A synthetic national corpus for benchmarks: realistic, reproducible and fast to build.

Sentences are recombined from the clauses of the shipped seed texts, so the vocabulary
and its frequencies are real: very common words (产业, 发展, 企业) land in a large share
of rows (三 clauses per sentence puts 产业 in about half) and specific terms (信用担保,
检测中心) stay rare. Each distinct clause is segmented and classified once; a sentence's
search tokens are exactly ``search.index_tokens`` of its text (jieba never segments across
the ，that joins two clauses) and its labels are the union of its clauses' labels as the
classifier gives them. Documents vary in size (log-normal, a few with thousands of
sentences) and spread over every current region in the Region table (the national gazetteer), at every level.

``build_corpus`` writes with bulk inserts in batches; on SQLite the FTS triggers are
dropped for the load and the index is built once at the end.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import random
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from .compare.corpus import add_term_counts
from .compare.similarity import clauses, concept_terms
from .ingest.classify import Lexicon, classify_sentence
from .ingest.clean import clean_text
from .ingest.normalise import normalise_text
from .ingest.pipeline import current_lexicon
from .ingest.segment import search_tokenizer, word_tokens
from .ingest.split import split_sentences
from .models import Category, Document, DocumentType, Label, LabelSource, Measure, Region, Tag
from .search import FTS_TABLE, clean_token, ensure_index

SOURCES = Path(settings.BASE_DIR) / "fixtures" / "sources"
_CLAUSE = re.compile(r"[^，；：。！？]+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
MIN_CLAUSE_CHARS = 4
CLAUSES_PER_SENTENCE = (2, 3, 3, 4)
MEAN_DOCUMENT_SENTENCES = 500
TAGGED_SHARE = 0.03
BATCH = 5000
TAG_NAMES = ["泵阀", "纺织服装", "汽车零部件", "电子信息", "生物医药", "新材料", "食品加工", "装备制造", "家具", "陶瓷"]
INDUSTRY_WORDS = ["泵阀", "纺织", "汽车零部件", "电子信息", "生物医药", "新材料", "食品", "装备制造", "家具", "陶瓷"]


@dataclass(frozen=True)
class Clause:
    """A reusable piece of a sentence with what segmenting and classifying it gave."""

    text: str
    words: tuple[str, ...]
    characters: tuple[str, ...]
    is_measure: bool
    labels: tuple[tuple[str, float, tuple[str, ...]], ...]


@dataclass(frozen=True)
class SynthSentence:
    text: str
    search_tokens: str
    is_measure: bool
    labels: tuple[tuple[str, float, tuple[str, ...]], ...]


def seed_clauses(texts: Sequence[str]) -> list[str]:
    """Distinct clauses (at least four characters) of the texts' sentences, in order.

    >>> seed_clauses(["设立专项资金，加强人才培训。建设检测中心。"])
    ['设立专项资金', '加强人才培训', '建设检测中心']
    """
    clauses: dict[str, None] = {}
    for text in texts:
        for sentence in split_sentences(clean_text(normalise_text(text)).text):
            if sentence.is_heading:
                continue
            for clause in _CLAUSE.findall(sentence.text):
                clause = clause.strip()
                if len(clause) >= MIN_CLAUSE_CHARS:
                    clauses[clause] = None
    return list(clauses)


def analyse_clause(text: str, lexicon: Lexicon) -> Clause:
    result = classify_sentence(text, lexicon)
    words = [t for t in (clean_token(w) for w in word_tokens(search_tokenizer(), text)) if t]
    return Clause(
        text=text,
        words=tuple(words),
        characters=tuple(ch for ch in text if _CJK.match(ch)),
        is_measure=result.is_measure,
        labels=tuple((slug, result.scores[slug], tuple(result.evidence[slug])) for slug in result.categories),
    )


def combine(clauses: Sequence[Clause]) -> SynthSentence:
    """One sentence from clauses joined by ，, with the same tokens ``index_tokens`` would give."""
    labels: dict[str, tuple[str, float, tuple[str, ...]]] = {}
    for clause in clauses:
        for slug, score, evidence in clause.labels:
            if slug in labels:
                _slug, old_score, old_evidence = labels[slug]
                labels[slug] = (slug, old_score + score, tuple(dict.fromkeys([*old_evidence, *evidence])))
            else:
                labels[slug] = (slug, score, evidence)
    tokens = [w for c in clauses for w in c.words] + [ch for c in clauses for ch in c.characters]
    return SynthSentence(
        text="，".join(c.text for c in clauses) + "。",
        search_tokens=" ".join(tokens),
        is_measure=any(c.is_measure for c in clauses),
        labels=tuple(labels.values()),
    )


def document_sizes(total: int, rng: random.Random) -> list[int]:
    """Sentence counts of the documents, log-normal around MEAN_DOCUMENT_SENTENCES, summing to ``total``."""
    sizes: list[int] = []
    remaining = total
    while remaining > 0:
        size = min(remaining, max(5, int(rng.lognormvariate(5.7, 0.9))))
        sizes.append(size)
        remaining -= size
    return sizes


def sentences(pool: Sequence[Clause], count: int, rng: random.Random) -> Iterator[SynthSentence]:
    for _ in range(count):
        yield combine([rng.choice(pool) for _ in range(rng.choice(CLAUSES_PER_SENTENCE))])


@transaction.atomic
def build_corpus(*, sentence_count: int, seed: int, progress: Callable[[str], None] = print) -> tuple[int, int]:
    """Add ``sentence_count`` synthetic sentences in new documents; returns (documents, sentences).

    Needs categories (their lexicons classify the clauses) and at least one region.
    """
    rng = random.Random(seed)
    regions = list(Region.objects.current().only("id", "name", "level")) or list(
        Region.objects.only("id", "name", "level")
    )
    if not regions:
        raise ValueError("no regions: load the gazetteer or the seed regions first")
    lexicon = current_lexicon()
    categories = dict(Category.objects.values_list("slug", "pk"))
    texts = [path.read_text(encoding="utf-8") for path in sorted(SOURCES.glob("*.txt"))]
    pool = [analyse_clause(text, lexicon) for text in seed_clauses(texts)]
    tags = [
        Tag.objects.get_or_create(name=name, defaults={"slug": f"synth-{i}"})[0] for i, name in enumerate(TAG_NAMES)
    ]
    progress(f"{len(pool)} clauses, {len(regions)} regions, {len(categories)} categories")

    sqlite = connection.vendor == "sqlite"
    if sqlite:  # index once at the end instead of row by row
        with connection.cursor() as cursor:
            for suffix in ["ai", "ad", "au"]:
                cursor.execute(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{suffix}")

    clause_concepts = functools.cache(concept_terms)
    frequencies: Counter[str] = Counter()
    sizes = document_sizes(sentence_count, rng)
    doc_types = [choice for choice, _label in DocumentType.choices]
    tag_through = Measure.tags.through
    written = 0
    for number, size in enumerate(sizes):
        region = rng.choice(regions)
        generated = list(sentences(pool, size, rng))
        # What ``compare.corpus.clause_terms`` gives, each distinct clause segmented once.
        terms = [[list(clause_concepts(clause)) for clause in clauses(s.text)] for s in generated]
        text = "\n".join(s.text for s in generated)
        year = rng.randint(2005, 2024)
        document = Document.objects.create(
            title=f"{region.name}关于加快{rng.choice(INDUSTRY_WORDS)}产业集群发展的{rng.choice(['意见', '实施方案', '规划', '通知'])}（合成{seed}-{number}）",
            region=region,
            issuer=f"{region.name}人民政府",
            doc_type=rng.choice(doc_types),
            date=dt.date(year, rng.randint(1, 12), rng.randint(1, 28)),
            raw_text=text,
            cleaned_text=text,
            removed_lines=[],
            content_hash=hashlib.sha256(f"synth:{seed}:{number}:{text}".encode()).hexdigest(),
        )
        measures = Measure.objects.bulk_create(
            [
                Measure(
                    document=document,
                    position=position,
                    paragraph=position // 6,
                    text=s.text,
                    is_measure=s.is_measure,
                    search_tokens=s.search_tokens,
                    clause_terms=terms[position],
                )
                for position, s in enumerate(generated)
            ],
            batch_size=BATCH,
        )
        Label.objects.bulk_create(
            [
                Label(
                    measure=measure,
                    category_id=categories[slug],
                    source=LabelSource.MACHINE,
                    score=score,
                    evidence=list(evidence),
                )
                for measure, s in zip(measures, generated, strict=True)
                for slug, score, evidence in s.labels
            ],
            batch_size=BATCH,
        )
        frequencies.update(term for clause_list in terms for term in {t for clause in clause_list for t in clause})
        tag_through.objects.bulk_create(
            [
                tag_through(measure_id=measure.pk, tag_id=rng.choice(tags).pk)
                for measure in measures
                if rng.random() < TAGGED_SHARE
            ],
            batch_size=BATCH,
        )
        written += size
        if number % 200 == 0:
            progress(f"{written:,} / {sentence_count:,} sentences")
    add_term_counts(frequencies)
    if sqlite:
        progress("building the full-text index")
        ensure_index(connection)
    return len(sizes), written
