#!/usr/bin/env bash
# Runs a main class of this project with plain `java -cp` and the classpath file Maven writes at compile time
# (no Maven on every run), recompiling first when sources changed. Usage: run-java.sh MAIN_CLASS [ARGS...]; the
# working directory is kept.
set -euo pipefail
source "$(dirname "$0")/build-classes.sh"
main_class="$1"
shift
exec java -cp "$classpath" "$main_class" "$@"
