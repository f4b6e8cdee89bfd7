"""The pure counterpart scorer: clauses, concept terms, corpus weights, stability."""

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from measures.compare.similarity import (
    COUNTERPART_THRESHOLD,
    Matcher,
    TermStats,
    clauses,
    concept_terms,
    coverage,
    focus_clauses,
    sentence_terms,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [json.loads(line) for line in (ROOT / "tests" / "data" / "labelled.jsonl").read_text().splitlines()]
STATS = TermStats(
    {
        term: sum(term in sentence_terms(row["text"]) for row in SEEDS)
        for row in SEEDS
        for term in sentence_terms(row["text"])
    },
    len(SEEDS),
)


def seed(source: str, position: int) -> str:
    return next(r["text"] for r in SEEDS if r["source"].startswith(source) and r["position"] == position)


def test_synonyms_become_one_concept_even_inside_longer_words() -> None:
    assert "引进" in concept_terms("营造良好的外部环境引入和留住人才")
    assert "引进" in concept_terms("积极招引人才")
    assert "留住" in concept_terms("营造拴心留人的人才洼地")


def test_words_that_say_how_hard_or_how_much_are_left_out() -> None:
    terms = concept_terms("加快推进积极给予1000万元以上奖励")
    assert not {"加快", "推进", "积极", "万元", "以上", "1000"} & set(terms)
    assert "奖补" in terms


def test_the_talent_pair_of_the_issue_scores_as_counterparts() -> None:
    yongjia = clauses(seed("000", 13))
    yanhu = clauses(seed("001", 41))
    assert Matcher(STATS).score(yongjia, yanhu) >= COUNTERPART_THRESHOLD


def test_a_clause_that_names_only_the_grant_keeps_what_the_grant_is_for() -> None:
    assert clauses("入选省级示范的企业，可再一次性奖励3万元。") == ("入选省级示范的企业，可再一次性奖励3万元",)
    assert clauses("可再一次性奖励3万元，用于支持企业开展技术改造。") == (
        "可再一次性奖励3万元，用于支持企业开展技术改造",
    )
    assert clauses("设立泵阀产业专项资金，加强土地要素保障。") == ("设立泵阀产业专项资金", "加强土地要素保障")


def test_a_short_clause_scores_lower_against_a_long_enumeration_than_against_its_like() -> None:
    short = ["开展人才培训"]
    alike = ["加强企业人才培训"]
    enumeration = ["提供产品质量、技术标准、品牌打造、知识产权、人才培训、行业文化等综合服务"]
    balanced, unbalanced = Matcher(STATS), Matcher(STATS, balance=0.0)
    assert balanced.score(short, enumeration) < unbalanced.score(short, enumeration)
    assert balanced.score(short, alike) > balanced.score(short, enumeration)


def test_a_branding_measure_is_not_paired_with_a_land_measure() -> None:
    branding = clauses(seed("000", 9))
    land = focus_clauses(clauses(seed("000", 10)), ["空间布局"])
    assert Matcher(STATS).score(branding, land) < COUNTERPART_THRESHOLD


def test_a_measures_best_match_ignores_which_other_candidates_are_offered() -> None:
    matcher = Matcher(STATS)
    mine = [clauses(seed("000", 13))]
    few = [clauses(seed("001", 41)), clauses(seed("001", 40))]
    many = [clauses(seed("004", n)) for n in range(120, 130)] + few
    assert matcher.best_matches(mine, few)[0].score == pytest.approx(matcher.best_matches(mine, many)[0].score)


@given(st.text(alphabet="设立专项资金人才引进土地，。、", min_size=1, max_size=40))
def test_scores_are_between_zero_and_one_and_symmetric(text: str) -> None:
    matcher = Matcher(STATS)
    other = clauses("设立专项资金，引进人才。")
    forward = matcher.score(clauses(text), other)
    assert -1e-9 <= forward <= 1 + 1e-9
    assert forward == pytest.approx(matcher.score(other, clauses(text)))


def test_nothing_to_match_is_unique() -> None:
    assert Matcher(STATS).best_matches([clauses("设立专项资金")], [])[0].index is None
    assert coverage([]) == 0.0
