"""Test settings: fast hashing, in-memory e-mail, same security middleware as production."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-key")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("ZORGROUTE_ALLOW_DEMO", "1")

from zorgroute.conf.base import *  # noqa: F403
from zorgroute.conf.base import DATABASES, STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": None}
# Reports are built anew on every request in the tests (no cached report leaks from one test into another); the
# report cache's own tests turn it on (reports/tests/test_cache.py).
REPORT_CACHE_SECONDS = 0
