#!/usr/bin/env bash
# Install axe-core (the accessibility rules engine) for the browser tests, from the npm registry,
# at the version pinned in tests/browser/axe/package-lock.json. Needs npm (installed from
# Debian's packages where the machine allows). Skipped when there is no Chromium to run it in.
set -u
cd "$(dirname "$0")/../tests/browser/axe" || exit 1
if ! command -v chromium >/dev/null 2>&1; then
  echo "install-axe: no Chromium, so the browser tests will be skipped; not installing axe-core" >&2
  exit 0
fi
if [ -f node_modules/axe-core/axe.min.js ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "install-axe: installing Debian's npm (one-off)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null 2>&1 || true
    apt-get install -y -qq --no-install-recommends npm >/dev/null 2>&1
  fi
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "install-axe: npm is missing and could not be installed; install Node.js and npm, then run 'make browser-deps'" >&2
  exit 1
fi
echo "install-axe: installing axe-core from the npm registry"
if ! npm ci --no-audit --no-fund --silent; then
  echo "install-axe: 'npm ci' failed in tests/browser/axe; the accessibility tests cannot run" >&2
  exit 1
fi
test -f node_modules/axe-core/axe.min.js || { echo "install-axe: axe.min.js is missing after install" >&2; exit 1; }
