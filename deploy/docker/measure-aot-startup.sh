#!/usr/bin/env bash
# Measures what the images' AOT cache (deploy/docker/Dockerfile) gains at start-up, with the jars
# the build made (./mvnw -B -DskipTests package first), without Docker: each jar is extracted as the
# image extracts it, trained as the image trains it, then started to a refreshed context
# (spring.context.exit=onRefresh: everything a start does before it connects to its servers) with
# and without the cache, alternately, ROUNDS times. Prints the median wall time of each.
#
#   deploy/docker/measure-aot-startup.sh [ROUNDS]        (JAVA_HOME: a JDK >= 25)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-5}"
java="${JAVA_HOME:?set JAVA_HOME to a JDK 25}/bin/java"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# the secrets a context refuses to start without; random, for this measurement only
secret="$(head -c 48 /dev/urandom | base64 -w0)"
export WEBASE_TOKEN_ENCRYPTION_SECRET="$secret" WEBASE_ACCOUNT_CLIENT_SECRET="$secret" \
  WEBASE_PORTAL_CLIENT_SECRET="$secret" WEBASE_GATEWAY_CLIENT_SECRET="$secret"
# the settings a service refuses to start without; nothing connects before the context exits
export WEBASE_DB_HOST=measurement.invalid WEBASE_DB_USER=measurement
start() { # dir, extra JVM options...
  local dir="$1"; shift
  (cd "$dir" && "$java" "$@" -Dspring.context.exit=onRefresh -Dspring.flyway.enabled=false \
    -cp . org.springframework.boot.loader.launch.JarLauncher >/dev/null 2>&1) || true
}
millis() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
printf '| process | without AOT cache (ms) | with AOT cache (ms) | gain |\n|---|---|---|---|\n'
for service in gateway account-service token-service apps-service records-service notification-service; do
  dir="$work/$service"
  "$java" -Djarmode=tools -jar "$service/target/$service.jar" extract --layers --launcher \
    --destination "$dir/layers" >/dev/null
  mkdir -p "$dir/app"
  for layer in dependencies spring-boot-loader snapshot-dependencies application; do
    cp -r "$dir/layers/$layer/." "$dir/app/"
  done
  start "$dir/app" -XX:AOTCacheOutput=application.aot
  plain=(); cached=()
  for _ in $(seq "$rounds"); do
    t=$(millis); start "$dir/app"; plain+=($(( $(millis) - t )))
    t=$(millis); start "$dir/app" -XX:AOTCache=application.aot; cached+=($(( $(millis) - t )))
  done
  p=$(printf '%s\n' "${plain[@]}" | median); c=$(printf '%s\n' "${cached[@]}" | median)
  printf '| %s | %s | %s | %s %% |\n' "$service" "$p" "$c" "$(awk -v p="$p" -v c="$c" 'BEGIN {printf "%.0f", 100 * (p - c) / p}')"
done
