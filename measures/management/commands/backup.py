"""``manage.py backup PATH``: everything curated, in one JSON file (see measures/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from measures.backup import backup_to


class Command(BaseCommand):
    help = "Write every document, sentence, label, tag, lexicon, user and group to PATH (JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the backup file to write, e.g. backups/2026-11-22.json")

    def handle(self, *args: object, **options: object) -> None:
        path = options["path"]
        assert isinstance(path, Path)
        if not path.parent.is_dir():
            raise CommandError(f"{path.parent}: no such directory; create it first")
        report = backup_to(path)
        self.stdout.write(self.style.SUCCESS(f"{path}: {report.total} rows from {len(report.rows)} tables"))
