#!/usr/bin/env bash
# The benchmark of issue 8 on a fresh clone: builds the jar when src/ or pom.xml changed since it was built,
# (the harness lives in the test sources and compiles with them), then runs io.orderhub.bench.BenchMain (src/test/java/io/orderhub/bench) with the test classpath.
# usage: bench/run.sh [embedded|production|all] [--seed] [--jfr] [--connections=N] [--sustained=S] ... (--help)
# The mapping microbenchmark (JMH): bench/run.sh jmh [JMH options, e.g. -f 1 -wi 2 -i 3]
set -euo pipefail
cd "$(dirname "$0")/.."

jar=$(ls target/order-import-hub-*.jar 2>/dev/null | grep -v -- '-plain.jar' | head -1 || true)
if [[ -z "$jar" || -n "$(find src/main pom.xml -newer "$jar" -type f -print -quit)" ]]; then
  echo "building the jar (./mvnw package -DskipTests) ..."
  ./mvnw -B -q package -DskipTests
elif [[ ! -d target/test-classes || -n "$(find src/test -newer target/test-classes -type f -print -quit)" ]]; then
  ./mvnw -B -q test-compile
fi
if [[ ! -f target/bench-classpath.txt || pom.xml -nt target/bench-classpath.txt ]]; then
  ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
classpath="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"

# wrk (Debian) measures the no-op ceiling beside the harness's own, so the report shows whether the generator is the limit.
if [[ "${1:-}" != "jmh" ]] && ! command -v wrk >/dev/null && command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
  echo "installing Debian's wrk ..."
  { apt-get install -y -qq wrk || { apt-get update -qq && apt-get install -y -qq wrk; }; } >/dev/null 2>&1 || echo "could not install wrk: the report says so"
fi
if [[ "${1:-}" == "jmh" ]]; then
  shift
  exec java -cp "$classpath" org.openjdk.jmh.Main "${@:-io.orderhub.bench.MappingBenchmark}"
fi
if [[ " $* " == *" --help "* ]]; then
  set -- --help-unknown
fi
# The generator keeps every pre-generated delivery in memory (about 1 GB at the default --max-rate).
exec java -XX:+UseParallelGC -Xmx${BENCH_GENERATOR_HEAP:-3g} -cp "$classpath" io.orderhub.bench.BenchMain "$@"
