#!/usr/bin/env bash
# The README's Production steps, followed literally on a fresh PostgreSQL database, then checked
# from outside with curl the way a browser behind the TLS proxy would see them:
#   migrate, collectstatic, check --deploy (no warnings), gunicorn with DEBUG off, a real
#   SECRET_KEY, ALLOWED_HOSTS and SECURE_PROXY_SSL_HEADER; the sign-in page, a hashed static file
#   and signed-in pages answer 200 with the security headers; plain HTTP is redirected to HTTPS;
#   a body over the limit is refused before it is read.
# Usage: scripts/production_smoke.sh (or make smoke). SMOKE_PG_SERVER points at the PostgreSQL
# server (default postgres://postgres@127.0.0.1:5432); a database of its own is made and dropped.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
PG_SERVER="${SMOKE_PG_SERVER:-postgres://postgres@127.0.0.1:5432}"
HOST="nightjar.example.org"
DB="nightjar_smoke_$$"
WORK="$(mktemp -d)"
PATH="$PWD/.venv/bin:$PATH"
GUNICORN_PID=""

cleanup() {
    local status=$?
    if [ -n "$GUNICORN_PID" ]; then
        kill "$GUNICORN_PID" 2>/dev/null || true
        wait "$GUNICORN_PID" 2>/dev/null || true
    fi
    psql -q "$PG_SERVER/postgres" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
    if [ "$status" -ne 0 ] && [ -f "$WORK/gunicorn.log" ]; then
        echo "--- gunicorn's log ---"
        tail -n 40 "$WORK/gunicorn.log"
    fi
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT

fail() {
    echo "SMOKE FAILED: $*" >&2
    exit 1
}

# The production environment, as the README's table describes it; nothing local leaks in.
unset DEBUG NIGHTJAR_LOCAL SECURE_COOKIES SECURE_SSL_REDIRECT SECURE_HSTS_SECONDS
export DATABASE_URL="$PG_SERVER/$DB"
SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')"
export SECRET_KEY
export ALLOWED_HOSTS="$HOST"
export CSRF_TRUSTED_ORIGINS="https://$HOST"
export SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https"
export STATIC_ROOT="$WORK/static"
export PRIVATE_UPLOAD_DIR="$WORK/private-uploads"

echo "== fresh database $DB"
psql -q "$PG_SERVER/postgres" -c "CREATE DATABASE $DB" >/dev/null

echo "== the README's production steps"
python manage.py migrate --noinput >/dev/null
python manage.py collectstatic --noinput >/dev/null
[ -f "$STATIC_ROOT/staticfiles.json" ] || fail "collectstatic wrote no manifest"
python manage.py check --deploy --fail-level WARNING

EMAIL="smoke@example.org"
PASSWORD="$(python -c 'import secrets; print(secrets.token_urlsafe(16))')"
SMOKE_EMAIL="$EMAIL" SMOKE_PASSWORD="$PASSWORD" python manage.py shell -c '
import os
from django.contrib.auth import get_user_model
get_user_model().objects.create_user(os.environ["SMOKE_EMAIL"], os.environ["SMOKE_PASSWORD"])
' >/dev/null

PORT="$(python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
echo "== gunicorn config.wsgi on 127.0.0.1:$PORT"
gunicorn config.wsgi --workers 2 --bind "127.0.0.1:$PORT" >"$WORK/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
for _ in $(seq 1 60); do
    curl -s -o /dev/null -H "Host: $HOST" "$BASE/" && break
    kill -0 "$GUNICORN_PID" 2>/dev/null || fail "gunicorn stopped"
    sleep 0.5
done

# fetch NAME PATH [curl args...]: the answer's headers in $WORK/NAME.h, its body in $WORK/NAME.b,
# sent as the proxy would (Host, X-Forwarded-Proto) unless told otherwise; prints the status.
fetch() {
    local name=$1 path=$2
    shift 2
    curl -s -o "$WORK/$name.b" -D "$WORK/$name.h" -w '%{http_code}' \
        -H "Host: $HOST" "$@" "$BASE$path"
}
HTTPS=(-H "X-Forwarded-Proto: https")

expect_status() { # expect_status NAME WANTED GOT
    [ "$3" = "$2" ] || fail "$1 answered $3, not $2"
    echo "ok   $1: $3"
}
expect_header() { # expect_header NAME HEADER EXTENDED-REGEX
    local values
    values="$(tr -d '\r' <"$WORK/$1.h" | sed -nE "s/^$2: //Ip")"
    grep -qiE "$3" <<<"$values" || fail "$1: no $2 header matching /$3/ (got: '$values')"
}
# The headers every page of the app carries.
expect_security_headers() {
    expect_header "$1" Strict-Transport-Security "max-age=[1-9][0-9]{6,}"
    expect_header "$1" X-Content-Type-Options nosniff
    expect_header "$1" X-Frame-Options DENY
    expect_header "$1" Referrer-Policy "same-origin|no-referrer"
    expect_header "$1" Content-Security-Policy "default-src 'self'"
    expect_header "$1" Content-Security-Policy "frame-ancestors 'none'"
    if grep -iE "^content-security-policy: .*unsafe" "$WORK/$1.h"; then fail "$1: CSP allows unsafe-*"; fi
    expect_header "$1" Permissions-Policy "camera=\(\)"
    echo "ok   $1: security headers"
}
cookie() { # cookie NAME COOKIE-NAME: its value from the answer's Set-Cookie
    grep -i "^set-cookie: $2=" "$WORK/$1.h" | head -n 1 | sed -E "s/^[^=]*=([^;]*).*/\1/I" | tr -d '\r'
}

echo "== curl, as a browser behind the TLS proxy"
expect_status "plain HTTP is redirected" 301 "$(fetch plain /accounts/login/)"
expect_header plain Location "^https://$HOST/accounts/login/"

expect_status "sign-in page" 200 "$(fetch login /accounts/login/ "${HTTPS[@]}")"
expect_security_headers login

STATIC_PATH="$(grep -oE '/static/css/nightjar\.[0-9a-f]{12}\.css' "$WORK/login.b" | head -n 1)"
[ -n "$STATIC_PATH" ] || fail "the sign-in page links no hashed stylesheet"
expect_status "hashed static file $STATIC_PATH" 200 "$(fetch static "$STATIC_PATH" "${HTTPS[@]}")"
expect_header static Cache-Control "immutable"

CSRF_COOKIE="$(cookie login csrftoken)"
CSRF_FIELD="$(grep -oE 'name="csrfmiddlewaretoken" value="[^"]+"' "$WORK/login.b" | head -n 1 \
    | sed -E 's/.*value="([^"]+)"/\1/')"
[ -n "$CSRF_COOKIE" ] && [ -n "$CSRF_FIELD" ] || fail "no CSRF cookie or field on the sign-in page"
# The cookies are Secure, so curl would not send them over this plain connection by itself: they
# are passed on by hand, as the browser does over HTTPS.
expect_status "sign in" 302 "$(fetch signin /accounts/login/ "${HTTPS[@]}" \
    -H "Cookie: csrftoken=$CSRF_COOKIE" -H "Origin: https://$HOST" \
    -H "Referer: https://$HOST/accounts/login/" \
    --data-urlencode "csrfmiddlewaretoken=$CSRF_FIELD" \
    --data-urlencode "username=$EMAIL" --data-urlencode "password=$PASSWORD")"
expect_header signin Set-Cookie "^sessionid=.*Secure"
SESSION="$(cookie signin sessionid)"

for page in / /log/ /nights/ /patterns/ /settings/; do
    name="page${page//\//_}"
    expect_status "signed-in page $page" 200 \
        "$(fetch "$name" "$page" "${HTTPS[@]}" -H "Cookie: sessionid=$SESSION; csrftoken=$CSRF_COOKIE")"
    grep -q 'aria-label="Main"' "$WORK/$name.b" || fail "$page is not the signed-in page"
    expect_security_headers "$name"
    expect_header "$name" Cache-Control "private.*no-store|no-store.*private"
done

# A body over the limit is refused before it is read: a client that claims a gigabyte gets 413 at
# once (curl sends only the headers and the first bytes), and so does a chunked one past the limit.
expect_status "1 GiB declared to the sign-in page" 413 "$(fetch big /accounts/login/ "${HTTPS[@]}" \
    --max-time 20 -H "Content-Length: 1073741824" -H "Expect:" --data-binary "x=1")"
expect_status "chunked 4 MB to the sign-in page" 413 "$(head -c 4000000 /dev/zero | fetch chunked \
    /accounts/login/ "${HTTPS[@]}" --max-time 20 -H "Transfer-Encoding: chunked" --data-binary @-)"

echo "== the signed-in home page's headers, as the proxy receives them"
tr -d '\r' <"$WORK/page_.h" | grep -viE '^(set-cookie|date):' | sed '/^$/d'
echo "== production smoke check passed in $((SECONDS - started)) s"
