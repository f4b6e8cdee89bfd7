"""The benchmark: build (or reuse) a synthetic corpus, serve it as in production, time the pages.

    .venv/bin/python bench/run.py [--sentences 100000] [--repeat 15]

``make bench`` runs it (``BENCH_N=1000000 make bench`` for the national scale). The corpus
lives outside git in ``bench/.data/`` (SQLite, one file per size, reused), or in the database
named by ``DATABASE_URL`` when that is PostgreSQL (``scripts/with-postgres make bench``).
The app is served by gunicorn with ``clusterpolicy/gunicorn.conf.py`` and DEBUG off on
127.0.0.1; each URL is requested once to warm up, then ``--repeat`` times in a row, and
the median and p95 are reported beside two baselines run in this process on the same
database: the naive Django query (``icontains`` + count) and the engine's raw ranked
query (FTS5 bm25 top 20 / PostgreSQL ts_rank top 20). Writes ``bench/results/<db>-<N>.md``
and rebuilds ``bench/RESULTS.md`` from every results file plus ``bench/NOTES.md``.
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
SEARCH_TERMS = ["专项资金", "人才 培训", "品牌", "公共服务平台", "产业", "检测中心"]
PROTO = {"X-Forwarded-Proto": "https"}  # as behind the TLS proxy: no redirect to https


def _environment(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        SECRET_KEY=env.get("SECRET_KEY", "bench-only-not-a-secret-" + "x" * 40),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """gunicorn with the production config on a free port."""

    def __init__(self, env: dict[str, str], workers: int | None = None, max_requests: int | None = None) -> None:
        self.port = _free_port()
        env = {**env, "BIND": f"127.0.0.1:{self.port}"}
        if workers:
            env["WEB_CONCURRENCY"] = str(workers)
        if max_requests:
            env.update(GUNICORN_MAX_REQUESTS=str(max_requests), GUNICORN_MAX_REQUESTS_JITTER="0")
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [str(Path(PYTHON).with_name("gunicorn")), "-c", "clusterpolicy/gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=(DATA / "gunicorn.log").open("ab"),
        )

    def get(
        self, path: str, headers: dict[str, str] | None = None, timeout: float = 120
    ) -> tuple[int, float, float, int]:
        """(status, seconds to the first body byte, seconds to the last, body bytes)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        started = time.perf_counter()
        connection.request("GET", path, headers={**PROTO, **(headers or {})})
        response = connection.getresponse()
        first = response.read(1)
        ttfb = time.perf_counter() - started
        size = len(first) + len(response.read())
        total = time.perf_counter() - started
        connection.close()
        return response.status, ttfb, total, size

    def wait(self, path: str = "/about/", limit: float = 120) -> float:
        """Seconds from start until ``path`` answers."""
        while time.perf_counter() - self.started < limit:
            try:
                status, _ttfb, _total, _size = self.get(path, timeout=limit)
                if status < 500:
                    return time.perf_counter() - self.started
            except OSError:
                time.sleep(0.02)
        raise RuntimeError(f"gunicorn did not answer; see {DATA / 'gunicorn.log'}")

    def workers(self) -> list[int]:
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(stat.parent.name))
        return pids

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def _since_boot() -> float:
    """Now, in seconds since boot: the clock of ``/proc/<pid>/stat``'s start times."""
    return time.clock_gettime(time.CLOCK_BOOTTIME)


def _started(pid: int) -> float:
    """When process ``pid`` started, in seconds since boot (10 ms resolution)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[19]) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Startup:
    """Worker start-up, as issue 13 defines it: from a worker's start to its first answered request."""

    master_ready: float  # launch → the first worker forked (the master's preload and warm-up)
    first_worker: float  # that worker's start → its first answered search
    kill_to_fork: float  # a worker killed → its replacement forked (the master noticing)
    replacement: float  # the replacement's start → its first answered search
    max_requests: int
    recycles: int
    recycled_request: float  # the slowest request per recycle (median), met by a recycled worker
    usual_request: float  # the other requests' median


def _worker_startup(env: dict[str, str]) -> Startup:
    """Time one worker's start-up three ways: at launch, after a kill, and recycled by ``max_requests``."""
    search = f"/measures/?q={_quote('人才')}"
    server = Server(env, workers=1)
    launched = _since_boot()
    server.wait(search)
    answered = _since_boot()
    (worker,) = server.workers()
    forked = _started(worker)
    os.kill(worker, signal.SIGKILL)
    killed = _since_boot()
    server.get(f"/measures/?q={_quote('检测中心')}")
    replaced = _since_boot()
    (replacement,) = server.workers()
    replacement_forked = _started(replacement)
    server.stop()

    max_requests = 20
    server = Server(env, workers=1, max_requests=max_requests)
    server.wait()
    pids = set(server.workers())
    samples = []
    for _ in range(4 * max_requests):
        _status, _ttfb, seconds, _size = server.get("/about/")
        samples.append(seconds)
        pids.update(server.workers())
    server.stop()
    recycles = len(pids) - 1
    ordered = sorted(samples)
    return Startup(
        master_ready=forked - launched,
        first_worker=answered - forked,
        kill_to_fork=replacement_forked - killed,
        replacement=replaced - replacement_forked,
        max_requests=max_requests,
        recycles=recycles,
        recycled_request=statistics.median(ordered[-recycles:]) if recycles else 0.0,
        usual_request=statistics.median(ordered[: len(ordered) - recycles]),
    )


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _stats(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return statistics.median(ordered) * 1000, p95 * 1000


def _time(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return _stats(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sentences", type=int, default=int(os.environ.get("BENCH_N", "100000")))
    parser.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", "15")))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ingest-throughput", choices=("texts", "batch"), help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ingest_throughput:
        _measure_ingest(args.ingest_throughput, args.jobs)
        return
    load_before = os.getloadavg()[0]

    database_url = os.environ.get("DATABASE_URL", "")
    postgres = database_url.startswith("postgres")
    DATA.mkdir(parents=True, exist_ok=True)
    if not postgres:
        database_url = f"sqlite:///{DATA / f'bench-{args.sentences}.sqlite3'}"
    env = _environment(database_url)
    # A cache of its own, emptied: no count or fragment cached by another version of the code.
    cache_dir = DATA / "cache"
    shutil.rmtree(cache_dir, ignore_errors=True)
    env["CACHE_DIR"] = str(cache_dir)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterpolicy.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection
    from django.db.models import Count

    from measures.models import Document, Measure, Region

    _manage(env, "migrate", "--noinput", "-v0")
    build_rate = ""
    if not Measure.objects.exists():
        started = time.perf_counter()
        _manage(env, "synth_corpus", "--sentences", str(args.sentences), "--seed", str(args.seed))
        seconds = time.perf_counter() - started
        build_rate = f"built in {seconds:.0f} s ({args.sentences / seconds:,.0f} sentences/s)"
    _manage(env, "collectstatic", "--noinput", "-v0")
    total = Measure.objects.count()
    documents = Document.objects.count()

    # Pick the pages the issue names: biggest document, region pages, compare 4 regions.
    biggest = Document.objects.annotate(n=Count("sentences")).order_by("-n").values("pk", "n").first()
    assert biggest is not None
    region_sizes = {row["region"]: row["n"] for row in Document.objects.values("region").annotate(n=Count("sentences"))}

    def size_below(region: Region) -> int:
        return sum(n for pk, n in region_sizes.items() if pk in below[region.pk])

    regions = list(Region.objects.only("pk", "slug", "path", "level"))
    below = {r.pk: {o.pk for o in regions if o.path.startswith(r.path)} for r in regions}
    by_size = sorted(regions, key=size_below, reverse=True)
    provinces = [r for r in by_size if r.level == "province"] or by_size
    locals_ = [r for r in by_size if r.level in ("county", "district")] or by_size
    compare_four = [r.slug for r in locals_[:4]]
    province = provinces[0]

    user, _created = get_user_model().objects.get_or_create(
        username="bench", defaults={"is_staff": True, "is_superuser": True}
    )
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    admin_cookie = {"Cookie": f"sessionid={session.session_key}"}

    pages: list[tuple[str, str, dict[str, str]]] = []
    for term in SEARCH_TERMS:
        pages.append((f"search `{term}`", f"/measures/?q={_quote(term)}", {}))
    pages += [
        ("API search `专项资金`", f"/api/measures/?q={_quote('专项资金')}", {}),
        ("API search `产业`", f"/api/measures/?q={_quote('产业')}", {}),
        ("list, no query", "/measures/", {}),
        ("list `?category=land`", "/measures/?category=land", {}),
        (
            "list finance in the largest province",
            f"/measures/?category=finance&region={province.slug}",
            {},
        ),
        ("API list, no query", "/api/measures/", {}),
        ("API list `?category=land`", "/api/measures/?category=land", {}),
        ("search `品牌` in branding", f"/measures/?q={_quote('品牌')}&category=branding", {}),
        ("list, page 2000", "/measures/?page=2000", {}),
        (f"document page ({biggest['n']:,} sentences)", f"/documents/{biggest['pk']}/", {}),
        (f"region page, largest county ({size_below(locals_[0]):,})", f"/regions/{locals_[0].slug}/", {}),
        (f"region page, largest province ({size_below(province):,})", f"/regions/{province.slug}/", {}),
        ("compare 4 largest counties", "/compare/?regions=" + ",".join(compare_four), {}),
        ("coverage matrix", "/compare/matrix/", {}),
        ("home", "/", {}),
        ("admin changelist", "/admin/measures/measure/", admin_cookie),
        ("admin changelist search `品牌`", f"/admin/measures/measure/?q={_quote('品牌')}", admin_cookie),
        ("admin document list", "/admin/measures/document/", admin_cookie),
        ("admin document list by sentences", "/admin/measures/document/?o=-5", admin_cookie),
        ("CSV `品牌` (first byte)", f"/measures.csv?q={_quote('品牌')}", {}),
    ]

    startup = _worker_startup(env)

    server = Server(env)
    server.wait()
    rows = []
    loads: list[float] = []
    for label, path, headers in pages:
        csv = path.startswith("/measures.csv")
        status, first_ttfb, first_total, _size = server.get(path, headers)  # the warm-up fills the caches
        first = first_ttfb if csv else first_total
        samples = []
        size = 0
        for _ in range(args.repeat):
            status, ttfb, seconds, size = server.get(path, headers)
            samples.append(ttfb if csv else seconds)
        median, p95 = _stats(samples)
        rows.append((label, path, status, median, p95, size, first * 1000))
        loads.append(os.getloadavg()[0])
        print(f"{median:8.1f} {p95:8.1f} {first * 1000:8.1f}  {status}  {label}", flush=True)
    peak = max(_peak_rss_mb(pid) for pid in server.workers())
    server.stop()

    # Baselines on the same database, in this process.
    from measures.search import fts5_expression, parse_query, tsquery_expression

    baselines = []
    for term in SEARCH_TERMS:
        words = term.split()

        def naive(words: list[str] = words) -> None:
            qs = Measure.objects.filter(is_measure=True)
            for word in words:
                qs = qs.filter(text__icontains=word)
            qs.count()
            list(qs.select_related("document__region").order_by("document_id", "position")[:25])

        query = parse_query(term)

        def raw(query: object = query) -> None:
            with connection.cursor() as cursor:
                if postgres:
                    cursor.execute(
                        "SELECT id, ts_rank(search_vector, q) AS r FROM measures_measure, "
                        "to_tsquery('simple'::regconfig, %s) q WHERE search_vector @@ q ORDER BY r DESC LIMIT 20",
                        [tsquery_expression(query)],  # type: ignore[arg-type]
                    )
                else:
                    cursor.execute(
                        "SELECT rowid, rank FROM measure_fts WHERE measure_fts MATCH %s ORDER BY rank LIMIT 20",
                        [fts5_expression(query)],  # type: ignore[arg-type]
                    )
                cursor.fetchall()

        baselines.append((term, _time(naive, max(3, args.repeat // 3)), _time(raw, max(3, args.repeat // 3))))

    throughput = _ingest_throughput(env)
    _write(
        args=args,
        postgres=postgres,
        total=total,
        documents=documents,
        build_rate=build_rate,
        rows=rows,
        baselines=baselines,
        startup=startup,
        peak=peak,
        throughput=throughput,
        load_before=load_before,
        load_during=statistics.mean(loads),
    )


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text)


def _ingest_throughput(env: dict[str, str]) -> list[tuple[str, int, float]]:
    """Characters per second through the whole pipeline, measured in a fresh process (rolled back).

    Two texts: every real document at hand once (the seeds, and the devset beside the
    repository when present) — distinct sentences, so nothing is remembered from one to the
    next, as for a new document — and, as measured before, the five seeds repeated to
    about 200,000 characters, where the repeated blocks are remembered. Then the same real
    documents as a batch of files (``manage.py ingest DIR --jobs N``), in one and in two
    processes, each in a process of its own so that nothing is remembered from the texts.
    """
    rows = []
    for mode, jobs in (("texts", 1), ("batch", 1), ("batch", 2)):
        done = subprocess.run(
            [PYTHON, str(Path(__file__)), "--ingest-throughput", mode, "--jobs", str(jobs)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        for line in done.stdout.splitlines():
            label, chars, rate = line.split("\t")
            rows.append((label, int(chars), float(rate)))
    return rows


def _measure_ingest(mode: str, jobs: int) -> None:
    """``--ingest-throughput``: print ``label, characters, characters/s`` per text (run by ``_ingest_throughput``)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterpolicy.settings")
    import tempfile

    import django

    django.setup()
    from django.db import transaction

    from measures.ingest.batch import BatchItem, ingest_batch
    from measures.ingest.pipeline import DocumentMeta, ingest_document
    from measures.models import Region

    region = Region.objects.order_by("path").first()
    assert region is not None

    def ingest(text: str) -> float:
        with transaction.atomic():
            started = time.perf_counter()
            ingest_document(data=text.encode("utf-8"), region=region, meta=DocumentMeta(title="bench"))
            seconds = time.perf_counter() - started
            transaction.set_rollback(True)
        return seconds

    def ingest_files(texts: list[str], jobs: int) -> float:
        with tempfile.TemporaryDirectory() as folder, transaction.atomic():
            items = []
            for number, text in enumerate(texts):
                path = Path(folder) / f"{number:03}.txt"
                path.write_text(text, encoding="utf-8")
                items.append(BatchItem(path=path, region_code=region.code, meta=DocumentMeta(title=f"bench {number}")))
            started = time.perf_counter()
            outcomes = list(ingest_batch(items, jobs=jobs))
            seconds = time.perf_counter() - started
            assert all(outcome.status == "created" for outcome in outcomes), outcomes
            transaction.set_rollback(True)
        return seconds

    ingest(f"预热 {time.time()}\n一、总体要求\n加快建设公共服务平台。")  # loads jieba, lexicons and the model
    seeds = sorted((ROOT / "fixtures" / "sources").glob("*.txt"))
    devset = sorted((ROOT.parent / "shared" / "devset").glob("d*.txt"))
    documents = [path.read_text(encoding="utf-8") for path in [*seeds, *devset]]
    if mode == "batch":
        batch = [f"基准测试 {time.time()} {number}\n{text}" for number, text in enumerate(documents)]
        characters = sum(map(len, batch))
        label = f"the same {len(batch)} documents as a batch of files classified in {jobs} process(es)"
        print(f"{label}\t{characters}\t{characters / ingest_files(batch, jobs):.0f}", flush=True)
        return
    texts = [
        (
            f"{len(seeds)} seeds and {len(devset)} devset documents, once",
            f"基准测试 {time.time()}\n" + "\n".join(documents),
        ),
    ]
    base = "\n".join(path.read_text(encoding="utf-8") for path in seeds)
    repeated = "\n".join([base] * max(1, 200_000 // len(base)))
    texts.append((f"the {len(seeds)} seeds repeated", f"基准测试 {time.time()}\n{repeated}"))
    for label, text in texts:
        print(f"{label}\t{len(text)}\t{len(text) / ingest(text):.0f}", flush=True)


def _startup_line(startup: Startup) -> str:
    return (
        f"- Worker start-up (one worker, from the worker process's start to its first answered search): "
        f"**{startup.first_worker:.2f} s** for the worker forked at launch (the master had loaded the app and "
        f"warmed it in {startup.master_ready:.2f} s before forking); after a SIGKILL the master forked a "
        f"replacement {startup.kill_to_fork * 1000:.0f} ms later, which answered **{startup.replacement:.2f} s** "
        f"after it started. Recycled by `max_requests={startup.max_requests}` ({startup.recycles} recycles in "
        f"{4 * startup.max_requests} requests of `/about/`): the request that met a recycle took "
        f"{startup.recycled_request * 1000:.0f} ms (median), the others {startup.usual_request * 1000:.0f} ms."
    )


def _write(**r: object) -> None:
    args = r["args"]
    name = f"{'postgresql' if r['postgres'] else 'sqlite'}-{args.sentences}"  # type: ignore[attr-defined]
    load_after = os.getloadavg()[0]
    lines = [
        f"## {'PostgreSQL' if r['postgres'] else 'SQLite'}, {r['total']:,} sentences in {r['documents']:,} documents",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {platform.node() or 'this machine'}: "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, one-minute load average "
        f"{r['load_before']:.1f} before the run, {r['load_during']:.1f} on average while the pages were timed "
        f"and {load_after:.1f} at its end (the machine is shared). "
        f"Corpus {r['build_rate'] or 'reused'}; "
        f"{args.repeat} timed requests per page after one warm-up, one at a time.",  # type: ignore[attr-defined]
        "",
        "| page | median ms | p95 ms | first (cold) ms | status | bytes | URL |",
        "|---|---:|---:|---:|---|---:|---|",
    ]
    for label, path, status, median, p95, size, first in r["rows"]:  # type: ignore[attr-defined]
        lines.append(f"| {label} | {median:.0f} | {p95:.0f} | {first:.0f} | {status} | {size:,} | `{path}` |")
    lines += [
        "",
        "Search baselines on the same database (median / p95 ms), and the page's ratio to each (median):",
        "",
        "| query | page | naive Django `icontains` + count | page ÷ naive | raw engine top-20 | page ÷ raw |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    page_median = {label: median for label, _p, _s, median, _p95, _b, _f in r["rows"]}  # type: ignore[attr-defined]
    for term, naive, raw in r["baselines"]:  # type: ignore[attr-defined]
        page = page_median[f"search `{term}`"]
        lines.append(
            f"| `{term}` | {page:.0f} | {naive[0]:.0f} / {naive[1]:.0f} | {page / naive[0]:.2f} "
            f"| {raw[0]:.1f} / {raw[1]:.1f} | {page / max(raw[0], 0.1):.1f} |"
        )
    lines += [""]
    for label, chars, rate in r["throughput"]:  # type: ignore[attr-defined]
        lines.append(
            f"- Ingestion through the whole pipeline (read → normalise → clean → detect → split → classify → "
            f"quantities → store), {label}, {chars:,} characters: **{rate:,.0f} characters/s**."
        )
    lines += [
        _startup_line(r["startup"]),  # type: ignore[arg-type]
        f"- Peak RSS of a gunicorn worker over the run (VmHWM): **{r['peak']:.0f} MB**.",
        "",
    ]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.md").write_text("\n".join(lines), encoding="utf-8")
    parts = ["# Benchmark results\n", "Produced by `make bench` (bench/run.py); see bench/NOTES.md for the reading.\n"]
    notes = ROOT / "bench" / "NOTES.md"
    if notes.exists():
        parts.append(notes.read_text(encoding="utf-8"))
    parts += [path.read_text(encoding="utf-8") for path in sorted(RESULTS.glob("*.md"))]
    (ROOT / "bench" / "RESULTS.md").write_text("\n".join(parts), encoding="utf-8")
    print(f"wrote bench/results/{name}.md and bench/RESULTS.md")


if __name__ == "__main__":
    main()
