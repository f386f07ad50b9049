"""Queries per request: each page once with Django's test client and CaptureQueriesContext, same database, same
session cookie as the load tool.

    .venv/bin/python bench/measure.py --database-url URL --targets targets.json --out queries.json

Per page: status, number of queries, queries that repeat with different parameters (the N+1 pattern), the slowest
queries. A first, unmeasured request warms up what happens once per process.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from common import setup_django

_LITERALS = re.compile(r"('[^']*'|\b\d+\b)")


def shape(sql: str) -> str:
    """The SQL with its literals replaced: two queries of one shape differ only in their parameters."""
    return _LITERALS.sub("?", sql)


def measure_page(client: Any, path: str) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    queries = ctx.captured_queries
    repeated = [(n, s) for s, n in Counter(shape(q["sql"]) for q in queries).most_common() if n > 1]
    slowest = sorted(queries, key=lambda q: float(q["time"]), reverse=True)[:3]
    return {
        "status": response.status_code,
        "location": response.get("Location", ""),
        "bytes": len(response.content),
        "queries": len(queries),
        "query_ms": round(sum(float(q["time"]) for q in queries) * 1000, 1),
        "repeated": [{"count": n, "sql": s[:400]} for n, s in repeated],
        "slowest": [{"ms": round(float(q["time"]) * 1000, 1), "sql": q["sql"][:600]} for q in slowest],
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--targets", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    setup_django(args.database_url)
    from django.test import Client

    targets = json.loads(args.targets.read_text())
    results = {}
    for page in targets["pages"]:
        client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)  # a 500 is a result
        if page["auth"]:
            name, value = targets.get("cookies", {}).get(page.get("login"), targets["cookie"]).split("=", 1)
            client.cookies[name] = value
        results[page["name"]] = measure_page(client, page["path"])
        print(
            f"  {page['name']:16} {results[page['name']]['status']} {results[page['name']]['queries']:3} queries"
        )
    args.out.write_text(json.dumps(results, indent=2))
    return 0  # bench/run.py fails the run on any status but 200, after loading every page


if __name__ == "__main__":
    sys.exit(main())
