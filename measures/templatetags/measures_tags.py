"""Template helpers: search highlighting and query-string links that keep the other filters."""

import functools
import hashlib
import html
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.http import QueryDict
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .. import aggregates, search
from ..ingest.detection_evidence import in_reader_language as evidence_in_reader_language
from ..models import is_web_url

register = template.Library()


@register.filter
def highlight(text: str, terms: Sequence[str]) -> SafeString:
    """``{{ measure.text|highlight:terms }}``: escaped text with matches in ``<mark>``."""
    return search.highlight(text, terms or ())


@register.simple_tag(takes_context=True)
def toggle_param(context: template.Context, name: str, value: object) -> str:
    """The current URL's query with ``value`` added to or removed from ``name``; page reset."""
    params = _params(context)
    values = params.getlist(name)
    value = str(value)
    params.setlist(name, [v for v in values if v != value] if value in values else [*values, value])
    return _encode(params)


@register.simple_tag(takes_context=True)
def set_param(context: template.Context, name: str, value: object) -> str:
    """The current URL's query with ``name`` set to ``value`` (removed when empty)."""
    params = _params(context, keep_page=name == "page")
    if value in (None, ""):
        params.pop(name, None)
    else:
        params[name] = str(value)
    return _encode(params)


def param_setter(params: QueryDict, name: str) -> Callable[[str], str]:
    """``set_param`` for many values of one parameter: the query string is encoded once.

    ``param_setter(params, "region")(value)`` equals what ``set_param`` gives for the same
    request (``params`` without ``page``): the value takes the parameter's place, or goes
    last when it is not set; an empty value drops the parameter.

    >>> setter = param_setter(QueryDict("q=%E4%BA%BA&region=a&kind=all"), "region")
    >>> setter("b"), setter("")
    ('?q=%E4%BA%BA&region=b&kind=all', '?q=%E4%BA%BA&kind=all')
    """
    before: list[str] = []
    after: list[str] = []
    seen = False
    for key, values in params.lists():
        if key == name:
            seen = True
            continue
        (after if seen else before).extend(urlencode({key: str(v)}) for v in values)

    def href(value: str) -> str:
        pieces = [*before, urlencode({name: value}), *after] if value else [*before, *after]
        return "?" + "&".join(pieces)

    return href


@register.simple_tag(takes_context=True)
def region_tree(context: template.Context, nodes: list[dict[str, Any]], selected: set[str]) -> SafeString:
    """The region facet as nested lists (see ``filters.build_region_tree``), rendered in Python.

    A national corpus puts a couple of thousand units in the tree; an ``{% include %}``
    per node cost about 0.1 ms each, this a few microseconds. A node with children is a
    ``<details>`` whose summary holds the filter link; the selected unit links to the list
    without the region filter and is marked ``aria-current``.
    """
    href = param_setter(_params(context), "region")
    out: list[str] = []

    def render(level: list[dict[str, Any]]) -> None:
        out.append('<ul class="region-tree">')
        for node in level:
            value = str(node["value"])
            chosen = value in selected
            marks = (' is-selected" href="{}" aria-current="true">' if chosen else '" href="{}">').format(
                html.escape(href("" if chosen else value))
            )
            link = f'<a class="facet__link{marks}{html.escape(node["label"])}<span class="count">{node["count"]}</span></a>'
            if node["children"]:
                out.append(f"<li><details{' open' if node['open'] else ''}><summary>{link}</summary>")
                render(node["children"])
                out.append("</details></li>")
            else:
                out.append(f"<li>{link}</li>")
        out.append("</ul>")

    render(nodes)
    return mark_safe("".join(out))


@register.simple_tag
def picker_options(regions: Sequence[Any], selected: Any = (), checked: str = "") -> SafeString:
    """The comparison picker's checkboxes, one per region (``selected`` slugs and ``checked`` ticked).

    Rendered in Python: a national corpus offers over a thousand regions on every list page.
    """
    ticked = set(selected or ()) | ({checked} if checked else set())
    return mark_safe(
        "".join(
            f'<label><input type="checkbox" name="regions" value="{html.escape(region.slug)}"'
            f"{' checked' if region.slug in ticked else ''}> {html.escape(region.name)}</label>"
            for region in regions
        )
    )


def _params(context: template.Context, *, keep_page: bool = False) -> QueryDict:
    params = context["request"].GET.copy()
    if not keep_page:
        params.pop("page", None)
    return params


def _encode(params: QueryDict) -> str:
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def get_item(mapping: dict[str, object], key: str) -> object:
    """``{{ selected|get_item:name }}``: a dictionary lookup with a variable key."""
    return mapping.get(key, ())


@register.filter
def reasons(evidence: Sequence[str]) -> list[str]:
    """``{{ label.evidence|reasons|join:sep }}``: stored evidence in the reader's language (cue names translated)."""
    from ..ingest.classify.evidence import in_reader_language  # not at import: the package loads jieba

    return [in_reader_language(str(item)) for item in evidence]


@register.filter
def detection_evidence(item: str) -> str:
    """A piece of detection evidence with its zone in the reader's language (``落款日期：…`` → ``Signature date: …``)."""
    return evidence_in_reader_language(item)


@register.filter
def percent(share: float) -> str:
    """A share as a whole percentage: ``0.4545`` → ``45%``."""
    return f"{round(share * 100)}%"


@register.filter
def web_url(value: str) -> str:
    """``{{ url|web_url }}``: the address if it is http(s), else "" (never a ``javascript:`` link)."""
    return value if is_web_url(value) else ""


class _CorpusCacheNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str, vary_on: list[Any]) -> None:
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context: template.Context) -> str:
        key = [value.resolve(context) for value in self.vary_on]
        return aggregates.cached(
            f"fragment:{self.name}",
            lambda: self.nodelist.render(context),
            get_language(),
            release_digest(),
            *key,
        )


@functools.cache
def release_digest() -> str:
    """A digest of what renders a page — the templates, the app's code, the compiled translations —
    so a deploy that changes any of them renders cached fragments again.

    Without it a fragment cached before the deploy would be served, old markup or wording and all,
    until the next write to the data (or for a day).
    """
    sources = [(Path(directory), "*.html") for directory in settings.TEMPLATES[0]["DIRS"]]
    sources.append((Path(__file__).resolve().parent.parent, "*.py"))  # the measures app
    sources += [(Path(directory), "*.mo") for directory in settings.LOCALE_PATHS]
    digest = hashlib.sha256()
    for root, pattern in sources:
        for path in sorted(root.rglob(pattern)):
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


@register.tag
def corpus_cache(parser: Any, token: Any) -> _CorpusCacheNode:
    """``{% corpus_cache name key… %}…{% endcorpus_cache %}``: the enclosed HTML, rendered once until the data changes.

    For fragments that depend only on the corpus and the keys (and the language): keyed by the
    data stamp like ``aggregates.cached``, so any write renders them again. Nothing that
    depends on the request (query string, user, CSRF token) may go inside. Give the
    fragment's rows as lazy values so that a cached fragment costs no query.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("corpus_cache needs a fragment name")
    nodelist = parser.parse(("endcorpus_cache",))
    parser.delete_first_token()
    return _CorpusCacheNode(nodelist, bits[1], [parser.compile_filter(bit) for bit in bits[2:]])
