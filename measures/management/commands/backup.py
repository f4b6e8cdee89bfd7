"""``manage.py backup PATH``: everything curated, in one JSON file (see measures/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from measures.backup import backup_to


class Command(BaseCommand):
    help = "Write every document, sentence, label, tag, lexicon, user and group to PATH (JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the backup file to write, e.g. backups/2026-11-22.json")

    def handle(self, *args: object, **options: object) -> None:
        path = options["path"]
        assert isinstance(path, Path)
        if not path.parent.is_dir():
            raise CommandError(_("目录 %(dir)s 不存在：请先创建它") % {"dir": path.parent})
        report = backup_to(path)
        self.stdout.write(
            self.style.SUCCESS(
                _("%(path)s：已备份 %(rows)s 行，来自 %(tables)s 张表")
                % {"path": path, "rows": report.total, "tables": len(report.rows)}
            )
        )
