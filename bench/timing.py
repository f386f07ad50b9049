"""Time every page in-process, without a profiler: ms per request (median and mean) and queries per request.

    .venv/bin/python bench/timing.py --database-url sqlite:///$PWD/var/bench/sqlite/bench.sqlite3 \
        [--requests 30] [--rounds 3] [--page home --page worklist]

Same set-up as bench/hotspots.py (production settings, the bench's care coordinator, Django's test client, the whole
middleware stack, no network). The pages are requested in interleaved rounds so that a burst of load from elsewhere
on a shared machine spreads over all of them. Besides the wall-clock time it reports the CPU time of the request
(the thread's own, SQLite included): on a busy machine that is the steadier figure to compare before and after a
change. For comparing changes only: the figures in BENCHMARKS.md come from `make bench`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from common import COORDINATOR_LOGIN, setup_django


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--requests", type=int, default=30, help="requests per page per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--page", action="append", help="a page name of bench/targets.py (default: all)")
    args = parser.parse_args()
    setup_django(args.database_url)

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from targets import choose_pages, login_cookie, page_login

    pages, _facts = choose_pages(COORDINATOR_LOGIN)
    if args.page:
        unknown = set(args.page) - {str(p["name"]) for p in pages}
        if unknown:
            raise SystemExit(f"no page {sorted(unknown)}; pages: {', '.join(str(p['name']) for p in pages)}")
        pages = [p for p in pages if p["name"] in args.page]
    clients = {}
    queries = {}
    for page in pages:
        client = Client(HTTP_HOST="127.0.0.1")
        if page["auth"]:
            name, _, value = login_cookie(page_login(page)).partition("=")
            client.cookies[name] = value
        for _ in range(3):  # warm caches, templates, translations
            response = client.get(str(page["path"]))
            if response.status_code != 200:
                raise SystemExit(f"{page['path']} answered {response.status_code}")
        with CaptureQueriesContext(connection) as executed:
            client.get(str(page["path"]))
        clients[page["name"]] = client
        queries[page["name"]] = len(executed.captured_queries)
    wall: dict[object, list[float]] = {page["name"]: [] for page in pages}
    cpu: dict[object, list[float]] = {page["name"]: [] for page in pages}
    for _ in range(args.rounds):
        for page in pages:
            client, path = clients[page["name"]], str(page["path"])
            for _ in range(args.requests):
                started, started_cpu = time.perf_counter(), time.thread_time()
                client.get(path)
                cpu[page["name"]].append((time.thread_time() - started_cpu) * 1000)
                wall[page["name"]].append((time.perf_counter() - started) * 1000)
    print(f"{'page':16} {'median ms':>10} {'min ms':>7} {'cpu median':>11} {'cpu min':>8} {'queries':>8}")
    for page in pages:
        t, c = wall[page["name"]], cpu[page["name"]]
        print(
            f"{page['name']!s:16} {statistics.median(t):10.1f} {min(t):7.1f} {statistics.median(c):11.1f} "
            f"{min(c):8.1f} {queries[page['name']]:8}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
