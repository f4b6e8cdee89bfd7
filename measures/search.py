"""Chinese full-text search: tokenising, indexing and querying.

The only module that knows which database runs. Python segments text with jieba and
stores the space-joined tokens in ``Measure.search_tokens`` (explicitly: the ingest
pipeline, curation functions and ``manage.py reindex`` write it). The database indexes
that column and keeps its index in step by itself:

- SQLite: an external-content FTS5 table ``measure_fts`` maintained by triggers, so
  ``loaddata``, bulk writes and admin edits can never leave it stale; ranked by bm25.
  Queries join it as the unmanaged model ``MeasureFts`` (``fts_entry__search_tokens__match``).
- PostgreSQL: ``Measure.search_vector``, the tokens' tsvector under the ``simple``
  configuration, kept by a trigger and GIN-indexed (migration 0020); ``simple`` only
  lower-cases, so the stored jieba tokens are the lexemes (checked to hold for CJK under
  both ``C`` and ``C.UTF-8`` ctypes); ranked by ``ts_rank``.

User query text is parsed into a ``SearchQuery`` (data), and engine syntax is generated
from quoted tokens only: quotes, ``OR``, ``NEAR(``, ``*`` or brackets typed by a user
never reach the engine.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.db import connection, models
from django.db.models import F
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from .concepts import synonyms
from .ingest.normalise import normalise_text
from .ingest.segment import search_tokenizer, word_tokens

if TYPE_CHECKING:
    from .models import MeasureQuerySet

FTS_TABLE = "measure_fts"
MEASURE_TABLE = "measures_measure"
PG_CONFIG = "simple"
PG_INDEX = "measure_search_vector"

# Longer input is cut here: no useful query is longer, and it bounds the work per request.
MAX_QUERY_CHARS = 200
MAX_TERMS = 12
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_TOKEN = re.compile(r"^[\w\u3400-\u9fff]+$")
_PHRASE = re.compile(r"[\"“”「」]([^\"“”「」]+)[\"“”「」]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

STOP_WORDS = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "或",
        "在",
        "是",
        "对",
        "等",
        "为",
        "把",
        "将",
        "以",
        "从",
        "中",
        "上",
        "下",
        "也",
        "都",
        "就",
        "之",
        "其",
        "并",
        "而",
        "我",
        "我们",
        "你",
        "他",
        "这",
        "那",
        "个",
        "有",
        "各",
        "着",
        "被",
        "让",
        "向",
        "于",
        "由",
        "所",
        "该",
        "此",
        "及其",
        "以及",
        "还",
        "又",
        "或者",
        "and",
        "or",
        "not",
        "near",
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
    ]
)


def index_tokens(text: str) -> str:
    """The tokens stored for a sentence: jieba search-mode words, then its CJK characters.

    The single characters let a one-character query such as 泵 find 水泵.

    >>> index_tokens("设立专项资金")
    '设立 专项 资金 专项资金 设 立 专 项 资 金'
    """
    words = word_tokens(search_tokenizer(), text)
    characters = [ch for ch in text if _CJK.match(ch)]
    return " ".join(token for token in map(_clean_token, [*words, *characters]) if token)


@lru_cache(maxsize=65536)  # the same few thousand words make up most sentences
def _clean_token(token: str) -> str:
    return "".join(ch for ch in token.lower() if ch.isalnum() or _CJK.match(ch))


@dataclass(frozen=True)
class Term:
    """One query word: matched whole, through its dictionary sub-words all present, or as a synonym.

    Synonyms come from ``measures.concepts``, the groups comparison uses too: 引入 finds 引进.
    """

    word: str
    parts: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchQuery:
    raw: str
    terms: tuple[Term, ...] = ()
    phrases: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    truncated: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.terms

    @property
    def highlight_terms(self) -> tuple[str, ...]:
        words = [w for t in self.terms for w in (t.word, *t.synonyms, *(s for p in t.parts for s in _expand(p)[1:]))]
        return tuple(dict.fromkeys([*self.phrases, *words]))

    @property
    def problem(self) -> str | None:
        """Why this query cannot run, in words for the person who typed it."""
        if not self.raw.strip():
            return None
        if not self.terms:
            if self.excluded:
                return gettext("只有排除词的查询无法执行：请至少输入一个要查找的词。")
            return gettext("查询中没有可检索的词（只有标点、符号或“的、和、在”之类的常用词）。请换一个更具体的词。")
        return None


def parse_query(raw: str) -> SearchQuery:
    """Parse what a user typed: words (all required), "quoted phrases", -exclusions.

    Traditional characters and full-width forms are normalised like the index.

    >>> q = parse_query('專項資金 "公共服务平台" -土地')
    >>> [t.word for t in q.terms], q.phrases, q.excluded
    (['专项资金', '公共服务平台'], ('公共服务平台',), ('土地',))
    """
    truncated = len(raw) > MAX_QUERY_CHARS
    text = normalise_text(_CONTROL.sub(" ", raw[:MAX_QUERY_CHARS]))
    phrases = tuple(p for p in (normalise_text(m) for m in _PHRASE.findall(text)) if _segment(p))
    text = _PHRASE.sub(" ", text)
    excluded: list[str] = []
    positive: list[str] = []
    for chunk in text.split():
        if chunk.startswith("-") and len(chunk) > 1:
            excluded.extend(_segment(chunk[1:]))
        else:
            positive.append(chunk)
    words = [*_segment(" ".join(positive)), *(w for p in phrases for w in _segment(p))]
    terms = tuple(_term(w) for w in dict.fromkeys(words))[:MAX_TERMS]
    return SearchQuery(
        raw=raw,
        terms=terms,
        phrases=phrases,
        excluded=tuple(dict.fromkeys(excluded))[:MAX_TERMS],
        truncated=truncated,
    )


def _segment(text: str) -> list[str]:
    tokens = (_clean_token(t) for t in search_tokenizer().cut(text))
    return [t for t in tokens if t and _TOKEN.match(t) and t not in STOP_WORDS]


def _expand(word: str) -> tuple[str, ...]:
    """A word and its synonyms (``measures.concepts``), as index tokens."""
    return tuple(dict.fromkeys(t for t in (_clean_token(w) for w in synonyms(word)) if t and _TOKEN.match(t)))


def _term(word: str, *, expand: bool = True) -> Term:
    """The query word, its sub-words and (unless excluded, where the reader means that word) its synonyms."""
    parts = [_clean_token(t) for t in search_tokenizer().cut_for_search(word)]
    kept = tuple(p for p in dict.fromkeys(parts) if p and p != word)
    if not expand:
        return Term(word, kept)
    return Term(word, kept, _expand(word)[1:])


# --- querying ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Syntax:
    """How one engine spells a quoted token and the boolean operators."""

    quote: Callable[[str], str]
    and_: str
    or_: str
    and_not: str

    def term(self, term: Term) -> str:
        alternatives = [self.quote(word) for word in (term.word, *term.synonyms)]
        if term.parts:
            alternatives.append("(" + self.and_.join(self._any(_expand(p)) for p in term.parts) + ")")
        if len(alternatives) == 1:
            return alternatives[0]
        return "(" + self.or_.join(alternatives) + ")"

    def _any(self, words: Sequence[str]) -> str:
        quoted = [self.quote(word) for word in words]
        return quoted[0] if len(quoted) == 1 else "(" + self.or_.join(quoted) + ")"

    def expression(self, query: SearchQuery) -> str:
        """Every term required, then each excluded word subtracted."""
        expression = "(" + self.and_.join(self.term(t) for t in query.terms) + ")"
        for word in query.excluded:
            expression += self.and_not + self.term(_term(word, expand=False))
        return expression


FTS5 = _Syntax(quote=lambda t: '"' + t.replace('"', '""') + '"', and_=" AND ", or_=" OR ", and_not=" NOT ")
TSQUERY = _Syntax(
    quote=lambda t: "'" + t.replace("\\", "\\\\").replace("'", "''") + "'", and_=" & ", or_=" | ", and_not=" & !"
)


def fts5_expression(query: SearchQuery) -> str:
    """The FTS5 MATCH expression.

    >>> fts5_expression(parse_query("招引 -土地"))
    '(("招引" OR "引进" OR "引入" OR "吸引" OR "引来" OR "延揽" OR "吸纳" OR "招揽" OR "引育")) NOT "土地"'
    """
    return FTS5.expression(query)


def tsquery_expression(query: SearchQuery) -> str:
    """The PostgreSQL tsquery text, for a ``::tsquery`` cast: lexemes quoted, never parsed.

    >>> tsquery_expression(parse_query("专项资金 -土地"))
    "(('专项资金' | '专项经费' | '专项扶持资金' | '发展资金' | '引导资金' | ('专项' & '资金'))) & !'土地'"
    """
    return TSQUERY.expression(query)


# Ranking and counting a word found in half of a million sentences costs seconds in any
# engine. Past WINDOW matches, a search considers only the newest WINDOW matches (by
# id, which the index walks in order at almost no cost): ranking, counts and facets then
# cost the same whatever the corpus size, and counts are scaled up and shown as estimates.
WINDOW = 2000


# Counting every match of a word found in half of a million sentences walks its whole
# index entry (35 ms there). Past COUNT_CAP matches the total is extrapolated instead: the
# newest COUNT_CAP matches fill a span of ids as densely as the corpus is taken to.
COUNT_CAP = 20_000


@dataclass(frozen=True)
class Window:
    """Which matches of a query a search considers.

    ``since_id`` None: every match (exact). Otherwise only matches with an id at least
    ``since_id`` — the newest ``WINDOW`` of ``matches`` — and counts over them are scaled by
    ``scale`` to estimate the whole. ``matches`` itself is extrapolated (``matches_exact``
    False) past ``COUNT_CAP``. ``bounded``: measured by ``search_window`` (on SQLite and
    PostgreSQL alike), so a search never considers more than ``WINDOW`` matches.
    """

    matches: int
    since_id: int | None = None
    matches_exact: bool = True
    # At most WINDOW matches are ever considered (so facets may be counted over them in Python).
    bounded: bool = False

    @property
    def is_exact(self) -> bool:
        return self.since_id is None

    @property
    def scale(self) -> float:
        return 1.0 if self.since_id is None else self.matches / WINDOW

    def estimate(self, count: int) -> int:
        """``count`` over the window scaled to the whole, rounded to two significant figures.

        >>> Window(matches=50_000, since_id=1).estimate(1234)  # 1234 of the newest 2,000 of 50,000
        31000
        >>> Window(matches=10).estimate(3)
        3
        """
        if self.is_exact or count == 0:
            return count
        return _two_figures(count * self.scale)


def _two_figures(value: float) -> int:
    digits = max(0, len(str(int(value))) - 2)
    return int(round(value, -digits))


def extrapolate_matches(*, counted: int, oldest_counted: int, newest: int, first_id: int) -> int:
    """All matches, from ``counted`` matches found among ids ``oldest_counted``..``newest``,
    taken to be as dense over every id from ``first_id`` (two significant figures).

    >>> extrapolate_matches(counted=20_000, oldest_counted=960_001, newest=1_000_000, first_id=1)
    500000
    """
    span = max(1, newest - oldest_counted + 1)
    return _two_figures(counted * max(span, newest - first_id + 1) / span)


def search_window(query: SearchQuery) -> Window:
    """How many sentences match ``query`` (before any filter), and which of them to consider.

    A count that stops at COUNT_CAP + 1, then the id of the WINDOW-th newest match, and past
    COUNT_CAP the ids the extrapolation needs. On SQLite these are index-only queries on the
    FTS table (it walks matches in id order); on PostgreSQL the GIN index finds the matches
    and only their ids are sorted, so ``ts_rank`` is computed for WINDOW rows at most.
    """
    if query.is_empty:
        return Window(matches=0)
    newest = _matching_ids(query)
    counted = newest[: COUNT_CAP + 1].count()
    if counted <= WINDOW:
        return Window(matches=counted, bounded=True)
    boundary = newest[WINDOW - 1]
    if counted <= COUNT_CAP:
        return Window(matches=counted, since_id=boundary, bounded=True)
    first_id = _first_id()
    total = extrapolate_matches(
        counted=COUNT_CAP, oldest_counted=newest[COUNT_CAP - 1], newest=newest[0], first_id=first_id
    )
    return Window(matches=max(total, COUNT_CAP), since_id=boundary, matches_exact=False, bounded=True)


def _matching_ids(query: SearchQuery, *, before: int | None = None) -> Any:
    """Ids of every sentence matching ``query`` (below ``before`` if given), newest first (a lazy query)."""
    if connection.vendor == "postgresql":
        from .models import Measure

        matches = _postgres_match(Measure.objects.all(), query)
        if before is not None:
            matches = matches.filter(pk__lt=before)
        return matches.order_by("-pk").values_list("pk", flat=True)
    matches = MeasureFts.objects.filter(search_tokens__match=fts5_expression(query))
    if before is not None:
        matches = matches.filter(measure__lt=before)
    return matches.order_by("-measure").values_list("measure", flat=True)


def matching_id_pages(query: SearchQuery, size: int) -> Iterator[list[int]]:
    """The ids of every sentence matching ``query``, newest first, ``size`` at a time.

    Keyset pages over the index (ids below the last page's), so each page costs the same
    however deep it is and the first comes at once, even for a word in half of all rows.
    """
    before: int | None = None
    while True:
        page = list(_matching_ids(query, before=before)[:size])
        if page:
            yield page
        if len(page) < size:
            return
        before = page[-1]


def _first_id() -> int:
    from .models import Measure

    return int(Measure.objects.order_by("pk").values_list("pk", flat=True)[0])


def _postgres_match(queryset: Any, query: SearchQuery, *, rank: bool = False) -> Any:
    from django.contrib.postgres.search import SearchQuery as TsQuery
    from django.contrib.postgres.search import SearchRank

    tsquery = TsQuery(tsquery_expression(query), search_type="raw", config=PG_CONFIG)
    queryset = queryset.filter(search_vector=tsquery)
    return queryset.annotate(relevance=SearchRank(F("search_vector"), tsquery)) if rank else queryset


def filter_measures(queryset: MeasureQuerySet, query: SearchQuery, window: Window | None = None) -> MeasureQuerySet:
    """Restrict ``queryset`` (of Measure) to matches, annotated with ``relevance`` (higher is better).

    With a ``window`` that is not exact, only the matches it covers (see ``search_window``).
    """
    if query.is_empty:
        return queryset.none()
    since = window.since_id if window is not None else None
    if connection.vendor == "postgresql":
        if since is not None:
            queryset = queryset.filter(pk__gte=since)
        queryset = _postgres_match(queryset, query, rank=True)
    else:
        if since is not None:
            queryset = queryset.filter(fts_entry__measure__gte=since)
        # Joined to the FTS5 table on rowid: one MATCH for the whole query, and bm25
        # (``rank``, lower is better) read off the same row.
        queryset = queryset.filter(fts_entry__search_tokens__match=fts5_expression(query)).annotate(
            relevance=-F("fts_entry__rank")
        )
    return within_phrases(queryset, query)


def within_phrases(queryset: MeasureQuerySet, query: SearchQuery) -> MeasureQuerySet:
    """Keep the sentences holding each quoted phrase of ``query`` verbatim (the index knows words, not runs of them)."""
    for phrase in query.phrases:
        queryset = queryset.filter(text__contains=phrase)
    return queryset


class _MatchField(models.TextField):  # type: ignore[type-arg]
    """The FTS5 table's column: the only field that answers ``__match``."""


@_MatchField.register_lookup
class _Match(models.Lookup):
    lookup_name = "match"

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", (*lhs_params, *rhs_params)


class MeasureFts(models.Model):
    """SQLite only: the FTS5 table over ``Measure.search_tokens`` (created by migration 0002, made known to Django by 0008).

    Unmanaged, so Django never creates, flushes or deletes from it; triggers keep it in step.
    """

    measure = models.OneToOneField(
        "measures.Measure",
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        related_name="fts_entry",
    )
    search_tokens = _MatchField()
    rank = models.FloatField()

    class Meta:
        managed = False
        db_table = FTS_TABLE
        app_label = "measures"

    def __str__(self) -> str:
        return str(self.pk)


# --- highlighting --------------------------------------------------------------------


def highlight(text: str, terms: Sequence[str]) -> SafeString:
    """Escape ``text`` and wrap every occurrence of ``terms`` in ``<mark>``.

    Splits the raw text first and escapes each piece, so a match can never cut an
    HTML entity in two and nothing from the text is ever trusted.

    >>> highlight("<b>设立专项资金</b>", ["专项资金"])
    '&lt;b&gt;设立<mark>专项资金</mark>&lt;/b&gt;'
    """
    wanted = sorted({t for t in terms if t}, key=len, reverse=True)
    if not wanted:
        return mark_safe(html.escape(text, quote=True))
    pattern = re.compile("|".join(re.escape(t) for t in wanted), re.IGNORECASE)
    pieces: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        pieces.append(html.escape(text[last : match.start()], quote=True))
        pieces.append(f"<mark>{html.escape(match.group(), quote=True)}</mark>")
        last = match.end()
    pieces.append(html.escape(text[last:], quote=True))
    return mark_safe("".join(pieces))


# --- index maintenance ---------------------------------------------------------------

# The same statements as migration 0008 (which keeps its own frozen copy): re-run after
# a migrate only for what is missing, because on SQLite a migration that rebuilds
# ``measures_measure`` drops its triggers with it.
_SQLITE_TABLE = f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
    search_tokens, content='{MEASURE_TABLE}', content_rowid='id', tokenize='unicode61')"""
_SQLITE_TRIGGERS = {
    f"{FTS_TABLE}_ai": f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON {MEASURE_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}(rowid, search_tokens) VALUES (new.id, new.search_tokens);
    END""",
    f"{FTS_TABLE}_ad": f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON {MEASURE_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_tokens) VALUES ('delete', old.id, old.search_tokens);
    END""",
    f"{FTS_TABLE}_au": f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au AFTER UPDATE OF search_tokens ON {MEASURE_TABLE}
    BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_tokens) VALUES ('delete', old.id, old.search_tokens);
        INSERT INTO {FTS_TABLE}(rowid, search_tokens) VALUES (new.id, new.search_tokens);
    END""",
}
# Migration 0020's trigger and index (it keeps its own frozen copy).
_POSTGRES_OBJECTS = {
    "measures_measure_search_vector": f"""CREATE OR REPLACE FUNCTION measures_measure_search_vector()
    RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector := to_tsvector('{PG_CONFIG}'::regconfig, COALESCE(NEW.search_tokens, ''::text));
        RETURN NEW;
    END $$""",
    "measure_search_vector_trigger": f"""CREATE OR REPLACE TRIGGER measure_search_vector
    BEFORE INSERT OR UPDATE ON {MEASURE_TABLE} FOR EACH ROW EXECUTE FUNCTION measures_measure_search_vector()""",
    PG_INDEX: f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON {MEASURE_TABLE} USING gin (search_vector)",
}


def ensure_index(conn: Any = connection) -> list[str]:
    """Create whichever index structures are missing; rebuild the index only if any were.

    Cheap when nothing is missing (one catalogue query), so it can run after every
    ``migrate`` and every test flush. Returns the names of what it created.
    """
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'measures_measure_search_vector'),"
                " EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'measure_search_vector'),"
                " EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = %s)",
                [PG_INDEX],
            )
            found = dict(zip(_POSTGRES_OBJECTS, cursor.fetchone(), strict=True))
            missing = [name for name, there in found.items() if not there]
            for name in missing:
                cursor.execute(_POSTGRES_OBJECTS[name])
            if "measure_search_vector_trigger" in missing:  # rows written meanwhile have no vector
                cursor.execute(
                    f"UPDATE {MEASURE_TABLE} SET search_vector = "
                    f"to_tsvector('{PG_CONFIG}'::regconfig, COALESCE(search_tokens, ''::text))"
                )
            return missing
        wanted = {FTS_TABLE: _SQLITE_TABLE, **_SQLITE_TRIGGERS}
        cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE %s", [f"{FTS_TABLE}%"])
        present = {row[0] for row in cursor.fetchall()}
        missing = [name for name in wanted if name not in present]
        for name in missing:
            cursor.execute(wanted[name])
    if missing:
        rebuild_index(conn)
    return missing


def rebuild_index(conn: Any = connection) -> None:
    """Rebuild the SQLite FTS table from ``search_tokens`` (PostgreSQL's index needs nothing)."""
    if conn.vendor == "sqlite":
        with conn.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def refresh_tokens(measures: Iterable[object]) -> int:
    """Recompute ``search_tokens`` for measures whose text or tokenizer changed."""
    from .models import Measure

    changed = []
    for measure in measures:
        assert isinstance(measure, Measure)
        tokens = index_tokens(measure.text)
        if tokens != measure.search_tokens:
            measure.search_tokens = tokens
            changed.append(measure)
    Measure.objects.bulk_update(changed, ["search_tokens"], batch_size=500)
    return len(changed)
