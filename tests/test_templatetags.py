"""Template helpers: the region tree rendered in Python says what the facet's tree holds."""

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from measures.templatetags.measures_tags import param_setter, set_param

QUERIES = [
    "",
    "region=zhejiang",
    "q=%E4%BA%BA%E6%89%8D&region=wenzhou&kind=all",
    "category=land&category=finance&page=3",
    "region=a&region=b&tag=x%26y",
    "q=%3Cscript%3E&sort=newest",
]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("value", ["yongjia", "", "浙江"])
def test_param_setter_gives_what_set_param_gives(query: str, value: str) -> None:
    request = RequestFactory().get(f"/measures/?{query}")
    context = Context({"request": request})
    params = request.GET.copy()
    params.pop("page", None)
    assert param_setter(params, "region")(value) == set_param(context, "region", value)


TREE = [
    {
        "value": "zhejiang",
        "label": "浙江省",
        "path": "/33/",
        "count": 12,
        "open": True,
        "children": [
            {
                "value": "wenzhou",
                "label": "温州市",
                "path": "/33/3303/",
                "count": 7,
                "open": True,
                "children": [
                    {
                        "value": "yongjia",
                        "label": "永嘉县",
                        "path": "/33/3303/330324/",
                        "count": 7,
                        "open": True,
                        "children": [],
                    }
                ],
            },
            {"value": "x<y", "label": "<b>县</b>", "path": "/33/3399/", "count": 5, "open": False, "children": []},
        ],
    },
    {"value": "shandong", "label": "山东省", "path": "/37/", "count": 3, "open": False, "children": []},
]


class _Tree(HTMLParser):
    """Reads the rendered tree back into (depth, label, count, href, selected, open) rows."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, Any]] = []
        self.depth = 0
        self.open: list[bool] = []
        self.link: dict[str, Any] | None = None
        self.in_count = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "ul":
            self.depth += 1
        elif tag == "details":
            self.open.append("open" in found)
        elif tag == "a":
            self.link = {
                "depth": self.depth,
                "label": "",
                "href": found["href"],
                "selected": "is-selected" in (found["class"] or "") and found.get("aria-current") == "true",
                "open": None,
            }
        elif tag == "span":
            self.in_count = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self.depth -= 1
        elif tag == "summary" and self.rows:
            self.rows[-1]["open"] = self.open[-1]
        elif tag == "details":
            self.open.pop()
        elif tag == "a" and self.link is not None:
            self.rows.append(self.link)
            self.link = None
        elif tag == "span":
            self.in_count = False

    def handle_data(self, data: str) -> None:
        if self.link is not None:
            if self.in_count:
                self.link["count"] = int(data)
            else:
                self.link["label"] += data


def _expected(nodes: list[dict[str, Any]], selected: set[str], setter: Any, depth: int = 1) -> list[dict[str, Any]]:
    rows = []
    for node in nodes:
        chosen = node["value"] in selected
        rows.append(
            {
                "depth": depth,
                "label": node["label"],
                "href": setter("" if chosen else node["value"]),
                "selected": chosen,
                "open": node["open"] if node["children"] else None,
                "count": node["count"],
            }
        )
        rows += _expected(node["children"], selected, setter, depth + 1)
    return rows


@pytest.mark.parametrize("query", ["", "region=yongjia&q=%E4%BA%BA", "kind=all&page=2"])
def test_region_tree_renders_every_node_with_its_link_count_and_state(query: str) -> None:
    request = RequestFactory().get(f"/measures/?{query}")
    selected = set(request.GET.getlist("region"))
    html = Template("{% load measures_tags %}{% region_tree nodes selected %}").render(
        Context({"request": request, "nodes": TREE, "selected": selected})
    )
    parser = _Tree()
    parser.feed(html)
    params = request.GET.copy()
    params.pop("page", None)
    assert parser.rows == _expected(TREE, selected, param_setter(params, "region"))
    assert "<b>" not in html and "&lt;b&gt;县" in html


def test_picker_options_tick_the_selected_and_checked_regions_and_escape_names() -> None:
    from measures.views import PickerRegion

    regions = [PickerRegion("yongjia", "永嘉县"), PickerRegion("yanhu", "盐湖区"), PickerRegion("x", "<i>乡</i>")]
    html = Template("{% load measures_tags %}{% picker_options regions selected checked %}").render(
        Context({"regions": regions, "selected": {"yanhu"}, "checked": "x"})
    )
    assert html.count("<label>") == 3 and "<i>" not in html and "&lt;i&gt;乡" in html
    assert re.findall(r'value="([^"]+)" checked', html) == ["yanhu", "x"]
    bare = Template("{% load measures_tags %}{% picker_options regions %}").render(Context({"regions": regions}))
    assert " checked" not in bare and 'value="yongjia">' in bare


@pytest.mark.django_db
def test_a_corpus_fragment_renders_once_until_a_write_and_once_per_language_and_key() -> None:
    from django.utils import translation

    from measures.models import Region

    calls: list[int] = []

    def rows() -> str:
        calls.append(1)
        return f"<b>{len(calls)}</b>"

    fragment = Template("{% load measures_tags %}{% corpus_cache test key %}{{ rows }}{% endcorpus_cache %}")

    def render(key: int) -> str:
        return fragment.render(Context({"rows": rows, "key": key}))

    assert render(1) == render(1) == "&lt;b&gt;1&lt;/b&gt;" and len(calls) == 1
    assert render(2) == "&lt;b&gt;2&lt;/b&gt;"
    with translation.override("en"):
        assert render(1) == "&lt;b&gt;3&lt;/b&gt;"
    Region.objects.create(name="测试县", code="999999", slug="test-county", level="county", path="/999999/")
    assert render(1) == "&lt;b&gt;4&lt;/b&gt;" and render(1) == "&lt;b&gt;4&lt;/b&gt;"  # the write changed the stamp


@pytest.mark.django_db
def test_a_changed_template_or_catalogue_renders_its_cached_fragments_again(tmp_path, settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A fragment cached under the old templates is not served after a deploy that changes them."""
    from measures.templatetags import measures_tags

    (tmp_path / "page.html").write_text("old", encoding="utf-8")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    measures_tags.release_digest.cache_clear()
    before = measures_tags.release_digest()
    (tmp_path / "page.html").write_text("new", encoding="utf-8")
    measures_tags.release_digest.cache_clear()
    assert measures_tags.release_digest() != before
    before = measures_tags.release_digest()
    settings.LOCALE_PATHS = [tmp_path]
    (tmp_path / "django.mo").write_bytes(b"a changed translation")
    measures_tags.release_digest.cache_clear()
    assert measures_tags.release_digest() != before, "new wording in a catalogue renders again too"

    fragment = Template("{% load measures_tags %}{% corpus_cache test %}{{ text }}{% endcorpus_cache %}")
    assert fragment.render(Context({"text": "old markup"})) == "old markup"
    assert fragment.render(Context({"text": "ignored: cached"})) == "old markup"
    measures_tags.release_digest.cache_clear()  # later tests digest the real templates
    monkeypatch.setattr(measures_tags, "release_digest", lambda: "after-deploy")
    assert fragment.render(Context({"text": "new markup"})) == "new markup"
