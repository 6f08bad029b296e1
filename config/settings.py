"""Nightjar settings. Everything that differs between machines comes from the environment."""

import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)
# A run on a developer's machine (make run, the test suite) rather than a deployment.
LOCAL = DEBUG or env_bool("NIGHTJAR_LOCAL") or "pytest" in sys.modules


def _local_secret_key():
    """A key for local runs, made once and kept in an ignored file so sessions survive restarts."""
    key_file = BASE_DIR / ".secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if LOCAL:
        SECRET_KEY = _local_secret_key()
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "accounts",
    "journal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the body: a body over its path's limit is refused unread (413).
    "config.middleware.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed (WhiteNoise already serves static files compressed, and answers before
    # this). BREACH: Django masks CSRF tokens per response and pads each gzip header with 0-99
    # random bytes; docs/audit.md says why that is enough for Nightjar's pages.
    "django.middleware.gzip.GZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.ResponseHeadersMiddleware",
    "accounts.middleware.UserTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it turns a locked-out sign-in into the lockout page (accounts/lockout.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

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
                "accounts.context_processors.preferences",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses every sign-in while the email or the client address is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Lockout of repeated failed sign-ins (django-axes, accounts/lockout.py), on /accounts/login/ and
# /admin/login/ alike: 5 failures for one email, or from one client address, pause signing in
# there for 15 minutes after the last failure. Unknown emails are counted like known ones, so the
# lockout says nothing about which accounts exist. `manage.py unlock <email>` lifts it.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "accounts.lockout.email_of"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.locked_out_response"
# A try during the pause neither counts nor extends it, so the time the page names holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Keep no log of successful sign-ins (addresses and browsers of every visit); failures are kept
# only while they count.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# How many proxies in front of Nightjar append to X-Forwarded-For: the client's address is that
# many entries from the right. Production runs behind one TLS proxy (README, "Production");
# local runs are reached directly, where the header is whatever the browser sent.
NIGHTJAR_PROXY_COUNT = int(os.environ.get("NIGHTJAR_PROXY_COUNT", "0" if LOCAL else "1"))

if "pytest" in sys.modules:
    # The production hasher costs ~0.4 s a password by design; tests make hundreds of users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if LOCAL
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = LOCAL

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background tasks (the django-tasks backport of Django's tasks framework): the import of recorded
# sleep stages runs in `manage.py db_worker`, a second process beside the web server, which takes
# tasks from the database. The tests run each task at once, inside the request that enqueues it.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if "pytest" in sys.modules
        else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# Uploads always go to a temporary file, never into memory, whatever their size: an Apple Health
# export can be hundreds of megabytes.
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.TemporaryFileUploadHandler"]
# The largest file of recorded sleep stages the import page takes (an Apple Health export.zip is
# often 50–300 MB). The journal's own export has a smaller limit (journal/data/importer.py).
STAGE_UPLOAD_MAX_BYTES = int(os.environ.get("STAGE_UPLOAD_MAX_BYTES", 1024**3))
# The largest request body by path prefix (config.middleware.RequestBodyLimitMiddleware refuses
# anything bigger with 413 before reading it, signed in or not): the import page takes the largest
# stage file and the form around it; every other path at most Django's own limit for form data
# (2.5 MB: a diary with every note at its longest is a few kB).
REQUEST_BODY_LIMITS = {"/import/": STAGE_UPLOAD_MAX_BYTES + 1024 * 1024}
REQUEST_BODY_DEFAULT_LIMIT = DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Where an uploaded stage file waits for the worker: a private folder, never one the web server
# serves (not under static/ or any media root). Web server and worker must both reach it.
PRIVATE_UPLOAD_DIR = Path(os.environ.get("PRIVATE_UPLOAD_DIR", BASE_DIR / "private-uploads"))

# Django's renderer with the plain <input> and <textarea> templates in Python (the same markup).
FORM_RENDERER = "config.form_renderer.FormRenderer"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Nightjar <nightjar@localhost>")

SESSION_COOKIE_AGE = 60 * 60 * 24 * 60  # stay signed in on the phone for two months
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
# A strict Content-Security-Policy on every response (django-csp): scripts, styles and everything
# else only from Nightjar's own files, no inline code or styles (tests/test_templates_csp.py keeps
# templates free of them), never framed, forms post only here. The service worker, the web app
# manifest and the offline queue's fetches are same-origin; Bootstrap's form icons are data: SVGs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
# Browser features Nightjar never uses, turned off for its pages and anything they could embed.
# (The partner's timer vibrates the phone, which no policy governs.)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not LOCAL)


def env_proxy_ssl_header(name):
    """`X-Forwarded-Proto: https` (or just the header's name) as Django's (META key, value)."""
    header, _, value = os.environ.get(name, "").partition(":")
    if not header.strip():
        return None
    meta_key = "HTTP_" + header.strip().upper().replace("-", "_")
    return (meta_key, value.strip() or "https")


# Behind a TLS-terminating proxy, the header it sets to say the request came over HTTPS; without
# it every request looks like plain HTTP (share and reset links would start with http://).
# Only set it when the proxy always sets or overwrites that header.
SECURE_PROXY_SSL_HEADER = env_proxy_ssl_header("SECURE_PROXY_SSL_HEADER")
# Deployments answer HTTPS only: plain HTTP is redirected, and browsers are told (HSTS) to use
# HTTPS for a year. A proxy that redirects by itself may turn the redirect off; local runs serve
# plain HTTP on 127.0.0.1.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not LOCAL)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 0 if LOCAL else 365 * 24 * 3600))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
