"""Region detection on short real-looking excerpts and on the devset files (read at run time)."""

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from measures.ingest.pipeline import prepare_text
from measures.regions.detect import Gazetteer, detect_region
from measures.regions.evaluate import devset_cases, first_line
from measures.regions.load import read_gazetteer

DEVSET = Path(__file__).resolve().parent.parent.parent / "shared" / "devset"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return read_gazetteer()


def detect(gazetteer: Gazetteer, *, title: str = "", issuer: str = "", body: str = "", date: dt.date | None = None):  # type: ignore[no-untyped-def]
    return detect_region(title=title, issuer=issuer, body=body, date=date, gazetteer=gazetteer)


def test_the_issuer_decides_over_the_subject_city(gazetteer: Gazetteer) -> None:
    found = detect(gazetteer, title="河南省人民政府办公厅关于支持中国(驻马店)农产品加工产业集群发展的意见")
    assert found.code == "410000"
    assert any("河南省" in e for e in found.evidence)


def test_a_county_that_calls_itself_we_is_that_county(gazetteer: Gazetteer) -> None:
    body = "我县泵阀产业集群转型升级示范区建设全面启动。县委、县政府高度重视，永嘉泵阀企业达到300多家，我县将加快建设。"
    found = detect(gazetteer, title="泵阀产业集群转型升级示范区实施座谈会召开", body=body)
    assert found.code == "330324"
    assert found.confidence > 0.5


def test_a_place_named_as_an_example_is_not_the_subject(gazetteer: Gazetteer) -> None:
    body = "盐湖区加快推进水泵专业镇平台建设。比如苏州的做法值得借鉴。我区将继续完善盐湖区水泵产业链。"
    assert detect(gazetteer, title="盐湖区水泵专业镇平台建设", body=body).code == "140802"


def test_a_two_character_county_name_cut_out_of_running_text_is_not_a_mention(gazetteer: Gazetteer) -> None:
    """和县 in 集群和县域: the name crosses a word boundary, so the text names no county."""
    body = "建设一批省级产业集群和县域特色园区，促进工业提质增效。我省将加大支持力度。"
    assert detect(gazetteer, body=body).code is None
    assert detect(gazetteer, body="和县经济开发区加快建设，我县将加大支持力度。").code == "340523"


def test_a_short_name_that_is_also_a_common_word_names_no_place_by_itself(gazetteer: Gazetteer) -> None:
    """会同 (会同县) is "together with" in 局会同有关部门, 富民 (富民县) "enrich the people" in 富民强县."""
    assert detect(gazetteer, body="市经信局会同有关部门制定实施细则，各地要加强组织领导。").code is None
    assert detect(gazetteer, body="坚持富民强县，加快发展县域经济，我县将加大支持力度。").code is None
    # Beside another mention of the place, or in the title, the short name still counts for it.
    assert detect(gazetteer, title="会同竹木产业集群发展情况", body="我县将加大支持力度。").code == "431225"
    body = "会同县人民政府关于加快竹木产业集群发展的意见。会同的竹木产业基础较好，我县将加大支持力度。"
    found = detect(gazetteer, body=body)
    assert found.code == "431225" and any(e == "开头：会同" or e.startswith("开头：会同 ") for e in found.evidence)


def test_a_county_named_with_its_city_is_the_county(gazetteer: Gazetteer) -> None:
    found = detect(gazetteer, title="温州市永嘉县关于推进泵阀产业集群的实施方案")
    assert found.code == "330324"


def test_a_ministry_document_is_national(gazetteer: Gazetteer) -> None:
    found = detect(gazetteer, issuer="工业和信息化部", title="关于进一步促进产业集群发展的指导意见")
    assert found.code == "000000"


def test_a_shared_short_name_alone_is_ambiguous_and_lists_candidates(gazetteer: Gazetteer) -> None:
    found = detect(gazetteer, title="朝阳产业园区建设情况", body="朝阳园区推进招商引资。")
    assert found.code is None and found.ambiguous
    assert len({c.code for c in found.candidates}) >= 2


def test_a_shared_short_name_is_placed_by_its_province(gazetteer: Gazetteer) -> None:
    found = detect(gazetteer, title="辽宁省朝阳市关于推进产业集群发展的意见")
    assert found.code == "211300"


def test_nothing_found_is_not_ambiguous(gazetteer: Gazetteer) -> None:
    found = detect(gazetteer, title="关于加快产业集群发展的意见", body="加强资金支持。")
    assert found.code is None and not found.ambiguous and found.candidates == ()


def test_the_date_chooses_the_unit_valid_then(gazetteer: Gazetteer) -> None:
    body = "大洼工业集群化发展取得成效，我县将继续推进。"
    assert detect(gazetteer, title="大洼经济开发区", body=body, date=dt.date(2010, 1, 1)).code == "211121"
    assert detect(gazetteer, title="大洼经济开发区", body=body, date=dt.date(2020, 1, 1)).code == "211104"


@pytest.mark.skipif(not (DEVSET / "INDEX.md").is_file(), reason="../shared/devset is not beside the repository")
def test_most_devset_documents_land_on_their_region_and_none_on_a_wrong_one_by_issuer(gazetteer: Gazetteer) -> None:
    cases = list(devset_cases(DEVSET))
    right = 0
    for case in cases:
        text = prepare_text(case.path.read_bytes()).cleaned_text
        found = detect(gazetteer, title=first_line(text), body=text, date=case.date)
        right += found.code == case.region
    assert len(cases) == 15
    assert right >= 10


def test_the_examples_in_the_docstrings_hold() -> None:
    import doctest

    from measures.regions import detect, gazetteer, names

    for module in (detect, gazetteer, names):
        assert doctest.testmod(module).failed == 0


PIECES = [
    "朝阳",
    "永嘉县",
    "我县",
    "全市",
    "河南省人民政府",
    "、",
    "比如",
    "襄樊",
    "国务院",
    "资源",
    "。",
    "\n",
    "自治区",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    title=st.text(max_size=40),
    body=st.text(max_size=300) | st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    year=st.none() | st.integers(1949, 2030),
)
def test_detection_never_fails_and_answers_only_with_known_units(
    gazetteer: Gazetteer, title: str, body: str, year: int | None
) -> None:
    found = detect(gazetteer, title=title, body=body, date=dt.date(year, 6, 1) if year else None)
    assert 0.0 <= found.confidence <= 1.0
    assert found.code is None or found.code in gazetteer.units
    assert all(c.code in gazetteer.units for c in found.candidates)
    assert found.ambiguous == (found.code is None and bool(found.candidates))


def test_a_city_abbreviation_in_the_document_number_names_the_issuing_city(gazetteer: Gazetteer) -> None:
    body = "穗府〔2011〕15号\n各区、县级市人民政府，市政府各部门：\n为增强我市对国内外资本的吸引力，现提出如下意见。"
    found = detect(gazetteer, title="关于进一步加强招商引资促进产业转型升级的指导意见", body=body)
    assert found.code == "440100"
    assert "文号：穗" in found.evidence


def test_a_wire_dateline_names_where_the_report_was_filed_not_its_subject(gazetteer: Gazetteer) -> None:
    body = "新华社北京9月23日电 记者23日获悉，有关部门日前联合印发指引，引导工业园区提质增效。"
    found = detect(gazetteer, title="两部门发文推动工业园区高质量发展", body=body)
    assert found.code != "110000"
    local = detect(gazetteer, body="新华社杭州1月4日电 浙江省政府近日决定，推动块状经济向现代产业集群提升。")
    assert local.code == "330000"


def test_a_place_named_in_an_aside_is_not_the_subject(gazetteer: Gazetteer) -> None:
    body = (
        "目前，全省共有省级及以上产业园区143家（含洪江市和洪江区），基本实现县市区全覆盖。"
        "我省始终把产业园区作为推动高质量发展的重要平台。新建老挝湖南橡胶产业园、泰国湖南工业园等合作园区。"
    )
    assert detect(gazetteer, body=body).code == "430000"


def test_a_report_whose_lead_names_a_ministry_under_a_labelled_headline_is_national(gazetteer: Gazetteer) -> None:
    body = "全球要闻：工信部印发促进中小企业特色产业集群发展暂行办法\n\n工业和信息化部印发《促进中小企业特色产业集群发展暂行办法》，认定200个左右集群。"
    assert detect(gazetteer, body=body).code == "000000"


def test_one_passing_short_name_of_a_county_places_nothing(gazetteer: Gazetteer) -> None:
    body = (
        "两天半时间，大家实地观摩了各地去年督查活动以来的新建项目。我认为，今年各级各部门对招商引资工作抓得早、抓得紧。"
    )
    found = detect(gazetteer, title="在全市招商引资督查观摩总结交流会上的讲话", body=body)
    assert found.code is None
    assert [c.name for c in found.candidates] == ["新建区"]  # listed for the curator to confirm
    # a province's short name, named once, still places a text
    assert detect(gazetteer, body="经济部今日举办论坛，共同探讨均衡台湾之产业园区开发管理。").code == "710000"


def test_the_first_place_of_a_list_of_towns_visited_is_not_the_subject(gazetteer: Gazetteer) -> None:
    body = (
        "特色小镇建设也是郴州打造新增长极的重点工作。市发改委调研组深入苏仙区飞天山镇、嘉禾县塘村镇、"
        "永兴县柏林镇等地开展调研，现将有关情况报告如下。\n一、郴州市特色小镇基本情况"
    )
    assert detect(gazetteer, title="特色小镇调研报告", body=body).code == "431000"


def test_a_county_name_that_is_a_word_in_a_slogan_title_is_no_place(gazetteer: Gazetteer) -> None:
    body = "县政协副主席带领相关专委会到有关镇就做大做强农产品精深加工开展调研。"
    assert detect(gazetteer, title="同心共建促发展 履职为民聚合力", body=body).code is None
