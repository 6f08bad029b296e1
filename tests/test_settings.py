"""Settings come from the environment. Each case runs Python afresh, since settings load once."""

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SHOW_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
db = settings.DATABASES["default"]
print(json.dumps({
    "engine": db["ENGINE"], "name": str(db["NAME"]), "host": db.get("HOST"),
    "conn_max_age": db["CONN_MAX_AGE"], "health_checks": db["CONN_HEALTH_CHECKS"],
    "allowed_hosts": settings.ALLOWED_HOSTS, "csrf_origins": settings.CSRF_TRUSTED_ORIGINS,
    "debug": settings.DEBUG, "secure_cookies": settings.SESSION_COOKIE_SECURE,
    "email_backend": settings.EMAIL_BACKEND, "email_host": settings.EMAIL_HOST,
    "static_storage": settings.STORAGES["staticfiles"]["BACKEND"],
    "ssl_redirect": settings.SECURE_SSL_REDIRECT, "hsts_seconds": settings.SECURE_HSTS_SECONDS,
    "proxy_ssl_header": settings.SECURE_PROXY_SSL_HEADER,
}))
"""
# Anything the test run itself set that would change what the settings see.
CONTROLLED = {
    "SECRET_KEY",
    "DEBUG",
    "NIGHTJAR_LOCAL",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "SECURE_COOKIES",
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "CONN_MAX_AGE",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "STATIC_ROOT",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests' Playwright plugin
}
# The environment the README's Production section asks for.
PRODUCTION = {
    "SECRET_KEY": "a-real-secret-key-" + "x" * 40,
    "ALLOWED_HOSTS": "nightjar.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://nightjar.example.org",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto: https",
}


def run_python(code, **env):
    return run([sys.executable, "-c", code], **env)


def run_manage(*args, **env):
    return run([sys.executable, "manage.py", *args], **env)


def run(command, **env):
    clean = {key: value for key, value in os.environ.items() if key not in CONTROLLED}
    clean["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return subprocess.run(
        command,
        cwd=PROJECT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_with(**env):
    result = run_python(SHOW_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_postgres_from_database_url_keeps_connections_open():
    seen = settings_with(
        NIGHTJAR_LOCAL="1", DATABASE_URL="postgres://nightjar:pw@db.internal:5432/nightjar"
    )
    assert seen["engine"] == "django.db.backends.postgresql"
    assert seen["name"] == "nightjar"
    assert seen["host"] == "db.internal"
    assert seen["conn_max_age"] > 0
    assert seen["health_checks"] is True


def test_the_default_database_is_an_sqlite_file_in_the_project():
    seen = settings_with(NIGHTJAR_LOCAL="1")
    assert seen["engine"] == "django.db.backends.sqlite3"
    assert Path(seen["name"]) == PROJECT / "db.sqlite3"


def test_a_deployment_without_secret_key_refuses_to_start():
    result = run_python("import config.wsgi")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_a_deployment_with_secret_key_starts_with_secure_cookies():
    result = run_python("import config.wsgi; print('started')", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout
    seen = settings_with(
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="nightjar.example.org, www.nightjar.example.org",
        CSRF_TRUSTED_ORIGINS="https://nightjar.example.org",
    )
    assert seen["debug"] is False
    assert seen["secure_cookies"] is True
    assert seen["allowed_hosts"] == ["nightjar.example.org", "www.nightjar.example.org"]
    assert seen["csrf_origins"] == ["https://nightjar.example.org"]
    assert seen["static_storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_local_runs_print_email_to_the_console_unless_told_otherwise():
    assert settings_with(NIGHTJAR_LOCAL="1")["email_backend"].endswith("console.EmailBackend")
    seen = settings_with(
        NIGHTJAR_LOCAL="1",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="smtp.example.org",
    )
    assert seen["email_backend"] == "django.core.mail.backends.smtp.EmailBackend"
    assert seen["email_host"] == "smtp.example.org"


def test_secure_cookies_can_be_turned_off_for_a_plain_http_deployment():
    seen = settings_with(SECRET_KEY="x" * 50, SECURE_COOKIES="false")
    assert seen["secure_cookies"] is False


def test_local_runs_work_over_plain_http_without_debug():
    seen = settings_with(NIGHTJAR_LOCAL="1")
    assert seen["debug"] is False
    assert seen["secure_cookies"] is False
    assert seen["static_storage"] == "django.contrib.staticfiles.storage.StaticFilesStorage"


def test_local_runs_have_no_https_redirect_or_hsts():
    seen = settings_with(NIGHTJAR_LOCAL="1")
    assert seen["ssl_redirect"] is False
    assert seen["hsts_seconds"] == 0
    assert seen["proxy_ssl_header"] is None


def test_a_deployment_redirects_to_https_and_sends_hsts_for_a_year():
    seen = settings_with(**PRODUCTION)
    assert seen["ssl_redirect"] is True
    assert seen["hsts_seconds"] == 365 * 24 * 3600
    assert seen["proxy_ssl_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_a_proxy_that_redirects_by_itself_can_turn_the_redirect_off():
    seen = settings_with(**PRODUCTION, SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="0")
    assert seen["ssl_redirect"] is False
    assert seen["hsts_seconds"] == 0


def test_the_proxy_header_may_be_given_by_name_alone():
    seen = settings_with(**{**PRODUCTION, "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Ssl: on"})
    assert seen["proxy_ssl_header"] == ["HTTP_X_FORWARDED_SSL", "on"]
    seen = settings_with(**{**PRODUCTION, "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto"})
    assert seen["proxy_ssl_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_manage_py_with_secret_key_gets_the_web_servers_settings():
    """collectstatic must write the manifest that gunicorn's storage reads."""
    show_storage = "from django.conf import settings; print(settings.STORAGES['staticfiles'])"
    deployed = run_manage("shell", "-c", show_storage, **PRODUCTION)
    assert deployed.returncode == 0, deployed.stderr
    assert "CompressedManifestStaticFilesStorage" in deployed.stdout
    local = run_manage("shell", "-c", show_storage)
    assert local.returncode == 0, local.stderr
    assert "django.contrib.staticfiles.storage.StaticFilesStorage" in local.stdout


def test_check_deploy_finds_nothing_to_warn_about_in_the_readme_environment():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
