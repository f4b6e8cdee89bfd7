from hypothesis import given
from hypothesis import strategies as st

from measures.ingest.normalise import fold_punctuation, normalise_text, strip_pinyin_annotations, tidy_whitespace
from tests.conftest import seed_text


def test_yongjia_seed_becomes_simplified_without_pinyin() -> None:
    text = normalise_text(seed_text("000"))
    assert "设立泵阀产业专项资金" in text
    assert "加强土地要素保障" in text
    assert "(nèi)" not in text and "內" not in text
    assert "公共服务平台" in text


def test_pinyin_annotations_go_but_real_brackets_stay() -> None:
    assert strip_pinyin_annotations("內(nèi)延深化、培大育強(qiáng)") == "內延深化、培大育強"
    assert (
        strip_pinyin_annotations("（政发[]69号）（作者系盐湖区政协委员）") == "（政发[]69号）（作者系盐湖区政协委员）"
    )
    assert strip_pinyin_annotations("IT(it)产业") == "IT(it)产业"


def test_punctuation_next_to_chinese_becomes_full_width_but_numbers_keep_ascii() -> None:
    assert fold_punctuation("企业,规模;市场:1,000 (a)") == "企业，规模；市场：1,000 (a)"
    assert fold_punctuation("ＡＢＣ１２３") == "ABC123"


def test_lost_characters_leave_a_visible_mark() -> None:
    assert normalise_text("討論??h委常委") == "讨论…委常委"


def test_spaces_inside_chinese_text_are_removed() -> None:
    assert tidy_whitespace("产业集群作 为地区\u3000经济") == "产业集群作为地区经济"
    assert tidy_whitespace("Powered by  Discuz!") == "Powered by Discuz!"


@given(st.text())
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once


@given(st.text(alphabet=st.sampled_from("专项資金內(nèi), ;:!?（）“”\n 。、")))
def test_normalisation_is_idempotent_on_chinese_like_text(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
