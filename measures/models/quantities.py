"""Quantities a sentence states (money, land, rates, counts, horizons, durations), as the reader found them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .. import quantities

if TYPE_CHECKING:
    from .measures import Measure


class QuantityKind(models.TextChoices):
    MONEY = "money", _("金额")
    LAND = "land", _("土地")
    RATE = "rate", _("比例")
    COUNT = "count", pgettext_lazy("quantity kind", "数量")
    HORIZON = "horizon", _("时限")
    DURATION = "duration", _("期限")


class QuantityBound(models.TextChoices):
    EXACT = "exact", _("确数")
    MIN = "min", _("下限")
    MAX = "max", _("上限")
    RANGE = "range", _("区间")
    APPROX = "approx", _("约数")


class Quantity(models.Model):
    """A quantity a sentence states, as read by ``measures.quantities``; machine-written, rebuilt on re-reading.

    ``normalised`` is in one unit per kind: 万元 for money, 亩 for land, percent, items,
    years (durations), calendar years (horizons); None when not comparable (美元, 万元/亩).
    """

    measure = models.ForeignKey("Measure", verbose_name=_("句子"), on_delete=models.CASCADE, related_name="quantities")
    kind = models.CharField(_("类型"), max_length=10, choices=QuantityKind.choices)
    value = models.FloatField(_("数值"))
    value_max = models.FloatField(_("最大值"), null=True, blank=True)
    unit = models.CharField(_("单位"), max_length=20)
    normalised = models.FloatField(_("标准化数值"), null=True, blank=True)
    normalised_max = models.FloatField(_("标准化最大值"), null=True, blank=True)
    per_year = models.BooleanField(_("每年"), default=False)
    bound = models.CharField(_("界限"), max_length=10, choices=QuantityBound.choices, default=QuantityBound.EXACT)
    text = models.CharField(_("原文"), max_length=100)
    start = models.PositiveIntegerField(_("起始位置"))
    end = models.PositiveIntegerField(_("结束位置"))

    class Meta:
        verbose_name = _("数量")
        verbose_name_plural = _("数量")
        ordering = ["measure_id", "start"]
        indexes = [models.Index(fields=["kind", "normalised"], name="quantity_kind_normalised")]
        constraints = [models.UniqueConstraint(fields=["measure", "start"], name="quantity_unique_start")]

    def __str__(self) -> str:
        return self.label

    @classmethod
    def from_reading(cls, measure: Measure, quantity: quantities.Quantity) -> Quantity:
        return cls(
            measure=measure,
            kind=quantity.kind.value,
            value=quantity.value,
            value_max=quantity.value_max,
            unit=quantity.unit,
            normalised=quantity.normalised,
            normalised_max=quantity.normalised_max,
            per_year=quantity.per_year,
            bound=quantity.bound.value,
            text=quantity.text[:100],
            start=quantity.start,
            end=quantity.end,
        )

    def as_reading(self) -> quantities.Quantity:
        return quantities.Quantity(
            kind=quantities.Kind(self.kind),
            value=self.value,
            unit=self.unit,
            normalised=self.normalised,
            bound=quantities.Bound(self.bound),
            value_max=self.value_max,
            normalised_max=self.normalised_max,
            per_year=self.per_year,
            start=self.start,
            end=self.end,
            text=self.text,
        )

    @property
    def label(self) -> str:
        """In words, as written: 50万元/年, 2,000亩, 到2013年."""
        return quantities.describe(self.as_reading())
