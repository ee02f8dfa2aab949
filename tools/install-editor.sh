#!/usr/bin/env bash
# Install the browser editor's program (Decap CMS) and its local proxy (decap-server) from the
# npm registry, at the versions and integrity hashes pinned in editor/package-lock.json.
set -u
here="$(dirname "$0")"
exec bash "$here/npm-ci.sh" install-editor "$here/../editor" node_modules/decap-cms/dist/decap-cms.js
