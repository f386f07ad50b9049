"""Zorgroute under gunicorn (2 sync workers, production settings) on a free loopback port."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.request
from pathlib import Path

from common import ROOT, SRC, settings_env
from postgres import free_port

WORKERS = 2


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
        env = {**os.environ, **settings_env(self.database_url)}
        command = [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "zorgroute.wsgi:application",
            f"--pythonpath={SRC}",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={WORKERS}",
            "--worker-class=sync",
            "--timeout=120",
            "--backlog=2048",
        ]
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.process.returncode}); see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.base}/health", timeout=5) as response:  # noqa: S310 (loopback)
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer /health within 60 s; see {self.log}")

    def worker_pids(self) -> list[int]:
        assert self.process is not None
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def worker_rss_mb(self) -> list[float]:
        """Resident memory of each worker (VmRSS in /proc/<pid>/status), in MiB."""
        sizes = []
        for pid in self.worker_pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
