#!/usr/bin/env bash
# Installs Debian's poppler-utils (pdftoppm) for the golden-image tests of the generated PDFs
# (tests/integration/documents/golden.test.ts), and fonts-liberation, which fontconfig gives
# poppler for the non-embedded Helvetica: the same substitute font on every machine keeps the
# rendered pages comparable with tests/golden/*.png. Idempotent; needs root (or sudo).
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
dpkg -s fonts-liberation >/dev/null 2>&1 || missing+=(fonts-liberation)

if [ "${#missing[@]}" -gt 0 ]; then
  echo "ci-poppler: installing ${missing[*]}" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
fi
# sed reads everything: with pipefail, head would make pdftoppm die of SIGPIPE and fail the run.
pdftoppm -v 2>&1 | sed -n 1p >&2
