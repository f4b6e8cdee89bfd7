"""Any public URL with any parameters is answered (200/301/302/400/404), never with a 500.

The test client re-raises a view's exception, so a 500 fails here with its traceback.
"""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_data")]

PUBLIC_PATHS = [
    "/",
    "/measures/",
    "/measures.csv",
    "/documents/1/",
    "/regions/zhejiang/",
    "/compare/",
    "/compare/export.csv",
    "/compare/matrix/",
    "/about/",
    "/api/",
    "/api/measures/",
    "/api/documents/",
    "/api/regions/",
    "/api/categories/",
]
PARAMETERS = [
    "q", "category", "region", "document", "documents", "regions", "tag", "industry", "doc_type",
    "year_min", "year_max", "kind", "sort", "page", "page_size",
]  # fmt: skip
ANSWERED = {200, 301, 302, 400, 404}

# Values that broke views before: huge and non-ASCII "digits", NUL, separators, markup.
NASTY_VALUES = [
    "99999999999999999999", "-1", "1.5", "1e400", "nan", "inf", "²", "１", "٣", "1,99999999999999999999",
    "²,1", ",", ",,,", "\x00", "1\x00", "a" * 3000, "<script>", "'\"", "%", "0", "last", " 1 ", "yongjia,yanhu",
    "1,2,3,4,5", "zhejiang", "finance",
]  # fmt: skip

values = st.one_of(st.sampled_from(NASTY_VALUES), st.text(max_size=40))
queries = st.lists(st.tuples(st.sampled_from(PARAMETERS), values), max_size=4)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(PUBLIC_PATHS), query=queries)
def test_any_public_url_with_any_parameters_is_answered(
    reader: Client, path: str, query: list[tuple[str, str]]
) -> None:
    data: dict[str, list[str]] = {}
    for name, value in query:
        data.setdefault(name, []).append(value)
    response = reader.get(path, data)
    assert response.status_code in ANSWERED, (path, query, response.status_code)


@pytest.mark.parametrize("path", ["/compare/", "/compare/export.csv"])
@pytest.mark.parametrize("documents", ["1,99999999999999999999", "²,1", "１,2", "1,\x00", "1," + "9" * 400, "-1,2"])
def test_document_numbers_that_are_not_plain_ascii_digits_get_a_400(reader: Client, path: str, documents: str) -> None:
    response = reader.get(path, {"documents": documents})
    assert response.status_code == 400
    assert "文件：" in response.content.decode(), "the field is named in words"


@pytest.mark.parametrize("path", ["/documents/99999999999999999999/", "/regions/%00/", "/documents/0/"])
def test_impossible_paths_are_not_found(reader: Client, path: str) -> None:
    assert reader.get(path).status_code == 404
