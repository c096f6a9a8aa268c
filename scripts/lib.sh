# Shared by the scripts: build on first use (and when sources changed), then the java command line.
# Sourced, not run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR="$ROOT/target/visa-waiver-impact.jar"
CLASSPATH_FILE="$ROOT/target/classpath.txt"

# Spark 3.5 on Java 17 needs these opens (also in pom.xml, for the tests).
SPARK_JAVA_OPTS=(
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true
)

# Rebuilds the jar when it is missing or older than any source, resource, configuration or pom.
ensure_built() {
  local stale=0
  if [[ ! -f $JAR || ! -f $CLASSPATH_FILE ]]; then
    stale=1
  elif [[ -n $(find "$ROOT/src/main" "$ROOT/pom.xml" "$ROOT/conf/application.conf" -newer "$JAR" -print -quit) ]]; then
    stale=1
  fi
  if (( stale )); then
    command -v mvn >/dev/null || { echo "error: Maven (mvn) is needed to build the job; install it (apt-get install maven) and retry" >&2; exit 1; }
    echo "building the job (first use or sources changed)..." >&2
    (cd "$ROOT" && mvn -q -B -Dmaven.test.skip=true package >&2) || { echo "error: the build failed; see the Maven output above" >&2; exit 1; }
  fi
}

git_commit() {
  local c
  c=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null) || { echo unknown; return; }
  [[ -n $(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null) ]] && c="$c-dirty"
  echo "$c"
}

JAVA_BIN=${JAVA_HOME:+$JAVA_HOME/bin/}java
