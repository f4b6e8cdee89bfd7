"""The data: regions, documents, their sentences (measures), categories, labels and tags."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import quantities, search

if TYPE_CHECKING:
    from .search import SearchQuery


# Links we store and render are web pages: "javascript:" or "data:" must never become an href.
WEB_SCHEMES = ("http", "https")
validate_web_url = URLValidator(schemes=list(WEB_SCHEMES), message=_("请输入以 http:// 或 https:// 开头的完整网址。"))


def is_web_url(value: str) -> bool:
    """Whether ``value`` is an http(s) address (what templates may turn into a link).

    >>> is_web_url("https://www.gov.cn/a.html"), is_web_url("javascript:alert(1)"), is_web_url("")
    (True, False, False)
    """
    return value.split(":", 1)[0].lower() in WEB_SCHEMES and "://" in value


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


class DocumentType(models.TextChoices):
    OPINION = "opinion", _("意见")
    GUIDING_OPINION = "guiding_opinion", _("指导意见")
    IMPLEMENTATION_OPINION = "implementation_opinion", _("实施意见")
    IMPLEMENTATION_PLAN = "implementation_plan", _("实施方案")
    ACTION_PLAN = "action_plan", _("行动计划")
    POLICY_MEASURES = "policy_measures", _("若干措施")
    RULES = "rules", _("办法")
    PREFERENTIAL_POLICY = "preferential_policy", _("优惠政策")
    PLAN = "plan", _("规划")
    NOTICE = "notice", _("通知")
    CONSULTATION_DRAFT = "consultation_draft", _("征求意见稿")
    SUGGESTION_REPLY = "suggestion_reply", _("建议答复")
    REPORT = "report", _("报告")
    SPEECH = "speech", _("讲话")
    COMMENTARY = "commentary", _("评论")
    COUNTERMEASURE_STUDY = "countermeasure_study", _("对策研究")
    NEWS_REPORT = "news_report", _("新闻报道")
    OTHER = "other", _("其他")


class DatePrecision(models.TextChoices):
    DAY = "day", _("日")
    MONTH = "month", _("月")
    YEAR = "year", _("年")
    CIRCA = "circa", _("约")


class Industry(models.Model):
    name = models.CharField(_("名称"), max_length=50, unique=True)
    slug = models.SlugField(_("标识"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("产业")
        verbose_name_plural = _("产业")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DocumentQuerySet(models.QuerySet["Document"]):
    def in_region(self, region: Region) -> DocumentQuerySet:
        """Documents about the region or any region below it."""
        return self.filter(region__in=Region.objects.within(region))

    def for_list(self) -> DocumentQuerySet:
        """What a list of documents shows: the region, never the (large) raw and cleaned texts."""
        return self.select_related("region").defer("raw_text", "cleaned_text")

    def newest_first(self) -> DocumentQuerySet:
        """Newest first, undated documents last (SQLite and PostgreSQL would put NULLs at opposite ends)."""
        return self.order_by(F("date").desc(nulls_last=True), "pk")

    def with_sentence_counts(self) -> DocumentQuerySet:
        """Annotate ``sentence_total`` and ``measure_total`` (sentences that are measures), in the same query.

        Counted per document row fetched (a subquery on the sentences' document index), not by
        joining every sentence: a page of documents costs the same at a million sentences, and a
        count of the documents leaves the subqueries out.
        """
        sentences = Measure.objects.filter(document=OuterRef("pk")).order_by().values("document")
        counted = sentences.annotate(n=Count("pk")).values("n")
        return self.annotate(
            sentence_total=Coalesce(Subquery(counted), 0),
            measure_total=Coalesce(Subquery(counted.filter(is_measure=True)), 0),
        )


class Document(models.Model):
    title = models.CharField(_("标题"), max_length=300)
    region = models.ForeignKey(Region, verbose_name=_("地区"), on_delete=models.PROTECT, related_name="documents")
    issuer = models.CharField(_("发布者"), max_length=200, blank=True)
    doc_type = models.CharField(_("文件类型"), max_length=30, choices=DocumentType.choices, default=DocumentType.OTHER)
    industries = models.ManyToManyField(Industry, verbose_name=_("产业"), blank=True, related_name="documents")
    # Many documents only give an approximate year: ``date`` holds the best estimate
    # and ``date_precision`` says how much of it to believe.
    date = models.DateField(_("日期"), null=True, blank=True)
    date_precision = models.CharField(
        _("日期精度"), max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    date_note = models.CharField(_("日期说明"), max_length=200, blank=True)
    source_url = models.URLField(_("来源网址"), max_length=500, blank=True, validators=[validate_web_url])
    source_site = models.CharField(_("来源网站"), max_length=200, blank=True)
    raw_text = models.TextField(_("原始文本"), help_text=_("exactly as received, after decoding"))
    cleaned_text = models.TextField(_("清洗后文本"))
    content_hash = models.CharField(_("内容哈希"), max_length=64, unique=True, editable=False)
    region_detection = models.JSONField(
        _("地区识别"), default=dict, blank=True, help_text=_("confidence, evidence and candidates of the detection")
    )
    # What cleaning removed (page chrome), stored at ingest so a page view need not clean
    # again; None for documents stored before it was recorded.
    removed_lines = models.JSONField(_("清洗时删除的行"), null=True, blank=True, editable=False, default=None)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("文件")
        verbose_name_plural = _("文件")
        # Undated documents last on PostgreSQL too (it puts NULLs first when descending), as newest_first().
        ordering = [models.F("date").desc(nulls_last=True), "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("measures:document_detail", args=[self.pk])

    @property
    def region_label(self) -> str:
        """The region as named when the document was written: ``襄阳区（今襄州区）``."""
        return self.region.label_on(self.date)

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None


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


class MeasureStrength(models.TextChoices):
    """How firmly a measure commits (see ``measures.quantities.strength``)."""

    BINDING = "binding", _("约束性")
    COMMITMENT = "commitment", _("承诺")
    ENCOURAGEMENT = "encouragement", _("鼓励")
    TARGET = "target", _("目标")


# Columns no list row shows: the index tokens and each document's whole text, which
# select_related would otherwise copy into every sentence row.
LIST_DEFERRED = ("search_tokens", "clause_terms", "document__raw_text", "document__cleaned_text")


# What comparison pages, their CSV and the matcher read of a measure (``MeasureQuerySet.for_compare``).
COMPARE_FIELDS = (
    "document", "position", "text", "is_measure", "stated_strength", "strength_cue", "strength", "clause_terms",
)  # fmt: skip


class MeasureQuerySet(models.QuerySet["Measure"]):
    def measures(self) -> MeasureQuerySet:
        return self.filter(is_measure=True)

    def context(self) -> MeasureQuerySet:
        return self.filter(is_measure=False)

    def in_region(self, region: Region) -> MeasureQuerySet:
        """Sentences of documents about the region or any region below it.

        Through the documents' ids, not a join to each sentence's document: SQLite stores a
        document's region after its two long texts, so reading it row by row walks their
        overflow pages (35 ms for a province's first page at a million sentences, 0.5 ms so).
        """
        return self.filter(document__in=Document.objects.in_region(region).values("pk"))

    def in_regions(self, regions: Iterable[Region]) -> MeasureQuerySet:
        """Sentences of documents about any of the regions or the regions below them."""
        condition = Q(pk__in=[])
        for region in regions:
            condition |= Q(document__in=Document.objects.in_region(region).values("pk"))
        return self.filter(condition)

    def in_documents(self, documents: Iterable[Document]) -> MeasureQuerySet:
        return self.filter(document__in=[document.pk for document in documents])

    def in_category(self, *slugs: str) -> MeasureQuerySet:
        """Sentences carrying any of the categories (curator rejections excluded)."""
        return self.filter(Exists(Label.objects.applied().filter(measure=OuterRef("pk"), category__slug__in=slugs)))

    def uncategorised(self) -> MeasureQuerySet:
        return self.exclude(Exists(Label.objects.applied().filter(measure=OuterRef("pk"))))

    def curator_decided(self) -> MeasureQuerySet:
        """Sentences with a curator decision: a kind set by hand, or a category confirmed, added or rejected."""
        return self.filter(Q(kind_curated=True) | Exists(Label.objects.curated().filter(measure=OuterRef("pk"))))

    def search(self, query: SearchQuery, window: search.Window | None = None) -> MeasureQuerySet:
        """Full-text matches, annotated with ``relevance`` (see ``measures.search``); within ``window`` if given."""
        return search.filter_measures(self, query, window)

    def in_document_order(self) -> MeasureQuerySet:
        return self.order_by("document_id", "position")

    def for_compare(self) -> MeasureQuerySet:
        """The fields a comparison reads per measure, with the clause terms it matches on (no texts of
        documents, no search tokens); ``compare.grid`` attaches documents, labels and quantities."""
        return self.only(*COMPARE_FIELDS)

    def for_list(self) -> MeasureQuerySet:
        """Everything a list row shows, in a fixed number of queries (and not the documents' texts)."""
        return (
            self.select_related("document__region")
            .defer(*LIST_DEFERRED)
            .prefetch_related(
                Prefetch(
                    "labels",
                    queryset=Label.objects.applied().select_related("category").order_by("category__order"),
                    to_attr="applied_labels",
                ),
                "tags",
            )
            .with_quantities()
        )

    def with_quantities(self) -> MeasureQuerySet:
        """Prefetch each measure's stated quantities, in text order, as ``stated_quantities``."""
        return self.prefetch_related(
            Prefetch("quantities", queryset=Quantity.objects.order_by("start"), to_attr="stated_quantities")
        )

    def stating(self, kind: str, *, at_least: float | None = None, at_most: float | None = None) -> MeasureQuerySet:
        """Sentences stating a comparable quantity of ``kind`` within the bounds (normalised units).

        A range counts when it reaches the bound: 50—100万元 states "at least 80万元".
        """
        stated = Quantity.objects.filter(measure=OuterRef("pk"), kind=kind, normalised__isnull=False)
        if at_least is not None:
            stated = stated.alias(high=Coalesce("normalised_max", "normalised")).filter(high__gte=at_least)
        if at_most is not None:
            stated = stated.filter(normalised__lte=at_most)
        return self.filter(Exists(stated))

    def with_largest(self, kind: str) -> MeasureQuerySet:
        """Annotate ``largest_<kind>``: the largest comparable quantity of that kind stated (or None)."""
        largest = (
            Quantity.objects.filter(measure=OuterRef("pk"), kind=kind, normalised__isnull=False)
            .annotate(high=Coalesce("normalised_max", "normalised"))
            .order_by("-high")
            .values("high")[:1]
        )
        return self.annotate(**{f"largest_{kind}": Subquery(largest)})

    def of_strength(self, *levels: str) -> MeasureQuerySet:
        return self.filter(strength__in=levels)


class Measure(models.Model):
    """One sentence of a document's cleaned text, in order.

    Every sentence is stored, so a document can be read whole; ``is_measure``
    separates concrete actions from context. When a curator decides the kind,
    ``kind_curated`` is set and the machine never changes it again.
    """

    document = models.ForeignKey(Document, verbose_name=_("文件"), on_delete=models.CASCADE, related_name="sentences")
    position = models.PositiveIntegerField(_("序号"))
    paragraph = models.PositiveIntegerField(
        _("段落"), default=0, help_text=_("index of its paragraph in the cleaned text")
    )
    text = models.TextField(_("文本"))
    is_heading = models.BooleanField(_("标题"), default=False)
    is_measure = models.BooleanField(_("是否措施"), default=False)
    kind_curated = models.BooleanField(_("类型经人工确认"), default=False)
    kind_evidence = models.JSONField(_("类型依据"), default=list, blank=True)
    stated_strength = models.CharField(
        _("力度标记"), max_length=15, choices=MeasureStrength.choices, blank=True, editable=False
    )
    strength_cue = models.CharField(_("力度依据"), max_length=30, blank=True, editable=False)
    # What readers filter and see: a measure with no cue states a commitment of the issuer
    # (quantities.strength_level, kept by the database so a curator's kind change follows).
    strength = models.GeneratedField(
        expression=Case(
            When(stated_strength="", is_measure=True, then=Value(MeasureStrength.COMMITMENT.value)),
            default=F("stated_strength"),
        ),
        output_field=models.CharField(max_length=15),
        db_persist=True,
        verbose_name=_("力度"),
    )
    search_tokens = models.TextField(_("分词"), blank=True, editable=False)
    # Per clause of the text (``compare.similarity.clauses``), its concept terms: what comparison
    # weighs, stored at ingest so a comparison does not segment thousands of sentences per view.
    clause_terms = models.JSONField(_("分句概念词"), default=list, blank=True, editable=False)
    tags = models.ManyToManyField(Tag, verbose_name=_("标签"), blank=True, related_name="measures")
    # Categories are read through ``labels`` and ``Label.objects.applied()``, never through a
    # plain many-to-many: a curator's rejection is a Label row too.

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("句子")
        verbose_name_plural = _("句子")
        ordering = ["document_id", "position"]
        indexes = [
            models.Index(fields=["strength"], name="measure_strength"),
            # The default list (measures only, in document order) pages through this index alone.
            models.Index(fields=["document", "position"], condition=Q(is_measure=True), name="measure_in_order"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["document", "position"], name="measure_unique_position"),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return f"{self.document.get_absolute_url()}#s{self.position}"

    @property
    def measure_reasons(self) -> list[str]:
        """Why the classifier took this sentence for a measure: the cues that spoke for it, in the reader's language."""
        return self._reasons("+")

    @property
    def context_reasons(self) -> list[str]:
        """The cues that spoke against a measure (for background), in the reader's language."""
        return self._reasons("-")

    def _reasons(self, sign: str) -> list[str]:
        # Imported here: the classifier package loads jieba, which models alone (migrate, admin) never need.
        from .ingest.classify.evidence import in_reader_language

        return [in_reader_language(str(item)[1:]) for item in self.kind_evidence if str(item).startswith(sign)]

    @property
    def strength_label(self) -> str:
        return str(MeasureStrength(self.strength).label) if self.strength else ""


class TermFrequency(models.Model):
    """In how many stored sentences a concept term occurs: the corpus-wide weights of comparison.

    Kept by ``measures.compare.corpus``: ingest adds each new document's sentences, and
    ``manage.py refresh_term_frequencies`` recounts everything (after a change to
    ``measures.concepts`` or deleting documents).
    """

    term = models.CharField(_("词"), max_length=64, unique=True)
    sentences = models.PositiveIntegerField(_("句子数"))

    class Meta:
        verbose_name = _("词频")
        verbose_name_plural = _("词频")

    def __str__(self) -> str:
        return f"{self.term} {self.sentences}"


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

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="labels")
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


class QuantityKind(models.TextChoices):
    MONEY = "money", _("金额")
    LAND = "land", _("土地")
    RATE = "rate", _("比例")
    COUNT = "count", _("数量")
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

    measure = models.ForeignKey(Measure, verbose_name=_("句子"), on_delete=models.CASCADE, related_name="quantities")
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


class CorpusStamp(models.Model):
    """One row whose ``stamp`` database triggers change on every write to the corpus tables.

    Cached aggregates are keyed by it (see ``measures.aggregates``).
    """

    stamp = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("数据版本")
        verbose_name_plural = _("数据版本")

    def __str__(self) -> str:
        return str(self.stamp)


class JobKind(models.TextChoices):
    PREVIEW = "preview", _("读取上传的文件")
    INGEST = "ingest", _("导入文件")
    REPROCESS = "reprocess", _("重新运行处理流程")
    RECLASSIFY = "reclassify", _("重新分类")
    TRAIN = "train", _("重新训练分类器")


class JobStatus(models.TextChoices):
    WAITING = "waiting", _("等待中")
    RUNNING = "running", _("运行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class Job(models.Model):
    """Work that runs outside the request, as a background task: what the admin shows of it.

    The task itself is a row of the tasks backend (``task_id`` is its result id); this
    row is ours because the task result cannot say what a curator needs: progress while
    it runs, the outcome in our terms (document links, before/after figures, a model to
    apply), who started it, and messages in the language of the curator who did. It is
    written before the task is queued, so work the worker has not picked up shows as
    waiting, and it outlives the backend's pruning of finished results.
    """

    kind = models.CharField(_("任务"), max_length=20, choices=JobKind.choices)
    status = models.CharField(_("状态"), max_length=10, choices=JobStatus.choices, default=JobStatus.WAITING)
    progress = models.FloatField(_("进度"), default=0.0)  # 0–1
    message = models.CharField(_("进展"), max_length=300, blank=True)
    payload = models.JSONField(_("输入"), default=dict)
    outcome = models.JSONField(_("结果"), default=dict)
    error = models.TextField(_("错误"), blank=True)
    language = models.CharField(_("语言"), max_length=10, default="zh-hans")
    task_id = models.CharField(_("后台任务编号"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__gte=0) & Q(progress__lte=1), name="job_progress_fraction")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("admin:measures_job_change", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
