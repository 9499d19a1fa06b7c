#!/usr/bin/env bash
# Formats every Swift file in place with the toolchain's swift-format and .swift-format, then lints
# strictly as CI does. Usage: scripts/format.sh [--check]
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" != "--check" ]]; then
    git ls-files -z --cached --others --exclude-standard '*.swift' | xargs -0 swift format format -i
fi
git ls-files -z --cached --others --exclude-standard '*.swift' | xargs -0 swift format lint --strict
