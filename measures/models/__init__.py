"""The data, one module per concern, every model importable from ``measures.models``.

- ``regions``: administrative divisions and their former names
- ``documents``: policy documents, their types, dates and industries
- ``measures``: the documents' sentences, and how lists, search and comparison read them
- ``categories``: the categories, the labels that put sentences in them, the trained classifier
- ``quantities``: the amounts, areas, rates and time limits a sentence states
- ``tags``: curators' tags, their former slugs and the merge record
- ``corpus``: corpus-wide term frequencies and the stamp cached aggregates are keyed by
- ``jobs``: background jobs as the admin shows them
"""

from .categories import (
    Category,
    CategoryQuerySet,
    ClassifierModel,
    ClassifierModelQuerySet,
    Label,
    LabelQuerySet,
    LabelSource,
)
from .corpus import CorpusStamp, TermFrequency
from .documents import (
    WEB_SCHEMES,
    DatePrecision,
    Document,
    DocumentQuerySet,
    DocumentType,
    Industry,
    is_web_url,
    validate_web_url,
)
from .jobs import Job, JobKind, JobStatus
from .measures import COMPARE_FIELDS, LIST_DEFERRED, Measure, MeasureQuerySet, MeasureStrength
from .quantities import Quantity, QuantityBound, QuantityKind
from .regions import Region, RegionLevel, RegionManager, RegionName, RegionNameManager, RegionQuerySet
from .tags import Tag, TagAlias, TagMerge

__all__ = [
    "COMPARE_FIELDS",
    "LIST_DEFERRED",
    "WEB_SCHEMES",
    "Category",
    "CategoryQuerySet",
    "ClassifierModel",
    "ClassifierModelQuerySet",
    "CorpusStamp",
    "DatePrecision",
    "Document",
    "DocumentQuerySet",
    "DocumentType",
    "Industry",
    "Job",
    "JobKind",
    "JobStatus",
    "Label",
    "LabelQuerySet",
    "LabelSource",
    "Measure",
    "MeasureQuerySet",
    "MeasureStrength",
    "Quantity",
    "QuantityBound",
    "QuantityKind",
    "Region",
    "RegionLevel",
    "RegionManager",
    "RegionName",
    "RegionNameManager",
    "RegionQuerySet",
    "Tag",
    "TagAlias",
    "TagMerge",
    "TermFrequency",
    "is_web_url",
    "validate_web_url",
]
