"""The ingest pipeline's fast paths give exactly what the plain computations give.

Segmentation and tagging remember blocks they have seen (``segment.MemoTokenizer``,
``tagging.MemoPOSTokenizer``), lexicon terms are looked up among a sentence's word
pieces (``lexicon.word_pieces``) and headings are matched once per section: each is
compared here with the straightforward computation — plain ``jieba.Tokenizer`` and
``jieba.posseg.POSTokenizer``, a scan over every word — on real documents (the seeds,
and the devset when ``../shared/devset`` is there). A batch classified in worker
processes stores what one process stores.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import jieba
import jieba.posseg
import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st
from jieba import posseg
from jieba.posseg.viterbi import viterbi as jieba_viterbi

from measures.compare import similarity
from measures.ingest import batch as batch_module
from measures.ingest import segment
from measures.ingest.batch import BatchItem, ingest_batch
from measures.ingest.classify import features, tagging
from measures.ingest.classify import lexicon as lexicon_module
from measures.ingest.classify.lexicon import Lexicon, build_lexicon, lexicon_words, match_lexicon
from measures.ingest.pipeline import current_lexicon, current_model, sentence_records
from measures.ingest.pipeline.stages import _prepare
from measures.ingest.split import split_sentences
from measures.models import Document
from tests.conftest import seed_text

SOURCES = Path(settings.BASE_DIR) / "fixtures" / "sources"
DEVSET = Path(settings.BASE_DIR).parent / "shared" / "devset"


def real_texts() -> list[str]:
    paths = sorted(SOURCES.glob("*.txt")) + sorted(DEVSET.glob("d*.txt"))
    return [_prepare(path.read_text(encoding="utf-8")).cleaned_text for path in paths]


def real_sentences() -> list[str]:
    return [sentence.text for text in real_texts() for sentence in split_sentences(text)]


def plain_tokenizer(terms: tuple[str, ...] = ()) -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(segment.USER_DICT))
    for term in terms:
        tokenizer.add_word(term, freq=1000)
    return tokenizer


def naive_match(words: frozenset[str], lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    """The definition: a term matches when it is one of the words or lies inside a longer one."""
    return {
        category.slug: tuple(
            term.text
            for term in category.terms
            if term.text in words or any(term.text in word for word in words if len(word) > len(term.text))
        )
        for category in lexicon.categories
    }


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    found = real_sentences()
    assert len(found) > 200
    return found


@pytest.mark.usefixtures("seed_data")
def test_memo_tokenizers_segment_like_jieba_twice_over(sentences: list[str]) -> None:
    terms = current_lexicon_terms()
    for fast, plain in (
        (segment.search_tokenizer(), plain_tokenizer()),
        (segment.lexicon_tokenizer(terms), plain_tokenizer(terms)),
    ):
        for sentence in sentences:
            expected = list(plain.cut_for_search(sentence))
            assert list(fast.cut_for_search(sentence)) == expected, sentence
            assert list(fast.cut_for_search(sentence)) == expected, sentence  # now from memory
            assert list(fast.cut(sentence)) == list(plain.cut(sentence)), sentence


@pytest.mark.usefixtures("seed_data")
def test_memo_tagger_tags_like_jieba_twice_over(sentences: list[str]) -> None:
    terms = current_lexicon_terms()
    fast, plain = tagging.pos_tokenizer(terms), jieba.posseg.POSTokenizer(plain_tokenizer(terms))
    for sentence in sentences:
        expected = [(pair.word, pair.flag) for pair in plain.cut(sentence)]
        for _ in range(2):
            assert [(pair.word, pair.flag) for pair in fast.cut(sentence)] == expected, sentence


def test_viterbi_finds_jiebas_path_for_every_run_of_characters(sentences: list[str]) -> None:
    runs = {run for sentence in sentences for run in re.findall(r"[\u4e00-\u9fd5]{2,10}", sentence)}
    assert len(runs) > 500
    for run in runs:
        expected = jieba_viterbi(run, posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P)[1]
        assert tagging.viterbi(run) == expected, run


@given(st.text(alphabet="培大育强我县区镇乡人才资金平台园企业的了和是在", min_size=1, max_size=12))
def test_viterbi_finds_jiebas_path_for_any_text(run: str) -> None:
    expected = jieba_viterbi(run, posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P)[1]
    assert tagging.viterbi(run) == expected


def test_a_memo_tokenizer_forgets_when_its_dictionary_changes() -> None:
    tokenizer = segment.MemoTokenizer()
    before = list(tokenizer.cut("设立诚信意识培育基金"))
    tokenizer.add_word("诚信意识培育", freq=100000)
    assert "诚信意识培育" not in before
    assert "诚信意识培育" in list(tokenizer.cut("设立诚信意识培育基金"))


@pytest.mark.usefixtures("seed_data")
def test_lexicon_matches_equal_scanning_every_word(sentences: list[str]) -> None:
    lexicon = current_lexicon()
    for sentence in sentences:
        words = lexicon_words(sentence, lexicon)
        found = {slug: tuple(t.text for t in match.terms) for slug, match in match_lexicon(words, lexicon).items()}
        assert found == naive_match(words, lexicon), sentence


@given(
    words=st.frozensets(st.text(alphabet="资金平台服务专项产业", min_size=1, max_size=8), max_size=6),
    terms=st.lists(
        st.text(alphabet="资金平台服务专项产业", min_size=1, max_size=5), min_size=1, max_size=6, unique=True
    ),
)
def test_lexicon_matches_equal_scanning_every_word_for_any_words(words: frozenset[str], terms: list[str]) -> None:
    lexicon = build_lexicon([("finance", "\n".join(terms), 1.0)])
    found = {slug: tuple(t.text for t in match.terms) for slug, match in match_lexicon(words, lexicon).items()}
    assert found == naive_match(words, lexicon)


@pytest.fixture
def slow_path(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every stage computed the plain way: jieba's own tokenizers and tagger, no memory, a scan per term."""
    plain_search = plain_tokenizer()
    plain_lexicon: dict[tuple[str, ...], jieba.Tokenizer] = {}

    def lexicon_tokenizer(terms: tuple[str, ...]) -> jieba.Tokenizer:
        if terms not in plain_lexicon:
            plain_lexicon[terms] = plain_tokenizer(terms)
        return plain_lexicon[terms]

    def match(words: frozenset[str], lexicon: Lexicon) -> dict[str, lexicon_module.LexiconMatch]:
        terms = {category.slug: {t.text: t for t in category.terms} for category in lexicon.categories}
        return {
            category.slug: lexicon_module.LexiconMatch(
                category.slug,
                found := tuple(terms[category.slug][text] for text in naive_match(words, lexicon)[category.slug]),
                sum(term.weight for term in found),
                category.threshold,
            )
            for category in lexicon.categories
        }

    monkeypatch.setattr("measures.search.query.search_tokenizer", lambda: plain_search)
    monkeypatch.setattr(similarity, "search_tokenizer", lambda: plain_search)
    monkeypatch.setattr(lexicon_module, "lexicon_tokenizer", lexicon_tokenizer)
    plain_tagger: dict[tuple[str, ...], jieba.posseg.POSTokenizer] = {}

    def pos_tokenizer(terms: tuple[str, ...]) -> jieba.posseg.POSTokenizer:
        if terms not in plain_tagger:
            plain_tagger[terms] = jieba.posseg.POSTokenizer(lexicon_tokenizer(terms))
        return plain_tagger[terms]

    monkeypatch.setattr(features, "pos_tokenizer", pos_tokenizer)
    monkeypatch.setattr(features, "match_lexicon", match)
    monkeypatch.setattr(
        features, "_heading_matches", lambda heading, lexicon: match(lexicon_words(heading, lexicon), lexicon)
    )
    similarity.concept_terms.cache_clear()
    yield
    similarity.concept_terms.cache_clear()


def current_lexicon_terms() -> tuple[str, ...]:
    return current_lexicon().all_terms


@pytest.mark.usefixtures("seed_data")
def test_real_documents_get_the_same_records_as_on_the_slow_path(request: pytest.FixtureRequest) -> None:
    texts = real_texts()
    lexicon, model = current_lexicon(), current_model()
    fast = [sentence_records(text, lexicon, model, doc_type="意见") for text in texts]
    fast_terms = [[similarity.sentence_terms(r.text) for r in records] for records in fast]
    request.getfixturevalue("slow_path")
    slow = [sentence_records(text, lexicon, model, doc_type="意见") for text in texts]
    assert sum(len(records) for records in slow) > 200
    assert fast == slow
    assert fast_terms == [[similarity.sentence_terms(r.text) for r in records] for records in slow]


def stored_documents() -> list[tuple[str, list[tuple[object, ...]]]]:
    """Every stored document's sentences as the pipeline wrote them, with their machine labels."""
    return [
        (
            document.title,
            [
                (
                    m.position,
                    m.text,
                    m.is_heading,
                    m.is_measure,
                    m.kind_evidence,
                    m.search_tokens,
                    m.clause_terms,
                    sorted((label.category.slug, label.score, tuple(label.evidence)) for label in m.labels.all()),
                )
                for m in document.sentences.order_by("position").prefetch_related("labels__category")
            ],
        )
        for document in Document.objects.order_by("title")
    ]


CLASSIFIED_IN: list[Path] = []  # where ``classify_noting_the_process`` leaves a file named by its process id
_classify = batch_module._classify


def classify_noting_the_process(cleaned_text: str, doc_type: str) -> tuple[object, ...]:
    (CLASSIFIED_IN[0] / str(os.getpid())).touch()
    return _classify(cleaned_text, doc_type)


@pytest.mark.django_db
def test_a_batch_classified_in_worker_processes_stores_what_one_process_stores(
    categories: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for prefix in ("001", "002", "003"):
        (tmp_path / f"{prefix}.txt").write_text(seed_text(prefix), encoding="utf-8")
    (tmp_path / "copy.txt").write_text(seed_text("001"), encoding="utf-8")  # the same text twice in one batch
    (tmp_path / "nowhere.txt").write_text("一、设立专项资金。\n二、引进人才。", encoding="utf-8")  # no region to find
    names = ["001.txt", "002.txt", "missing.txt", "copy.txt", "003.txt", "nowhere.txt"]
    items = [BatchItem(path=tmp_path / name, region_code="" if name == "nowhere.txt" else "140802") for name in names]

    serial = [(o.name, o.status, o.reason, o.sentences, o.measures) for o in ingest_batch(items, jobs=1)]
    written = stored_documents()
    Document.objects.all().delete()
    (tmp_path / "pids").mkdir()
    CLASSIFIED_IN[:] = [tmp_path / "pids"]
    monkeypatch.setattr(batch_module, "_classify", classify_noting_the_process)
    parallel = [(o.name, o.status, o.reason, o.sentences, o.measures) for o in ingest_batch(items, jobs=2)]

    assert parallel == serial
    assert [status for _, status, *_ in serial] == ["created", "created", "refused", "existing", "created", "refused"]
    assert stored_documents() == written
    workers = {int(path.name) for path in (tmp_path / "pids").iterdir()}
    assert workers and os.getpid() not in workers  # classified in other processes
