"""The measure filters, shared by the list page, the JSON API and the CSV export.

``filterset`` holds ``MeasureFilterSet`` (the filters, the order and the text search);
``facets`` the counts beside the list; ``chips`` the active filters in words; ``choices``
the list's closed vocabularies (``Kind``, ``Sort``).
"""

from .chips import Chip
from .choices import Kind, Sort
from .facets import build_region_tree
from .filterset import MeasureFilterSet

__all__ = ["Chip", "Kind", "MeasureFilterSet", "Sort", "build_region_tree"]
