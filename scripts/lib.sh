# Shared by the scripts: build on first use (and when sources changed), then the java command line.
# Sourced, not run.
set -euo pipefail
shopt -s inherit_errexit
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
  local stale=0 lock_fd
  # One build at a time: a nightly run and a user's command may start together.
  mkdir -p "$ROOT/target"
  exec {lock_fd}>>"$ROOT/target/.build.lock"
  flock "$lock_fd"
  if [[ ! -f $JAR || ! -f $CLASSPATH_FILE ]]; then
    stale=1
  elif [[ -n $(find "$ROOT/src/main" "$ROOT/pom.xml" "$ROOT/conf/application.conf" -newer "$JAR" -print -quit) ]]; then
    stale=1
  fi
  if (( stale )); then
    command -v mvn >/dev/null || { echo "error: Maven (mvn) is needed to build the job; install it (apt-get install maven) and retry" >&2; exit 1; }
    echo "building the job (first use or sources changed)..." >&2
    (cd "$ROOT" && mvn -q -B -Dmaven.test.skip=true -Dwaiver.git-commit="$(git_commit)" package >&2) || { echo "error: the build failed; see the Maven output above" >&2; exit 1; }
  fi
  exec {lock_fd}>&-
}

# Benchmarks and the sample generator (src/bench) are compiled with the tests, outside the jar:
# rebuilds target/test-classes when missing or older than any source; their launchers run
# "$JAVA_BIN" ... -cp "$BENCH_CP" CLASS.
BENCH_STAMP="$ROOT/target/.bench-built"
BENCH_CLASSPATH_FILE="$ROOT/target/bench-classpath.txt"
ensure_bench_built() {
  local stale=0 lock_fd
  mkdir -p "$ROOT/target"
  exec {lock_fd}>>"$ROOT/target/.build.lock"
  flock "$lock_fd"
  if [[ ! -f $BENCH_STAMP || ! -f $BENCH_CLASSPATH_FILE ]]; then
    stale=1
  elif [[ -n $(find "$ROOT/src" "$ROOT/pom.xml" "$ROOT/conf/application.conf" -newer "$BENCH_STAMP" -print -quit) ]]; then
    stale=1
  fi
  if (( stale )); then
    command -v mvn >/dev/null || { echo "error: Maven (mvn) is needed to build the benchmarks; install it (apt-get install maven) and retry" >&2; exit 1; }
    echo "building the benchmarks (first use or sources changed)..." >&2
    (cd "$ROOT" && mvn -q -B -DskipTests test-compile >&2) || { echo "error: the build failed; see the Maven output above" >&2; exit 1; }
    touch "$BENCH_STAMP"
  fi
  exec {lock_fd}>&-
  BENCH_CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$BENCH_CLASSPATH_FILE")"
}

git_commit() {
  local c
  c=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null) || { echo unknown; return; }
  [[ -n $(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null) ]] && c="$c-dirty"
  echo "$c"
}

JAVA_BIN=${JAVA_HOME:+$JAVA_HOME/bin/}java

# --- Spark standalone (scripts/cluster, scripts/submit) -------------------------------------------
# The worker starts executors as `java -cp $SPARK_HOME/jars/*`, so SPARK_HOME/jars must hold every
# runtime jar (Spark included) and the application jar; links into ~/.m2 and target/ are enough.
SPARK_HOME_DIR="$ROOT/target/spark-home"
EXECUTOR_JAVA_OPTS="${SPARK_JAVA_OPTS[*]}"

prepare_spark_home() {
  mkdir -p "$SPARK_HOME_DIR/jars" "$SPARK_HOME_DIR/conf"
  find "$SPARK_HOME_DIR/jars" -maxdepth 1 -type l -delete
  local jar
  while IFS= read -r jar; do
    [[ -n $jar ]] && ln -sf "$jar" "$SPARK_HOME_DIR/jars/"
  done < <(tr ':' '\n' < "$CLASSPATH_FILE")
  ln -sf "$JAR" "$SPARK_HOME_DIR/jars/"
  local missing
  missing=$(find -L "$SPARK_HOME_DIR/jars" -maxdepth 1 -type l -print -quit)
  if [[ -n $missing ]]; then
    echo "error: $missing points to a missing file; rebuild with 'mvn -B -Dmaven.test.skip=true package' and retry" >&2
    exit 1
  fi
  # Master and workers log at INFO (registrations, executors lost) to their log files.
  cat > "$SPARK_HOME_DIR/conf/log4j2-daemons.properties" <<'PROPS'
status = error
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yyyy-MM-dd HH:mm:ss} %-5p %c{1}: %m%n
rootLogger.level = warn
rootLogger.appenderRef.stdout.ref = console
logger.deploy.name = org.apache.spark.deploy
logger.deploy.level = info
PROPS
  export SPARK_HOME="$SPARK_HOME_DIR" SPARK_SCALA_VERSION=2.12
}

# Spark binds to loopback unless the caller chose an address (SPARK_LOCAL_IP=0.0.0.0 opens it up).
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}

# A secret for spark.authenticate, read from a file only the owner can read (never from the
# command line, so it cannot show in `ps` or in logs). Prints the secret; exits 2 on a bad file.
read_secret_file() {
  local f=$1 mode
  [[ -f $f ]] || { echo "error: secret file $f not found; create it with: (umask 077; openssl rand -hex 32 > $f)" >&2; exit 2; }
  mode=$(stat -c %a "$f")
  if [[ $mode != 600 && $mode != 400 ]]; then
    echo "error: secret file $f has mode $mode; it must be readable by its owner only: chmod 600 $f" >&2
    exit 2
  fi
  local s
  s=$(head -n 1 "$f" | tr -d '[:space:]')
  [[ -n $s ]] || { echo "error: secret file $f is empty; put one line of random text in it (openssl rand -hex 32)" >&2; exit 2; }
  printf '%s' "$s"
}

# Writes a Spark properties file (mode 600) with spark.authenticate and the secret; prints its path.
write_auth_properties() {
  local secret_file=$1 dir=$2 secret
  secret=$(read_secret_file "$secret_file")
  mkdir -p "$dir"
  local props="$dir/auth.properties"
  (umask 077; printf 'spark.authenticate=true\nspark.authenticate.secret=%s\n' "$secret" > "$props")
  printf '%s' "$props"
}

# Is this pid alive and running the given Java main class (guards against reused pids)?
pid_runs() {
  local pid=$1 class=$2
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && grep -qa -- "$class" "/proc/$pid/cmdline" 2>/dev/null
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints the comment block at the top of a script (its usage), without the '#'.
usage_of() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$1" >&2
}
