"""Score cleaning against hand-marked chrome lines: chrome left and body lost, per document.

The truth (``tests/data/cleaning_truth.json``) names the chrome lines of each raw text by
number; every other non-blank line is body. Each raw line is normalised on its own (as
the pipeline does, line by line) and matched against the cleaned lines in order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .clean import clean_text
from .normalise import normalise_text
from .readers.text import decode_bytes


@dataclass(frozen=True)
class CleaningTruth:
    name: str
    path: Path
    chrome: frozenset[int]
    either: tuple[frozenset[int], ...] = ()


@dataclass(frozen=True)
class CleaningScore:
    name: str
    body_lines: int
    chrome_lines: int
    chrome_left: tuple[int, ...]
    body_lost: tuple[int, ...]


def load_truth(path: Path, roots: Mapping[str, Path]) -> list[CleaningTruth]:
    """Read the truth file; ``roots`` maps a file prefix (``seed``, ``devset``) to its directory.

    Documents under a root that does not exist are left out.
    """
    truths = []
    for row in json.loads(path.read_text(encoding="utf-8"))["documents"]:
        root, _, name = row["file"].partition(":")
        if not roots[root].is_dir():
            continue
        truths.append(
            CleaningTruth(
                name=name,
                path=roots[root] / name,
                chrome=frozenset(row["chrome"]),
                either=tuple(frozenset(group) for group in row.get("either", ())),
            )
        )
    return truths


def kept_line_numbers(raw: str) -> set[int]:
    """1-based numbers of the raw lines that survive normalising and cleaning.

    Matching runs from the end, so of two identical lines the later one counts as kept,
    as ``clean_text`` keeps it.

    >>> sorted(kept_line_numbers("首页 > 新闻 > 正文\\n\\n设立产业集群发展专项资金，每年安排五百万元，支持公共服务平台建设。"))
    [3]
    """
    lines = [normalise_text(line) for line in raw.split("\n")]
    cleaned = [line for line in clean_text(normalise_text(raw)).text.split("\n") if line.strip()]
    kept: set[int] = set()
    position = len(cleaned) - 1
    for number in range(len(lines), 0, -1):
        if position >= 0 and lines[number - 1] and lines[number - 1] == cleaned[position]:
            kept.add(number)
            position -= 1
    return kept


def score_document(truth: CleaningTruth) -> CleaningScore:
    raw = decode_bytes(truth.path.read_bytes())
    kept = kept_line_numbers(raw)
    grouped = set().union(*truth.either) if truth.either else set()
    content = {n for n, line in enumerate(raw.split("\n"), start=1) if line.strip()}
    body = content - truth.chrome - grouped
    chrome_left = sorted(truth.chrome & kept)
    body_lost = sorted(body - kept)
    for group in truth.either:
        survivors = sorted(group & kept)
        chrome_left += survivors[1:]
        if not survivors:
            body_lost.append(min(group))
    return CleaningScore(
        name=truth.name,
        body_lines=len(body) + len(truth.either),
        chrome_lines=len(truth.chrome & content) + sum(len(group) - 1 for group in truth.either),
        chrome_left=tuple(sorted(chrome_left)),
        body_lost=tuple(sorted(body_lost)),
    )


def score_all(truths: Iterable[CleaningTruth]) -> list[CleaningScore]:
    return [score_document(truth) for truth in truths]
