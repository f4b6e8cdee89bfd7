"""Validation of a comparison request: ``?regions=a,b`` or ``?documents=1,2``, two to four of them.

Parsing the parameters (repeated and/or comma-separated keys, ASCII-digit ids) uses the
request fields shared with the other public forms (``measures.forms``); this form adds
what a comparison needs: the count, the lookup, and never both kinds at once.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..forms import IdListField, KeyListField, describe_errors
from ..models import Document, Region

MIN_COLUMNS = 2
MAX_COLUMNS = 4


class CompareForm(forms.Form):
    """The columns of a comparison: regions (by slug) or documents (by id), never both.

    ``cleaned_data["regions"]`` / ``["documents"]`` hold the model instances in the
    order asked for. A query string with neither parameter is ``is_bare``: the page then
    shows only the picker.
    """

    regions = KeyListField(label=_("地区"))
    documents = IdListField(label=_("文件"))
    # The category row to list in full (``Row.key``); an unknown one expands nothing.
    category = forms.SlugField(label=_("类别"), required=False, max_length=40)

    @property
    def is_bare(self) -> bool:
        return "regions" not in self.data and "documents" not in self.data

    def asked_region_keys(self) -> list[str]:
        """The region slugs asked for, valid or not: a page that explains a mistake keeps them ticked."""
        raw = self.fields["regions"].widget.value_from_datadict(self.data, self.files, "regions")
        try:
            return KeyListField().to_python(raw)
        except forms.ValidationError:
            return []

    def clean_regions(self) -> list[Region]:
        slugs: list[str] = self.cleaned_data["regions"]
        if not slugs:
            return []
        _check_count(
            slugs,
            too_few=_("请至少选择两个地区进行对比。"),
            too_many=_("最多同时对比四个地区（收到 %(count)s 个）。"),
        )
        found = {r.slug: r for r in Region.objects.filter(slug__in=slugs).select_related("parent")}
        unknown = [slug[:40] for slug in slugs if slug not in found]
        if unknown:
            raise forms.ValidationError(_("找不到这些地区：%(slugs)s") % {"slugs": "、".join(unknown)})
        return [found[slug] for slug in slugs]

    def clean_documents(self) -> list[Document]:
        ids: list[int] = self.cleaned_data["documents"]
        if not ids:
            return []
        _check_count(
            ids,
            too_few=_("请至少选择两份文件进行对比。"),
            too_many=_("最多同时对比四份文件（收到 %(count)s 份）。"),
        )
        found = {d.pk: d for d in Document.objects.filter(pk__in=ids).for_list()}
        unknown = [str(pk) for pk in ids if pk not in found]
        if unknown:
            raise forms.ValidationError(_("找不到这些文件：%(keys)s") % {"keys": ", ".join(unknown)})
        return [found[pk] for pk in ids]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        if data.get("regions") and data.get("documents"):
            raise forms.ValidationError(_("请只对比地区或只对比文件，不要同时选择两者。"))
        if not data.get("regions") and not data.get("documents") and not self.is_bare:
            raise forms.ValidationError(_("请至少选择两个地区进行对比。"))
        return data

    def first_error(self) -> str:
        """The problems, in the reader's language, each field named in words, for the notice on the page."""
        return describe_errors(self)


def _check_count(keys: list[Any], *, too_few: Any, too_many: Any) -> None:
    if len(keys) < MIN_COLUMNS:
        raise forms.ValidationError(too_few)
    if len(keys) > MAX_COLUMNS:
        raise forms.ValidationError(too_many % {"count": len(keys)})
