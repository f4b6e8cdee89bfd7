"""``manage.py restore PATH``: replace the database's contents with a backup, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

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
            raise CommandError(_("文件 %(path)s 不存在") % {"path": path})
        if has_curated_data() and not options["replace"]:
            raise CommandError(
                _(
                    "这个数据库里已有文件、标签或用户，恢复会替换全部内容。如需保留，请先备份；"
                    "确认替换请加上 --replace 再运行"
                )
            )
        try:
            report = restore_from(path)
        except BackupError as error:
            raise CommandError(_("%(error)s；数据库没有任何改动") % {"error": error}) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("%(path)s：已恢复 %(rows)s 行，写入 %(tables)s 张表")
                % {"path": path, "rows": report.total, "tables": len(report.rows)}
            )
        )
