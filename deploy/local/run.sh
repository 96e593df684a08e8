#!/usr/bin/env bash
# Runs the whole Webase platform locally with real servers and no Docker.
#   deploy/local/run.sh           build what changed, start everything, Ctrl-C stops it all
#   deploy/local/run.sh --reset   the same, after deleting the local data (.webase-local/)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA_HOME="$(bin/jdk21)"
export JAVA_HOME
echo "[local] using Java at $JAVA_HOME"
echo "[local] building (first time: a few minutes to download dependencies)…"
./mvnw -B -q -DskipTests -Dspotless.check.skip=true package -pl deploy/local -am
exec "$JAVA_HOME/bin/java" -cp "deploy/local/target/classes:$(cat deploy/local/target/classpath.txt)" \
  com.webase.local.LocalStack "$@"
