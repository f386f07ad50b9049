"""Gunicorn's configuration for Zorgroute in production (and in `make bench`, which measures this configuration).

    DJANGO_SETTINGS_MODULE=zorgroute.conf.base PYTHONPATH=src \
        .venv/bin/gunicorn -c python:zorgroute.conf.gunicorn zorgroute.wsgi:application

The application and the de-identifier's lookup structures (deduce, ~1 GB, ~15 s to load) are loaded once, in the
master process, before the workers are forked: the workers share that memory copy-on-write instead of each building
its own copy, and none of them answers requests while it is still loading. Settings by environment variable:
GUNICORN_BIND (default 127.0.0.1:8000), GUNICORN_WORKERS (default two per CPU), GUNICORN_TIMEOUT (seconds, 60).
"""

from __future__ import annotations

import gc
import os
from typing import Any

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", str(2 * (os.cpu_count() or 1))))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
backlog = 2048
preload_app = True  # load Django (and with it the de-identifier, below) in the master, then fork

# The WSGI module must not start its background loading thread in the master: a thread does not survive the fork,
# and a fork in the middle of loading would hand the workers half-built structures. The master loads it in full.
os.environ["ZORGROUTE_WARM_DEIDENTIFY"] = "0"


def when_ready(server: Any) -> None:
    """After the application is loaded in the master and before the first worker is forked."""
    if os.environ.get("ZORGROUTE_PRELOAD_DEIDENTIFY", "1") == "1":
        from zorgroute.consents.deidentify import get_engine

        server.log.info("Loading the de-identifier once, before forking the workers")
        get_engine()
    # Everything loaded so far lives as long as the workers do: keep it out of the collector's reach, so that a
    # collection in a worker does not write to (and so copy) the pages it shares with the master.
    gc.collect()
    gc.freeze()
