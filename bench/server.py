"""Zorgroute under gunicorn with its production configuration (src/zorgroute/conf/gunicorn.py: sync workers, the
application and the de-identifier loaded once in the master) and production settings, on a free loopback port.
BENCH_WORKERS sets the number of workers (default: the configuration's, two per CPU)."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.request
from pathlib import Path

from common import ROOT, SRC, settings_env
from postgres import free_port

WORKERS = os.environ.get("BENCH_WORKERS", "")


class Server:
    def __init__(self, database_url: str, log: Path) -> None:
        self.port = free_port()
        self.database_url = database_url
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {**os.environ, **settings_env(self.database_url), "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        if WORKERS:
            env["GUNICORN_WORKERS"] = WORKERS
        command = [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "--config=python:zorgroute.conf.gunicorn",
            f"--pythonpath={SRC}",
            "zorgroute.wsgi:application",
        ]
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
        deadline = time.monotonic() + 120  # the master loads the de-identifier first
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.process.returncode}); see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.base}/health", timeout=5) as response:  # noqa: S310 (loopback)
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer /health within 120 s; see {self.log}")

    def worker_pids(self) -> list[int]:
        assert self.process is not None
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def memory_mb(self) -> dict[str, list[dict[str, float]]]:
        """Memory of the master and of each worker in MiB (/proc/<pid>/smaps_rollup): resident (RSS, counts shared
        pages in full in every process), proportional (PSS, shared pages divided among the processes sharing them)
        and private (pages only this process holds: what one more worker costs)."""
        assert self.process is not None
        return {
            "master": [_smaps(self.process.pid)],
            "workers": [_smaps(pid) for pid in self.worker_pids()],
        }

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


def _smaps(pid: int) -> dict[str, float]:
    fields = {"Rss:": "rss", "Pss:": "pss", "Private_Clean:": "private", "Private_Dirty:": "private"}
    sizes = {"rss": 0.0, "pss": 0.0, "private": 0.0}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        parts = line.split()
        if parts and parts[0] in fields:
            sizes[fields[parts[0]]] += int(parts[1]) / 1024
    return {name: round(value, 1) for name, value in sizes.items()}
