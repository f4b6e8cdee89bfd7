"""Forms: every request parameter and curator input is parsed and validated here, once."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .ingest.classify import parse_lexicon
from .models import Category, DatePrecision, DocumentType, Region, Tag, validate_web_url

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class TagChoiceForm(forms.Form):
    tag = forms.ModelChoiceField(label=_("标签"), queryset=Tag.objects.all())


class CategoryChoiceForm(forms.Form):
    category = forms.ModelChoiceField(label=_("类别"), queryset=Category.objects.order_by("order"))


class TagMergeForm(forms.Form):
    into = forms.ModelChoiceField(label=_("合并到"), queryset=Tag.objects.all())


class LexiconForm(forms.Form):
    lexicon = forms.CharField(
        label=_("关键词表"),
        widget=forms.Textarea(attrs={"rows": 18, "cols": 40}),
        help_text=_("每行一个词，可在空格后写权重，如“专项资金 2”；权重为负表示排除。"),
    )

    def clean_lexicon(self) -> str:
        text: str = self.cleaned_data["lexicon"]
        try:
            parse_lexicon(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error
        return text


class WebURLField(forms.URLField):
    """An http(s) address only: what the document page may turn into a link."""

    default_validators = [validate_web_url]
    default_error_messages = {"invalid": validate_web_url.message}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class DocumentUploadForm(forms.Form):
    """The same inputs and validation as ``manage.py ingest``."""

    file = forms.FileField(label=_("文本文件"), help_text=_("UTF-8、GB18030/GBK 或 UTF-16 文本，最大 5 MB"))
    region = forms.ModelChoiceField(label=_("地区"), queryset=Region.objects.order_by("path"))
    title = forms.CharField(label=_("标题"), required=False, help_text=_("留空则使用清洗后文本的第一行"))
    doc_type = forms.ChoiceField(label=_("文件类型"), choices=DocumentType.choices, initial=DocumentType.OTHER)
    issuer = forms.CharField(label=_("发布者"), required=False)
    date = forms.DateField(label=_("日期"), required=False, help_text=_("确切日期，YYYY-MM-DD"))
    year = forms.IntegerField(label=_("大约年份"), required=False, min_value=1949, max_value=2100)
    industries = forms.CharField(label=_("产业"), required=False, help_text=_("用逗号分隔"))
    source_url = WebURLField(label=_("来源网址"), required=False)
    source_site = forms.CharField(label=_("来源网站"), required=False)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件太大（上限 5 MB）。"))
        return upload

    def dating(self) -> dict[str, object]:
        date: dt.date | None = self.cleaned_data.get("date")
        year: int | None = self.cleaned_data.get("year")
        if date:
            return {"date": date, "date_precision": DatePrecision.DAY}
        if year:
            return {"date": dt.date(year, 1, 1), "date_precision": DatePrecision.CIRCA}
        return {}

    def industry_names(self) -> list[str]:
        raw: str = self.cleaned_data.get("industries") or ""
        return [name.strip() for name in raw.replace("，", ",").split(",") if name.strip()]


# --- public requests ----------------------------------------------------------------------

# A database id: ASCII digits only (str.isdigit() also accepts "²" and "１"), and short
# enough to fit a 64-bit integer column.
_ID = re.compile(r"[0-9]{1,18}")


class RepeatedValues(forms.MultipleHiddenInput):
    """Reads every value of a repeated GET parameter (``?regions=a&regions=b``)."""


class KeyListField(forms.Field):
    """Comma-separated and/or repeated values → ordered, de-duplicated keys.

    >>> KeyListField().clean(["yongjia,yanhu", "yanhu", " dawa "])
    ['yongjia', 'yanhu', 'dawa']
    """

    widget = RepeatedValues

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> list[str]:
        values: Sequence[str] = value if isinstance(value, list | tuple) else [value] if value else []
        keys = [key.strip() for raw in values for key in str(raw).split(",")]
        if any("\x00" in key for key in keys):
            raise forms.ValidationError(_("含有不可见的控制字符。"), code="invalid")
        return list(dict.fromkeys(key for key in keys if key))


class IdListField(KeyListField):
    """Like KeyListField, but every key must be a document number.

    >>> IdListField().clean(["3,1", "3"])
    [3, 1]
    """

    def to_python(self, value: Any) -> list[int]:  # type: ignore[override]
        keys = super().to_python(value)
        bad = [key for key in keys if not _ID.fullmatch(key)]
        if bad:
            raise forms.ValidationError(
                _("编号只能由数字 0–9 组成，请检查：%(keys)s") % {"keys": "、".join(key[:20] for key in bad[:5])},
                code="invalid",
            )
        return [int(key) for key in keys]


class CompareForm(forms.Form):
    """What ``/compare/`` and its CSV export compare: 2–4 regions or 2–4 documents."""

    regions = KeyListField(label=_("地区"))
    documents = IdListField(label=_("文件"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("regions") and data.get("documents"):
            raise forms.ValidationError(_("请只对比地区或只对比文件，不要同时选择两者。"))
        return data

    @property
    def asked(self) -> bool:
        """Whether the request named anything to compare (the bare page shows the picker)."""
        return "regions" in self.data or "documents" in self.data

    def message(self) -> str:
        """The errors as one sentence for the page, each field named in words."""
        return describe_errors(self)


def describe_errors(form: forms.Form) -> str:
    """A form's errors as text for a reader: "地区：…" rather than "regions: …"."""
    parts = []
    for name, errors in form.errors.items():
        text = " ".join(str(error) for error in errors)
        field = form.fields.get(name)
        label = field.label if field is not None else None
        parts.append(_("%(field)s：%(errors)s") % {"field": label, "errors": text} if label else text)
    return " ".join(parts)
