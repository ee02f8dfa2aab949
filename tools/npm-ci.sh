#!/usr/bin/env bash
# Install the npm packages pinned (versions and integrity hashes) in FOLDER/package-lock.json,
# once: `npm ci` runs again only when the lock file is newer than the installed packages or
# FILE (a file the packages must provide, relative to FOLDER) is missing. Installs Debian's npm
# first where the machine allows. Used by install-axe.sh and install-editor.sh.
#   usage: npm-ci.sh NAME FOLDER FILE
set -u
name=$1 folder=$2 file=$3
cd "$folder" || exit 1
if [ -f "$file" ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "$name: installing Debian's npm (one-off)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null 2>&1 || true
    apt-get install -y -qq --no-install-recommends npm >/dev/null 2>&1
  fi
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "$name: npm is missing and could not be installed; install Node.js and npm, then run 'make browser-deps'" >&2
  exit 1
fi
echo "$name: installing from the npm registry (one-off)"
if ! npm ci --ignore-scripts --no-audit --no-fund --silent; then
  echo "$name: 'npm ci' failed in $folder" >&2
  exit 1
fi
test -f "$file" || { echo "$name: $file is missing after install" >&2; exit 1; }
