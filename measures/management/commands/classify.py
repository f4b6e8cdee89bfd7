"""``manage.py classify``: classify sentences from stdin, one JSON object per line out."""

import io
import json
import sys

from django.core.management.base import BaseCommand

from measures.ingest.classify import classify_sentence
from measures.ingest.normalise import normalise_text
from measures.ingest.pipeline import current_lexicon
from measures.ingest.split import split_sentences


class Command(BaseCommand):
    help = "Read UTF-8 lines on stdin; write one JSON classification per non-empty line."
    stealth_options = ("stdin",)

    def handle(self, *args: object, **options: object) -> None:
        lexicon = current_lexicon()
        stdin = options.get("stdin") or sys.stdin
        if isinstance(stdin, io.TextIOWrapper):
            stdin.reconfigure(encoding="utf-8", errors="replace")
        for line in stdin:  # type: ignore[attr-defined]
            text = normalise_text(line)
            if not text:
                continue
            units = split_sentences(text)
            is_heading = len(units) == 1 and units[0].is_heading
            result = classify_sentence(text, lexicon, is_heading=is_heading)
            self.stdout.write(json.dumps(result.as_json(text), ensure_ascii=False))
