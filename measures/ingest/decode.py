"""Where ``decode_bytes`` used to live; decoding is in ``readers.text`` (one place), re-exported here."""

from .readers.text import decode_bytes

__all__ = ["decode_bytes"]
