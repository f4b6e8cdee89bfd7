"""Curators' free tags, the slugs they used to have, and the record of merges."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Tag(models.Model):
    name = models.CharField(_("名称"), max_length=50, unique=True)
    slug = models.SlugField(_("标识"), max_length=60, unique=True, allow_unicode=True)

    class Meta:
        verbose_name = _("标签")
        verbose_name_plural = _("标签")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TagAlias(models.Model):
    """A tag's former slug, so public URLs that used it keep working after a rename or merge."""

    slug = models.SlugField(_("旧标识"), max_length=60, unique=True, allow_unicode=True)
    tag = models.ForeignKey(Tag, verbose_name=_("标签"), on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        verbose_name = _("标签别名")
        verbose_name_plural = _("标签别名")

    def __str__(self) -> str:
        return f"{self.slug} → {self.tag.slug}"


class TagMerge(models.Model):
    """Audit record of one tag merged into another: what moved, who did it, when."""

    source_name = models.CharField(_("被合并标签"), max_length=50)
    source_slug = models.CharField(_("被合并标识"), max_length=60)
    into = models.ForeignKey(Tag, verbose_name=_("合并到"), on_delete=models.PROTECT, related_name="merges")
    measure_ids = models.JSONField(_("移动的句子"), default=list)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, on_delete=models.SET_NULL
    )
    merged_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("标签合并记录")
        verbose_name_plural = _("标签合并记录")
        ordering = ["-merged_at"]

    def __str__(self) -> str:
        return f"{self.source_name} → {self.into.name}"
