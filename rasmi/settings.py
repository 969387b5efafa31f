"""Rasmi settings, all from the environment (django-environ).

DATABASE_URL picks the database; without it Rasmi uses the SQLite file in var/.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(environ.Env().str("RASMI_VAR_DIR", default=str(PROJECT_DIR / "var")))

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost", "testserver"]),
    RATE_LIMIT_PER_MINUTE=(int, 120),
)
env_file = PROJECT_DIR / ".env"
if env_file.exists():
    env.read_env(str(env_file))

DEBUG = env("DEBUG")
# A development key is acceptable only on the embedded default; production sets SECRET_KEY.
SECRET_KEY = env.str("SECRET_KEY",
                     default="rasmi-development-key-change-me-in-production-0123456789")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "rasmi.audit",
    "rasmi.people",
    "rasmi.registry",
    "rasmi.discovery",
    "rasmi.publishing",
    "rasmi.inbox",
    "rasmi.monitoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "rasmi.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "rasmi.middleware.PublicLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "rasmi.urls"
WSGI_APPLICATION = "rasmi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rasmi.people.context_processors.roles",
            ],
        },
    },
]

for _folder in (VAR_DIR, VAR_DIR / "static", VAR_DIR / "media"):
    _folder.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'rasmi.sqlite3'}")}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets readers run beside a writer; IMMEDIATE takes the write lock up front so two
    # writers queue on the busy timeout instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://rasmi")
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "people:login"
LOGIN_REDIRECT_URL = "registry:staff_home"
LOGOUT_REDIRECT_URL = "registry:verify"

# Bahasa Melayu is the default for everyone until they pick English.
LANGUAGE_CODE = "ms"
LANGUAGES = [("ms", "Bahasa Melayu"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Kuala_Lumpur"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG and env.bool("RASMI_HTTPS", default=False):
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000

from django.utils.csp import CSP  # noqa: E402

# Everything is served from our own origin: no inline scripts, no third-party hosts.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],  # nonce: the dossier carries its print styles
    "img-src": [CSP.SELF, "data:"],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
}

# Public endpoints (verify, directory, exports) allow this many requests per client per minute.
RATE_LIMIT_PER_MINUTE = env("RATE_LIMIT_PER_MINUTE")
# Behind a reverse proxy, the number of trusted proxies in X-Forwarded-For.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Seconds a worker may serve verify answers from its in-memory index before re-checking
# the register version in the database.
VERIFY_INDEX_TTL = env.float("VERIFY_INDEX_TTL", default=1.0)
# Days between recertifications of an official account.
REVIEW_INTERVAL_DAYS = env.int("REVIEW_INTERVAL_DAYS", default=365)

# Background work (scheduled publishing, re-checks): Django's tasks framework. The default
# stores tasks in the database and `rasmi db_worker` runs them (`make run` starts one);
# RASMI_TASKS=immediate runs them in the caller instead (tests that are not about the queue).
TASKS = {"default": {
    "BACKEND": ("django.tasks.backends.immediate.ImmediateBackend"
                if env.str("RASMI_TASKS", default="database") == "immediate"
                else "django_tasks_db.DatabaseBackend"),
}}
# Meta app: the secret that signs webhook deliveries, and the token of the subscription
# handshake. Without them the webhook refuses everything.
META_APP_SECRET = env.str("META_APP_SECRET", default="")
META_VERIFY_TOKEN = env.str("META_VERIFY_TOKEN", default="")
# Fernet keys for secrets at rest (platform tokens), newest first; see rasmi/secrets_box.py.
RASMI_ENCRYPTION_KEYS = env.list("RASMI_ENCRYPTION_KEYS", default=[])
# Days before a platform token expires when Rasmi starts warning.
TOKEN_EXPIRY_WARNING_DAYS = env.int("TOKEN_EXPIRY_WARNING_DAYS", default=14)
# Publishing retries: attempts per account, and the first backoff in seconds (doubles).
PUBLISH_MAX_ATTEMPTS = env.int("PUBLISH_MAX_ATTEMPTS", default=5)
PUBLISH_BACKOFF_SECONDS = env.float("PUBLISH_BACKOFF_SECONDS", default=30.0)
# Inbox polling (YouTube comment threads, X mentions; rasmi/inbox/polling): seconds between
# reads of a stream, the first backoff after an error (doubles, with jitter) and its cap,
# failures in a row before a stream stops until its credential is replaced, and pages read
# per stream in one pass.
INBOX_POLL_INTERVAL_SECONDS = env.int("INBOX_POLL_INTERVAL_SECONDS", default=300)
INBOX_POLL_BACKOFF_SECONDS = env.float("INBOX_POLL_BACKOFF_SECONDS", default=60.0)
INBOX_POLL_BACKOFF_CAP_SECONDS = env.float("INBOX_POLL_BACKOFF_CAP_SECONDS", default=6 * 3600.0)
INBOX_POLL_MAX_FAILURES = env.int("INBOX_POLL_MAX_FAILURES", default=8)
INBOX_POLL_PAGES_PER_PASS = env.int("INBOX_POLL_PAGES_PER_PASS", default=5)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# Serve static files straight from the apps (no collectstatic step for `make run`).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
