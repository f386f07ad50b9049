"""Profile one page in-process: where does a request's time go? (issue 7: "fix what the first runs show")

    .venv/bin/python bench/hotspots.py --database-url sqlite:///$PWD/var/bench/sqlite/bench.sqlite3 \
        --page worklist [--requests 50] [--top 40] [--sort tottime]

Uses the production settings and the pages of bench/targets.py, logged in as the bench's care coordinator, through
Django's test client (the whole middleware stack, no network). Prints the mean time per request, the queries per
request and cProfile's top functions. For finding hot spots only: the figures in BENCHMARKS.md come from
`make bench` (gunicorn + wrk).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time

from common import COORDINATOR_LOGIN, setup_django


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--page", required=True, help="a page name of bench/targets.py, e.g. worklist")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="cumulative")
    args = parser.parse_args()
    setup_django(args.database_url)

    from django.db import connection
    from django.test import Client
    from targets import choose_pages, login_cookie, page_login

    pages, _facts = choose_pages(COORDINATOR_LOGIN)
    page = next((p for p in pages if p["name"] == args.page), None)
    if page is None:
        raise SystemExit(f"no page {args.page!r}; pages: {', '.join(str(p['name']) for p in pages)}")
    client = Client(HTTP_HOST="127.0.0.1")
    if page["auth"]:
        name, _, value = login_cookie(page_login(page)).partition("=")
        client.cookies[name] = value
    path = str(page["path"])
    for _ in range(3):  # warm caches, templates, translations
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    executed: list[str] = []
    with connection.execute_wrapper(lambda execute, sql, *rest: executed.append(sql) or execute(sql, *rest)):
        client.get(path)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(args.requests):
        client.get(path)
    profiler.disable()
    elapsed = time.perf_counter() - started
    print(
        f"{page['name']} {path}: {elapsed / args.requests * 1000:.1f} ms per request (profiled), "
        f"{len(executed)} queries"
    )
    stats = pstats.Stats(profiler)
    stats.strip_dirs().sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
