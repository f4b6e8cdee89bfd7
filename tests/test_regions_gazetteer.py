"""The national gazetteer: history, roll-up, slugs and loading."""

import csv
import datetime as dt
from pathlib import Path

import pytest

from measures.models import Document, Region
from measures.regions.load import GAZETTEER, load_gazetteer_tables
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def rows() -> dict[str, dict[str, str]]:
    with (GAZETTEER / "regions.csv").open(encoding="utf-8", newline="") as f:
        return {row["code"]: row for row in csv.DictReader(f)}


def test_committed_gazetteer_holds_every_level_and_stays_small() -> None:
    table = rows()
    levels = [row["level"] for row in table.values() if not row["valid_to"]]
    assert levels.count("province") == 34 and levels.count("city") > 330 and len(levels) > 3000
    assert not any(code.startswith("99") for code in table)
    assert sum(p.stat().st_size for p in Path(GAZETTEER).iterdir()) < 2_000_000


def test_slugs_are_unique_and_the_seeds_keep_theirs() -> None:
    table = rows()
    slugs = [row["slug"] for row in table.values()]
    assert len(slugs) == len(set(slugs))
    assert table["330324"]["slug"] == "yongjia" and table["140802"]["slug"] == "yanhu"


def test_xiangfan_renamed_xiangyang_in_2010_under_one_code(gazetteer: None) -> None:
    city = Region.objects.get(code="420600")
    assert city.name == "襄阳市"
    assert city.name_on(dt.date(2009, 6, 1)) == "襄樊市"
    assert city.label_on(dt.date(2009, 6, 1)) == "襄樊市（今襄阳市）"
    assert city.name_on(dt.date(2020, 6, 1)) == "襄阳市"


def test_xiangyang_district_became_xiangzhou_district(gazetteer: None) -> None:
    district = Region.objects.get(code="420607")
    assert district.name == "襄州区" and district.name_on(dt.date(2009, 1, 1)) == "襄阳区"


def test_dawa_county_became_dawa_district_with_a_new_code(gazetteer: None) -> None:
    county, district = Region.objects.get(code="211121"), Region.objects.get(code="211104")
    assert county.valid_to == dt.date(2016, 6, 1) and county.successor == district
    assert county.label == "大洼县（今大洼区）"
    assert county.parent == district.parent  # the retired code rolls up under today's 盘锦市


def test_documents_of_2009_and_2020_about_xiangyang_roll_up_under_one_city(gazetteer: None) -> None:
    from measures.regions.detect import detect_region, load_gazetteer

    found = load_gazetteer("test")
    old = detect_region(
        title="襄樊市人民政府关于加快产业集群发展的意见", issuer="", body="", date=dt.date(2009, 3, 1), gazetteer=found
    )
    new = detect_region(
        title="襄阳市人民政府关于加快产业集群发展的意见", issuer="", body="", date=dt.date(2020, 3, 1), gazetteer=found
    )
    assert old.code == new.code == "420600"
    county = detect_region(
        title="大洼县人民政府关于工业集群化的意见", issuer="", body="", date=dt.date(2010, 1, 1), gazetteer=found
    )
    district = detect_region(
        title="大洼区人民政府关于工业集群化的意见", issuer="", body="", date=dt.date(2020, 1, 1), gazetteer=found
    )
    assert (county.code, district.code) == ("211121", "211104")
    for code in ("211121", "211104"):
        DocumentFactory(region=Region.objects.get(code=code))
    panjin = Region.objects.get(code="211100")
    assert Document.objects.filter(region__in=Region.objects.within(panjin)).count() == 2


def test_loading_twice_changes_nothing(gazetteer: None) -> None:
    before = dict(Region.objects.values_list("code", "pk"))
    load_gazetteer_tables()
    assert dict(Region.objects.values_list("code", "pk")) == before


def test_national_pseudo_unit_stands_apart_from_the_provinces(gazetteer: None) -> None:
    nation = Region.objects.get(code="000000")
    assert nation.level == "nation" and nation.slug == "quanguo" and nation.parent is None
    assert not Region.objects.filter(parent=nation).exists()


def test_with_documents_offers_only_regions_that_have_documents(gazetteer: None) -> None:
    DocumentFactory(region=Region.objects.get(code="330324"))
    assert list(Region.objects.with_documents().values_list("code", flat=True)) == ["330324"]


def test_committed_gazetteer_is_what_build_gazetteer_makes_from_scratch(tmp_path: Path) -> None:
    from io import StringIO

    from django.core.management import call_command

    call_command("build_gazetteer", target=tmp_path, stdout=StringIO())
    for name in ("regions.csv", "names.csv"):
        assert (tmp_path / name).read_bytes() == (GAZETTEER / name).read_bytes(), name
