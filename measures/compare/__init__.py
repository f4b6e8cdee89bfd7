"""Side-by-side comparison of regions and documents.

- ``form``: validating a request (``?regions=`` / ``?documents=``).
- ``similarity``: pure — clauses, concept terms, corpus-weighted counterpart scores.
- ``corpus``: the stored term frequencies that weigh them, kept current on ingest.
- ``grid``: columns, category rows, counterparts, mixes and summary figures.
- ``matrix``: the region × category coverage matrix and a region's peers.
- ``evaluate``: precision and recall of counterparts on hand-labelled pairs.

Nothing is imported here: ingest imports ``corpus`` and must not pull in the forms.
"""
