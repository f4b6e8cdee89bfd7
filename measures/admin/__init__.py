"""The curators' admin: sentences, labels, tags, categories, documents, jobs and regions.

One module per area (``measures``, ``tags``, ``categories``, ``documents``, ``jobs``,
``regions``), with the shared list filters in ``filters`` and the confirmation step of
bulk actions in ``actions``. Every bulk action asks for confirmation on an intermediate
page, then calls a function in ``curation`` (atomic, logged); views here only parse forms
and render. Importing this package registers every model admin.
"""

from .categories import CategoryAdmin
from .documents import DocumentAdmin, IndustryAdmin
from .jobs import JobAdmin
from .measures import MeasureAdmin
from .regions import RegionAdmin
from .tags import TagAdmin, TagAliasAdmin, TagMergeAdmin

__all__ = [
    "CategoryAdmin",
    "DocumentAdmin",
    "IndustryAdmin",
    "JobAdmin",
    "MeasureAdmin",
    "RegionAdmin",
    "TagAdmin",
    "TagAliasAdmin",
    "TagMergeAdmin",
]
