"""Bulk actions that ask for confirmation on an intermediate page, then call ``curation``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from ..models import Measure


def confirm_action(
    modeladmin: admin.ModelAdmin,  # type: ignore[type-arg]
    request: HttpRequest,
    queryset: QuerySet[Any],
    *,
    title: str,
    form_class: type[Form] | None,
    apply: Callable[[Form | None], str],
) -> HttpResponse | None:
    """Show the selected rows and a form; on "apply", run ``apply`` and report its message."""
    form = form_class(request.POST if "apply" in request.POST else None) if form_class else None
    if "apply" in request.POST and (form is None or form.is_valid()):
        modeladmin.message_user(request, apply(form), messages.SUCCESS)
        return None
    return TemplateResponse(
        request,
        "admin/measures/action_confirm.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "objects": queryset[:200],
            "count": queryset.count(),
            "form": form,
            "action": request.POST.get("action"),
            "selected": request.POST.getlist(ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
            "opts": modeladmin.model._meta,
        },
    )


def choice_action(
    *,
    name: str,
    description: str,
    title: str,
    form_class: type[Form],
    field: str,
    operation: Callable[..., int],
    message: str,
) -> Callable[..., HttpResponse | None]:
    """A bulk action that asks for one choice (a tag, a category), then calls ``operation``."""

    def action(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Measure]) -> HttpResponse | None:
        def apply(form: Form | None) -> str:
            assert form is not None
            choice = form.cleaned_data[field]
            n = operation(measures=queryset, **{field: choice}, curator=request.user)
            return str(message % {"n": n, "name": choice.name})

        return confirm_action(modeladmin, request, queryset, title=title, form_class=form_class, apply=apply)

    action.__name__ = name
    return admin.action(description=description, permissions=["change"])(action)
