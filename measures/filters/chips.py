"""The active filters: their values as the URL gives them, and in words as chips linking to the list without them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import django_filters
from django.http import QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .base import FilterSetMixin

# Range filters read better as a comparison than as "label：value".
RANGE_CHIPS = {
    "money_min": _("金额 ≥ %(value)s万元"),
    "money_max": _("金额 ≤ %(value)s万元"),
    "land_min": _("土地 ≥ %(value)s亩"),
    "year_min": _("年份 ≥ %(value)s"),
    "year_max": _("年份 ≤ %(value)s"),
}


@dataclass(frozen=True)
class Chip:
    """One active filter value in words, and the URL of the same list without it."""

    name: str
    text: str
    remove_url: str


class ChipsMixin(FilterSetMixin):
    """The active filters of ``MeasureFilterSet``, which this is mixed into (it reads its filters, data and form)."""

    def selected(self, name: str) -> set[str]:
        """The values of a filter as they appear in the URL (slugs, ids)."""
        return set(self._params().getlist(name))

    def chips(self, base_url: str) -> list[Chip]:
        """Each active filter value in words ("地区：浙江省"), linking to ``base_url`` without it.

        Call after validation. Multi-valued filters give one chip per value, whose link
        drops that value only; every link keeps the other filters and drops ``page``.
        """
        if not self.data:
            return []
        data = self._params()
        cleaned = self.form.cleaned_data
        chips: list[Chip] = []
        for name, field in self.filters.items():
            if name == "sort" or name not in cleaned:
                continue
            words = self._words(name, cleaned[name], field)
            for raw in data.getlist(name):
                raw = str(raw).strip()
                if not raw or raw not in words:
                    continue
                params = data.copy()
                params.pop("page", None)
                params.setlist(name, [v for v in params.getlist(name) if str(v).strip() != raw])
                query = params.urlencode()
                chips.append(Chip(name=name, text=words[raw], remove_url=f"{base_url}?{query}" if query else base_url))
        return chips

    def _words(self, name: str, value: Any, field: django_filters.Filter) -> dict[str, str]:
        """URL value → the chip's words, for the values that validated."""
        label = str(field.label)

        def said(text: object) -> str:
            return gettext("%(label)s：%(value)s") % {"label": label, "value": text}

        if value in (None, "", []):
            return {}
        if name in RANGE_CHIPS:
            return {raw: str(RANGE_CHIPS[name]) % {"value": _number(value)} for raw in self._raw(name)}
        if name == "q":
            return {raw: said(raw) for raw in self._raw(name)}
        if name == "category":
            return {c.slug: said(c.name) for c in value}
        if name == "tag":
            return {t.slug: said(t.name) for t in value}
        if name in ("region", "industry"):
            return {value.slug: said(value.name)}
        if name == "document":
            return {str(value.pk): said(value.title)}
        choices = {str(key): text for key, text in field.extra.get("choices", [])}
        values = value if isinstance(value, list) else [value]
        return {str(v): said(choices.get(str(v), v)) for v in values}

    def _raw(self, name: str) -> list[str]:
        return [str(v).strip() for v in self._params().getlist(name) if str(v).strip()]

    def _params(self) -> QueryDict:
        """The data as the URL gives it: a plain dict's lists become repeated values, its values strings."""
        return self.data if isinstance(self.data, QueryDict) else _querydict(self.data)


def _number(value: Any) -> str:
    """``Decimal("1000.0")`` → ``1000``: as a reader would write it."""
    number = Decimal(str(value)).normalize()
    return format(number, "f") if number == number.to_integral() else str(number)


def _querydict(data: dict[str, Any]) -> QueryDict:
    params = QueryDict(mutable=True)
    for key, value in data.items():
        if value is None:
            continue
        params.setlist(key, [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)])
    return params
