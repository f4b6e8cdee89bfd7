"""``manage.py restore PATH``: replace the database's contents with a backup, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from measures.backup import BackupError, has_curated_data, restore_from


class Command(BaseCommand):
    help = "Replace every document, sentence, label, tag, lexicon, user and group with those in a backup."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="a file written by `manage.py backup`")
        parser.add_argument(
            "--replace", action="store_true", help="allow replacing a database that already holds documents or users"
        )

    def handle(self, *args: object, **options: object) -> None:
        path = options["path"]
        assert isinstance(path, Path)
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        if has_curated_data() and not options["replace"]:
            raise CommandError(
                "this database already holds documents, tags or users; restoring replaces all of them. "
                "Take a backup of it first if it matters, then run again with --replace"
            )
        try:
            report = restore_from(path)
        except BackupError as error:
            raise CommandError(f"{error}; nothing was changed") from error
        self.stdout.write(self.style.SUCCESS(f"{path}: restored {report.total} rows into {len(report.rows)} tables"))
