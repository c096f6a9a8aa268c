# Shared by the scripts: build on first use (and when sources changed), then the java command line.
# Sourced, not run.
set -euo pipefail
shopt -s inherit_errexit
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR="$ROOT/target/visa-waiver-impact.jar"
CLASSPATH_FILE="$ROOT/target/classpath.txt"

# Spark 3.5 on Java 17 needs --add-opens: one list, the property spark.jvm.opens in pom.xml (the tests
# get it through surefire's argLine), which the build writes to target/spark-jvm-opens.txt.
# ensure_built and ensure_bench_built load it into the array SPARK_JAVA_OPTS (and, as one string,
# EXECUTOR_JAVA_OPTS for spark.executor.extraJavaOptions).
JVM_OPENS_FILE="$ROOT/target/spark-jvm-opens.txt"
SPARK_JAVA_OPTS=()
EXECUTOR_JAVA_OPTS=""
load_spark_java_opts() {
  read -r -a SPARK_JAVA_OPTS < "$JVM_OPENS_FILE"
  EXECUTOR_JAVA_OPTS="${SPARK_JAVA_OPTS[*]}"
}

# The launcher's JVM options as the array JAVA_OPTS: WAIVER_JAVA_OPTS split at whitespace (no
# quoting, no file-name expansion), or the defaults given when it is unset or empty.
java_opts() {
  if [[ -n ${WAIVER_JAVA_OPTS:-} ]]; then
    read -r -a JAVA_OPTS <<< "$WAIVER_JAVA_OPTS"
  else
    JAVA_OPTS=("$@")
  fi
}

# For option loops: `--port) need_value "$@"; port=$2; shift 2 ;;` exits 2 naming the option when
# it is the last argument.
need_value() {
  (($# >= 2)) || { echo "error: option $1 needs a value" >&2; exit 2; }
}

# Rebuilds the jar when it is missing or older than any source, resource, configuration or pom.
ensure_built() {
  local stale=0 lock_fd
  # One build at a time: a nightly run and a user's command may start together.
  mkdir -p "$ROOT/target"
  exec {lock_fd}>>"$ROOT/target/.build.lock"
  flock "$lock_fd"
  if [[ ! -f $JAR || ! -f $CLASSPATH_FILE || ! -f $JVM_OPENS_FILE ]]; then
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
  load_spark_java_opts
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
  if [[ ! -f $BENCH_STAMP || ! -f $BENCH_CLASSPATH_FILE || ! -f $JVM_OPENS_FILE ]]; then
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
  load_spark_java_opts
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

# The address to connect to what listens on SPARK_LOCAL_IP (loopback when that is 0.0.0.0, all).
connect_host() {
  if [[ $SPARK_LOCAL_IP == 0.0.0.0 ]]; then echo 127.0.0.1; else echo "$SPARK_LOCAL_IP"; fi
}

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

port_in_use() { # PORT [HOST]
  (exec 3<>"/dev/tcp/${2:-127.0.0.1}/$1") 2>/dev/null
}

# Reads a growing log incrementally: sets NEW_LOG_LINES to the whole lines appended to FILE since
# the last call (LOG_OFFSET holds the bytes already read; start it at 0), never the same line twice,
# never a line still being written. A watchdog then looks at each line once instead of the whole
# log. Call it directly, not in $(...), or the offset is lost with the subshell.
LOG_OFFSET=0
NEW_LOG_LINES=""
new_log_lines() { # FILE
  local LC_ALL=C size chunk
  NEW_LOG_LINES=""
  size=$(stat -c %s "$1" 2>/dev/null) || return 0
  ((size > LOG_OFFSET)) || return 0
  chunk=$(tail -c "+$((LOG_OFFSET + 1))" "$1" | head -c "$((size - LOG_OFFSET))"; echo .)
  chunk=${chunk%.}
  [[ $chunk == *$'\n'* ]] || return 0
  chunk=${chunk%$'\n'*}$'\n'
  LOG_OFFSET=$((LOG_OFFSET + ${#chunk}))
  NEW_LOG_LINES=$chunk
}

# Prints the comment block at the top of a script (its usage), without the '#'.
usage_of() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$1" >&2
}
