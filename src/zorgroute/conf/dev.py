"""Developer laptop (`make run`): a local secret, DEBUG from the environment, plain http on loopback."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("ZORGROUTE_ALLOW_DEMO", "1")

from zorgroute.conf.base import *  # noqa: F403
