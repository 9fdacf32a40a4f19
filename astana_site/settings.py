"""Settings for the Astana talks archive: one module, read from the environment.

Every variable is listed, with its default, in `.env.example`.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from astana_site.env import env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("DATA_DIR", str(BASE_DIR / "data")))

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY in the environment (see .env.example), "
            "or set DEBUG=1 for local development (a throwaway key is used then); "
            "`make run` writes a development .env that manage.py reads."
        )
    SECRET_KEY = "django-insecure-development-only-key-not-for-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set; with DEBUG off list the host names served."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "ninja",  # serves the API docs' Swagger UI from static files, not a CDN
    "axes",
    "reversion",  # editors' history: versions before/after each change, merge undo
    "rounds",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "astana_site.middleware.ContentSecurityPolicyMiddleware",
    "astana_site.middleware.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: answers 429 once a login is locked out.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "astana_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "astana_site.wsgi.application"

# SQLite in the project's data folder unless DATABASE_URL names another database.
DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{DATA_DIR / 'archive.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Two processes (the site and an ingest) wait for each other instead of failing at once;
    # immediate transactions take the write lock up front so they cannot deadlock on upgrade.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {"NAME": env_str("SQLITE_TEST_NAME") or None}
    # The article list's (published, id) index carries round, publisher and language as
    # included columns on PostgreSQL (an index-only scan for the facets); SQLite builds the
    # index without them, which is all it needs, so its warning on every command is noise.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "build" / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
if DEBUG:
    # Development serves from the finders; an empty root keeps whitenoise from warning.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names in production; plain storage under DEBUG and tests so no collectstatic
        # is needed to run them.
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("PLAIN_STATIC", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGIN_URL = "admin:login"
# Where a sign-in lands when its `next=` is missing or refused (another host): the admin,
# not Django's default /accounts/profile/, which this site does not have.
LOGIN_REDIRECT_URL = "admin:index"

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user name
# from one address, that pair is refused (429) for AXES_COOLOFF_MINUTES, right password or
# not. `manage.py axes_reset` lifts a lockout at once (axes' pages stay out of the editors'
# admin, which shows the archive only).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_float("AXES_COOLOFF_MINUTES", 15))
# The pair, not the address alone: behind a proxy every visitor may share one address, and
# locking a user name alone would let anyone lock an editor out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ADMIN = False

# Public pages are cached per worker under the archive's version (see astana_site/middleware.py);
# 0 turns the cache off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# How long a worker trusts the version it last read (seconds; 0 reads it on every request).
PAGE_CACHE_VERSION_SECONDS = env_float("PAGE_CACHE_VERSION_SECONDS", 1.0)
# CACHE_URL empty: each worker keeps its own cache, bounded by entries and by bytes.
# CACHE_URL=redis://host:6379/0: one cache shared by every worker and machine (Django's own
# Redis backend; bound it with Redis's maxmemory and an LRU policy).
CACHE_URL = env_str("CACHE_URL")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "astana"),
        }
    }
elif CACHE_URL:
    raise ImproperlyConfigured(
        f"CACHE_URL must be empty (per-worker memory) or a redis:// URL; got {CACHE_URL!r}"
    )
else:
    CACHES = {
        "default": {
            "BACKEND": "astana_site.cache.BoundedLocMemCache",
            "OPTIONS": {
                "MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 2000),
                "MAX_BYTES": env_int("CACHE_MAX_BYTES", 64 * 1024 * 1024),
            },
        }
    }

# Full exports (a list's CSV or JSON without filters) are written here once per archive
# version and served as files; each list keeps its latest file only.
EXPORT_CACHE_DIR = Path(env_str("EXPORT_CACHE_DIR", str(DATA_DIR / "exports")))

# Production switches: on by default when DEBUG is off; each can be turned off for a
# plain-HTTP deployment behind a trusted network.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Scripts, styles, images and fonts from this site only; no inline script or style, no
# framing, forms post only here. "off" turns the header off.
CONTENT_SECURITY_POLICY = env_str(
    "CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'",
)
if CONTENT_SECURITY_POLICY.lower() == "off":
    CONTENT_SECURITY_POLICY = ""

# Extraction: an installed spaCy pipeline (en_core_web_sm) adds PERSON recall; empty = rules only.
SPACY_MODEL = env_str("SPACY_MODEL")
INGEST_MAX_BYTES = env_int("INGEST_MAX_BYTES", 5 * 1024 * 1024)
INGEST_BATCH_SIZE = env_int("INGEST_BATCH_SIZE", 64)
# Worker processes that read and extract while ingest writes; 0 = one per core, 1 = none.
INGEST_WORKERS = env_int("INGEST_WORKERS", 0)
if INGEST_WORKERS < 0:
    raise ImproperlyConfigured(
        f"INGEST_WORKERS must be 0 (one per core) or more; got {INGEST_WORKERS}"
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
