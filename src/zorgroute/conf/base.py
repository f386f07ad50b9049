"""Zorgroute settings. Everything is here; environments differ only through environment variables.

Defaults are production-safe: DEBUG off, secure cookies, no secret. `dev.py` (make run) and `test.py` relax what a
developer's laptop needs.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from zorgroute.conf.env import env_bool, env_int, env_list, env_str

SRC_DIR = Path(__file__).resolve().parent.parent  # src/zorgroute
BASE_DIR = SRC_DIR.parent.parent  # repository root
VAR_DIR = Path(env_str("ZORGROUTE_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",  # `make run` serves static files the way production does
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_htmx",
    "zorgroute.core",
    "zorgroute.accounts",
    "zorgroute.organisations",
    "zorgroute.pupils",
    "zorgroute.cases",
    "zorgroute.plans",
    "zorgroute.meetings",
    "zorgroute.consents",
    "zorgroute.referrals",
    "zorgroute.access",
    "zorgroute.audit",
    "zorgroute.home",
    "zorgroute.reports",
    "zorgroute.portal",
    "zorgroute.quality",
    "zorgroute.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "zorgroute.core.middleware.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zorgroute.accounts.middleware.SessionActivityMiddleware",
    "zorgroute.core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "zorgroute.access.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zorgroute.urls"
WSGI_APPLICATION = "zorgroute.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zorgroute.core.context_processors.site",
            ],
        },
    }
]

# --- Database: SQLite (WAL) by default, PostgreSQL through DATABASE_URL -------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'zorgroute.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if str(DATABASES["default"]["NAME"]) != ":memory:":
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Connections are kept (DB_CONN_MAX_AGE) as on PostgreSQL: opening one costs four PRAGMAs per request.
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE: writers take the lock at BEGIN, so read-then-write (the audit chain) never fails halfway.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
        ),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the reports' correlated subqueries make the planner's cost estimates large, and above
    # jit_optimize_above_cost PostgreSQL spent 1.3 s compiling a query that ran in 2 ms (the national-scale ZAT
    # report: 1.06 s -> 0.3 s, BENCHMARKS.md). Our queries are short; JIT only pays off on long analytical scans.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication --------------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout (django-axes): after AXES_FAILURE_LIMIT failures for a username the account is locked for the cool-off.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username"]
# Lock by username only: all staff of a school often share one public IP address, and locking that address would lock
# out the whole school. Rotating user agents or cookies does not help an attacker against a username lock.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "zorgroute.accounts.views.locked_out"
AXES_VERBOSE = False
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# Idle timeout: the session expires after this many minutes without a request.
SESSION_IDLE_TIMEOUT_MINUTES = env_int("SESSION_IDLE_TIMEOUT_MINUTES", 30)
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = False  # accounts.middleware.SessionActivityMiddleware renews it once a minute
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Re-authentication ("sudo mode") for dangerous actions lasts this long.
SUDO_MODE_MINUTES = env_int("SUDO_MODE_MINUTES", 10)

OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Zorgroute")

# --- Security headers / cookies (secure by default) ----------------------------------------------------------------
SECURE_COOKIES = env_bool("SECURE_COOKIES", True)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Internationalisation: Dutch first, English as a switch ------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [SRC_DIR / "static"]
# Uploaded documents (scans of signed consent forms) are private: stored here, never served by URL; views hand them
# out after an access check (consents.views.consent_scan).
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Cache ---------------------------------------------------------------------------------------------------------
# A per-process memory cache: each worker keeps its own copy of the reports (reports/cache.py) and chart drawings.
# With more than one server, configure a shared cache instead (Redis, or Django's database cache): docs/operations.md.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "zorgroute",
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 1000)},
    }
}
# How long an assembled, protected report is kept (seconds); 0 turns the report cache off.
REPORT_CACHE_SECONDS = env_int("REPORT_CACHE_SECONDS", 600)

# --- E-mail: console by default, SMTP by configuration -------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "zorgroute@localhost")
# The address people reach Zorgroute on, for links in e-mails (reminders, invitations).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# --- Care teams ----------------------------------------------------------------------------------------------------
# Each hop of the feedback chain (ZAT → care coordinator → teacher and parents) is due this many working days after
# it is created (meetings.services.feedback).
FEEDBACK_WORKING_DAYS = env_int("FEEDBACK_WORKING_DAYS", 5)

# --- Audit ---------------------------------------------------------------------------------------------------------
# Key for the HMAC hash chain of the audit log. Someone with only database access cannot re-forge the chain.
AUDIT_CHAIN_KEY = env_str("AUDIT_CHAIN_KEY", SECRET_KEY)
AUDIT_SOURCE_ID = env_str("AUDIT_SOURCE_ID", "zorgroute")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
