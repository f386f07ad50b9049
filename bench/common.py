"""What every bench script shares: paths, the production settings' environment for a loopback run, Django set-up."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
BENCH_DIR = ROOT / "bench"
VAR = ROOT / "var" / "bench"
NATIONAL_RESULTS = BENCH_DIR / "results" / "national.json"  # tracked: BENCHMARKS.md from any clone has it
PYTHON = ROOT / ".venv" / "bin" / "python"
COORDINATOR_LOGIN = "bench.ib"  # care coordinator of school 0, the largest primary school of the region
ANALYST_LOGIN = "bench.beleid"  # the region's policy staff (a page with "login" is requested as that user)
SETTINGS = "zorgroute.conf.base"  # production settings: DEBUG off, argon2, WhiteNoise's manifest storage


def settings_env(database_url: str) -> dict[str, str]:
    """Environment for zorgroute.conf.base on plain http over loopback (no TLS proxy in front of the bench)."""
    return {
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-only-key-never-use-in-production",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_COOKIES": "false",  # the Cookie header is sent over http on loopback
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(VAR / "static"),
        "ZORGROUTE_VAR_DIR": str(VAR),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(SRC),
    }


def setup_django(database_url: str) -> None:
    """Configure this process for `database_url` and start Django (scripts only, before any Django import)."""
    for name, value in settings_env(database_url).items():
        os.environ[name] = value
    if str(SRC) not in sys.path:
        sys.path.insert(0, str(SRC))
    import django

    django.setup()
