"""The ingestion pipeline: decode → clean → normalise → split → classify.

Each stage is a pure text-in/text-out module; only ``pipeline`` touches the ORM.
"""

from .errors import IngestError

__all__ = ["IngestError"]
