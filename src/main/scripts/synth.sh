#!/usr/bin/env bash
# cdk.json's app command: synthesizes the backend class it names through the project's synth server, a JVM that
# keeps aws-cdk-lib loaded between synths (synth-client.js starts it on first use; it stops after 30 idle minutes,
# once the project directory is gone, or when it is the longest idle of more than GEN2_SYNTH_SERVER_MAX_RUNNING).
# GEN2_SYNTH_SERVER=off runs the class in a JVM of its own instead, the default where CI is set (a one-off synth
# gains nothing from a warm server, and a CI job should not leave one behind). `synth.sh --stop` stops the servers.
# Usage: synth.sh BACKEND_CLASS [ARGS...]; the working directory is kept.
set -euo pipefail
if [ "${1:-}" = "--stop" ]; then
  # no build for a stop: it must work while the sources do not compile
  exec node "$(dirname "$0")/synth-client.js" "$(cd "$(dirname "$0")/../../.." && pwd)" "" --stop
fi
if [ -n "${CI:-}" ] && [ "${CI:-}" != "false" ]; then default_mode=off; else default_mode=on; fi
if [ "${GEN2_SYNTH_SERVER:-$default_mode}" = "off" ]; then
  exec bash "$(dirname "$0")/run-java.sh" "$@"
fi
source "$(dirname "$0")/build-classes.sh"
exec node "$(dirname "$0")/synth-client.js" "$root" "$classpath" "$@"
