"""``manage.py evaluate_detection``: accuracy of metadata detection on the seeds and the devset (``make eval``)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from measures.paths import DEVSET, SOURCES
from measures.regions.evaluate import devset_cases, evaluate, seed_cases
from measures.regions.load import read_gazetteer


class Command(BaseCommand):
    help = "Score region (and other metadata) detection per document on the seeds and ../shared/devset."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--devset", type=Path, default=DEVSET)
        parser.add_argument("--mistakes", action="store_true", help="show only the wrong answers")

    def handle(self, *args: object, **options: object) -> None:
        # The committed tables, not the database: the score does not depend on what was loaded.
        gazetteer = read_gazetteer()
        devset = options["devset"]
        assert isinstance(devset, Path)
        sets = {"seeds": list(seed_cases(SOURCES))}
        if (devset / "INDEX.md").is_file():
            sets["devset"] = list(devset_cases(devset))
        else:
            self.stderr.write(f"{devset}/INDEX.md not found; scoring the seeds only")
        for set_name, cases in sets.items():
            for field, outcomes in evaluate(cases, gazetteer).items():
                right = sum(o.correct for o in outcomes)
                self.stdout.write(
                    f"\n{field} · {set_name}: {right}/{len(outcomes)} correct ({right / len(outcomes):.0%})"
                )
                for o in outcomes:
                    if options["mistakes"] and o.correct:
                        continue
                    mark = "ok " if o.correct else "ERR"
                    self.stdout.write(
                        f"  {mark} {o.case.name:4} expected {o.expected or '—':7} got {o.detected or '—':7} {o.note[:90]}"
                    )
