"""`make bench`: region-scale data on SQLite and on a throwaway PostgreSQL, each served by gunicorn and loaded by wrk.

For each database: migrate, generate (bench/generate.py), log the care coordinator in (bench/targets.py), count
queries per page (bench/measure.py), start gunicorn, load every page at each concurrency level, read each
worker's memory. Writes var/bench/results.json and BENCHMARKS.md; exits non-zero when a page answered anything but
200 (errors, or a redirect to the login page) or a socket error occurred.

Environment: BENCH_SECONDS (per page and level, default 12), BENCH_DATABASES (default "sqlite,postgresql"),
BENCH_SCALE (default "region").
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import load
import machine
import postgres
import report
from common import PYTHON, ROOT, VAR, settings_env
from server import Server

CONCURRENCY = (1, 10, 50)
SECONDS = int(os.environ.get("BENCH_SECONDS", "12"))
DATABASES = [d for d in os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",") if d]
SCALE = os.environ.get("BENCH_SCALE", "region")
WARM_UP_SECONDS = 2


def log(message: str) -> None:
    print(f"bench: {message}", flush=True)


def ensure_packages() -> None:
    """wrk and PostgreSQL from Debian, installed when missing; fail loudly when that does not work."""
    missing = [
        name
        for name, present in (("wrk", shutil.which("wrk")), ("postgresql", postgres.binaries()))
        if not present
    ]
    if missing:
        log(f"installing Debian packages: {' '.join(missing)}")
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)  # noqa: S603
        command = [*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing]
        subprocess.run(command, check=True, env=env, stdin=subprocess.DEVNULL)  # noqa: S603
    if not shutil.which("wrk") or not postgres.binaries():
        raise SystemExit("bench: wrk and PostgreSQL are required and could not be installed")


def python(*args: str, database_url: str, capture: bool = False) -> str:
    """Run a script or manage.py with the production settings for `database_url`; stop the bench if it fails."""
    env = {**os.environ, **settings_env(database_url)}
    done = subprocess.run(  # noqa: S603
        [str(PYTHON), *args], cwd=ROOT, env=env, text=True, capture_output=capture, check=False
    )
    if done.returncode != 0:
        raise SystemExit(
            f"bench: {' '.join(args)} failed ({done.returncode})\n{done.stdout or ''}{done.stderr or ''}"
        )
    return done.stdout or ""


@contextlib.contextmanager
def database(name: str) -> Iterator[tuple[str, str]]:
    """(DATABASE_URL, server version) of a fresh, empty database."""
    if name == "sqlite":
        import sqlite3

        path = VAR / "sqlite" / "bench.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob("bench.sqlite3*"):
            stale.unlink()
        yield f"sqlite:///{path}", sqlite3.sqlite_version
    elif name == "postgresql":
        server = postgres.Postgres()
        try:
            server.start()
            yield server.url, server.version()
        finally:
            server.stop()
    else:
        raise SystemExit(f"bench: unknown database {name!r}")


def prepare(name: str, url: str) -> dict[str, Any]:
    """Migrate, generate the region, log in, count queries. Returns what the report needs."""
    work = VAR / name
    work.mkdir(parents=True, exist_ok=True)
    log(f"{name}: migrate")
    python("manage.py", "migrate", "--no-input", "-v0", database_url=url)
    log(f"{name}: generate --scale {SCALE}")
    started = time.monotonic()
    output = python(
        "bench/generate.py", "--scale", SCALE, "--database-url", url, database_url=url, capture=True
    )
    build_seconds = time.monotonic() - started
    print(output, end="")
    rows = {
        parts[0]: int(parts[1].replace(",", ""))
        for parts in (line.split() for line in output.splitlines() if line.startswith("  "))
    }
    targets_file, queries_file = work / "targets.json", work / "queries.json"
    python("bench/targets.py", "--database-url", url, "--out", str(targets_file), database_url=url)
    log(f"{name}: queries per page")
    python("bench/measure.py", "--database-url", url, "--targets", str(targets_file), "--out", str(queries_file),
           database_url=url)  # fmt: skip
    return {
        "build_seconds": round(build_seconds, 1),
        "rows": rows,
        "targets": json.loads(targets_file.read_text()),
        "queries": json.loads(queries_file.read_text()),
    }


def load_pages(name: str, url: str, targets: dict[str, Any]) -> dict[str, Any]:
    server = Server(url, VAR / name / "gunicorn.log")
    server.start()
    try:
        base, cookie, pages = server.base, targets["cookie"], targets["pages"]
        for page in pages:  # imports, templates and connections warm before anything is measured
            load.run(
                base + page["path"],
                connections=2,
                seconds=WARM_UP_SECONDS,
                cookie=targets.get("cookies", {}).get(page.get("login"), cookie) if page["auth"] else "",
            )
        levels: dict[str, dict[str, Any]] = {}
        for connections in CONCURRENCY:
            levels[str(connections)] = {}
            for page in pages:
                result = load.run(
                    base + page["path"],
                    connections=connections,
                    seconds=SECONDS,
                    cookie=targets.get("cookies", {}).get(page.get("login"), cookie) if page["auth"] else "",
                )
                levels[str(connections)][page["name"]] = result.as_dict() | {"failed": result.failed}
                log(
                    f"{name} c={connections:<3} {page['name']:16} {result.rps:8.1f} req/s  p95 {result.p95_ms:8.1f} ms"
                    f"{'  ERRORS' if result.failed else ''}"
                )
        return {"levels": levels, "memory_mb": server.memory_mb()}
    finally:
        server.stop()


def main() -> int:
    ensure_packages()
    VAR.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "started": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine.describe(),
        "scale": SCALE,
        "seconds": SECONDS,
        "concurrency": list(CONCURRENCY),
        "databases": {},
    }
    log("collectstatic (WhiteNoise's manifest, as in production)")
    python("manage.py", "collectstatic", "--no-input", "-v0", database_url="sqlite:///:memory:")
    for name in DATABASES:
        with database(name) as (url, version):
            log(f"{name} {version}")
            prepared = prepare(name, url)
            results["databases"][name] = {
                "version": version,
                **prepared,
                **load_pages(name, url, prepared["targets"]),
            }
    results["workers"] = max(
        (len(db["memory_mb"]["workers"]) for db in results["databases"].values()), default=0
    )
    results["finished"] = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    for db in results["databases"].values():
        db["targets"].pop("cookie", None)  # a live session key does not belong in a file that is committed
    (VAR / "results.json").write_text(json.dumps(results, indent=2))
    (ROOT / "BENCHMARKS.md").write_text(report.render(results))
    failures = [
        f"{name} c={level} {page}"
        for name, db in results["databases"].items()
        for level, pages in db["levels"].items()
        for page, result in pages.items()
        if result["failed"]
    ]
    failures += [
        f"{name} {page} answered {q['status']} to the test client"
        for name, db in results["databases"].items()
        for page, q in db["queries"].items()
        if q["status"] != 200
    ]
    log("wrote BENCHMARKS.md and var/bench/results.json")
    if failures:
        log("FAILED: errors during the run: " + "; ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
