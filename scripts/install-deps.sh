#!/usr/bin/env bash
# Installs every Debian package Comptoir needs, then the web/ npm packages.
# Idempotent and fast when everything is already there: dpkg-query decides,
# `apt-get update` only runs when something is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libcpp-httplib-dev nlohmann-json3-dev libsqlite3-dev sqlite3 libpq-dev
  libphonenumber-dev libicu-dev libargon2-dev libssl-dev libcli11-dev
  libkainjow-mustache-dev libexpected-dev libjemalloc-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcurl4-openssl-dev
  postgresql postgresql-contrib python3-aiosmtpd
  chromium wrk fonts-dejavu-core ca-certificates
  libcairo2-dev libpango1.0-dev fonts-liberation2 poppler-utils
  libzip-dev libxml2-dev libxlsxwriter-dev
  libxml2-dev libxml2-utils libqpdf-dev qpdf icc-profiles-free
)
# Node.js/npm: the machine may already ship them (e.g. a NodeSource build with
# a global npm); only fall back to Debian's packages when `node` is missing.
if ! command -v node >/dev/null 2>&1; then
  PACKAGES+=(nodejs)
fi
if ! command -v npm >/dev/null 2>&1; then
  PACKAGES+=(npm)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  status="$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)"
  if [ "$status" != "installed" ]; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      SUDO=(sudo)
    else
      echo "install-deps: missing packages and not root (no sudo): ${missing[*]}" >&2
      exit 1
    fi
  fi
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Use-Pty=0 \
    --no-install-recommends "${missing[@]}" </dev/null
fi

# web/ front-end packages: (re)install when node_modules is missing or older
# than the lock file.
WEB="$ROOT/web"
if [ -f "$WEB/package-lock.json" ]; then
  if [ ! -d "$WEB/node_modules" ] || [ "$WEB/package-lock.json" -nt "$WEB/node_modules" ]; then
    echo "install-deps: npm ci in web/"
    (cd "$WEB" && npm ci --no-audit --no-fund --loglevel=error)
    touch "$WEB/node_modules"
  fi
fi
