#!/usr/bin/env bash
# Runs the HighLevel SDK conformance script against a running dealflow server; starts nothing itself.
# Usage: compat/run-conformance.sh <base-url> <api-key> <location-id>
# Installs the SDK from the committed package-lock.json into compat/node_modules on first use.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -d node_modules/@gohighlevel/api-client ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
exec node conformance.mjs "$@"
