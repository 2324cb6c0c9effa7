#!/usr/bin/env bash
# What cdk.json runs: the compiled sample backend, started with plain `java -cp` (no Maven on every synth).
# Recompiles first when any source, resource or the pom is newer than the last build, so stale classes are
# never synthesized.
set -euo pipefail
cd "$(dirname "$0")/../../.."
stamp=target/classpath.txt
if [ ! -f "$stamp" ] || [ -n "$(find src/main pom.xml -newer "$stamp" -print -quit)" ]; then
  mvn -q -B compile >&2
  touch "$stamp"
fi
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-20}"
exec java -cp "target/classes:$(cat "$stamp")" "${BACKEND_MAIN_CLASS:-amplify.BackendApp}"
