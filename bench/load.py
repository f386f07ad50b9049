"""A bounded load on one URL with wrk (Debian's package), loopback only."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import asdict, dataclass

from common import BENCH_DIR

SCRIPT = BENCH_DIR / "wrk_report.lua"


@dataclass
class Load:
    connections: int
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float
    not_200: int  # responses other than 200: errors, and redirects to the login page
    socket_errors: int  # connect, read, write errors and timeouts

    @property
    def failed(self) -> bool:
        return self.not_200 > 0 or self.socket_errors > 0 or self.requests == 0

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)


def wrk() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise RuntimeError("wrk is not installed (apt-get install wrk)")
    return path


def run(url: str, *, connections: int, seconds: int, cookie: str = "") -> Load:
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError("the bench only loads loopback")
    command = [wrk(), f"-t{min(connections, 2)}", f"-c{connections}", f"-d{seconds}s", "--timeout=60s"]
    command += ["-s", str(SCRIPT)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = next((row for row in out.splitlines() if row.startswith("BENCH ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result line:\n{out}")
    v = {key: int(value) for key, value in (item.split("=") for item in line.split()[1:])}
    seconds_run = v["duration_us"] / 1e6
    return Load(
        connections=connections,
        requests=v["requests"],
        seconds=round(seconds_run, 2),
        rps=round(v["requests"] / seconds_run, 1) if seconds_run else 0.0,
        p50_ms=v["p50_us"] / 1000,
        p95_ms=v["p95_us"] / 1000,
        p99_ms=v["p99_us"] / 1000,
        mean_ms=v["mean_us"] / 1000,
        max_ms=v["max_us"] / 1000,
        not_200=v["not_200"],
        socket_errors=v["connect"] + v["read"] + v["write"] + v["timeout"],
    )
