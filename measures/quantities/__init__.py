"""Numbers and strength, read from one measure's text (pure; see ``extract`` and ``strength``)."""

from dataclasses import dataclass

from .display import describe, format_number
from .extract import extract_quantities
from .kinds import Bound, Kind, Quantity
from .strength import Level, Strength, measure_strength, strength_level


@dataclass(frozen=True)
class Reading:
    """What one sentence states in numbers, and how firmly."""

    quantities: tuple[Quantity, ...]
    strength: Strength


def read_measure(text: str) -> Reading:
    """Quantities and strength of one sentence.

    >>> reading = read_measure("区财政每年拿出50万元设立产业集群发展专项资金")
    >>> [describe(q) for q in reading.quantities], reading.strength.level.value, reading.strength.cue
    (['50万元/年'], 'commitment', '拿出')
    """
    return Reading(extract_quantities(text), measure_strength(text))


__all__ = [
    "Bound",
    "Kind",
    "Level",
    "Quantity",
    "Reading",
    "Strength",
    "describe",
    "extract_quantities",
    "format_number",
    "measure_strength",
    "read_measure",
    "strength_level",
]
