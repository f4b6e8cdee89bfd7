"""``manage.py classify``: classify units from stdin, one JSON object per line out.

The lines are read as consecutive units of one text, so a heading on an earlier line
gives its section to the lines after it; the model is the one in use
(``pipeline.current_model``), the same one ``ingest`` and ``reclassify`` apply.
``--doc-type`` names the text's type, as ingest would store it: the model weighs a
speech's words differently from a policy text's (without it, the genre is unknown).
"""

import io
import json
import sys

from django.core.management.base import BaseCommand, CommandParser

from measures.ingest.classify import classify_units, contexts_for_lines
from measures.ingest.normalise import normalise_text
from measures.ingest.pipeline import current_lexicon, current_model
from measures.models import DocumentType


class Command(BaseCommand):
    help = "Read UTF-8 lines on stdin (consecutive units of one text); write one JSON classification per line."
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--doc-type", choices=DocumentType.values, default="", help="the text's document type (e.g. speech)"
        )

    def handle(self, *args: object, **options: object) -> None:
        lexicon, model = current_lexicon(), current_model()
        stdin = options.get("stdin") or sys.stdin
        if isinstance(stdin, io.TextIOWrapper):
            stdin.reconfigure(encoding="utf-8", errors="replace")
        lines = [text for text in (normalise_text(line) for line in stdin) if text]  # type: ignore[attr-defined]
        contexts = contexts_for_lines(lines, doc_type=str(options["doc_type"]))
        results = classify_units(list(zip(lines, contexts, strict=True)), lexicon, model)
        for text, result in zip(lines, results, strict=True):
            self.stdout.write(json.dumps(result.as_json(text), ensure_ascii=False))
