"""Public pages. Thin: parse input (a FilterSet or a form), call the model layer, render.

One module per page family; ``urls.py`` routes to the names re-exported here.
"""

from .browse import about, category_styles, home, measure_list, redirect_tag_aliases
from .compare import PickerRegion, compare_csv, compare_matrix, compare_picker_regions, compare_view
from .documents import document_detail
from .pagination import PAGE_SIZE, filtered_page, measure_page
from .regions import REGION_MATCHES, REGION_SAMPLES, region_detail, region_list

__all__ = [
    "PAGE_SIZE",
    "REGION_MATCHES",
    "REGION_SAMPLES",
    "PickerRegion",
    "about",
    "category_styles",
    "compare_csv",
    "compare_matrix",
    "compare_picker_regions",
    "compare_view",
    "document_detail",
    "filtered_page",
    "home",
    "measure_list",
    "measure_page",
    "redirect_tag_aliases",
    "region_detail",
    "region_list",
]
