#!/usr/bin/env bash
# Validates the Kubernetes and KServe manifests under deploy/ offline (no cluster): see
# deploy/validate/validate.mjs. Installs Node.js from Debian if it is missing, and the validator's
# npm packages (pinned in package-lock.json) into deploy/validate/node_modules.
set -euo pipefail
cd "$(dirname "$0")/validate"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm >/dev/null
fi
if ! cmp -s package-lock.json node_modules/.installed-from-lock 2>/dev/null; then
    npm ci --no-audit --no-fund --silent
    cp package-lock.json node_modules/.installed-from-lock
fi
shopt -s globstar
exec node validate.mjs ../kubernetes/**/*.yaml ../kserve/*.yaml --invalid invalid/*.yaml
