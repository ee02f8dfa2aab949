#!/usr/bin/env bash
# Install Debian's LibreOffice Writer (headless) and poppler's PDF tools for the test that opens
# the QA report's Word file outside Word. Without them that test is skipped with a clear reason,
# and everything else still runs.
set -u
if command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 \
  && command -v pdftoppm >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-office: not root or no apt-get; the Word file test will be skipped" >&2
  exit 0
fi
echo "install-office: installing Debian's LibreOffice Writer and poppler-utils (one-off)"
export DEBIAN_FRONTEND=noninteractive
for attempt in 1 2 3; do  # another process may hold the package lock for a moment
  apt-get update -qq >/dev/null 2>&1 || true
  if apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui poppler-utils \
    fonts-dejavu-core >/dev/null 2>&1 \
    || apt-get install -y -qq --no-install-recommends libreoffice-writer poppler-utils \
      fonts-dejavu-core >/dev/null 2>&1; then
    exit 0
  fi
  sleep $((attempt * 10))
done
echo "install-office: could not install LibreOffice; the Word file test will be skipped" >&2
exit 0
