"""Administrative divisions (GB/T 2260) and their former names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    NATION = "nation", _("全国")
    PROVINCE = "province", _("省")
    CITY = "city", _("市")
    COUNTY = "county", _("县")
    DISTRICT = "district", _("区")
    TOWN = "town", _("镇")


class RegionQuerySet(models.QuerySet["Region"]):
    def within(self, region: Region) -> RegionQuerySet:
        """The region itself and every region below it, retired units included."""
        return self.filter(path__startswith=region.path)

    def with_documents(self, *, below: bool = False) -> RegionQuerySet:
        """Regions that have documents of their own (or, with ``below``, in their subtree).

        What pickers and facets offer: of ~6,800 units only the few with documents.
        """
        from .documents import Document  # documents refer to regions: imported when first asked

        if below:
            return self.filter(Exists(Document.objects.filter(region__path__startswith=OuterRef("path"))))
        return self.filter(Exists(Document.objects.filter(region=OuterRef("pk"))))

    def current(self) -> RegionQuerySet:
        return self.filter(valid_to__isnull=True)

    def on_lineage_of(self, regions: Iterable[Region]) -> RegionQuerySet:
        """The units from the top down to each of ``regions``, those regions included (see ``Region.lineage``)."""
        return self.filter(code__in={code for region in regions for code in region.lineage})

    def current_first(self) -> RegionQuerySet:
        """Units in use first, then retired ones by the date they were retired; top-down within each.

        NULLs placed explicitly: SQLite sorts them first and PostgreSQL last.
        """
        return self.order_by(F("valid_to").asc(nulls_first=True), "path")

    def matching(self, text: str) -> RegionQuerySet:
        """Units whose current or former name, pinyin slug or code contains ``text``."""
        text = text.strip()
        if not text:
            return self.none()
        former = RegionName.objects.filter(region=OuterRef("pk"), name__contains=text)
        return self.filter(Q(name__contains=text) | Q(slug__icontains=text) | Q(code__startswith=text) | Exists(former))

    def for_display(self) -> RegionQuerySet:
        """What a region's label needs: its successor and former names."""
        return self.select_related("successor").prefetch_related("names")


class RegionManager(models.Manager["Region"]):
    def get_by_natural_key(self, code: str) -> Region:
        return self.get(code=code)


class Region(models.Model):
    """An administrative division, identified by its GB/T 2260 code.

    ``path`` is the chain of codes from the top (``330000/330300/330324/``) so that
    "everything below this region" is one indexed prefix query. The gazetteer
    (``fixtures/gazetteer/``) holds every province, prefecture and county since 1980:
    ``name`` is the latest name, former names under the same code are ``RegionName``
    rows, and a retired code (``valid_to`` set) points to its ``successor`` and hangs under
    today's parent, so its documents roll up under today's city. 全国 is a pseudo-unit with
    code ``000000`` and level ``nation`` for national documents; provinces are not below it.
    """

    name = models.CharField(_("名称"), max_length=50)
    level = models.CharField(_("级别"), max_length=10, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.CharField(
        _("区划代码"), max_length=12, unique=True, help_text=_("GB/T 2260 administrative division code")
    )
    slug = models.SlugField(_("拼音标识"), max_length=60, unique=True)
    note = models.CharField(_("说明"), max_length=200, blank=True, help_text=_("e.g. a later renaming or code change"))
    path = models.CharField(max_length=200, editable=False, db_index=True)
    valid_from = models.DateField(_("启用"), null=True, blank=True, help_text=_("empty: in the 1980 table already"))
    valid_to = models.DateField(_("停用"), null=True, blank=True, help_text=_("empty: still in use"))
    successor = models.ForeignKey(
        "self",
        verbose_name=_("后继"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )

    objects = RegionManager.from_queryset(RegionQuerySet)()

    class Meta:
        verbose_name = _("地区")
        verbose_name_plural = _("地区")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.label

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        old_path = self.path
        self.path = f"{self.parent.path if self.parent else ''}{self.code}/"
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            for child in self.children.all():
                child.save()

    def get_absolute_url(self) -> str:
        return reverse("measures:region_detail", args=[self.slug])

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    @property
    def lineage(self) -> list[str]:
        """The codes from the top down to this unit, read off ``path``: ``["330000", "330300", "330324"]``."""
        return self.path.strip("/").split("/")

    @property
    def label(self) -> str:
        """The name, and today's name for a retired unit: ``大洼县（今大洼区）``."""
        if self.valid_to and self.successor_id and self.successor and self.successor.name != self.name:
            return _("%(name)s（今%(now)s）") % {"name": self.name, "now": self.successor.name}
        return self.name

    def name_on(self, date: dt.date | None) -> str:
        """The unit's name on ``date`` (its latest name when the date is unknown)."""
        if date is not None:
            for former in self.names.all():
                if (former.valid_from is None or former.valid_from <= date) and (
                    former.valid_to is None or date < former.valid_to
                ):
                    return former.name
        return self.name

    def label_on(self, date: dt.date | None) -> str:
        """``襄樊市（今襄阳市）`` for a 2009 document of 420600; the plain label otherwise."""
        then = self.name_on(date)
        if then != self.name:
            return _("%(name)s（今%(now)s）") % {"name": then, "now": self.label}
        return self.label


class RegionNameManager(models.Manager["RegionName"]):
    def get_by_natural_key(self, code: str, name: str) -> RegionName:
        return self.get(region__code=code, name=name)


class RegionName(models.Model):
    """A former name of a unit under the same code (襄樊市 for 420600 until 2010-12), with its validity."""

    region = models.ForeignKey(Region, verbose_name=_("地区"), on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("名称"), max_length=50, db_index=True)
    valid_from = models.DateField(_("启用"), null=True, blank=True)
    valid_to = models.DateField(_("停用"), null=True, blank=True)

    objects = RegionNameManager()

    class Meta:
        verbose_name = _("地区曾用名")
        verbose_name_plural = _("地区曾用名")
        ordering = ["region", "valid_from"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="regionname_unique_region_name")]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str, str]:
        return (self.region.code, self.name)

    natural_key.dependencies = ["measures.region"]  # type: ignore[attr-defined]
