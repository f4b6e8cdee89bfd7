"""The locked-down deployment: security headers, a CSP the pages really obey, error pages, log-in rate limiting."""

import re

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db]

PUBLIC_PAGES = [
    "/",
    "/measures/?kind=all&q=资金",
    "/documents/1/",
    "/regions/zhejiang/",
    "/compare/?regions=yongjia,yanhu",
    "/compare/matrix/",
    "/about/",
]


def csp(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    pairs = (part.strip().partition(" ") for part in response["Content-Security-Policy"].split(";"))
    return {name: value for name, _space, value in pairs}


@pytest.mark.usefixtures("seed_data")
@pytest.mark.parametrize("url", [*PUBLIC_PAGES, "/admin/login/"])
def test_every_page_sends_a_same_origin_csp_and_the_other_security_headers(reader: Client, url: str) -> None:
    response = reader.get(url)
    assert response.status_code == 200
    policy = csp(response)
    assert policy["default-src"] == "'self'" and policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.usefixtures("seed_data")
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_pages_use_nothing_the_csp_would_block(reader: Client, url: str) -> None:
    page = reader.get(url).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)", page), "inline script"
    assert not re.search(r"<style\b", page), "inline style element"
    assert not re.search(r"\sstyle=", page), "inline style attribute"
    assert not re.search(r"\son[a-z]+=", page), "inline event handler"
    assert "javascript:" not in page


@pytest.mark.usefixtures("seed_data")
def test_category_colours_come_from_a_stylesheet(reader: Client) -> None:
    response = reader.get("/categories.css")
    assert response["Content-Type"].startswith("text/css")
    assert ".cat-finance { --chip: #" in response.content.decode()
    assert 'href="/categories.css"' in reader.get("/").content.decode()


def test_an_unknown_page_gets_the_site_404_in_the_readers_language(client: Client) -> None:
    chinese = client.get("/no-such-page/")
    assert chinese.status_code == 404
    assert "页面不存在" in chinese.content.decode() and "Page not found" not in chinese.content.decode()
    english = client.get("/no-such-page/", headers={"accept-language": "en"})
    assert english.status_code == 404 and "This page does not exist" in english.content.decode()


def test_a_bad_host_gets_the_site_400(client: Client) -> None:
    response = client.get("/", headers={"host": "evil.example"})
    assert response.status_code == 400 and "请求有误" in response.content.decode()


@pytest.mark.usefixtures("seed_data")
def test_staff_without_permission_get_the_site_403(client: Client, staff_without_permissions) -> None:  # type: ignore[no-untyped-def]
    client.force_login(staff_without_permissions)
    response = client.get("/admin/measures/document/upload/")
    assert response.status_code == 403 and "没有权限" in response.content.decode()


@pytest.mark.urls("tests.error_urls")
def test_a_bug_gets_the_site_500_without_a_traceback() -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "服务器出错" in page and "RuntimeError" not in page and "Traceback" not in page
    english = client.get("/boom/", headers={"accept-language": "en"}).content.decode()
    assert "Server error" in english


def test_repeated_failed_admin_logins_are_locked_out(client: Client) -> None:
    UserFactory(
        username="editor",
        is_staff=True,
    )
    for _attempt in range(4):
        response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
        assert response.status_code == 200, "a failed attempt shows the form again"
    assert client.post("/admin/login/", {"username": "editor", "password": "wrong"}).status_code == 429, "the fifth"
    locked = client.post("/admin/login/", {"username": "editor", "password": "correct horse battery staple"})
    assert locked.status_code == 429
    assert "登录尝试过多" in locked.content.decode() and "15 分钟" in locked.content.decode()


def test_a_successful_login_is_not_hindered(client: Client) -> None:
    UserFactory(
        username="editor",
        is_staff=True,
    )
    client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "editor", "password": "correct horse battery staple"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
