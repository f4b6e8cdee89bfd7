"""Synonym groups shared by search and comparison."""

from measures.concepts import GENERIC_WORDS, SYNONYM_GROUPS, canonical, synonyms


def test_each_word_belongs_to_one_group_at_most() -> None:
    words = [word for group in SYNONYM_GROUPS for word in group]
    assert len(words) == len(set(words))


def test_no_synonym_is_also_a_generic_word() -> None:
    assert not {word for group in SYNONYM_GROUPS for word in group} & GENERIC_WORDS


def test_the_issue_talent_words_are_one_concept() -> None:
    assert canonical("引进") == canonical("引入") == canonical("招引")
    assert set(synonyms("招引")) >= {"招引", "引进", "引入"}
    assert synonyms("泵阀") == ("泵阀",)
