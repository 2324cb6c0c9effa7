#!/usr/bin/env bash
# Installs the benchmark's Amplify Gen 2 project (src/test/benchmark/amplify: our sample backend written with
# Amplify's TypeScript library) into TARGET_DIR with npm, unless an install of the same package.json is there.
# With SOURCES_DIR, that directory's contents are copied in instead of the benchmark's sources (the parity harness,
# src/test/parity, uses the same packages).
# Usage: amplify-setup.sh TARGET_DIR [SOURCES_DIR]
set -euo pipefail
fixture="$(cd "$(dirname "$0")/amplify" && pwd)"
target="${1:?Usage: amplify-setup.sh TARGET_DIR}"
mkdir -p "$target"
# the sources are copied every time (cheap); the packages only when package.json changed
if [ -n "${2:-}" ]; then
  for entry in "$2"/*; do rm -rf "$target/$(basename "$entry")"; done
  cp -r "$2"/* "$fixture/tsconfig.json" "$target/"
else
  rm -rf "$target/amplify" "$target/scale"
  cp -r "$fixture/amplify" "$fixture/scale" "$fixture/cdk.json" "$fixture/synth.ts" "$fixture/tsconfig.json" "$target/"
fi
want="$(sha256sum "$fixture/package.json" | cut -d' ' -f1)"
if [ -f "$target/.installed" ] && [ "$(cat "$target/.installed")" = "$want" ] && [ -d "$target/node_modules" ]; then
  exit 0
fi
echo "[benchmark] installing Amplify Gen 2 (@aws-amplify/backend, aws-cdk-lib, tsx: about 580 packages, 900 MB) into $target with npm; about a minute ..." >&2
cp "$fixture/package.json" "$target/package.json"
rm -f "$target/.installed"
if ! (cd "$target" && npm install --no-audit --no-fund --loglevel=error >&2); then
  echo "[benchmark] npm install in $target failed; see above" >&2
  exit 1
fi
echo "$want" > "$target/.installed"
