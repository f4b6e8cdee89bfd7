"""Numbers and strength, read from one measure's text (pure; see ``extract`` and ``strength``)."""

from .display import describe, format_number
from .extract import Bound, Kind, Quantity, extract_quantities
from .strength import Level, Strength, measure_strength

__all__ = [
    "Bound",
    "Kind",
    "Level",
    "Quantity",
    "Strength",
    "describe",
    "extract_quantities",
    "format_number",
    "measure_strength",
]
