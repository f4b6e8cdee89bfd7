"""``manage.py label_doc_types``: write each shipped label row's ``doc_type`` from its document's raw text.

The classifier reads a document's genre from its type, so training must see the type ingest
would store: what detection says of the raw text. The rows carry it because the devset's raw
texts are not shipped; run this after changing detection (``tests/test_evaluate.py`` checks it).
Raw texts: the seeds in ``fixtures/sources/``, the pages in ``tests/data/pages/``, the devset in
``../shared/devset/``.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from measures.ingest.classify.training import detected_doc_type
from measures.learning import SHIPPED_LABELS
from measures.paths import DEVSET, LABELLED, SOURCES


def raw_text_path(doc: str) -> Path | None:
    """Where a labelled document's raw text is, or None."""
    for folder, pattern in ((SOURCES, f"{doc}.txt"), (LABELLED / "pages", f"{doc}.txt"), (DEVSET, f"{doc}_*.txt")):
        found = sorted(folder.glob(pattern))
        if found:
            return found[0]
    return None


class Command(BaseCommand):
    help = "Rewrite the doc_type of every shipped label row from what detection says of its document's raw text."

    def handle(self, *args: object, **options: object) -> None:
        types: dict[str, str] = {}
        for path in SHIPPED_LABELS:
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            changed = 0
            for row in rows:
                doc = str(row.get("doc") or row["source"])
                if doc not in types:
                    raw = raw_text_path(doc)
                    if raw is None:
                        raise CommandError(
                            f"{path.name}: no raw text for {doc} (is ../shared/devset beside the project?)"
                        )
                    types[doc] = detected_doc_type(raw.read_text(encoding="utf-8"))
                changed += row.get("doc_type") != types[doc]
                row["doc_type"] = types[doc]
            path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
            self.stdout.write(f"{path.name}: {len(rows)} rows, {changed} changed")
