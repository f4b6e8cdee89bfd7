"""What every reader returns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True)
class ReadDocument:
    """The text of a file and what its container said about it.

    ``format`` is one of ``text``, ``html``, ``pdf``, ``docx``. ``metadata`` holds
    only what the file itself states, under these keys when present: ``title``,
    ``date`` (ISO, as precise as stated), ``source_url``, ``source_site``,
    and ``source`` (the page's 来源 line).
    """

    text: str
    format: str
    metadata: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        # Frozen all the way down: a reader's answer cannot be edited by a later stage.
        object.__setattr__(self, "metadata", MappingProxyType(dict(self.metadata)))
