#!/usr/bin/env bash
# Lints the document the runtime serves for the example modules with Redocly CLI's recommended
# rules (redocly.yaml at the repository root says which rule is off and why). Needs node and npm
# (the npm registry); run after `mvn verify`, which writes clients-it/target/openapi.json with the
# runtime jar's `openapi` subcommand.
set -euo pipefail
cd "$(dirname "$0")/.."
document=clients-it/target/openapi.json
if [[ ! -s "$document" ]]; then
  echo "no $document: run mvn verify first" >&2
  exit 1
fi
npx --yes @redocly/cli@2.77.0 lint "$document" --config redocly.yaml
