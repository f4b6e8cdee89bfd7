"""Template helpers: search highlighting and query-string links that keep the other filters."""

from collections.abc import Sequence

from django import template
from django.http import QueryDict
from django.utils.safestring import SafeString

from .. import search
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
def web_url(value: str) -> str:
    """``{{ url|web_url }}``: the address if it is http(s), else "" (never a ``javascript:`` link)."""
    return value if is_web_url(value) else ""
