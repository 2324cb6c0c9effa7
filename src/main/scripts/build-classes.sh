# Sourced by run-java.sh and synth.sh: sets `root` (the project), `stamp` (target/classpath.txt, the classpath Maven
# writes at compile time) and `classpath` (the compiled classes and that file's jars), and recompiles first when any
# source, resource or the pom is newer than the last build, so stale classes never run.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
stamp="$root/target/classpath.txt"
if [ ! -f "$stamp" ] || [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$stamp" -print -quit)" ]; then
  if [ ! -f "$stamp" ]; then
    echo "[gen2] first run: compiling the backend with Maven (about a minute and a half on a fresh clone, while Maven downloads its dependencies) ..." >&2
  else
    echo "[gen2] sources changed: recompiling (mvn process-classes) ..." >&2
  fi
  # the stamp takes the time the build started, so a file saved during the build is newer and builds again
  started="$(mktemp)"
  # Maven writes colour resets (ESC[0m) even in batch mode; keep its messages, drop the codes
  mvn -q -B -Dstyle.color=never -f "$root/pom.xml" process-classes 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2
  touch -r "$started" "$stamp"
  rm -f "$started"
fi
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-20}"
classpath="$root/target/classes:$(cat "$stamp")"
