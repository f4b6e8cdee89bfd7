"""One process of the concurrency test (tests/test_concurrency.py), run as ``python tests/concurrency_worker.py ROLE N``.

Roles, each against the file-backed SQLite database named by DATABASE_URL:

- ``curate N``: curator decisions (kind, tags, categories) on the sentences whose id ≡ N
  modulo the number of curators, so every sentence has one author whose *last* decision
  must be what is stored at the end; prints that expected state as JSON.
- ``reclassify N``: runs ``manage.py reclassify`` a few times.
- ``read N``: public pages (list with facets, search, compare, API) through the test client.

Every role prints one JSON object on its last line: ``errors`` (messages of anything
that failed) plus what the role needs to report.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CURATORS = 3
ROUNDS = 30


def curate(worker: int) -> dict[str, object]:
    from django.contrib.auth.models import User

    from measures import curation
    from measures.models import Category, Measure, Tag

    curator = User.objects.get(username="curator")
    tag = Tag.objects.get(slug=f"load-{worker}")
    categories = list(Category.objects.all())
    mine = [pk for pk in Measure.objects.values_list("pk", flat=True) if pk % CURATORS == worker]
    rng = random.Random(worker)
    kinds: dict[int, bool] = {}
    tagged: dict[int, bool] = {}
    decided: dict[str, bool] = {}  # "measure:category" → rejected?
    errors: list[str] = []
    slowest = 0.0
    for _round in range(ROUNDS):
        started = time.monotonic()
        chosen = rng.sample(mine, 3)
        selection = Measure.objects.filter(pk__in=chosen)
        action = rng.choice(["kind", "tag", "category"])
        try:
            if action == "kind":
                value = rng.random() < 0.5
                curation.set_kind(measures=selection, is_measure=value, curator=curator)
                kinds.update(dict.fromkeys(chosen, value))
            elif action == "tag":
                add = rng.random() < 0.6
                (curation.add_tag if add else curation.remove_tag)(measures=selection, tag=tag, curator=curator)
                tagged.update(dict.fromkeys(chosen, add))
            else:
                category = rng.choice(categories)
                reject = rng.random() < 0.4
                decide = curation.remove_category if reject else curation.set_category
                decide(measures=selection, category=category, curator=curator)
                decided.update({f"{pk}:{category.pk}": reject for pk in chosen})
        except Exception as error:  # the test reports every failure, whatever its kind
            errors.append(f"{action}: {type(error).__name__}: {error} after {time.monotonic() - started:.1f} s")
        slowest = max(slowest, time.monotonic() - started)
    return {"errors": errors, "kinds": kinds, "tagged": tagged, "decided": decided, "slowest": round(slowest, 2)}


def reclassify(worker: int) -> dict[str, object]:
    from django.core.management import call_command

    errors: list[str] = []
    slowest = 0.0
    for _run in range(2):
        started = time.monotonic()
        try:
            call_command("reclassify", stdout=open(os.devnull, "w"))  # noqa: SIM115
        except Exception as error:
            errors.append(f"reclassify: {type(error).__name__}: {error}")
        slowest = max(slowest, time.monotonic() - started)
    return {"errors": errors, "slowest": round(slowest, 2)}


def read(worker: int) -> dict[str, object]:
    from django.test import Client

    client = Client(raise_request_exception=False)
    urls = [
        "/",
        "/measures/?kind=all",
        "/measures/?q=资金&category=finance",
        "/measures/?region=zhejiang&kind=all&page=2",
        "/compare/?regions=yongjia,yanhu",
        "/api/measures/?q=人才",
        "/regions/zhejiang/",
    ]
    errors: list[str] = []
    requests = 0
    for _round in range(4):
        for url in urls:
            requests += 1
            status = client.get(url).status_code
            if status != 200:
                errors.append(f"GET {url}: {status}")
    return {"errors": errors, "requests": requests}


def main() -> None:
    role, worker = sys.argv[1], int(sys.argv[2])
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterpolicy.settings")
    import django

    django.setup()
    outcome = {"curate": curate, "reclassify": reclassify, "read": read}[role](worker)
    print(json.dumps(outcome))


if __name__ == "__main__":
    main()
