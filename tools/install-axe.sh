#!/usr/bin/env bash
# Install axe-core (the accessibility rules engine) for the browser tests, from the npm registry,
# at the version pinned in tests/browser/axe/package-lock.json. Skipped when there is no Chromium
# to run it in.
set -u
here="$(dirname "$0")"
if ! command -v chromium >/dev/null 2>&1; then
  echo "install-axe: no Chromium, so the browser tests will be skipped; not installing axe-core" >&2
  exit 0
fi
exec bash "$here/npm-ci.sh" install-axe "$here/../tests/browser/axe" node_modules/axe-core/axe.min.js
