#!/usr/bin/env bash
# Install the browser editor's program (Decap CMS) and its local proxy (decap-server) from the
# npm registry, at the versions and integrity hashes pinned in editor/package-lock.json.
# Needs npm (installed from Debian's packages where the machine allows it).
set -u
cd "$(dirname "$0")/../editor" || exit 1
if [ -f node_modules/decap-cms/dist/decap-cms.js ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "install-editor: installing Debian's npm (one-off)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null 2>&1 || true
    apt-get install -y -qq --no-install-recommends npm >/dev/null 2>&1
  fi
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "install-editor: npm is missing and could not be installed; install Node.js and npm, then run 'make editor-deps'" >&2
  exit 1
fi
echo "install-editor: installing Decap CMS from the npm registry (one-off, about 2 minutes)"
if ! npm ci --ignore-scripts --no-audit --no-fund --silent; then
  echo "install-editor: 'npm ci' failed in editor/; the browser editor cannot be built" >&2
  exit 1
fi
test -f node_modules/decap-cms/dist/decap-cms.js || { echo "install-editor: decap-cms.js is missing after install" >&2; exit 1; }
