class IngestError(ValueError):
    """Input the pipeline refuses, with a message fit to show the person who supplied it."""
