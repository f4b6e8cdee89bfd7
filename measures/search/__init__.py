"""Chinese full-text search: tokenising, indexing and querying (``query``, ``index``, ``window``).

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

from .index import FTS_TABLE, PG_CONFIG, PG_INDEX, MeasureFts, ensure_index, rebuild_index, refresh_tokens
from .query import (
    MAX_QUERY_CHARS,
    MAX_TERMS,
    STOP_WORDS,
    SearchQuery,
    Term,
    clean_token,
    fts5_expression,
    highlight,
    index_tokens,
    parse_query,
    tsquery_expression,
)
from .window import (
    COUNT_CAP,
    WINDOW,
    Window,
    extrapolate_matches,
    filter_measures,
    matching_id_pages,
    search_window,
    within_phrases,
)

__all__ = [
    "COUNT_CAP",
    "FTS_TABLE",
    "MAX_QUERY_CHARS",
    "MAX_TERMS",
    "PG_CONFIG",
    "PG_INDEX",
    "STOP_WORDS",
    "WINDOW",
    "MeasureFts",
    "SearchQuery",
    "Term",
    "Window",
    "clean_token",
    "ensure_index",
    "extrapolate_matches",
    "filter_measures",
    "fts5_expression",
    "highlight",
    "index_tokens",
    "matching_id_pages",
    "parse_query",
    "rebuild_index",
    "refresh_tokens",
    "search_window",
    "tsquery_expression",
    "within_phrases",
]
