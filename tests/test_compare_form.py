"""The comparison request form: keys, counts, unknown names, both kinds at once."""

import pytest
from django.http import QueryDict

from measures.compare.form import CompareForm

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_data")]


def form(query: str) -> CompareForm:
    return CompareForm(QueryDict(query))


def test_regions_come_back_as_regions_in_the_order_asked() -> None:
    bound = form("regions=yanhu,yongjia&regions=dawa")
    assert bound.is_valid()
    assert [r.slug for r in bound.cleaned_data["regions"]] == ["yanhu", "yongjia", "dawa"]


def test_a_bare_query_is_valid_and_bare() -> None:
    bound = form("")
    assert bound.is_valid() and bound.is_bare


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("regions=yongjia", "至少"),
        ("regions=yongjia,yongjia", "至少"),
        ("regions=yongjia,atlantis", "atlantis"),
        ("regions=a,b,c,d,e", "最多"),
        ("regions=", "至少"),
        ("documents=1,abc", "数字"),
        ("documents=1,99999", "99999"),
        ("regions=yongjia,yanhu&documents=1,2", "只对比"),
    ],
)
def test_bad_requests_say_what_is_wrong(query: str, message: str) -> None:
    bound = form(query)
    assert not bound.is_valid()
    assert message in bound.first_error()
