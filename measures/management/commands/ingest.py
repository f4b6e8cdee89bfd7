"""``manage.py ingest DIR_OR_FILES… [--manifest FILE.csv]``: add documents through the pipeline."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from tqdm import tqdm

from measures.ingest import IngestError
from measures.ingest.batch import BatchOutcome, ingest_batch, plan_batch, read_manifest
from measures.ingest.pipeline import DocumentMeta
from measures.models import DatePrecision, DocumentType, validate_web_url


class Command(BaseCommand):
    help = (
        "Ingest files (text, HTML, PDF, .docx) or every document file under directories: read, clean, "
        "detect region and metadata, split, classify and store each as one document."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", type=Path, metavar="DIR_OR_FILE")
        parser.add_argument(
            "--manifest", type=Path, help="CSV with columns path, region, title, type, date, source_url"
        )
        parser.add_argument("--region", default="", metavar="CODE", help="GB/T 2260 code; default: detected")
        parser.add_argument("--title", default="", help="default: detected (one file only)")
        parser.add_argument("--doc-type", default="", choices=DocumentType.values)
        parser.add_argument("--issuer", default="")
        parser.add_argument("--year", type=int, help="approximate year, when no exact date is known")
        parser.add_argument("--date", type=dt.date.fromisoformat, help="exact date, YYYY-MM-DD")
        parser.add_argument("--industry", action="append", default=[], help="repeat for several industries")
        parser.add_argument("--source-url", default="", type=_web_url, help="http:// or https:// address")
        parser.add_argument("--source-site", default="")
        parser.add_argument(
            "--jobs",
            type=_positive,
            default=os.cpu_count() or 1,
            help="processes that classify files side by side (default: one per CPU core)",
        )

    def handle(self, *args: object, **options: object) -> None:
        paths: list[Path] = options["paths"]  # type: ignore[assignment]
        manifest_path = options["manifest"]
        if not paths and manifest_path is None:
            raise CommandError(_("请给出要导入的文件或目录，或用 --manifest 给出清单"))
        manifest = []
        if isinstance(manifest_path, Path):
            try:
                text = manifest_path.read_text(encoding="utf-8-sig")
                manifest = read_manifest(text, base=manifest_path.resolve().parent)
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(
                    _("无法读取清单 %(path)s：%(error)s") % {"path": manifest_path, "error": error}
                ) from None
            except IngestError as error:
                raise CommandError(f"{manifest_path}: {error}") from None
        meta = DocumentMeta(
            title=str(options["title"]),
            issuer=str(options["issuer"]),
            doc_type=str(options["doc_type"]),
            industries=list(options["industry"]),  # type: ignore[call-overload]
            source_url=str(options["source_url"]),
            source_site=str(options["source_site"]),
            **_dating(options["date"], options["year"]),  # type: ignore[arg-type]
        )
        items = plan_batch(paths, manifest=manifest, region_code=str(options["region"]), meta=meta)
        if not items:
            raise CommandError(_("没有找到可导入的文件"))
        if meta.title and len(items) > 1:
            raise CommandError(_("--title 只能用于单个文件；多个文件请在清单的 title 列里写标题"))

        verbosity = int(options["verbosity"])  # type: ignore[call-overload]
        started = time.perf_counter()
        outcomes: list[BatchOutcome] = []
        quiet = verbosity == 0 or not sys.stderr.isatty()
        tqdm.monitor_interval = 0  # no monitor thread in a process that forks classifying workers
        with tqdm(total=len(items), unit=_("份"), disable=quiet, file=sys.stderr, leave=False) as progress:
            for outcome in ingest_batch(items, jobs=int(options["jobs"])):  # type: ignore[call-overload]
                progress.set_postfix_str(Path(outcome.name).name[-30:], refresh=False)
                progress.update()
                outcomes.append(outcome)
        elapsed = time.perf_counter() - started

        if verbosity > 0:
            self.stdout.write(_table(outcomes))
            self.stdout.write(_summary(outcomes, elapsed))
        refused = [o for o in outcomes if o.status == "refused"]
        if len(refused) == 1 and len(outcomes) == 1:
            raise CommandError(
                _("%(path)s：%(reason)s；没有保存任何内容") % {"path": refused[0].name, "reason": refused[0].reason}
            )
        if refused:
            raise CommandError(_("%(n)s 个文件未导入（原因见上表）") % {"n": len(refused)})


def _dating(date: dt.date | None, year: int | None) -> dict[str, object]:
    if date is not None:
        return {"date": date, "date_precision": DatePrecision.DAY}
    if year is not None:
        if not 1949 <= year <= 2100:
            raise CommandError(_("--year %(year)s 超出范围（1949–2100）") % {"year": year})
        return {"date": dt.date(year, 1, 1), "date_precision": DatePrecision.CIRCA}
    return {}


def _table(outcomes: list[BatchOutcome]) -> str:
    status = {"created": _("已导入"), "existing": _("已存在"), "refused": _("未导入")}
    header = [_("文件"), _("结果"), _("文件编号"), _("地区"), _("文件类型"), _("日期"), _("句子"), _("措施"), _("说明")]
    rows = [
        [
            Path(o.name).name,
            status[o.status],
            str(o.document_id or ""),
            o.region,
            o.doc_type,
            o.date,
            str(o.sentences) if o.status == "created" else "",
            str(o.measures) if o.status == "created" else "",
            o.reason,
        ]
        for o in outcomes
    ]
    return _columns([header, *rows])


def _columns(rows: list[list[str]]) -> str:
    """Left-aligned columns; CJK characters count as two cells wide, as a terminal shows them."""
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell + " " * (width - _width(cell)) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


def _width(text: str) -> int:
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def _summary(outcomes: list[BatchOutcome], elapsed: float) -> str:
    counts = {status: sum(o.status == status for o in outcomes) for status in ("created", "existing", "refused")}
    characters = sum(o.characters for o in outcomes if o.status == "created")
    rate = ""
    if counts["created"] and elapsed > 0:
        rate = _("，每秒 %(docs).1f 份、%(chars).0f 字") % {
            "docs": counts["created"] / elapsed,
            "chars": characters / elapsed,
        }
    return _("共 %(n)s 个文件：导入 %(created)s，已存在 %(existing)s，未导入 %(refused)s；用时 %(s).1f 秒%(rate)s") % {
        "n": len(outcomes),
        "s": elapsed,
        "rate": rate,
        **counts,
    }


def _positive(value: str) -> int:
    """argparse type: a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(_("应为不小于 1 的整数，现在是 %(value)s") % {"value": value})
    return number


def _web_url(value: str) -> str:
    """argparse type: an http(s) address, or the empty string."""
    if value:
        try:
            validate_web_url(value)
        except ValidationError as error:
            raise argparse.ArgumentTypeError(" ".join(error.messages)) from None
    return value
