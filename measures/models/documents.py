"""Policy documents, their types, dates and industries."""

from __future__ import annotations

from django.core.validators import URLValidator
from django.db import models
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .regions import Region

# Links we store and render are web pages: "javascript:" or "data:" must never become an href.
WEB_SCHEMES = ("http", "https")
validate_web_url = URLValidator(schemes=list(WEB_SCHEMES), message=_("请输入以 http:// 或 https:// 开头的完整网址。"))


def is_web_url(value: str) -> bool:
    """Whether ``value`` is an http(s) address (what templates may turn into a link).

    >>> is_web_url("https://www.gov.cn/a.html"), is_web_url("javascript:alert(1)"), is_web_url("")
    (True, False, False)
    """
    return value.split(":", 1)[0].lower() in WEB_SCHEMES and "://" in value


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
        from .measures import Measure  # sentences refer to documents: imported when first asked

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
