"""Validation of a comparison request: ``?regions=a,b`` or ``?documents=1,2``, two to four of them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Document, Region

MIN_COLUMNS = 2
MAX_COLUMNS = 4


def parse_keys(raw: Iterable[str]) -> list[str]:
    """Comma-separated and/or repeated parameters → ordered, de-duplicated keys.

    >>> parse_keys(["yongjia,yanhu", "yanhu", " dawa "])
    ['yongjia', 'yanhu', 'dawa']
    """
    keys = [key.strip() for value in raw for key in value.split(",")]
    return list(dict.fromkeys(key for key in keys if key))


class KeyListField(forms.Field):
    """Repeated and/or comma-separated values, read with ``getlist``."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[str]:
        if not value:
            return []
        return parse_keys([value] if isinstance(value, str) else value)


class CompareForm(forms.Form):
    """The columns of a comparison: regions (by slug) or documents (by id), never both.

    ``cleaned_data["regions"]`` / ``["documents"]`` hold the model instances in the
    order asked for. A form bound to a query string with neither parameter is
    ``is_bare``: the page then shows only the picker.
    """

    regions = KeyListField(required=False)
    documents = KeyListField(required=False)

    @property
    def is_bare(self) -> bool:
        return "regions" not in self.data and "documents" not in self.data

    def clean_regions(self) -> list[Region]:
        slugs: list[str] = self.cleaned_data["regions"]
        if not slugs:
            return []
        self._check_count(
            slugs,
            too_few=_("请至少选择两个地区进行对比。"),
            too_many=_("最多同时对比四个地区（收到 %(count)s 个）。"),
        )
        found = {r.slug: r for r in Region.objects.filter(slug__in=slugs).select_related("parent")}
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            raise forms.ValidationError(_("找不到这些地区：%(slugs)s") % {"slugs": "、".join(unknown)})
        return [found[slug] for slug in slugs]

    def clean_documents(self) -> list[Document]:
        keys: list[str] = self.cleaned_data["documents"]
        if not keys:
            return []
        self._check_count(
            keys,
            too_few=_("请至少选择两份文件进行对比。"),
            too_many=_("最多同时对比四份文件（收到 %(count)s 份）。"),
        )
        if not all(key.isdigit() and len(key) < 10 for key in keys):
            raise forms.ValidationError(_("文件编号必须是数字：%(keys)s") % {"keys": ", ".join(keys)})
        found = {
            str(d.pk): d
            for d in Document.objects.filter(pk__in=[int(k) for k in keys])
            .select_related("region")
            .defer("raw_text", "cleaned_text")
        }
        unknown = [key for key in keys if key not in found]
        if unknown:
            raise forms.ValidationError(_("找不到这些文件：%(keys)s") % {"keys": ", ".join(unknown)})
        return [found[key] for key in keys]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        if data.get("regions") and data.get("documents"):
            raise forms.ValidationError(_("请只对比地区或只对比文件，不要同时选择两者。"))
        if not data.get("regions") and not data.get("documents") and not self.is_bare:
            raise forms.ValidationError(_("请至少选择两个地区进行对比。"))
        return data

    @staticmethod
    def _check_count(keys: list[str], *, too_few: Any, too_many: Any) -> None:
        if len(keys) < MIN_COLUMNS:
            raise forms.ValidationError(too_few)
        if len(keys) > MAX_COLUMNS:
            raise forms.ValidationError(too_many % {"count": len(keys)})

    def first_error(self) -> str:
        """The first problem, in the reader's language, for the notice on the page."""
        for messages in self.errors.values():
            return str(messages[0])
        return ""
