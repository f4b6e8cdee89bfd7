"""Categories, the labels that put sentences in them, and the trained classifier that proposes labels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .measures import Measure


class CategoryQuerySet(models.QuerySet["Category"]):
    def with_measure_counts(self, measures: QuerySet[Measure] | None = None) -> CategoryQuerySet:
        """Annotate ``measure_count``: measures (``is_measure``) carrying the category, among ``measures`` if given.

        One grouped query however many categories; a curator's rejection does not count.
        """
        labels = Label.objects.applied().filter(category=OuterRef("pk"), measure__is_measure=True)
        if measures is not None:
            labels = labels.filter(measure__in=measures.order_by().values("pk"))
        counted = labels.order_by().values("category").annotate(n=Count("pk")).values("n")
        return self.annotate(measure_count=Coalesce(Subquery(counted), 0))

    def profile(self, measures: QuerySet[Measure] | None = None) -> list[tuple[Category, int]]:
        """(category, measure count) for every category in display order."""
        return [(c, c.measure_count) for c in self.with_measure_counts(measures).order_by("order", "slug")]  # type: ignore[attr-defined]


class Category(models.Model):
    """One of the normalised policy categories, with the lexicon the classifier uses.

    The lexicon is data so curators can edit it: one term per line, optionally
    followed by a weight (``专项资金 2``); a sentence gets the category when the
    weights of its matched terms reach ``threshold``.
    """

    slug = models.SlugField(_("标识"), max_length=30, unique=True)
    name_zh = models.CharField(_("中文名"), max_length=30)
    name_en = models.CharField(_("英文名"), max_length=50)
    description = models.TextField(_("说明"), blank=True)
    lexicon = models.TextField(
        _("关键词表"), blank=True, help_text=_("one term per line, optional weight after a space")
    )
    threshold = models.FloatField(_("阈值"), default=1.0)
    color = models.CharField(
        _("颜色"),
        max_length=7,
        default="#888888",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("a colour like #1d4ed8"))],
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("类别")
        verbose_name_plural = _("类别")
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return f"{self.name_zh} {self.name_en}"

    @property
    def name(self) -> str:
        """The name in the reader's language: ``name_en`` under English, ``name_zh`` otherwise."""
        return self.name_en if (get_language() or "").startswith("en") else self.name_zh


class LabelSource(models.TextChoices):
    MACHINE = "machine", _("机器")
    CURATOR = "curator", _("人工")


class LabelQuerySet(models.QuerySet["Label"]):
    def applied(self) -> LabelQuerySet:
        """Labels that put the measure in the category (a curator's rejection does not)."""
        return self.filter(rejected=False)

    def machine(self) -> LabelQuerySet:
        return self.filter(source=LabelSource.MACHINE)

    def curated(self) -> LabelQuerySet:
        return self.filter(source=LabelSource.CURATOR)


class Label(models.Model):
    """A measure's membership of a category, and how it was decided.

    Machine labels carry the classifier's score and matched terms. A curator's label
    is either a confirmation (``rejected=False``) or a rejection (``rejected=True``,
    "this is *not* about land"); both always win over the machine's.
    """

    measure = models.ForeignKey("Measure", on_delete=models.CASCADE, related_name="labels")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="labels")
    source = models.CharField(_("来源"), max_length=10, choices=LabelSource.choices, default=LabelSource.MACHINE)
    rejected = models.BooleanField(_("已否决"), default=False)
    score = models.FloatField(_("得分"), null=True, blank=True)
    evidence = models.JSONField(_("匹配词"), default=list, blank=True)
    curator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("标注人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    decided_at = models.DateTimeField(_("时间"), auto_now=True)

    objects = LabelQuerySet.as_manager()

    class Meta:
        verbose_name = _("类别标注")
        verbose_name_plural = _("类别标注")
        constraints = [
            models.UniqueConstraint(fields=["measure", "category"], name="label_unique_measure_category"),
            models.CheckConstraint(
                condition=Q(rejected=False) | Q(source="curator"), name="label_only_curators_reject"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure_id}:{self.category_id} ({self.source})"


class ClassifierModelQuerySet(models.QuerySet["ClassifierModel"]):
    def in_use(self) -> ClassifierModel | None:
        """The newest applied model; ``None`` means the model shipped with the code."""
        return self.order_by("-version").first()


class ClassifierModel(models.Model):
    """A trained classifier, stored as JSON so backups carry it; the newest one is in use.

    ``parameters`` is ``Model.to_json()`` (weights by feature name, no pickle);
    ``heldout`` holds the document-held-out figures measured when it was trained.
    """

    version = models.PositiveIntegerField(_("版本"), unique=True)
    created_at = models.DateTimeField(_("训练时间"), auto_now_add=True)
    parameters = models.JSONField(_("参数"))
    training_counts = models.JSONField(_("训练数据"), default=dict)
    heldout = models.JSONField(_("留出文档评估"), default=dict)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    trained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("训练人"), null=True, blank=True, on_delete=models.SET_NULL
    )

    objects = ClassifierModelQuerySet.as_manager()

    class Meta:
        verbose_name = _("分类模型")
        verbose_name_plural = _("分类模型")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"v{self.version}"
