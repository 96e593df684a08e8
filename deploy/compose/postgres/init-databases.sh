#!/bin/bash
# One database and one role per service (and Keycloak's), each role owning only its database.
# Runs once, when the data volume is new. Passwords come from the environment (secrets.env).
set -euo pipefail

create() {
  local name="$1" password="$2"
  psql -v ON_ERROR_STOP=1 --username postgres --dbname postgres \
    --set=name="$name" --set=password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
}

create account_service "$ACCOUNT_SERVICE_DB_PASSWORD"
create token_service "$TOKEN_SERVICE_DB_PASSWORD"
create apps_service "$APPS_SERVICE_DB_PASSWORD"
create records_service "$RECORDS_SERVICE_DB_PASSWORD"
create notification_service "$NOTIFICATION_SERVICE_DB_PASSWORD"
create keycloak "$KEYCLOAK_DB_PASSWORD"
