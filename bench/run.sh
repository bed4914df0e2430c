#!/usr/bin/env bash
# One benchmark scenario, one command:
#
#   bench/run.sh fanout-1000 | fanout-100 | small-rooms | idle | reconnect-storm [--option=value …]
#   bench/run.sh jmh [JMH options]          # the microbenchmarks
#   bench/run.sh load [--option=value …]    # the load generator alone, against a running server
#
# Builds the server's jar and the bench module (skip with BENCH_SKIP_BUILD=1), starts the
# servers itself (ChatSpace on a fresh temporary data directory, and the bare-Netty baseline),
# drives both from the same run, stops them, and prints a Markdown table; the whole output is
# also kept in bench/target/results/. Every load goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[[ $# -ge 1 ]] || { sed -n '2,12p' "$0"; exit 2; }

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
	./mvnw -q -B install -DskipTests
	./mvnw -q -B -f bench/pom.xml package -DskipTests
fi

# tens of thousands of sockets: as many descriptors as the hard limit allows
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

mkdir -p bench/target/results
command="$1"
shift
case "$command" in
	jmh|load|baseline|jfr-summary)
		exec "$JAVA_HOME/bin/java" -jar bench/target/chatspace-bench.jar "$command" "$@" ;;
	*)
		out="bench/target/results/$command-$(date -u +%Y%m%dT%H%M%SZ).md"
		"$JAVA_HOME/bin/java" -Xmx3g -jar bench/target/chatspace-bench.jar scenario "$command" "$@" | tee "$out"
		echo "(kept in $out)" ;;
esac
