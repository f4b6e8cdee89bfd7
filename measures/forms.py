"""Forms: every request parameter and curator input is parsed and validated here, once."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .ingest.classify import parse_lexicon
from .ingest.pipeline import DocumentMeta
from .models import Category, DatePrecision, DocumentType, Region, Tag, validate_web_url
from .regions.resolve import RegionNotFound, find_region

MAX_UPLOAD_FILES = 50


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


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


def _existing_region(value: str) -> Region | None:
    """The region with this GB/T 2260 code or pinyin slug; blank is None, an unknown one a ValidationError."""
    value = value.strip()
    if not value:
        return None
    try:
        return find_region(value)
    except RegionNotFound as error:
        raise forms.ValidationError(str(error)) from None


class DocumentUploadForm(forms.Form):
    """Files and what the curator already knows about all of them; the rest is detected.

    The same inputs and validation as ``manage.py ingest``; anything left blank is
    detected per file and shown for confirmation before anything is stored.
    """

    files = MultipleFileField(
        label=_("文件"),
        help_text=_(
            "可一次选择多个文件：文本（UTF-8、GB18030/GBK、Big5、UTF-16）、网页、PDF 或 Word .docx，大小上限默认每个 10 MB、正文 20 万字"
        ),
    )
    region = forms.CharField(
        label=_("地区"),
        required=False,
        max_length=60,
        help_text=_("区划代码（如 330324）或拼音标识（如 yongjia）；留空则从每个文件中识别"),
    )
    doc_type = forms.ChoiceField(
        label=_("文件类型"), required=False, choices=[("", _("自动识别")), *DocumentType.choices]
    )
    issuer = forms.CharField(label=_("发布者"), required=False, help_text=_("留空则从文件中识别"))
    date = forms.DateField(label=_("日期"), required=False, help_text=_("确切日期，YYYY-MM-DD；留空则从文件中识别"))
    year = forms.IntegerField(label=_("大约年份"), required=False, min_value=1949, max_value=2100)
    industries = forms.CharField(label=_("产业"), required=False, help_text=_("用逗号分隔"))
    source_url = WebURLField(label=_("来源网址"), required=False)
    source_site = forms.CharField(label=_("来源网站"), required=False)

    def clean_files(self) -> list[Any]:
        uploads: list[Any] = self.cleaned_data["files"]
        if len(uploads) > MAX_UPLOAD_FILES:
            raise forms.ValidationError(_("一次最多上传 %(n)s 个文件。"), params={"n": MAX_UPLOAD_FILES})
        for upload in uploads:
            if upload.size > settings.MAX_DOCUMENT_BYTES:
                raise forms.ValidationError(
                    _("文件 %(name)s 太大（上限 %(limit)s MB）：请拆分成几个文件，或只上传正文。"),
                    params={"name": upload.name, "limit": settings.MAX_DOCUMENT_BYTES // 2**20},
                )
        return uploads

    def clean_region(self) -> Region | None:
        return _existing_region(self.cleaned_data["region"])

    def meta(self) -> DocumentMeta:
        data = self.cleaned_data
        return DocumentMeta(
            issuer=data["issuer"],
            doc_type=data["doc_type"],
            industries=_names(data.get("industries") or ""),
            source_url=data["source_url"],
            source_site=data["source_site"],
            **_dating(data.get("date"), data.get("year")),  # type: ignore[arg-type]
        )


class PlanConfirmForm(forms.Form):
    """One uploaded file's detected metadata, for the curator to confirm or correct."""

    include = forms.BooleanField(label=_("导入"), required=False, initial=True)
    key = forms.RegexField(regex=r"^[0-9a-f]{64}$", widget=forms.HiddenInput)
    filename = forms.CharField(widget=forms.HiddenInput, max_length=255)
    region = forms.CharField(label=_("地区"), max_length=60, required=False)
    title = forms.CharField(
        label=_("标题"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "vTextField", "size": 70}),
    )
    doc_type = forms.ChoiceField(label=_("文件类型"), choices=DocumentType.choices, required=False)
    issuer = forms.CharField(
        label=_("发布者"), max_length=200, required=False, widget=forms.TextInput(attrs={"class": "vTextField"})
    )
    date = forms.DateField(label=_("日期"), required=False)
    date_precision = forms.ChoiceField(label=_("日期精度"), choices=DatePrecision.choices, required=False)
    industries = forms.CharField(required=False, widget=forms.HiddenInput)
    source_url = WebURLField(required=False, widget=forms.HiddenInput)
    source_site = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("include"):
            try:
                data["region"] = _existing_region(data.get("region") or "")
            except forms.ValidationError as error:
                self.add_error("region", error)
            else:
                if data["region"] is None:
                    self.add_error("region", _("请填写地区（区划代码或拼音标识）。"))
            if not data.get("doc_type"):
                self.add_error("doc_type", _("请选择文件类型。"))
        return data

    def meta(self) -> DocumentMeta:
        data = self.cleaned_data
        return DocumentMeta(
            title=data["title"],
            issuer=data["issuer"],
            doc_type=data["doc_type"],
            industries=_names(data["industries"]),
            date=data["date"],
            date_precision=(data["date_precision"] or DatePrecision.DAY) if data["date"] else "",
            source_url=data["source_url"],
            source_site=data["source_site"],
        )


PlanConfirmFormSet = forms.formset_factory(
    PlanConfirmForm, extra=0, max_num=MAX_UPLOAD_FILES, absolute_max=MAX_UPLOAD_FILES
)


def _dating(date: dt.date | None, year: int | None) -> dict[str, object]:
    if date:
        return {"date": date, "date_precision": DatePrecision.DAY}
    if year:
        return {"date": dt.date(year, 1, 1), "date_precision": DatePrecision.CIRCA}
    return {}


def _names(raw: str) -> list[str]:
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


class PageSizeForm(forms.Form):
    """``?page_size=`` of the JSON API: a whole number from 1 (larger ones are capped by the view)."""

    page_size = forms.IntegerField(label=_("每页条数"), required=False, min_value=1)


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
