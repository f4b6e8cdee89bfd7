"""``manage.py train``: retrain the classifier from shipped labels plus curator decisions."""

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from measures.ingest.classify import SHIPPED_MODEL
from measures.ingest.classify.training import featurise, fit, held_out
from measures.learning import shipped_lexicon, shipped_units, train


class Command(BaseCommand):
    help = (
        "Retrain the classifier on the shipped labels plus every curator decision, show document-held-out "
        "figures before and after, and apply the new model only if it is not worse (or with --force)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="apply even if the held-out figures are worse")
        parser.add_argument("--dry-run", action="store_true", help="show the figures, store nothing")
        parser.add_argument(
            "--ship", action="store_true", help="(developers) rewrite the shipped model.json from the shipped labels"
        )

    def handle(self, *args: object, **options: object) -> None:
        if options["ship"]:
            self._ship()
            return
        report = train(force=bool(options["force"]), apply=not options["dry_run"])
        self.stdout.write(
            f"{report.counts['units']} labelled units in {report.counts['documents']} documents "
            f"({report.counts['curator_units']} decided by curators)"
        )
        self.stdout.write(f"{'':16} {'before':>8} {'after':>8}")
        for key, name in (("measure", "measure F1"), ("category_micro", "category micro-F1")):
            before = report.before.get(key, {}).get("f1")
            self.stdout.write(f"{name:16} {_fmt(before):>8} {_fmt(report.after[key]['f1']):>8}")
        for slug, figures in report.after["categories"].items():
            before = report.before.get("categories", {}).get(slug, {}).get("f1")
            self.stdout.write(f"  {slug:14} {_fmt(before):>8} {_fmt(figures['f1']):>8}")
        if report.applied:
            self.stdout.write(self.style.SUCCESS(f"applied as model v{report.version}; run reclassify to use it"))
        elif options["dry_run"]:
            self.stdout.write("dry run: nothing stored")
        else:
            raise CommandError("the new model is worse on held-out documents; not applied (use --force to apply)")

    def _ship(self) -> None:
        lexicon = shipped_lexicon()
        units = shipped_units()
        heldout = held_out(units, units, lexicon).as_json()
        counts = {"units": len(units), "measures": sum(u.is_measure for u in units), "curator_units": 0}
        counts["documents"] = len({u.doc for u in units})
        model = fit(units, featurise(units, lexicon), lexicon.slugs, meta={"heldout": heldout, "counts": counts})
        SHIPPED_MODEL.write_text(json.dumps(model.to_json(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        self.stdout.write(f"wrote {SHIPPED_MODEL.name}: held-out measure F1 {heldout['measure']['f1']}")


def _fmt(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, float) else "–"
