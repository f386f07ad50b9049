"""What the benchmark ran on: processor, memory, load, and the versions of what it measured."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from pathlib import Path

from common import PYTHON, ROOT


def _first(path: str, prefix: str) -> str:
    for line in Path(path).read_text().splitlines():
        if line.startswith(prefix):
            return line.split(":", 1)[1].strip()
    return "?"


def _version(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)  # noqa: S603
    return (done.stdout or done.stderr).strip().splitlines()[0] if (done.stdout or done.stderr) else "?"


def _os_name() -> str:
    release = Path("/etc/os-release")
    for line in release.read_text().splitlines() if release.exists() else []:
        if line.startswith("PRETTY_NAME="):
            return line.split("=", 1)[1].strip('"')
    return "?"


def describe() -> dict[str, str]:
    memory_kb = int(_first("/proc/meminfo", "MemTotal").split()[0])
    wrk = shutil.which("wrk") or "wrk"
    return {
        "cpu": _first("/proc/cpuinfo", "model name"),
        "nproc": str(os.cpu_count()),
        "memory": f"{memory_kb / 1024 / 1024:.1f} GiB",
        "load average at start": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
        "kernel": platform.release(),
        "os": _os_name(),
        "python": platform.python_version(),
        "django": _version([str(PYTHON), "-c", "import django; print(django.get_version())"]),
        "gunicorn": _version([str(PYTHON), "-c", "import gunicorn; print(gunicorn.__version__)"]),
        "wrk": _version([wrk, "-v"]).split(" [")[0],
    }
