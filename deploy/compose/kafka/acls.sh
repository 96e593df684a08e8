#!/bin/bash
# Each service's principal may write only its own topic (and the dead-letter topics of what it
# consumes) and read only the topics it consumes, in its own consumer groups (DESIGN §4).
# Topics are declared by the services themselves (partitions, replication, min.insync.replicas,
# retention; decision 0032), so each may also create, describe and configure its own topic; a
# dead-letter topic it may create and write, not reconfigure.
set -euo pipefail

config=$(mktemp)
cat >"$config" <<CONF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
CONF
acls() { /opt/kafka/bin/kafka-acls.sh --bootstrap-server kafka:9092 --command-config "$config" "$@"; }

writes() { # principal topic...: its own topic, which it declares (decision 0032): Create, and
  # Alter/AlterConfigs to bring it to the declared partitions and configuration
  local who="$1"; shift
  for topic in "$@"; do
    acls --add --allow-principal "User:$who" --operation Write --operation Describe \
      --operation Create --operation Alter --operation DescribeConfigs --operation AlterConfigs \
      --topic "$topic"
  done
}
dead_letters() { # principal topic: a DLT several consumers share; created if missing, but its
  # configuration is left alone (no one consumer may shorten what another parked there)
  acls --add --allow-principal "User:$1" --operation Write --operation Describe \
    --operation Create --operation DescribeConfigs --topic "$2"
}
reads() { # principal group topic...
  local who="$1" group="$2"; shift 2
  for topic in "$@"; do
    acls --add --allow-principal "User:$who" --operation Read --operation Describe --topic "$topic"
    # what it cannot handle goes to the topic's dead-letter topic
    dead_letters "$who" "$topic.DLT"
  done
  acls --add --allow-principal "User:$who" --operation Read --group "$group" --resource-pattern-type prefixed
}

writes account-service webase.account.events
reads account-service account-service webase.token.events

writes token-service webase.token.events
reads token-service token-service webase.account.events

writes apps-service webase.apps.events
reads apps-service apps-service webase.apps.events

writes records-service webase.records.events
reads records-service records-service webase.apps.events

reads notification-service notification-service \
  webase.account.events webase.token.events webase.apps.events

# every gateway replica reads revocations in a group of its own: gateway-revocations-<uuid>
acls --add --allow-principal User:gateway --operation Read --operation Describe --topic webase.token.events
acls --add --allow-principal User:gateway --operation Read --group gateway-revocations- --resource-pattern-type prefixed

rm -f "$config"
echo "ACLs in place"
