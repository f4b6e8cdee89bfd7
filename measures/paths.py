"""Where the shipped data and the evaluation sets live, named once for every command and module that reads them."""

from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
FIXTURES = ROOT / "fixtures"
# The seed documents as received, with their metadata and the category lexicons.
SOURCES = FIXTURES / "sources"
# Hand-labelled units, truths and gold sets: the shipped training labels and what ``make eval`` scores against.
LABELLED = ROOT / "tests" / "data"
# The shared development set beside the project: read at run time, never shipped (commands take ``--devset``).
DEVSET = ROOT.parent / "shared" / "devset"
