"""``FilterSet``: django-filter's base class, as the type checker is to see it.

django-filter ships no type hints, so to mypy ``django_filters.FilterSet`` is ``Any`` and
nothing read off a filter set would be checked. Under ``TYPE_CHECKING`` this module declares
instead the members of it that the measure filters use, typed for ``Measure``; at run time
``FilterSet`` is django-filter's own class. ``FilterSetMixin`` is the base of the mixins that
``MeasureFilterSet`` combines with it: ``object`` at run time, that typed face under mypy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import django_filters

if TYPE_CHECKING:
    from django import forms
    from django.forms.utils import ErrorDict
    from django.http import HttpRequest, QueryDict

    from ..models import MeasureQuerySet

    class FilterSet:
        """What this package uses of ``django_filters.FilterSet``."""

        # The GET parameters, or a plain dict (lists for multiple values); {} when none were given.
        data: QueryDict | dict[str, Any]
        # Name → its ``django_filters.Filter``, untyped as the rest of django-filter.
        filters: dict[str, Any]
        queryset: MeasureQuerySet

        def __init__(
            self,
            data: QueryDict | dict[str, Any] | None = None,
            queryset: MeasureQuerySet | None = None,
            *,
            request: HttpRequest | None = None,
            prefix: str | None = None,
        ) -> None: ...

        @property
        def form(self) -> forms.Form: ...

        @property
        def errors(self) -> ErrorDict: ...

        @property
        def qs(self) -> MeasureQuerySet: ...

        def is_valid(self) -> bool: ...

        def filter_queryset(self, queryset: MeasureQuerySet) -> MeasureQuerySet: ...

    FilterSetMixin = FilterSet
else:
    FilterSet = django_filters.FilterSet
    FilterSetMixin = object
