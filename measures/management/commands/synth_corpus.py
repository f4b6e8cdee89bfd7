"""``manage.py synth_corpus --sentences N [--seed S]``: a synthetic corpus for benchmarks (see measures.synth)."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from measures.models import Category, Region
from measures.paths import FIXTURES
from measures.synth import build_corpus


class Command(BaseCommand):
    help = "Add N synthetic sentences, in documents spread over every region, for benchmarking."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sentences", type=int, required=True, metavar="N")
        parser.add_argument("--seed", type=int, default=1, help="same seed, same corpus (default 1)")

    def handle(self, *args: object, **options: object) -> None:
        count = options["sentences"]
        assert isinstance(count, int)
        if count < 1:
            raise CommandError("--sentences must be at least 1")
        if not Region.objects.exists():
            call_command("load_gazetteer", verbosity=0)
        if not Category.objects.exists():
            call_command("loaddata", str(FIXTURES / "categories.json"), verbosity=0)
        started = time.perf_counter()
        try:
            documents, sentences = build_corpus(
                sentence_count=count,
                seed=int(options["seed"]),
                progress=self.stdout.write,  # type: ignore[call-overload]
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{documents:,} documents, {sentences:,} sentences in {elapsed:.1f} s ({sentences / elapsed:,.0f}/s)"
            )
        )
