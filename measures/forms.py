"""Forms for curators' admin screens."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.utils.translation import gettext_lazy as _

from .ingest.classify import parse_lexicon
from .models import Category, DatePrecision, Document, DocumentType, Region, Tag

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


class DocumentUploadForm(forms.Form):
    """The same inputs and validation as ``manage.py ingest``."""

    file = forms.FileField(label=_("文本文件"), help_text=_("UTF-8、GB18030/GBK 或 UTF-16 文本，最大 5 MB"))
    # Any of ~6,800 units, found by name, pinyin or code through the admin's region search.
    region = forms.ModelChoiceField(
        label=_("地区"),
        queryset=Region.objects.order_by("path"),
        widget=AutocompleteSelect(Document._meta.get_field("region"), admin.site),
    )
    title = forms.CharField(label=_("标题"), required=False, help_text=_("留空则使用清洗后文本的第一行"))
    doc_type = forms.ChoiceField(label=_("文件类型"), choices=DocumentType.choices, initial=DocumentType.OTHER)
    issuer = forms.CharField(label=_("发布者"), required=False)
    date = forms.DateField(label=_("日期"), required=False, help_text=_("确切日期，YYYY-MM-DD"))
    year = forms.IntegerField(label=_("大约年份"), required=False, min_value=1949, max_value=2100)
    industries = forms.CharField(label=_("产业"), required=False, help_text=_("用逗号分隔"))
    source_url = forms.URLField(label=_("来源网址"), required=False, assume_scheme="https")
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
