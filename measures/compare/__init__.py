"""Side-by-side comparison of regions and documents.

- ``form``: validating a request (``?regions=`` / ``?documents=``).
- ``similarity``: pure — clauses, concept terms, corpus-weighted counterpart scores.
- ``corpus``: the stored term frequencies that weigh them, kept current on ingest.
- ``grid``: columns, category rows, counterparts, mixes and summary figures.
- ``matrix``: the region × category coverage matrix and a region's peers.
"""

from .form import CompareForm
from .grid import Column, Comparison, build_comparison, document_columns, region_columns, region_paths
from .matrix import coverage_matrix, peers

__all__ = [
    "Column",
    "CompareForm",
    "Comparison",
    "build_comparison",
    "coverage_matrix",
    "document_columns",
    "peers",
    "region_columns",
    "region_paths",
]
